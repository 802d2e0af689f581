"""The write side of the corpus index: one transaction that stores fresh rows and keeps
every stored total equal to the sum over its rows (see :mod:`linter.cache`)."""

from __future__ import annotations

import sqlite3
import sys

from linter import cache_codec as codec
from linter.aggregate import add_into, spread_keys, spread_out
from linter.cache_schema import _UNKNOWN, _drop_total, _generation, _rollback
from linter.engine import FileResult


class IndexWriter:
    """Mixed into :class:`linter.cache.CorpusIndex`; uses its key, plan and aggregators."""

    def _write(self, connection: sqlite3.Connection, fresh: list[tuple[FileResult, tuple]],
               updates: list, key: str, rebuilt: set[str], current: set[str] | None,
               generation: int, count: int, unstored: list[str]) -> None:
        """Store fresh results and keep every stored total equal to the sum over the rows
        of its plan (and its row count equal to their number).

        Inside one write transaction: a replaced or deleted row whose plan is a total's plan
        takes its contribution out of that total, a new row of that plan adds its own; a
        total this run cannot compute (its rule did not run), or whose old rows do not
        verify, is dropped when rows of its plan change, so it is rebuilt when next needed.
        Totals rebuilt in memory are stored only if no other run wrote rows meanwhile.
        """
        rows = [row for _, row in fresh]
        if not rows and not updates and not rebuilt and current is None and not unstored:
            connection.close()
            return
        try:
            connection.execute("BEGIN IMMEDIATE")
            states = self._states(connection)
            unchanged_since_read = _generation(connection) == generation
            gone: list[str] = list(unstored)
            if current is not None:
                gone += [path for path in self._paths(connection, current)
                         if path not in current and path not in unstored]
            replaced = [self._stored(connection, path) for path in
                        [result.stats.path for result, _ in fresh] + gone]
            replaced = [item for item in replaced if item[0] is not None]
            for name in {name for name, _ in connection.execute("SELECT name, mac FROM "
                                                                "agg_state")} - set(states):
                _drop_total(connection, name)  # a state that does not verify
            for name, (state_plan, summed, entries) in states.items():
                if name in rebuilt and unchanged_since_read:
                    continue
                olds = [old for plan, old in replaced if plan == state_plan or plan is _UNKNOWN]
                if name not in self._aggregators:
                    if olds:
                        _drop_total(connection, name)
                    continue
                if any(old is None for old in olds):  # the total cannot be corrected
                    self._suspect = True
                    _drop_total(connection, name)
                    continue
                delta: dict = {}
                for old in olds:
                    self._add_contribution(delta, name, old, -1)
                summed -= len(olds)
                if state_plan == key:
                    for result, _ in fresh:
                        self._add_contribution(delta, name, result, 1)
                    summed += len(fresh)
                change = self._apply(connection, name, delta)
                if change is not None:
                    self._set_state(connection, name, state_plan, summed, entries + change)
                else:
                    self._suspect = True
                    _drop_total(connection, name)
            connection.executemany("DELETE FROM files WHERE path = ?", [(path,) for path in gone])
            connection.executemany(
                "INSERT OR REPLACE INTO files (path, size, mtime_ns, sha, plan, meta, result, "
                "mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
            connection.executemany("UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?",
                                   updates)
            if unchanged_since_read:
                self._store_totals(connection, rebuilt, count)
            if rows or gone or current is not None:
                self._store_sidecars(connection, key, unchanged_since_read, current is not None)
            if rows or gone:
                connection.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)",
                                   (_generation(connection) + 1,))
            connection.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            self._suspect = True
            print(f"annolint: could not update the corpus index: {error}", file=sys.stderr)
            _rollback(connection)
        finally:
            connection.close()

    def _paths(self, connection: sqlite3.Connection, current: set[str]):
        """Every stored path, or a superset of those not in ``current``: the rows read at
        the start when no run wrote since and they are all the rows there are (else a scan).
        """
        generation, rows = self._read
        if _generation(connection) == generation and connection.execute(
                "SELECT count(*) FROM files").fetchone()[0] == len(rows):
            return rows.keys() - current
        return [path for (path,) in connection.execute("SELECT path FROM files")]

    def _stored_sidecars(self, connection: sqlite3.Connection, key: str) -> str | None:
        """The sidecars' fingerprint stored for plan ``key`` (None: none that verifies)."""
        row = connection.execute("SELECT fingerprint, mac FROM sidecars WHERE plan = ?",
                                 (key,)).fetchone()
        if row is None or not codec.verify(self.key, row[1], "sidecars", key, row[0]):
            return None
        return row[0]

    def _store_sidecars(self, connection: sqlite3.Connection, key: str, alone: bool,
                        complete: bool) -> None:
        """Keep a stored fingerprint only while it describes the sidecars that every row of
        plan ``key`` was checked against. It stays when this run found it unchanged; this
        run's is stored when the run checked every file's metadata key over the whole corpus
        (rows of files that are gone are pruned by the same transaction); otherwise (the
        sidecars changed or are too recent, or another run wrote rows meanwhile) the stored
        one is deleted and the next run checks every key again."""
        now = self._sidecars
        if now is not None and alone:
            stored = self._stored_sidecars(connection, key)
            if self._meta_trusted and stored == now:
                return
            if not self._meta_trusted and complete:
                connection.execute("INSERT OR REPLACE INTO sidecars VALUES (?, ?, ?)",
                                   (key, now, codec.mac(self.key, "sidecars", key, now)))
                return
        connection.execute("DELETE FROM sidecars WHERE plan = ?", (key,))

    def _store_totals(self, connection: sqlite3.Connection, names: set[str], count: int) -> None:
        """Replace the stored totals ``names`` by the in-memory ones (summing ``count`` files)."""
        for name in names:
            _drop_total(connection, name)
            entries = []
            total = spread_out((self._totals or {}).get(name, {}), self._spread(name))
            for k, v in total.items():
                blob = codec.dumps(v)
                entries.append((name, k, blob, codec.mac(self.key, name, k, blob)))
            connection.executemany("INSERT INTO agg (name, key, blob, mac) VALUES (?, ?, ?, ?)",
                                   entries)
            self._set_state(connection, name, self._plan, count, len(entries))

    def _spread(self, name: str) -> frozenset[str]:
        """The keys of total ``name`` stored one row per entry (``contribute.spread``)."""
        aggregator = self._aggregators.get(name)
        return spread_keys(aggregator[1]) if aggregator else frozenset()

    def _set_state(self, connection: sqlite3.Connection, name: str, plan: str,
                   rows: int, entries: int) -> None:
        connection.execute("INSERT OR REPLACE INTO agg_state VALUES (?, ?, ?, ?, ?)",
                           (name, plan, rows, entries,
                            codec.mac(self.key, name, plan, rows, entries)))

    def _stored(self, connection: sqlite3.Connection, path: str) -> tuple:
        """(plan, result) of the stored row for ``path``; (None, None) when there is none and
        (_UNKNOWN, None) when it does not verify (its plan cannot be believed either)."""
        row = connection.execute("SELECT sha, plan, meta, result, mac FROM files "
                                 "WHERE path = ?", (path,)).fetchone()
        if row is None:
            return None, None
        result = self._verified(path, *row)
        return (_UNKNOWN, None) if result is None else (row[1], result)

    def _apply(self, connection: sqlite3.Connection, name: str, delta: dict) -> int | None:
        """Add ``delta`` into the stored total and return the change in its number of
        entries; None when an entry it touches does not verify (the caller drops it)."""
        added = 0
        for key, change in spread_out(delta, self._spread(name)).items():
            row = connection.execute("SELECT blob, mac FROM agg WHERE name = ? AND key = ?",
                                     (name, key)).fetchone()
            total = {}
            if row:
                if not codec.verify(self.key, row[1], name, key, row[0]):
                    return None
                try:
                    total = {key: codec.loads(row[0])}
                except codec.Invalid:
                    return None
            add_into(total, {key: change})
            if key in total:
                blob = codec.dumps(total[key])
                self._written[(name, key)] = (blob, total[key])
                connection.execute("INSERT OR REPLACE INTO agg (name, key, blob, mac) "
                                   "VALUES (?, ?, ?, ?)",
                                   (name, key, blob, codec.mac(self.key, name, key, blob)))
                added += 0 if row else 1
            elif row:
                connection.execute("DELETE FROM agg WHERE name = ? AND key = ?", (name, key))
                added -= 1
        return added
