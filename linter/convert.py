"""``annolint convert``: rewrite annotated files in another format, atomically.

Every reader gives plain documents (text and character spans, see
:func:`linter.readers.views.plain_documents`); every writer takes them. What a target
cannot hold is said, never dropped silently: CoNLL keeps tokens and tags only (other
columns go; spans are widened to whole tokens; overlapping spans go), inline markup keeps
one line per sentence and no overlaps.
"""

from __future__ import annotations

import os
from pathlib import Path

from linter.atomic import atomic_writer
from linter.readers import read_document
from linter.readers.views import plain_documents

TARGETS = {"conll": ".conll", "jsonl": ".jsonl", "doccano": ".jsonl", "labelstudio": ".json",
           "brat": ".txt", "inline": ".txt"}


def render(documents, target: str, scheme: str = "IOB2") -> tuple[dict[str, str], list[str]]:
    """``{extension: content}`` of the converted file(s) and notes on what was lost."""
    notes: list[str] = []
    if target == "conll":
        from linter.readers.conll import write_conll

        text, notes = write_conll(documents, scheme)
        return {".conll": text}, notes
    if target in ("jsonl", "doccano"):
        from linter.readers.jsonl import write_jsonl

        return {".jsonl": write_jsonl(documents, "doccano" if target == "doccano" else "spacy")}, notes
    if target == "labelstudio":
        from linter.readers.labelstudio import write_labelstudio

        return {".json": write_labelstudio(documents)}, notes
    if target == "brat":
        from linter.readers.brat import write_brat

        if len(documents) > 1:
            notes.append(f"{len(documents)} documents joined into one brat text")
        text, ann = write_brat(documents)
        return {".txt": text, ".ann": ann}, notes
    from linter.readers.inline import serialise_inline

    parts = []
    for text, spans in documents:
        kept, end = [], -1
        for start, stop, label in sorted(spans):
            if start < end or "\n" in text[start:stop]:
                notes.append(f"span {text[start:stop]!r} overlaps another or crosses a line: "
                             "dropped (inline markup is flat and per line)")
                continue
            kept.append((start, stop, label))
            end = stop
        parts.append(serialise_inline(text, kept))
    return {".txt": "\n".join(part.rstrip("\n") for part in parts) + "\n"}, notes


def convert_file(path: str, target: str, out_dir: str | None, scheme: str,
                 fmt: str | None = None) -> tuple[list[str], list[str]]:
    """Convert one file; returns (written paths, notes). Raises ValueError for unreadable
    input (the CLI prints it and exits 2)."""
    with open(path, "rb") as handle:
        data = handle.read()
    doc, problem = read_document(path, data, fmt=fmt, real_path=path)
    if doc is None:
        raise ValueError(f"{path}: {problem.message}")
    documents = plain_documents(doc)
    outputs, notes = render(documents, target, scheme)
    stem = Path(path).with_suffix("").name
    folder = Path(out_dir) if out_dir else Path(path).parent
    written = []
    for ext, content in outputs.items():
        target_path = folder / f"{stem}{ext}"
        if os.path.abspath(target_path) == os.path.abspath(path):
            target_path = folder / f"{stem}.converted{ext}"
        with atomic_writer(target_path) as handle:
            handle.write(content)
        written.append(str(target_path))
    return written, [f"{path}: {note}" for note in dict.fromkeys(notes)]
