"""Issue 6 core: baselines, the incremental corpus index, thresholds, --corpus-root."""

from __future__ import annotations

import json
import sqlite3
import threading

import pytest

from linter.cli import main

BROKEN = "intro\n[LOC Lima ] is big\nthe [ORG Shining Path attacked\n"


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def run_json(capsys, *args):
    code = main(["check", *args, "--output-format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_baseline_survives_lines_inserted_above(tmp_path, capsys):
    doc = tmp_path / "a.txt"
    doc.write_text(BROKEN)
    assert main(["baseline", "."]) == 0
    assert (tmp_path / "annolint-baseline.json").stat().st_mode & 0o044  # readable by others
    capsys.readouterr()
    doc.write_text("a new line\nanother\n" + BROKEN)
    code, data = run_json(capsys, ".")
    assert code == 0 and data["findings"] == []


def test_new_finding_fails_the_gate_and_gone_entries_are_listed(tmp_path, capsys):
    doc = tmp_path / "a.txt"
    doc.write_text(BROKEN)
    main(["baseline", "."])
    capsys.readouterr()
    doc.write_text(BROKEN.replace("[LOC Lima ]", "[LOC Lima  ]") + "[ORG new  ] x  ]\n")
    code = main(["check", "."])
    out = capsys.readouterr().out
    assert code == 1
    assert "BRK002" in out and "BRK001" not in out
    assert "1 known findings are in the baseline" in out
    assert "1 baseline entries no longer occur" in out
    assert main(["check", ".", "--no-baseline", "--output-format", "json"]) == 1


def test_thresholds(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("[LOC a ] [LOC b ] [LOC c  ]\n")
    (tmp_path / "annolint.yaml").write_text("max-findings: {BRK005: 1}\n")
    assert main(["check", "."]) == 1
    assert "gate failed: BRK005: 2 findings, more than max-findings 1" in capsys.readouterr().out
    (tmp_path / "annolint.yaml").write_text("max-findings: {BRK005: 2}\nmax-rate: {BRK: 50%}\n")
    assert main(["check", "."]) == 1
    assert "above max-rate 50%" in capsys.readouterr().out
    (tmp_path / "annolint.yaml").write_text("max-rate: {BRK: 70%}\n")
    assert main(["check", "."]) == 0


def _rows(tmp_path):
    with sqlite3.connect(tmp_path / ".annolint_cache" / "index.sqlite") as connection:
        return connection.execute("SELECT count(*) FROM files").fetchone()[0]


def test_index_reuses_unchanged_files_and_relints_changed_ones(tmp_path, capsys):
    from linter.cache import CorpusIndex
    from linter.config import load_config
    from linter.discovery import discover_files
    from linter.engine import run

    for index in range(3):
        (tmp_path / f"d{index}.txt").write_text(f"[LOC Lima{index} ] x\n")
    config = load_config(start=tmp_path)

    def lint():
        sources, _ = discover_files(["."], ["**/*.txt"], [], tmp_path, tmp_path)
        index = CorpusIndex(tmp_path)
        result = run(config, sources, select=["BRK005"], jobs=1, index=index)
        return result, index.stats

    first, stats = lint()
    assert (stats.reused, stats.relinted) == (0, 3) and _rows(tmp_path) == 3
    (tmp_path / "d1.txt").write_text("[LOC Lima1  ] x\n")
    second, stats = lint()
    assert (stats.reused, stats.relinted) == (2, 1)
    assert len(first.findings) == 3 and len(second.findings) == 2
    assert {f.path for f in second.findings} == {"d0.txt", "d2.txt"}
    import os

    os.utime(tmp_path / "d0.txt", (1_000_000_000, 1_000_000_000))  # touched, same bytes
    third, stats = lint()
    assert (stats.reused, stats.relinted) == (3, 0)
    assert [f.fingerprint for f in third.findings] == [f.fingerprint for f in second.findings]


def test_index_follows_config_changes(tmp_path, capsys):
    (tmp_path / "d.txt").write_text("[LOC Lima ] x\n")
    run_json(capsys, ".")
    (tmp_path / "annolint.yaml").write_text("ignore: [BRK005]\n")
    code, data = run_json(capsys, ".")
    assert data["findings"] == []


def test_corrupt_index_is_rebuilt_with_a_warning(tmp_path, capsys):
    (tmp_path / "d.txt").write_text("[LOC Lima ] x\n")
    run_json(capsys, ".")
    (tmp_path / ".annolint_cache" / "index.sqlite").write_bytes(b"garbage" * 100)
    for suffix in ("-wal", "-shm"):
        (tmp_path / ".annolint_cache" / f"index.sqlite{suffix}").unlink(missing_ok=True)
    code = main(["check", ".", "--output-format", "json"])
    captured = capsys.readouterr()
    assert "rebuilding it" in captured.err
    assert len(json.loads(captured.out)["findings"]) == 1
    assert _rows(tmp_path) == 1


def test_concurrent_runs_do_not_corrupt_the_index(tmp_path):
    from linter.config import load_config
    from linter.discovery import discover_files
    from linter.cache import CorpusIndex
    from linter.engine import run

    for index in range(40):
        (tmp_path / f"d{index}.txt").write_text(f"[LOC L{index} ] x\n")
    config = load_config(start=tmp_path)
    sources, _ = discover_files(["."], ["**/*.txt"], [], tmp_path, tmp_path)
    counts, errors = [], []

    def worker():
        try:
            result = run(config, sources, jobs=1, index=CorpusIndex(tmp_path))
            counts.append(len(result.findings))
        except Exception as error:  # pragma: no cover - the assertion below shows it
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and counts == [40] * 4
    assert _rows(tmp_path) == 40


def test_corpus_root_reports_only_the_given_files(tmp_path, capsys):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("[LOC a ] x\n")
    (tmp_path / "corpus" / "b.txt").write_text("[LOC b ] x\n")
    code, data = run_json(capsys, "--corpus-root", "corpus", "corpus/b.txt")
    assert {f["path"] for f in data["findings"]} == {"corpus/b.txt"}
    assert data["summary"]["files"] == 1


def test_cache_rows_are_plain_json_and_refuse_anything_else():
    import pickle

    from linter import cache_codec as codec

    value = {"a": (1, 2.0, "x", None), ("n", "Lima", "LOC"): 3}
    assert codec.loads(codec.dumps(value)) == value
    with pytest.raises(codec.Invalid):  # a pickle is not a row
        codec.loads(pickle.dumps(value).decode("latin-1"))
    with pytest.raises(codec.Invalid):
        codec.loads('{"object": "os.system"}')
    with pytest.raises(codec.Unstorable):
        codec.dumps(object())


def test_json_report_says_why_a_gate_failed(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("[LOC a ] [LOC b ] [LOC c  ]\n")
    (tmp_path / "annolint.yaml").write_text("max-findings: {BRK005: 1}\n")
    code, data = run_json(capsys, ".")
    assert code == 1
    assert data["notes"] == ["gate failed: BRK005: 2 findings, more than max-findings 1"]
