"""SPN rules: the example cable's structural annotation defects are found; clean headers are
quiet."""

from __future__ import annotations

from pathlib import Path

from linter.rules.spn import header_like

DATA = Path(__file__).resolve().parents[1] / "data" / "cables"


def by_rule(result):
    out: dict[str, list[str]] = {}
    for finding in result.findings:
        if finding.rule.startswith("SPN"):
            out.setdefault(finding.rule, []).append(finding.span[0] if finding.span else "")
    return out


def test_example_cable_findings(lint, seed_text):
    found = by_rule(lint({"09LIMA1659.txt": seed_text}, select=["SPN"]))
    crossing = "Sendero Luminoso: Incremental Gains in Mixed Picture REF: LIMA"
    assert "DECL:" in found["SPN001"]
    assert found["SPN002"] == [crossing]
    assert found["SPN003"] == ["SL Expanding Influence"]
    assert found["SPN004"] == [crossing]


def test_clean_header_is_quiet(lint):
    assert by_rule(lint(header_like(), select=["SPN"])) == {}


def test_real_annotated_cable(lint):
    text = (DATA / "annotated" / "04RANGOON88.txt").read_text("utf-8")
    found = by_rule(lint({"04RANGOON88.txt": text}, select=["SPN"]))
    assert found["SPN005"] == ["S/NF", "S/NF"]  # ( [ORG S/NF  ] ) portion marks
    assert set(found["SPN006"]) == {"PARM", "PREL", "BM", "KS", "KNPP"}
    assert "SPN001" not in found and "SPN002" not in found


def test_raw_cable_has_no_entities_to_flag(lint):
    text = (DATA / "raw" / "04RANGOON88.txt").read_text("utf-8")
    assert by_rule(lint({"04RANGOON88.txt": text}, select=["SPN"])) == {}


def test_look_alikes(lint):
    # a keyword next to (not inside) an entity, and a name that merely contains 'Comment'
    quiet = header_like().replace("insurgents gained ground",
                                "[ORG Commentary Group  ] said REF: nothing")
    assert by_rule(lint(quiet, select=["SPN001", "SPN002"])) == {}
    # heading made only of a tagged name plus an organisation head noun stays quiet
    assert by_rule(lint(header_like(heading="[ORG SL Government  ] Adrift"),
                        select=["SPN003"])) == {}


def test_manual_citations_in_ref_are_not_cable_ids(lint, seed_text):
    """'7 FAM 180' cites the Foreign Affairs Manual; FAM is no sending post (review finding)."""
    text = seed_text.replace("1209 ; [LOC LIMA  ] 1299 AND PREVIOUS",
                             "1209 ; 7 FAM 180 ; 2 [ORG FAM  ] 227 AND PREVIOUS", 1)
    assert "7 FAM 180" in text
    result = lint(text, select=["SPN004"])
    assert not any("FAM" in f.message for f in result.findings)


def test_every_caveat_word_is_a_keyword(lint):
    """SPN001 knows the same caveat words as the header parser (one vocabulary)."""
    from linter.profiles.cable_marks import CAVEAT_WORDS

    for word in CAVEAT_WORDS:
        text = header_like().replace("[ORG SL  ] insurgents", f"[ORG {word}  ] insurgents")
        assert by_rule(lint(text, select=["SPN001"])) == {"SPN001": [word]}, word
