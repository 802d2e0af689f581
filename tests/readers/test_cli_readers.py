"""The command line: no silent green (exit 2 with the path named), `formats`, `convert`,
and the entity counts in the JSON and console summaries."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from linter.cli import main


@pytest.fixture
def cwd(tmp_path):
    old = os.getcwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(old)


def test_folder_without_lintable_files_is_an_error(cwd, capsys):
    (cwd / "empty").mkdir()
    (cwd / "empty" / "notes.md").write_text("# notes\n")
    assert main(["check", "empty", "--no-cache"]) == 2
    assert "empty: no file to lint" in capsys.readouterr().err


def test_unrecognised_format_is_an_error(cwd, capsys):
    (cwd / "corpus.data").write_text("some prose without any annotation\n")
    assert main(["check", "corpus.data", "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert "corpus.data: format not recognised" in err


def test_corpus_without_entities_is_an_error(cwd, capsys):
    (cwd / "a.conll").write_text("Paris\tO\nis\tO\n")
    assert main(["check", ".", "--no-cache"]) == 2
    assert "nothing is annotated" in capsys.readouterr().err


def test_json_summary_counts_entities_and_documents(cwd, capsys, data):
    shutil.copy(data / "sample4.conll", cwd / "s.conll")
    main(["check", "s.conll", "--no-cache", "--output-format", "json", "--select", "TAG"])
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert summary["documents"] == 2 and summary["files"] == 1
    assert summary["entities"] == {"total": 6, "by_label": {"LOC": 2, "ORG": 2, "PER": 2}}
    main(["check", "s.conll", "--no-cache", "--select", "TAG"])
    out = capsys.readouterr().out
    assert "1 file, 6 entities in 2 documents (ORG 2, PER 2, LOC 2)" in out


def test_formats_lists_every_reader(capsys):
    assert main(["formats"]) == 0
    out = capsys.readouterr().out
    for name in ("inline", "conll", "conllu", "jsonl", "labelstudio", "brat"):
        assert name in out


def test_convert_writes_atomically_and_notes_losses(cwd, capsys, data):
    shutil.copy(data / "sample4.conll", cwd / "s.conll")
    assert main(["convert", "s.conll", "--to", "jsonl", "-d", "out"]) == 0
    records = [json.loads(line) for line in (cwd / "out" / "s.jsonl").read_text().splitlines()]
    assert records[0]["text"] == "Acme hired Jane Doe .\nOslo Bergen won"
    assert main(["convert", "out/s.jsonl", "--to", "conll", "--scheme", "BIOES"]) == 0
    assert "Jane\tB-PER\nDoe\tE-PER\n" in (cwd / "out" / "s.conll").read_text()
    assert not [p for p in (cwd / "out").iterdir() if p.name.startswith(".")]
    assert main(["convert", "missing.conll", "--to", "jsonl"]) == 2


def test_focused_run_sees_every_document_of_multi_document_files(cwd, capsys, data):
    shutil.copy(data / "sample4.conll", cwd / "s.conll")
    docs = "".join("-DOCSTART- -X- -X- O\n\nAcme NNP B-NP I-ORG\nsaid VBD B-VP O\n\n"
                   for _ in range(4))
    (cwd / "many.conll").write_text(docs)
    (cwd / "one.conll").write_text("Acme\tB-LOC\nsaid\tO\n")
    main(["check", ".", "--output-format", "json", "--select", "LBL001"])
    full = [f for f in json.loads(capsys.readouterr().out)["findings"] if f["path"] == "one.conll"]
    main(["check", "one.conll", "--corpus-root", ".", "--output-format", "json",
          "--select", "LBL001"])
    focused = json.loads(capsys.readouterr().out)["findings"]
    assert full and focused == full
