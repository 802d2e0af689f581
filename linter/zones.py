"""Offset queries over a document's zones, shared by the rules that skip structure."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from linter.model import Document
from linter.profiles import STRUCTURAL_ZONES


class Intervals:
    """``covers(offset)``: is ``offset`` inside any of the ``[start, end)`` intervals? By
    bisection over the merged intervals."""

    def __init__(self, intervals: Iterable[tuple[int, int]]) -> None:
        starts: list[int] = []
        ends: list[int] = []
        for start, end in sorted(i for i in intervals if i[0] < i[1]):
            if ends and start <= ends[-1]:
                ends[-1] = max(ends[-1], end)
            else:
                starts.append(start)
                ends.append(end)
        self.starts, self.ends = starts, ends

    def covers(self, offset: int) -> bool:
        index = bisect_right(self.starts, offset) - 1
        return index >= 0 and offset < self.ends[index]


class StructuralIndex(Intervals):
    """The document's structural zones (header fields, portion marks…: see
    :data:`linter.profiles.STRUCTURAL_ZONES`), which prose rules skip."""

    def __init__(self, doc: Document) -> None:
        super().__init__((z.start, z.end) for z in doc.zones if z.kind in STRUCTURAL_ZONES)
