"""HDR016-HDR019: missing E.O. line, TOP SECRET markings, caveats inside TAGS or SUBJECT,
malformed TAGS.

Each defect is injected into a real cable (04RANGOON88) in both forms we meet, the raw
cable and the NER-tokenised one, and real look-alikes must stay quiet.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.rules.spn import header_like

DATA = Path(__file__).resolve().parents[1] / "data" / "cables"
NEW = ["HDR016", "HDR017", "HDR018", "HDR019"]
FORMS = ("raw", "annotated")

# The same header field in each form of 04RANGOON88.
EO = {"raw": "EO 12958 DECL: 01/09/2014 \n", "annotated": "EO 12958 DECL: 01/09/2014 "}
TAGS = {"raw": "TAGS PGOV, PARM, PREL, BM, RS, KS, KNPP \n",
        "annotated": "TAGS PGOV , [ORG PARM  ] , [ORG PREL  ] , [ORG BM  ] , RS , [ORG KS  ] , "
                     "[ORG KNPP  ] "}
FIRST_TAG = {"raw": "TAGS PGOV, PARM", "annotated": "TAGS PGOV , [ORG PARM  ]"}
LAST_TAG = {"raw": "KNPP \n", "annotated": "[ORG KNPP  ] "}
PORTION = {"raw": "(S/NF)", "annotated": "( [ORG S/NF  ] )"}


def real(form: str) -> str:
    return (DATA / form / "04RANGOON88.txt").read_text("utf-8")


def lint_real(lint, form, *replacements, select=NEW):
    text = real(form)
    for old, new in replacements:
        assert old in text, (form, old)
        text = text.replace(old, new)
    return lint({"04RANGOON88.txt": text}, select=select)


def codes(result):
    return sorted(f.rule for f in result.findings)


def test_example_and_real_cable_are_quiet(lint, seed_text):
    assert codes(lint({"09LIMA1659.txt": seed_text}, select=NEW)) == []
    assert codes(lint({"09LIMA1659.txt": header_like()}, select=NEW)) == []
    for form in FORMS:
        assert codes(lint_real(lint, form)) == [], form


# --- HDR016: E.O. line missing ----------------------------------------------------------

@pytest.mark.parametrize("form", FORMS)
def test_missing_eo_line(lint, form):
    result = lint_real(lint, form, (EO[form], ""))
    assert codes(result) == ["HDR016"]
    finding = result.findings[0]
    assert finding.severity == "warning"
    assert "no E.O. line" in finding.message
    assert finding.context.startswith("S E C R E T")  # reported on the banner


@pytest.mark.parametrize("form", FORMS)
def test_eo_line_variants_are_quiet(lint, form):
    # a bare DECL line, a lower-case E.o., an order tagged as an entity
    assert codes(lint_real(lint, form, ("EO 12958 DECL:", "DECL:"))) == []
    assert codes(lint_real(lint, form, ("EO 12958 DECL:", "E.o. 12958: decl:"))) == []
    if form == "annotated":
        assert codes(lint_real(lint, form, ("EO 12958", "[MISC EO 12958  ]"))) == []
    # a partial extract is expected to miss fields
    partial = "This record is a partial extract of the original cable. "
    assert codes(lint_real(lint, form, (EO[form], partial))) == []


# --- HDR017: TOP SECRET -----------------------------------------------------------------

@pytest.mark.parametrize("form", FORMS)
def test_top_secret_banner(lint, form):
    result = lint_real(lint, form, ("S E C R E T", "TOP SECRET"))
    assert codes(result) == ["HDR017"]
    assert result.findings[0].severity == "error"
    assert "TOP SECRET banner" in result.findings[0].message


@pytest.mark.parametrize("form", FORMS)
def test_ts_portion_mark_reported_once(lint, form):
    ts = PORTION[form].replace("S/NF", "TS/NF")
    result = lint_real(lint, form, (PORTION[form], ts), select=["HDR"])
    # HDR017 names the defect; HDR001 (portion above banner) leaves (TS) to it
    assert [c for c in codes(result) if c in ("HDR001", "HDR017")] == ["HDR017", "HDR017"]
    assert "'(TS/NF)' on paragraph 1 is TOP SECRET" in result.findings[0].message


@pytest.mark.parametrize("form", FORMS)
def test_top_secret_in_text_is_quiet(lint, form):
    text = "An expatriate businessman"
    result = lint_real(lint, form, (text, "A TOP SECRET ( TS ) annex aside , an expatriate "
                                          "businessman"))
    assert codes(result) == []


# --- HDR018: caveat inside TAGS or SUBJECT ----------------------------------------------

@pytest.mark.parametrize("form", FORMS)
def test_sipdis_listed_in_tags(lint, form):
    sep = ", " if form == "raw" else " , "
    result = lint_real(lint, form, (FIRST_TAG[form],
                                    FIRST_TAG[form].replace("PGOV" + sep, "PGOV" + sep + "SIPDIS"
                                                            + sep)))
    assert codes(result) == ["HDR018"]
    assert "'SIPDIS' is listed among the TAGS" in result.findings[0].message
    assert result.findings[0].severity == "error"


def test_sipdis_tag_link(lint):
    link = "<a href='/tag/SIPDIS_0.html'>SIPDIS</a>"
    assert codes(lint({"09LIMA1659.txt": header_like(tag=link)}, select=NEW)) == ["HDR018"]


def test_sipdis_tag_tagged_as_entity(lint):
    result = lint_real(lint, "annotated", ("RS , [ORG KS  ]", "RS , [ORG SIPDIS  ] , [ORG KS  ]"))
    assert codes(result) == ["HDR018"]


@pytest.mark.parametrize("form", FORMS)
def test_caveat_inside_subject(lint, form):
    result = lint_real(lint, form, ("SUBJECT: BURMA:", "SUBJECT: NOFORN BURMA:"))
    assert codes(result) == ["HDR018"]
    assert "'NOFORN' sits inside the SUBJECT" in result.findings[0].message


def test_caveat_lines_around_fields_are_quiet(lint):
    # raw: the SIPDIS line moved between TAGS and SUBJECT, NOFORN between wrapped subject lines
    raw = lint_real(lint, "raw", ("SIPDIS \nNOFORN \n", ""),
                    ("KNPP \n", "KNPP \nSIPDIS \n"),
                    ("NUCLEAR REACTOR \n", "NUCLEAR REACTOR \nNOFORN \n"))
    assert codes(raw) == []
    # tokenised: the caveats follow the TAGS (no comma) and the SUBJECT (nothing after them)
    tok = lint_real(lint, "annotated", ("SIPDIS NOFORN ", ""),
                    ("[ORG KNPP  ] ", "[ORG KNPP  ] SIPDIS "),
                    ("NEAR MINBU REF:", "NEAR MINBU NOFORN REF:"))
    assert codes(tok) == []


@pytest.mark.parametrize("form", FORMS)
def test_noforn_portion_mark_on_subject_is_quiet(lint, form):
    assert codes(lint_real(lint, form, ("SUBJECT: BURMA:", "SUBJECT: (S//NOFORN) BURMA:"))) == []


# --- HDR019: malformed TAGS -------------------------------------------------------------

@pytest.mark.parametrize("form", FORMS)
def test_run_together_tags(lint, form):
    result = lint_real(lint, form, (LAST_TAG[form], LAST_TAG[form].replace("KNPP", "KNPPMNUC")))
    assert codes(result) == ["HDR019"]
    assert "'KNPP' and 'MNUC' run together" in result.findings[0].message
    assert result.findings[0].severity == "warning"


@pytest.mark.parametrize("form", FORMS)
def test_slipped_subject_tag(lint, form):
    blank_separated = lint_real(lint, "raw", ("TAGS PGOV, PARM,", "TAGS PGOV PARMM"))
    assert codes(blank_separated) == ["HDR019"]
    result = lint_real(lint, form, ("TAGS PGOV", "TAGS POGOV"))
    assert codes(result) == ["HDR019"]
    assert "slip for the subject tag 'PGOV'" in result.findings[0].message


@pytest.mark.parametrize("form", FORMS)
def test_empty_tags(lint, form):
    empty = "TAGS \n" if form == "raw" else "TAGS: "
    result = lint_real(lint, form, (TAGS[form], empty))
    assert codes(result) == ["HDR019"]
    assert "TAGS line is empty" in result.findings[0].message


def test_free_text_tag(lint):
    result = lint_real(lint, "raw", ("RS, KS", "RS, Organized Crime, KS"))
    assert codes(result) == ["HDR019"]
    assert "'Organized Crime' is free text" in result.findings[0].message
    # tokenised: a free-text item before a comma is certain ...
    result = lint_real(lint, "annotated", ("RS , [ORG KS  ]", "RS , Organized Crime , [ORG KS  ]"))
    assert codes(result) == ["HDR019"]
    # ... the last one is not (the line break after TAGS is lost)
    assert codes(lint_real(lint, "annotated",
                           ("[ORG KNPP  ] ", "[ORG KNPP  ] , DEPT FOR EAP "))) == []


@pytest.mark.parametrize("form", FORMS)
def test_real_tag_variants_are_quiet(lint, form):
    sep = ", " if form == "raw" else " , "
    variants = sep.join(["OVIP (CLINTON" + sep + "HILLARY)", "EUN", "ASEAN", "MTCRE", "UNSC",
                         "PGOF", "prel", "ke", "KPAL"])
    first = "TAGS PGOV"
    assert codes(lint_real(lint, form, (first, "TAGS " + variants + sep + "PGOV"))) == []
    # tags separated by blanks only are codes, not free text
    assert codes(lint_real(lint, "raw", ("TAGS PGOV, PARM, PREL,", "TAGS PGOV PARM PREL"))) == []
    # a person tag split into links by the renderer, and org words on their own
    links = " ".join(f"<a href='/tag/{t}_0.html'>{t}</a>" for t in
                     ("OVIP", "CLINTON", "HILLARY", "NATO", "IMF", "PREL"))
    assert codes(lint({"09LIMA1659.txt": header_like(tag=links)}, select=NEW)) == []
