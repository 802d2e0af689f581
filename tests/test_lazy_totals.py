"""Cached corpus totals in a pre-commit run: every entry's MAC checked at load, each entry
decoded only when a rule reads it (the words next to undisputed names never are), with the
same findings as a full run."""

from __future__ import annotations

import json

import pytest

from linter import lazy_totals
from linter.cli import main
from linter.lazy_totals import LazyTotal

from tests.test_stream import SEED


def test_an_entry_is_decoded_once_and_only_when_read():
    decoded: list[str] = []

    def decode(stored):
        decoded.append(stored)
        return {"value": stored}

    total = LazyTotal()
    total.add_stored("a", "A", decode)
    total.add_stored("b", "B", decode)
    total.add_value("c", 3)
    assert len(total) == 3 and set(total) == {"a", "b", "c"} and "b" in total
    assert total["a"] == {"value": "A"} and total["a"] is total["a"]
    assert total.get("c") == 3 and total.get("z") is None
    assert decoded == ["A"]
    merged = LazyTotal()
    merged.update_from(total)
    merged.update_from({"d": 4})
    only = merged.only(["b", "d", "missing"])
    assert set(only) == {"b", "d"} and "a" not in only and only.get("a") is None
    assert only["b"] == {"value": "B"} and decoded == ["A", "B"]


def test_a_focused_run_decodes_few_context_entries_and_equals_the_full_run(
        tmp_path, monkeypatch, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for index in range(4):  # "SL" ORG in some copies, LOC in others
        changed = text.replace("[ORG SL ", "[LOC SL ", index) if index % 2 else text
        (corpus / f"c{index}.txt").write_text(changed, encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def run(*args):
        main(["check", *args, "--select", "LBL", "--output-format", "json",
              "--fail-on", "never", "--no-progress"])
        report = json.loads(capsys.readouterr().out)
        return sorted((f["path"], f["line"], f["column"], f["message"])
                      for f in report["findings"])

    full = [f for f in run("corpus", "--no-cache") if f[0] == "corpus/c1.txt"]
    assert any("SL" in f[3] for f in full)
    run("--corpus-root", "corpus", "corpus/c1.txt")  # builds the index
    stored: list[str] = []
    read: list[str] = []
    add_stored, getitem = LazyTotal.add_stored, LazyTotal.__getitem__

    def recording_add(self, key, value, decode):
        stored.append(key)
        add_stored(self, key, value, decode)

    def recording_get(self, key):
        if key in self._raw:
            read.append(key)
        return getitem(self, key)

    monkeypatch.setattr(lazy_totals.LazyTotal, "add_stored", recording_add)
    monkeypatch.setattr(lazy_totals.LazyTotal, "__getitem__", recording_get)
    assert run("--corpus-root", "corpus", "corpus/c1.txt") == full
    contexts = {key for key in stored if key.startswith("c")}
    decoded = {key for key in read if key.startswith("c")}
    assert "csl" in decoded and len(decoded) * 4 < len(contexts)


def test_a_stored_table_reads_each_entry_once_and_answers_as_a_dict():
    from linter.lazy_totals import StoredTable

    rows = {"Lima": 3, "Peru": 1}
    reads = []

    def read(key):
        reads.append(key)
        return rows.get(key)

    table = StoredTable(read, lambda: sorted(rows), lambda: len(rows))
    assert "Lima" in table and table["Lima"] == 3 and table.get("Lima", 0) == 3
    assert "Cusco" not in table and table.get("Cusco", 0) == 0
    with pytest.raises(KeyError):
        table["Cusco"]
    assert 7 not in table  # a key of another type is absent, not an error
    assert reads == ["Lima", "Cusco"]  # each entry read once, absent ones too
    assert len(table) == 2 and dict(table.items()) == rows
