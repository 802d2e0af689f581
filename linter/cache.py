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
from linter.aggregate import add_into
from linter.metadata import has_sidecars, load_metadata

CACHE_DIR = ".annolint_cache"
# Bump when FileResult, Finding or a summary layout changes: old rows are then relinted.
CACHE_FORMAT = 5
_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha TEXT,
    plan TEXT, meta TEXT, result BLOB
);
CREATE TABLE IF NOT EXISTS agg (
    name TEXT, key TEXT, blob BLOB, PRIMARY KEY (name, key)
);
CREATE TABLE IF NOT EXISTS agg_state (name TEXT PRIMARY KEY, plan TEXT);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER);
"""
_SAFE_BUILTINS = {"dict", "list", "tuple", "set", "frozenset", "str", "int", "float", "bool",
                  "bytes", "complex", "NoneType"}
# Every global a cached result may reference. A new class in a rule's summary must be added
# here (its rows are otherwise relinted on every run: safe, only slower).
_ALLOWED_GLOBALS = {
    ("linter.engine", "FileResult"),
    ("linter.result", "FileStats"),
    ("linter.model", "Finding"),
    ("linter.model", "Span"),
    ("linter.rules.lbl.mentions", "MentionSummary"),
    ("linter.rules.lbl.mentions", "load_summary"),
}


class _SafeUnpickler(pickle.Unpickler):
    """Only the listed classes and plain containers may come out of the cache.

    The cache folder sits in the repository, so a committed index could carry a crafted
    pickle: anything not on the explicit list (a dotted name such as ``os.system`` included)
    is refused.
    """

    def find_class(self, module: str, name: str):
        if "." not in name and (
                (module == "builtins" and name in _SAFE_BUILTINS)
                or (module, name) in _ALLOWED_GLOBALS):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"refusing to load {module}.{name} from the cache")


def _loads(blob: bytes):
    return _SafeUnpickler(io.BytesIO(blob)).load()


def plan_key(plan: Plan) -> str:
    """A hash of everything that changes per-file results besides the file itself."""
    options = {code: (model.model_dump() if hasattr(model, "model_dump") else repr(model))
               for code, model in sorted(plan.options.items())}
    payload = json.dumps([__version__, CACHE_FORMAT, sorted(plan.labels), sorted(plan.allow), plan.profile,
                          plan.document_codes, plan.corpus_codes, options, plan.formats],
                         sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def _meta_key(path: str | Path) -> str:
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
        self._folders: dict[str, bool] = {}

    def _connect(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        gitignore = self.folder / ".gitignore"
        if not gitignore.exists():
            gitignore.write_text("*\n", encoding="utf-8")
        connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        connection.execute("PRAGMA busy_timeout = 30000")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.executescript(_SCHEMA)
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
                lint: Callable[[list[SourceFile], Plan], Iterable[FileResult]], *,
                aggregators: dict[str, tuple[str, Callable]] | None = None,
                focus: set[str] | None = None, complete: bool = False
                ) -> Iterator[FileResult]:
        """Cached results for unchanged files, fresh ones (then stored) for the rest.

        ``aggregators`` (aggregate name → (a rule code whose summary feeds it, its contribute
        function)) are kept up to date on disk.
        With ``focus``, unchanged files outside it are not even unpickled: the caller reads
        corpus evidence through :meth:`aggregate` instead. ``complete`` says ``sources`` is
        the whole corpus, so rows of files that disappeared are pruned.
        """
        aggregators = aggregators or {}
        self._aggregators = aggregators
        self._totals: dict[str, dict] | None = None
        connection = self._connection = self._open()
        if connection is None:
            self._totals = {name: {} for name in aggregators}
            for result in lint(sources, plan):
                self._add_contributions(self._totals, result, 1)
                yield result
            return
        key = plan_key(plan)
        try:
            # only rows of this plan can be reused; the hash is fetched when a stat differs
            rows = {row[0]: row[1:] for row in connection.execute(
                "SELECT path, size, mtime_ns, meta FROM files WHERE plan = ?", (key,))}
            states = dict(connection.execute("SELECT name, plan FROM agg_state"))
            generation = _generation(connection)
        except sqlite3.DatabaseError as error:
            self.stats.warnings.append(f"annolint: corpus index unreadable ({error}); relinting")
            rows, states, generation = {}, {}, -1
        # Totals whose stored plan is not this run's must be recomputed from every file: only
        # a run over the whole corpus (or a focused one, which needs them now) does that.
        stale_totals = {name for name in aggregators if states.get(name) != key}
        rebuild = bool(stale_totals) and (complete or focus is not None)
        if rebuild:
            self._totals = {name: {} for name in aggregators}
        stale: list[SourceFile] = []
        updates: list[tuple] = []
        for source in sources:
            if not self._unchanged(source, rows.get(source.display), key, updates):
                stale.append(source)
                continue
            wanted = focus is None or source.display in focus
            if not wanted and not rebuild:
                self.stats.reused += 1
                continue
            cached = self._load(connection, source.display)
            if cached is None:
                stale.append(source)
                continue
            self.stats.reused += 1
            if rebuild:
                self._add_contributions(self._totals, cached, 1)
            if wanted:
                yield cached
        fresh: list[FileResult] = []
        for result in lint(stale, plan):
            self.stats.relinted += 1
            if rebuild:
                self._add_contributions(self._totals, result, 1)
            yield result
            if not result.errors and result.digest:
                fresh.append(result)
        current = {source.display for source in sources} if complete else None
        persist = stale_totals if rebuild and complete else set()
        self._write(connection, fresh, updates, key, persist, current, generation)

    def aggregate(self, name: str, keys: Iterable[str]) -> dict:
        """The corpus total of aggregate ``name`` restricted to ``keys``."""
        wanted = set(keys)
        if self._totals is not None:
            total = self._totals.get(name, {})
            return {k: total[k] for k in wanted if k in total}
        connection = self._open()
        if connection is None:
            return {}
        found: dict = {}
        ordered = sorted(wanted)
        try:
            for start in range(0, len(ordered), 500):
                chunk = ordered[start:start + 500]
                marks = ",".join("?" * len(chunk))
                for key, blob in connection.execute(
                        f"SELECT key, blob FROM agg WHERE name = ? AND key IN ({marks})",
                        [name, *chunk]):
                    found[key] = _loads(blob)
        except (sqlite3.DatabaseError, pickle.UnpicklingError, ValueError, EOFError) as error:
            self.stats.warnings.append(f"annolint: corpus totals unreadable ({error}); "
                                       "evidence from other files is missing in this run")
        finally:
            connection.close()
        return found

    def _add_contributions(self, totals: dict[str, dict], result: FileResult, sign: int) -> None:
        for name, (code, contribute) in self._aggregators.items():
            summary = result.summaries.get(code)
            if summary is not None:
                add_into(totals.setdefault(name, {}), contribute(summary), sign)

    def _load(self, connection: sqlite3.Connection, path: str) -> FileResult | None:
        try:
            row = connection.execute("SELECT result FROM files WHERE path = ?", (path,)).fetchone()
            result = _loads(row[0]) if row else None
        except Exception:  # a damaged row is simply relinted
            return None
        return result if isinstance(result, FileResult) else None

    def _metadata_key(self, path: str) -> str:
        """``_meta_key`` with one sidecar check per folder per run instead of per file."""
        folder = os.path.dirname(path) or "."
        has = self._folders.get(folder)
        if has is None:
            has = self._folders[folder] = has_sidecars(folder)
        return _meta_key(path) if has else ""

    def _unchanged(self, source: SourceFile, row, key: str, updates: list) -> bool:
        """True when the stored row still describes this file's bytes under this plan."""
        if row is None:
            return False
        size, mtime_ns, meta = row
        try:
            stat = os.stat(source.path)
        except OSError:
            return False
        if self._metadata_key(source.path) != meta:
            return False
        if (stat.st_size, stat.st_mtime_ns) != (size, mtime_ns):
            try:
                with open(source.path, "rb") as handle:
                    digest = hashlib.sha256(handle.read()).hexdigest()
            except OSError:
                return False
            stored = self._connection.execute("SELECT sha FROM files WHERE path = ?",
                                              (source.display,)).fetchone()
            if stored is None or digest != stored[0]:
                return False
            updates.append((stat.st_size, stat.st_mtime_ns, source.display))
        return True

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

    def _write(self, connection: sqlite3.Connection, fresh: list[FileResult], updates: list,
               key: str, rebuilt: set[str], current: set[str] | None,
               generation: int) -> None:
        """Store fresh results and keep every stored total equal to the sum over the rows
        of its plan.

        Inside one write transaction: a replaced or deleted row whose plan is a total's plan
        takes its contribution out of that total, a new row of that plan adds its own; a
        total this run cannot compute (its rule did not run) is dropped when rows of its plan
        change, so the next full run rebuilds it. Totals rebuilt in memory are stored only if
        no other run wrote rows meanwhile.
        """
        rows = [row for row in (self._row(result, key) for result in fresh) if row is not None]
        if not rows and not updates and not rebuilt and current is None:
            connection.close()
            return
        try:
            connection.execute("BEGIN IMMEDIATE")
            states = dict(connection.execute("SELECT name, plan FROM agg_state"))
            unchanged_since_read = _generation(connection) == generation
            gone: list[str] = []
            if current is not None:
                gone = [path for (path,) in connection.execute("SELECT path FROM files")
                        if path not in current]
            replaced = [self._stored(connection, path) for path in
                        [result.stats.path for result in fresh] + gone]
            for name, state_plan in states.items():
                if name in rebuilt and unchanged_since_read:
                    continue
                olds = [old for plan, old in replaced if plan == state_plan]
                if name not in self._aggregators:
                    if olds:
                        _drop_total(connection, name)
                    continue
                delta: dict = {}
                for old in olds:
                    if old is None:  # unreadable old row: the total cannot be corrected
                        delta = None
                        break
                    self._add_contribution(delta, name, old, -1)
                if delta is None:
                    _drop_total(connection, name)
                    continue
                if state_plan == key:
                    for result in fresh:
                        self._add_contribution(delta, name, result, 1)
                self._apply(connection, name, delta)
            connection.executemany("DELETE FROM files WHERE path = ?", [(path,) for path in gone])
            connection.executemany(
                "INSERT OR REPLACE INTO files (path, size, mtime_ns, sha, plan, meta, result) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            connection.executemany("UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?",
                                   updates)
            if unchanged_since_read:
                for name in rebuilt:
                    _drop_total(connection, name)
                    connection.executemany(
                        "INSERT INTO agg (name, key, blob) VALUES (?, ?, ?)",
                        [(name, k, _dumps(v)) for k, v in (self._totals or {})[name].items()])
                    connection.execute("INSERT OR REPLACE INTO agg_state VALUES (?, ?)",
                                       (name, key))
            if rows or gone:
                connection.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)",
                                   (_generation(connection) + 1,))
            connection.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            print(f"annolint: could not update the corpus index: {error}", file=sys.stderr)
            try:
                connection.execute("ROLLBACK")
            except sqlite3.DatabaseError:
                pass
        finally:
            connection.close()

    def _add_contribution(self, totals: dict, name: str, result: FileResult, sign: int) -> None:
        code, contribute = self._aggregators[name]
        summary = result.summaries.get(code)
        if summary is not None:
            add_into(totals, contribute(summary), sign)

    @staticmethod
    def _stored(connection: sqlite3.Connection, path: str) -> tuple[str | None, FileResult | None]:
        """(plan, result) of the stored row for ``path``; (None, None) when there is none."""
        row = connection.execute("SELECT plan, result FROM files WHERE path = ?",
                                 (path,)).fetchone()
        if row is None:
            return None, None
        try:
            result = _loads(row[1])
        except Exception:
            return row[0], None
        return row[0], result if isinstance(result, FileResult) else None

    @staticmethod
    def _apply(connection: sqlite3.Connection, name: str, delta: dict) -> None:
        for key, change in delta.items():
            row = connection.execute("SELECT blob FROM agg WHERE name = ? AND key = ?",
                                     (name, key)).fetchone()
            total = {key: _loads(row[0])} if row else {}
            add_into(total, {key: change})
            if key in total:
                connection.execute("INSERT OR REPLACE INTO agg (name, key, blob) VALUES (?, ?, ?)",
                                   (name, key, _dumps(total[key])))
            elif row:
                connection.execute("DELETE FROM agg WHERE name = ? AND key = ?", (name, key))


def _generation(connection: sqlite3.Connection) -> int:
    row = connection.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    return row[0] if row else 0


def _drop_total(connection: sqlite3.Connection, name: str) -> None:
    connection.execute("DELETE FROM agg WHERE name = ?", (name,))
    connection.execute("DELETE FROM agg_state WHERE name = ?", (name,))


def _dumps(value) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
