"""The README stays true: its rule table lists every rule, its commands are the CI's."""

from __future__ import annotations

from pathlib import Path

from linter.registry import all_rules

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_rule_table_lists_every_rule():
    for rule in all_rules():
        assert f"| {rule.code} | {rule.meta.name} |" in README, f"{rule.code} missing from README"


def test_readme_opens_with_the_two_commands_and_ci_runs_the_test_command():
    head = README[:600]
    assert ".venv/bin/annolint check examples/" in head
    assert ".venv/bin/pytest" in head
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install --quiet -e '.[test]'" in ci and "\n.venv/bin/pytest" in ci
