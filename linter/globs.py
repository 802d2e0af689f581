"""Glob matching with ``**`` for include/exclude, per-file-ignores and annotator maps.

Patterns match the path relative to the project root, with ``/`` separators. A pattern
without a ``/`` matches the file name anywhere (like .gitignore): ``*.txt``.

``**`` is special only as a whole segment (``a/**/b``, ``**/x``, ``dir/**``); inside a name
(``x**``) it is a plain ``*``, as in .gitignore. No pattern can make matching slow. Patterns are normalised first (``**/**/`` is ``**/``,
``***`` is ``*``, ``?*?*`` is ``??*``); a pattern left with at most
:data:`REGEX_WILDCARDS` variable-length wildcards becomes a regular expression (fast, and
with so few wildcards the regex engine cannot backtrack much), any other one is matched
segment by segment with a table over (pattern segment, path segment) and a greedy
wildcard matcher inside a segment, which costs at most a product of the lengths.
"""

from __future__ import annotations

import re
from functools import lru_cache

REGEX_WILDCARDS = 3


def _normal_segment(segment: str) -> str:
    """Runs of ``*`` and ``?`` become their ``?`` then one ``*``; ``**`` inside a name is ``*``."""
    return re.sub(r"[*?]{2,}", lambda m: "?" * m[0].count("?") + ("*" if "*" in m[0] else ""),
                  segment)


@lru_cache(maxsize=512)
def _segments(pattern: str) -> tuple[str, ...]:
    pattern = pattern.strip()
    if "/" not in pattern.rstrip("/"):
        pattern = "**/" + pattern
    if pattern.endswith("/"):
        pattern += "**"
    out: list[str] = []
    for segment in pattern.split("/"):
        if segment != "**":
            segment = _normal_segment(segment)
        if segment == "**" and out and out[-1] == "**":
            continue
        out.append(segment)
    return tuple(out)


def _wildcards(segments: tuple[str, ...]) -> int:
    return sum(1 if segment == "**" else segment.count("*") for segment in segments)


@lru_cache(maxsize=512)
def _translate(pattern: str) -> str:
    segments = _segments(pattern)
    regex: list[str] = []
    last = len(segments) - 1
    for index, segment in enumerate(segments):
        if segment == "**":
            regex.append(".*" if index == last else "(?:.*/)?")
            continue
        for char in segment:
            regex.append("[^/]*" if char == "*" else "[^/]" if char == "?" else re.escape(char))
        if index != last:
            regex.append("/")
    return "".join(regex) + r"\Z"


def _segment_match(name: str, pattern: str) -> bool:
    """``*``/``?`` glob match of one path segment, greedy with one backtrack point: O(n*m)."""
    n, p, star, mark = 0, 0, -1, 0
    while n < len(name):
        if p < len(pattern) and (pattern[p] == "?" or pattern[p] == name[n]):
            n, p = n + 1, p + 1
        elif p < len(pattern) and pattern[p] == "*":
            star, mark, p = p, n, p + 1
        elif star != -1:
            mark += 1
            n, p = mark, star + 1
        else:
            return False
    while p < len(pattern) and pattern[p] == "*":
        p += 1
    return p == len(pattern)


def _table_match(path: str, segments: tuple[str, ...]) -> bool:
    """Segments against path parts; ``**`` takes zero or more parts (a trailing one: any)."""
    parts = path.split("/")
    reach = {0}  # pattern positions reachable after the parts consumed so far
    last = len(segments) - 1

    def close(positions: set[int]) -> set[int]:
        done = set(positions)
        for position in sorted(positions):
            while position < last and segments[position] == "**":
                position += 1
                done.add(position)
        return done

    reach = close(reach)
    for part in parts:
        step: set[int] = set()
        for position in reach:
            if position >= len(segments):
                continue
            segment = segments[position]
            if segment == "**":
                step.add(position)  # ** keeps eating parts
                if position == last:
                    step.add(position + 1)
            elif _segment_match(part, segment):
                step.add(position + 1)
        reach = close(step)
        if not reach:
            return False
    return len(segments) in reach


class _Matcher:
    """A pattern list: one regex for the simple patterns, the table for the others."""

    def __init__(self, patterns: tuple[str, ...]) -> None:
        simple = [p for p in patterns if _wildcards(_segments(p)) <= REGEX_WILDCARDS]
        self.regex = re.compile("|".join(f"(?:{_translate(p)})" for p in simple)) if simple \
            else None
        self.complex = [_segments(p) for p in patterns
                        if _wildcards(_segments(p)) > REGEX_WILDCARDS]

    def match(self, path: str) -> bool:
        if self.regex is not None and self.regex.match(path) is not None:
            return True
        return any(_table_match(path, segments) for segments in self.complex)


@lru_cache(maxsize=256)
def _compile_any(patterns: tuple[str, ...]) -> _Matcher:
    """One matcher for a whole pattern list: discovery tests every file of a large corpus."""
    return _Matcher(patterns)


def _clean(path: str) -> str:
    while path.startswith("./"):
        path = path[2:]
    return path


def matches(path: str, pattern: str) -> bool:
    """True when relative posix ``path`` matches ``pattern``."""
    return _compile_any((pattern,)).match(_clean(path))


def matches_any(path: str, patterns: list[str] | tuple[str, ...]) -> bool:
    if not patterns:
        return False
    return _compile_any(tuple(patterns)).match(_clean(path))
