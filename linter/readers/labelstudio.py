"""Reader and writer for Label Studio JSON exports: a JSON array of tasks.

A task is ``{"data": {"text": …}, "annotations": [{"completed_by": …, "result": [{"value":
{"start", "end", "labels": [LABEL]}, "type": "labels"}]}]}``. Every annotation of a task is
its own document (annotators are kept apart: two people labelling one text are two
documents with the same text, so the corpus rules compare them); a task nobody annotated
is one document without entities. Positions point into the export file: the column where
the entity's text starts inside the task's ``text`` string.
"""

from __future__ import annotations

import json
from typing import Any

from linter.model import Document, MarkupProblem
from linter.readers.jsonl import add_record, record_spans
from linter.readers.jsontext import JSONSyntax, loads_strict, locate_text
from linter.readers.views import ViewBuilder, view_path


def _annotator(annotation: dict[str, Any]) -> str:
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        who = who.get("email") or who.get("id")
    if who == "" and "spans" in annotation:
        return ""
    return str(who) if who is not None else f"annotation {annotation.get('id', '?')}"


def _spans(annotation: dict[str, Any]) -> list[tuple[Any, Any, Any]]:
    found = []
    for item in annotation.get("result") or []:
        value = item.get("value") if isinstance(item, dict) else None
        if not isinstance(value, dict):
            found.append((None, None, None))
            continue
        if "start" not in value and "labels" not in value:
            continue  # a choice, a rating, a relation: not an entity
        found.append((value.get("start"), value.get("end"), value.get("labels")))
    return found


def parse_labelstudio(path: str, text: str, *, labels: frozenset[str] = frozenset(),
                      options: Any = None, fmt: str = "labelstudio") -> Document:
    doc = Document(path=path, text=text, format=fmt)
    try:
        tasks = loads_strict(text)
    except JSONSyntax as error:
        doc.problems.append(MarkupProblem("record:invalid-json", error.offset,
                                          min(len(text), error.offset + 1), detail=str(error)))
        return doc
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        doc.problems.append(MarkupProblem("record:no-text", 0, min(len(text), 1),
                                          detail="a Label Studio export is a list of tasks"))
        return doc
    lines = doc.lines
    annotators: set[str] = set()
    units: list[tuple[ViewBuilder, str]] = []
    cursor = 0
    for task in tasks:
        data = task.get("data") if isinstance(task, dict) else None
        value = data.get("text") if isinstance(data, dict) else None
        if data is None and isinstance(task, dict) and isinstance(task.get("text"), str):
            value = task["text"]  # a JSON list of span records rather than tasks
            task = {"annotations": [{"completed_by": "", "spans": record_spans(task)[1]}]}
        quote = locate_text(text, value, cursor, len(text)) if isinstance(value, str) else None
        if quote is None:
            doc.problems.append(MarkupProblem("record:no-text", 0, min(len(text), 1),
                                              detail="a task needs data.text"))
            continue
        cursor = quote + 1
        line_start, line_end = lines.line_bounds(lines.line_of(quote))
        annotations = [a for a in task.get("annotations") or [] if isinstance(a, dict)
                       and not a.get("was_cancelled")]
        for annotation in annotations or [None]:
            view = ViewBuilder(lines)
            found = (annotation.get("spans") if annotation and "spans" in annotation
                     else _spans(annotation) if annotation else [])
            add_record(doc, view, value, quote, found, line_start, line_end)
            who = _annotator(annotation) if annotation else ""
            if who:
                annotators.add(who)
            units.append((view, who))
    for index, (view, who) in enumerate(units):
        finished = view.finish(view_path(path, index, len(units)), fmt)
        if who:
            finished.metadata["annotator"] = who
        doc.views.append(finished)
    doc.facts = {"documents": len(doc.views), "annotators": sorted(annotators)}
    doc.spans.sort()
    return doc


def write_labelstudio(documents: list[tuple[str, list[tuple[int, int, str]]]]) -> str:
    """One task per document with one annotation holding its spans."""
    tasks = []
    for number, (text, spans) in enumerate(documents, 1):
        result = [{"id": f"s{index}", "from_name": "label", "to_name": "text", "type": "labels",
                   "value": {"start": s, "end": e, "text": text[s:e], "labels": [label]}}
                  for index, (s, e, label) in enumerate(sorted(spans), 1)]
        tasks.append({"id": number, "data": {"text": text},
                      "annotations": [{"id": number, "result": result}]})
    return json.dumps(tasks, ensure_ascii=False, indent=1) + "\n"
