"""The read side of the corpus totals in the index (mixed into :class:`linter.cache.CorpusIndex`).

A focused run reads, for its files' lookup keys, the stored totals; a total is used only when
its state verifies and it sums exactly the rows of this plan, and each entry's MAC is checked
before it is handed out (decoded on first read: :mod:`linter.lazy_totals`). Otherwise every
total is rebuilt from the files in memory and stored again (see :mod:`linter.cache`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from linter import cache_codec as codec
from linter.aggregate import SPREAD_SEPARATOR, add_into
from linter.cache_schema import _generation, _rollback
from linter.discovery import SourceFile
from linter.engine import FileResult
from linter.lazy_totals import LazyTotal, StoredTable, Untrusted


class TotalsReader:
    """Uses the index's key, plan, aggregators and connection helpers."""

    _summing: set[str]  # totals found to sum this plan's rows in this run
    _reading: sqlite3.Connection | None = None  # see _reader

    def aggregate(self, name: str, keys: Iterable[str]) -> Mapping[str, Any]:
        """The corpus total of aggregate ``name`` restricted to ``keys``.

        A stored total is used only when its state verifies and it sums exactly the rows of
        this plan; otherwise (or when one of its entries does not verify) every total is
        rebuilt from the files, in memory, and stored again."""
        wanted = set(keys)
        if self._totals is None:
            found = self._stored_totals(name, sorted(wanted))
            if found is not None:
                return found
            self.stats.warnings.append("annolint: the corpus totals in the index did not "
                                       "verify; rebuilt them from the files")
            self._rebuild_totals()
        total = (self._totals or {}).get(name, {})
        return {k: total[k] for k in wanted if k in total}

    def _stored_totals(self, name: str, ordered: list[str]) -> LazyTotal | None:
        """The stored entries for ``ordered`` keys, or None when the total cannot be trusted
        (every entry's MAC is checked now, each is decoded when first read; the entries of
        a spread table when looked up: :meth:`_table`)."""
        connection = self._reader()
        if connection is None:
            return None
        found = LazyTotal()
        spread = self._spread(name)
        try:
            if self._suspect or not self._sums_rows(connection, name):
                return None
            rows = [key for key in ordered if key not in spread]
            for start in range(0, len(rows), 500):
                chunk = rows[start:start + 500]
                marks = ",".join("?" * len(chunk))
                for key, blob, mac in connection.execute(
                        f"SELECT key, blob, mac FROM agg WHERE name = ? AND key IN ({marks})",
                        [name, *chunk]):
                    if not codec.verify(self.key, mac, name, key, blob):
                        return None
                    # an entry this run just wrote is the value it encoded (handed out once)
                    written = self._written.pop((name, key), None)
                    if written is not None and written[0] == blob:
                        found.add_value(key, written[1])
                    else:  # decoded when a rule reads it (most are never read)
                        found.add_stored(key, blob, codec.loads)
            for key in spread.intersection(ordered):
                found.add_value(key, self._table(connection, name, key))
        except (sqlite3.DatabaseError, codec.Invalid):
            self.release()
            return None
        return found

    def _table(self, connection: sqlite3.Connection, name: str, key: str) -> StoredTable:
        """Spread table ``key`` of total ``name``, read row by row as a rule looks entries
        up; an entry that does not verify raises :class:`Untrusted`."""
        prefix = key + SPREAD_SEPARATOR
        bounds = (name, prefix, key + chr(ord(SPREAD_SEPARATOR) + 1))

        def read(entry: str) -> Any:
            row_key = prefix + entry
            try:
                row = connection.execute("SELECT blob, mac FROM agg WHERE name = ? AND key = ?",
                                         (name, row_key)).fetchone()
                if row is None:
                    return None
                if codec.verify(self.key, row[1], name, row_key, row[0]):
                    return codec.loads(row[0])
            except (sqlite3.DatabaseError, codec.Invalid):
                pass
            self._suspect = True
            raise Untrusted(f"{name} {row_key!r}")

        def entries() -> list[str]:
            return [row_key[len(prefix):] for (row_key,) in connection.execute(
                "SELECT key FROM agg WHERE name = ? AND key >= ? AND key < ?", bounds)]

        def size() -> int:
            return connection.execute("SELECT count(*) FROM agg WHERE name = ? AND key >= ? "
                                      "AND key < ?", bounds).fetchone()[0]

        return StoredTable(read, entries, size)

    def _reader(self) -> sqlite3.Connection | None:
        """The run's connection for reading totals, in one read transaction: the totals'
        states and every entry a rule looks up later are one snapshot of the index."""
        if self._reading is None:
            connection = self._open()
            if connection is None:
                return None
            connection.execute("BEGIN")
            self._reading = connection
        return self._reading

    def release(self) -> None:
        """Close the reading connection (the end of the corpus phase)."""
        connection, self._reading = self._reading, None
        if connection is not None:
            _rollback(connection)
            connection.close()

    def distrust(self) -> None:
        """An entry read on demand did not verify: judge with totals rebuilt from the files."""
        self.release()
        self._suspect = True
        self.stats.warnings.append("annolint: the corpus totals in the index did not verify; "
                                   "rebuilt them from the files")
        self._rebuild_totals()

    def _sums_rows(self, connection: sqlite3.Connection, name: str) -> bool:
        """Whether total ``name``'s state verifies and it sums exactly this plan's rows:
        checked once per run (each corpus rule reads the shared total, and the two counts
        scan the tables), after the run's own writes."""
        if name in self._summing:
            return True
        state = self._states(connection).get(name)
        rows = connection.execute("SELECT count(*) FROM files WHERE plan = ?",
                                  (self._plan,)).fetchone()[0]
        entries = connection.execute("SELECT count(*) FROM agg WHERE name = ?",
                                     (name,)).fetchone()[0]
        if state != (self._plan, rows, entries):
            return False
        self._summing.add(name)
        return True

    def _rebuild_totals(self) -> None:
        """Every total from the verified rows of unchanged files and a fresh lint of the rest,
        stored again when no other run wrote to the index meanwhile."""
        sources, plan, lint = self._run
        totals: dict[str, dict] = {name: {} for name in self._aggregators}
        connection = self._connection = self._open()
        stale: list[SourceFile] = []
        generation = -1
        if connection is not None:
            try:
                generation = _generation(connection)
                rows = self._rows(connection, self._plan)
                for source in sources:
                    cached = None
                    if self._unchanged(source, rows.get(source.display), []):
                        cached = self._load(connection, source.display, self._plan)
                    if cached is None:
                        stale.append(source)
                    else:
                        self._contribute_all(totals, cached)
            except sqlite3.DatabaseError:
                stale, totals = list(sources), {name: {} for name in self._aggregators}
        else:
            stale = list(sources)
        for result in lint(stale, plan):
            self._contribute_all(totals, result)
        self._totals = totals
        if connection is None:
            return
        try:
            connection.execute("BEGIN IMMEDIATE")
            if _generation(connection) == generation:
                self._store_totals(connection, set(totals), len(sources))
            connection.execute("COMMIT")
        except sqlite3.DatabaseError:
            _rollback(connection)
        finally:
            connection.close()

    def _contribute_all(self, totals: dict[str, dict], result: FileResult) -> None:
        for name in self._aggregators:
            self._add_contribution(totals.setdefault(name, {}), name, result, 1)

    def _add_contribution(self, totals: dict, name: str, result: FileResult, sign: int) -> None:
        code, contribute = self._aggregators[name]
        summary = result.summaries.get(code)
        if summary is not None:
            add_into(totals, contribute(summary), sign)
