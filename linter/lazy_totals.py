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
