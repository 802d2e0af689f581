"""The incremental corpus index: per-file results cached on disk.

pre-commit passes only the staged files, but the corpus rules must judge them against the
whole corpus. The index keeps each file's per-file result (document findings and the small
corpus-rule summaries) in SQLite under ``.annolint_cache/``, keyed by the file's path and
validated by (size, mtime) first and the content hash second, together with a plan key
(tool version + rules + options + labels + profile) and a hash of the file's metadata.
A run then re-reads only files that changed.

Trust: the cache folder is writable by anyone who can commit to the repository, so the
index never decides a finding on its own. Rows are JSON validated on load and carry an
HMAC (see :mod:`linter.cache_codec`); so do the stored corpus totals and their state, which
also records how many rows the total sums. A row that does not verify is relinted and
replaced; a total that does not verify, or does not sum the rows it should, is rebuilt from
the rows in memory (and stored again), so a focused run always equals the full run.

Safety: writes are one transaction (SQLite WAL, busy timeout), so concurrent runs never see a
half-written index; an unreadable index, or one of another layout, is deleted and rebuilt
with a warning.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from linter import cache_codec as codec
from linter.cache_schema import (CACHE_DIR, CACHE_FORMAT, _SCHEMA, _check_layout,  # noqa: F401 (re-exported)
                                 _generation, _meta_key, plan_key)
from linter.cache_totals import TotalsReader
from linter.cache_write import IndexWriter
from linter.discovery import SourceFile
from linter.engine import FileResult, Plan
from linter.freshness import ensure_stat_index
from linter.cache_sidecars import SidecarKeys
from linter.safe_io import read_regular

@dataclass
class IndexStats:
    reused: int = 0
    relinted: int = 0
    warnings: list[str] = field(default_factory=list)


class CorpusIndex(TotalsReader, IndexWriter):
    """Per-file results of one corpus root, reusable across runs."""

    def __init__(self, root: Path, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else root / CACHE_DIR
        self.path = self.folder / "index.sqlite"
        self.stats = IndexStats()
        self._keys = SidecarKeys(None)  # metadata keys, per run (root: the plan's root)
        self._root: str | None = None  # the plan's root: where sidecar lookup stops
        # the sidecars' fingerprint now, and whether the index stores it for this plan (then
        # every row's metadata key still holds and is not recomputed)
        self._sidecars: str | None = None
        self._meta_trusted = False
        self._read: tuple[int, dict] = (-1, {})  # (generation, this plan's rows) at read
        self._written: dict[tuple[str, str], tuple[str, object]] = {}  # total entries stored
        self._key: bytes | None = None
        self._suspect = False  # something in the index did not verify during this run
        self._aggregators: dict[str, tuple[str, Callable]] = {}
        self._totals: dict[str, dict] | None = None
        self._summing: set[str] = set()

    @property
    def key(self) -> bytes:
        if self._key is None:
            self._key = codec.load_key()
        return self._key

    def _connect(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        gitignore = self.folder / ".gitignore"
        if not gitignore.exists():
            gitignore.write_text("*\n", encoding="utf-8")
        connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            connection.execute("PRAGMA busy_timeout = 30000")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
            connection.executescript(_SCHEMA)
            connection.execute("SELECT count(*) FROM files").fetchone()
            _check_layout(connection)
        except BaseException:
            connection.close()
            raise
        return connection

    def _open(self) -> sqlite3.Connection | None:
        try:
            return self._connect()
        except sqlite3.DatabaseError as error:
            self._suspect = True
            self.stats.warnings.append(
                f"annolint: the corpus index {self.path} was unreadable ({error}); rebuilding it")
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
        With ``focus``, unchanged files outside it are not even loaded: the caller reads
        corpus evidence through :meth:`aggregate` instead. ``complete`` says ``sources`` is
        the whole corpus, so rows of files that disappeared are pruned.
        """
        aggregators = aggregators or {}
        self._aggregators = aggregators
        self._totals = None
        self._suspect = False
        self._written = {}
        self._summing = set()
        self.release()  # a reading connection left by an earlier run of this index
        self._run = (sources, plan, lint)
        self._root = getattr(plan, "root", None)
        self._keys = SidecarKeys(self._root)
        self._sidecars, self._meta_trusted = self._keys.fingerprint(sources), False
        connection = self._connection = self._open()
        if connection is None:
            yield from self._without_index(sources, plan, lint)
            return
        key = self._plan = plan_key(plan)
        try:
            found = self._classify(connection, sources, key, focus, complete)
        except sqlite3.DatabaseError as error:  # damaged mid-read: start a new index
            connection = self._connection = self._discard(connection, error)
            if connection is None:
                yield from self._without_index(sources, plan, lint)
                return
            found = self._classify(connection, sources, key, focus, complete)
        cached_results, stale, updates, stale_totals, rebuild, generation = found
        yield from cached_results
        fresh: list[tuple[FileResult, tuple]] = []
        unstored: list[str] = []  # stale files whose new result is not stored: rows go
        real_paths = {source.display: source.path for source in stale}
        for result in lint(stale, plan):
            self.stats.relinted += 1
            if rebuild:
                self._contribute_all(self._totals, result)
            yield result
            row = self._row(result, key, real_paths.get(result.stats.path, result.stats.path))
            if row is not None:
                fresh.append((result, row))
            else:
                unstored.append(result.stats.path)
        current = {source.display for source in sources} if complete else None
        persist = stale_totals if rebuild and complete else set()
        count = len(sources) if rebuild else 0
        self._write(connection, fresh, updates, key, persist, current, generation, count,
                    unstored)
        self._summing = set()  # this run's writes changed the totals' states

    def _classify(self, connection: sqlite3.Connection, sources: list[SourceFile], key: str,
                  focus: set[str] | None, complete: bool) -> tuple:
        """Which sources the index still describes (their verified results, when needed),
        which must be linted, and whether the totals are rebuilt in memory this run."""
        ensure_stat_index(connection)  # the stat query then skips the stored results
        self._meta_trusted = (self._sidecars is not None
                              and self._stored_sidecars(connection, key) == self._sidecars)
        # the rows as of this generation (read first: a write in between changes it)
        self._read = (_generation(connection), rows := self._rows(connection, key))
        states = self._states(connection)
        generation = _generation(connection)
        # Totals whose stored plan is not this run's must be recomputed from every file: only
        # a run over the whole corpus (or a focused one, which needs them now) does that.
        stale_totals = {name for name in self._aggregators
                        if states.get(name, (None,))[0] != key}
        rebuild = bool(stale_totals) and (complete or focus is not None)
        self._totals = {name: {} for name in self._aggregators} if rebuild else None
        stale: list[SourceFile] = []
        updates: list[tuple] = []
        cached_results: list[FileResult] = []
        for source in sources:
            if not self._unchanged(source, rows.get(source.display), updates):
                stale.append(source)
                continue
            wanted = focus is None or source.display in focus
            if not wanted and not rebuild:
                self.stats.reused += 1
                continue
            cached = self._load(connection, source.display, key)
            if cached is None:
                stale.append(source)
                continue
            self.stats.reused += 1
            if rebuild:
                self._contribute_all(self._totals, cached)
            if wanted:
                cached_results.append(cached)
        return cached_results, stale, updates, stale_totals, rebuild, generation

    def _discard(self, connection: sqlite3.Connection, error: Exception
                 ) -> sqlite3.Connection | None:
        """Delete a damaged index and open a new, empty one (None if that fails too)."""
        self._suspect = True
        self.stats.reused = 0
        self.stats.warnings.append(f"annolint: the corpus index {self.path} is damaged "
                                   f"({error}); rebuilding it")
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            try:
                os.unlink(str(self.path) + suffix)
            except OSError:
                pass
        try:
            return self._connect()
        except (sqlite3.DatabaseError, OSError):
            return None

    def _without_index(self, sources, plan, lint) -> Iterator[FileResult]:
        self._totals = {name: {} for name in self._aggregators}
        for result in lint(sources, plan):
            self._contribute_all(self._totals, result)
            yield result

    @staticmethod
    def _rows(connection: sqlite3.Connection, key: str) -> dict[str, tuple]:
        """path → (size, mtime_ns, meta) of the rows of plan ``key`` (the hash is fetched
        only when a stat differs)."""
        return {path: (size, mtime_ns, meta) for path, size, mtime_ns, meta in connection.execute(
            "SELECT path, size, mtime_ns, meta FROM files WHERE plan = ?", (key,))}

    def _states(self, connection: sqlite3.Connection) -> dict[str, tuple[str, int, int]]:
        """name → (plan, rows summed, entries) of the totals whose state verifies."""
        return {name: (plan, rows, entries) for name, plan, rows, entries, mac in
                connection.execute("SELECT name, plan, rows, entries, mac FROM agg_state")
                if codec.verify(self.key, mac, name, plan, rows, entries)}

    def _load(self, connection: sqlite3.Connection, path: str, key: str) -> FileResult | None:
        """The stored result for ``path`` under plan ``key``; None unless it verifies."""
        try:
            row = connection.execute("SELECT sha, plan, meta, result, mac FROM files "
                                     "WHERE path = ?", (path,)).fetchone()
        except sqlite3.DatabaseError:
            self._suspect = True
            return None
        if row is None or row[1] != key:
            return None
        return self._verified(path, *row)

    def _verified(self, path, sha, plan, meta, payload, mac) -> FileResult | None:
        if not codec.verify(self.key, mac, path, sha, plan, meta, payload):
            self._suspect = True
            return None
        try:
            return codec.decode_result(payload, path, sha)
        except (codec.Invalid, TypeError, ValueError, RecursionError):
            self._suspect = True
            return None

    def _unchanged(self, source: SourceFile, row, updates: list) -> bool:
        """True when the stored row still describes this file's bytes under this plan."""
        if row is None:
            return False
        size, mtime_ns, meta = row
        try:
            stat = os.stat(source.path)
        except OSError:
            return False
        if not self._meta_trusted and self._keys.key(source.path) != meta:
            return False
        if (stat.st_size, stat.st_mtime_ns) != (size, mtime_ns):
            try:
                data, stat = read_regular(source.path)
            except OSError:
                return False
            digest = hashlib.sha256(data).hexdigest()
            stored = self._connection.execute("SELECT sha FROM files WHERE path = ?",
                                              (source.display,)).fetchone()
            if stored is None or digest != stored[0]:
                return False
            updates.append((stat.st_size, stat.st_mtime_ns, source.display))
        return True

    def _row(self, result: FileResult, key: str, real_path: str) -> tuple | None:
        if result.errors or not result.digest:  # never cache a crash or an unreadable file
            return None
        try:
            payload = codec.encode_result(result)
        except codec.Unstorable:
            return None
        # A file modified within the clock's granularity of its stat could change again with
        # the same (size, mtime): store no mtime then, so the next run compares hashes.
        recent = time.time_ns() - result.mtime_ns < 2_000_000_000
        path, meta = result.stats.path, self._keys.key(real_path)
        return (path, result.size, -1 if recent else result.mtime_ns, result.digest, key,
                meta, payload, codec.mac(self.key, path, result.digest, key, meta, payload))
