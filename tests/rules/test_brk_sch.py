"""BRK and SCH on the seed: silent on the original, firing on each injected defect."""

from __future__ import annotations

import pytest

MARKUP = ["BRK", "SCH"]


def rules_fired(result):
    return sorted({finding.rule for finding in result.findings})


def test_seed_has_no_markup_findings(lint, seed_text):
    assert rules_fired(lint(seed_text, select=MARKUP)) == []


@pytest.mark.parametrize(("old", "new", "code"), [
    ("[LOC Ayacucho  ] say", "[LOC Ayacucho say", "BRK001"),
    ("[ORG APRA  ]", "APRA  ]", "BRK002"),
    ("[ORG Ministry of the Economy  ]", "[ORG Ministry of [LOC Peru  ] the Economy  ]", "BRK003"),
    ("[MISC Vizcatan  ]", "[MISC  ]", "BRK004"),
    ("[LOC Chile  ] and an", "[LOC Chile ] and an", "BRK005"),
    ("[LOC Chile  ] and an", "[LOC Chile] and an", "BRK005"),
    ("[PER Rey  ]", "[PERSON Rey  ]", "SCH001"),
    ("[PER Rey  ]", "[ORGG Rey  ]", "SCH001"),
])
def test_injected_defect_is_caught(lint, seed_text, old, new, code):
    assert old in seed_text
    result = lint(seed_text.replace(old, new, 1), select=MARKUP)
    assert rules_fired(result) == [code]
    finding = result.findings[0]
    line = seed_text.replace(old, new, 1).split("\n")[finding.line - 1]
    assert line[finding.column - 1] == "["[0] or code == "BRK002"


def test_unclosed_finding_points_at_the_opener(lint):
    result = lint("ok line\nthe [ORG Shining Path attacked\n", select=["BRK001"])
    finding, = result.findings
    assert (finding.line, finding.column, finding.end_column) == (2, 5, 9)
    assert "never closed" in finding.message


def test_entity_finding_covers_the_whole_markup(lint):
    result = lint("x [PERSON Rey  ] y\n", select=["SCH001"])
    finding, = result.findings
    assert (finding.column, finding.end_column) == (3, 17)
    assert finding.span == ("Rey", "PERSON")
    assert "did you mean PER" in finding.message


def test_spacing_follows_the_documents_majority(lint):
    trimmed = "[PER John Smith] works for [ORG Enron] in [LOC Houston]\n"
    assert lint(trimmed, select=["BRK005"]).findings == []
    mixed = trimmed + "and [ORG Dynegy  ] too\n"
    result = lint(mixed, select=["BRK005"])
    assert [f.span for f in result.findings] == [("Dynegy", "ORG")]


def test_spacing_style_option(lint):
    config = "rules:\n  BRK005:\n    style: illinois\n"
    result = lint({"a.txt": "[PER John Smith] works for [ORG Enron]\n"},
                  select=["BRK005"], config_text=config)
    assert len(result.findings) == 2


def test_label_set_is_configurable(lint):
    config = "labels: [PERSON, GPE]\n"
    result = lint({"a.txt": "[PERSON Rey  ] in [GPE Peru  ] and [LOC Lima  ]\n"},
                  select=["SCH"], config_text=config)
    assert [f.span for f in result.findings] == [("Lima", "LOC")]
