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
_UNANCHORED = re.compile(
    r"(?:(?<=\n)|(?<=^)|(?<=[.!?] )|(?<=[.!?]\" )|(?<=[.!?]” ))[ \t]*(?P<label>\d{1,2})\s?\.{1,2}"
    r"(?=\s*\(\s*(?:U|SBU|C|S|TS)\s*[/)])"
)
_AFTER_LABEL = re.compile(r"[ \t]*\.?\s*")
_MISSING_OPEN = re.compile(r"(?P<mark>(?:SBU|TS|C|S|U)(?:/NF)?)\)(?=\s)")
_MISSING_CLOSE = re.compile(r"\(\s*(?P<mark>SBU|TS|C|S|U)(?=\s+[A-Z][a-z])")
_MARKLIKE = re.compile(r"^[A-Z]{1,4}$")

_DASHES = re.compile(r"(?<!\S)-{3,}(?:[ \t]+-{3,})*(?!\S)")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+")
_WORD = re.compile(r"\S+")
MAX_HEADING_WORDS = 12

_SUMMARY = re.compile(
    r"(?i)(?<![\w-])(?P<end>END\s+(?:OF\s+)?SUMMARY)\b|(?<![\w-])(?P<begin>(?:BEGIN\s+)?SUMMARY)"
    r"(?=\s*[.:\-]|\s*$|\s+AND\b)"
)
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
    for match in _UNANCHORED.finditer(view, body_start):
        if match.start("label") not in anchored_at:
            starts.append((match.start("label"), match.end(), match.group("label"), False))
    starts.sort()
    return starts


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
    runs = list(_DASHES.finditer(view, start, end))
    used = set()
    for index, run in enumerate(runs):
        if index in used:
            continue
        zones.append(Zone("underline", run.start(), run.end()))
        nxt = runs[index + 1] if index + 1 < len(runs) else None
        if nxt is not None:
            between = view[run.end():nxt.start()]
            words = between.split()
            if (words and len(words) <= MAX_HEADING_WORDS and "<a" not in between
                    and between.count("\n") <= 2 and any(ch.isalnum() for ch in between)):
                used.add(index + 1)
                zones.append(Zone("underline", nxt.start(), nxt.end()))
                zones.append(_heading(view, run.end(), nxt.start()))
                continue
        before = _heading_before(view, run.start(), zones, start)
        if before is not None:
            zones.append(before)
    return zones


def _heading(view: str, start: int, end: int) -> Zone:
    text = view[start:end]
    lead = len(text) - len(text.lstrip())
    stripped = text.strip()
    return Zone("heading", start + lead, start + lead + len(stripped), {"text": " ".join(stripped.split())})


def _heading_before(view: str, run_start: int, zones: list[Zone], floor: int) -> Zone | None:
    """The short title directly before an underline, on its line or the line above."""
    line_start = view.rfind("\n", floor, run_start) + 1
    segment_start = max(line_start, floor)
    if not view[line_start:run_start].strip():
        # underline alone on its line (raw form): the title is the previous line
        prev_end = line_start - 1
        if prev_end <= floor:
            return None
        prev_start = view.rfind("\n", floor, prev_end) + 1
        segment_start, seg_end = max(prev_start, floor), prev_end
    else:
        seg_end = run_start
        for zone in zones:
            if zone.kind == "underline" and segment_start <= zone.end <= run_start:
                segment_start = zone.end
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
    return [
        Zone("summary_marker", m.start(), m.end(), {"kind": "end" if m.group("end") else "begin"})
        for m in _SUMMARY.finditer(view, start, end)
    ]


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
