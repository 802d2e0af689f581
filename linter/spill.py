"""A run's per-file results on disk, so that memory does not grow with the corpus.

A full run streams every file's result here as it arrives from the workers (its corpus
summaries, its raw findings, where it was read from), then reads the summaries back in
batches for the corpus phase and the findings back one file at a time for the policy, and
finally hands the reports a :class:`FindingList` that reads the policed findings back in
their sorted order.

The store is a SQLite file in a private temporary folder (``mkdtemp``: mode 0700) that this
process creates, alone writes and reads back within the same run, and deletes when the
spill is garbage-collected or the interpreter exits. That is why it may hold pickles of the
engine's own objects (findings, summaries): nothing here is ever read from a previous run,
the repository or another user (the corpus index, which is, stores signed JSON instead).
"""

from __future__ import annotations

import os
import pickle
import shutil
import sqlite3
import tempfile
import weakref
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from linter.model import Finding

_SCHEMA = """
CREATE TABLE files (seq INTEGER PRIMARY KEY, path BLOB, disk BLOB, digest TEXT, data BLOB);
CREATE TABLE raw (seq INTEGER PRIMARY KEY, path BLOB, data BLOB);
CREATE TABLE final (seq INTEGER PRIMARY KEY, data BLOB);
CREATE TABLE stats (seq INTEGER PRIMARY KEY, path BLOB, data BLOB);
"""
_COMMIT_EVERY = 2000  # rows per transaction while streaming in
_PROTOCOL = pickle.HIGHEST_PROTOCOL


def _key(path: str) -> bytes:
    """A path as a blob whose byte order is Python's string order (surrogates included)."""
    return path.encode("utf-8", "surrogatepass")


def path_of(blob: bytes) -> str:
    """The path a :func:`_key` blob stands for."""
    return blob.decode("utf-8", "surrogatepass")


_path = path_of


class Spill:
    """The on-disk store of one run (see the module docstring)."""

    def __init__(self, folder: str | None = None) -> None:
        self.folder = tempfile.mkdtemp(prefix="annolint-run-", dir=folder)
        self._cleanup = weakref.finalize(self, shutil.rmtree, self.folder, True)
        self.path = os.path.join(self.folder, "run.sqlite")
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "temp_store = FILE",
                       "cache_size = -8000"):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.executescript(_SCHEMA)
        self._pending = 0
        self.db.execute("BEGIN")

    def _tick(self) -> None:
        self._pending += 1
        if self._pending >= _COMMIT_EVERY:
            self.db.execute("COMMIT")
            self.db.execute("BEGIN")
            self._pending = 0

    def add_file(self, path: str, disk: str, digest: str, summaries: dict[str, Any],
                 views: Any) -> None:
        """One linted file: where it is and its corpus summaries (and prose views)."""
        data = pickle.dumps((summaries, views), _PROTOCOL) if summaries or views else None
        self.db.execute("INSERT INTO files (path, disk, digest, data) VALUES (?, ?, ?, ?)",
                        (_key(path), _key(disk), digest, data))
        self._tick()

    def add_findings(self, path: str, findings: list[Finding]) -> None:
        """Raw findings at ``path`` (several calls for one path keep their order)."""
        if findings:
            self.db.execute("INSERT INTO raw (path, data) VALUES (?, ?)",
                            (_key(path), pickle.dumps(findings, _PROTOCOL)))
            self._tick()

    def add_stats(self, stats: Any) -> None:
        """One file's figures for the reports (a :class:`linter.result.FileStats`)."""
        self.db.execute("INSERT INTO stats (path, data) VALUES (?, ?)",
                        (_key(stats.path), pickle.dumps(stats, _PROTOCOL)))
        self._tick()

    def stats(self) -> Iterator[Any]:
        """Every file's figures, by path (a path's in insertion order)."""
        rows = self.db.execute("SELECT data FROM stats ORDER BY path, seq")
        while chunk := rows.fetchmany(1000):
            for (data,) in chunk:
                yield pickle.loads(data)

    def flush(self) -> None:
        self.db.execute("COMMIT")
        self.db.execute("BEGIN")
        self._pending = 0

    def share(self) -> None:
        """Commit, and let worker processes read the store while this one writes (WAL)."""
        self.db.execute("COMMIT")
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("BEGIN")
        self._pending = 0

    def batch_ranges(self, batch: int) -> list[tuple[int, int]]:
        """(first, last) ``seq`` of each batch :meth:`summaries` would yield."""
        self.flush()
        seqs = [seq for (seq,) in self.db.execute(
            "SELECT seq FROM files WHERE data IS NOT NULL ORDER BY seq")]
        return [(seqs[i], seqs[min(i + batch, len(seqs)) - 1])
                for i in range(0, len(seqs), batch)]

    def summaries(self, batch: int) -> Iterator[list[tuple[str, dict[str, Any], Any]]]:
        """(path, summaries, views) of every file with any, ``batch`` files at a time, in
        the order they were added."""
        self.flush()
        last = 0
        while True:
            rows = self.db.execute("SELECT seq, path, data FROM files WHERE seq > ? AND "
                                   "data IS NOT NULL ORDER BY seq LIMIT ?",
                                   (last, batch)).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield [(_path(path), *pickle.loads(data)) for _, path, data in rows]

    def raw_by_path(self) -> Iterator[tuple[str, list[Finding]]]:
        """Every path's raw findings, paths in sorted order, each path's in insertion order."""
        self.flush()
        self.db.execute("CREATE INDEX IF NOT EXISTS raw_path ON raw (path, seq)")
        current: bytes | None = None
        found: list[Finding] = []
        for path, data in self.db.execute("SELECT path, data FROM raw ORDER BY path, seq"):
            if path != current:
                if current is not None:
                    yield _path(current), found
                current, found = path, []
            found.extend(pickle.loads(data))
        if current is not None:
            yield _path(current), found

    def add_final(self, findings: list[Finding]) -> None:
        """Policed findings, in the order the reports list them."""
        if findings:
            self.db.execute("INSERT INTO final (data) VALUES (?)",
                            (pickle.dumps(findings, _PROTOCOL),))
            self._tick()

    def finish(self) -> None:
        """Done writing: what remains is read by the reports."""
        self.db.execute("COMMIT")
        self.db.execute("DELETE FROM raw")
        self.db.execute("CREATE INDEX IF NOT EXISTS files_path ON files (path)")
        self.db.execute("CREATE INDEX IF NOT EXISTS stats_path ON stats (path, seq)")
        self._pending = 0

    def final(self) -> Iterator[Finding]:
        for (data,) in self.db.execute("SELECT data FROM final ORDER BY seq"):
            yield from pickle.loads(data)

    def linted(self) -> LintedFiles:
        return LintedFiles(self)


class LintedFiles:
    """display path -> (path on disk, digest) of the files a run linted, read from a spill
    (what :class:`linter.documents.LintedDocuments` asks)."""

    def __init__(self, spill: Spill) -> None:
        self._spill = spill

    def get(self, display: str, default: Any = None) -> Any:
        row = self._spill.db.execute("SELECT disk, digest FROM files WHERE path = ? "
                                     "ORDER BY seq DESC LIMIT 1", (_key(display),)).fetchone()
        return (_path(row[0]), row[1]) if row else default


class _Spilled(Sequence):
    """A list read back from a spill when iterated: ``_count`` items, ``__iter__`` given."""

    _count: int
    _noun = "item"

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(self._count)
            if step < 0:
                return list(self)[index]
            return list(islice(iter(self), start, stop, step))
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(f"{self._noun} index out of range")
        return next(islice(iter(self), index, None))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._count} {self._noun}s)"


class StatsList(_Spilled):
    """Every linted file's :class:`linter.result.FileStats`, read back from the spill in path
    order when iterated, so a run does not hold a record per file in memory. Reads as a
    list (len, iteration, indexing, slicing)."""

    _noun = "file"

    def __init__(self, spill: Spill, count: int) -> None:
        self._spill = spill
        self._count = count

    def __iter__(self) -> Iterator[Any]:
        return self._spill.stats()


class FindingList(_Spilled):
    """The findings of a run, read back from its spill in sorted order when iterated.

    Behaves as a list for reading (len, iteration, slicing, indexing) and ``append``; code
    that removes findings assigns a new list to ``RunResult.findings`` (baseline, decisions)."""

    _noun = "finding"

    def __init__(self, spill: Spill, count: int, severities: dict[str, int] | None = None,
                 rules: dict[str, int] | None = None) -> None:
        self._spill = spill
        self._count = count
        # counted as the findings were written, so summaries need not read them back
        self.severity_counts = dict(severities or {})
        self.rule_counts = dict(rules or {})
        self._extra: list[Finding] = []  # appended after the run, kept in memory

    def append(self, finding: Finding) -> None:
        """Add a finding after the spilled ones (what the run's own steps append)."""
        self._extra.append(finding)
        self._count += 1
        level = finding.severity or "warning"
        self.severity_counts[level] = self.severity_counts.get(level, 0) + 1
        self.rule_counts[finding.rule] = self.rule_counts.get(finding.rule, 0) + 1

    def extend(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            self.append(finding)

    def __iter__(self) -> Iterator[Finding]:
        yield from self._spill.final()
        yield from list(self._extra)
