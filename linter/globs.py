"""Glob matching with ``**`` for include/exclude, per-file-ignores and annotator maps.

Patterns match the path relative to the project root, with ``/`` separators. A pattern
without a ``/`` matches the file name anywhere (like .gitignore): ``*.txt``.
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=512)
def _compile(pattern: str) -> re.Pattern[str]:
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
    return re.compile("".join(regex) + r"\Z")


def matches(path: str, pattern: str) -> bool:
    """True when relative posix ``path`` matches ``pattern``."""
    while path.startswith("./"):
        path = path[2:]
    return _compile(pattern).match(path) is not None


def matches_any(path: str, patterns: list[str] | tuple[str, ...]) -> bool:
    return any(matches(path, pattern) for pattern in patterns)
