"""HDR rules on the classification marks: the banner against the paragraphs' portion marks.

The banner states the classification of the whole cable and must be the highest level of
its portions; a portion mark that cannot be parsed, or a TOP SECRET marking in a corpus
that holds nothing above SECRET, is a typo.
"""

from __future__ import annotations

from linter.profiles.cable import header_facts
from linter.profiles.cable_marks import LEVEL_NAMES, RANK, grade
from linter.rule import Example, Rule, RuleMeta

from ._shared import banner_name, banner_of, portions_of, raw, tok, zones_of


def _portion_above_banner(doc, ctx):
    zone, level = banner_of(doc)
    if zone is None:
        return
    for start, end, data in portions_of(doc):
        if data["level"] == "TS":
            continue  # HDR017 names the defect: Cablegate holds nothing above SECRET
        if RANK[grade(data["level"])] > RANK[grade(level)]:
            where = "the SUBJECT line" if start < (doc.zone("header").end) else (
                f"paragraph {data.get('paragraph')}" if data.get("paragraph") else "a paragraph")
            yield ctx.report(
                start, end,
                f"portion mark '({data['mark']})' on {where} is {LEVEL_NAMES[data['level']]}, "
                f"above the cable's banner {banner_name(header_facts(doc))} "
                f"({LEVEL_NAMES[level]}): the banner must carry the highest portion level",
                evidence={"portion": data["mark"], "banner": level},
            )


PORTION_ABOVE_BANNER = Rule(RuleMeta(
    code="HDR001", name="portion-above-banner", family="HDR", severity="error",
    profile="cable",
    summary="A portion mark is more restrictive than the cable's classification banner.",
    rationale=(
        "The overall classification is the highest portion level (FAH), so a (S) paragraph in a "
        "CONFIDENTIAL cable, or (C) in an UNCLAS one, means the banner or the mark is wrong."
    ),
    fix=(
        "Raise the banner to the highest portion level, or lower the portion mark if the "
        "paragraph was over-marked; the original cable tells which of the two is wrong."
    ),
    bad=(
        Example(
            raw(p2="S"),
            expect=("09LIMA1659.txt:15:35 portion mark '(S)' on paragraph 2 is SECRET",),
        ),
        Example(
            tok(p1="S//NF"),
            expect=("09LIMA1659.txt:2:1 portion mark '(S//NF)' on paragraph 1",),
        ),
        Example(
            raw(replace=[("SUBJECT: ", "SUBJECT: (S) ")]),
            expect=("09LIMA1659.txt:8:10 portion mark '(S)' on the SUBJECT line",),
        ),
    ),
    good=(raw(), tok(), raw(p2="SBU"), raw(p2="C/NF")),
), check=_portion_above_banner)


def _malformed_portion(doc, ctx):
    for zone in zones_of(doc, "portion"):
        if zone.data.get("valid"):
            continue
        problem = zone.data.get("problem") or "not one of U, SBU, C, S, TS (LOU, FOUO) with " \
                                              "optional /NF, //NOFORN, /REL ... suffixes"
        yield ctx.report(
            zone.start, zone.end,
            f"malformed portion mark '{zone.data['mark']}' after paragraph "
            f"{zone.data.get('paragraph')}: {problem}",
            evidence={"mark": zone.data["mark"]},
        )


MALFORMED_PORTION_MARK = Rule(RuleMeta(
    code="HDR009", name="malformed-portion-mark", family="HDR", severity="warning",
    profile="cable",
    summary="A paragraph's portion mark cannot be parsed ('C)', '(SBU Text', '(CC)').",
    rationale=(
        "Portion marks must be (U), (SBU), (C), (S) with optional /NF, //NOFORN, /REL ... "
        "suffixes; a mark with a missing bracket or an unknown level cannot be read by people or "
        "tools."
    ),
    fix=(
        "Rewrite the mark as a bracketed level with optional controls, such as '(C)', '(SBU)' or "
        "'(S/NF)', right after the paragraph number."
    ),
    bad=(
        Example(
            raw(p2="CC"),
            expect=("09LIMA1659.txt:15:35 malformed portion mark 'CC' after paragraph 2",),
        ),
        Example(
            raw(replace=[("2. (C)", "2. C)")]),
            expect=("09LIMA1659.txt:15:35 'C)' after paragraph 2: no opening bracket",),
        ),
    ),
    good=(
        raw(),
        raw(p2="S//REL TO USA, FVEY"),
        raw(p2="C - ENTIRE TEXT"),
        raw(replace=[("2. (C)", "2. (Begin text)")]),
    ),
), check=_malformed_portion)


def _portions_below_banner(doc, ctx):
    zone, level = banner_of(doc)
    if zone is None or grade(level) == "U":
        return
    marks = portions_of(doc)
    if len(marks) < 2:
        return
    top = max(RANK[data["level"]] for _, _, data in marks)
    if top >= RANK[level]:
        return
    highest = next(name for name, rank in RANK.items() if rank == top)
    yield ctx.report(
        zone.start, zone.end,
        f"the banner {banner_name(header_facts(doc))} is {LEVEL_NAMES[level]} but the highest "
        f"of the {len(marks)} portion marks is ({highest}): the cable is over-classified or its "
        "portions are under-marked",
        evidence={"banner": level, "highest_portion": highest},
    )


PORTIONS_BELOW_BANNER = Rule(RuleMeta(
    code="HDR011", name="portions-below-banner", family="HDR", severity="info",
    profile="cable",
    summary="Every portion mark is below the banner level (over-classified cable?).",
    rationale=(
        "The banner should equal the highest portion. Real cables often mark cover notes (U) or "
        "(SBU), so this is information for review, not an error."
    ),
    fix=(
        "Review the cable: lower an over-classified banner, or raise under-marked portions; leave "
        "it as it is when the marks are those of the original."
    ),
    bad=(
        Example(
            raw(p2="U").replace("1. (C)", "1. (U)"),
            expect=("09LIMA1659.txt:1:12 the highest of the 2 portion marks is (U)",),
        ),
    ),
    good=(raw(), raw(p2="U")),
), check=_portions_below_banner)


def _top_secret(doc, ctx):
    zone, level = banner_of(doc)
    if zone is not None and level == "TS":
        yield ctx.report(
            zone.start, zone.end,
            f"TOP SECRET banner {banner_name(header_facts(doc))}: Cablegate came from SIPRNet, "
            "which carries nothing above SECRET, so the banner was mistyped or altered",
            evidence={"banner": level},
        )
        return
    for start, end, data in portions_of(doc):
        if data["level"] == "TS":
            where = (f"paragraph {data['paragraph']}" if data.get("paragraph")
                     else "the SUBJECT line" if doc.zone("subject") and
                     start < doc.zone("header").end else "a paragraph")
            yield ctx.report(
                start, end,
                f"portion mark '({data['mark']})' on {where} is TOP SECRET: Cablegate came from "
                "SIPRNet, which carries nothing above SECRET, so the mark is a typo (for (S)?)",
                evidence={"portion": data["mark"], "banner": level},
            )


TOP_SECRET_MARKING = Rule(RuleMeta(
    code="HDR017", name="top-secret-marking", family="HDR", severity="error",
    profile="cable",
    summary="A TOP SECRET banner or a (TS) portion mark in a Cablegate cable.",
    rationale=(
        "Cablegate came from SIPRNet, which carries nothing above SECRET: none of its 251,287 "
        "cables is TOP SECRET, so such a marking was mistyped or altered. (HDR001 leaves (TS) "
        "marks to this rule.)"
    ),
    fix="Correct the marking to the level of the original cable, most likely SECRET or (S).",
    bad=(
        Example(
            tok(banner="TOP SECRET", p1="TS"),
            expect=("09LIMA1659.txt:1:12 TOP SECRET banner 'TOP SECRET'",),
        ),
        Example(raw(p2="TS"), expect=("09LIMA1659.txt:15:35 '(TS)' on paragraph 2 is TOP SECRET",)),
        raw(p2="TS//NF"),
        Example(
            raw(replace=[("SUBJECT: ", "SUBJECT: (TS) ")]),
            expect=("09LIMA1659.txt:8:10 '(TS)' on the SUBJECT line is TOP SECRET",),
        ),
    ),
    good=(
        raw(),
        tok(banner="S E C R E T", p1="S"),
        raw(replace=[("Observers report more attacks.",
                      "Observers saw a TOP SECRET stamp on the files.")]),
    ),
), check=_top_secret)


RULES = [PORTION_ABOVE_BANNER, MALFORMED_PORTION_MARK, PORTIONS_BELOW_BANNER, TOP_SECRET_MARKING]
