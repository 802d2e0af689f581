"""Declarative rules load with positioned errors; failing examples are refused."""

from __future__ import annotations

import pytest

from linter.config import ConfigError, load_config

GOOD_RULE = """\
custom-rules:
  - code: ACME001
    name: sl-is-org
    kind: label-of
    label: ORG
    strings: [SL]
    bad: ["[LOC SL  ]\\n"]
    good: ["[ORG SL  ]\\n"]
"""


def error_of(tmp_path, text: str, name: str = "annolint.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return str(caught.value)


def test_a_good_rule_loads_and_compiles(tmp_path):
    (tmp_path / "annolint.yaml").write_text(GOOD_RULE, encoding="utf-8")
    config = load_config(tmp_path / "annolint.yaml")
    assert [rule.code for rule in config.custom_rules] == ["ACME001"]
    meta = config.custom_rules[0].meta
    assert (meta.family, meta.scope, meta.source) == ("ACME", "document", str(tmp_path / "annolint.yaml"))


@pytest.mark.parametrize(("old", "new", "where", "says"), [
    ("strings: [SL]", "strngs: [SL]", ":6:5:", "unknown key 'strngs' for a label-of rule "
                                               "(did you mean 'strings'?)"),
    ("kind: label-of", "kind: label_of", ":4:5:", "unknown kind 'label_of'"),
    ("label: ORG", "label: ORGANISATION", ":5:5:", "label 'ORGANISATION' is not in the label set"),
    ("code: ACME001", "code: LBL901", ":2:5:", "codes starting with FIL, BRK, SCH"),
    ("code: ACME001", "code: acme1", ":2:5:", "is not a rule code"),
    ("name: sl-is-org", "name: unclosed-entity", ":3:5:", "already taken by BRK001"),
    ("strings: [SL]", "patterns: ['(']", ":6:5:", "is not a regular expression"),
    ("label: ORG", "label: ORG\n    message: '{text} is {lable}'", ":6:5:",
     "unknown placeholder {lable}"),
    ("severity", "severity", "", ""),
])
def test_mistakes_name_file_line_and_key(tmp_path, old, new, where, says):
    if not says:
        text = GOOD_RULE + "    severity: loud\n"
        where, says = ":9:5:", "custom-rules[0].severity: Input should be"
    else:
        text = GOOD_RULE.replace(old, new)
    message = error_of(tmp_path, text)
    assert message.startswith(str(tmp_path / "annolint.yaml") + where), message
    assert says in message


def test_a_code_twice_and_a_missing_kind(tmp_path):
    twice = GOOD_RULE + GOOD_RULE.split("\n", 1)[1].replace("sl-is-org", "other")
    assert "ACME001 is defined twice" in error_of(tmp_path, twice)
    assert ":9:5:" in error_of(tmp_path, twice)
    missing = GOOD_RULE.replace("    kind: label-of\n", "")
    assert "custom-rules[0]: missing; use one of label-of, never-annotate" in error_of(
        tmp_path, missing)


@pytest.mark.parametrize(("old", "new", "where", "says"), [
    ('bad: ["[LOC SL  ]\\n"]', 'bad: ["[ORG SL  ]\\n"]', ":7:11:",
     "custom-rules[0].bad[0]: ACME001 example fails: the bad example is not flagged"),
    ('good: ["[ORG SL  ]\\n"]', 'good: ["[LOC SL  ]\\n"]', ":8:12:",
     "custom-rules[0].good[0]: ACME001 example fails: the good example is flagged at "
     "example.txt:1:1: 'SL' is LOC"),
])
def test_a_rule_whose_examples_fail_is_refused(tmp_path, old, new, where, says):
    message = error_of(tmp_path, GOOD_RULE.replace(old, new))
    assert message.startswith(str(tmp_path / "annolint.yaml") + where), message
    assert says in message


def test_expected_positions_of_an_example_are_checked(tmp_path):
    text = GOOD_RULE.replace('bad: ["[LOC SL  ]\\n"]',
                             'bad:\n      - text: "x [LOC SL  ]\\n"\n        expect: ["1:1"]')
    message = error_of(tmp_path, text)
    assert "expected a finding at '1:1'; found example.txt:1:3" in message
    ok = GOOD_RULE.replace('bad: ["[LOC SL  ]\\n"]',
                           'bad:\n      - text: "x [LOC SL  ]\\n"\n        expect: ["1:3 is LOC"]')
    (tmp_path / "annolint.yaml").write_text(ok, encoding="utf-8")
    assert load_config(tmp_path / "annolint.yaml").custom_rules


def test_rules_dir_one_rule_per_file_with_errors_in_that_file(tmp_path):
    folder = tmp_path / "guidelines"
    folder.mkdir()
    rule = GOOD_RULE.split("\n", 1)[1]
    (folder / "sl.yaml").write_text("\n".join(line[4:] for line in rule.splitlines()) + "\n",
                                    encoding="utf-8")
    (tmp_path / "annolint.yaml").write_text("rules-dir: guidelines\n", encoding="utf-8")
    config = load_config(tmp_path / "annolint.yaml")
    assert [r.code for r in config.custom_rules] == ["ACME001"]
    (folder / "titles.yaml").write_text(
        "code: ACME002\nname: no-titles\nkind: never-annotate\nwords: Ambassador\nbad: [x]\n",
        encoding="utf-8")
    message = error_of(tmp_path, "rules-dir: guidelines\n")
    assert message.startswith(f"{folder / 'titles.yaml'}:4:1: words: "), message
    assert "rules-dir: nowhere is not a folder" in error_of(tmp_path, "rules-dir: nowhere\n")


def test_gazetteer_mistakes_point_into_the_gazetteer(tmp_path):
    (tmp_path / "gaz.tsv").write_text("Lima\tLOC\nSL\tORGANIZATION\n", encoding="utf-8")
    text = GOOD_RULE.replace("strings: [SL]", "gazetteer: gaz.tsv")
    message = error_of(tmp_path, text)
    assert message.startswith(f"{tmp_path / 'gaz.tsv'}:2: gazetteer of ACME001: label "
                              "'ORGANIZATION' is not in the label set"), message
    message = error_of(tmp_path, GOOD_RULE.replace("strings: [SL]", "gazetteer: none.csv"))
    assert ":6:5: custom-rules[0].gazetteer:" in message and "cannot read gazetteer" in message


def test_selectors_see_declarative_rules(tmp_path):
    text = GOOD_RULE + "select: [ACME001]\nseverity: {ACME: error}\nper-file-ignores: {'x/*': [sl-is-org]}\n"
    (tmp_path / "annolint.yaml").write_text(text, encoding="utf-8")
    assert load_config(tmp_path / "annolint.yaml").settings.select == ["ACME001"]
    assert "'ACME9' matches no rule" in error_of(tmp_path, GOOD_RULE + "select: [ACME9]\n")
