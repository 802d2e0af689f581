"""Helpers for the declarative-rule tests: a config with rules, linted through the engine."""

from __future__ import annotations

import json

from tests.conftest import lint_files


def config_with(*rules: dict, **settings) -> str:
    """An annolint.yaml (JSON is YAML) declaring ``rules``."""
    return json.dumps({"custom-rules": list(rules), **settings})


def positions(result, code: str | None = None) -> list[tuple[str, int, int, str]]:
    return sorted((f.path.rsplit("/", 1)[-1], f.line, f.column, f.message)
                  for f in result.findings if code is None or f.rule == code)


def lint_with(tmp_path, files: dict[str, str], *rules: dict, select=("ACME",), **settings):
    return lint_files(tmp_path, files, config_text=config_with(*rules, **settings),
                      select=list(select) if select else None)
