"""Many markup problems of one kind at once, for heavily damaged inline lines.

A line of stray closers or of nested openers has a problem every few bytes. Built one by one,
a problem costs more than parsing its bytes: MarkupProblem is a frozen slotted dataclass (its
``__init__`` is five ``object.__setattr__`` calls) and a million new objects also trigger a
dozen full passes of the garbage collector over every live object. :func:`build` makes a
batch through the slot descriptors, mapped in C over the batch, with the collector paused for
that loop only (it creates no reference cycles), about twice as fast. The objects are the
same as the constructor's (equal, same repr); the slot path is used only if MarkupProblem
is still a plain slotted dataclass of these five fields without ``__post_init__``, else
:func:`build` falls back to the constructor.
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Sequence
from dataclasses import fields
from itertools import repeat

from linter.model import MarkupProblem

_FIELDS = ("kind", "start", "end", "detail", "label")
SLOTS = (tuple(field.name for field in fields(MarkupProblem)) == _FIELDS
         and "__slots__" in vars(MarkupProblem)
         and not hasattr(MarkupProblem, "__post_init__"))
_SETTERS = tuple(getattr(MarkupProblem, name).__set__ for name in _FIELDS) if SLOTS else ()
_SMALL = 32  # below this the plain constructor is as fast


def build(kind: str, starts: Sequence[int], ends: Sequence[int], *, detail: str = "",
          labels: Sequence[str] | None = None) -> list[MarkupProblem]:
    """``MarkupProblem(kind, start, end, detail, label)`` for each start, end (and label)."""
    count = len(starts)
    label_values = repeat("", count) if labels is None else labels
    if count < _SMALL or not SLOTS:
        return list(map(MarkupProblem, repeat(kind, count), starts, ends, repeat(detail, count),
                        label_values))
    enabled = gc.isenabled()
    gc.disable()
    try:
        problems = list(map(object.__new__, repeat(MarkupProblem, count)))
        for setter, values in zip(_SETTERS, (repeat(kind, count), starts, ends,
                                             repeat(detail, count), label_values)):
            deque(map(setter, problems, values), maxlen=0)
    finally:
        if enabled:
            gc.enable()
    return problems
