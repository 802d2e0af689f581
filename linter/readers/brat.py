"""Reader and writer for brat standoff: ``doc.txt`` holds the text, ``doc.ann`` beside it
the annotations, one per line: ``T1<TAB>PER 0 5<TAB>Alice`` (a text-bound entity;
discontinuous ones list fragments ``0 5;10 15``), ``#1<TAB>AnnotatorNotes T1<TAB>…``
(notes), and relations, events and attributes (R, E, A/M lines, kept as they are).

The Document is the ``.txt`` (offsets are the file's own); a fragmented entity becomes one
span per fragment. Damage in the ``.ann`` (a line that does not parse, offsets outside the
text, a quoted text that differs from the text at the offsets) is a ``record:*`` problem
reported on the ``.ann`` line.
"""

from __future__ import annotations

import re
from typing import Any

from linter.model import Document, Span

_TEXT_BOUND = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t?(.*)$")


def parse_brat(path: str, text: str, *, ann: str = "", ann_path: str = "",
               labels: frozenset[str] = frozenset(), options: Any = None) -> Document:
    """Parse the ``.ann`` text ``ann`` against the ``.txt`` text ``text``."""
    doc = Document(path=path, text=text, format="brat")
    lines = doc.lines
    ann_problems: list[tuple[int, int, str, str]] = []  # (line, column, kind, detail)
    entities = 0
    for number, line in enumerate(ann.split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip() or line[0] in "#RAEMN*":
            continue
        match = _TEXT_BOUND.match(line)
        if match is None:
            ann_problems.append((number, 1, "record:bad-line",
                                 "not a brat line ('T1<TAB>LABEL START END<TAB>text')"))
            continue
        label, fragments, quoted = match.group(2), match.group(3), match.group(4)
        pieces = []
        for fragment in fragments.split(";"):
            start, end = (int(part) for part in fragment.split())
            pieces.append((start, end))
        if any(not 0 <= s < e <= len(text) for s, e in pieces):
            ann_problems.append((number, match.start(3) + 1, "record:bad-span",
                                 f"offsets {fragments} fall outside the {len(text)}-character "
                                 "text"))
            continue
        actual = " ".join(text[s:e] for s, e in pieces)
        if quoted and quoted != actual:
            ann_problems.append((number, match.start(4) + 1, "record:text-mismatch",
                                 f"the .ann says {quoted!r} but the text at {fragments} is "
                                 f"{actual!r}"))
        entities += 1
        for start, end in pieces:
            doc.spans.append(Span(start, end, start, end, label, text[start:end].strip(),
                                  lines.line_of(start)))
    doc.spans.sort()
    doc.facts = {"documents": 1, "ann_path": ann_path, "ann_problems": ann_problems,
                 "entities": entities}
    return doc


def write_brat(documents: list[tuple[str, list[tuple[int, int, str]]]]) -> tuple[str, str]:
    """(text, ann) of one document; several documents are joined by a blank line."""
    texts, ann, offset, number = [], [], 0, 0
    for text, spans in documents:
        for start, end, label in sorted(spans):
            number += 1
            surface = text[start:end].replace("\n", " ")
            ann.append(f"T{number}\t{label} {start + offset} {end + offset}\t{surface}\n")
        texts.append(text)
        offset += len(text) + 2
    return "\n\n".join(texts), "".join(ann)
