"""Plain-string layout for the console report: styled segments, word wrap by terminal cells,
and ANSI styling without rich's per-renderable layout work.

A *segment* is ``(text, style)``; ``style`` is a rich style string or theme name ("" for
none). Text is written as is, never parsed as markup: callers make control characters
visible first (``linter.textsafe.visible``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from rich.cells import cell_len, get_character_cell_size
from rich.console import COLOR_SYSTEMS, Console

Segments = list[tuple[str, str]]
Painter = Callable[[str, str], str]
_WORD = re.compile(r"\S+")
# Characters rich counts as one cell each (ASCII, Latin, Greek, Cyrillic, punctuation such
# as quotes and dashes, control pictures): strings of only these skip rich's slow count.
_NARROW = re.compile("[\x20-\x7e\xa0-\u02ff\u0370-\u0482\u2010-\u2027\u2030-\u205e"
                     "\u2400-\u2426\ufffd]*")


def _cells(text: str) -> int:
    """Terminal cells of ``text`` (wide characters count 2, combining marks 0)."""
    return len(text) if text.isascii() or _NARROW.fullmatch(text) else cell_len(text)


def make_painter(console: Console, color: bool) -> Painter:
    """``paint(text, style)``: the text wrapped in the console's ANSI codes for ``style``,
    or the text alone without color."""
    if not color or console.color_system is None:
        return lambda text, style: text

    @lru_cache(maxsize=None)
    def codes(style: str) -> tuple[str, str]:
        system = COLOR_SYSTEMS[console.color_system or "standard"]
        rendered = console.get_style(style).render("\0", color_system=system)
        prefix, _, suffix = rendered.partition("\0")
        return prefix, suffix

    def paint(text: str, style: str) -> str:
        if not style or not text:
            return text
        prefix, suffix = codes(style)
        return f"{prefix}{text}{suffix}"

    return paint


def join_segments(segments: Segments, paint: Painter) -> str:
    return "".join(paint(text, style) for text, style in segments)


def _chop(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """[start, end) of ``text`` cut into pieces of at most ``width`` cells."""
    pieces = []
    piece, cells = start, 0
    for index in range(start, end):
        size = get_character_cell_size(text[index])
        if cells + size > width and index > piece:
            pieces.append((piece, index))
            piece, cells = index, 0
        cells += size
    pieces.append((piece, end))
    return pieces


def wrap_spans(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of ``text`` into lines of at most ``width`` cells, as (start, end)
    offsets; whitespace at a break is dropped, words longer than a line are cut."""
    width = max(1, width)
    if _cells(text) <= width:
        return [(0, len(text))]
    ascii_only = text.isascii() or _NARROW.fullmatch(text) is not None
    lines: list[tuple[int, int]] = []
    line_start = line_end = -1
    used = 0
    for match in _WORD.finditer(text):
        start, end = match.span()
        size = end - start if ascii_only else cell_len(text[start:end])
        if line_start >= 0:
            gap = start - line_end
            if used + gap + size <= width:
                line_end, used = end, used + gap + size
                continue
            lines.append((line_start, line_end))
        if size <= width:
            line_start, line_end, used = start, end, size
            continue
        pieces = _chop(text, start, end, width)
        lines.extend(pieces[:-1])
        line_start, line_end = pieces[-1]
        used = _cells(text[line_start:line_end])
    if line_start >= 0:
        lines.append((line_start, line_end))
    return lines or [(0, 0)]


def styled_wrap(segments: Segments, width: int, indent: int, paint: Painter) -> str:
    """The segments wrapped to ``width`` cells, every line ``indent`` spaces in, each line
    ending with a newline."""
    text = "".join(part for part, _ in segments)
    pad = " " * indent
    spans = wrap_spans(text, width - indent)
    if len(spans) == 1 and spans[0] == (0, len(text)):
        return pad + join_segments(segments, paint) + "\n"
    bounds = []
    offset = 0
    for part, style in segments:
        bounds.append((offset, offset + len(part), style))
        offset += len(part)
    out = []
    for start, end in spans:
        pieces = [paint(text[max(start, lo):min(end, hi)], style)
                  for lo, hi, style in bounds if lo < end and hi > start]
        out.append(pad + "".join(pieces) + "\n")
    return "".join(out)
