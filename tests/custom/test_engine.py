"""Declarative rules run like built-in ones: policy, baseline, reports, workers, the corpus
index and the focused (pre-commit) path, the rules/explain commands."""

from __future__ import annotations

import json

import pytest

from linter import engine
from linter.cli import main
from linter.lint import lint_paths
from tests.custom.helpers import config_with

TITLES = {"code": "ACME001", "name": "no-titles", "kind": "never-annotate",
          "words": ["Ambassador"], "severity": "info", "bad": ["[PER Ambassador  ]\n"]}
SL = {"code": "ACME002", "name": "sl-consistent", "kind": "consistency",
      "groups": [["Sendero Luminoso", "SL"]],
      "bad": ["=== a.txt ===\n[ORG SL  ] [ORG SL  ]\n=== b.txt ===\n[LOC SL  ]\n"]}
FILES = {"a.txt": "[ORG SL  ] met the [PER Ambassador  ]\n",
         "b.txt": "[ORG Sendero Luminoso  ]\n",
         "c.txt": "x\n[LOC SL  ] and [PER Ambassador  ]\n"}


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def write(**settings):
        (tmp_path / "annolint.yaml").write_text(config_with(TITLES, SL, **settings), "utf-8")
    write()
    return write


def found(*args) -> list[tuple]:
    run = lint_paths(list(args) or None, select=["ACME"], use_cache=False)
    return [(f.rule, f.path, f.line, f.column, f.severity) for f in run.result.findings]


def test_document_and_corpus_rules_run_with_their_severity(corpus):
    assert found() == [("ACME001", "a.txt", 1, 20, "info"), ("ACME002", "c.txt", 2, 1, "warning"),
                       ("ACME001", "c.txt", 2, 16, "info")]


def test_severity_ignore_and_per_file_ignores(corpus):
    corpus(severity={"ACME": "error"}, ignore=["sl-consistent"],
           **{"per-file-ignores": {"c.txt": ["ACME001"]}})
    run = lint_paths(None, use_cache=False)
    assert [(f.rule, f.path, f.severity) for f in run.result.findings
            if f.rule.startswith("ACME")] == [("ACME001", "a.txt", "error")]


def test_worker_processes_rebuild_the_rules_from_the_plan(corpus, monkeypatch):
    monkeypatch.setattr(engine, "PARALLEL_THRESHOLD", 0)
    run = lint_paths(None, select=["ACME"], use_cache=False, jobs=2)
    assert [(f.rule, f.path) for f in run.result.findings] == [
        ("ACME001", "a.txt"), ("ACME002", "c.txt"), ("ACME001", "c.txt")]


def test_the_corpus_index_relints_when_a_rule_changes(corpus, tmp_path):
    first = lint_paths(None, select=["ACME"])
    assert len(first.result.findings) == 3
    again = lint_paths(None, select=["ACME"])
    assert again.result.timings["reused_files"] == 3
    titles = dict(TITLES, words=["Ambassador", "SL"], bad=["[PER SL  ]\n"])
    (tmp_path / "annolint.yaml").write_text(config_with(titles, SL), "utf-8")
    changed = lint_paths(None, select=["ACME001"])
    assert changed.result.timings["relinted_files"] == 3
    assert [(f.path, f.column) for f in changed.result.findings] == [
        ("a.txt", 1), ("a.txt", 20), ("c.txt", 1), ("c.txt", 16)]


def test_focused_run_judges_changed_files_against_the_cached_corpus(corpus, tmp_path):
    lint_paths(None, select=["ACME002"])  # fills the index and its totals
    run = lint_paths(["c.txt"], select=["ACME002"], corpus_root=str(tmp_path))
    assert [(f.rule, f.path, f.line) for f in run.result.findings] == [("ACME002", "c.txt", 2)]
    assert "2 of 3 mentions" in run.result.findings[0].message


def test_baseline_json_and_sarif(corpus, tmp_path, capsys):
    assert main(["baseline", "--select", "ACME"]) == 0
    capsys.readouterr()
    assert main(["check", "--select", "ACME", "--output-format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []
    assert main(["check", "--select", "ACME", "--no-baseline", "--output-format", "json",
                 "--report", "sarif=out.sarif"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {f["rule"] for f in report["findings"]} == {"ACME001", "ACME002"}
    sarif = json.loads((tmp_path / "out.sarif").read_text("utf-8"))["runs"][0]
    assert [r["id"] for r in sarif["tool"]["driver"]["rules"]] == ["ACME001", "ACME002"]
    assert {r["ruleId"] for r in sarif["results"]} == {"ACME001", "ACME002"}


def test_rules_and_explain_list_declarative_rules(corpus, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["rules"]) == 0
    listing = capsys.readouterr().out
    row = next(line for line in listing.splitlines() if "ACME002" in line)
    assert "sl-consistent" in row and "annolint.yaml" in row and "corpus" in row
    assert any("BRK001" in line and "annolint" in line for line in listing.splitlines())
    assert main(["explain", "sl-consistent"]) == 0
    text = capsys.readouterr().out
    assert "Source: annolint.yaml" in text and "[LOC SL  ]" in text


def test_a_broken_rule_is_exit_2_without_traceback(corpus, tmp_path, capsys):
    (tmp_path / "annolint.yaml").write_text(config_with(dict(TITLES, words="x")), "utf-8")
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert "annolint.yaml:1:" in err and "custom-rules[0].words" in err
    assert "Traceback" not in err


def test_a_rule_off_by_default_runs_only_when_selected(corpus, tmp_path):
    (tmp_path / "annolint.yaml").write_text(config_with(dict(TITLES, enabled=False)), "utf-8")
    default = lint_paths(None, use_cache=False)
    assert not [f for f in default.result.findings if f.rule == "ACME001"]
    chosen = lint_paths(None, select=["no-titles"], use_cache=False)
    assert [(f.rule, f.path) for f in chosen.result.findings] == [("ACME001", "a.txt"),
                                                                ("ACME001", "c.txt")]
