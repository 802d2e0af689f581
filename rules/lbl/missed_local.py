"""What a document says about its own bare words, for LBL002 (computed in the per-file
phase, where the text is still at hand, and kept in the mention summary).

* **Frames** (``framed``). Tables and lists repeat a layout: "8. [ORG Tyrrell  ] 5" then
  "9. Footwork 1"; "[ORG S&P  ] : AA- FITCH : AA-"; "[PER Weaver  ] ( ... ) / J.J.Lehto (".
  A bare run whose *structural* neighbours (numbers, punctuation, short codes: a word with a
  digit, no letter, or at most two capitals) are those of two or more entities of one label in the same
  document, one of them on the same or an adjacent line, and of fewer bare runs, sits in
  an entity's slot. Lexical neighbours ("X said the") are never a frame: a pronoun or a
  month shares them with names. Line-initial runs, runs after a sentence break (": ",
  ". ") unless the frame is on their right, and runs touching an entity (the rest of a
  name, LBL003's case) are not judged.
* **Lower case** (``lowered``). The indexes of the runs with a capitalised word the document also
  writes in lower case ("Golf" over a story about golf): such a word
  is a common word here, whatever the corpus annotates.

* **Line ends** (``line_final``). The indexes of the runs that end their line when the
  next line opens with an entity: "... at The" then "[LOC Oval  ] on Sunday" is a name a
  line break split (LBL002 checks that the corpus annotates the joined string).

Entries of ``framed``: ``(run index, first word, word count, label, mates, bare, line,
column)``: the sub-run judged (the whole run, or its first or last word), the frame's label,
how many entities and other bare runs share the frame, and where the nearest entity is.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from linter.rules.lbl.mentions import (M_LABEL, M_LEFT1, M_LEFT2, M_LINE, M_COLUMN,
                                       M_RIGHT1, M_RIGHT2, R_COLUMN, R_INITIAL, R_LINE,
                                       M_TEXT, R_TEXT, MentionSummary)

_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)\b|\d+")
_TOKEN = re.compile(r"\S+")
MIN_MATES = 2  # entities sharing a frame before it says anything
_SENTENCE_BREAK = frozenset({".", "!", "?", ":", ";", "--"})
_OPENING = frozenset('([{"\'<')
_CLOSING = frozenset(')]}"\'>')


_STRUCTURAL: dict[str, bool] = {}
_MEMO_LIMIT = 100_000


def structural(word: str | None) -> bool:
    """A layout word: a number, punctuation or a short code ("12th", ":", "AA-", "A1");
    never an all-caps name ("FITCH") nor a lexical word ("said")."""
    if word is None:
        return False
    known = _STRUCTURAL.get(word)
    if known is None:
        if len(_STRUCTURAL) > _MEMO_LIMIT:
            _STRUCTURAL.clear()
        letters = [c for c in word if c.isalpha()]
        known = _STRUCTURAL[word] = any(c.isdigit() for c in word) or not letters or (
            len(letters) <= 2 and not any(c.islower() for c in letters))
    return known


def code_like(word: str) -> bool:
    """A word that is a value, not a name: it has a digit or ends in a sign ("AA-")."""
    return any(c.isdigit() for c in word) or not (word[-1].isalnum() or word[-1] == ".")


def frame_word(word: str) -> str:
    """A frame word as matched: lower case, numbers and ordinals folded ("42nd" = "11th")."""
    return _ORDINAL.sub("0", word.lower())


def frames(left1, left2, right1, right2) -> list[tuple[str, str, str]]:
    """The structural frames around a span: both sides, two right, two left words."""
    out = []
    for tag, first, second in (("LR", left1, right1), ("RR", right1, right2),
                               ("LL", left2, left1)):
        if tag != "RR" and left1 in _SENTENCE_BREAK:
            continue  # a word after ": " or ". " is capitalised for the sentence's sake
        if tag == "LR" and first in _OPENING and second in _CLOSING:
            continue  # "( X )": any acronym or aside sits there, not a layout's slot
        if structural(first) and structural(second):
            out.append((tag, frame_word(first), frame_word(second)))
    return out


def _spans_by_line(doc) -> dict[int, tuple[list[int], list[int]]]:
    """{line: (starts, ends)} of the entities, sorted by start, for bisection."""
    lines: dict[int, list[tuple[int, int]]] = {}
    for span in doc.spans:
        lines.setdefault(span.line, []).append((span.start, span.end))
    return {line: ([s for s, _ in sorted(spans)], [e for _, e in sorted(spans)])
            for line, spans in lines.items()}


_WINDOW = 400  # characters looked at on each side of a run: two words are enough


def _outside(doc, run, by_line) -> tuple[list, list, bool]:
    """(two words before, two words after, touches an entity) of a run on its line;
    words stop at the line edge or at an entity, as a mention's neighbours do."""
    line0 = run[R_LINE] - 1
    start, end = doc.lines.line_bounds(line0)
    text = doc.text
    begin = start + run[R_COLUMN] - 1
    finish = begin + len(run[R_TEXT])
    starts, ends = by_line.get(line0, ((), ()))
    before, after = [], []
    touches = False
    for match in reversed(list(_TOKEN.finditer(text, max(start, begin - _WINDOW), begin))):
        at = bisect_left(starts, match.end()) - 1  # an entity with start < token end
        if at >= 0 and ends[at] >= match.end():
            touches = touches or not before
            break
        before.append(match.group())
        if len(before) == 2:
            break
    for match in _TOKEN.finditer(text, finish, min(end, finish + _WINDOW)):
        at = bisect_right(starts, match.start()) - 1  # an entity with start <= token start
        if at >= 0 and ends[at] > match.start():
            touches = touches or not after
            break
        after.append(match.group())
        if len(after) == 2:
            break
    return before, after, touches


def local_notes(doc, summary: MentionSummary) -> tuple[tuple, tuple, tuple]:
    """(framed, lowered, line_final) of the document (see the module docstring).

    Cost: one split of the text (lowered), the frames of every entity, and the words
    around a run only on the lines next to an entity whose frame two entities share (the
    other runs are looked at only in a document that has a candidate, to count the bare
    words sharing its frame)."""
    if not summary.runs:
        return (), (), ()
    framed, lowered = _framed_and_lowered(doc, summary)
    return framed, lowered, _line_final(doc, summary)


def _line_final(doc, summary: MentionSummary) -> tuple[int, ...]:
    """Indexes of the runs followed by nothing but blanks up to the end of their line, when
    the next line opens with an entity (a name the line break may have split)."""
    starts = {mention[M_LINE] for mention in summary.mentions
              if mention[M_LEFT1] is None and mention[M_COLUMN] == 1}
    if not starts:
        return ()
    out = []
    text = doc.text
    for index, run in enumerate(summary.runs):
        if run[R_LINE] + 1 not in starts:
            continue
        start, end = doc.lines.line_bounds(run[R_LINE] - 1)
        finish = start + run[R_COLUMN] - 1 + len(run[R_TEXT])
        if not text[finish:end].strip():
            out.append(index)
    return tuple(out)


def _framed_and_lowered(doc, summary: MentionSummary) -> tuple[tuple, tuple]:
    lower = set(filter(str.islower, doc.text.split()))
    lowered = tuple(index for index, run in enumerate(summary.runs)
                    if not lower.isdisjoint(word.lower() for word in run[R_TEXT].split()
                                            if not word.islower()))  # "of" is always lower
    if len(summary.mentions) < MIN_MATES:
        return (), lowered
    mates: dict[tuple, list[tuple]] = {}
    for mention in summary.mentions:
        if mention[M_RIGHT1] is None and mention[M_LEFT1] is None:
            continue
        for frame in frames(mention[M_LEFT1], mention[M_LEFT2], mention[M_RIGHT1],
                            mention[M_RIGHT2]):
            mates.setdefault(frame, []).append(mention)
    usable = {frame: near for frame, near in mates.items() if len(near) >= MIN_MATES
              and len({mention[M_LABEL] for mention in near}) == 1}
    if not usable:
        return (), lowered
    lines = {mention[M_LINE] + step for near in usable.values() for mention in near
             for step in (-1, 0, 1)}
    skip = set(lowered)
    by_line = _spans_by_line(doc)
    subs: dict[int, list] = {}  # run index -> its (first, n, frames, edge) sub-runs

    def sub_runs(index: int) -> list:
        found = subs.get(index)
        if found is None:
            found = subs[index] = _sub_runs(doc, summary.runs[index], by_line)
        return found

    candidates = []
    for index, run in enumerate(summary.runs):
        if index in skip or run[R_LINE] not in lines:
            continue
        for first, n, found, edge in sub_runs(index):
            if edge or (run[R_INITIAL] and first == 0):
                continue
            for frame in found:
                near = usable.get(frame)
                if near is None:
                    continue
                closest = min(near, key=lambda m: abs(m[M_LINE] - run[R_LINE]))
                if abs(closest[M_LINE] - run[R_LINE]) <= 1:
                    candidates.append((index, first, n, frame, closest))
    if not candidates:
        return (), lowered
    # the bare runs sharing each frame, by text: the same word bare again in the same
    # slot is the same slip twice, not evidence that the slot holds common words
    wanted = {frame for *_, frame, _ in candidates}
    bare: dict[tuple, dict] = {}
    for index, run in enumerate(summary.runs):
        words = run[R_TEXT].split()
        for first, n, found, _ in sub_runs(index):
            for frame in found:
                if frame in wanted:
                    anchor = (index, first + n) if frame[0] == "RR" else (
                        (index, first) if frame[0] == "LL" else (index, first, n))
                    bare.setdefault(frame, {})[anchor] = " ".join(words[first:first + n])
    best: dict[int, tuple] = {}
    for index, first, n, frame, closest in candidates:
        near = usable[frame]
        text = " ".join(summary.runs[index][R_TEXT].split()[first:first + n])
        same = sum(other == text for other in bare[frame].values())
        others = len(bare[frame]) - same
        # a word bare in the slot more often than entities fill it is the column's unit
        # or heading ("PCT"), not a slip repeated
        if len(near) <= others or same > len(near):
            continue
        if index not in best or len(near) > best[index][4]:
            best[index] = (index, first, n, near[0][M_LABEL], len(near), others,
                           closest[M_LINE], closest[M_COLUMN])
    return tuple(best[index] for index in sorted(best)), lowered


def _sub_runs(doc, run, by_line) -> list[tuple[int, int, list, bool]]:
    """(first word, word count, frames, touches an entity) of the run and, beside a value
    ("AA- FITCH"), of its first or last word."""
    words = run[R_TEXT].split()
    before, after, touches = _outside(doc, run, by_line)
    count = len(words)
    spans = {(0, count)}
    if count > 1:
        spans |= {(0, 1), (count - 1, 1)}
    out = []
    for first, n in sorted(spans):
        if any(code_like(word) for word in words[first:first + n]):
            continue
        if n < count and not all(code_like(word) for word in
                                 words[:first] + words[first + n:]):
            continue  # part of a longer run only when the rest is a value ("AA-")
        left = words[:first][::-1] + before
        right = words[first + n:] + after
        edge = (first == 0 and touches and not before) or (
            first + n == count and touches and not after)
        found = frames(left[0] if left else None, left[1] if len(left) > 1 else None,
                       right[0] if right else None, right[1] if len(right) > 1 else None)
        out.append((first, n, found, edge))
    return out


MAX_JOIN_WORDS = 3  # words of a line-final run tried before the next line's entity


def line_joins(summary) -> list[tuple[int, int, str, tuple]]:
    """(run index, first word joined, joined text, entity) for each run ending its line
    before a line that opens with an entity: the run's last one to three words joined
    with that entity's text."""
    if not summary or not summary.line_final:
        return []
    opening = {}
    for mention in summary.mentions:
        if mention[M_LEFT1] is None and mention[M_COLUMN] == 1:
            opening.setdefault(mention[M_LINE], mention)
    out = []
    for index in summary.line_final:
        run = summary.runs[index]
        mention = opening.get(run[R_LINE] + 1)
        if mention is None:
            continue
        words = run[R_TEXT].split()
        for count in range(1, min(len(words), MAX_JOIN_WORDS) + 1):
            out.append((index, len(words) - count,
                        " ".join(words[-count:]) + " " + mention[M_TEXT], mention))
    return out
