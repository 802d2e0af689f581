"""Readers never raise, on arbitrary bytes or on near-valid input; parse → write → parse is
the identity for every writer."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.convert import render
from linter.readers import read_document
from linter.readers.brat import parse_brat
from linter.readers.views import plain_documents

FORMATS = ["conll", "conllu", "jsonl", "labelstudio", "inline"]
PIECES = ["B-PER", "I-PER", "E-LOC", "S-ORG", "O", "-DOCSTART-", "#", "\t", " ", "\n",
          "\n\n", "Paris", '{"text": "', '"spans": [', '{"start": 0, "end": 3, ',
          '"label": "PER"}', "]", "}", "\\u00e9", "\\\"", '"', ",", "[", "_", "NER=B-LOC",
          "Entity=(person-1", "1)", "1\t", "1-2\t", '"data": {"text": "x"}',
          '"annotations": [{"result": [{"value": {"start": 0, "end": 9, "labels": ["X"]}}]}]']
near_valid = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=300), fmt=st.sampled_from(FORMATS + [None]))
def test_arbitrary_bytes_never_raise(data, fmt):
    doc, problem = read_document("x", data, fmt=fmt)
    assert (doc is None) != (problem is None)
    if problem is not None:
        assert "reader failed" not in problem.message


@settings(max_examples=300, deadline=None)
@given(text=near_valid, fmt=st.sampled_from(FORMATS + [None]))
def test_near_valid_input_never_raises(text, fmt):
    doc, problem = read_document("x", text.encode(), fmt=fmt)
    if problem is not None:
        assert "reader failed" not in problem.message
        return
    for view in doc.views:
        for span in view.spans:
            assert 0 <= span.start <= span.end <= len(view.text)
    for span in doc.spans:
        assert 0 <= span.start <= span.end <= len(doc.text)


@settings(max_examples=150, deadline=None)
@given(ann=near_valid, text=st.text(max_size=40))
def test_brat_never_raises(ann, text):
    parse_brat("x.txt", text, ann=ann.replace("PER", "T1\tPER 0 3"))


WORD = st.text("abcXYZ-éß'", min_size=1, max_size=6)


@st.composite
def documents(draw, one_line: bool = False):
    """Plain documents: sentences of words, spans on whole words, flat and in order."""
    docs = []
    for _ in range(draw(st.integers(1, 3))):
        lines = draw(st.lists(st.lists(WORD, min_size=1, max_size=6), min_size=1,
                              max_size=1 if one_line else 4))
        text, spans, offset = [], [], 0
        for words in lines:
            starts = []
            for word in words:
                starts.append(offset)
                offset += len(word) + 1
            index = 0
            while index < len(words):
                if draw(st.booleans()):
                    length = draw(st.integers(1, len(words) - index))
                    end = starts[index + length - 1] + len(words[index + length - 1])
                    spans.append((starts[index], end, draw(st.sampled_from(["PER", "LOC"]))))
                    index += length
                index += 1
            text.append(" ".join(words))
        docs.append(("\n".join(text), spans))
    return docs


def _reread(outputs, fmt, tmp):
    if fmt == "brat":
        with open(os.path.join(tmp, "d.txt"), "w", encoding="utf-8", newline="") as handle:
            handle.write(outputs[".txt"])
        with open(os.path.join(tmp, "d.ann"), "w", encoding="utf-8", newline="") as handle:
            handle.write(outputs[".ann"])
        path = os.path.join(tmp, "d.txt")
        with open(path, "rb") as handle:
            return read_document(path, handle.read(), fmt="brat", real_path=path)[0]
    (ext, content), = outputs.items()
    return read_document(f"d{ext}", content.encode(), fmt=None, real_path=f"d{ext}")[0]


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(docs=documents(), target=st.sampled_from(["conll", "jsonl", "doccano", "labelstudio"]),
       scheme=st.sampled_from(["IOB1", "IOB2", "BIOES", "BILOU"]))
def test_round_trip_is_identity(docs, target, scheme, tmp_path):
    outputs, notes = render(docs, target, scheme)
    assert notes == []
    doc = _reread(outputs, target, str(tmp_path))
    assert doc is not None and doc.problems == []
    assert [(text, sorted(spans)) for text, spans in plain_documents(doc)] == \
        [(text, sorted(spans)) for text, spans in docs]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(docs=documents(one_line=True), target=st.sampled_from(["brat", "inline"]))
def test_round_trip_single_document_formats(docs, target, tmp_path):
    docs = docs[:1]
    outputs, _ = render(docs, target)
    doc = _reread(outputs, target, str(tmp_path))
    got = plain_documents(doc)
    assert [(text.rstrip("\n"), sorted(spans)) for text, spans in got] == \
        [(text, sorted(spans)) for text, spans in docs]
