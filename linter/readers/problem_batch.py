"""Markup problems gathered as columns and built at once, for heavily damaged inline files.

A damaged line can hold a problem every few bytes (a run of stray closers or nested openers,
a file of unclosed one-line sentences). Built one by one, a problem costs more than parsing
its bytes: MarkupProblem is a frozen slotted dataclass (its ``__init__`` is five
``object.__setattr__`` calls) and a million live new objects also trigger a dozen full passes
of the garbage collector over every live object. So the inline reader appends each problem's
fields to five lists (ints and strings, which the collector does not track) and
:func:`build` makes the objects at the end through the slot descriptors, mapped in C over the
batch, with the collector paused for that loop only (it creates no reference cycles): about
three times as fast. The objects are the constructor's (equal, same repr); the slot path is
taken only while MarkupProblem is a slotted dataclass of exactly these five fields without
``__post_init__``, else :func:`build` calls the constructor.
"""

from __future__ import annotations

import gc
from collections import deque
from dataclasses import fields
from itertools import repeat

from linter.model import MarkupProblem

_FIELDS = ("kind", "start", "end", "detail", "label")
SLOTS = (tuple(field.name for field in fields(MarkupProblem)) == _FIELDS
         and "__slots__" in vars(MarkupProblem)
         and not hasattr(MarkupProblem, "__post_init__"))
_SETTERS = tuple(getattr(MarkupProblem, name).__set__ for name in _FIELDS) if SLOTS else ()
_SMALL = 32  # below this the plain constructor is as fast

# kinds, starts, ends, details, labels: one entry per problem, in order
Columns = tuple[list[str], list[int], list[int], list[str], list[str]]


def columns() -> Columns:
    return [], [], [], [], []


def drop_from(table: Columns, offset: int) -> None:
    """Forget the last problems that start at or after ``offset``."""
    starts = table[1]
    keep = len(starts)
    while keep and starts[keep - 1] >= offset:
        keep -= 1
    if keep < len(starts):
        for column in table:
            del column[keep:]


def build(table: Columns) -> list[MarkupProblem]:
    """``MarkupProblem(kind, start, end, detail, label)`` for each row of ``table``."""
    count = len(table[1])
    if count < _SMALL or not SLOTS:
        return list(map(MarkupProblem, *table))
    enabled = gc.isenabled()
    gc.disable()
    try:
        problems = list(map(object.__new__, repeat(MarkupProblem, count)))
        for setter, values in zip(_SETTERS, table):
            deque(map(setter, problems, values), maxlen=0)
    finally:
        if enabled:
            gc.enable()
    return problems
