"""Build a document's :class:`~linter.rules.lbl.mentions.MentionSummary` (what LBL001-003
know of it in the corpus phase).

Speed. The per-document cost is a few C-level passes over the text (one split into words
with a mark per entity and line break, one regex for the runs over a copy of the text
with the entities blanked out) plus a little Python per entity and per run; no Python
loop runs per word. Documents whose entities are out of order, overlap or sit outside
their line (no reader makes these) take :func:`_build_unordered`, one step per word.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from operator import itemgetter

from linter.model import Document
from linter.rules.lbl.mentions import (COORDINATORS, M_HEADLINE, M_TEXT, NAME_CONNECTORS, R_COLUMN, R_LINE, Mention,
                                       MentionSummary, Run, is_headline, name_like)
from linter.rules.lbl.missed_local import local_notes
from linter.rules.lbl.rows import row_lines, row_word
from linter.rules.lbl.runs import run_pattern
from linter.zones import StructuralIndex

_TEXT_OF = itemgetter(M_TEXT)
_TOKEN = re.compile(r"\S+")
_NEWLINE = re.compile(r"\n")
_LINE_LEAD = re.compile(r"[^\S\n]*")  # whitespace at the start of a line
_ASCII_LOWER = re.compile(r"[a-z]")

def summarise(doc: Document, ctx: object = None) -> MentionSummary:
    """The document's mention summary, computed once even when three rules ask."""
    summary = doc.derived.get(__name__)
    if summary is None:
        summary = _without_bare_acronyms(doc, _build(doc))
        common = common_headline_mentions(doc, summary)
        if common:
            summary = summary._replace(common=common)
        framed, lowered, line_final = local_notes(doc, summary)
        if framed or lowered or line_final:
            summary = summary._replace(framed=framed, lowered=lowered, line_final=line_final)
        doc.derived[__name__] = summary
    return summary


def common_headline_mentions(doc: Document, summary: MentionSummary) -> tuple[int, ...]:
    """Indexes of the headline mentions whose every word (letters only, two or more) the
    document writes in lower case outside entities: "[MISC GOLF]" over a story about golf.
    One pass over the text, only when the document has a headline mention."""
    heads = [index for index, mention in enumerate(summary.mentions) if mention[M_HEADLINE]]
    if not heads:
        return ()
    text, pieces, cursor = doc.text, [], 0
    for span in sorted(doc.spans, key=lambda s: s.start):
        if span.start >= cursor:
            pieces.append(text[cursor:span.start])
            cursor = span.end
    pieces.append(text[cursor:])
    lower = {word for word in " ".join(pieces).split() if word.islower()}
    found = []
    for index in heads:
        words = summary.mentions[index][M_TEXT].split()
        if all(len(w) > 1 and w.isalpha() and w.lower() in lower for w in words):
            found.append(index)
    return tuple(found)


def _without_bare_acronyms(doc: Document, summary: MentionSummary) -> MentionSummary:
    """Drop runs that are an untagged acronym right after its annotated expansion
    (``[LOC Upper Huallaga Valley  ] ( UHV )``): LBL004 reports those, with the expansion as
    its evidence, so LBL002 must not report the same words a second time."""
    from linter.rules.lbl.names import acronym_problems

    positions = set()
    for problem in acronym_problems(doc):
        if problem.span is None:
            acronym = problem.evidence.get("acronym", "")
            offset = problem.start + max(0, doc.text.find(acronym, problem.start, problem.end)
                                         - problem.start)
            positions.add(doc.lines.position(offset))
    if not positions:
        return summary
    runs = tuple(run for run in summary.runs if (run[R_LINE], run[R_COLUMN]) not in positions)
    return MentionSummary(summary.mentions, runs, summary.path)


_ENTITY = "\x00"  # an entity in the word list of a document
_LINE = "\x01"  # a line break in the word list
_MARKS = frozenset({_ENTITY, _LINE})


def _build(doc: Document) -> MentionSummary:
    text = doc.text
    spans = doc.spans
    line_starts = [0]
    line_starts += [match.end() for match in _NEWLINE.finditer(text)]
    line_count = len(line_starts)
    text_length = len(text)
    covers = None
    zone_starts: list[int] = []  # merged structural zones, for inline bisection
    zone_ends: list[int] = []
    if doc.zones:
        structural = StructuralIndex(doc)
        if structural.starts:
            covers = structural.covers
            zone_starts, zone_ends = structural.starts, structural.ends
    if spans and (_ENTITY in text or _LINE in text):
        return _build_unordered(doc, text, line_starts, covers)

    # The text between entities, checking on the way that the entities are in order,
    # apart and each inside its line (as the reader makes them; else the general case).
    pieces: list[str] = []  # text between entities, and each entity blanked by newlines
    cursor = 0
    previous_line = -1
    line_start = line_end = 0
    for span in spans:
        line0 = span.line
        if line0 != previous_line:
            if line0 < previous_line or line0 >= line_count:
                return _build_unordered(doc, text, line_starts, covers)
            previous_line = line0
            line_start = line_starts[line0]
            line_end = line_starts[line0 + 1] - 1 if line0 + 1 < line_count else text_length
        start, end = span.start, span.end
        if start < cursor or start < line_start or end > line_end or end <= start:
            return _build_unordered(doc, text, line_starts, covers)
        pieces.append(text[cursor:start])
        pieces.append("\n" * (end - start))
        cursor = end
    pieces.append(text[cursor:])

    # Every untagged word of the document in order, with a mark for each entity and each
    # line break: an entity's neighbours and the words between two entities are slices.
    count = len(spans)
    words = f" {_ENTITY} ".join(pieces[::2]).replace("\n", f" {_LINE} ").split() \
        if count else []
    last_word = len(words) - 1
    positions = [0] * (count + 1)
    links = [0] * (count + 1)  # to the entity before: 0 none, 1 adjacent, 2 coordinated
    find = words.index
    at = previous = -1
    rows = row_lines(text, spans, line_starts)
    for k in range(count):
        at = positions[k] = find(_ENTITY, at + 1)
        if at - previous < 5 and k:
            if at == previous + 1:
                links[k] = 1
            elif _coordinating(words[previous + 1:at], spans[k].line in rows):
                links[k] = 2
        previous = at
    positions[count] = last_word + 5  # no entity after the last

    mentions: list[Mention] = []
    intern = sys.intern  # one string object per label: pickled once per summary
    marks = _MARKS
    headline_line = -1
    headline = False
    previous = -1  # the entity before (none: the first has only words or nothing before)
    for k in range(count):
        at = positions[k]
        span = spans[k]
        if zone_starts:
            zone = bisect_right(zone_starts, span.start) - 1
            if zone >= 0 and span.start < zone_ends[zone]:
                previous = at
                continue
        line0 = span.line
        line_start = line_starts[line0]
        if line0 != headline_line:
            headline_line = line0
            line_end = line_starts[line0 + 1] - 1 if line0 + 1 < line_count else text_length
            headline = (_ASCII_LOWER.search(text, line_start, line_end) is None
                        and is_headline(text[line_start:line_end]))
        left1 = left2 = right1 = right2 = None
        if at > previous + 1:
            left1 = words[at - 1]
            if left1 == _LINE:
                left1 = None
            elif at > 1 and at - 2 != previous:
                left2 = words[at - 2]
                if left2 in marks:
                    left2 = None
        following = positions[k + 1]
        if following > at + 1 and at < last_word:
            right1 = words[at + 1]
            if right1 == _LINE:
                right1 = None
            elif at + 2 != following and at + 1 != last_word:
                right2 = words[at + 2]
                if right2 == _LINE:
                    right2 = None
        siblings: tuple[str, ...] = ()
        if links[k] or links[k + 1] == 2:
            siblings = _siblings_of(k, links, spans)
        mentions.append((
            span.text, intern(span.label), line0 + 1,
            span.start - line_start + 1, span.end - line_start + 1, left1, left2, right1,
            right2, siblings, headline,
        ))
        previous = at

    runs: list[Run] = []
    blanked = "".join(pieces) if count else text
    texts = None  # the strings this document annotates
    looked_up: set[str] = set()  # lower-case words looked for, and those found
    seen: set[str] = set()
    for match in run_pattern().finditer(blanked):
        offset = match.start()
        if zone_starts:
            zone = bisect_right(zone_starts, offset) - 1
            if zone >= 0 and offset < zone_ends[zone]:
                continue
        line0 = bisect_right(line_starts, offset) - 1
        line_start = line_starts[line0]
        initial = offset == line_start or (
            text[line_start].isspace() and _LINE_LEAD.match(text, line_start).end() == offset)
        lower_seen = False
        if initial:
            first = match.group(1)
            if match.end() == match.end(1):
                # a single word opening a line is a sentence's first word: LBL002 can
                # only take it for a name this document annotates and never writes in
                # lower case
                if texts is None:
                    texts = set(map(_TEXT_OF, mentions))
                if first not in texts:
                    continue
            lower = first.lower()
            if lower.islower():
                lower_seen = lower in seen if lower in looked_up else \
                    _look_up(blanked, lower, looked_up, seen)
            if lower_seen and match.end() == match.end(1):
                continue
        runs.append((line0 + 1, offset - line_start + 1, match.group(), initial, lower_seen))
    return MentionSummary(tuple(mentions), tuple(runs), doc.path)


def _siblings_of(k: int, links: list[int], spans: list) -> tuple[str, ...]:
    """Labels of the entities joined to entity ``k`` by coordinating words only (see
    ``links``): left ones nearest first, then right ones; going right, two entities with
    no word between are a split name, not a list."""
    found = []
    back = k
    while back > 0 and links[back]:
        back -= 1
        found.append(spans[back].label)
    ahead = k + 1
    while links[ahead] == 2:
        found.append(spans[ahead].label)
        ahead += 1
    return tuple([sys.intern(label) for label in found])


def _coordinating(gap: list[str], row: bool = False) -> bool:
    """Whether the words between two entities make them a list or a fixture; on a table
    row (see :func:`row_lines`) any short gap without parentheses does."""
    for word in gap:
        if word.lower() not in COORDINATORS and not word.isdigit() and not (
                row and row_word(word)):
            return False
    return True


def _look_up(text: str, word: str, looked_up: set[str], seen: set[str]) -> bool:
    """Whether ``word`` occurs in ``text`` as a whole whitespace-separated word. A few
    ``str.find`` calls: the words of the few runs that open a line and need it."""
    looked_up.add(word)
    size = len(word)
    end = len(text)
    at = text.find(word)
    while at >= 0:
        if (at == 0 or text[at - 1].isspace()) and (at + size == end
                                                     or text[at + size].isspace()):
            seen.add(word)
            return True
        at = text.find(word, at + 1)
    return False


def _build_unordered(doc, text, line_starts, covers) -> MentionSummary:
    """The general case: entities out of order, overlapping or with a wrong line number
    (no reader produces these today). One Python step per word, so only here."""
    by_line: dict[int, list] = {}
    for span in doc.spans:
        by_line.setdefault(span.line, []).append(span)
    line_count = len(line_starts)
    lower_words: set[str] = set()
    lines = []
    for line0 in range(line_count):
        start = line_starts[line0]
        end = line_starts[line0 + 1] - 1 if line0 + 1 < line_count else len(text)
        items: list = []  # ("w", word, offset) or ("e", span)
        cursor = start
        for span in by_line.get(line0, ()):
            for match in _TOKEN.finditer(text, cursor, span.start):
                items.append(("w", match.group(), match.start()))
            items.append(("e", span))
            cursor = span.end
        for match in _TOKEN.finditer(text, cursor, end):
            items.append(("w", match.group(), match.start()))
        for item in items:
            if item[0] == "w" and item[1].islower():
                lower_words.add(item[1])
        if items:
            lines.append((line0, start, end, items))
    mentions: list[Mention] = []
    rows = row_lines(text, sorted(doc.spans, key=lambda s: s.start), line_starts)
    for line0, start, end, items in lines:
        headline = is_headline(text[start:end])
        for position, item in enumerate(items):
            if item[0] != "e" or (covers is not None and covers(item[1].start)):
                continue
            span = item[1]
            left = _neighbours(items, position, -1) + (None, None)
            right = _neighbours(items, position, 1) + (None, None)
            mentions.append((
                span.text, span.label, line0 + 1, span.start - start + 1,
                span.end - start + 1, left[0], left[1], right[0], right[1],
                _siblings(items, position, line0 in rows), headline,
            ))
    runs: list[Run] = []
    texts = set(map(_TEXT_OF, mentions))
    for line0, start, _, items in lines:
        _line_runs(text, items, line0, start, covers, lower_words, texts, runs)
    return MentionSummary(tuple(mentions), tuple(runs), doc.path)


def _neighbours(items: list, position: int, step: int) -> tuple[str, ...]:
    words: list[str] = []
    cursor = position + step
    while 0 <= cursor < len(items) and len(words) < 2 and items[cursor][0] == "w":
        words.append(items[cursor][1])
        cursor += step
    return tuple(words)


def _siblings(items: list, position: int, row: bool = False) -> tuple[str, ...]:
    """Labels of entities joined to ``items[position]`` by coordinating words only."""
    labels: list[str] = []
    for step in (-1, 1):
        cursor, gap = position + step, 0
        while 0 <= cursor < len(items):
            kind, value = items[cursor][0], items[cursor][1]
            if kind == "e":
                if gap == 0 and step == 1:
                    break  # directly adjacent entities are a split name, not a list
                labels.append(value.label)
                gap = 0
                cursor += step
                continue
            word = value.lower()
            if word not in COORDINATORS and not word.isdigit() and not (
                    row and row_word(value)):
                break
            gap += 1
            if gap > 3:
                break
            cursor += step
    return tuple(labels)


def _line_runs(text, items, line0, line_start, covers, lower_words, texts, out) -> None:
    run: list[tuple[str, int]] = []
    run_first = 0

    def flush() -> None:
        while run and not name_like(run[-1][0]):
            run.pop()  # a run ends on a name word, never on "of" or "the"
        if run:
            first_word, first_offset = run[0]
            initial = run_first == 0
            lower_seen = initial and first_word.lower() in lower_words
            if covers is None or not covers(first_offset):
                if initial and len(run) == 1 and (lower_seen or first_word not in texts):
                    run.clear()
                    return
                last_word, last_offset = run[-1]
                out.append((line0 + 1, first_offset - line_start + 1,
                            text[first_offset:last_offset + len(last_word)],
                            initial, lower_seen))
        run.clear()

    for position, item in enumerate(items):
        if item[0] == "e":
            flush()
            continue
        word, offset = item[1], item[2]
        if name_like(word):
            if not run:
                run_first = position
            run.append((word, offset))
        elif run and word.lower() in NAME_CONNECTORS:
            run.append((word, offset))
        else:
            flush()
    flush()
