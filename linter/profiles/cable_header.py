"""Header zoning of a cable: banner, reference id, caveats, E.O./DECL, TAGS, SUBJECT, REF,
CLASSIFIED BY/REASON.

Fields are found by their keywords, not by lines, because the two forms we meet differ in
layout: the raw cable has one field per line (with wrapped SUBJECT and REF lines), the
tokenised form has the whole header on one line. A field runs from its keyword to the next
keyword; in the raw form a blank line also ends it. Everything works on the plain view
(markup blanked, same offsets), so ``[LOC DECL:  ] 2019/11/19`` is still a DECL field.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date

from linter.model import Zone
from linter.profiles.cable_marks import BANNER, CAVEAT_WORDS, PORTION, parse_portion

_LINE_BANNER = re.compile(r"(?m)^[ \t]*(?:<<\d+>>\s*)?(?=\S)")
_REFID = re.compile(
    r"\s+(?:(?i:SECTION)\s+\d+\s+(?i:OF)\s+\d+\s+)?"
    r"(?P<station>[A-Za-z][A-Za-z.'-]*(?:[ ][A-Za-z][A-Za-z.'-]*){0,3}?)\s+(?P<serial>\d{2,6})\b"
)
# Field keywords. Written with the first letter of each keyword consumed before the
# ``(?<![\w/])`` lookbehind (as a class of the letters ``(?i)`` matches: for these, ASCII
# case and the long s U+017F), so the regex engine skips from candidate letter to candidate
# letter instead of trying every alternative at every offset. The original form was
#   (?<![\w/])(?:(?P<eo>(?i:E\.?\s?O\.?)\s*:?\s*1[0-9]{4}\b\s*:?|(?i:DECL)\s*:)
#   |(?P<tags>(?i:TAGS?)(?=[\s:])\s*:?)|(?P<subject>(?i:SUBJECT|SUBJ|UBJECT)\s*:)
#   |(?P<ref>(?i:REF(?:S|\(S\)|TELS?)?)\s*:)
#   |(?P<classified_by>(?i:CLASS?I?FI?ED\s+BY|DERIVED\s+FROM)\b\s*:?))
# with the same matches; callers use only the whole match and ``lastgroup``.
_KEYWORDS = re.compile(
    r"[EeDdTtSs\u017fUuRrCc](?<![\w/].)(?:"
    r"(?P<eo>(?<=[Ee])(?i:\.?\s?O\.?)\s*:?\s*1[0-9]{4}\b\s*:?|(?<=[Dd])(?i:ECL)\s*:)"
    r"|(?P<tags>(?<=[Tt])(?i:AGS?)(?=[\s:])\s*:?)"
    r"|(?P<subject>(?<=[Ss\u017f])(?i:UBJECT|UBJ)\s*:|(?<=[Uu])(?i:BJECT)\s*:)"
    r"|(?P<ref>(?<=[Rr])(?i:EF(?:S|\(S\)|TELS?)?)\s*:)"
    r"|(?P<classified_by>(?<=[Cc])(?i:LASS?I?FI?ED\s+BY)\b\s*:?"
    r"|(?<=[Dd])(?i:ERIVED\s+FROM)\b\s*:?)"
    r")",
)
_EO_KEY = re.compile(r"(?i)E\.?\s?O\.?")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _words_pattern(words: tuple[str, ...]) -> re.Pattern:
    r"""``(?i)(?<!\w)(?:word|...)(?![\w/])`` with the first letter consumed before the
    lookbehind (see ``_KEYWORDS``): the engine jumps between candidate first letters. The
    whole match is the word."""
    by_letter: dict[str, list[str]] = {}
    for word in words:
        by_letter.setdefault(word[0].upper(), []).append(word[1:])
    # the letters ``(?i)`` folds onto each one: ASCII case and, for some, one more
    classes = {letter: letter + letter.lower() + "".join(
        c for c in "\u0130\u0131\u017f\u212a" if re.fullmatch(letter, c, re.I))
        for letter in by_letter}
    return re.compile(
        "[" + "".join(classes.values()) + r"](?<!\w.)(?:"
        + "|".join(f"(?<=[{classes[letter]}])(?i:{'|'.join(rests)})"
                   for letter, rests in by_letter.items())
        + r")(?![\w/])")


_CAVEATS = _words_pattern(CAVEAT_WORDS)
_PARTIAL = re.compile(r"(?i)partial\s+extract")

# DECL values: a date, a legacy code, N/A, or a NARA declassification note.
_DECL = re.compile(r"(?i)\bDECL\w*\s*:?\s*")
_DATE_YMD = re.compile(r"^(\d{4})\s*/\s*(\d{1,2})\s*/\s*(\d{1,2})(?!\d)")
_DATE_MDY = re.compile(r"^(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{2}|\d{4})(?!\d)")
_DECL_CODE = re.compile(r"(?i)^(OADR|MR|X[1-8]|25X[1-9]|50X\d|N\s*/\s*A|NA)\b")
_DECLASSIFIED = re.compile(r"(?i)^DECLASSIFIED\b")
_NA = re.compile(r"(?i)(?<![\w/])N\s*/\s*A(?![\w/])")

# Reasons: a section number (1.4, 1.5, typos like 1.2) then single letters.
_SECTION = re.compile(r"(?<![\d.])(1\s?\.\s?\d)(?![\d])(?!\s*\.\s*\d)")
_LETTERS_RUN = re.compile(r"(?:[\s,;/&+]|\band\b|\bor\b|[()\[\]]|(?<![A-Za-z])[A-Za-z](?![A-Za-z]))+")
_LETTER = re.compile(r"(?<![A-Za-z])([A-Za-z])(?![A-Za-z])")


# Every BANNER alternative starts with one of these letters (BANNER is case-sensitive).
_BANNER_FIRST = "TSCLU"
_BANNER_START = re.compile(r"[TSCLU](?<![\w/].)")


def find_banner(view: str, limit: int) -> re.Match | None:
    """The classification banner: first one at a line start, else first upper-case one."""
    head = view[:limit]
    size = len(head)
    line_match = _LINE_BANNER.match
    banner_match = BANNER.match
    # ``for line in _LINE_BANNER.finditer(head)``, visiting the line starts directly: a line
    # that starts with neither a blank nor "<" gives an empty match (or none), and the
    # banner can only follow if that first character starts a banner word.
    at = 0
    while at < size:
        first = head[at]
        if first in " \t<":
            line = line_match(head, at)
            if line is not None:
                end = line.end()
                if head[end] in _BANNER_FIRST and (match := banner_match(head, end)):
                    return match
                if end > at:  # finditer goes on from the end of a non-empty match
                    newline = head.find("\n", end - 1)
                    if newline == -1:
                        break
                    at = newline + 1
                    continue
        elif first in _BANNER_FIRST and (match := banner_match(head, at)):
            return match
        newline = head.find("\n", at)
        if newline == -1:
            break
        at = newline + 1
    # ``BANNER.search(head, 0, stop)``, tried only where a banner word can start
    stop = min(limit, 800)
    for start in _BANNER_START.finditer(head, 0, stop):
        match = banner_match(head, start.start(), stop)
        if match is not None:
            return match
    return None


def header_fields(view: str, start: int, end: int, raw_form: bool) -> list[Zone]:
    """Keyword fields between ``start`` and ``end`` as zones (eo, tags, subject, ref, ...)."""
    hits = [(m.start(), m.end(), m.lastgroup) for m in _KEYWORDS.finditer(view, start, end)]
    # "DECL:" right after an E.O. keyword belongs to that E.O. field.
    merged: list[tuple[int, int, str]] = []
    for hit in hits:
        if (hit[2] == "eo" and merged and merged[-1][2] == "eo"
                and not _EO_KEY.match(view, hit[0]) and "\n" not in view[merged[-1][1]:hit[0]]):
            continue
        merged.append(hit)
    zones = []
    for index, (key_start, key_end, kind) in enumerate(merged):
        stop = merged[index + 1][0] if index + 1 < len(merged) else end
        if raw_form:
            blank = _BLANK_LINE.search(view, key_end, stop)
            if blank:
                stop = blank.start()
        value_end = len(view[key_end:stop].rstrip()) + key_end
        zones.append(Zone(kind, key_start, max(value_end, key_end),
                          {"key_end": key_end, "value": " ".join(view[key_end:stop].split())}))
    return zones


def parse_eo(view: str, zone: Zone) -> dict:
    """E.O. number and DECL value of an ``eo`` zone (raw string kept for messages)."""
    text = view[zone.start:zone.end]
    number = re.search(r"1[0-9]{4}", text)
    data = {"order": number.group(0) if number else None, "decl": None, "decl_kind": "missing"}
    decl = _DECL.search(text)
    if decl is None:
        if _NA.search(text):
            data["decl_kind"] = "na"
        return data
    value_start = zone.start + decl.end()
    value = view[value_start:zone.end]
    first_line = value.split("\n", 1)[0].strip()
    data.update(decl_start=value_start, decl=first_line)
    value = value.lstrip()
    data["decl_start"] = zone.end - len(value)
    if _DECLASSIFIED.match(value):
        data["decl_kind"] = "declassified"
    elif (match := _DECL_CODE.match(value)) is not None:
        code = match.group(1).upper().replace(" ", "")
        data["decl_kind"] = "na" if code in ("N/A", "NA") else "code"
        data["decl_end"] = data["decl_start"] + match.end()
    elif (match := _DATE_YMD.match(value)) or (match := _DATE_MDY.match(value)):
        data["decl_end"] = data["decl_start"] + match.end()
        data["decl"] = value[:match.end()]
        parsed = _to_date(match)
        data["decl_kind"] = "date" if parsed else "bad-date"
        if parsed:
            data["decl_date"] = parsed.isoformat()
    else:
        token = value.split()[0] if value.split() else ""
        data["decl_end"] = data["decl_start"] + len(token)
        data["decl_kind"] = "bad-date" if token and token[0].isdigit() else "other"
    return data


def _to_date(match: re.Match) -> date | None:
    a, b, c = (int(group) for group in match.groups())
    if match.re is _DATE_YMD:
        year, month, day = a, b, c
    else:
        month, day, year = a, b, c
        if len(match.group(3)) == 2:
            year += 1900 if year >= 70 else 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_reasons(view: str, start: int, end: int) -> dict | None:
    """Section and letters of a reason citation in ``view[start:end]``, or None."""
    section = _SECTION.search(view, start, end)
    if section is None:
        return None
    run = _LETTERS_RUN.match(view, section.end(), end)
    letters_text = run.group(0) if run else ""
    letters = [letter.lower() for letter in _LETTER.findall(letters_text)]
    return {
        "section": section.group(1).replace(" ", ""),
        "letters": letters,
        "start": section.start(),
        "end": section.end() + len(letters_text.rstrip(" ,;.")),
    }


def header_caveats(view: str, start: int, end: int, exclude: list[Zone]) -> list[Zone]:
    """Caveat words (SIPDIS, NOFORN, ...) in the header outside SUBJECT/TAGS/REF."""
    # ``exclude`` holds header fields: in text order and disjoint, so only the last one
    # starting at or before a word can contain it.
    starts = [z.start for z in exclude]
    zones = []
    for match in _CAVEATS.finditer(view, start, end):
        at = match.start()
        index = bisect_right(starts, at) - 1
        if index >= 0 and at < exclude[index].end:
            continue
        zones.append(Zone("caveat", at, match.end(), {"word": match.group(0).upper()}))
    return zones


def subject_portion(view: str, zone: Zone) -> dict | None:
    """A portion mark leading the SUBJECT (``SUBJECT: (C) ...``), parsed."""
    key_end = zone.data["key_end"]
    match = PORTION.match(view, key_end + (len(view[key_end:zone.end]) -
                                         len(view[key_end:zone.end].lstrip())))
    if match is None:
        return None
    parsed = parse_portion(match.group(1))
    if parsed is None or parsed["level"] is None:
        return None
    return {**parsed, "start": match.start(), "end": match.end()}


def refid(view: str, banner_end: int, limit: int) -> re.Match | None:
    """Station and serial right after the banner (``LIMA 001659``)."""
    return _REFID.match(view, banner_end, limit)


def is_partial(view: str, end: int) -> bool:
    return _PARTIAL.search(view, 0, end) is not None
