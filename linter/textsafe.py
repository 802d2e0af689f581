"""Text from the corpus made safe for a terminal or a CI log.

Corpus text can hold ESC sequences (clear the screen, recolour, OSC 8 links), carriage
returns that overwrite a line, or C1 controls. Terminal and annotation outputs show every
control character as a visible stand-in of the same length (the Unicode "control
pictures", ``␛`` for ESC), so columns and underlines stay right and nothing is executed.
"""

from __future__ import annotations

_TABLE = {code: 0x2400 + code for code in range(0x20)}
_TABLE[0x7F] = 0x2421  # ␡
_TABLE.update({code: 0xFFFD for code in range(0x80, 0xA0)})  # C1 controls
_TABLE.update({code: 0xFFFD for code in (0x2028, 0x2029, 0x202A, 0x202B, 0x202C, 0x202D,
                                         0x202E, 0x2066, 0x2067, 0x2068, 0x2069)})
_KEEP_LINES = dict(_TABLE)
del _KEEP_LINES[0x0A], _KEEP_LINES[0x09]


def visible(text: str, keep_newlines: bool = False) -> str:
    """``text`` with every control character replaced by a visible one-character stand-in
    (tabs and newlines kept when ``keep_newlines``)."""
    if text.isprintable():
        return text
    return text.translate(_KEEP_LINES if keep_newlines else _TABLE)
