"""Reader for CoNLL-U (Universal Dependencies): ten tab-separated columns per word.

Entities come from the MISC column: ``NER=B-PER`` style tags (any scheme, detected as for
CoNLL), or the bracket notation of GUM/CorefUD, ``Entity=(person-1-Kim`` … ``1)``, with
the entity type as the first part of an opener; a configured column (``readers:
conllu-column``) may hold tags instead. Multiword token lines (``1-2``) and empty nodes
(``8.1``) are kept out of the word sequence (the words carry the annotation), comments are
skipped, ``# newdoc`` starts a new document. Nested bracket entities are flattened to the
outermost one (``doc.facts['nested_dropped']`` counts the others).
"""

from __future__ import annotations

import re

from linter.model import Document, MarkupProblem
from linter.readers.conll import Row, _build, _lines
from linter.readers.options import DEFAULT_OPTIONS, ReaderOptions
from linter.readers.tags import encode

_BRACKET = re.compile(r"\(([^()]+)\)?|([^()]+)\)")


def _misc(misc: str, key: str) -> str | None:
    for item in misc.split("|"):
        name, _, value = item.partition("=")
        if name == key:
            return value
    return None


def _bracket_spans(values: list[str | None]) -> tuple[list[tuple[int, int, str]], int]:
    """Spans from per-word ``Entity=`` values, outermost first kept; and how many nested
    entities were dropped."""
    spans: list[tuple[int, int, str]] = []
    open_: dict[str, tuple[int, str]] = {}
    for index, value in enumerate(values):
        for match in _BRACKET.finditer(value or ""):
            if match.group(1) is not None:
                parts = match.group(1).split("-")
                kind, ident = parts[0], parts[1] if len(parts) > 1 else parts[0]
                if match.group(0).endswith(")"):
                    spans.append((index, index + 1, kind))
                else:
                    open_[ident] = (index, kind)
            else:
                ident = match.group(2).split("-")[0]
                if ident in open_:
                    start, kind = open_.pop(ident)
                    spans.append((start, index + 1, kind))
    kept: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(spans, key=lambda s: (s[0], -s[1])):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, kind))
    return kept, len(spans) - len(kept)


def parse_conllu(path: str, text: str, *, labels: frozenset[str] = frozenset(),
                 options: ReaderOptions = DEFAULT_OPTIONS) -> Document:
    problems: list[MarkupProblem] = []
    documents: list[list[list[Row]]] = [[]]
    words: list[tuple[Row, str]] = []  # (row with its MISC-derived tag or value, misc)
    nested = 0
    mode = {"key": options.misc_key}

    def end_sentence() -> None:
        nonlocal words, nested
        if not words:
            return
        rows = [row for row, _ in words]
        if mode["key"] == "Entity" and not options.conllu_column:
            spans, dropped = _bracket_spans([row.tag for row in rows])
            nested += dropped
            tags = encode(len(rows), spans, "IOB2")
            rows = [row._replace(tag=tag) for row, tag in zip(rows, tags)]
        documents[-1].append(rows)
        words = []

    for number, (offset, line) in enumerate(_lines(text), 1):
        if not line.strip():
            end_sentence()
            continue
        if line.startswith("#"):
            if line.startswith("# newdoc"):
                end_sentence()
                if documents[-1]:
                    documents.append([])
            continue
        cells = line.split("\t")
        if len(cells) != 10:
            problems.append(MarkupProblem("tag:column-count", offset, offset + len(line),
                                          detail=f"{len(cells)} of 10"))
            if len(cells) < 2:
                continue
        ident = cells[0]
        if "-" in ident or "." in ident:
            continue  # a multiword token or an empty node: the words carry the entities
        form = cells[1]
        if not form.strip():
            problems.append(MarkupProblem("tag:empty-token", offset, offset + len(line)))
        column = (options.conllu_column or 10) - 1
        cell = cells[column] if len(cells) > column else ""
        cell_start = offset + sum(len(c) + 1 for c in cells[:column])
        if options.conllu_column:
            value = cell
        else:
            if mode["key"] is None:
                mode["key"] = ("NER" if _misc(cell, "NER") is not None else
                               "Entity" if _misc(cell, "Entity") is not None else None)
            value = _misc(cell, mode["key"]) if mode["key"] else None
            if mode["key"] == "NER" and value is None:
                value = "O"
            if mode["key"] == "NER" and value:
                cell_start += cell.find("NER=") + 4
        tag = value if value is not None else ("" if mode["key"] == "Entity" else "O")
        words.append((Row(form, tag, offset + len(ident) + 1, cell_start, number,
                          len(ident) + 2), cell))
    end_sentence()
    if not documents[-1] and len(documents) > 1:
        documents.pop()
    doc = _build(path, text, "conllu", documents, problems, options, 10,
                 (options.conllu_column or 10) - 1, True)
    doc.facts["entity_source"] = (f"column {options.conllu_column}" if options.conllu_column
                                  else f"MISC {mode['key']}=" if mode["key"] else "none")
    if nested:
        doc.facts["nested_dropped"] = nested
    return doc
