"""HDR rules on the 'Classified By: <name>; Reason: 1.4(x)' line of a cable.

A classified cable names its classifier and cites the categories of the Executive Order
that justify the classification; an unclassified one has neither.
"""

from __future__ import annotations

from linter.profiles.cable import header_facts
from linter.profiles.cable_dates import AMENDMENT_13292, cable_window
from linter.profiles.cable_marks import grade
from linter.rule import Example, Rule, RuleMeta

from ._shared import CLS, banner_name, banner_of, eo_of, raw, tok, zones_of

_OLD_ORDERS = ("11652", "12065", "12356")  # before CLASSIFIED BY lines were the norm
_ALLOWED = {"1.4": "abcdefgh", "1.5": "abcdefg"}  # the reason categories of each section

def _classified_on_unclassified(doc, ctx):
    _, level = banner_of(doc)
    if level not in ("U", "SBU"):
        return
    facts = header_facts(doc)
    for zone in zones_of(doc, "classified_by"):
        if zone.data.get("in_paragraph"):
            continue
        yield ctx.report(
            zone.start, zone.data["key_end"],
            f"'Classified By' line on a cable whose banner {banner_name(facts)} says it is "
            "unclassified: unclassified text has no classifier, so one of the two is wrong",
            evidence={"banner": level},
        )
    eo = eo_of(doc)
    if eo is not None and eo.data.get("decl_kind") == "date":
        yield ctx.report(
            eo.data["decl_start"], eo.data["decl_end"],
            f"declassification date '{eo.data['decl']}' on a cable whose banner "
            f"{banner_name(facts)} says it is unclassified: unclassified cables carry "
            "'E.O. 12958: N/A'",
            evidence={"banner": level, "decl": eo.data["decl"]},
        )


CLASSIFIED_MARKING_ON_UNCLASSIFIED = Rule(RuleMeta(
    code="HDR002", name="classified-marking-on-unclassified", family="HDR", severity="error",
    profile="cable",
    summary="An UNCLAS cable carries a 'Classified By' line or a declassification date.",
    rationale=(
        "Unclassified text has no classifier and no declassification date; the cable was either "
        "mis-bannered or its header was copied from a classified template. NARA notes ('DECL: "
        "DECLASSIFIED BY NARA ...') are not flagged."
    ),
    fix=(
        "If the cable is unclassified, delete the 'Classified By' line and write 'E.O. 12958: "
        "N/A'; if it is classified, correct the banner."
    ),
    bad=(
        Example(
            tok(banner="UNCLAS"),
            expect=(
                "09LIMA1659.txt:1:79 declassification date '2019/11/19' on a cable whose banner",
                "09LIMA1659.txt:1:170 'Classified By' line on a cable whose banner 'UNCLAS'",
            ),
        ),
        raw(replace=[("C O N F I D E N T I A L", "UNCLAS"),
                     ("(C)", "(U)")]),
    ),
    good=(
        tok(banner="UNCLAS", decl="N/A", classified="", p1="U"),
        tok(banner="UNCLASSIFIED", decl="DECLASSIFIED BY NARA 09/02/2009", classified="",
            p1="U"),
        tok(),
    ),
), check=_classified_on_unclassified)


def _missing_classified_by(doc, ctx):
    zone, level = banner_of(doc)
    facts = header_facts(doc)
    if zone is None or grade(level) == "U" or facts.get("partial"):
        return
    eo = eo_of(doc)
    if eo is None or eo.data.get("order") in _OLD_ORDERS or eo.data.get("order") is None:
        return  # pre-1995 cables and headers without an E.O. line follow other conventions
    if zones_of(doc, "classified_by") or not zones_of(doc, "paragraph"):
        return
    yield ctx.report(
        zone.start, zone.end,
        f"the banner {banner_name(facts)} makes this cable classified, but there is no "
        "'Classified By: <name>; Reason: 1.4(x)' line in the header or paragraph 1: "
        f"a classified telegram under E.O. {eo.data['order']} must name its classifier",
        evidence={"banner": level, "order": eo.data["order"]},
    )


MISSING_CLASSIFIED_BY = Rule(RuleMeta(
    code="HDR003", name="missing-classified-by", family="HDR", severity="error",
    profile="cable",
    summary="A classified cable (E.O. 12958 era) names no classifier and reason.",
    rationale=(
        "A classified telegram must say who classified it and why ('Classified By: ...; Reason: "
        "1.4(b)'), in the header or, in the 1990s form, in paragraph 1. Partial extracts and "
        "pre-1995 cables (E.O. 12356 'DECL: OADR') are not checked."
    ),
    fix=(
        "Restore the 'Classified By: <name>; Reason: 1.4(x)' line from the original cable; if the "
        "cable is in fact unclassified, correct the banner instead."
    ),
    bad=(
        Example(
            tok(classified=""),
            expect=(
                "09LIMA1659.txt:1:12 there is no 'Classified By: <name>; Reason: 1.4(x)' line",
            ),
        ),
    ),
    good=(
        tok(),
        tok(classified="").replace("( C ) Summary", "( C ) Classified by DCM "
                                   "John Smith , reasons 1.4 ( b ) and ( d ) ."),
        tok(classified="", order="12356", decl="OADR"),
    ),
), check=_missing_classified_by)


def _invalid_reason(doc, ctx):
    for zone in zones_of(doc, "classified_by"):
        reasons = zone.data.get("reasons")
        if not reasons:
            continue
        section, letters = reasons["section"], reasons["letters"]
        allowed = _ALLOWED.get(section)
        cited = f"{section} ({', '.join(letters)})" if letters else section
        if allowed is None:
            problem = (f"section {section} is not a classification reason: E.O. 12958 lists "
                       "them in 1.4 (a)-(h), 1.5 (a)-(g) before 2003")
        else:
            bad = [letter for letter in letters if letter not in allowed]
            if not bad:
                continue
            problem = (f"{', '.join('(' + b + ')' for b in bad)} is not a category of section "
                       f"{section}, which allows ({allowed[0]})-({allowed[-1]})")
        yield ctx.report(
            reasons["start"], reasons["end"],
            f"classification reason '{cited}': {problem}",
            evidence={"section": section, "letters": letters},
        )


INVALID_REASON_CODE = Rule(RuleMeta(
    code="HDR004", name="invalid-reason-code", family="HDR", severity="error",
    profile="cable",
    summary="A classification reason cites a section or letter outside 1.4 (a)-(h) / 1.5 (a)-(g).",
    rationale=(
        "E.O. 12958 lists the classification categories in section 1.4 (a)-(h) (1.5 (a)-(g) "
        "before 2003); '1.2 (B)' (09ASTANA184) or '1.4 (k)' cite nothing and are typos."
    ),
    fix=(
        "Correct the section or letter to what the original cable cites: 1.4 (a)-(h), or 1.5 "
        "(a)-(g) in cables before 2003."
    ),
    bad=(
        Example(
            tok(classified=CLS.replace("1.4 ( B )", "1.2 ( B )")),
            expect=("09LIMA1659.txt:1:253 section 1.2 is not a classification reason",),
        ),
        Example(
            raw(replace=[("1.4(B), (D)", "1.4(B), (K)")]),
            expect=("09LIMA1659.txt:11:57 (k) is not a category of section 1.4",),
        ),
    ),
    good=(
        tok(),
        raw(replace=[("1.4(B), (D)", "1.4 (b/d)")]),
        raw(replace=[("1.4(B), (D)", "1.5 (b) and (d)")]),
        raw(replace=[("1.4(B), (D)", "1.4 (b+d+h)")]),
    ),
), check=_invalid_reason)


def _reason_section_anachronism(doc, ctx):
    window = cable_window(doc.metadata, doc.path)
    if window is None or window[1] >= AMENDMENT_13292:
        return
    for zone in zones_of(doc, "classified_by"):
        reasons = zone.data.get("reasons")
        if reasons and reasons["section"] == "1.4":
            yield ctx.report(
                reasons["start"], reasons["end"],
                f"reason cites section 1.4, but the cable dates from {window[2]}, before "
                "E.O. 13292 (2003-03-25) moved the reasons from 1.5 to 1.4",
                evidence={"section": "1.4", "cable_date": window[2]},
            )


REASON_SECTION_ANACHRONISM = Rule(RuleMeta(
    code="HDR015", name="reason-section-anachronism", family="HDR", severity="warning",
    profile="cable",
    summary="A reason cites section 1.4 in a cable written before 2003-03-25.",
    rationale=(
        "E.O. 13292 (2003-03-25) moved the classification categories from section 1.5 to 1.4; an "
        "earlier cable citing 1.4 has a mistyped section or a wrong date. (The reverse, 1.5 after "
        "2003, is a common stale citation and is not flagged.)"
    ),
    fix=(
        "Correct the section to 1.5, which cables before 2003-03-25 cite, or the cable date if "
        "that is the one mistyped."
    ),
    bad=(
        Example(
            tok(name="02LIMA1659.txt", order="12958", decl="2012/11/19"),
            expect=("02LIMA1659.txt:1:253 reason cites section 1.4",),
        ),
    ),
    good=(
        tok(),
        tok(name="02LIMA1659.txt", decl="2012/11/19").replace("1.4 ( B )",
                                                              "1.5 ( B )"),
    ),
), check=_reason_section_anachronism)


RULES = [
    CLASSIFIED_MARKING_ON_UNCLASSIFIED,
    MISSING_CLASSIFIED_BY,
    INVALID_REASON_CODE,
    REASON_SECTION_ANACHRONISM,
]
