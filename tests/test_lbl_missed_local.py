"""LBL002's per-document notes (table/list slots, words written in lower case) survive the
corpus index's data form, and a focused (pre-commit) run finds the forms and slots a full
run finds (their lookup keys name every key they read)."""

from __future__ import annotations

import json

import pytest

from linter.cli import main
from linter.readers.inline import parse_inline
from linter.rules.lbl.mentions import summary_from_data, summary_to_data
from linter.rules.lbl.missed_local import frame_word, structural
from linter.rules.lbl.scan import summarise

LABELS = frozenset({"PER", "LOC", "ORG", "MISC"})
TABLE = ("1. [ORG Alpha  ] 10\n2. [ORG Bravo  ] 8\n3. [ORG Ceres  ] 6\n4. Delmar 3\n5. Corvex 2\n"
         "The corvex ran .\n")


def test_frame_words_fold_numbers_and_ordinals():
    assert frame_word("42nd") == frame_word("11th") == frame_word("7") == "0"
    assert frame_word("AA-") == "aa-"
    assert [structural(w) for w in ("12th", ":", "AA-", "A1", "FITCH", "said", None)] == \
        [True, True, True, True, False, False, False]


def test_the_notes_name_the_slot_and_the_lower_case_words():
    summary = summarise(parse_inline("t.txt", TABLE, labels=LABELS))
    texts = [summary.runs[index][2] for index in summary.lowered]
    assert "Corvex" in texts and "Delmar" not in texts
    slots = {summary.runs[note[0]][2]: note[3:5] for note in summary.framed}
    assert slots == {"Delmar": ("ORG", 3)}


def test_the_notes_survive_the_data_form():
    summary = summarise(parse_inline("t.txt", TABLE, labels=LABELS))
    data = json.loads(json.dumps(summary_to_data(summary)))
    assert summary_from_data(data, "t.txt") == summary


@pytest.mark.parametrize("field, bad", [(4, [[0, 0, 1, 5, 2, 0, 1, 1]]), (4, [[99, 0, 1, "ORG", 2, 0, 1, 1]]),
                                        (5, [99]), (5, ["0"])])
def test_malformed_notes_are_refused(field, bad):
    summary = summarise(parse_inline("t.txt", TABLE, labels=LABELS))
    data = json.loads(json.dumps(summary_to_data(summary)))
    data[field] = bad
    with pytest.raises(ValueError, match="malformed mention summary"):
        summary_from_data(data, "t.txt")


def _findings(capsys, *args):
    assert main(["check", *args, "--select", "LBL002", "--output-format", "json",
                 "--fail-on", "never", "--no-progress"]) == 0
    report = json.loads(capsys.readouterr().out)
    return sorted((f["path"], f["line"], f["column"], f["message"], f["score"])
                  for f in report["findings"])


def test_a_focused_run_finds_the_forms_a_full_run_finds(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for index in range(3):
        (corpus / f"n{index}.txt").write_text(
            f"The [MISC Ruritanian  ] police and the [ORG U.Z.  ] met on day {index} .\n"
            f"They played at [LOC The Ovalle  ] .\n",
            encoding="utf-8")
    (corpus / "focus.txt").write_text(
        "Later two Ruritanians met the U.Z .\n" + TABLE + "It was played at The\n"
        "[LOC Ovalle  ] on Sunday .\n", encoding="utf-8")
    full = [f for f in _findings(capsys, "corpus", "--no-cache")
            if f[0] == "corpus/focus.txt"]
    assert {(line, column) for _, line, column, _, _ in full} == {(1, 11), (1, 31), (5, 4), (8, 18)}
    assert _findings(capsys, "--corpus-root", "corpus", "corpus/focus.txt") == full
    assert _findings(capsys, "--corpus-root", "corpus", "corpus/focus.txt") == full
