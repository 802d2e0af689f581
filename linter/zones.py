"""Offset queries over a document's zones, shared by the rules that skip structure."""

from __future__ import annotations

from bisect import bisect_right

from linter.model import Document
from linter.profiles import STRUCTURAL_ZONES


class StructuralIndex:
    """Answers "is this offset inside a structural zone?" by bisection over merged zones."""

    def __init__(self, doc: Document) -> None:
        merged: list[list[int]] = []
        for start, end in sorted((z.start, z.end) for z in doc.zones
                                 if z.kind in STRUCTURAL_ZONES):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [start for start, _ in merged]
        self.ends = [end for _, end in merged]

    def covers(self, offset: int) -> bool:
        index = bisect_right(self.starts, offset) - 1
        return index >= 0 and offset < self.ends[index]




