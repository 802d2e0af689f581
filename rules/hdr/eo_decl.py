"""HDR rules on the E.O. line: the Executive Order a cable was classified under and its
declassification date ('E.O. 12958: DECL: 2019/11/19').

The order must be the one in force at the cable's date, and the declassification date a
real date after the cable date, within the 25-year horizon. Checks that need the cable
date stay silent when neither the metadata nor the file's WikiLeaks id gives it.
"""

from __future__ import annotations

from datetime import date

from linter.profiles.cable import header_facts
from linter.profiles.cable_dates import cable_window, order_misfit
from linter.profiles.cable_marks import grade
from linter.rule import Example, Rule, RuleMeta

from ._shared import META, banner_name, banner_of, eo_of, raw, tok, zones_of


def _eo_anachronism(doc, ctx):
    eo = eo_of(doc)
    if eo is None or not eo.data.get("order") or eo.data.get("decl_kind") == "declassified":
        return  # NARA stamps today's order on declassified old cables
    window = cable_window(doc.metadata, doc.path)
    if window is None:
        return
    misfit = order_misfit(eo.data["order"], window)
    if misfit is None:
        return
    start, end = misfit
    until = "" if end.year > 2090 else f" to {end.isoformat()}"
    yield ctx.report(
        eo.start, eo.data.get("key_end", eo.end),
        f"E.O. {eo.data['order']} governed classification from {start.isoformat()}{until}, "
        f"but this cable dates from {window[2]}: the order on the E.O. line is anachronistic",
        evidence={"order": eo.data["order"], "cable_date": window[2]},
    )


EO_ANACHRONISM = Rule(RuleMeta(
    code="HDR005", name="eo-anachronism", family="HDR", severity="error",
    profile="cable",
    summary="The Executive Order on the E.O. line was not in force at the cable's date.",
    rationale=(
        "Each period had one order (11652, 12065, 12356, 12958, 13526); Cablegate ends in Feb "
        "2010, so 'E.O. 13526' or a 2009 'E.O. 12356' is a drafting or transcription error. Dates "
        "come from metadata or the WikiLeaks id; 45 days of slack around each changeover."
    ),
    fix=(
        "Correct the order number on the E.O. line (12958 for most Cablegate cables), or the "
        "cable date if that is the one mistyped."
    ),
    bad=(
        Example(
            tok(order="13526"),
            expect=("09LIMA1659.txt:1:70 E.O. 13526 governed classification from 2010-06-27",),
        ),
        Example(
            tok(order="12356"),
            expect=("09LIMA1659.txt:1:70 E.O. 12356 governed classification from 1982-08-01",),
        ),
    ),
    good=(tok(), tok(order="13526", name="doc.txt")),
), check=_eo_anachronism)


def _decl_unparseable(doc, ctx):
    eo = eo_of(doc)
    if eo is None or eo.data.get("decl_kind") != "bad-date":
        return
    yield ctx.report(
        eo.data["decl_start"], eo.data["decl_end"],
        f"declassification date '{eo.data['decl']}' is not a calendar date "
        "(expected M/D/YY, M/D/YYYY or YYYY/MM/DD)",
        evidence={"decl": eo.data["decl"]},
    )


DECL_DATE_INVALID = Rule(RuleMeta(
    code="HDR006", name="decl-date-invalid", family="HDR", severity="error",
    profile="cable",
    summary="The declassification date on the E.O. line is not a calendar date.",
    rationale=(
        "A DECL value that starts like a date but is none (13/45/2019, 2019/02/30) cannot be "
        "acted on by the declassification system; it is a typo."
    ),
    fix=(
        "Retype the declassification date from the original cable as a real date (M/D/YY, "
        "M/D/YYYY or YYYY/MM/DD)."
    ),
    bad=(
        Example(
            tok(decl="11/31/2019"),
            expect=("09LIMA1659.txt:1:96 '11/31/2019' is not a calendar date",),
        ),
        tok(decl="2019/13/19"),
    ),
    good=(tok(), tok(decl="11/19/19"), tok(decl="OADR"), tok(decl="X1")),
), check=_decl_unparseable)


def _decl_date(doc):
    eo = eo_of(doc)
    if eo is None or eo.data.get("decl_kind") != "date":
        return None, None, None
    window = cable_window(doc.metadata, doc.path)
    return eo, date.fromisoformat(eo.data["decl_date"]), window


def _decl_not_after(doc, ctx):
    eo, decl, window = _decl_date(doc)
    if eo is None or window is None:
        return
    earliest, latest, source = window
    if decl <= earliest and (earliest == latest or decl.year < earliest.year):
        yield ctx.report(
            eo.data["decl_start"], eo.data["decl_end"],
            f"declassification date '{eo.data['decl']}' is not after the cable date "
            f"({source}): a cable cannot be declassified before it was written",
            evidence={"decl": eo.data["decl_date"], "cable_date": source},
        )


DECL_NOT_AFTER_CABLE_DATE = Rule(RuleMeta(
    code="HDR007", name="decl-not-after-cable-date", family="HDR", severity="error",
    profile="cable",
    summary="The declassification date is not after the date of the cable.",
    rationale=(
        "A cable cannot be declassified before it was written; the year is mistyped. Needs the "
        "cable date (metadata or the year of the WikiLeaks id)."
    ),
    fix=(
        "Correct the year of the declassification date (usually the cable's year plus 10), or the "
        "cable date in the metadata if that is the one that is wrong."
    ),
    bad=(
        Example(
            tok(decl="2008/11/19"),
            expect=("09LIMA1659.txt:1:96 '2008/11/19' is not after the cable date (year 2009",),
        ),
        Example(
            tok(decl="11/19/2009") + META.format(cls="CONFIDENTIAL"),
            expect=("09LIMA1659.txt:1:96 (metadata created 2009-11-19 20:06)",),
        ),
    ),
    good=(tok(), tok(decl="2008/11/19", name="doc.txt")),
), check=_decl_not_after)


def _decl_horizon(doc, ctx):
    eo, decl, window = _decl_date(doc)
    if eo is None or window is None:
        return
    years = (decl - window[1]).days / 365.25
    if years > 25.5:
        yield ctx.report(
            eo.data["decl_start"], eo.data["decl_end"],
            f"declassification date '{eo.data['decl']}' is {years:.0f} years after the cable "
            f"date ({window[2]}): beyond 25 years needs an exemption code (25X1...), so the "
            "year is probably mistyped",
            evidence={"decl": eo.data["decl_date"], "cable_date": window[2]},
        )


DECL_HORIZON_TOO_FAR = Rule(RuleMeta(
    code="HDR013", name="decl-horizon-too-far", family="HDR", severity="warning",
    profile="cable",
    summary="The declassification date is more than 25 years after the cable date.",
    rationale=(
        "The default horizon is 10 years and 25 is the maximum without an exemption code, so a "
        "DECL date beyond that usually has a mistyped year."
    ),
    fix=(
        "Check the year of the declassification date against the original cable and correct it; "
        "ten years after the cable date is the usual horizon."
    ),
    bad=(
        Example(
            tok(decl="2049/11/19"),
            expect=("09LIMA1659.txt:1:96 '2049/11/19' is 40 years after the cable date",),
        ),
    ),
    good=(tok(), tok(decl="2034/11/19"), tok(decl="2049/11/19", name="doc.txt")),
), check=_decl_horizon)


def _classified_without_decl(doc, ctx):
    zone, level = banner_of(doc)
    if zone is None or grade(level) == "U":
        return
    eo = eo_of(doc)
    if eo is None or eo.data.get("decl_kind") != "na":
        return
    yield ctx.report(
        eo.start, eo.end,
        f"the E.O. line says N/A but the banner {banner_name(header_facts(doc))} makes this cable "
        "classified: classified text needs a declassification date (or OADR / an X code)",
        evidence={"banner": level},
    )


CLASSIFIED_WITHOUT_DECL = Rule(RuleMeta(
    code="HDR014", name="classified-without-decl", family="HDR", severity="error",
    profile="cable",
    summary="A classified cable's E.O. line says 'N/A' instead of a declassification date.",
    rationale=(
        "Classified text must carry a declassification date (or OADR / an exemption code); 'N/A' "
        "belongs to unclassified cables."
    ),
    fix=(
        "Put the declassification date (or OADR, or the exemption code) of the original cable on "
        "the E.O. line, or correct the banner if the cable is unclassified."
    ),
    bad=(Example(tok(decl="N/A"), expect=("09LIMA1659.txt:1:70 the E.O. line says N/A",)),),
    good=(tok(), tok(banner="UNCLAS", decl="N/A", classified="", p1="U")),
), check=_classified_without_decl)


def _missing_eo(doc, ctx):
    facts = header_facts(doc)
    zone, _ = banner_of(doc)
    if zone is None or not facts or facts.get("partial") or zones_of(doc, "eo"):
        return
    yield ctx.report(
        zone.start, zone.end,
        "the header has no E.O. line ('E.O. 12958: DECL: <date>', or 'E.O. 12958: N/A' on an "
        "unclassified cable): every cable, old ones included, states the order it was "
        "classified under, so the line was lost or mistyped",
        evidence={"banner": facts.get("level")},
    )


MISSING_EO_LINE = Rule(RuleMeta(
    code="HDR016", name="missing-eo-line", family="HDR", severity="warning",
    profile="cable",
    summary="The cable header has no E.O. line ('E.O. 12958: DECL: ...' or 'E.O. 12958: N/A').",
    rationale=(
        "Every cable, old ones included ('E.O. 11652: N/A'), states the Executive Order it was "
        "classified under and when it declassifies; a header without one lost the line or "
        "mistyped its keyword. A bare 'DECL: <date>' counts as the line; partial extracts are not "
        "checked."
    ),
    fix=(
        "Restore the E.O. line from the original cable ('E.O. 12958: DECL: <date>', or 'E.O. "
        "12958: N/A' on an unclassified cable), or fix its mistyped keyword."
    ),
    bad=(
        Example(
            raw(replace=[("E.O. 12958: DECL: 2019/11/19\n", "")]),
            expect=("09LIMA1659.txt:1:12 the header has no E.O. line",),
        ),
        Example(
            tok().replace("E.O. 12958: [LOC DECL:  ] 2019/11/19 ", ""),
            expect=("09LIMA1659.txt:1:12 the header has no E.O. line",),
        ),
    ),
    good=(
        raw(),
        tok(),
        raw(replace=[("E.O. 12958: DECL:", "DECL:")]),
        tok(banner="UNCLAS", decl="N/A", classified="", p1="U"),
        raw(replace=[("E.O. 12958: DECL: 2019/11/19\n",
                      "This record is a partial extract of the original cable.\n")]),
    ),
), check=_missing_eo)


RULES = [
    EO_ANACHRONISM,
    DECL_DATE_INVALID,
    DECL_NOT_AFTER_CABLE_DATE,
    DECL_HORIZON_TOO_FAR,
    CLASSIFIED_WITHOUT_DECL,
    MISSING_EO_LINE,
]
