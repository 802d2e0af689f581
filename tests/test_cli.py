"""The command line: exit codes, formats, selection, outputs, explain."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from linter.cli import main
from tests.conftest import EXAMPLES, SEED


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


def broken(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_text("the [ORG Shining Path attacked\n[LOC Peru ] x\n", encoding="utf-8")
    return path


def test_clean_file_exits_0(capsys):
    assert main(["check", str(SEED), "--select", "BRK,SCH"]) == 0
    assert "0 findings" in capsys.readouterr().out


def test_error_exits_1_with_code_frame(tmp_path, capsys):
    assert main(["check", str(broken(tmp_path)), "--output-format", "console"]) == 1
    out = capsys.readouterr().out
    assert "broken.txt:1:5: BRK001 [error] unclosed-entity" in out
    assert "1 │ the [ORG Shining Path attacked" in out
    assert "\x1b[" not in out  # plain without a TTY


def test_fail_on_controls_the_gate(tmp_path):
    path = broken(tmp_path)
    assert main(["check", str(path), "--select", "BRK005"]) == 0  # a warning below the gate
    assert main(["check", str(path), "--select", "BRK005", "--fail-on", "warning"]) == 1
    assert main(["check", str(path), "--fail-on", "never"]) == 0


def test_select_and_ignore(tmp_path, capsys):
    path = broken(tmp_path)
    main(["check", str(path), "--ignore", "BRK001", "--output-format", "json"])
    rules = {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert rules == {"BRK005"}
    main(["check", str(path), "--select", "unclosed-entity", "--output-format", "json"])
    rules = {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert rules == {"BRK001"}


def test_output_file_and_extra_report(tmp_path, capsys):
    path = broken(tmp_path)
    assert main(["check", str(path), "--output-format", "json", "-o", "out.json",
                 "--report", "json=extra.json"]) == 1
    assert capsys.readouterr().out == ""
    first = json.loads((tmp_path / "out.json").read_text())
    assert first == json.loads((tmp_path / "extra.json").read_text())
    assert first["summary"]["findings"] == 2
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_statistics(tmp_path, capsys):
    main(["check", str(broken(tmp_path)), "--statistics"])
    out = capsys.readouterr().out
    assert "BRK001" in out and "unclosed-entity" in out and "│" in out
    assert "Shining Path attacked" not in out


def test_config_error_exits_2(tmp_path, capsys):
    (tmp_path / "annolint.yaml").write_text("fial-on: x\n")
    assert main(["check", "."]) == 2
    assert "annolint.yaml:1:1: fial-on: unknown key" in capsys.readouterr().err


def test_unknown_format_and_missing_path_exit_2(capsys):
    assert main(["check", "nowhere.txt"]) == 2
    assert "nowhere.txt: no such file" in capsys.readouterr().err
    assert main(["check", str(SEED), "--output-format", "yaml"]) == 2


def test_directories_are_walked_with_include_exclude(tmp_path, capsys):
    (tmp_path / "corpus" / "skip").mkdir(parents=True)
    (tmp_path / "corpus" / "a.txt").write_text("[ORG x ] y\n")
    (tmp_path / "corpus" / "skip" / "b.txt").write_text("[ORG x ] y\n")
    (tmp_path / "corpus" / "c.md").write_text("[ORG x ] y\n")
    (tmp_path / "annolint.yaml").write_text("exclude: ['corpus/skip/**']\n")
    main(["check", "corpus", "--output-format", "json"])
    paths = {f["path"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert paths == {"corpus/a.txt"}


def test_rules_and_explain(capsys):
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert "BRK001" in out and "SCH001" in out
    assert main(["explain", "brk005"]) == 0
    out = capsys.readouterr().out
    assert "BRK005 (entity-spacing)" in out and "style: default 'auto'" in out
    assert "Example (flagged):" in out and "[ORG SL ]" in out
    assert main(["explain", "NOPE01"]) == 2


def test_python_dash_m_and_console_script_agree():
    proc = subprocess.run([sys.executable, "-m", "linter", "check", str(EXAMPLES),
                           "--select", "BRK", "--output-format", "json"],
                          capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["summary"]["findings"] == 0


def test_a_crashing_rule_exits_3_without_losing_other_findings(tmp_path, capsys, monkeypatch):
    import dataclasses

    from linter import registry

    rules = list(registry.all_rules())
    index = next(i for i, rule in enumerate(rules) if rule.code == "BRK004")

    def explode(doc, ctx):
        raise RuntimeError("boom")

    rules[index] = dataclasses.replace(rules[index], check=explode)
    monkeypatch.setattr(registry, "all_rules", lambda: tuple(rules))
    code = main(["check", str(broken(tmp_path)), "--select", "BRK", "--no-cache"])
    captured = capsys.readouterr()
    assert code == 3
    assert "BRK001" in captured.out
    assert "rule BRK004 crashed" in captured.err and "boom" in captured.err
    assert "Traceback" not in captured.err


def test_per_file_ignores_are_relative_to_the_config_folder(tmp_path, monkeypatch, capsys):
    (tmp_path / "corpus" / "legacy").mkdir(parents=True)
    (tmp_path / "corpus" / "legacy" / "b.txt").write_text("the [ORG x attacked\n")
    (tmp_path / "corpus" / "a.txt").write_text("the [ORG x attacked\n")
    (tmp_path / "annolint.yaml").write_text("per-file-ignores: {'corpus/legacy/**': [BRK]}\n")
    monkeypatch.chdir(tmp_path / "corpus")
    main(["check", ".", "--output-format", "json", "--no-cache"])
    paths = {f["path"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert paths == {"a.txt"}


def test_unwritable_output_is_a_usage_error(tmp_path, capsys):
    assert main(["check", str(SEED), "-o", str(tmp_path), "--output-format", "json"]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_exit_zero_keeps_findings_but_exits_0(tmp_path, capsys):
    assert main(["check", str(broken(tmp_path)), "--exit-zero", "--no-cache"]) == 0
    assert "BRK001" in capsys.readouterr().out


def test_html_without_the_extra_is_a_usage_error(tmp_path, capsys, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "jinja2" else real(name, *a))
    code = main(["check", str(broken(tmp_path)), "--output-format", "html", "--no-cache",
                 "-o", str(tmp_path / "r.html")])
    assert code == 2
    assert "pip install 'annolint[html]'" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()
