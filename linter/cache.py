"""The incremental corpus index: per-file results cached on disk.

pre-commit passes only the staged files, but the corpus rules must judge them against the
whole corpus. The index keeps each file's per-file result (document findings and the small
corpus-rule summaries) in SQLite under ``.annolint_cache/``, keyed by the file's path and
validated by (size, mtime) first and the content hash second, together with a plan key
(tool version + rules + options + labels + profile) and a hash of the file's metadata.
A run then re-reads only files that changed.

Safety: writes are one transaction (SQLite WAL, busy timeout), so concurrent runs never see a
half-written index; a corrupt index is deleted and rebuilt with a warning. Results are pickled,
and unpickled with an allow-list of classes, because the cache folder is writable by anyone
who can commit to the repository.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from linter import __version__
from linter.discovery import SourceFile
from linter.engine import FileResult, Plan
from linter.metadata import load_metadata

CACHE_DIR = ".annolint_cache"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha TEXT,
    plan TEXT, meta TEXT, result BLOB
)
"""
_SAFE_BUILTINS = {"dict", "list", "tuple", "set", "frozenset", "str", "int", "float", "bool",
                  "bytes", "complex", "NoneType", "slice", "range"}


class _SafeUnpickler(pickle.Unpickler):
    """Only our own classes and plain containers may come out of the cache."""

    def find_class(self, module: str, name: str):
        if module == "builtins" and name in _SAFE_BUILTINS:
            return super().find_class(module, name)
        if module == "collections" and name in {"Counter", "defaultdict", "OrderedDict"}:
            return super().find_class(module, name)
        if module.startswith("linter.") or module == "linter":
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"refusing to load {module}.{name} from the cache")


def _loads(blob: bytes):
    return _SafeUnpickler(io.BytesIO(blob)).load()


def plan_key(plan: Plan) -> str:
    """A hash of everything that changes per-file results besides the file itself."""
    options = {code: (model.model_dump() if hasattr(model, "model_dump") else repr(model))
               for code, model in sorted(plan.options.items())}
    payload = json.dumps([__version__, sorted(plan.labels), sorted(plan.allow), plan.profile,
                          plan.document_codes, plan.corpus_codes, options, plan.formats],
                         sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def _meta_key(path: Path) -> str:
    metadata = load_metadata(path)
    if not metadata:
        return ""
    return hashlib.sha1(json.dumps(metadata, sort_keys=True, default=str).encode()).hexdigest()


@dataclass
class IndexStats:
    reused: int = 0
    relinted: int = 0
    rebuilt: bool = False
    warnings: list[str] = field(default_factory=list)


class CorpusIndex:
    """Per-file results of one corpus root, reusable across runs."""

    def __init__(self, root: Path) -> None:
        self.folder = root / CACHE_DIR
        self.path = self.folder / "index.sqlite"
        self.stats = IndexStats()

    def _connect(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        gitignore = self.folder / ".gitignore"
        if not gitignore.exists():
            gitignore.write_text("*\n", encoding="utf-8")
        connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        connection.execute("PRAGMA busy_timeout = 30000")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute(_SCHEMA)
        connection.execute("SELECT count(*) FROM files").fetchone()
        return connection

    def _open(self) -> sqlite3.Connection | None:
        try:
            return self._connect()
        except sqlite3.DatabaseError as error:
            self.stats.warnings.append(
                f"annolint: the corpus index {self.path} was unreadable ({error}); rebuilding it")
            self.stats.rebuilt = True
            for suffix in ("", "-wal", "-shm"):
                try:
                    os.unlink(str(self.path) + suffix)
                except OSError:
                    pass
            try:
                return self._connect()
            except (sqlite3.DatabaseError, OSError) as second:
                self.stats.warnings.append(f"annolint: cannot use the corpus index: {second}")
                return None
        except OSError as error:
            self.stats.warnings.append(f"annolint: cannot use the corpus index: {error}")
            return None

    def results(self, sources: list[SourceFile], plan: Plan,
                lint: Callable[[list[SourceFile], Plan], Iterable[FileResult]]
                ) -> Iterator[FileResult]:
        """Cached results for unchanged files, fresh ones (then stored) for the rest."""
        connection = self._open()
        if connection is None:
            yield from lint(sources, plan)
            return
        key = plan_key(plan)
        try:
            rows = {row[0]: row[1:] for row in connection.execute(
                "SELECT path, size, mtime_ns, sha, plan, meta, result FROM files")}
        except sqlite3.DatabaseError as error:
            self.stats.warnings.append(f"annolint: corpus index unreadable ({error}); relinting")
            rows = {}
        stale: list[SourceFile] = []
        updates: list[tuple] = []
        for source in sources:
            cached = self._reuse(source, rows.get(source.display), key, updates)
            if cached is None:
                stale.append(source)
            else:
                self.stats.reused += 1
                yield cached
        fresh_rows = []
        for result in lint(stale, plan):
            self.stats.relinted += 1
            yield result
            row = self._row(result, key)
            if row is not None:
                fresh_rows.append(row)
        self._write(connection, fresh_rows, updates)

    def _reuse(self, source: SourceFile, row, key: str, updates: list) -> FileResult | None:
        if row is None:
            return None
        size, mtime_ns, sha, row_plan, meta, blob = row
        if row_plan != key:
            return None
        try:
            stat = source.path.stat()
        except OSError:
            return None
        if _meta_key(source.path) != meta:
            return None
        if (stat.st_size, stat.st_mtime_ns) != (size, mtime_ns):
            try:
                digest = hashlib.sha256(source.path.read_bytes()).hexdigest()
            except OSError:
                return None
            if digest != sha:
                return None
            updates.append((stat.st_size, stat.st_mtime_ns, source.display))
        try:
            result = _loads(blob)
        except Exception:  # a damaged row is simply relinted
            return None
        return result if isinstance(result, FileResult) else None

    @staticmethod
    def _row(result: FileResult, key: str) -> tuple | None:
        if result.errors or not result.digest:  # never cache a crash or an unreadable file
            return None
        # A file modified within the clock's granularity of its stat could change again with
        # the same (size, mtime): store no mtime then, so the next run compares hashes.
        recent = time.time_ns() - result.mtime_ns < 2_000_000_000
        return (result.stats.path, result.size, -1 if recent else result.mtime_ns,
                result.digest, key,
                _meta_key(Path(result.stats.path)),
                pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))

    def _write(self, connection: sqlite3.Connection, rows: list[tuple], updates: list) -> None:
        if not rows and not updates:
            connection.close()
            return
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.executemany(
                "INSERT OR REPLACE INTO files (path, size, mtime_ns, sha, plan, meta, result) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            connection.executemany("UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?",
                                   updates)
            connection.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            print(f"annolint: could not update the corpus index: {error}", file=sys.stderr)
        finally:
            connection.close()
