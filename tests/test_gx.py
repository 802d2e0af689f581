"""Corpus statistics tables, the suite file format, and validation with great-expectations.

The table and suite-format tests need no optional extra; the validation tests skip with a
reason when great-expectations is not installed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest

from linter.config import load_config
from linter.gx.stats import corpus_row, corpus_table, count_tokens, label_table
from linter.discovery import discover_files
from linter.engine import run
from linter.gx.commands import GX_COMMANDS, add_check_gx_option, add_gx_commands, run_check_gx
from linter.gx.suite import SuiteError, derive_suite, load_suite, suite_checks, write_suite
from tests.conftest import EXAMPLES, lint_files

needs_gx = pytest.mark.skipif(
    find_spec("great_expectations") is None,
    reason="great-expectations is not installed (pip install 'annolint[gx]')")

CORPUS = {
    "a.txt": "[PER Abimael Guzman  ] founded [ORG Sendero Luminoso  ] in [LOC Ayacucho  ] .\n"
             "[ORG SL  ] attacked a [MISC Peruvian  ] army base in the [LOC VRAE  ] .\n",
    "b.txt": "[PER Alan Garcia  ] visited [LOC Lima  ] and met [ORG GOP  ] officials ,\n"
             "then [PER Garcia  ] left .\n",
}
# a third document full of MISC entities pushes MISC from 1/10 to 7/16 of all entities
MISC_HEAVY = {"c.txt": "[MISC Peruvian  ] and [MISC Israeli  ] and [MISC Chilean  ] experts ,\n"
                       "[MISC Bolivian  ] , [MISC Spanish  ] and [MISC Colombian  ] ones .\n"}
SUITE = {
    "annolint-gx-suite": 1,
    "documents": {"count": {"min": 1}, "no-empty-annotated": True,
                  "columns": {"density": {"min": 0.05, "max": 0.6}}},
    "labels": {"set": ["LOC", "MISC", "ORG", "PER"],
               "share": {"MISC": {"min": 0.05, "max": 0.30}, "ORG": {"min": 0.1}}},
}


def _write(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# --- corpus statistics (no great-expectations needed) -------------------------------------

def test_count_tokens_drops_two_markup_tokens_per_entity():
    assert count_tokens("[ORG Sendero Luminoso  ] ( [ORG SL  ] ) gains .", 2) == 7
    assert count_tokens("", 0) == 0


def test_corpus_table_has_one_row_per_document_with_labels_density_and_families(tmp_path):
    broken = {"d.txt": "[ORG Shining Path attacked [LOC Lima  ] .\n"}
    result = lint_files(tmp_path, {**CORPUS, **broken})
    rows = {row["path"]: row for row in corpus_table(result, tmp_path)}
    assert sorted(rows) == ["a.txt", "b.txt", "d.txt"]
    a, b, d = rows["a.txt"], rows["b.txt"], rows["d.txt"]
    assert (a["entities"], a["ent_PER"], a["ent_ORG"], a["ent_LOC"], a["ent_MISC"]) == (6, 1, 2, 2, 1)
    assert b["ent_MISC"] == 0  # zero-filled: the label exists in the corpus, not in b
    assert a["tokens"] == 18  # 30 whitespace tokens, 12 of them markup
    assert a["density"] == pytest.approx(6 / 18, abs=1e-6)
    assert d["findings_BRK"] >= 1 and a["findings_BRK"] == 0 and b["findings_BRK"] == 0
    assert d["findings"] >= d["findings_BRK"]
    assert a["annotated"] is True and a["annotated_entities"] == 6


def test_metadata_can_mark_a_document_as_not_annotated(tmp_path):
    files = {**CORPUS, "raw.txt": "plain text , nobody annotated it yet .\n",
             "raw.txt.meta.json": json.dumps({"annotated": False})}
    rows = {row["path"]: row for row in corpus_table(lint_files(tmp_path, files), tmp_path)}
    assert rows["raw.txt"]["annotated"] is False
    assert rows["raw.txt"]["annotated_entities"] is None
    assert rows["raw.txt"]["entities"] == 0


def test_label_table_and_corpus_row_give_counts_and_shares(tmp_path):
    result = lint_files(tmp_path, CORPUS)
    table = {row["label"]: row for row in label_table(result)}
    assert {label: row["count"] for label, row in table.items()} == {
        "LOC": 3, "MISC": 1, "ORG": 3, "PER": 3}
    assert table["MISC"]["share"] == pytest.approx(0.1)
    assert table["PER"]["documents"] == 2 and table["MISC"]["documents"] == 1
    assert sum(row["share"] for row in table.values()) == pytest.approx(1.0)
    row = corpus_row(result, corpus_table(result, tmp_path), labels={"DATE"})
    assert row["documents"] == 2 and row["entities"] == 10
    assert row["share_MISC"] == pytest.approx(0.1)
    assert row["count_DATE"] == 0 and row["share_DATE"] == 0.0  # named, absent: zero


# --- the suite file format (no great-expectations needed) ---------------------------------

def test_suite_translates_to_readable_checks(tmp_path):
    checks = suite_checks(load_suite(_write(tmp_path / "s.json", SUITE)))
    descriptions = [check.description for check in checks]
    assert "the share of MISC among all entities is between 0.05 and 0.3" in descriptions
    assert "the labels used are exactly {LOC, MISC, ORG, PER}" in descriptions
    assert "no annotated document has zero entities" in descriptions
    share = next(c for c in checks if "share of MISC" in c.description)
    assert (share.table, share.kwargs) == ("corpus", {"column": "share_MISC", "min_value": 0.05,
                                                      "max_value": 0.3})


@pytest.mark.parametrize("change, message", [
    ({"labels": {"shares": {}}}, "unknown key 'shares'"),
    ({"labels": {"share": {"MISC": {"min": 0.4, "max": 0.1}}}}, "greater than 'max'"),
    ({"documents": {"columns": {"density": {}}}}, "at least one of 'min' and 'max'"),
])
def test_suite_mistakes_are_reported_with_their_key(tmp_path, change, message):
    path = _write(tmp_path / "s.json", {"annolint-gx-suite": 1, **change})
    with pytest.raises(SuiteError) as error:
        load_suite(path)
    assert message in str(error.value) and "s.json" in str(error.value)


def test_a_file_that_is_not_a_suite_is_rejected(tmp_path):
    with pytest.raises(SuiteError, match="not an annolint suite"):
        load_suite(_write(tmp_path / "s.json", {"labels": {}}))
    (tmp_path / "broken.json").write_text('{"annolint-gx-suite": 1,', encoding="utf-8")
    with pytest.raises(SuiteError, match="not valid JSON"):
        load_suite(tmp_path / "broken.json")


@pytest.mark.parametrize("name", ["suite.json", "suite.yaml"])
def test_written_suite_bounds_contain_the_observed_values(tmp_path, name):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    result = lint_files(corpus, CORPUS)
    write_suite(result, tmp_path / name, base=corpus)
    suite = load_suite(tmp_path / name)
    assert suite.labels.set == ["LOC", "MISC", "ORG", "PER"]
    for row in label_table(result):
        bounds = suite.labels.share[row["label"]]
        assert bounds.min < row["share"] < bounds.max
    density = suite.documents.columns["density"]
    for row in corpus_table(result, corpus):
        assert density.min < row["density"] < density.max
    assert suite.documents.no_empty_annotated is True


def test_derived_suite_does_not_demand_entities_when_a_document_has_none(tmp_path):
    result = lint_files(tmp_path, {**CORPUS, "empty.txt": "no entities here .\n"})
    assert derive_suite(result, tmp_path)["documents"]["no-empty-annotated"] is False


def test_the_example_suite_is_a_valid_suite():
    suite = load_suite(EXAMPLES / "annolint-gx-suite.json")
    assert suite.labels.share["MISC"].min == 0.05 and suite.labels.share["MISC"].max == 0.3


def test_gx_suite_command_refuses_to_overwrite_without_force(tmp_path, monkeypatch, capsys):
    for name, text in CORPUS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _gx_main(["gx-suite", "--from", ".", "--output", "s.json"]) == 0
    first = (tmp_path / "s.json").read_text(encoding="utf-8")
    assert '"MISC"' in first
    assert _gx_main(["gx-suite", "--from", ".", "--output", "s.json"]) == 2
    assert "--force" in capsys.readouterr().err
    assert _gx_main(["gx-suite", "--from", ".", "--output", "s.json", "--force"]) == 0


def test_importing_the_cli_does_not_import_great_expectations():
    code = ("import linter.cli, linter.gx, linter.gx.commands, sys; "
            "heavy = {'great_expectations', 'pandas'} & set(sys.modules); "
            "assert not heavy, heavy")
    run_ = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run_.returncode == 0, run_.stderr


def _gx_main(argv: list[str]) -> int:
    """The gx commands as linter.cli wires them (a parser with add_gx_commands)."""
    parser = argparse.ArgumentParser(prog="annolint")
    commands = parser.add_subparsers(dest="command")
    add_gx_commands(commands)
    add_check_gx_option(commands.add_parser("check"))
    args = parser.parse_args(argv)
    return GX_COMMANDS[args.command](args)


# --- validation with great-expectations ---------------------------------------------------

@needs_gx
def test_suite_passes_on_a_small_corpus(tmp_path):
    from linter.gx import validate

    result = lint_files(tmp_path / "corpus", CORPUS)
    outcome = validate(result, _write(tmp_path / "s.json", SUITE), base=tmp_path / "corpus")
    assert outcome.success, outcome.lines()
    assert outcome.failures == [] and outcome.evaluated == 6


@needs_gx
def test_suite_fails_when_a_label_share_leaves_its_bounds(tmp_path):
    from linter.gx import validate

    result = lint_files(tmp_path / "corpus", {**CORPUS, **MISC_HEAVY})
    outcome = validate(result, _write(tmp_path / "s.json", SUITE), base=tmp_path / "corpus")
    assert not outcome.success
    assert [f.description for f in outcome.failures] == [
        "the share of MISC among all entities is between 0.05 and 0.3"]
    assert outcome.failures[0].observed == "observed 0.4375"  # 7 of 16 entities


@needs_gx
def test_suite_names_the_documents_that_break_a_per_document_bound(tmp_path):
    from linter.gx import validate

    files = {**CORPUS, "empty.txt": "this one was never annotated at all .\n"}
    result = lint_files(tmp_path / "corpus", files)
    suite = {"annolint-gx-suite": 1, "documents": {"no-empty-annotated": True},
             "labels": {"set": ["LOC", "ORG", "PER"]}}
    outcome = validate(result, _write(tmp_path / "s.json", suite), base=tmp_path / "corpus")
    assert [str(f) for f in outcome.failures] == [
        "no annotated document has zero entities: 1 of 3 documents fail: empty.txt (0)",
        "the labels used are exactly {LOC, ORG, PER}: observed unexpected {MISC}"]


@needs_gx
def test_a_label_named_by_the_suite_but_absent_fails_instead_of_being_skipped(tmp_path):
    from linter.gx import validate

    result = lint_files(tmp_path / "corpus", CORPUS)
    suite = {"annolint-gx-suite": 1, "labels": {"share": {"DATE": {"min": 0.01}}}}
    outcome = validate(result, _write(tmp_path / "s.json", suite), base=tmp_path / "corpus")
    assert [str(f) for f in outcome.failures] == [
        "the share of DATE among all entities is at least 0.01: observed 0"]


@needs_gx
def test_written_suite_validates_on_the_corpus_it_came_from(tmp_path):
    from linter.gx import validate

    result = lint_files(tmp_path / "corpus", {**CORPUS, **MISC_HEAVY})
    write_suite(result, tmp_path / "s.json", base=tmp_path / "corpus")
    outcome = validate(result, tmp_path / "s.json", base=tmp_path / "corpus")
    assert outcome.success, outcome.lines()
    assert outcome.evaluated >= 7  # count, no-empty, density, label set, four shares


@needs_gx
def test_example_suite_passes_on_the_examples(monkeypatch):
    from linter.gx import validate

    monkeypatch.chdir(EXAMPLES.parent)
    config = load_config(None, start=EXAMPLES)
    sources, _ = discover_files(["examples"], config.settings.include, config.settings.exclude,
                                Path.cwd(), config.root)
    result = run(config, sources, jobs=1)
    outcome = validate(result, EXAMPLES / "annolint-gx-suite.json")
    assert outcome.success, outcome.lines()


@needs_gx
def test_validation_writes_no_files_and_sends_no_analytics(tmp_path, monkeypatch):
    from linter.gx import validate

    result = lint_files(tmp_path, CORPUS)
    suite = _write(tmp_path / "s.json", SUITE)
    monkeypatch.chdir(tmp_path)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert validate(result, suite).success
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    assert os.environ["GX_ANALYTICS_ENABLED"] == "false"


@needs_gx
def test_an_unknown_gx_expectation_is_a_suite_error(tmp_path):
    from linter.gx import validate

    result = lint_files(tmp_path / "corpus", CORPUS)
    suite = {"annolint-gx-suite": 1,
             "gx": [{"table": "documents", "type": "expect_no_such_thing", "kwargs": {}}]}
    with pytest.raises(SuiteError, match="expect_no_such_thing"):
        validate(result, _write(tmp_path / "s.json", suite), base=tmp_path / "corpus")


@needs_gx
def test_raw_gx_expectations_run_on_the_tables(tmp_path):
    from linter.gx import validate

    result = lint_files(tmp_path / "corpus", CORPUS)
    suite = {"annolint-gx-suite": 1, "gx": [
        {"table": "documents", "type": "expect_column_max_to_be_between",
         "kwargs": {"column": "entities", "max_value": 4}, "description": "short documents"}]}
    outcome = validate(result, _write(tmp_path / "s.json", suite), base=tmp_path / "corpus")
    assert [str(f) for f in outcome.failures] == ["short documents: observed 6"]


@needs_gx
def test_gx_validate_command_exit_codes_and_json(tmp_path, monkeypatch, capsys):
    for name, text in {**CORPUS, **MISC_HEAVY}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    suite = _write(tmp_path / "s.json", SUITE)
    monkeypatch.chdir(tmp_path)
    assert _gx_main(["gx-validate", str(suite), "a.txt", "b.txt"]) == 0
    assert "all 6 expectations met" in capsys.readouterr().out
    assert _gx_main(["gx-validate", str(suite), ".", "--output-format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["success"] is False
    assert report["failures"][0]["description"].startswith("the share of MISC")
    assert _gx_main(["gx-validate", str(suite), "nowhere/"]) == 2


@needs_gx
def test_check_gx_adds_the_outcome_to_the_report_notes(tmp_path, monkeypatch):
    result = lint_files(tmp_path / "corpus", {**CORPUS, **MISC_HEAVY})
    monkeypatch.chdir(tmp_path / "corpus")  # report paths are relative to the run's cwd
    outcome = run_check_gx(result, str(_write(tmp_path / "s.json", SUITE)))
    assert outcome.success is False
    assert result.notes[0].endswith("1 of 6 expectations failed")
    assert "share of MISC" in result.notes[1]
