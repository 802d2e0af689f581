"""Reader and writer for JSONL span files: one record (one document) per line.

Shapes, told apart per record: spaCy/Prodigy ``{"text", "spans": [{"start", "end",
"label"}], "tokens": […]}`` (spans may give ``token_start``/``token_end`` instead of
characters) and doccano ``{"text", "label": [[start, end, label]]}`` or ``"entities"``
(lists, or objects with ``start_offset``/``end_offset``). Offsets count characters of the
decoded text. Each span is also placed in the file: the line of its record and the column
where its text starts inside the JSON string, escapes accounted for.

Damage becomes data: a line that is not JSON, a record without ``text``, a span whose
offsets fall outside the text are ``record:*`` problems for TAG008.
"""

from __future__ import annotations

import json
from typing import Any

from linter.model import Document, MarkupProblem, Span
from linter.readers.jsontext import (JSONSyntax, add_string, file_offset, label_of,
                                     loads_strict, locate_text, string_pieces, valid_offsets)
from linter.readers.views import ViewBuilder, view_path


def record_spans(record: dict[str, Any]) -> tuple[str, list[tuple[Any, Any, Any]]]:
    """The record's shape and its raw (start, end, label) triples, unchecked."""
    if isinstance(record.get("spans"), list):
        tokens = record.get("tokens") if isinstance(record.get("tokens"), list) else []
        found = []
        for span in record["spans"]:
            if not isinstance(span, dict):
                found.append((None, None, None))
                continue
            start, end = span.get("start"), span.get("end")
            if start is None and type(span.get("token_start")) is int and tokens:
                first, last = span["token_start"], span.get("token_end")
                if type(last) is int and 0 <= first <= last < len(tokens):
                    start = tokens[first].get("start") if isinstance(tokens[first], dict) else None
                    end = tokens[last].get("end") if isinstance(tokens[last], dict) else None
            found.append((start, end, span.get("label")))
        return "spacy", found
    for key in ("label", "entities", "labels"):
        items = record.get(key)
        if isinstance(items, list):
            found = []
            for item in items:
                if isinstance(item, list) and len(item) >= 3:
                    found.append((item[0], item[1], item[2]))
                elif isinstance(item, dict):
                    found.append((item.get("start_offset", item.get("start")),
                                  item.get("end_offset", item.get("end")), item.get("label")))
                else:
                    found.append((None, None, None))
            return "doccano", found
    return "plain", []


def parse_jsonl(path: str, text: str, *, labels: frozenset[str] = frozenset(),
                options: Any = None, fmt: str = "jsonl") -> Document:
    doc = Document(path=path, text=text, format=fmt)
    lines = doc.lines
    records: list[tuple[int, int, Any]] = []
    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if not line.strip():
            continue
        try:
            value = loads_strict(text, start, end)
        except JSONSyntax as error:
            doc.problems.append(MarkupProblem("record:invalid-json", error.offset, end,
                                              detail=str(error)))
            continue
        records.append((start, end, value))
    shapes: set[str] = set()
    count = len(records)
    for number, (start, end, record) in enumerate(records):
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            doc.problems.append(MarkupProblem("record:no-text", start, end,
                                              detail="a record needs a \"text\" string"))
            continue
        shape, found = record_spans(record)
        shapes.add(shape)
        view = ViewBuilder(lines)
        add_record(doc, view, record["text"], locate_text(text, record["text"], start, end),
                   found, start, end)
        doc.views.append(view.finish(view_path(path, number, count), fmt))
    for index, view in enumerate(doc.views):
        view.path = view_path(path, index, len(doc.views))
    doc.facts = {"shape": "/".join(sorted(shapes)) or "none", "documents": len(doc.views)}
    doc.spans.sort()
    return doc


def add_record(doc: Document, view: ViewBuilder, value: str, quote: int | None,
               found: list, start: int, end: int) -> None:
    """Add one record's text and spans to ``view`` and its spans (file offsets) to ``doc``."""
    pieces = string_pieces(doc.text, quote) if quote is not None else [(0, start)]
    line = doc.lines.line_of(pieces[0][1])
    line_start = doc.lines.line_bounds(line)[0]
    add_string(view, value, pieces, line + 1, line_start)
    for span_start, span_end, raw_label in found:
        label = label_of(raw_label)
        if label is None or not valid_offsets(span_start, span_end, len(value)):
            shown = json.dumps([span_start, span_end, raw_label], ensure_ascii=False,
                               default=str)[:80]
            doc.problems.append(MarkupProblem(
                "record:bad-span", start, end, label=label or "",
                detail=f"span {shown} is not [start, end, label] inside the "
                       f"{len(value)}-character text"))
            continue
        view.span(span_start, span_end, label)
        raw_start, raw_end = file_offset(pieces, span_start), file_offset(pieces, span_end)
        stripped = value[span_start:span_end].strip()
        doc.spans.append(Span(raw_start, raw_end, raw_start, raw_end, label, stripped, line))


def write_jsonl(documents: list[tuple[str, list[tuple[int, int, str]]]],
                shape: str = "spacy") -> str:
    """One record per (text, spans) document: spaCy ``{"text", "spans"}`` or doccano
    ``{"text", "label"}``."""
    out = []
    for text, spans in documents:
        spans = sorted(spans)
        if shape == "doccano":
            record = {"text": text, "label": [[s, e, label] for s, e, label in spans]}
        else:
            record = {"text": text, "spans": [{"start": s, "end": e, "label": label}
                                              for s, e, label in spans]}
        out.append(json.dumps(record, ensure_ascii=False) + "\n")
    return "".join(out)
