"""The recovering parser of the inline reader: damaged lines (unclosed, stray, nested brackets).

Every piece of state of the bracket state machine ends with its line (entities never cross a
sentence), so the inline reader hands :func:`parse_lines` only the lines its fast path cannot
explain, and takes over again once the damage is behind. It gives exactly what the former
whole-file state machine gave (tests/readers/inline_reference.py keeps that one as the
oracle), in time linear in the line however the brackets are damaged:

* with nothing open, the next opener is one regex search, and the two-space closers before it
  are the stray closers (one more regex over that stretch);
* with an entity open, nested openers are only counted: the stack of the former parser is
  replaced by its depth and its bottom entry, the only one whose closing makes an inner
  entity. (The former parser sliced the text from each popped opener to its closer, which is
  quadratic in the nesting depth: ~30 s for a 1 MB line of ``[ORG [LOC …``.) Their
  ``nested-opener`` problems are made only if the open entity closes, by one scan of its
  body, since they are dropped when it does not;
* from one closer to the next, the brackets in between are counted, not visited one by one,
  and a run of closers that only pop nested openers is skipped at once;
* problems are gathered as columns (:mod:`linter.readers.problem_batch`), built at the end.
"""

from __future__ import annotations

import re
from itertools import compress, islice, repeat

from linter.model import Span
from linter.readers.problem_batch import Columns

OPENER = re.compile(r"\[([A-Z][A-Za-z0-9_-]*) ")
_STRAY = re.compile(r"  \]")
_CLOSER = re.compile(r"\]")
_RUN = 16  # runs of closers longer than this are skipped at once
_new_span = tuple.__new__  # Span(...) without the NamedTuple's Python-level __new__


def looks_like_label(label: str, labels: frozenset[str]) -> bool:
    """Whether an unclosed opener is a damaged entity rather than text: a known label, or
    an all-caps word of two or more letters as taggers write labels (``[PERS foo``)."""
    return label in labels or (len(label) >= 2 and label.isupper())


def parse_lines(text: str, start: int, line: int, labels: frozenset[str], spans: list[Span],
                table: Columns, quiet: int = -1) -> tuple[int, int]:
    """Append to ``spans`` and ``table`` the entities and problems of the lines from the one
    that starts at offset ``start`` (0-based number ``line``) to the end of the text.

    With ``quiet`` >= 0, stop after the first line that ends more than ``quiet`` characters
    past the last line with problems. Returns the offset and number of the next line (the
    offset is past the end of the text when there is none).
    """
    find = text.find
    count = text.count
    search = OPENER.search
    findall = OPENER.findall
    startswith = text.startswith
    kinds, starts, ends, details, names = table
    add_span = spans.append
    length = len(text)
    last_damage = start
    while True:
        end = find("\n", start)
        if end < 0:
            end = length
        before = len(starts)
        pos = start
        literal = 0  # literal "[ " brackets inside the open entity (an editorial pair keeps them)
        while pos < end:
            # nothing open: the next opener opens; before it, "  ]" closers are stray
            match = search(text, pos, end)
            stop = end if match is None else match.start()
            stray_from = pos - 2 if pos >= 2 else 0
            stray = find("  ]", stray_from, stop)
            if stray >= 0:
                if count("  ]", stray, stop) <= 4:  # (occurrences end at distinct "]")
                    while stray >= 0:
                        kinds.append("stray-closer")
                        starts.append(stray + 2)
                        ends.append(stray + 3)
                        details.append("")
                        names.append("")
                        stray = find("  ]", stray + 3, stop)
                else:
                    closers = [found.end() for found in _STRAY.finditer(text, stray, stop)]
                    kinds.extend(repeat("stray-closer", len(closers)))
                    starts.extend([at - 1 for at in closers])
                    ends.extend(closers)
                    details.extend(repeat("", len(closers)))
                    names.extend(repeat("", len(closers)))
            if match is None:
                break
            open_at, open_label, text_start = stop, match.group(1), match.end()
            depth = 0  # nested openers waiting for their own closer
            nested = 0  # nested openers in all
            no_run_before = 0
            bottom_at = bottom_text_start = 0
            bottom_label = ""
            inner: list[Span] = []  # well-formed entities inside the open one
            pos = text_start
            while True:
                close = find("]", pos, end)
                if close < 0:  # the open entity never closed: that is the defect
                    if open_label in labels or (len(open_label) >= 2 and open_label.isupper()):
                        kinds.append("unclosed")
                        starts.append(open_at)
                        ends.append(text_start - 1)
                        details.append("")
                        names.append(open_label)
                        spans.extend(inner)
                    pos = end
                    break
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
                            openers = 1 if brackets == 1 else 1 + len(
                                findall(text, bottom_text_start, close))
                    depth += openers
                    nested += openers
                    literal += brackets - openers
                if depth > _RUN and not literal and close >= no_run_before:
                    # a run of closers that only pop nested openers: skip it at once
                    run_end = find("[", close, end)
                    if run_end < 0:
                        run_end = end
                    skip = min(count("]", close, run_end), depth - 1)
                    if skip > _RUN:
                        depth -= skip
                        pos = next(islice(_CLOSER.finditer(text, close, run_end), skip - 1,
                                          None)).end()
                        continue
                    no_run_before = run_end  # (so that each stretch is counted once)
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
                            lead = (bottom_text_start + len(inner_text)
                                    - len(inner_text.lstrip(" ")))
                            inner.append(_new_span(Span, (bottom_at, pos, lead,
                                                         lead + len(stripped), bottom_label,
                                                         stripped, line)))
                    continue
                body = text[text_start:close]
                if open_label not in labels and len(body) - len(body.rstrip(" ")) < 2:
                    break  # editorial brackets such as "[NAME REMOVED]": plain text
                if nested:
                    _nested_openers(text, text_start, close, open_label, labels, table,
                                    nested)
                stripped = body.strip()
                if not stripped:
                    kinds.append("empty")
                    starts.append(open_at)
                    ends.append(pos)
                    details.append("")
                    names.append(open_label)
                else:
                    lead = text_start + len(body) - len(body.lstrip(" "))
                    add_span(_new_span(Span, (open_at, pos, lead, lead + len(stripped),
                                             open_label, stripped, line)))
                literal = 0
                break
        if len(starts) != before:
            last_damage = end
        if end >= length or 0 <= quiet < end - last_damage:
            return end + 1, line + 1
        start, line = end + 1, line + 1


def _nested_openers(text: str, start: int, end: int, outer: str, labels: frozenset[str],
                    table: Columns, nested: int) -> None:
    """The ``nested-opener`` problems of the openers of a known label in ``text[start:end]``,
    the body of an entity of label ``outer`` that closed, with ``nested`` openers in all."""
    if nested <= 8:
        for found in OPENER.finditer(text, start, end):
            label = found.group(1)
            if label in labels:
                at = found.start()
                table[0].append("nested-opener")
                table[1].append(at)
                table[2].append(at + len(label) + 1)
                table[3].append(outer)
                table[4].append(label)
        return
    names = OPENER.findall(text, start, end)
    starts = [nested.start() for nested in OPENER.finditer(text, start, end)]
    known = list(map(labels.__contains__, names))
    if not all(known):
        names = list(compress(names, known))
        starts = list(compress(starts, known))
    table[0].extend(repeat("nested-opener", len(starts)))
    table[1].extend(starts)
    table[2].extend([at + len(name) + 1 for at, name in zip(starts, names)])
    table[3].extend(repeat(outer, len(starts)))
    table[4].extend(names)
