"""A run that checks nothing is a usage error (exit 2), not a pass."""

from __future__ import annotations

import subprocess
import sys

import pytest

from linter.cli import main

DOC = "Hello [PER John  ] in [LOC Lima  ] .\n"


def _check(tmp_path, *options, config: str | None = None):
    (tmp_path / "doc.txt").write_text(DOC, encoding="utf-8")
    if config is not None:
        (tmp_path / "annolint.yaml").write_text(config, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "linter", "check", "doc.txt", "--no-cache",
                           *options], cwd=tmp_path, capture_output=True, text=True)


@pytest.mark.parametrize("option, selector, guess", [
    ("--select", "BRKK001", "BRK001"),
    ("--select", "unclosed-entiti", "unclosed-entity"),
    ("--ignore", "brackts", "brackets"),
])
def test_unknown_selector_is_a_usage_error_with_a_suggestion(tmp_path, option, selector, guess):
    proc = _check(tmp_path, option, selector)
    assert proc.returncode == 2
    assert f"{option}: '{selector}' matches no rule" in proc.stderr
    assert f"did you mean '{guess}'?" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_unknown_selector_without_a_close_match_has_no_guess(tmp_path):
    proc = _check(tmp_path, "--select", "NOPE")
    assert proc.returncode == 2
    assert "--select: 'NOPE' matches no rule" in proc.stderr
    assert "did you mean" not in proc.stderr


def test_selection_that_leaves_no_rule_is_a_usage_error(tmp_path):
    proc = _check(tmp_path, "--select", "BRK", "--ignore", "BRK")
    assert proc.returncode == 2
    assert "nothing would be checked" in proc.stderr


def test_config_that_leaves_no_rule_names_the_config(tmp_path):
    proc = _check(tmp_path, config="ignore: [ALL]\n")
    assert proc.returncode == 2
    assert "annolint.yaml: no rule is selected" in proc.stderr
    assert "nothing would be checked" in proc.stderr


def test_config_selector_error_has_position_and_suggestion(tmp_path):
    proc = _check(tmp_path, config="fail-on: error\nselect:\n  - BRK\n  - unclosed-entty\n")
    assert proc.returncode == 2
    assert "annolint.yaml:4:5: select: 'unclosed-entty' matches no rule" in proc.stderr
    assert "did you mean 'unclosed-entity'?" in proc.stderr


def test_baseline_refuses_an_unknown_selector_too(tmp_path, monkeypatch, capsys):
    (tmp_path / "doc.txt").write_text(DOC, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["baseline", "doc.txt", "--no-cache", "--select", "NOPE"]) == 2
    assert "--select: 'NOPE'" in capsys.readouterr().err
    assert not (tmp_path / "annolint-baseline.json").exists()


def test_a_valid_selection_still_runs(tmp_path):
    proc = _check(tmp_path, "--select", "brackets")
    assert proc.returncode == 0, proc.stderr
