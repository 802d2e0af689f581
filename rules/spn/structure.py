"""SPN rules on entities that run over cable structure: across a header field, a paragraph
anchor or a portion mark, over a heading, or onto a portion mark itself.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter

from linter.rule import Example, Rule, RuleMeta, untag_edits
from linter.zones import Intervals

from ._shared import BAD_SUBJECT, RAW_GOOD, boundaries, crossings, header_like


def _crossing_entity(doc, ctx):
    points = boundaries(doc)
    if not points:
        return
    for span in doc.spans:
        crossed = crossings(points, span)
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


ENTITY_CROSSES_STRUCTURE = Rule(RuleMeta(
    code="SPN002", name="entity-crosses-structure", family="SPN", severity="error",
    profile="cable",
    summary=(
        "An entity runs across a header-field boundary, paragraph anchor, portion mark or "
        "heading."
    ),
    rationale=(
        "Names never straddle cable structure; a span from SUBJECT into REF or over a portion "
        "mark ('( [ORG U ) Classified  ]') is a tagger error caused by the missing line breaks."
    ),
    fix=(
        "Split or shorten the entity so that it stays inside one header field or paragraph, and "
        "tag each name on its own."
    ),
    bad=(
        Example(
            header_like(subject=BAD_SUBJECT),
            expect=("1:182 runs across cable structure (the start of REF)",),
        ),
        Example(
            header_like().replace("( C ) [ORG SL  ] insurgents gained ground",
                                  "( [ORG U ) Classified  ] by DCM [PER John Smith  ]"),
            expect=(
                "2:3 [ORG U ) Classified] runs across cable structure (the end of a portion mark)",
            ),
        ),
    ),
    good=(header_like(), RAW_GOOD),
), check=_crossing_entity)


_ORG_HEADS = {"Government", "Party", "Ministry", "Council", "Army", "Front", "Movement",
              "Committee", "Commission", "Embassy", "Bank", "Agency", "Court", "Assembly",
              "Congress", "Senate", "Union", "Forces", "Police", "Group", "Office"}


def _swallowed_heading(doc, ctx):
    headings = [z for z in doc.zones if z.kind == "heading"]
    if not headings:
        return
    in_heading = Intervals((h.start, h.end) for h in headings).covers
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


HEADING_SWALLOWED = Rule(RuleMeta(
    code="SPN003", name="heading-swallowed", family="SPN", severity="warning",
    profile="cable",
    summary="A section heading was absorbed into an entity ([ORG SL Expanding Influence  ]).",
    rationale=(
        "A heading line has no sentence context, so the tagger extends a known name over the "
        "title words; the extension is an entity tagged elsewhere plus capitalised heading words "
        "that are never tagged."
    ),
    fix="Shorten the entity to the name and leave the heading words untagged.",
    bad=(
        Example(
            header_like(heading="[ORG SL Expanding Influence  ] in [LOC Ayacucho  ]"),
            expect=(
                "3:1 heading 'SL Expanding Influence in Ayacucho' swallowed into entity",
            ),
        ),
    ),
    good=(
        header_like(),
        header_like(heading="[ORG SL  ] Government Adrift"),
        header_like(heading="[ORG SL Government  ] Adrift"),
    ),
), check=_swallowed_heading)


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
                    edits=untag_edits(span),
                )
                break


ENTITY_IS_PORTION_MARK = Rule(RuleMeta(
    code="SPN005", name="entity-is-portion-mark", family="SPN", severity="error",
    profile="cable",
    summary="A paragraph's portion mark ((C), (SBU), (S/NF)) is tagged as an entity.",
    rationale=(
        "Portion marks are classification markings; the tagger reads '( SBU )' as an acronym. "
        "They are never names."
    ),
    fix="Remove the entity: a portion mark is a classification marking, not a name.",
    fixable="always", fix_safety="safe",
    bad=(
        Example(
            header_like(mark="[ORG SBU  ]"),
            expect=("2:3 entity [ORG SBU] is the portion mark '(SBU)'",),
            fixed=header_like(mark="SBU"),
        ),
    ),
    good=(header_like(), RAW_GOOD),
), check=_portion_entity)


RULES = [ENTITY_CROSSES_STRUCTURE, HEADING_SWALLOWED, ENTITY_IS_PORTION_MARK]
