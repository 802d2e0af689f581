"""Damaged inline markup of a given size, by kind of damage, for the recovery benchmarks.

Every generator is deterministic and returns about ``size`` characters. The realistic ones
start from the shipped seed cable (examples/09LIMA1659.txt); the others are the worst cases
of one kind of damage, on one line unless the name says ``lines``.
"""

from __future__ import annotations

import random
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "examples" / "09LIMA1659.txt"


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def broken_cable() -> str:
    """The seed cable with three broken brackets: an unclosed opener, a stray closer (its
    opener lost) and a nested opener."""
    text = SEED.read_text(encoding="utf-8")
    for old, new in (("[ORG SL  ] )", "[ORG SL )"), ("[LOC Ayacucho  ]", "Ayacucho  ]"),
                     ("[PER P. Michael", "[PER [LOC P. Michael")):
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def _mix(size: int) -> str:
    pieces = ["[ORG ", "[LOC ", "[LOC Lima  ] ", "[PER Ana Li  ] ", "word ", "two words ",
              "a  ] ", "] ", "[ b ] ", "[NAME REMOVED] ", "[MISC  ] ", "  ", "é ", "\n"]
    weights = [3, 2, 4, 3, 12, 8, 2, 1, 1, 1, 1, 1, 1, 1]
    rng = random.Random(14)
    out, length = [], 0
    while length < size:
        chunk = rng.choices(pieces, weights, k=1024)
        out.extend(chunk)
        length += sum(map(len, chunk))
    return "".join(out)


def _nested(size: int) -> str:
    depth = max(1, size // 16)  # 2 openers of 5 characters and 2 closers of 3 per step
    return "[ORG [LOC " * depth + "x" + "  ]" * (2 * depth) + "\n"


KINDS = {
    # one entity open, 2N openers nested in it, then 2N closers: the former parser sliced the
    # text from every popped opener, quadratic in N
    "nested": _nested,
    "unclosed": lambda size: _repeat("[ORG word ", size) + "\n",
    "unclosed lines": lambda size: _repeat("the [ORG Shining Path attacked\n", size),
    "stray": lambda size: _repeat("a  ]", size) + "\n",
    "stray lines": lambda size: _repeat("Shining Path  ] attacked\n", size),
    "nested lines": lambda size: _repeat("[ORG Ministry of [LOC Peru  ] Defense  ] said\n", size),
    "mix": _mix,
    "cable x3 broken": lambda size: _repeat(broken_cable(), size),
    "cable 1 line": lambda size: _repeat(broken_cable().replace("\n", " "), size) + "\n",
    "clean cable": lambda size: _repeat(SEED.read_text(encoding="utf-8"), size),
}
