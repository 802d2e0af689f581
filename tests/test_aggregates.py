"""Focused runs (pre-commit) read cached corpus totals and agree with full runs."""

from __future__ import annotations

import json

import pytest

from linter import registry
from linter.aggregate import add_into, build
from linter.cli import main
from linter.model import Finding
from linter.rule import Rule, RuleMeta


def test_add_into_adds_and_removes_nested_counts():
    total = {}
    add_into(total, {"Lima": {"LOC": 2, "ORG": 1}})
    add_into(total, {"Lima": {"LOC": 1}, "Peru": {"LOC": 1}})
    assert total == {"Lima": {"LOC": 3, "ORG": 1}, "Peru": {"LOC": 1}}
    add_into(total, {"Lima": {"ORG": 1}, "Peru": {"LOC": 1}}, -1)
    assert total == {"Lima": {"LOC": 3}}


def _summary(doc, ctx):
    return tuple((span.text, span.label, *doc.lines.position(span.start),
                  doc.lines.position(span.end)[1]) for span in doc.spans)


def _contribute(summary):
    counts = {}
    for text, label, *_ in summary:
        add_into(counts, {text: {label: 1}})
    return counts


def _finalize(summaries, ctx):
    totals = ctx.aggregate if ctx.aggregate is not None else build(summaries.values(), _contribute)
    for path, summary in summaries.items():
        for text, label, line, column, end in summary:
            labels = totals[text]
            best = max(labels, key=labels.get)
            if best != label and labels[best] > labels[label]:
                yield Finding("LBL901", path, line, column, line, end,
                              f"{text} is {label} here but {best} {labels[best]} times elsewhere",
                              span=(text, label), context=text)


TOY = Rule(RuleMeta(code="LBL901", name="toy-majority", family="LBL", scope="corpus",
                    summary="toy", rationale="toy"),
           collect=_summary, finalize=_finalize, contribute=_contribute,
           lookup_keys=lambda summary: {item[0] for item in summary})


QUIET = Rule(RuleMeta(code="BRK901", name="toy-quiet", family="BRK", summary="toy",
                      rationale="toy"), check=lambda doc, ctx: iter(()))


@pytest.fixture(autouse=True)
def _toy_rule(monkeypatch, tmp_path):
    monkeypatch.setattr(registry, "all_rules", lambda: (QUIET, TOY))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")


def findings(capsys, *args):
    assert main(["check", *args, "--select", "LBL901", "--output-format", "json",
                 "--fail-on", "never"]) == 0
    return [(f["path"], f["message"]) for f in json.loads(capsys.readouterr().out)["findings"]]


def write_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for index in range(4):
        (corpus / f"d{index}.txt").write_text("[LOC Lima  ] is big\n")
    (corpus / "x.txt").write_text("[ORG Lima  ] said\n")
    return corpus


def test_focused_run_matches_the_full_run(tmp_path, capsys):
    write_corpus(tmp_path)
    full = findings(capsys, "corpus", "--no-cache")
    assert full == [("corpus/x.txt", "Lima is ORG here but LOC 4 times elsewhere")]
    cold = findings(capsys, "--corpus-root", "corpus", "corpus/x.txt")
    warm = findings(capsys, "--corpus-root", "corpus", "corpus/x.txt")
    assert cold == warm == full


def test_changes_elsewhere_reach_the_cached_totals(tmp_path, capsys):
    corpus = write_corpus(tmp_path)
    findings(capsys, "--corpus-root", "corpus", "corpus/x.txt")
    for index in range(4):  # the majority flips: Lima is now ORG in most files
        (corpus / f"d{index}.txt").write_text(f"[ORG Lima  ] said {index}\n")
    (corpus / "d0.txt").write_text("[LOC Lima  ] x\n")
    assert findings(capsys, "--corpus-root", "corpus", "corpus/x.txt") == []
    assert findings(capsys, "--corpus-root", "corpus", "corpus/d0.txt") == [
        ("corpus/d0.txt", "Lima is LOC here but ORG 4 times elsewhere")]
    for index in range(1, 4):  # deleted files leave the totals
        (corpus / f"d{index}.txt").unlink()
    assert findings(capsys, "--corpus-root", "corpus", "corpus/d0.txt") == []


def test_full_runs_keep_the_totals_current(tmp_path, capsys):
    corpus = write_corpus(tmp_path)
    findings(capsys, "--corpus-root", "corpus", "corpus/x.txt")
    (corpus / "d9.txt").write_text("[ORG Lima  ] a\n[ORG Lima  ] b\n[ORG Lima  ] c\n")
    # a full run through the same index (corpus root = config root = cwd here is tmp_path,
    # so use the corpus root explicitly) updates the totals...
    findings(capsys, "--corpus-root", "corpus", "corpus")
    # ...and the focused run sees ORG 4 vs LOC 4: no longer a minority label
    assert findings(capsys, "--corpus-root", "corpus", "corpus/x.txt") == []


def test_runs_with_other_rules_or_on_part_of_the_corpus_keep_totals_exact(tmp_path, capsys):
    """A run without the corpus rule, or over some files only, must not leave the stored
    totals counting files twice or missing files (found in review)."""
    for index in range(4):
        (tmp_path / f"d{index}.txt").write_text("[LOC Lima  ] is big\n")
    (tmp_path / "x.txt").write_text("[ORG Lima  ] said\n[ORG Lima  ] again\n")
    expected = findings(capsys, ".", "--no-cache")
    assert expected  # ORG 2 vs LOC 4
    assert findings(capsys, "--corpus-root", ".", "x.txt") == expected
    main(["check", "x.txt", "--select", "BRK901", "--output-format", "json"])
    main(["check", "x.txt", "d0.txt", "--select", "BRK901", "--output-format", "json"])
    capsys.readouterr()
    findings(capsys, "x.txt")
    findings(capsys, "x.txt", "d1.txt")
    assert findings(capsys, "--corpus-root", ".", "x.txt") == expected
    (tmp_path / "d2.txt").write_text("[ORG Lima  ] x\n")  # now ORG 3 vs LOC 3: quiet
    main(["check", "d2.txt", "--select", "BRK901", "--output-format", "json"])
    capsys.readouterr()
    assert findings(capsys, "--corpus-root", ".", "x.txt") == findings(capsys, ".", "--no-cache")
