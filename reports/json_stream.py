"""Write a JSON document whose one big list is streamed, item by item.

A report of a 250,000-document corpus holds millions of findings: building the whole
document in memory before ``json.dump`` costs gigabytes. :func:`dump_streaming` writes the
same bytes as ``json.dump(document, out, ensure_ascii=False, indent=indent)`` would with
``items`` at ``where``, holding one item at a time.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from typing import Any, TextIO



def _place(document: Any, where: tuple[Any, ...], value: Any) -> None:
    target = document
    for step in where[:-1]:
        target = target[step]
    target[where[-1]] = value


def dump_streaming(document: Any, where: tuple[Any, ...], items: Iterable[Any],
                   out: TextIO, *, indent: int = 2) -> None:
    """``document`` with the list ``items`` at the key path ``where`` (which must hold a
    placeholder), written to ``out``. ``document`` is modified in place at ``where``."""
    while True:  # a random placeholder that occurs nowhere else in the document
        placeholder = f"annolint-list-{uuid.uuid4().hex}"
        _place(document, where, placeholder)
        text = json.dumps(document, ensure_ascii=False, indent=indent)
        mark = json.dumps(placeholder)
        if text.count(mark) == 1:
            break
    at = text.index(mark)
    line_start = text.rfind("\n", 0, at) + 1
    outer = len(text[line_start:at]) - len(text[line_start:at].lstrip(" "))
    pad = "\n" + " " * (outer + indent)
    out.write(text[:at])
    first = True
    for item in items:
        out.write("[" + pad if first else "," + pad)
        first = False
        out.write(json.dumps(item, ensure_ascii=False, indent=indent).replace("\n", pad))
    out.write("[]" if first else "\n" + " " * outer + "]")
    out.write(text[at + len(mark):])
