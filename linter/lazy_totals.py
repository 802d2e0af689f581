"""Cached corpus totals decoded when a rule first reads them (the pre-commit path).

A focused run loads, for the changed files' lookup keys, the stored totals from the index
and checks every entry's MAC at once (an entry that does not verify makes the whole total
untrusted, see :meth:`linter.cache.Index.aggregate`). Decoding is what costs: most of the
bytes a one-file run loads are the words next to common names, which the label rules read
only for a string with two labels. So an entry is decoded on first read, and kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any


class LazyTotal(Mapping):
    """Values by key, each given in its stored form with the function that decodes it, and
    decoded when it is first read."""

    def __init__(self) -> None:
        self._raw: dict[str, tuple[Callable[[Any], Any], Any]] = {}  # not read yet
        self._values: dict[str, Any] = {}

    def add_stored(self, key: str, stored: Any, decode: Callable[[Any], Any]) -> None:
        self._values.pop(key, None)
        self._raw[key] = (decode, stored)

    def add_value(self, key: str, value: Any) -> None:
        self._raw.pop(key, None)
        self._values[key] = value

    def update_from(self, other: LazyTotal | Mapping[str, Any]) -> None:
        if isinstance(other, LazyTotal):
            for key, (decode, stored) in other._raw.items():
                self.add_stored(key, stored, decode)
            for key, value in other._values.items():
                self.add_value(key, value)
        else:
            for key, value in other.items():
                self.add_value(key, value)

    def __getitem__(self, key: str) -> Any:
        values = self._values
        if key in values:
            return values[key]
        decode, stored = self._raw.pop(key)  # KeyError when absent
        value = values[key] = decode(stored)
        return value

    def __contains__(self, key: object) -> bool:
        return key in self._values or key in self._raw

    def __iter__(self) -> Iterator[str]:
        yield from list(self._values)
        yield from list(self._raw)

    def __len__(self) -> int:
        return len(self._values) + len(self._raw)

    def only(self, keys: Iterable[str]) -> Mapping[str, Any]:
        """This total restricted to ``keys`` (decoding into this one's values)."""
        return _Only(self, {key for key in keys if key in self})


class _Only(Mapping):
    __slots__ = ("_total", "_keys")

    def __init__(self, total: LazyTotal, keys: set[str]) -> None:
        self._total = total
        self._keys = keys

    def __getitem__(self, key: str) -> Any:
        if key not in self._keys:
            raise KeyError(key)
        return self._total[key]

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


class Untrusted(Exception):
    """An entry read from the index on demand did not verify: the run must judge again
    with totals rebuilt from the files (see :meth:`linter.cache.CorpusIndex.distrust`)."""


class StoredTable(Mapping):
    """A spread table of a stored total (:func:`linter.aggregate.spread_out`): each entry
    read from the index when first looked up, and kept.

    ``read(entry)`` returns the entry's value or None when the table has no such entry,
    and raises :class:`Untrusted` for one that does not verify; ``entries()`` lists every
    entry's key and ``size()`` counts them (only a rule that walks the whole table, or
    compares its size, calls them)."""

    def __init__(self, read: Callable[[str], Any], entries: Callable[[], list[str]],
                 size: Callable[[], int]) -> None:
        self._read = read
        self._entries = entries
        self._size = size
        self._seen: dict[str, Any] = {}
        self._count: int | None = None

    def __getitem__(self, key: str) -> Any:
        seen = self._seen
        if key in seen:
            value = seen[key]
        else:
            value = seen[key] = self._read(key) if isinstance(key, str) else None
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        try:
            self[key]  # type: ignore[index]
        except KeyError:
            return False
        return True

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries())

    def __len__(self) -> int:
        if self._count is None:
            self._count = self._size()
        return self._count
