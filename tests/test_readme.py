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
