"""Turn raw bytes into text, or into one clear problem for the whole file.

A corpus directory can hold anything: a stray PDF, a Latin-1 export, a zero-filled file.
Each such file gets exactly one finding saying what is wrong and where, and the run goes on.
"""

from __future__ import annotations

from dataclasses import dataclass

_BOM = "\ufeff"


@dataclass(slots=True, frozen=True)
class FileProblem:
    """Why a file could not be read as text: rule code, message and 1-based position."""

    code: str
    message: str
    line: int = 1
    column: int = 1


def _position_of_byte(data: bytes, index: int) -> tuple[int, int]:
    """1-based line and column (in decoded characters) of byte ``index``."""
    line_start = data.rfind(b"\n", 0, index) + 1
    line = data.count(b"\n", 0, index) + 1
    column = len(data[line_start:index].decode("utf-8", errors="replace")) + 1
    return line, column


def decode_bytes(data: bytes) -> tuple[str | None, FileProblem | None]:
    """Decode UTF-8 text; NUL bytes mean binary, invalid UTF-8 is reported where it occurs."""
    nul = data.find(b"\x00")
    if nul != -1:
        line, column = _position_of_byte(data, nul)
        return None, FileProblem(
            "FIL002",
            f"file contains a NUL byte at byte {nul}: it looks binary, not annotated text; skipped",
            line,
            column,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position_of_byte(data, error.start)
        bad = data[error.start : error.start + 4].hex(" ")
        return None, FileProblem(
            "FIL003",
            f"file is not valid UTF-8 (bytes {bad} at byte {error.start}); re-save it as UTF-8; skipped",
            line,
            column,
        )
    if text.startswith(_BOM):
        text = text[1:]
    return text, None
