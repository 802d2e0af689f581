"""The documents a run linted, for the reports that show text (code frames, HTML pages).

A run does not keep every text in memory (a corpus may hold 250,000 documents), so the
engine hands the reports a :class:`LintedDocuments`: asked for a path, it reads the file
through the same reader, format and labels the engine used, and only if the bytes are still
the ones that were linted (their SHA-256), so a report never shows text that its findings'
positions do not belong to.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from linter.discovery import root_relative
from linter.globs import matches
from linter.model import Document
from linter.readers import read_document
from linter.safe_io import read_regular


def format_for(display: str, formats: Iterable[tuple[str, str]], root: str) -> str | None:
    """The format the config's ``format:`` globs give a file, else None (the reader detects
    it from the file's name and content)."""
    key = root_relative(display, root)
    for pattern, fmt in formats:
        if matches(key, pattern):
            return fmt
    return None


class LintedDocuments:
    """``documents(path)``: the Document the engine linted at ``path``, or None."""

    def __init__(self, files: dict[str, tuple[str, str]], formats: tuple[tuple[str, str], ...],
                 root: str, labels: frozenset[str], options: Any = None) -> None:
        self._files = files  # display path -> (path on disk, SHA-256 of the linted bytes)
        self._formats = formats
        self._root = root
        self._labels = labels
        self._options = options
        self._last: tuple[str, Document | None] | None = None

    def __call__(self, display: str) -> Document | None:
        if self._last is not None and self._last[0] == display:
            return self._last[1]
        doc = self._load(display)
        self._last = (display, doc)
        return doc

    def _load(self, display: str) -> Document | None:
        entry = self._files.get(display)
        if entry is None:
            return None
        path, digest = entry
        try:
            data, _ = read_regular(path)  # never a FIFO or device swapped in since the run
        except OSError:
            return None
        if not digest or hashlib.sha256(data).hexdigest() != digest:
            return None  # changed since it was linted: its findings' positions may not fit
        extra = {"options": self._options} if self._options is not None else {}
        doc, _problem = read_document(display, data,
                                      fmt=format_for(display, self._formats, self._root),
                                      labels=self._labels, real_path=path, **extra)
        return doc
