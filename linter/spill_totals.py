"""Corpus totals of a full run, kept off the heap once they grow (external aggregation).

A streaming run sums every file's additive contribution (:mod:`linter.aggregate`) into the
corpus totals. Their keys grow with the vocabulary, but some entries under a frequent key
(the words next to a common name, the runs it occurs in) grow with the number of
documents, so on a Cablegate-sized corpus the totals alone would outgrow memory.

:class:`Totals` therefore sums in memory only :data:`FLUSH_FILES` files at a time, then
writes that partial total to the run's spill, one row per (aggregate, key), and starts
again. After the per-file phase it merges the partials once, in key order, into one row per
key, and the corpus phase reads back only the keys a batch of files asks for. A corpus
smaller than one flush never touches the disk. Sums are of integers, so the merged totals
equal the in-memory ones exactly; and partials are merged in the order they were written,
so every nested dict keeps the insertion order of the in-memory sum as well.

The rows are ``marshal`` dumps of the engine's own nested dicts of ints, written and read by
this process within one run, in the spill's private folder (see :mod:`linter.spill`).
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from typing import Any

from linter.aggregate import add_into, contribute_file

FLUSH_FILES = 2000  # files whose contributions are summed in memory before a flush
# Merged values of at least KEEP_DECODED bytes (the strings most documents mention, looked
# up by nearly every batch) are decoded once and kept, up to KEEP_BUDGET bytes in all.
KEEP_DECODED = 16 << 10
KEEP_BUDGET = 16 << 20
_CHUNK = 500  # keys per lookup query

_SCHEMA = """
CREATE TABLE IF NOT EXISTS partials (seq INTEGER PRIMARY KEY, name TEXT, key TEXT, value BLOB);
CREATE TABLE IF NOT EXISTS totals (name TEXT, key TEXT, value BLOB, PRIMARY KEY (name, key))
    WITHOUT ROWID;
"""


class Totals:
    """The corpus totals of one run (aggregate name -> key -> value), in memory or spilled.

    ``add`` one file's summaries at a time, ``close`` once, then ``lookup`` per batch."""

    def __init__(self, db: Any, aggregators: Mapping[str, tuple[str, Callable]],
                 every: int | None = None) -> None:
        self._db = db  # the spill's connection (its own transaction handling)
        self._aggregators = aggregators
        self._every = every or FLUSH_FILES
        self._memory: dict[str, dict] = {}
        self._files = 0
        self._spilled = False
        self._decoded: dict[tuple[str, str], Any] = {}
        self._kept = 0  # bytes of the blobs behind _decoded
        self._memos: dict[str, dict] = {}  # aggregate name -> derived values (OnDemand.memo)
        self.flushes = 0

    @classmethod
    def given(cls, totals: dict[str, dict]) -> Totals:
        """Totals reduced elsewhere (a cluster), held in memory."""
        made = cls(None, {})
        made._memory = totals
        return made

    @classmethod
    def on_disk(cls, db: Any) -> Totals:
        """A reader of the merged totals a run spilled to ``db`` (a corpus-phase worker)."""
        made = cls(db, {})
        made._spilled = True
        return made

    @property
    def can_spill(self) -> bool:
        return self._db is not None

    def add(self, summaries: Mapping[str, Any]) -> None:
        contribute_file(self._memory, self._aggregators, summaries)
        self._files += 1
        if self._files % self._every == 0:
            self._flush()

    def _flush(self, force: bool = False) -> None:
        if self._db is None or not (force or any(self._memory.values())):
            return
        if not self._spilled:
            self._db.executescript(_SCHEMA + "BEGIN;")  # commits what is pending first
            self._spilled = True
        self._db.executemany(
            "INSERT INTO partials (name, key, value) VALUES (?, ?, ?)",
            ((name, key, marshal.dumps(value))
             for name, total in self._memory.items() for key, value in total.items()))
        self._memory = {}
        self.flushes += 1

    def close(self, force: bool = False) -> None:
        """The per-file phase is over: merge the partials (if any) into one row per key;
        ``force``: write the totals to disk even when they fit in memory."""
        if self._spilled or force:
            self._flush(force)
        if not self._spilled:
            return
        db = self._db
        db.execute("COMMIT")
        db.execute("BEGIN")
        merged: list[tuple[str, str, bytes]] = []
        current: tuple[str, str] | None = None
        value: Any = None
        for name, key, blob in db.execute(
                "SELECT name, key, value FROM partials ORDER BY name, key, seq"):
            if (name, key) != current:
                if current is not None and value:
                    merged.append((*current, marshal.dumps(value)))
                current, value = (name, key), marshal.loads(blob)
            elif isinstance(value, dict):
                add_into(value, marshal.loads(blob))
            else:
                value += marshal.loads(blob)
            if len(merged) >= 5000:
                self._store(merged)
        if current is not None and value:
            merged.append((*current, marshal.dumps(value)))
        self._store(merged)
        db.execute("DELETE FROM partials")
        db.execute("COMMIT")
        db.execute("BEGIN")

    def _store(self, rows: list[tuple[str, str, bytes]]) -> None:
        # a zero sum (or an empty dict) was left out, as add_into leaves it out in memory
        self._db.executemany("INSERT INTO totals (name, key, value) VALUES (?, ?, ?)", rows)
        rows.clear()

    def lookup(self, name: str, keys: Iterable[str]) -> Mapping[str, Any]:
        """The total of aggregate ``name`` restricted to ``keys``: a dict while the totals
        are in memory, else a mapping that reads and decodes a key when it is asked for (a
        batch of a large corpus looks up more than fits in memory decoded at once)."""
        if not self._spilled:
            total = self._memory.get(name, {})
            return {key: total[key] for key in keys if key in total}
        return OnDemand(self, name, keys)

    def one(self, name: str, key: str) -> Any:
        """The merged value of one key of a spilled total, or None."""
        kept = self._decoded.get((name, key))
        if kept is not None:
            return kept
        row = self._db.execute("SELECT value FROM totals WHERE name = ? AND key = ?",
                               (name, key)).fetchone()
        if row is None:
            return None
        blob = row[0]
        value = marshal.loads(blob)
        if len(blob) >= KEEP_DECODED and self._kept + len(blob) <= KEEP_BUDGET:
            self._decoded[(name, key)] = value
            self._kept += len(blob)
        return value

    def present(self, name: str, keys: list[str]) -> list[str]:
        """Which of ``keys`` a spilled total holds, in the given order (a mapping restricted
    to some keys lists them sorted, so that its order does not depend on a set's)."""
        found: set[str] = set()
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start:start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            found.update(key for (key,) in self._db.execute(
                f"SELECT key FROM totals WHERE name = ? AND key IN ({marks})",
                [name, *chunk]))
        return [key for key in keys if key in found]


_MISSING = object()


class OnDemand(Mapping):
    """A spilled total restricted to some keys, each read and decoded when asked for and
    not kept (the caller keeps what it needs), so a batch holds only what it is using.

    ``memo`` is a dict that lives as long as the merged totals (every batch a worker runs):
    a rule may keep there what it derives from a key's value, which is the same in every
    batch that looks the key up (:meth:`wants`), so that a string most batches mention is
    parsed once per worker, not once per batch; the rule bounds what it keeps."""

    def __init__(self, totals: Totals, name: str, keys: Iterable[str]) -> None:
        self._totals = totals
        self._name = name
        # a set is kept as given (a batch's keys: hundreds of thousands), never copied
        self._wanted = keys if isinstance(keys, (set, frozenset)) else set(keys)
        self._present: list[str] | None = None
        self._present_set: set[str] = set()
        self.memo = totals._memos.setdefault(name, {})

    def wants(self, key: str) -> bool:
        """Whether ``key`` is one this mapping was restricted to."""
        return key in self._wanted

    def reader(self) -> Callable[[str], Any]:
        """A function reading one key of the merged totals (None when absent) that does not
        hold on to this batch: for a value derived from a wanted key (kept in ``memo``) to
        read, later, a key that the same lookup keys name."""
        return partial(self._totals.one, self._name)

    def get(self, key: str, default: Any = None) -> Any:
        if key not in self._wanted:
            return default
        value = self._totals.one(self._name, key)
        return default if value is None else value

    def __getitem__(self, key: str) -> Any:
        value = self.get(key, _MISSING)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        if key not in self._wanted:
            return False
        self._listed()
        return key in self._present_set

    def _listed(self) -> list[str]:
        if self._present is None:
            self._present = self._totals.present(self._name, sorted(self._wanted))
            self._present_set = set(self._present)
        return self._present

    def __iter__(self) -> Iterator[str]:
        return iter(self._listed())

    def __len__(self) -> int:
        return len(self._listed())
