"""Readers turn bytes into Documents; syntax problems become data, never exceptions.

``read_document`` is the single entry point the engine uses: it decodes the bytes
(reporting encoding trouble as a :class:`FileProblem`) and hands the text to the reader
for the file's format.
"""

from __future__ import annotations

from linter.model import Document
from linter.readers.decode import FileProblem, decode_bytes
from linter.readers.inline import parse_inline

READERS = {"inline": parse_inline}


def read_document(
    path: str, data: bytes, *, fmt: str = "inline", labels: frozenset[str] = frozenset()
) -> tuple[Document | None, FileProblem | None]:
    """Decode and parse one file. Returns (document, None) or (None, problem)."""
    text, problem = decode_bytes(data)
    if text is None:
        return None, problem
    reader = READERS.get(fmt, parse_inline)
    return reader(path, text, labels=labels), None
