"""The pattern of a candidate missed mention: a maximal run of name-like words on one line
(capitalised words, with connectors such as "of" or "de" inside).
"""

from __future__ import annotations

import re

from linter.rules.lbl.mentions import NAME_CONNECTORS


def _connector_pattern(word: str) -> str:
    """``word`` matched the way ``word.lower() in NAME_CONNECTORS`` does: ASCII letters in
    either case, nothing else (``re.IGNORECASE`` would also fold "ſ" and the Kelvin sign)."""
    return "".join(f"[{c.upper()}{c}]" if c.isalpha() else re.escape(c) for c in word)


def _ranges(codes: list[int]) -> str:
    """Sorted code points as the body of a regex character class ("A-Z\\xc0-\\xd6...")."""
    out = []
    index = 0
    while index < len(codes):
        end = index
        while end + 1 < len(codes) and codes[end + 1] == codes[end] + 1:
            end += 1
        first, last = re.escape(chr(codes[index])), re.escape(chr(codes[end]))
        out.append(first if end == index else f"{first}-{last}")
        index = end + 1
    return "".join(out)


_RUN_PATTERN: list = [None]
# The blocks that hold upper-case letters (Latin to Georgian, letterlike symbols, Cyrillic
# and Latin extensions, fullwidth forms; Deseret to Old Hungarian, Warang Citi,
# Medefaidrin, mathematical letters, Adlam, squared letters): scanning these instead of
# every code point makes the pattern ten times cheaper to build. A test checks that no
# upper-case letter lies outside them.
UPPER_CASE_BLOCKS = ((0, 0x3000), (0xA600, 0xAC00), (0xFF00, 0x10000), (0x10400, 0x10D00),
                     (0x11800, 0x11900), (0x16E00, 0x16F00), (0x1D400, 0x1D800),
                     (0x1E900, 0x1E960), (0x1F100, 0x1F200))


def run_pattern() -> re.Pattern:
    """A maximal run of name-like words with connectors inside, never ending on one.

    Compiled on first use: the class of upper-case characters is read from the running
    Python's Unicode tables, over :data:`UPPER_CASE_BLOCKS`.
    """
    if _RUN_PATTERN[0] is None:
        upper = [ord(c) for start, end in UPPER_CASE_BLOCKS
                 for c in filter(str.isupper, map(chr, range(start, end)))]
        basic = _ranges([c for c in upper if c < 0x10000])
        astral = _ranges([c for c in upper if c >= 0x10000])
        planes = r"\U00010000-\U0010FFFF"
        # One character class first (the regex engine then skips to candidates fast; a
        # class with characters beyond U+FFFF is slow, so those are checked afterwards).
        verify_astral = rf"(?<=[{astral}])" if astral else "(?!)"
        name = (rf"[{basic}@#{planes}](?<!\S.)"  # a capital, @ or # that starts a word
                rf"(?:(?<![@#{planes}])|(?<=[@#])(?=[^\W_])|(?<=[{planes}]){verify_astral})"
                r"\S*")
        connector = "|".join(_connector_pattern(w) for w in
                             sorted(NAME_CONNECTORS, key=len, reverse=True))
        # the first letters of the connectors, tried before the twenty alternatives
        firsts = "".join(sorted({c for word in NAME_CONNECTORS
                                 for c in (word[0].lower(), word[0].upper())}))
        connector = f"(?=[{re.escape(firsts)}])(?:{connector})"
        gap = r"[^\S\n]+"
        _RUN_PATTERN[0] = re.compile(
            rf"({name})(?:{gap}(?:(?:{connector})(?!\S){gap})*{name})*")
    return _RUN_PATTERN[0]
