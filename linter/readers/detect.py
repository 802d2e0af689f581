"""Which reader a file needs: the config's ``format:`` globs (an explicit choice wins), then
the extension, then the content (for extensions that say nothing, such as WNUT-17's
``emerging.test.annotated`` or a ``.tsv``).

A ``.txt`` with a ``.ann`` beside it is brat; an ``.ann`` with a ``.txt`` beside it is read
through that ``.txt`` (discovery lints the pair once). JSON content is told apart by shape:
a list of tasks with ``data`` is Label Studio, records with ``text`` are JSONL spans.
"""

from __future__ import annotations

import os
import re

from linter.readers.tags import split_tag

EXTENSIONS = {".conll": "conll", ".conllu": "conllu", ".jsonl": "jsonl", ".json": "json",
              ".ann": "brat", ".txt": "inline", ".bio": "conll", ".iob": "conll",
              ".iob2": "conll", ".bioes": "conll"}
_INLINE = re.compile(r"\[[A-Z][A-Za-z0-9_-]* [^\[\]\n]*\]")


def by_extension(path: str) -> str | None:
    root, ext = os.path.splitext(path)
    fmt = EXTENSIONS.get(ext.lower())
    if fmt == "inline" and os.path.isfile(root + ".ann"):
        return "brat"
    return fmt


def sniff(text: str) -> str | None:
    """The format ``text`` looks like, or None."""
    head = text.lstrip()[:1]
    if head == "[" and text.lstrip()[1:].lstrip()[:1] == "{":
        return "labelstudio" if '"data"' in text[:4000] else "jsonl-array"
    if head == "{":
        return "jsonl"
    rows = [line for line in text[:20000].split("\n")[:200]
            if line.strip() and not line.startswith(("#", "-DOCSTART-"))]
    if rows:
        cells = [line.split("\t") if "\t" in line else line.split() for line in rows]
        if sum(len(c) == 10 and c[0].split("-")[0].split(".")[0].isdigit()
               for c in cells) >= 0.9 * len(rows):
            return "conllu"
        tagged = sum(2 <= len(c) <= 12 and split_tag(c[-1]) is not None for c in cells)
        if tagged >= 0.9 * len(rows):
            return "conll"
    if _INLINE.search(text):
        return "inline"
    return None


def resolve_json(text: str) -> str:
    """``.json``: a Label Studio export, or a JSON list of span records."""
    return "labelstudio" if sniff(text) == "labelstudio" or '"annotations"' in text[:4000] \
        else "jsonl-array" if text.lstrip()[:1] == "[" else "jsonl"
