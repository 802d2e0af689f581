"""The same corpus in inline markup and in CoNLL columns gives the same LBL findings (same
strings, labels, scores and messages), each located in its own file's coordinates."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from linter.convert import render
from linter.readers import read_document
from linter.readers.views import plain_documents
from tests.conftest import lint_files

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "lbl" / "btc-e-mh17.txt"


def _key(finding):
    message = re.sub(r"\S+:\d+:\d+", "<where>", finding.message)
    return finding.rule, finding.span, finding.score, message


def test_same_lbl_findings_in_inline_and_conll(tmp_path):
    inline = SAMPLE.read_text(encoding="utf-8")
    doc, _ = read_document("mh17.txt", inline.encode(), labels=frozenset({"PER", "LOC", "ORG"}))
    conll = render(plain_documents(doc), "conll")[0][".conll"]
    first = lint_files(tmp_path / "inline", {"mh17.txt": inline}, select=["LBL"])
    second = lint_files(tmp_path / "conll", {"mh17.conll": conll}, select=["LBL"])
    assert len(first.findings) >= 5
    assert Counter(map(_key, first.findings)) == Counter(map(_key, second.findings))
    assert second.entities == first.entities
    rows = conll.split("\n")
    for finding in second.findings:  # each points at its first token's row in the CoNLL file
        if finding.span:
            token = rows[finding.line - 1].split("\t")[0]
            assert finding.column == 1 and token == finding.span[0].split()[0]


def test_lbl_across_a_corpus_of_mixed_formats(tmp_path):
    files = {
        "a.txt": "[LOC Paris  ] is nice .\n[LOC Paris  ] is big .\n",
        "b.conll": "Paris\tB-LOC\nis\tO\nold\tO\n\nParis\tB-ORG\nis\tO\nloud\tO\n",
        "c.jsonl": '{"text": "Paris is calm .", "spans": [{"start": 0, "end": 5, '
                   '"label": "LOC"}]}\n',
    }
    result = lint_files(tmp_path, files, select=["LBL001"])
    finding = next(f for f in result.findings if f.rule == "LBL001")
    assert (finding.path, finding.line, finding.column) == ("b.conll", 5, 1)
    assert finding.span == ("Paris", "ORG")
    assert result.entities == 5 and {s.format for s in result.files} == {"inline", "conll",
                                                                         "jsonl"}
