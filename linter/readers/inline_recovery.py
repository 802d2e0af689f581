"""The recovering parser of the inline reader: one damaged line (unclosed, stray, nested brackets).

Every piece of state of the bracket state machine ends with its line (entities never cross a
sentence), so :func:`parse_line` reads one line and the inline reader calls it only for the
lines its fast path cannot explain. It gives exactly what the former whole-file state machine
gave (tests/readers/inline_reference.py keeps that one as the oracle), in time linear in the
line, however the brackets are damaged:

* with nothing open, the next opener is one regex search, and the two-space closers before it
  are the stray closers (one more regex over that stretch);
* with an entity open, nested openers are only counted: the stack of the former parser is
  replaced by its depth and its bottom entry, the only one whose closing makes an inner
  entity. (The former parser sliced the text from each popped opener to its closer, which is
  quadratic in the nesting depth: ~30 s for a 1 MB line of ``[ORG [LOC …``.) Their
  ``nested-opener`` problems are built only if the open entity closes, by one scan of its
  body, since they are dropped when it does not;
* from one closer to the next, the brackets in between are counted, not visited one by one.
"""

from __future__ import annotations

import re
from itertools import compress

from linter.model import MarkupProblem, Span
from linter.readers.problem_batch import build

OPENER = re.compile(r"\[([A-Z][A-Za-z0-9_-]*) ")
_STRAY = re.compile(r"  \]")
findall_openers = OPENER.findall


def looks_like_label(label: str, labels: frozenset[str]) -> bool:
    """Whether an unclosed opener is a damaged entity rather than text: a known label, or
    an all-caps word of two or more letters as taggers write labels (``[PERS foo``)."""
    return label in labels or (len(label) >= 2 and label.isupper())


def parse_line(text: str, start: int, end: int, line: int, labels: frozenset[str],
               spans: list[Span], problems: list[MarkupProblem]) -> None:
    """Append to ``spans`` and ``problems`` those of the line ``text[start:end]``.

    ``end`` is the offset of the line's newline (or the end of the text); ``line`` is its
    0-based number. Offsets are the file's.
    """
    find = text.find
    count = text.count
    search = OPENER.search
    findall = OPENER.findall
    startswith = text.startswith
    pos = start
    literal = 0  # literal "[ " brackets inside the open entity (an editorial pair keeps them)
    while True:
        # nothing open: the next opener opens; before it, "  ]" closers are stray
        match = search(text, pos, end)
        stop = end if match is None else match.start()
        stray_from = pos - 2 if pos >= 2 else 0
        if find("  ]", stray_from, stop) >= 0:
            closers = [found.end() for found in _STRAY.finditer(text, stray_from, stop)]
            problems.extend(build("stray-closer", [end - 1 for end in closers], closers))
        if match is None:
            return
        open_at, open_label, text_start = stop, match.group(1), match.end()
        depth = 0  # nested openers waiting for their own closer
        bottom_at = bottom_text_start = 0
        bottom_label = ""
        inner: list[Span] = []  # well-formed entities inside the open one
        pos = text_start
        while True:
            close = find("]", pos, end)
            if close < 0:  # the open entity never closed: that is the defect
                if looks_like_label(open_label, labels):
                    problems.append(MarkupProblem("unclosed", open_at, text_start - 1,
                                                  label=open_label))
                    spans.extend(inner)
                return
            brackets = count("[", pos, close)
            if brackets:
                if depth:
                    openers = len(findall(text, pos, close))
                else:
                    first = search(text, pos, close)
                    if first is None:
                        openers = 0
                    else:
                        bottom_at, bottom_text_start = first.span()
                        bottom_label = first.group(1)
                        openers = 1 + len(findall(text, bottom_text_start, close))
                depth += openers
                literal += brackets - openers
            pos = close + 1
            two_spaces = startswith("  ", close - 2)
            if literal and not two_spaces:
                literal -= 1
                continue
            if depth:
                depth -= 1
                if not depth:
                    inner_text = text[bottom_text_start:close]
                    stripped = inner_text.strip()
                    if stripped:
                        lead = bottom_text_start + len(inner_text) - len(inner_text.lstrip(" "))
                        inner.append(Span(bottom_at, pos, lead, lead + len(stripped),
                                          bottom_label, stripped, line))
                continue
            body = text[text_start:close]
            if open_label not in labels and len(body) - len(body.rstrip(" ")) < 2:
                break  # editorial brackets such as "[NAME REMOVED]": plain text
            if count("[", text_start, close):
                _nested_openers(text, text_start, close, open_label, labels, problems)
            stripped = body.strip()
            if not stripped:
                problems.append(MarkupProblem("empty", open_at, pos, label=open_label))
            else:
                lead = text_start + len(body) - len(body.lstrip(" "))
                spans.append(Span(open_at, pos, lead, lead + len(stripped), open_label,
                                  stripped, line))
            literal = 0
            break


def _nested_openers(text: str, start: int, end: int, outer: str, labels: frozenset[str],
                    problems: list[MarkupProblem]) -> None:
    """The ``nested-opener`` problems of the openers of a known label in ``text[start:end]``,
    the body of an entity of label ``outer`` that closed. (Collected as ints and strings, which
    the garbage collector does not track, rather than as match objects.)"""
    names = findall_openers(text, start, end)
    starts = [nested.start() for nested in OPENER.finditer(text, start, end)]
    known = list(map(labels.__contains__, names))
    if not all(known):
        names = list(compress(names, known))
        starts = list(compress(starts, known))
    ends = [at + len(name) + 1 for at, name in zip(starts, names)]
    problems.extend(build("nested-opener", starts, ends, detail=outer, labels=names))
