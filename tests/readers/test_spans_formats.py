"""JSONL (spaCy, doccano), Label Studio, brat and CoNLL-U: hand-made samples; positions
point into each file, escapes and annotators included."""

from __future__ import annotations

import json
import shutil

from linter.readers import choose_format, read_document
from linter.readers.conllu import parse_conllu
from tests.conftest import lint_files


def _read(path):
    doc, problem = read_document(str(path), path.read_bytes(), fmt=None, real_path=str(path))
    assert problem is None, problem
    return doc


def test_spacy_jsonl_positions_account_for_escapes(data):
    path = data / "spacy.jsonl"
    doc = _read(path)
    assert doc.facts["shape"] == "spacy" and len(doc.views) == 2
    text = path.read_text()
    acme = next(s for s in doc.spans if s.text == "Acme")
    assert text[acme.start:acme.end] == "Acme"  # after \u00e9 and \" in the JSON string
    line, column = doc.lines.position(acme.start)
    assert line == 2 and text.split("\n")[1][column - 1:].startswith("Acme")


def test_doccano_both_shapes(data):
    doc = _read(data / "doccano.jsonl")
    assert [(s.label, s.text) for s in doc.spans] == [
        ("ORG", "Acme"), ("PER", "Jane Doe"), ("PER", "Jane Doe"), ("ORG", "Acme"),
        ("LOC", "Oslo")]


def test_label_studio_keeps_annotators_apart(data):
    doc = _read(data / "labelstudio.json")
    assert doc.format == "labelstudio" and doc.facts["annotators"] == ["1", "2"]
    assert [[(s.label, s.text) for s in v.spans] for v in doc.views] == [
        [("PER", "Jane Doe"), ("ORG", "Acme")], [("LOC", "Acme"), ("LOC", "Oslo")], []]
    assert doc.views[1].metadata["annotator"] == "2"


def test_brat_pair_discontinuous_and_bad_lines(tmp_path, data):
    shutil.copytree(data / "brat", tmp_path / "brat")
    doc = _read(tmp_path / "brat" / "news.txt")
    assert doc.format == "brat" and doc.facts["entities"] == 4
    assert [s.text for s in doc.spans if s.label == "ORG"] == ["New York", "teams", "Acme"]
    (tmp_path / "brat" / "news.ann").write_text("T1\tPER 0 8\tJane Dough\nT2 oops\n"
                                                "T3\tLOC 30 999\tOslo\n")
    result = lint_files(tmp_path, {}, select=["TAG008"])
    got = sorted((f.path, f.line, f.column) for f in result.findings)
    assert got == [("brat/news.ann", 1, 12), ("brat/news.ann", 2, 1), ("brat/news.ann", 3, 8)]


def test_conllu_ner_misc_multiword_tokens(data):
    doc = _read(data / "sample.conllu")
    assert doc.facts["entity_source"] == "MISC NER="
    assert [(s.label, s.text) for s in doc.spans] == [("PER", "Jane Doe"), ("LOC", "Oslo")]
    assert "did n't" in doc.views[0].text  # the words, not the multiword token


def test_conllu_entity_brackets_as_in_gum():
    rows = ["1\tKim\t_\t_\t_\t_\t0\troot\t_\tEntity=(person-1-Kim)",
            "2\tvisited\t_\t_\t_\t_\t0\troot\t_\t_",
            "3\tthe\t_\t_\t_\t_\t0\troot\t_\tEntity=(place-2-Louvre(place-3-Paris",
            "4\tParis\t_\t_\t_\t_\t0\troot\t_\t_",
            "5\tLouvre\t_\t_\t_\t_\t0\troot\t_\tEntity=3)2)"]
    doc = parse_conllu("x", "\n".join(rows) + "\n")
    assert [(s.label, s.text) for s in doc.spans] == [("person", "Kim"),
                                                      ("place", "the Paris Louvre")]
    assert doc.facts["nested_dropped"] == 1


def test_jsonl_damage_is_data(tmp_path):
    text = ('{"text": "Jane", "spans": [{"start": 0, "end": 40, "label": "PER"}]}\n'
            'not json\n{"no": "text"}\n')
    result = lint_files(tmp_path, {"a.jsonl": text}, select=["TAG008"])
    assert sorted(f.line for f in result.findings) == [1, 2, 3]


def test_format_choice(tmp_path):
    assert choose_format("a.conllu", "") == "conllu"
    assert choose_format("x.annotated", "Paris\tB-LOC\nis\tO\n") == "conll"
    assert choose_format("x.data", '{"text": "a", "spans": []}\n') == "jsonl"
    assert choose_format("x.json", json.dumps([{"data": {"text": "a"}}])) == "labelstudio"
    assert choose_format("x.data", "just prose\n") is None
    assert choose_format("a.txt", "Paris\tB-LOC\n", configured="conll") == "conll"


def test_config_format_globs(tmp_path):
    files = {"corpus/a.tsv": "Paris\tB-LOC\nis\tO\n"}
    config = 'include: ["**/*.tsv"]\nformat: {"corpus/*.tsv": conll}\n'
    result = lint_files(tmp_path, files, config_text=config)
    assert result.entities == 1 and result.files[0].format == "conll"


def test_json_findings_carry_the_text_offset(tmp_path):
    record = '{"text": "caf\\u00e9 Paris is nice", "spans": [{"start": 5, "end": 10, "label": "%s"}]}\n'
    text = (record % "LOC") * 4 + record % "ORG"
    result = lint_files(tmp_path, {"a.jsonl": text}, select=["LBL001"])
    finding = next(f for f in result.findings if f.rule == "LBL001")
    assert (finding.line, finding.column) == (5, 21)  # after the 6-character \u00e9 escape
    assert text.split("\n")[4][20:25] == "Paris"
    assert finding.evidence["text_offset"] == 5 and finding.evidence["document"] == "5"
