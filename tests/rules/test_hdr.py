"""HDR rules: the example cable and a real cable pass; injected header defects are caught.

Tests that expect exact findings select the rules they are about, so a new HDR rule does
not break them; the tests of clean cables run the whole family.
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "cables"
META = DATA / "raw" / "metadata.jsonl"


def codes(result, family="HDR"):
    return sorted(f.rule for f in result.findings if f.rule.startswith(family))


def real(form: str) -> str:
    return (DATA / form / "04RANGOON88.txt").read_text("utf-8")


def lint_real(lint, form, old="", new="", meta=True, select=("HDR",)):
    files = {"04RANGOON88.txt": real(form).replace(old, new)}
    if meta:
        files["metadata.jsonl"] = META.read_text("utf-8")
    return lint(files, select=list(select))


def test_example_cable_has_no_hdr_error_only_hdr012_info(lint, seed_text):
    result = lint({"09LIMA1659.txt": seed_text}, select=["HDR"])
    assert codes(result) == ["HDR012"]
    assert result.findings[0].severity == "info"


def test_real_cable_passes_in_both_forms(lint):
    for form in ("raw", "annotated"):
        assert codes(lint_real(lint, form)) == [], form


def test_secret_portion_in_confidential_cable(lint):
    for form in ("raw", "annotated"):
        result = lint_real(lint, form, "S E C R E T", "C O N F I D E N T I A L")
        assert "HDR001" in codes(result)
        assert "HDR010" in codes(result)  # metadata says SECRET//NOFORN


def test_nf_portion_without_header_noforn(lint):
    for form in ("raw", "annotated"):
        result = lint_real(lint, form, "NOFORN", "", select=["HDR008", "HDR012"])
        assert codes(result) == ["HDR008"], form


def test_decl_date_defects(lint):
    for form in ("raw", "annotated"):
        assert "HDR006" in codes(lint_real(lint, form, "01/09/2014", "01/32/2014"))
        assert "HDR007" in codes(lint_real(lint, form, "01/09/2014", "01/09/2003"))
        assert "HDR013" in codes(lint_real(lint, form, "01/09/2014", "01/09/2044"))
        # without metadata the id's year (2004) still dates the cable
        assert "HDR007" in codes(lint_real(lint, form, "01/09/2014", "01/09/2002", meta=False))


def test_eo_anachronism_and_reasons(lint):
    for form in ("raw", "annotated"):
        assert "HDR005" in codes(lint_real(lint, form, "EO 12958", "EO 13526"))
        assert "HDR004" in codes(lint_real(lint, form, "1.5 ", "1.2 "))
        assert codes(lint_real(lint, form, "1.5 ", "1.4 ", select=["HDR004", "HDR015"])) == []


def test_missing_classified_by(lint):
    raw = real("raw").replace("Classified By: COM Carmen Martinez for Reasons 1.5 (B,D)\n", "")
    result = lint({"04RANGOON88.txt": raw}, select=["HDR002", "HDR003"])
    assert codes(result) == ["HDR003"]


def test_unclassified_with_classifier(lint):
    raw = real("raw").replace("S E C R E T", "UNCLAS").replace("(S/NF)", "(SBU)")
    assert "HDR002" in codes(lint({"04RANGOON88.txt": raw}, select=["HDR"]))


def test_look_alikes_stay_quiet(lint):
    quiet = [
        ("EO 12958 DECL: 01/09/2014", "E.O. 12958: DECL: 2014/01/09"),
        ("Reasons 1.5 (B,D)", "Reasons 1.5 (b) and (d)"),
        ("Reasons 1.5 (B,D)", "reasons 1.5 b/d"),
        ("(S/NF)", "(S//NF)"),
        ("(S/NF)", "(S//REL TO USA, FVEY)"),
    ]
    for old, new in quiet:
        text = real("raw").replace(old, new)
        if old == "(S/NF)" and "NF" not in new:
            text = text.replace("NOFORN \n", "")
        result = lint({"04RANGOON88.txt": text, "metadata.jsonl": META.read_text("utf-8")},
                      select=["HDR"])
        assert codes(result) == [], (new, [f.message for f in result.findings])


def test_sbu_portion_in_unclas_cable_is_not_hdr001(lint):
    raw = (real("raw").replace("S E C R E T", "UNCLAS").replace("(S/NF)", "(SBU)")
           .replace("Classified By: COM Carmen Martinez for Reasons 1.5 (B,D)\n", "")
           .replace("DECL: 01/09/2014", "N/A").replace("NOFORN \n", ""))
    assert codes(lint({"04RANGOON88.txt": raw}, select=["HDR"])) == []
