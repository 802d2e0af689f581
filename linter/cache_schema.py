"""The corpus index's tables, layout check and plan key (see :mod:`linter.cache`)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from pydantic import BaseModel

from linter import __version__
from linter.engine import Plan
from linter.kebab import plain
from linter.metadata import load_metadata

CACHE_DIR = ".annolint_cache"
# Bump when FileResult, Finding, a summary layout or the tables change: the index is rebuilt.
CACHE_FORMAT = 9
_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha TEXT,
    plan TEXT, meta TEXT, result TEXT, mac TEXT
);
CREATE TABLE IF NOT EXISTS agg (
    name TEXT, key TEXT, blob TEXT, mac TEXT, PRIMARY KEY (name, key)
);
CREATE TABLE IF NOT EXISTS agg_state (name TEXT PRIMARY KEY, plan TEXT, rows INTEGER,
                                      entries INTEGER, mac TEXT);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER);
CREATE TABLE IF NOT EXISTS sidecars (plan TEXT PRIMARY KEY, fingerprint TEXT, mac TEXT);
"""
_COLUMNS = {
    "files": ["path", "size", "mtime_ns", "sha", "plan", "meta", "result", "mac"],
    "agg": ["name", "key", "blob", "mac"],
    "agg_state": ["name", "plan", "rows", "entries", "mac"],
    "meta": ["key", "value"],
    "sidecars": ["plan", "fingerprint", "mac"],
}
_UNKNOWN = object()  # the plan of a stored row that does not verify


class Damaged(sqlite3.DatabaseError):
    """The index is readable SQLite but not an index of this layout."""


def plan_key(plan: Plan) -> str:
    """A hash of everything that changes per-file results besides the file itself."""
    options = {code: (plain(model) if isinstance(model, BaseModel) else repr(model))
               for code, model in sorted(plan.options.items())}
    payload = json.dumps([__version__, CACHE_FORMAT, sorted(plan.labels), sorted(plan.allow),
                          plan.profile, plan.document_codes, plan.corpus_codes, options,
                          plan.formats, plan.external_links],
                         sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def _meta_key(path: str | Path, root: str | Path | None = None) -> str:
    metadata = load_metadata(path, root)
    if not metadata:
        return ""
    return hashlib.sha1(json.dumps(metadata, sort_keys=True, default=str)
                        .encode("utf-8", "surrogatepass")).hexdigest()


def _generation(connection: sqlite3.Connection) -> int:
    row = connection.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    if row is None:
        return 0
    if type(row[0]) is not int:
        raise Damaged("meta.generation is not an integer")
    return row[0]


def _check_layout(connection: sqlite3.Connection) -> None:
    """Raise :class:`Damaged` unless the tables are this version's (so the index is rebuilt
    once, instead of warning on every run)."""
    for table, columns in _COLUMNS.items():
        found = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
        if found != columns:
            raise Damaged(f"table {table} has another layout")
    row = connection.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    if row is None:
        if connection.execute("SELECT count(*) FROM files").fetchone()[0]:
            raise Damaged("index of an unknown format")
        connection.execute("INSERT OR IGNORE INTO meta VALUES ('format', ?)", (CACHE_FORMAT,))
    elif row[0] != CACHE_FORMAT:
        raise Damaged(f"index format {row[0]!r}, expected {CACHE_FORMAT}")
    _generation(connection)


def _drop_total(connection: sqlite3.Connection, name: str) -> None:
    connection.execute("DELETE FROM agg WHERE name = ?", (name,))
    connection.execute("DELETE FROM agg_state WHERE name = ?", (name,))


def _rollback(connection: sqlite3.Connection) -> None:
    """End the open transaction, if any, whatever state the connection is in."""
    try:
        connection.execute("ROLLBACK")
    except sqlite3.DatabaseError:
        pass
