"""JSON with positions: where each string value sits in the file, and how its decoded
characters map back to the file's (escapes such as ``\\n`` or ``\\u00e9`` take more
room in the file than in the text). Shared by the JSONL and Label Studio readers."""

from __future__ import annotations

import json
import re
from typing import Any

_WS = re.compile(r"[ \t\r\n]*")
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"', re.DOTALL)
_SCALAR = re.compile(r"-?[0-9A-Za-z.+\-]+")
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.DOTALL)


class JSONSyntax(ValueError):
    """Invalid JSON at ``offset``."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


def parse_with_positions(text: str, start: int = 0, end: int | None = None
                         ) -> tuple[Any, dict[int, int]]:
    """The value of the JSON in ``text[start:end]`` and, for every decoded string value,
    ``id(value) → offset of its opening quote``. Raises :class:`JSONSyntax`."""
    end = len(text) if end is None else end
    positions: dict[int, int] = {}
    keep: list[Any] = []  # every string stays alive (in the result), so ids stay unique

    def value(pos: int) -> tuple[Any, int]:
        pos = _WS.match(text, pos).end()
        if pos >= end:
            raise JSONSyntax("unexpected end of JSON", pos)
        char = text[pos]
        if char == '"':
            match = _STRING.match(text, pos)
            if match is None or match.end() > end:
                raise JSONSyntax("unterminated string", pos)
            try:
                decoded = json.loads(match.group(0))
            except ValueError:
                raise JSONSyntax("invalid string escape", pos) from None
            decoded = _Str(decoded)
            keep.append(decoded)
            positions[id(decoded)] = pos
            return decoded, match.end()
        if char == "{":
            result: dict[str, Any] = {}
            pos = _WS.match(text, pos + 1).end()
            if pos < end and text[pos] == "}":
                return result, pos + 1
            while True:
                key, pos = value(pos)
                if not isinstance(key, str):
                    raise JSONSyntax("object key is not a string", pos)
                pos = _WS.match(text, pos).end()
                if pos >= end or text[pos] != ":":
                    raise JSONSyntax("expected ':'", pos)
                result[str(key)], pos = value(pos + 1)
                pos = _WS.match(text, pos).end()
                if pos < end and text[pos] == ",":
                    pos += 1
                    continue
                if pos < end and text[pos] == "}":
                    return result, pos + 1
                raise JSONSyntax("expected ',' or '}'", pos)
        if char == "[":
            items: list[Any] = []
            pos = _WS.match(text, pos + 1).end()
            if pos < end and text[pos] == "]":
                return items, pos + 1
            while True:
                item, pos = value(pos)
                items.append(item)
                pos = _WS.match(text, pos).end()
                if pos < end and text[pos] == ",":
                    pos += 1
                    continue
                if pos < end and text[pos] == "]":
                    return items, pos + 1
                raise JSONSyntax("expected ',' or ']'", pos)
        match = _SCALAR.match(text, pos, end)
        if match is None:
            raise JSONSyntax(f"unexpected character {char!r}", pos)
        try:
            return json.loads(match.group(0)), match.end()
        except ValueError:
            raise JSONSyntax(f"invalid value {match.group(0)[:20]!r}", pos) from None

    try:
        result, pos = value(start)
    except RecursionError:
        raise JSONSyntax("JSON nested too deeply", start) from None
    pos = _WS.match(text, pos).end()
    if pos < end:
        raise JSONSyntax("extra data after the JSON value", pos)
    return result, positions


class _Str(str):
    """A str subclass: distinct objects even for equal strings, so ids identify values."""


def string_pieces(text: str, quote: int) -> list[tuple[int, int]]:
    """(decoded offset, file offset) where the mapping of the string literal starting at
    ``quote`` changes: its start and the character after every escape."""
    match = _STRING.match(text, quote)
    if match is None:
        return [(0, quote + 1)]
    body_start = quote + 1
    pieces = [(0, body_start)]
    decoded = 0
    cursor = body_start
    for escape in _ESCAPE.finditer(text, body_start, match.end() - 1):
        decoded += escape.start() - cursor
        pieces.append((decoded, escape.start()))
        width = 1
        code = escape.group(1)
        if code.startswith("u") and len(code) == 5 and 0xD800 <= int(code[1:], 16) < 0xDC00:
            following = text[escape.end():escape.end() + 6]
            if following.startswith("\\u"):
                width = 0  # the high surrogate; the pair makes one character with the next
        decoded += width
        cursor = escape.end()
        pieces.append((decoded, cursor))
    return pieces


def file_offset(pieces: list[tuple[int, int]], decoded: int) -> int:
    """File offset of decoded character ``decoded`` of a string, from its pieces."""
    from bisect import bisect_right

    index = bisect_right(pieces, (decoded, float("inf"))) - 1
    start, raw = pieces[max(index, 0)]
    return raw + (decoded - start)


def position_of(positions: dict, value: Any) -> int | None:
    """Offset of the opening quote of string ``value`` from :func:`parse_with_positions`."""
    return positions.get(id(value)) if isinstance(value, _Str) else None


def add_string(builder, value: str, pieces: list[tuple[int, int]], line: int,
               line_start: int) -> None:
    """Append decoded string ``value`` (on 1-based file ``line``, which starts at offset
    ``line_start``: a JSON string never spans lines) to a view builder, piece by piece."""
    for index, (start, raw) in enumerate(pieces):
        stop = pieces[index + 1][0] if index + 1 < len(pieces) else len(value)
        if stop > start:
            builder.add(value[start:stop], raw, line, raw - line_start + 1)
    if not value.endswith("\n"):
        builder.separator("\n")
        builder.appended_newline = True


def label_of(raw: Any) -> str | None:
    """A span label as given (a string, or the first of a list of strings), else None."""
    if isinstance(raw, list) and raw:
        raw = raw[0]
    return str(raw) if isinstance(raw, str) and raw else None


def valid_offsets(start: Any, end: Any, length: int) -> bool:
    return (type(start) is int and type(end) is int and 0 <= start < end <= length)


_KEY_TEXT = re.compile(r'"text"\s*:\s*(?=")')


def locate_text(text: str, value: str, start: int, end: int) -> int | None:
    """Offset of the opening quote of a ``"text": "…"`` string equal to ``value`` in
    ``text[start:end]`` (the first such), or None. Lets a reader decode a record with the C
    ``json`` module and still place it in the file."""
    for match in _KEY_TEXT.finditer(text, start, end):
        literal = _STRING.match(text, match.end(), end)
        if literal is None:
            continue
        body = literal.group(0)[1:-1]
        if "\\" not in body:
            if body == value:
                return match.end()
            continue
        try:
            if json.loads(literal.group(0)) == value:
                return match.end()
        except ValueError:
            continue
    return None


def loads_strict(text: str, start: int = 0, end: int | None = None) -> Any:
    """The JSON value of ``text[start:end]``, decoded by the C ``json`` module; invalid JSON
    raises :class:`JSONSyntax` where the positional parser stops."""
    end = len(text) if end is None else end
    try:
        return json.loads(text[start:end])
    except (ValueError, RecursionError):
        parse_with_positions(text, start, end)  # raises JSONSyntax with a position
        raise JSONSyntax("invalid JSON", start) from None
