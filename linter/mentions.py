"""The mention index: one small, picklable summary per document for the LBL corpus rules.

The corpus rules (LBL001-003) judge a mention against every other mention of the same
string in the corpus, so the per-file phase must hand the corpus phase everything it
needs in a compact form: each entity with its resolved position, its few neighbouring
words and the labels of the names coordinated with it, plus the runs of capitalised
words left unannotated (candidate missed mentions). Positions are resolved here because
finalize never sees the documents again.

The summary is built once per document and shared by the three rules (the engine calls
each rule's ``collect`` on the same Document one after the other), and pickled once per
file because the three rules hold the same object.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from linter.model import Document
from linter.profiles import STRUCTURAL_ZONES

_TOKEN = re.compile(r"\S+")
_DIGITS = re.compile(r"\d")

# Words that may sit inside a multi-word name without starting or ending it.
NAME_CONNECTORS = frozenset({
    "of", "the", "de", "del", "der", "la", "le", "van", "von", "da", "di", "du", "and", "&",
    "for", "on", "upon", "y", "-", "'s",
})

# Words between two entities that make them a list or a fixture ("A , B and C", "A 2 B 1",
# "A beat B"): such names usually share one label, so they vote for each other.
COORDINATORS = frozenset({
    ",", "and", "or", "&", "/", "v", "v.", "vs", "vs.", "versus", "-", "beat", "beats",
    "defeated", "drew", "draw", "with", "nor", ";", ":",
})


@dataclass(slots=True, frozen=True)
class Mention:
    """One annotated entity as the corpus phase sees it (no document needed).

    ``left``/``right`` hold up to two untagged words next to the entity, nearest first;
    they stop at the line edge or at another entity. ``edge_left``/``edge_right`` say
    what stopped them ("^" line start, "$" line end, "E" another entity, "" not reached).
    ``siblings`` are the labels of the entities coordinated with this one on its line.
    """

    text: str
    label: str
    line: int  # 1-based
    column: int  # 1-based, of the opening bracket
    end_column: int  # exclusive, after the closing bracket
    left: tuple[str, ...]
    right: tuple[str, ...]
    edge_left: str
    edge_right: str
    siblings: tuple[str, ...]
    headline: bool
    initial: bool  # first item of its line (sentence-initial)


@dataclass(slots=True, frozen=True)
class Run:
    """A maximal run of name-like untagged words on one line (a candidate missed mention).

    ``offsets`` are each word's 0-based column offset from ``column``. ``initial`` says the
    run starts its line; ``lower_seen`` says the first word also occurs in lower case in
    the same document (so at the start of a sentence it is probably a common word).
    """

    line: int
    column: int
    words: tuple[str, ...]
    offsets: tuple[int, ...]
    initial: bool
    lower_seen: bool


@dataclass(slots=True, frozen=True)
class DocSummary:
    """Everything the LBL corpus rules keep of one document."""

    mentions: tuple[Mention, ...]
    runs: tuple[Run, ...]


def name_like(word: str) -> bool:
    """A word that could start or end a name: capitalised, or an @handle / #tag."""
    first = word[0]
    if first.isupper():
        return True
    return first in "@#" and len(word) > 1 and word[1].isalnum()


def normal_context(word: str) -> str:
    """Context word as a feature: lower case, digits folded (so "2" and "3" match)."""
    return _DIGITS.sub("0", word.lower())


def is_headline(line_text: str) -> bool:
    """An all-caps line (a news headline or dateline): its case tells nothing."""
    letters = [c for c in line_text if c.isalpha()]
    return len(letters) >= 4 and all(not c.islower() for c in letters)


class _StructuralIndex:
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


_CACHE: list = [None, None]  # [document, summary] of the last document summarised


def summarise(doc: Document) -> DocSummary:
    """The document's mention summary, computed once even when three rules ask."""
    if _CACHE[0] is doc:
        return _CACHE[1]
    summary = _build(doc)
    _CACHE[0], _CACHE[1] = doc, summary
    return summary


def _build(doc: Document) -> DocSummary:
    text = doc.text
    structural = _StructuralIndex(doc) if doc.zones else None
    by_line: dict[int, list] = {}
    for span in doc.spans:
        by_line.setdefault(span.line, []).append(span)
    lower_words: set[str] = set()
    lines: list[tuple[int, int, list]] = []  # (line0, line_start, items)
    index = doc.lines
    for line0 in range(index.line_count):
        start, end = index.line_bounds(line0)
        spans = by_line.get(line0, ())
        items: list = []  # ("w", word, offset) or ("e", span)
        cursor = start
        for span in spans:
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
            lines.append((line0, start, items))
    mentions: list[Mention] = []
    runs: list[Run] = []
    for line0, line_start, items in lines:
        headline = is_headline(text[line_start:index.line_bounds(line0)[1]])
        _line_mentions(items, line0, line_start, headline, structural, mentions)
        _line_runs(items, line0, line_start, structural, lower_words, runs)
    return DocSummary(tuple(mentions), tuple(runs))


def _neighbours(items: list, position: int, step: int) -> tuple[tuple[str, ...], str]:
    words: list[str] = []
    cursor = position + step
    while 0 <= cursor < len(items) and len(words) < 2:
        kind, value = items[cursor][0], items[cursor][1]
        if kind == "e":
            return tuple(words), "E"
        words.append(value)
        cursor += step
    if len(words) == 2:
        return tuple(words), ""
    return tuple(words), "^" if step < 0 else "$"


def _siblings(items: list, position: int) -> tuple[str, ...]:
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
            if word not in COORDINATORS and not word.isdigit():
                break
            gap += 1
            if gap > 3:
                break
            cursor += step
    return tuple(labels)


def _line_mentions(items, line0, line_start, headline, structural, out) -> None:
    for position, item in enumerate(items):
        if item[0] != "e":
            continue
        span = item[1]
        if structural is not None and structural.covers(span.start):
            continue
        left, edge_left = _neighbours(items, position, -1)
        right, edge_right = _neighbours(items, position, 1)
        out.append(Mention(
            text=span.text, label=span.label, line=line0 + 1,
            column=span.start - line_start + 1, end_column=span.end - line_start + 1,
            left=left, right=right, edge_left=edge_left, edge_right=edge_right,
            siblings=_siblings(items, position), headline=headline, initial=position == 0,
        ))


def _line_runs(items, line0, line_start, structural, lower_words, out) -> None:
    run: list[tuple[str, int]] = []
    run_first = 0

    def flush() -> None:
        while run and not name_like(run[-1][0]):
            run.pop()  # a run ends on a name word, never on "of" or "the"
        if run:
            first_word, first_offset = run[0]
            if structural is None or not structural.covers(first_offset):
                out.append(Run(
                    line=line0 + 1, column=first_offset - line_start + 1,
                    words=tuple(word for word, _ in run),
                    offsets=tuple(offset - first_offset for _, offset in run),
                    initial=run_first == 0,
                    lower_seen=first_word.lower() in lower_words,
                ))
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
