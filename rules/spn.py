"""SPN: entities that swallow cable structure .

The tagger saw the cable header as one sentence and headings glued to the next
paragraph, so its entities run over structure: a header keyword tagged as a place
(``[LOC DECL:  ]``), a span from SUBJECT into REF, a heading absorbed into an ORG, a
portion mark tagged ORG. These checks read the cable profile's zones, so they only run on
documents the profile recognised.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import accumulate
from operator import le

from linter.profiles.cable_view import plain_view
from linter.rule import Rule, RuleMeta

# Field keywords that are never part of a name (N1). Colon forms anywhere; bare header
# words (TAGS, EO, banner words) only inside the header.
_KEYWORD = re.compile(
    r"(?i)(?<!\S)(?:DECL\w*:|REFS?:|REF\(S\):|REFTELS?:|TAGS:|SUBJ(?:ECT)?:|REASONS?:|E\.O\.|"
    r"CLASSIFIED\s+BY:?|END\s+(?:OF\s+)?(?:SUMMARY|COMMENT)|SIPDIS|NOFORN|NODIS|EXDIS|LIMDIS)"
    r"(?!\S)"
)
_HEADER_WORD = re.compile(
    r"(?<!\S)(?:TAGS|EO|CONFIDENTIAL|SECRET|UNCLAS|UNCLASSIFIED|C O N F I D E N T I A L|"
    r"S E C R E T)(?!\S)"
)
_MARKER_ONLY = re.compile(r"(?i)^(?:begin\s+|end\s+)?(?:summary|comment)\s*:?$")
_FIELD_NAMES = {"banner": "the banner", "refid": "the reference id", "caveat": "a caveat",
                "eo": "the E.O./DECL line", "tags": "TAGS", "subject": "SUBJECT",
                "ref": "REF", "classified_by": "CLASSIFIED BY", "anchor": "a paragraph anchor",
                "underline": "a heading underline", "portion": "a portion mark",
                "heading": "a heading", "paragraph": "a paragraph start"}
# Zones whose start (and for the last group also end) an entity may not straddle.
_FIELD_STARTS = ("banner", "refid", "eo", "tags", "subject", "ref", "classified_by",
                 "paragraph", "signature")
_CLOSED = ("anchor", "underline", "portion", "heading", "caveat")
_ORG_HEADS = {"Government", "Party", "Ministry", "Council", "Army", "Front", "Movement",
              "Committee", "Commission", "Embassy", "Bank", "Agency", "Court", "Assembly",
              "Congress", "Senate", "Union", "Forces", "Police", "Group", "Office"}
_ID = re.compile(r"(?<![\w/])(?P<station>[A-Z][A-Z.'-]+(?:[ ]+[A-Z][A-Z.'-]+){0,2})(?:\s+\]*)?"
                 r"\s+(?P<serial>\d{1,6})(?![\w/])")


def _header_end(doc) -> int:
    zone = doc.zone("header")
    return zone.end if zone else 0


def _in_zone(doc, span, kinds) -> bool:
    return any(z.kind in kinds and z.start <= span.text_start and span.text_end <= z.end + 1
               for z in doc.zones)


def _keyword_entity(doc, ctx):
    header_end = _header_end(doc)
    points = _boundaries(doc)
    for span in doc.spans:
        match = _KEYWORD.search(span.text)
        if match is None and span.text_start < header_end:
            match = _HEADER_WORD.search(span.text)
        if match is None and _MARKER_ONLY.match(span.text):
            match = _MARKER_ONLY.match(span.text)
        if match is None:
            continue
        keyword = " ".join(match.group(0).split())
        what = ("is" if keyword == span.text else "contains")
        if what == "contains" and _crossed(points, span):
            continue  # SPN002 names this defect more precisely: one finding per defect
        article = "an" if span.label[:1] in "AEIOU" else "a"
        yield ctx.report(
            span.start, span.end,
            f"entity [{span.label} {span.text}] {what} the cable keyword '{keyword}', which is "
            f"a field label or caveat of the cable's structure, not {article} {span.label} name",
            span=span, evidence={"keyword": keyword},
        )


def _boundaries(doc):
    """(offset, description) of every structural boundary an entity may not straddle."""
    points = []
    for zone in doc.zones:
        if zone.kind in _FIELD_STARTS:
            points.append((zone.start, f"the start of {_FIELD_NAMES.get(zone.kind, zone.kind)}"))
        if zone.kind in _CLOSED:
            name = _FIELD_NAMES[zone.kind]
            points.append((zone.start, f"the start of {name}"))
            points.append((zone.end, f"the end of {name}"))
    points.sort()
    return points


def _crossed(points, span) -> list[str]:
    """Descriptions of the boundaries strictly inside the entity's text."""
    index = bisect_right(points, (span.text_start, "\uffff"))
    crossed = []
    while index < len(points) and points[index][0] < span.text_end:
        if points[index][0] > span.text_start:
            crossed.append(points[index][1])
        index += 1
    return crossed


def _crossing_entity(doc, ctx):
    points = _boundaries(doc)
    if not points:
        return
    for span in doc.spans:
        crossed = _crossed(points, span)
        if not crossed:
            continue
        where = "; ".join(dict.fromkeys(crossed))
        yield ctx.report(
            span.start, span.end,
            f"entity [{span.label} {span.text}] runs across cable structure ({where}): an "
            "entity never spans two header fields, a paragraph anchor, a portion mark or a "
            "heading; split or shorten it",
            span=span, evidence={"crossed": list(dict.fromkeys(crossed))},
        )


def _covered(intervals):
    """A test ``offset in any [start, end)``, by bisection over the merged intervals."""
    merged_starts, merged_ends = [], []
    for start, end in sorted(i for i in intervals if i[0] < i[1]):
        if merged_ends and start <= merged_ends[-1]:
            merged_ends[-1] = max(merged_ends[-1], end)
        else:
            merged_starts.append(start)
            merged_ends.append(end)

    def covered(offset):
        index = bisect_right(merged_starts, offset) - 1
        return index >= 0 and offset < merged_ends[index]
    return covered


def _swallowed_heading(doc, ctx):
    headings = [z for z in doc.zones if z.kind == "heading"]
    if not headings:
        return
    in_heading = _covered((h.start, h.end) for h in headings)
    known = Counter(span.text for span in doc.spans if not in_heading(span.text_start))
    # spans by text_start, so each heading looks only at the spans starting inside it
    # (then in document order, as a scan of ``doc.spans`` would meet them)
    order = sorted(range(len(doc.spans)), key=lambda i: doc.spans[i].text_start)
    starts = [doc.spans[i].text_start for i in order]
    for heading in headings:
        low = bisect_left(starts, heading.start)
        high = bisect_left(starts, heading.end + 1)
        for index in sorted(order[low:high]):
            span = doc.spans[index]
            words = span.text.split()
            for cut in range(len(words) - 1, 0, -1):
                for core, rest in ((" ".join(words[:cut]), words[cut:]),
                                   (" ".join(words[len(words) - cut:]), words[:len(words) - cut])):
                    if known.get(core) and all(w[:1].isupper() for w in rest) \
                            and not any(w in _ORG_HEADS for w in rest) \
                            and not known.get(" ".join(rest)):
                        yield ctx.report(
                            span.start, span.end,
                            f"heading '{heading.data['text']}' swallowed into entity "
                            f"[{span.label} {span.text}]: '{core}' is tagged "
                            f"{known[core]} time(s) elsewhere, '{' '.join(rest)}' are heading "
                            "words; tag only the name",
                            span=span, evidence={"core": core, "extra": rest},
                        )
                        break
                else:
                    continue
                break
            else:
                continue


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
        summary = ", ".join(f"{k} {n}" for k, n in kinds.most_common())
        for match, kind, span in items:
            if kind == norm:
                continue
            ident = f"{station} {match.group('serial')}"
            start, end = (span.start, span.end) if span else (match.start(), match.end())
            yield ctx.report(
                start, end,
                f"cable id '{ident}' is annotated as '{kind}' while the other ids of station "
                f"{station} in this header are '{norm}' ({summary}): treat cable ids the same "
                "way throughout (the station in an id is part of an identifier)",
                span=span, evidence={"station": station, "treatments": dict(kinds)},
            )


def _text_ends_if_ordered(spans):
    """The spans' text ends when the spans are in text order and disjoint, else None."""
    ends = [span.text_end for span in spans]
    starts = [span.text_start for span in spans]
    if all(map(le, ends[:-1], starts[1:])) and all(map(le, starts, ends)):
        return ends
    return None


def _portions_for(portions, span):
    """The portions to try for ``span``, in order: all, or (when the portions are
    non-empty, in text order and disjoint) only the one or two that can contain it."""
    if not portions.ordered or span.text_end < span.text_start:
        return portions.zones
    index = bisect_right(portions.starts, span.text_start) - 1
    return portions.zones[max(0, index - 1):index + 1] if index >= 0 else ()


class _Portions:
    __slots__ = ("zones", "starts", "ordered")

    def __init__(self, zones):
        self.zones = zones
        self.starts = [z.start for z in zones]
        # Non-empty and disjoint in order: a zone before the last one starting at or before
        # a span can only contain it by ending exactly where it starts (the one before).
        # (a few zones are simply all tried: cheaper than bisecting)
        self.ordered = len(zones) > 16 and all(z.start < z.end for z in zones) and all(
            a.end <= b.start for a, b in zip(zones, zones[1:]))


def _portion_entity(doc, ctx):
    portions = _Portions([z for z in doc.zones if z.kind == "portion"])
    for span in doc.spans:
        for zone in (_portions_for(portions, span) if portions.ordered else portions.zones):
            if zone.start <= span.text_start and span.text_end <= zone.end:
                yield ctx.report(
                    span.start, span.end,
                    f"entity [{span.label} {span.text}] is the portion mark "
                    f"'({zone.data['mark']})', a classification marking, not a name",
                    span=span, evidence={"mark": zone.data["mark"]},
                )
                break


def _tags_entity(doc, ctx):
    tags = sorted((z.start, z.end) for z in doc.zones if z.kind == "tags")
    tag_starts = [start for start, _ in tags]
    reach = list(accumulate((end for _, end in tags), max))  # furthest end so far
    for span in doc.spans:
        # some tags zone with start <= text_start and text_end <= end
        index = bisect_right(tag_starts, span.text_start) - 1
        if index >= 0 and span.text_end <= reach[index]:
            if _KEYWORD.search(span.text) or _HEADER_WORD.search(span.text):
                continue  # SPN001 reports it
            yield ctx.report(
                span.start, span.end,
                f"entity [{span.label} {span.text}] sits in the TAGS field, whose entries are "
                "subject and country codes (PGOV, PE), not mentions of names",
                span=span, evidence={"zone": "tags"},
            )


_SEED_HEADER = (
    "<code><pre>C O N F I D E N T I A L [LOC LIMA  ] 001659 SIPDIS NOFORN E.O. 12958: "
    "{decl} 2019/11/19 TAGS: <a href='/tag/PTER_0.html'>PTER</a> {tag} SUBJECT: {subject} "
    "1209 ; [LOC LIMA  ] 1299 ; {ref3} 1647 CLASSIFIED BY: [PER P. Michael McKinley  ] , "
    "Ambassador ; REASON: 1.4 ( B ) , ( D ) <a id='par1' href='#par1'>¶</a>1 . \n"
    "( {mark} ) [ORG SL  ] insurgents gained ground . \n"
    "{heading} ------------------ <a id='par2' href='#par2'>¶</a>2 . \n"
    "( C ) [ORG SL  ] attacked a base . \nMCKINLEY</pre></code>\n"
)
_GOOD_SUBJECT = "[ORG Sendero Luminoso  ] : Incremental Gains REF: [LOC LIMA  ]"
_BAD_SUBJECT = "[ORG Sendero Luminoso: Incremental Gains REF: LIMA  ]"


def seed_like(decl="DECL:", subject=_GOOD_SUBJECT, heading="[ORG SL  ] Expanding Influence",
              ref3="[LOC LIMA  ]", mark="C", tag="<a href='/tag/PE_0.html'>PE</a>"):
    return _SEED_HEADER.format(decl=decl, subject=subject, heading=heading, ref3=ref3, mark=mark,
                               tag=tag)


_RAW_GOOD = (
    "<code><pre>S E C R E T [LOC RANGOON  ] 000088 \nSIPDIS \nNOFORN \n"
    "EO 12958 DECL: 01/09/2014 \nTAGS PGOV, PARM \nSUBJECT: [LOC BURMA  ] : RUMORS OF A REACTOR\n"
    "REF: STATE 297614 AND PREVIOUS 03 [LOC RANGOON  ] 1427\n"
    "Classified By: COM [PER Carmen Martinez  ] for Reasons 1.5 (B,D)\n"
    "<a id='par1' href='#par1'>¶</a>1. (S/NF) A businessman near [LOC Minbu  ] saw barges.\n"
    "MARTINEZ</pre></code>\n")


def _rule(code, name, severity, summary, rationale, bad, good, check):
    return Rule(RuleMeta(code=code, name=name, family="SPN", severity=severity, summary=summary,
                         rationale=rationale, bad=tuple(bad), good=tuple(good),
                         profile="cable"), check=check)


RULES = [
    _rule("SPN001", "entity-is-cable-keyword", "error",
          "An entity is, or contains, a cable field keyword or caveat (DECL:, REF:, SIPDIS...).",
          "Field labels (DECL:, REF:, TAGS:, SUBJECT:, CLASSIFIED BY), caveats (SIPDIS, NOFORN) "
          "and summary/comment markers are structure, never names; the tagger tags them "
          "because it saw the header as one sentence (as in '[LOC DECL:  ]').",
          [seed_like(decl="[LOC DECL:  ]"), _RAW_GOOD.replace("TAGS PGOV", "[ORG TAGS PGOV  ]")],
          [seed_like(), _RAW_GOOD], _keyword_entity),
    _rule("SPN002", "entity-crosses-structure", "error",
          "An entity runs across a header-field boundary, paragraph anchor, portion mark or "
          "heading.",
          "Names never straddle cable structure; a span from SUBJECT into REF or over a "
          "portion mark ('( [ORG U ) Classified  ]') is a tagger error caused by the missing "
          "line breaks.",
          [seed_like(subject=_BAD_SUBJECT),
           seed_like().replace("( C ) [ORG SL  ] insurgents gained ground",
                               "( [ORG U ) Classified  ] by DCM [PER John Smith  ]")],
          [seed_like(), _RAW_GOOD], _crossing_entity),
    _rule("SPN003", "heading-swallowed", "warning",
          "A section heading was absorbed into an entity ([ORG SL Expanding Influence  ]).",
          "A heading line has no sentence context, so the tagger extends a known name over "
          "the title words; the extension is an entity tagged elsewhere plus capitalised "
          "heading words that are never tagged.",
          [seed_like(heading="[ORG SL Expanding Influence  ] in [LOC Ayacucho  ]")],
          [seed_like(), seed_like(heading="[ORG SL  ] Government Adrift"),
           seed_like(heading="[ORG SL Government  ] Adrift")], _swallowed_heading),
    _rule("SPN004", "cable-id-inconsistent", "warning",
          "The station of a cable id is annotated differently from the other ids of the "
          "same station in the header.",
          "In 'LIMA 001659' or 'REF: LIMA 1299' the station is part of an identifier; a "
          "corpus may tag it or not, but one header treating 'LIMA 1209' unlike "
          "'[LOC LIMA  ] 1647' is inconsistent.",
          [seed_like(subject=_BAD_SUBJECT), seed_like(ref3="LIMA")],
          [seed_like(), _RAW_GOOD], _refid_inconsistent),
    _rule("SPN005", "entity-is-portion-mark", "error",
          "A paragraph's portion mark ((C), (SBU), (S/NF)) is tagged as an entity.",
          "Portion marks are classification markings; the tagger reads '( SBU )' as an "
          "acronym. They are never names.",
          [seed_like(mark="[ORG SBU  ]")], [seed_like(), _RAW_GOOD], _portion_entity),
    _rule("SPN006", "entity-in-tags", "warning",
          "An entity is tagged inside the TAGS field.",
          "TAGS entries are subject codes (PGOV, EPET) and two-letter country codes; tagging "
          "them as ORG/LOC inflates counts with codes that are not mentions.",
          [seed_like(tag="[ORG PGOV  ]")], [seed_like(), _RAW_GOOD], _tags_entity),
]
