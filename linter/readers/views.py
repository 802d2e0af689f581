"""Prose views of documents whose file text is not prose, and the way back to the file.

A CoNLL file is one token per line; a JSONL file is JSON. Rules about wording (LBL, SCH…)
read a *view*: the document's plain text, one sentence per line, tokens separated by a
space, exactly like the inline format without its markup, so the same corpus gives the
same findings in every format. Each view carries *anchors*: for every piece of view text
copied from the file (a token, a run of a JSON string between escapes), its view
(line, column) and the file (line, column) it came from. Findings on a view are mapped
back through them, so they point at the file's own line and column.

Anchors are plain ``bytes`` (an int64 array: view key, file line, file column and view
offset per piece)
so a cached per-file result stays a plain picklable value.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from typing import Any

from linter.model import Document, Finding, LineIndex, Span

_SHIFT = 1 << 32


class ViewBuilder:
    """Builds one view document: append mapped text pieces, separators and spans."""

    def __init__(self, raw_lines: LineIndex) -> None:
        self._raw = raw_lines
        self._parts: list[str] = []
        self._length = 0
        self._line = 0  # current 0-based view line
        self._line_start = 0
        self._anchors = array("q")
        self.spans: list[Span] = []
        self.appended_newline = False  # the final newline is the view's, not the text's

    @property
    def offset(self) -> int:
        return self._length

    def add(self, text: str, raw_offset: int, line: int = 0, column: int = 0) -> int:
        """Append ``text`` copied from the file at ``raw_offset`` (1-based ``line`` and
        ``column`` when the caller knows them); returns its view offset."""
        start = self._length
        if not line:
            line, column = self._raw.position(raw_offset)
        self._anchors.extend(((self._line << 32) | (start - self._line_start), line, column,
                              start))
        self._append(text)
        return start

    def add_sentence(self, rows) -> list[int]:
        """Append one line of tokens (rows with ``token``, file ``line`` and ``column``)
        joined by spaces; returns each token's view offset."""
        starts = []
        offset = self._length
        column = offset - self._line_start
        key = self._line << 32
        extend = self._anchors.extend
        for row in rows:
            starts.append(offset)
            extend((key | column, row.line, row.column, offset))
            step = len(row.token) + 1
            offset += step
            column += step
        line = " ".join([row.token for row in rows]) + "\n"
        self._parts.append(line)
        self._length += len(line)
        self._line += 1
        self._line_start = self._length
        self.appended_newline = True
        return starts

    def separator(self, text: str) -> None:
        """Append text that is not in the file as such (a space between tokens, a newline)."""
        self._append(text)

    def _append(self, text: str) -> None:
        self._parts.append(text)
        newline = text.rfind("\n")
        if newline != -1:
            self._line += text.count("\n")
            self._line_start = self._length + newline + 1
        self._length += len(text)

    def span(self, start: int, end: int, label: str) -> None:
        """Record an entity covering view offsets [start, end)."""
        self.spans.append(Span(start, end, start, end, label, "", -1))

    def finish(self, path: str, fmt: str) -> Document:
        text = "".join(self._parts)
        doc = Document(path=path, text=text, format=fmt, anchors=self._anchors.tobytes())
        doc.facts["appended_newline"] = self.appended_newline
        lines = doc.lines
        doc.spans = [Span(s.start, s.end, s.start, s.end, s.label, text[s.start:s.end].strip(),
                          lines.line_of(s.start)) for s in sorted(self.spans)]
        return doc


class AnchorMap:
    """View (line, column) → file (line, column), from a view's anchors."""

    __slots__ = ("keys", "lines", "columns", "offsets")

    def __init__(self, anchors: bytes) -> None:
        values = array("q")
        values.frombytes(anchors)
        self.keys = values[0::4]
        self.lines = values[1::4]
        self.columns = values[2::4]
        self.offsets = values[3::4]

    def position(self, line: int, column: int) -> tuple[int, int, int]:
        """File line and column of 1-based view ``line``/``column`` (from the nearest piece
        before it), and the view offset."""
        key = ((line - 1) << 32) | (column - 1)
        index = bisect_right(self.keys, key) - 1
        if index < 0:
            return (self.lines[0], self.columns[0], 0) if self.keys else (line, column, 0)
        delta = column - 1 - (self.keys[index] & (_SHIFT - 1))
        if (self.keys[index] >> 32) != line - 1:
            delta = 0
        return self.lines[index], self.columns[index] + delta, self.offsets[index] + delta


_LOCATION = re.compile(r"(?P<path>[^\s,;:'\"()]+):(?P<line>\d+):(?P<column>\d+)")


class Remapper:
    """Maps findings made on views back to their files (paths, positions, messages)."""

    def __init__(self) -> None:
        # view path -> (file path, anchors, whether findings carry the text offset)
        self._anchors: dict[str, tuple] = {}
        self._maps: dict[str, AnchorMap] = {}

    def add(self, views: dict[str, tuple] | None) -> None:
        if views:
            self._anchors.update(views)

    def __bool__(self) -> bool:
        return bool(self._anchors)

    def _map(self, view_path: str) -> AnchorMap:
        found = self._maps.get(view_path)
        if found is None:
            found = self._maps[view_path] = AnchorMap(self._anchors[view_path][1])
        return found

    def position(self, view_path: str, line: int, column: int) -> tuple[str, int, int]:
        return self._position(view_path, line, column)[:3]

    def _position(self, view_path: str, line: int, column: int) -> tuple[str, int, int, int]:
        if view_path not in self._anchors:
            return view_path, line, column, 0
        mapped = self._map(view_path).position(line, column)
        return self._anchors[view_path][0], mapped[0], mapped[1], mapped[2]

    def text(self, text: str) -> str:
        """``path:line:column`` mentions of view locations in a message, in file terms."""
        if ":" not in text:
            return text

        def replace(match: re.Match) -> str:
            if match.group("path") not in self._anchors:
                return match.group(0)
            path, line, column = self.position(match.group("path"), int(match.group("line")),
                                               int(match.group("column")))
            return f"{path}:{line}:{column}"

        return _LOCATION.sub(replace, text)

    def value(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.value(item) for item in value]
        if isinstance(value, tuple):
            return tuple(self.value(item) for item in value)
        if isinstance(value, dict):
            return {key: self.value(item) for key, item in value.items()}
        return value

    def finding(self, finding: Finding) -> Finding:
        """``finding`` in file coordinates (the end is mapped from its last character)."""
        view = finding.path
        if view not in self._anchors:
            return finding
        path, line, column, offset = self._position(view, finding.line, finding.column)
        last = max(finding.column, finding.end_column - 1)
        _, end_line, end_column = self.position(view, finding.end_line, last)
        if (end_line, end_column) < (line, column):
            end_line, end_column = line, column
        finding.path, finding.line, finding.column = path, line, column
        finding.end_line, finding.end_column = end_line, end_column + 1
        finding.message = self.text(finding.message)
        if finding.evidence:
            finding.evidence = self.value(finding.evidence)
        if self._anchors[view][2]:  # JSON: where the entity starts in the record's text
            finding.evidence = {**(finding.evidence or {}), "text_offset": offset}
            if view != path:
                finding.evidence["document"] = view.rpartition("#doc")[2]
        return finding


def view_path(path: str, index: int, count: int) -> str:
    """The path a view's findings carry until they are mapped: the file's, or, when the
    file holds several documents, ``file#docN`` (N from 1) so corpus rules tell them apart."""
    return path if count == 1 else f"{path}#doc{index + 1}"


def plain_documents(doc: Document) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Each document of a file as (plain text, [(start, end, label)]) for the writers."""
    if doc.views:
        out = []
        for view in doc.views:
            text = view.text
            if view.facts.get("appended_newline") and text.endswith("\n"):
                text = text[:-1]
            out.append((text, [(s.start, s.end, s.label) for s in view.spans]))
        return out
    if doc.format == "inline":
        from linter.readers.inline import strip_markup

        return [strip_markup(doc)]
    return [(doc.text, [(s.text_start, s.text_end, s.label) for s in doc.spans])]
