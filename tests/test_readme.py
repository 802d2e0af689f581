"""The README stays true: its rule table is the metadata's, its commands are the CI's."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _rule_table_module():
    spec = importlib.util.spec_from_file_location("rule_table", ROOT / "scripts" / "rule_table.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rule_table_is_current():
    module = _rule_table_module()
    assert module.updated_readme(README) == README, (
        "README rule table is stale: run python scripts/rule_table.py --update")


def test_readme_opens_with_the_two_commands_and_ci_runs_the_test_command():
    head = README[:600]
    assert ".venv/bin/annolint check examples/" in head
    assert ".venv/bin/pytest" in head
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install --quiet -e '.[test]'" in ci and "\n.venv/bin/pytest" in ci


def _snippet(marker: str) -> str:
    after = README.split(f"<!-- writing-a-rule:{marker} -->", 1)[1]
    return after.split("```python\n", 1)[1].split("```", 1)[0]


def test_writing_a_rule_walkthrough_is_true(tmp_path, monkeypatch):
    """Following 'Writing a rule' adds two working rules by editing only rules/sch.py."""
    from linter import registry
    from linter.rule import Example
    from linter.rules import sch
    from tests.rules.test_examples import check_bad, check_good

    monkeypatch.setattr(sch, "RULES", list(sch.RULES))
    namespace = vars(sch)
    registry.all_rules.cache_clear()
    try:
        for marker in ("document", "corpus"):
            exec(compile(_snippet(marker), f"README.md:{marker}", "exec"), namespace)
        registry.all_rules.cache_clear()
        rules = registry.rules_by_code()
        for code in ("SCH002", "SCH003"):
            rule = rules[code]
            for index, example in enumerate(rule.meta.bad + rule.meta.good):
                example = example if isinstance(example, Example) else Example(example)
                folder = tmp_path / f"{code}-{index}"
                folder.mkdir()
                check = check_bad if index < len(rule.meta.bad) else check_good
                check(rule, example, folder)
    finally:
        registry.all_rules.cache_clear()
