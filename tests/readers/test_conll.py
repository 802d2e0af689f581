"""CoNLL columns: real BTC and WNUT-17 excerpts, a hand-made 4-column IOB1 sample, and the
TAG rules' exact locations."""

from __future__ import annotations

import re

from linter.readers import read_document
from linter.readers.conll import parse_conll
from linter.readers.options import ReaderOptions
from linter.readers.tags import decode, detect_scheme, encode
from tests.conftest import lint_files


def _read(path):
    doc, problem = read_document(str(path), path.read_bytes(), fmt=None, real_path=str(path))
    assert problem is None
    return doc


def test_btc_excerpt_entities_match_the_file(data):
    path = data / "btc-e-excerpt.conll"
    doc = _read(path)
    text = path.read_text()
    assert doc.format == "conll" and doc.facts["scheme"] == "IOB2"
    assert len(doc.spans) == len(re.findall(r"\tB-", text))
    assert doc.problems == []
    for span in doc.spans:  # spans cover the tokens in the file
        assert text[span.start:span.end].split()[0] == span.text.split()[0]
    assert doc.spans[0].text == "MALAYSIA AIRLINES" and doc.spans[0].label == "ORG"
    assert len(doc.views) == 1 and doc.views[0].text.count("\n") == 8


def test_wnut17_tab_only_lines_separate_sentences(data):
    doc = _read(data / "wnut17-train-excerpt.conll")
    assert [s.text for s in doc.spans[:2]] == ["Empire State Building", "ESB"]
    assert {s.label for s in doc.spans} >= {"location", "group", "person"}
    assert doc.views[0].text.count("\n") == 8


def test_four_columns_iob1_and_docstart(data):
    doc = _read(data / "sample4.conll")
    assert doc.facts["scheme"] == "IOB1" and "I- opens" in doc.facts["scheme_reason"]
    assert doc.facts["columns"] == 4 and doc.facts["documents"] == 2
    assert [(s.label, s.text) for s in doc.spans] == [
        ("ORG", "Acme"), ("PER", "Jane Doe"), ("LOC", "Oslo"), ("LOC", "Bergen"),
        ("PER", "Jane Doe"), ("ORG", "Acme")]
    assert [v.path for v in doc.views] == [f"{doc.path}#doc1", f"{doc.path}#doc2"]
    assert doc.problems == []


def test_hashtag_token_is_not_a_comment():
    doc = parse_conll("x", "# a comment line\n#\tO\nParis\tB-LOC\n")
    assert doc.views[0].text == "# Paris\n" and doc.spans[0].text == "Paris"


def test_configured_tag_column():
    text = "Paris B-LOC NNP\nsaid O VBD\n"
    doc = parse_conll("x", text, options=ReaderOptions(tag_column=2))
    assert [(s.label, s.text) for s in doc.spans] == [("LOC", "Paris")]


def test_schemes_detect_and_decode():
    assert detect_scheme([["B-PER", "E-PER", "S-LOC"]])[0] == "BIOES"
    assert detect_scheme([["U-PER", "O"]])[0] == "BILOU"
    assert detect_scheme([["I-PER", "I-PER", "O"]])[0] == "IO"
    spans, problems = decode(["B-PER", "I-PER", "O", "S-LOC"], "BIOES")
    assert spans == [(0, 2, "PER"), (3, 4, "LOC")]
    assert [p.kind for p in problems] == ["scheme-violation"]
    for scheme in ("IOB1", "IOB2", "BIOES", "BILOU"):
        spans = [(0, 2, "PER"), (2, 3, "PER"), (4, 5, "LOC")]
        assert decode(encode(5, spans, scheme), scheme) == (spans, [])


def test_tag_findings_point_at_the_tag_cell(tmp_path):
    text = ("Peter\tB-PER\nsaid\tO\nBlackburn\tI-PER\nof\tO\nthe\tB-ORG\nEU\tI-LOC\n"
            "x\tB_PER\n\tO\nrow\tO\textra\n")
    result = lint_files(tmp_path, {"a.conll": text}, select=["TAG"])
    got = sorted((f.rule, f.line, f.column) for f in result.findings)
    assert got == [("TAG001", 3, 11), ("TAG002", 6, 4), ("TAG003", 7, 3), ("TAG005", 9, 1),
                   ("TAG006", 8, 1)]
    first = next(f for f in result.findings if f.rule == "TAG001")
    assert first.evidence["scheme"] == "IOB2" and "B-PER" in first.message


def test_lbl_findings_map_back_to_file_lines(tmp_path):
    rows = []
    for _ in range(4):
        rows.append("Paris\tB-LOC\nis\tO\nnice\tO\n")
    rows.append("Paris\tB-ORG\nis\tO\nnice\tO\n")
    result = lint_files(tmp_path, {"a.conll": "\n".join(rows)}, select=["LBL001"])
    finding = next(f for f in result.findings if f.rule == "LBL001")
    assert (finding.path, finding.line, finding.column) == ("a.conll", 17, 1)
    assert finding.span == ("Paris", "ORG")
