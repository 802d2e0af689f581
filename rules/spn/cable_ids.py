"""SPN rule on cable ids in the header ('LIMA 001659', 'REF: LIMA 1299'): the station of
every id of one header is annotated the same way.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from operator import le

from linter.profiles.cable_view import plain_view
from linter.rule import Example, Rule, RuleMeta

from ._shared import BAD_SUBJECT, RAW_GOOD, header_like

_ID = re.compile(r"(?<![\w/])(?P<station>[A-Z][A-Z.'-]+(?:[ ]+[A-Z][A-Z.'-]+){0,2})(?:\s+\]*)?"
                 r"\s+(?P<serial>\d{1,6})(?![\w/])")


def _treatment(doc, start, end, ordered=None):
    """How the station of a cable id at [start, end) is annotated.

    ``ordered`` (the spans' text ends, when the spans are in text order and disjoint) lets
    the first span that touches [start, end) be found by bisection.
    """
    if ordered is not None and start < end:
        # The first span in order that overlaps (or contains) [start, end): the first
        # whose text ends after ``start``, if it begins before ``end``.
        index = bisect_right(ordered, start)
        spans = doc.spans[index:index + 1]
    else:
        spans = doc.spans
    for span in spans:
        if span.text_start <= start and end <= span.text_end:
            if span.text_start == start and span.text_end == end:
                return span.label, span
            return "swallowed", span
        if span.text_start < end and start < span.text_end:
            return "swallowed", span
    return "untagged", None


# Words that precede a number in REF lines without being a sending post: list words and
# citations of manuals and codes ("7 FAM 180", "5 FAH-1 H-246", "22 USC 2656").
_NOT_STATIONS = frozenset({"REF", "REFS", "AND", "PREVIOUS", "REFTEL", "FAM", "FAH", "USC",
                           "U.S.C.", "CFR", "PARA", "PARAS", "SECTION", "OF"})


def _refid_inconsistent(doc, ctx):
    zones = [z for z in doc.zones if z.kind in ("refid", "ref")]
    if not zones:
        return
    view = plain_view(doc)
    ordered = _text_ends_if_ordered(doc.spans)
    groups: dict[str, list] = {}
    for zone in zones:
        for match in _ID.finditer(view, zone.start, zone.end + 8):
            station = " ".join(match.group("station").split()).rstrip(".")
            if station in _NOT_STATIONS:
                continue
            kind, span = _treatment(doc, match.start("station"), match.end("station"), ordered)
            groups.setdefault(station, []).append((match, kind, span))
    for station, items in groups.items():
        kinds = Counter(kind for _, kind, _ in items)
        if len(kinds) < 2:
            continue
        norm, count = kinds.most_common(1)[0]
        if list(kinds.values()).count(count) > 1:
            norm = next(k for k in kinds if k not in ("swallowed",) and kinds[k] == count)
        summary = ", ".join(f"{_described(k)} {n}" for k, n in kinds.most_common())
        for match, kind, span in items:
            if kind == norm:
                continue
            ident = f"{station} {match.group('serial')}"
            start, end = (span.start, span.end) if span else (match.start(), match.end())
            yield ctx.report(
                start, end,
                f"cable id '{ident}' is {_described(kind)} while the other ids of station "
                f"{station} in this header are {_described(norm)} ({summary}): treat cable ids "
                "the same way throughout (the station in an id is part of an identifier)",
                span=span, evidence={"station": station, "treatments": dict(kinds)},
            )


def _described(kind: str) -> str:
    """How an id's station was treated, in an annotator's words."""
    if kind == "swallowed":
        return "inside a longer entity"
    if kind == "untagged":
        return "left untagged"
    return f"tagged {kind}"


CABLE_ID_INCONSISTENT = Rule(RuleMeta(
    code="SPN004", name="cable-id-inconsistent", family="SPN", severity="warning",
    profile="cable",
    summary=(
        "The station of a cable id is annotated differently from the other ids of the same "
        "station in the header."
    ),
    rationale=(
        "In 'LIMA 001659' or 'REF: LIMA 1299' the station is part of an identifier; a corpus may "
        "tag it or not, but one header treating 'LIMA 1209' unlike '[LOC LIMA  ] 1647' is "
        "inconsistent."
    ),
    fix=(
        "Annotate the station of every cable id in the header the same way: tag all of them, or "
        "none."
    ),
    bad=(
        Example(
            header_like(subject=BAD_SUBJECT),
            expect=("1:182 cable id 'LIMA 1209' is inside a longer entity",),
        ),
        Example(
            header_like(ref3="LIMA"),
            expect=("1:272 cable id 'LIMA 1647' is left untagged",),
        ),
    ),
    good=(header_like(), RAW_GOOD),
), check=_refid_inconsistent)


def _text_ends_if_ordered(spans):
    """The spans' text ends when the spans are in text order and disjoint, else None."""
    ends = [span.text_end for span in spans]
    starts = [span.text_start for span in spans]
    if all(map(le, ends[:-1], starts[1:])) and all(map(le, starts, ends)):
        return ends
    return None


RULES = [CABLE_ID_INCONSISTENT]
