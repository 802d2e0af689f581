"""Classification vocabulary of cables: banner levels, portion marks, metadata values.

Levels are ordered U < SBU < C < S < TS (5 FAH-2 H-222; LOU and FOUO are the older
names of SBU). Every parser here tolerates the Illinois tokenisation (``( C )``,
``( S//NF )``) and the lower-case marks real drafters typed (``(c)``).
"""

from __future__ import annotations

import re

RANK = {"U": 0, "SBU": 1, "C": 2, "S": 3, "TS": 4}
LEVEL_NAMES = {"U": "UNCLASSIFIED", "SBU": "SENSITIVE BUT UNCLASSIFIED", "C": "CONFIDENTIAL",
               "S": "SECRET", "TS": "TOP SECRET"}

# A banner as typed: spaced letters (``C O N F I D E N T I A L``), plain words, the
# SBU family, plus the doubled first letter of real typos (``SS E C R E T``, ``UUNCLAS``).
BANNER = re.compile(
    r"(?<![\w/])(?:"
    r"(?P<TS>TOP\s+SECRET|T O P S E C R E T)"
    r"|(?P<S>S?S ?E ?C ?R ?E ?T|S e c r e t)"
    r"|(?P<C>C ?O ?N ?F ?I ?D ?E ?N ?T ?I ?A ?L|C o n f i d e n t i a l)"
    r"|(?P<SBU>SENSITIVE\s+BUT\s+UNCLASSIFIED|LIMITED\s+OFFICIAL\s+USE"
    r"|U?UNCLAS(?:SIFIED)?(?:\s+|\s*//\s*)(?:SENSITIVE|FOUO|FOR\s+OFFICIAL\s+USE\s+ONLY|SBU)\b)"
    r"|(?P<U>U?UNCLAS(?:SIFIED)?(?:\s+E\s?F\s?T\s?O)?)"
    r")(?![\w/])"
)

_BASES = {"U": "U", "SBU": "SBU", "C": "C", "S": "S", "TS": "TS", "LOU": "SBU", "FOUO": "SBU",
          "SBU-NF": "SBU"}
# Controls that may follow the level after "/" or "//" in a portion mark.
_SUFFIX = re.compile(
    r"^(?:NF|N|NOFORN|FOUO|FGI|ORCON|OC|PROPIN|IMCON|SBU|LIMDIS|EXDIS|NODIS|SIPDIS|NOCONTRACT"
    r"|REL\b.*|RELTO\b.*)$",
    re.I,
)
_NOFORN_SUFFIX = re.compile(r"^(?:NF|N|NOFORN)$", re.I)
_ENTIRE = re.compile(r"\s*-+\s*ENTIRE\s+TEXT\s*$", re.I)

# Distribution caveats: header lines that restrict who may read a cable. This is the one
# list of them; every caveat pattern (header zoning, HDR and SPN rules) is built from it.
CAVEAT_WORDS = ("SIPDIS", "NOFORN", "NODIS", "EXDIS", "LIMDIS", "STADIS", "ORCON")
CAVEAT_ALTERNATION = "|".join(CAVEAT_WORDS)
# A caveat word on its own, not part of a longer word or a slashed mark; group 1 is the word.
CAVEAT_WORD = re.compile(rf"(?i)(?<![\w/])({CAVEAT_ALTERNATION})(?![\w/])")
# A text made only of caveat words and punctuation (a caveat line, or what follows one).
ONLY_CAVEATS = re.compile(rf"(?i)^(?:[\s.,;:]|{CAVEAT_ALTERNATION})*$")

# Inside the brackets of a portion mark: a short token sequence, no sentence.
PORTION = re.compile(r"\(\s*([A-Za-z][A-Za-z/ ,\-]{0,40}?)\s*\)")


def banner_level(match: re.Match) -> str:
    """The level of a BANNER match (its named group)."""
    return match.lastgroup or "U"


def parse_portion(inner: str) -> dict | None:
    """Parse the text inside a portion mark's brackets, or None when it is no mark.

    Returns ``{"mark", "level", "noforn", "rel", "entire"}``; ``level`` is None for a
    bracketed token that looks like a mark but is not one (``(B)``, ``(CC)``), which
    the malformed-mark rule reports.
    """
    text = " ".join(inner.split())
    entire = bool(_ENTIRE.search(text))
    if entire:
        text = _ENTIRE.sub("", text)
    parts = [part.strip() for part in re.split(r"\s*/{1,2}\s*", text) if part.strip()]
    if not parts:
        return None
    base = _BASES.get(parts[0].upper())
    suffixes = parts[1:]
    valid = base is not None and all(_SUFFIX.match(suffix) for suffix in suffixes)
    return {
        "mark": " ".join(inner.split()),
        "level": base if valid else None,
        "noforn": any(_NOFORN_SUFFIX.match(s) for s in suffixes),
        "rel": any(s.upper().startswith("REL") for s in suffixes),
        "entire": entire,
    }


def metadata_level(value: str) -> tuple[str | None, bool]:
    """(level, noforn) of a Cablegate metadata ``classification`` value."""
    upper = value.upper()
    noforn = "NOFORN" in upper
    head = upper.split("//")[0].strip()
    if head.startswith("UNCLASSIFIED"):
        return ("SBU" if "OFFICIAL USE" in upper else "U"), noforn
    level = {"CONFIDENTIAL": "C", "SECRET": "S", "TOP SECRET": "TS"}.get(head)
    return level, noforn


def grade(level: str | None) -> str | None:
    """U and SBU are both *unclassified*; C, S, TS are classified grades."""
    if level is None:
        return None
    return "U" if level in ("U", "SBU") else level
