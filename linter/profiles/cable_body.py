"""Body zoning of a cable: anchors, numbered paragraphs and their portion marks, headings
with their ``-----`` underlines, summary markers and the signature.

The WikiLeaks renderer anchors *every* line that starts with ``<token>. `` (so REF items
``B.`` and years ``2006.`` get anchors too) and anchors no ``1.(C)`` paragraph; anchors can
also sit mid-line in the tokenised form. Paragraphs are therefore numeric anchors below
100 plus unanchored ``N.(mark)`` starts, and every other anchor is kept as a pseudo-anchor
that numbering checks ignore.
"""

from __future__ import annotations

import re

from linter.model import Zone
from linter.profiles.cable_marks import BANNER, PORTION, parse_portion

ANCHOR = re.compile(
    r"<a\s+id=['\"]par(?P<id>[^'\"]*)['\"]\s+href=['\"]#par(?P<href>[^'\"]*)['\"]\s*>\s*¶?\s*</a>"
    r"(?P<label>[A-Za-z0-9]*)"
)
# A paragraph number without an anchor, before a portion mark: ``(?P<label>\d{1,2})\s?\.{1,2}``
# followed by ``\s*(`` and a level, at a line start or after a sentence end (``[.!?] ``,
# ``[.!?]" ``, ``[.!?]” ``; ``_starts_line`` checks that context). Tried only a few
# characters before a mark bracket found by ``_MARK_BRACKET``: a literal first character
# lets the regex engine jump between brackets instead of trying five lookbehinds at every
# offset.
_UNANCHORED_LABEL = re.compile(
    r"(?P<label>\d{1,2})\s?\.{1,2}(?=\s*\(\s*(?:U|SBU|C|S|TS)\s*[/)])"
)
_MARK_BRACKET = re.compile(r"\((?=\s*(?:U|SBU|C|S|TS)\s*[/)])")
_AFTER_LABEL = re.compile(r"[ \t]*\.?\s*")
_MISSING_OPEN = re.compile(r"(?P<mark>(?:SBU|TS|C|S|U)(?:/NF)?)\)(?=\s)")
_MISSING_CLOSE = re.compile(r"\(\s*(?P<mark>SBU|TS|C|S|U)(?=\s+[A-Z][a-z])")
_MARKLIKE = re.compile(r"^[A-Z]{1,4}$")

# ``(?<!\S)-{3,}...`` with the first dash consumed before the lookbehind, so the engine
# can jump from one "-" to the next (the lookbehind still tests the character before it).
_DASHES = re.compile(r"-(?<!\S-)-{2,}(?:[ \t]+-{3,})*(?!\S)")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+")
_WORD = re.compile(r"\S+")
MAX_HEADING_WORDS = 12

_SUMMARY = re.compile(
    r"(?i)(?<![\w-])(?P<end>END\s+(?:OF\s+)?SUMMARY)\b|(?<![\w-])(?P<begin>(?:BEGIN\s+)?SUMMARY)"
    r"(?=\s*[.:\-]|\s*$|\s+AND\b)"
)
# Every summary marker contains the word SUMMARY; ``(?i)`` folds only ASCII case for its
# letters except "s", which also matches the long s (U+017F). Found by its last letter,
# with a literal first character so the regex engine can skip ahead (a class is slower).
_SUMMARY_WORDS = (re.compile("y(?<=[Ss\u017f][Uu][Mm][Mm][Aa][Rr]y)"),
                  re.compile("Y(?<=[Ss\u017f][Uu][Mm][Mm][Aa][Rr]Y)"))
_SIGNATURE = re.compile(r"^[A-Z][A-Z'\-]+(?:[ ]+(?:JR\.?|[A-Z][A-Z'\-]+)){0,2}$")
_TRAILER = re.compile(r"(?i)^(?:NNNN|\W*|.*Declassified/Released.*|NOTE BY .*)$")


def anchors(view: str) -> list[Zone]:
    """Every renderer anchor, with its id, href and visible label."""
    return [
        Zone("anchor", m.start(), m.end(),
             {"id": m.group("id"), "href": m.group("href"), "label": m.group("label")})
        for m in ANCHOR.finditer(view)
    ]


def paragraph_starts(view: str, anchor_zones: list[Zone], body_start: int,
                     pseudo_until: int) -> list[tuple[int, int, str | None, bool]]:
    """(start, label_end, label, anchored) of every numbered paragraph, in text order.

    An anchor is a paragraph when its visible label is a number below 100 and it lies
    after ``pseudo_until`` (the end of the REF block, whose ``A.``/``1.`` items the renderer
    anchored as well).
    """
    starts = []
    for zone in anchor_zones:
        label = zone.data["label"]
        if label.isdigit() and int(label) < 100 and zone.start >= pseudo_until:
            starts.append((zone.start, zone.end, label, True))
    anchored_at = {zone.start for zone in anchor_zones}
    for match in _unanchored_labels(view, body_start):
        label_start = match.start()
        if _starts_line(view, label_start, body_start) and label_start not in anchored_at:
            starts.append((label_start, match.end(), match.group("label"), False))
    starts.sort()
    return starts


def _unanchored_labels(view: str, pos: int):
    """The matches of ``_UNANCHORED_LABEL.finditer(view, pos)``, found from the brackets.

    A match ends with its dots right before the blanks that precede a mark bracket, and is
    2 to 5 characters long (1-2 digits, an optional blank, 1-2 dots), so it starts 2 to 5
    characters before that blank run. Those offsets are tried in text order, skipping any
    inside the previous match, exactly as ``finditer`` would.
    """
    candidates = []
    for bracket in _MARK_BRACKET.finditer(view, pos):
        dots_end = _blank_run_start(view, bracket.start(), None)
        if dots_end > pos and view[dots_end - 1] == ".":
            candidates.extend(range(max(pos, dots_end - 5), dots_end - 1))
    floor = pos
    match_at = _UNANCHORED_LABEL.match
    for at in sorted(set(candidates)):
        if at < floor:
            continue
        match = match_at(view, at)
        if match is not None:
            yield match
            floor = match.end()


def _blank_run_start(view: str, at: int, chars: str | None) -> int:
    """Start of the run of ``chars`` (whitespace when None) that ends at ``at``."""
    step = 16
    while True:
        low = max(0, at - step)
        kept = view[low:at].rstrip(chars)
        if kept or low == 0:
            return low + len(kept)
        at, step = low, step * 2


def _starts_line(view: str, label_start: int, floor: int) -> bool:
    """Does the label at ``label_start`` start a line or follow a sentence end?

    That is: an offset ``p >= floor`` before a ``[ \\t]*`` run that reaches the label is
    right after a newline, at the start of the text, or after ``[.!?] ``, ``[.!?]" `` or
    ``[.!?]” ``. In a maximal blank run only its first offset (newline or text start) or its
    second (after a sentence end and one space) can qualify. ``_UNANCHORED_LABEL`` hits
    cannot overlap a real match (a label never follows a digit), so scanning hits in order
    gives the same matches as one search of the number with its context would.
    """
    run = _blank_run_start(view, label_start, " \t")
    if run == 0 or view[run - 1] == "\n":
        return run >= floor
    if run < label_start and view[run] == " ":
        before = view[run - 1]
        if before in ".!?" or (before in "\"”" and run >= 2 and view[run - 2] in ".!?"):
            return run + 1 >= floor
    return False


def portion_after(view: str, position: int, limit: int) -> Zone | None:
    """The portion mark right after a paragraph number (``1 . ( C )``), parsed."""
    skip = _AFTER_LABEL.match(view, position, limit)
    at = skip.end() if skip else position
    match = PORTION.match(view, at, limit)
    if match is not None:
        parsed = parse_portion(match.group(1))
        if parsed is not None and (parsed["level"] or _MARKLIKE.match(match.group(1).strip())):
            return Zone("portion", match.start(), match.end(), {**parsed, "valid": bool(parsed["level"])})
        return None
    for pattern, problem in ((_MISSING_OPEN, "no opening bracket"),
                             (_MISSING_CLOSE, "no closing bracket")):
        match = pattern.match(view, at, limit)
        if match is not None:
            return Zone("portion", match.start(), match.end(),
                        {"mark": match.group(0).strip(), "level": None, "valid": False,
                         "noforn": False, "rel": False, "entire": False, "problem": problem})
    return None


def headings(view: str, start: int, end: int) -> list[Zone]:
    """Headings and their dash underlines (``Title\\n-----``, ``---- TITLE ----``)."""
    zones: list[Zone] = []
    runs = [(m.start(), m.end()) for m in _DASHES.finditer(view, start, end)]
    count = len(runs)
    skip = False
    last_end = -1  # end of the last underline zone so far (runs come in text order)
    for index, (run_start, run_end) in enumerate(runs):
        if skip:
            skip = False
            continue
        zones.append(Zone("underline", run_start, run_end))
        if index + 1 < count:
            nxt_start, nxt_end = runs[index + 1]
            between = view[run_end:nxt_start]
            if ("<a" not in between and between.count("\n") <= 2
                    and 0 < len(between.split(None, MAX_HEADING_WORDS)) <= MAX_HEADING_WORDS
                    and any(ch.isalnum() for ch in between)):
                skip = True
                zones.append(Zone("underline", nxt_start, nxt_end))
                zones.append(_heading(view, run_end, nxt_start))
                last_end = nxt_end
                continue
        before = _heading_before(view, run_start, last_end, start)
        last_end = run_end
        if before is not None:
            zones.append(before)
    return zones


def _heading(view: str, start: int, end: int) -> Zone:
    text = view[start:end]
    lead = len(text) - len(text.lstrip())
    stripped = text.strip()
    return Zone("heading", start + lead, start + lead + len(stripped), {"text": " ".join(stripped.split())})


def _heading_before(view: str, run_start: int, last_end: int, floor: int) -> Zone | None:
    """The short title directly before an underline, on its line or the line above.

    ``last_end`` is the end of the previous underline (-1 if none). The title starts after
    that underline when it is on the same line; the search for the line start stops at the
    previous underline, so a long line of many underlines is not re-scanned for each.
    """
    low = max(floor, last_end)
    newline = view.rfind("\n", low, run_start)
    if newline == -1 and last_end > floor:
        # no line break since the previous underline (whose dashes are not blank): the
        # line is not blank before the run and the title can start after that underline
        line_start = -1
        segment_start = last_end
    else:  # (no break at all when there is no previous underline: line_start is 0)
        line_start = newline + 1
        segment_start = max(line_start, floor)
    if line_start != -1 and not view[line_start:run_start].strip():
        # underline alone on its line (raw form): the title is the previous line
        prev_end = line_start - 1
        if prev_end <= floor:
            return None
        prev_start = view.rfind("\n", floor, prev_end) + 1
        segment_start, seg_end = max(prev_start, floor), prev_end
    else:
        seg_end = run_start
        if segment_start <= last_end <= run_start:
            segment_start = last_end
        last = None
        for last in _SENTENCE_END.finditer(view, segment_start, run_start):
            pass
        if last is not None and last.end() < run_start:
            segment_start = last.end()
    text = view[segment_start:seg_end]
    words = _WORD.findall(text)
    if (not words or len(words) > MAX_HEADING_WORDS or "<a" in text or "¶" in text
            or not any(ch.isalnum() for ch in text)):
        return None
    if text.rstrip().endswith((".", ",", ";")) and not text.rstrip().endswith("..."):
        return None
    return _heading(view, segment_start, seg_end)


def summary_markers(view: str, start: int, end: int) -> list[Zone]:
    """``_SUMMARY.finditer(view, start, end)``, tried only where a match can start.

    A match contains the word SUMMARY and starts at it, at a BEGIN or END before it
    (whitespace between), or at an END before ``OF``. Those offsets (and a few that cannot
    match) are tried in text order; the first match wins and the next must start after it.
    """
    candidates = []
    for word in (*_SUMMARY_WORDS[0].finditer(view, start, end),
                 *_SUMMARY_WORDS[1].finditer(view, start, end)):
        at = word.end() - 7
        candidates.append(at)
        blank = _blank_run_start(view, at, None)
        if blank < at:
            candidates.append(blank - 5)  # BEGIN
            candidates.append(blank - 3)  # END
            if blank >= 2:  # OF, then END before it
                before_of = _blank_run_start(view, blank - 2, None)
                if before_of < blank - 2:
                    candidates.append(before_of - 3)
    zones = []
    floor = start
    for at in sorted(set(candidates)):
        if at < floor:
            continue
        m = _SUMMARY.match(view, at, end)
        if m is not None:
            zones.append(Zone("summary_marker", m.start(), m.end(),
                              {"kind": "end" if m.group("end") else "begin"}))
            floor = m.end()
    return zones


def signature(view: str, floor: int) -> list[Zone]:
    """The signer's surname line at the end (after skipping NNNN and closing banners)."""
    end = len(view.rstrip())
    zones: list[Zone] = []
    for _ in range(4):
        if end <= floor:
            return zones
        line_start = view.rfind("\n", floor, end) + 1
        line = view[line_start:end].strip()
        lead = line_start + (len(view[line_start:end]) - len(view[line_start:end].lstrip()))
        if BANNER.fullmatch(line) or _TRAILER.match(line):
            zones.append(Zone("trailer", lead, lead + len(line)))
        elif _SIGNATURE.match(line):
            zones.append(Zone("signature", lead, lead + len(line), {"text": line}))
            return zones
        else:
            return zones
        end = len(view[:line_start].rstrip())
    return zones
