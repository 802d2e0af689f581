"""The Cablegate cable profile: recognise a cable and zone it.

Works on both forms we meet: the raw cable (line breaks as sent, header over several
lines) and the NER-tokenised form (header on line 1, one sentence per line, anchors
mid-line). Zoning runs on a plain view with the entity markup blanked out (same offsets),
so annotations never hide structure. The parsing lives in ``cable_header`` (fields, DECL,
reasons), ``cable_body`` (anchors, paragraphs, headings, signature) and ``cable_marks``
(classification vocabulary); this module only orders the passes and records the facts
rules need in ``Zone.data``:

* ``header``: ``level`` (U/SBU/C/S/TS), ``banner`` text, ``noforn`` (a NOFORN caveat in
  the header), ``caveats``, ``partial``, ``form`` (``raw``/``tokenised``), ``entire_text``;
* ``banner``: ``level``; ``refid``: ``station``, ``serial``;
* ``eo``: ``order``, ``decl``, ``decl_kind`` (date/bad-date/code/na/declassified/other/
  missing), ``decl_date``, ``decl_start``/``decl_end``;
* ``classified_by``: ``reasons`` (section, letters), ``in_paragraph``;
* ``subject``: ``portion``; ``paragraph``/``anchor``/``portion``: see ``cable_body``.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from linter.model import Document, Zone
from linter.profiles import cable_body as body
from linter.profiles import cable_header as header
from linter.profiles.cable_marks import banner_level
from linter.profiles.cable_view import plain_view

_DETECT_HEAD = 4000
# Two header field keywords: ``(?i)(?<![\w/])(?:TAGS?\b|SUBJ(?:ECT)?\s*:|E\.?\s?O\.?\s*:?\s*
# 1[0-9]{4}|DECL\w*\s*:)``, written with the first letter (T, S, E or D under ``re.I``,
# which for these letters folds only ASCII case and the long s) consumed before the
# lookbehind, so the regex engine can skip from candidate letter to candidate letter.
_DETECT_FIELDS = re.compile(
    r"[TtSs\u017fEeDd](?<![\w/].)(?:(?<=[Tt])(?i:AGS?)\b|(?<=[Ss\u017f])(?i:UBJ(?:ECT)?)\s*:"
    r"|(?<=[Ee])\.?\s?(?i:O)\.?\s*:?\s*1[0-9]{4}|(?<=[Dd])(?i:ECL)\w*\s*:)"
)
_ENTIRE_TEXT = re.compile(r"(?i)ENTIRE\s+TEXT")
_FIRST_PARA_SPAN = 1200


# Page headers of multi-page cables, which the NER text carries in mid-paragraph:
# "TBILISI 00002290 006 OF 006", "TEGUCIGALP 00000459 002 OF 004", "ROME 0001 003.2 OF 004".
_PAGE_HEADER = re.compile(
    r"(?<![\w/])[A-Z][A-Z.'-]+(?:[ \t]+[A-Z][A-Z.'-]+){0,2}[ \t]+\d{4,8}[ \t]+\d{3}(?:\.\d)?"
    r"[ \t]+OF[ \t]+\d{3}(?!\w)")
# What every page header ends with, found by a literal search ("OF"): the full pattern, which
# may start at any capital letter, then runs on the lines that hold one only.
_PAGE_HEADER_END = re.compile(r"OF[ \t]+\d{3}(?!\w)")


def header_facts(doc: Document) -> dict:
    """The facts the profile parsed from the header (level, caveats, partial…), or {}."""
    zone = doc.zone("header")
    return zone.data if zone and zone.data else {}


def detect(doc: Document) -> bool:
    """A cable has a classification banner near the top and at least two header fields."""
    head = doc.text[:_DETECT_HEAD]
    if header.find_banner(head, len(head)) is None:
        return False
    fields = set()
    for match in _DETECT_FIELDS.finditer(head):
        fields.add(match.group(0)[:3].upper())
        if len(fields) >= 2:
            return True
    return False


def zone(doc: Document) -> list[Zone]:
    """All zones of a cable, in text order."""
    view = plain_view(doc)
    zones: list[Zone] = []
    anchor_zones = body.anchors(view)
    zones.extend(anchor_zones)
    banner = header.find_banner(view, min(len(view), 3000))
    header_start = banner.start() if banner else 0
    starts = body.paragraph_starts(view, anchor_zones, header_start, 0)
    header_end = _header_end(view, header_start, starts)
    raw_form = view.count("\n", header_start, header_end) >= 2
    fields = header.header_fields(view, header_start, header_end, raw_form)
    refs = [f for f in fields if f.kind == "ref"]
    if refs:  # anchors the renderer put on REF items are not paragraphs
        ref_end = refs[-1].end
        starts = [s for s in starts if s[0] >= ref_end or s[0] >= header_end]
    facts = {"form": "raw" if raw_form else "tokenised",
             "partial": header.is_partial(view, header_end)}
    if banner is not None:
        level = banner_level(banner)
        facts.update(level=level, banner=" ".join(banner.group(0).split()))
        zones.append(Zone("banner", banner.start(), banner.end(), {"level": level}))
        refid = header.refid(view, banner.end(), header_end)
        if refid is not None:
            zones.append(Zone("refid", refid.start("station"), refid.end("serial"),
                              {"station": " ".join(refid.group("station").split()).upper(),
                               "serial": refid.group("serial")}))
    zones.extend(_fields_with_data(view, fields))
    caveats = header.header_caveats(
        view, header_start, header_end,
        [f for f in fields if f.kind in ("subject", "tags", "ref", "classified_by")])
    zones.extend(caveats)
    facts["caveats"] = sorted({z.data["word"] for z in caveats})
    facts["noforn"] = "NOFORN" in facts["caveats"]
    body_zones = _body(view, starts, header_end)
    zones.extend(body_zones)
    first_end = next((z.end for z in body_zones if z.kind == "paragraph"), header_end)
    facts["entire_text"] = bool(_ENTIRE_TEXT.search(view, header_start, first_end + 200))
    if not any(f.kind == "classified_by" for f in fields):
        zones.extend(_classified_in_paragraph(view, header_end, min(first_end, header_end
                                                                     + _FIRST_PARA_SPAN)))
    zones.extend(Zone("page_header", match.start(), match.end())
                 for match in _page_headers(view, header_end))
    zones.append(Zone("header", header_start, header_end, facts))
    zones.sort(key=lambda z: (z.start, -z.end))
    return zones


def _page_headers(view: str, start: int) -> list[re.Match]:
    """``_PAGE_HEADER.finditer(view, start)``, searched only on the lines that end a match
    could (a page header never spans lines)."""
    found: list[re.Match] = []
    done = -1  # the end of the last line searched
    for hit in _PAGE_HEADER_END.finditer(view, start):
        if hit.start() < done:
            continue
        line_start = max(view.rfind("\n", 0, hit.start()) + 1, start)
        done = view.find("\n", hit.end())
        if done < 0:
            done = len(view)
        found.extend(_PAGE_HEADER.finditer(view, line_start, done))
    return found


def _header_end(view: str, header_start: int, starts: list) -> int:
    if starts:
        return starts[0][0]
    last = None
    for last in header._KEYWORDS.finditer(view, header_start, header_start + 6000):
        pass
    if last is None:
        return header_start
    blank = re.compile(r"\n[ \t]*\n").search(view, last.end())
    if view.count("\n", header_start, last.end()) < 2:  # tokenised: header is one line
        newline = view.find("\n", last.end())
        return newline if newline != -1 else len(view)
    return blank.start() if blank else len(view)


def _fields_with_data(view: str, fields: list[Zone]) -> list[Zone]:
    out = []
    for field in fields:
        data = dict(field.data)
        if field.kind == "eo":
            data.update(header.parse_eo(view, field))
        elif field.kind == "classified_by":
            data["reasons"] = header.parse_reasons(view, field.start, field.end)
            data["in_paragraph"] = False
        elif field.kind == "subject":
            data["portion"] = header.subject_portion(view, field)
        out.append(Zone(field.kind, field.start, field.end, data))
    return out


def _classified_in_paragraph(view: str, start: int, end: int) -> list[Zone]:
    """The 1990s form: ``1. (U) CLASSIFIED BY ... REASON: 1.5 (D)`` inside paragraph 1."""
    for match in header._KEYWORDS.finditer(view, start, end):
        if match.lastgroup == "classified_by":
            blank = re.compile(r"\n[ \t]*\n").search(view, match.end(), end)
            stop = blank.start() if blank else end
            newline = view.find("\n", match.end(), stop)
            if newline != -1 and view.count("\n", start, match.start()) <= 1:
                stop = newline  # tokenised form: one sentence per line
            stop = min(stop, match.end() + 300)
            return [Zone("classified_by", match.start(), stop,
                         {"key_end": match.end(), "in_paragraph": True,
                          "value": " ".join(view[match.end():stop].split()),
                          "reasons": header.parse_reasons(view, match.start(), stop)})]
    return []


def _body(view: str, starts: list, header_end: int) -> list[Zone]:
    zones: list[Zone] = []
    structure = body.headings(view, header_end, len(view))
    signature = body.signature(view, header_end)
    zones.extend(structure)
    zones.extend(signature)
    stops = sorted([z.start for z in structure if z.kind in ("heading", "underline")]
                   + [z.start for z in signature] + [len(view.rstrip())])
    for index, (start, label_end, label, anchored) in enumerate(starts):
        nxt = starts[index + 1][0] if index + 1 < len(starts) else len(view)
        # the first stop after the label, if it comes before the next paragraph
        after = bisect_right(stops, label_end)
        stop = stops[after] if after < len(stops) and stops[after] < nxt else nxt
        portion = body.portion_after(view, label_end, stop)
        data = {"number": int(label) if label and label.isdigit() else None, "label": label,
                "anchored": anchored, "label_end": label_end,
                "portion": portion.data if portion else None}
        if portion is not None:
            zones.append(Zone("portion", portion.start, portion.end,
                              {**portion.data, "paragraph": data["number"]}))
        zones.append(Zone("paragraph", start, max(stop, label_end), data))
    zones.extend(body.summary_markers(view, header_end, len(view)))
    return zones
