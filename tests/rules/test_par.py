"""PAR rules: consecutive numbering passes; gaps, repeats, restarts, bad anchors are caught.

Tests that expect exact findings select the rules they are about (NUMBERING: PAR002-PAR004),
so a new PAR rule does not break them; the tests of clean cables run the whole family.
"""

from __future__ import annotations

from pathlib import Path

from linter.rules.par import raw, tok

NUMBERING = ["PAR002", "PAR003", "PAR004"]
DATA = Path(__file__).resolve().parents[1] / "data" / "cables"


def codes(result):
    return sorted(f.rule for f in result.findings if f.rule.startswith("PAR"))


def test_example_and_real_cable_pass(lint, seed_text):
    assert codes(lint({"09LIMA1659.txt": seed_text}, select=["PAR"])) == []
    for form in ("raw", "annotated"):
        text = (DATA / form / "04RANGOON88.txt").read_text("utf-8")
        assert codes(lint({"04RANGOON88.txt": text}, select=["PAR"])) == []


def test_gap_in_both_forms(lint):
    for build in (raw, tok):
        result = lint(build(1, 2, 4), select=NUMBERING)
        assert codes(result) == ["PAR003"]
        assert "paragraph 3 is missing" in result.findings[0].message


def test_repeat_and_backwards(lint):
    assert codes(lint(raw(1, 2, 2, 3), select=NUMBERING)) == ["PAR003"]
    assert codes(lint(tok(1, 2, 3, 2), select=NUMBERING)) == ["PAR003"]


def test_wrapped_line_number_is_not_a_paragraph(lint):
    # a raw line "23. He noted..." wrapped inside paragraph 2 got an anchor (09BERLIN1296)
    text = raw(1, 2, 3).replace("¶</a>2. (C) The minister spoke.\n\n",
                                "¶</a>2. (C) The minister spoke of the\n"
                                "<a id='par23' href='#par23'>¶</a>23. He noted.\n\n")
    assert codes(lint(text, select=NUMBERING)) == []


def test_start_and_restart(lint):
    assert codes(lint(raw(2, 3), select=NUMBERING)) == ["PAR002"]
    assert codes(lint(raw(1, 2, 1, 2), select=NUMBERING)) == ["PAR004"]


def test_anchor_mismatch_and_unanchored_paragraphs(lint):
    assert codes(lint(tok(1, 2).replace("id='par2'", "id='par5'"),
                      select=["PAR001", *NUMBERING])) == ["PAR001"]
    unanchored = raw(1).replace("SMITH", "2.(C) The renderer gave this one no anchor.\nSMITH")
    assert codes(lint(unanchored, select=["PAR001", *NUMBERING])) == []


def test_missing_portion_mark(lint):
    assert codes(lint(raw(1, 2).replace("2. (C)", "2."), select=["PAR005"])) == ["PAR005"]
    assert codes(lint(raw(1, 2, mark=""), select=["PAR005"])) == []
