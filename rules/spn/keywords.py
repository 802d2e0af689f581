"""SPN rules on cable keywords tagged as entities: a field label or caveat inside an entity,
and entities in the TAGS field, whose entries are codes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from linter.rule import Example, Rule, RuleMeta, untag_edits

from ._shared import HEADER_WORD, KEYWORD, RAW_GOOD, boundaries, crossings, header_like

_MARKER_ONLY = re.compile(r"(?i)^(?:begin\s+|end\s+)?(?:summary|comment)\s*:?$")


def _header_end(doc) -> int:
    zone = doc.zone("header")
    return zone.end if zone else 0


def _keyword_entity(doc, ctx):
    header_end = _header_end(doc)
    points = boundaries(doc)
    for span in doc.spans:
        match = KEYWORD.search(span.text)
        if match is None and span.text_start < header_end:
            match = HEADER_WORD.search(span.text)
        if match is None and _MARKER_ONLY.match(span.text):
            match = _MARKER_ONLY.match(span.text)
        if match is None:
            continue
        keyword = " ".join(match.group(0).split())
        what = ("is" if keyword == span.text else "contains")
        if what == "contains" and crossings(points, span):
            continue  # SPN002 names this defect more precisely: one finding per defect
        article = "an" if span.label[:1] in "AEIOU" else "a"
        yield ctx.report(
            span.start, span.end,
            f"entity [{span.label} {span.text}] {what} the cable keyword '{keyword}', which is "
            f"a field label or caveat of the cable's structure, not {article} {span.label} name",
            span=span, evidence={"keyword": keyword},
            edits=untag_edits(span) if what == "is" else (),
        )


ENTITY_IS_CABLE_KEYWORD = Rule(RuleMeta(
    code="SPN001", name="entity-is-cable-keyword", family="SPN", severity="error",
    profile="cable",
    summary="An entity is, or contains, a cable field keyword or caveat (DECL:, REF:, SIPDIS...).",
    rationale=(
        "Field labels (DECL:, REF:, TAGS:, SUBJECT:, CLASSIFIED BY), caveats (SIPDIS, NOFORN) and "
        "summary/comment markers are structure, never names; the tagger tags them because it saw "
        "the header as one sentence (as in '[LOC DECL:  ]')."
    ),
    fix=(
        "Remove the entity, or shorten it to the name it contains: field labels, caveats and "
        "summary markers are never tagged."
    ),
    fixable="sometimes", fix_safety="safe",  # untags an entity that is the keyword
    bad=(
        Example(
            header_like(decl="[LOC DECL:  ]"),
            expect=("1:82 entity [LOC DECL:] is the cable keyword 'DECL:'",),
            fixed=header_like(decl="DECL:"),
        ),
        Example(
            RAW_GOOD.replace("TAGS PGOV", "[ORG TAGS PGOV  ]"),
            expect=("5:1 entity [ORG TAGS PGOV] contains the cable keyword 'TAGS'",),
        ),
    ),
    good=(header_like(), RAW_GOOD),
), check=_keyword_entity)


def _tags_entity(doc, ctx):
    tags = sorted((z.start, z.end) for z in doc.zones if z.kind == "tags")
    tag_starts = [start for start, _ in tags]
    reach = list(accumulate((end for _, end in tags), max))  # furthest end so far
    for span in doc.spans:
        # some tags zone with start <= text_start and text_end <= end
        index = bisect_right(tag_starts, span.text_start) - 1
        if index >= 0 and span.text_end <= reach[index]:
            if KEYWORD.search(span.text) or HEADER_WORD.search(span.text):
                continue  # SPN001 reports it
            yield ctx.report(
                span.start, span.end,
                f"entity [{span.label} {span.text}] sits in the TAGS field, whose entries are "
                "subject and country codes (PGOV, PE), not mentions of names",
                span=span, evidence={"zone": "tags"}, edits=untag_edits(span),
            )


ENTITY_IN_TAGS = Rule(RuleMeta(
    code="SPN006", name="entity-in-tags", family="SPN", severity="warning",
    profile="cable",
    summary="An entity is tagged inside the TAGS field.",
    rationale=(
        "TAGS entries are subject codes (PGOV, EPET) and two-letter country codes; tagging them "
        "as ORG/LOC inflates counts with codes that are not mentions."
    ),
    fix="Remove the entity: TAGS codes are not mentions of names.",
    fixable="always", fix_safety="safe",
    bad=(
        Example(
            header_like(tag="[ORG PGOV  ]"),
            expect=("1:141 entity [ORG PGOV] sits in the TAGS field",),
            fixed=header_like(tag="PGOV"),
        ),
    ),
    good=(header_like(), RAW_GOOD),
), check=_tags_entity)


RULES = [ENTITY_IS_CABLE_KEYWORD, ENTITY_IN_TAGS]
