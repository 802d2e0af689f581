"""Glob matching with ``**`` for include/exclude, per-file-ignores and annotator maps.

Patterns match the path relative to the project root, with ``/`` separators. A pattern
without a ``/`` matches the file name anywhere (like .gitignore): ``*.txt``.
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=512)
def _translate(pattern: str) -> str:
    pattern = pattern.strip()
    if "/" not in pattern.rstrip("/"):
        pattern = "**/" + pattern
    if pattern.endswith("/"):
        pattern += "**"
    regex, index = [], 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            regex.append("(?:.*/)?")
            index += 3
            continue
        if pattern.startswith("**", index):
            regex.append(".*")
            index += 2
            continue
        if char == "*":
            regex.append("[^/]*")
        elif char == "?":
            regex.append("[^/]")
        else:
            regex.append(re.escape(char))
        index += 1
    return "".join(regex) + r"\Z"


@lru_cache(maxsize=256)
def _compile_any(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for a whole pattern list: discovery tests every file of a large corpus."""
    return re.compile("|".join(f"(?:{_translate(pattern)})" for pattern in patterns))


def _clean(path: str) -> str:
    while path.startswith("./"):
        path = path[2:]
    return path


def matches(path: str, pattern: str) -> bool:
    """True when relative posix ``path`` matches ``pattern``."""
    return _compile_any((pattern,)).match(_clean(path)) is not None


def matches_any(path: str, patterns: list[str] | tuple[str, ...]) -> bool:
    if not patterns:
        return False
    return _compile_any(tuple(patterns)).match(_clean(path)) is not None
