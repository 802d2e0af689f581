"""LBL001-003 in a focused (pre-commit) run read the cached corpus aggregate and find
exactly what a full run finds for the focus file: cold index, warm index, and after
another file of the corpus changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linter.aggregate import add_into
from linter.cli import main
from linter.rules.lbl.evidence import contribute, corpus_total
from linter.rules.lbl.scan import summarise
from linter.readers.inline import parse_inline

DATA = Path(__file__).parent / "data" / "lbl"
LABELS = frozenset({"PER", "LOC", "ORG", "MISC"})
FOCUS = "corpus/focus.txt"

# Lines that give the focus file findings of all three rules: a flipped label (LBL001),
# bare mentions of annotated names (LBL002), a span too short and one too long (LBL003),
# and an all-caps headline mention (counted with the body spelling by LBL001).
FOCUS_TEXT = (
    "Talks about [ORG Ukraine  ] and the crash went on .\n"
    "Officials of Malaysia Airlines met in Kiev .\n"
    "soldiers of the 2nd [ORG Infantry Brigade  ] arrived .\n"
    "[ORG Shining Path  ] attacked , said [LOC at London  ] officials .\n"
    "[LOC London  ] was quiet and Malaysia Airlines and Ukraine said so .\n"
    "CRASH - [LOC UKRAINE  ] MOURNS\n"
)
OTHER_TEXT = (
    "[ORG Malaysia Airlines  ] said [LOC Ukraine  ] is far .\n"
    "the [ORG 2nd Infantry Brigade  ] left [LOC London  ] .\n"
    "the [ORG 2nd Infantry Brigade  ] came to [LOC London  ] .\n"
    "[ORG Malaysia Airlines  ] flew over [LOC Ukraine  ] today .\n"
    "Malaysia Airlines and [ORG Shining Path  ] in [LOC London  ] .\n"
)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")


def write_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = (DATA / "btc-e-mh17.txt").read_text(encoding="utf-8").splitlines(keepends=True)
    for index in range(8):  # real tweets, with the corpus's own inconsistencies
        (corpus / f"btc{index}.txt").write_text("".join(lines[index * 25:(index + 1) * 25]),
                                                encoding="utf-8")
    for index in range(3):
        (corpus / f"other{index}.txt").write_text(OTHER_TEXT, encoding="utf-8")
    (corpus / "focus.txt").write_text(FOCUS_TEXT, encoding="utf-8")
    return corpus


def findings(capsys, *args) -> list[dict]:
    assert main(["check", *args, "--select", "LBL001,LBL002,LBL003", "--output-format",
                 "json", "--fail-on", "never", "--no-progress"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert not report.get("internal_errors")
    return sorted(([f["rule"], f["path"], f["line"], f["column"], f["end_column"],
                    f["message"], f["score"], f["evidence"], f["fingerprint"]]
                   for f in report["findings"]), key=lambda f: f[:5])


def full_for(capsys, path: str) -> list[dict]:
    return [f for f in findings(capsys, "corpus", "--no-cache") if f[1] == path]


def test_focused_runs_equal_the_full_run(tmp_path, capsys):
    write_corpus(tmp_path)
    full = full_for(capsys, FOCUS)
    assert {f[0] for f in full} == {"LBL001", "LBL002", "LBL003"}
    cold = findings(capsys, "--corpus-root", "corpus", FOCUS)
    warm = findings(capsys, "--corpus-root", "corpus", FOCUS)
    assert cold == full
    assert warm == full
    # another file too, through the same (now warm) index
    other = "corpus/btc3.txt"
    assert findings(capsys, "--corpus-root", "corpus", other) == full_for(capsys, other)


def test_focused_run_follows_an_edit_elsewhere(tmp_path, capsys):
    corpus = write_corpus(tmp_path)
    findings(capsys, "--corpus-root", "corpus", FOCUS)  # builds the index
    # another file now annotates the bare name, labels Ukraine ORG and drops a brigade
    (corpus / "other1.txt").write_text(
        "[ORG Ukraine  ] and [ORG Ukraine  ] said [ORG Malaysia Airlines  ] .\n"
        "Malaysia Airlines flew .\nsoldiers of the 2nd Infantry Brigade left .\n"
        "CRASH - [ORG UKRAINE  ] MOURNS\n", encoding="utf-8")
    (corpus / "btc7.txt").unlink()
    focused = findings(capsys, "--corpus-root", "corpus", FOCUS)
    assert focused == full_for(capsys, FOCUS)
    assert focused  # still something to report
    again = findings(capsys, "--corpus-root", "corpus", FOCUS)
    assert again == focused


def _summaries(files: dict[str, str]):
    return {path: summarise(parse_inline(path, text, labels=LABELS))
            for path, text in files.items()}


def test_cached_total_equals_the_built_one_after_subtracting_a_document():
    files = {"a.txt": OTHER_TEXT, "b.txt": FOCUS_TEXT,
             "c.txt": "[PER Ziv  ] met [ORG UKRAINE  ] .\nCRASH - [ORG UKRAINE  ] X\n"}
    summaries = _summaries(files)
    total = {}
    for summary in summaries.values():
        add_into(total, contribute(summary))
    assert total == corpus_total(summaries)
    add_into(total, contribute(summaries["c.txt"]), -1)
    assert total == corpus_total({p: s for p, s in summaries.items() if p != "c.txt"})


def test_example_locations_stay_few_for_a_string_in_every_document():
    """The example sketch of a string in 2,000 documents holds a few hundred cells at most
    and still decodes to several example documents."""
    from linter.rules.lbl.views import TextView

    summaries = {f"d{i:04}.txt": summarise(parse_inline(f"d{i:04}.txt",
                                                        "In [LOC Lima  ] today .\n",
                                                        labels=LABELS))
                 for i in range(2000)}
    total = corpus_total(summaries)
    cells = [entry for entry in total["xlima"] if entry[:3] == ("x", "Lima", "LOC")]
    assert len(cells) < 250
    view = TextView(total["tlima"], examples=total["xlima"])
    assert len(view.group_examples("Lima", "LOC")) >= 3


def test_views_of_the_flat_total_equal_per_document_sums():
    """The votes a view reads (stored as differences from the counts), its contexts and the
    words left outside equal the sums of every document's own capped votes and mentions,
    and subtracting every contribution leaves nothing."""
    from collections import Counter

    from linter.rules.lbl.evidence import content_word, scaled_vote
    from linter.rules.lbl.views import TextView
    from linter.rules.lbl.mentions import M_HEADLINE, M_LABEL, M_LEFT1, M_LEFT2, M_TEXT

    files = {
        "a.txt": "[LOC Lima  ] and [ORG Lima  ] , [ORG Lima  ] in [LOC Lima  ] .\n"
                 "LIMA - [LOC LIMA  ] AND [ORG LIMA  ] [ORG LIMA  ] WIN\n",
        "b.txt": "In [LOC Lima  ] 2 [ORG Lima  ] 1 .\nVISIT [LOC LIMA  ] NOW\n",
        "c.txt": "the old [PER Lima  ] said ( [PER Lima  ] ) to [PER Lima  ] .\n",
        "d.txt": "TODAY IN [LOC LIMA  ] .\n",
    }
    summaries = _summaries(files)
    total = corpus_total(summaries)
    view = TextView(total["tlima"], total.get("clima"))
    body, heads = Counter(), Counter()  # summed votes: body (with corrections), headlines
    contexts, outside = Counter(), Counter()
    for summary in summaries.values():
        mine = {"Lima": Counter(), "heads": Counter()}  # this document's body / headlines
        for mention in summary.mentions:
            text, label = mention[M_TEXT], mention[M_LABEL]
            mine["heads" if mention[M_HEADLINE] else text][label] += 1
            left, far = mention[M_LEFT1], mention[M_LEFT2]
            if left is not None and content_word(left):
                contexts[(mention[M_HEADLINE], text, "L" + content_word(left), label)] += 1
                outside[(text, "L" + left)] += 1
            if far is not None and any(c.isalnum() for c in far + left):
                outside[(text, f"L{far} {left}")] += 1
        if mine["Lima"]:
            body.update(scaled_vote(mine["Lima"]))
        if mine["heads"]:
            heads.update(scaled_vote(mine["heads"]))
            if mine["Lima"]:
                both = mine["Lima"] + mine["heads"]
                own, alone = scaled_vote(mine["Lima"]), scaled_vote(mine["heads"])
                body.update({label: value - own.get(label, 0) - alone.get(label, 0)
                             for label, value in scaled_vote(both).items()})
    assert view.usual == "Lima"
    assert view.votes("Lima") == dict(body + heads)
    for (headline, text, side_word, label), count in contexts.items():
        if not headline and text == "Lima":
            assert view.context("Lima", side_word).get(label, 0) >= count
    for (text, side_words), count in outside.items():
        assert view.outside(text, side_words) == count
    for summary in summaries.values():
        add_into(total, contribute(summary), -1)
    assert total == {}


def test_focused_spurious_heading_equals_the_full_run(tmp_path, capsys):
    """LBL006 in a pre-commit run reads the cached aggregate of its heading strings."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("[MISC GOLF  ] - LEADERS\nHe plays golf .\n", encoding="utf-8")
    (corpus / "b.txt").write_text("[MISC GOLF  ] - RESULTS\nGood golf today .\n",
                                  encoding="utf-8")
    (corpus / "c.txt").write_text("[LOC TURKEY  ] - TALKS\nThey ate turkey .\n"
                                  "Talks in [LOC Turkey  ] .\n", encoding="utf-8")

    def run(*args):
        assert main(["check", *args, "--select", "LBL006", "--output-format", "json",
                     "--fail-on", "never", "--no-progress"]) == 0
        report = json.loads(capsys.readouterr().out)
        return sorted((f["path"], f["line"], f["message"], f["score"])
                      for f in report["findings"])

    full = [f for f in run("corpus", "--no-cache") if f[0] == "corpus/a.txt"]
    assert len(full) == 1 and "'golf' in lower case" in full[0][2]
    assert run("--corpus-root", "corpus", "corpus/a.txt") == full
    assert run("--corpus-root", "corpus", "corpus/a.txt") == full
    assert run("--corpus-root", "corpus", "corpus/c.txt") == []
