"""LBL001's structural signals on hand-made samples: the entities of a table row or a
fixture vote for each other, and a finding needs two signals that agree."""

from __future__ import annotations

from linter.readers.inline import parse_inline
from linter.rules.lbl.inconsistent_label import score_mentions
from linter.rules.lbl.mentions import M_SIBLINGS, M_TEXT
from linter.rules.lbl.scan import _build, summarise

LABELS = frozenset({"PER", "LOC", "ORG", "MISC"})


def _summaries(files):
    return {path: summarise(parse_inline(path, text, labels=LABELS))
            for path, text in files.items()}


def _siblings(text):
    summary = summarise(parse_inline("a.txt", text, labels=LABELS))
    return {m[M_TEXT]: m[M_SIBLINGS] for m in summary.mentions}


def test_entities_of_a_table_row_are_siblings_but_an_aside_in_parentheses_is_not():
    assert _siblings("[ORG Alpha  ] AT [LOC Beta  ]\n")["Beta"] == ("ORG",)
    assert _siblings("[ORG Alpha  ] 33 05/09 [ORG Beta  ] / [ORG Gamma  ]\n")["Alpha"] == (
        "ORG", "ORG")
    # a sentence is not a row: "at" links nothing there
    assert _siblings("the coach of [ORG Alpha  ] said he met them at [LOC Beta  ] .\n"
                     )["Beta"] == ()
    # a parenthesis opens an aside: "[PER Luo] ( [LOC China] )" are not parallel
    assert _siblings("[PER Luo Yigang  ] ( [LOC China  ] ) beat [PER Hwang  ]\n")["China"] == ()


def test_a_place_in_a_fixture_row_is_flagged_when_the_document_names_it_a_team():
    table = ("[ORG Alpha  ] 73 54 .575 -\n[ORG Beta  ] 67 60 .528 6\n"
             "[ORG Gamma  ] 64 65 .496 10\nSCHEDULE\n[ORG Alpha  ] AT [LOC Beta  ]\n")
    files = {"t.txt": table, "p.txt": "We flew to [LOC Beta  ] .\n[LOC Beta  ] is far .\n"}
    verdicts = score_mentions(_summaries(files), min_score=0.6)
    assert [(v.path, v.mention[M_TEXT], v.suggested) for v in verdicts] == [
        ("t.txt", "Beta", "ORG")]
    assert verdicts[0].signals["coordination"] == {"ORG": 1.0}


def test_a_person_next_to_an_organisation_in_a_short_line_stays_quiet():
    """One signal (the row's other entity) is not enough: '[PER Smith] of [ORG Acme]'."""
    files = {"a.txt": "[PER Smith  ] of [ORG Acme  ]\n",
             "b.txt": "[PER Smith  ] said so .\n[PER Smith  ] left .\n"}
    assert score_mentions(_summaries(files), min_score=0.6) == []


def test_two_labels_in_one_row_without_other_evidence_stay_quiet():
    """A fixture between a club and a national side is legitimate when nothing else in
    the document disputes it."""
    files = {"a.txt": "[ORG Alpha  ] 2 [LOC Beta  ] 1\n"}
    assert score_mentions(_summaries(files), min_score=0.6) == []


def test_a_dateline_keeps_its_place_label_in_a_report_about_the_club():
    """'[LOC Alpha] 1996-08-25' names the city the report is filed from: the document's
    other mentions of Alpha as a club are no evidence against it."""
    report = ("[LOC Alpha  ] 1996-08-25\n[ORG Alpha  ] beat the visitors .\n"
              "The coach of [ORG Alpha  ] was happy .\nFans of [ORG Alpha  ] sang .\n")
    files = {"r.txt": report, "p.txt": "We flew to [LOC Alpha  ] .\n"}
    assert score_mentions(_summaries(files), min_score=0.6) == []


def test_a_place_among_the_clubs_of_a_standings_table_is_flagged():
    table = ("[ORG Beta  ] 73 54 .575 -\n[ORG Gamma  ] 67 60 .528 6\n"
             "[ORG Omega  ] 64 65 .496 10\n[LOC Delta  ] 58 72 .446 19\n")
    files = {"t.txt": table, **{f"o{i}.txt": f"[ORG Delta  ] won game {i} .\n"
                                for i in range(3)}}
    verdicts = score_mentions(_summaries(files), min_score=0.6)
    assert [(v.path, v.mention[M_TEXT], v.suggested) for v in verdicts] == [
        ("t.txt", "Delta", "ORG")]
    assert verdicts[0].signals["document_context"] == {"ORG": 3.0}
