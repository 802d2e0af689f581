"""Glob matching for include/exclude, per-file-ignores and annotator maps, with gitignore
pattern syntax (the :mod:`pathspec` library compiles the patterns).

Patterns match the path relative to the project root, with ``/`` separators. A pattern
without a ``/`` (a trailing one aside) matches the file name anywhere, as in .gitignore:
``*.txt``; one with a ``/`` is anchored at the root (``a/b.txt``, ``/top.txt``). ``*`` and
``?`` stay inside one path segment, ``[34]``/``[a-z]``/``[!x]`` are character classes and
``\\`` escapes. ``**`` is special only as a whole segment (``a/**/b``, ``**/x``, ``dir/**``);
inside a name (``x**``) it is a plain ``*``. A pattern ending in ``/`` matches everything under
such a folder (``legacy/`` is ``**/legacy/**``); any other pattern matches the whole path only,
not the files under a folder of that name. ``!`` and ``#`` at the start are plain characters
here (config lists have no negation or comments).

No pattern can make matching slow. Patterns are normalised first (``**/**/`` is ``**/``,
``***`` is ``*``, ``?*?*`` is ``??*``); a pattern left with at most :data:`REGEX_WILDCARDS`
variable-length wildcards becomes pathspec's regular expression (fast, and with so few
wildcards the regex engine cannot backtrack much). Any other one is matched segment by
segment with a table over (pattern segment, path segment), each segment by
:func:`fnmatch.translate`, whose expressions do not backtrack: at most a product of the
lengths.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern

REGEX_WILDCARDS = 3
_GROUP = re.compile(r"\(\?P<\w+>")


def _normal_segment(segment: str) -> str:
    """Runs of ``*`` and ``?`` become their ``?`` then one ``*``; ``**`` inside a name is ``*``.

    Inside a character class this keeps the same set of characters."""
    return re.sub(r"[*?]{2,}", lambda m: "?" * m[0].count("?") + ("*" if "*" in m[0] else ""),
                  segment)


@lru_cache(maxsize=512)
def _segments(pattern: str) -> tuple[str, ...]:
    """The pattern as whole segments: unanchored ones start with ``**``, folder ones end
    with ``**``; a leading ``/`` (anchored) is dropped."""
    pattern = pattern.strip()
    if "/" not in pattern.rstrip("/"):
        pattern = "**/" + pattern
    if pattern.endswith("/"):
        pattern += "**"
    out: list[str] = []
    for index, segment in enumerate(pattern.split("/")):
        if index == 0 and segment == "" and len(pattern) > 1:
            continue  # '/top.txt': anchored at the root, which every pattern with a '/' is
        if segment != "**":
            segment = _normal_segment(segment)
        if segment == "**" and out and out[-1] == "**":
            continue
        out.append(segment)
    return tuple(out)


def _wildcards(segments: tuple[str, ...]) -> int:
    return sum(1 if segment == "**" else segment.count("*") for segment in segments)


def _compiled(text: str) -> GitIgnoreSpecPattern | None:
    # imported here: a pre-commit run over named files may compile no glob at all
    from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern

    try:
        compiled = GitIgnoreSpecPattern(text)
    except (re.error, ValueError):  # a bad range such as [z-a]
        return None
    return compiled if compiled.regex is not None else None


@lru_cache(maxsize=512)
def _regex(pattern: str) -> str | None:
    """pathspec's expression for one normalised pattern, made to match the whole path (or
    anything under it, for a pattern ending in ``/**``); None when it matches nothing."""
    segments = _segments(pattern)
    # '/' first anchors it at the root, and keeps a first '!' or '#' a plain character
    text = "/".join(segments) if segments[0] == "**" else "/" + "/".join(segments)
    compiled = _compiled(text)
    if compiled is None and "[" in text:  # an unclosed or bad class: '[' is a plain character
        compiled = _compiled(text.replace("[", "\\["))
    if compiled is None or not compiled.include:
        return None
    regex = _GROUP.sub("(?:", compiled.regex.pattern)  # one expression joins many patterns
    if segments[-1] == "**":
        regex = f"(?:{regex}).*" if len(segments) > 1 else ".*"
    return f"(?:{regex})\\Z"


@lru_cache(maxsize=1024)
def _segment_regex(segment: str) -> re.Pattern[str]:
    """One path segment's glob; fnmatch's expressions cannot backtrack on ``*``."""
    segment = segment.replace("[^", "[!")  # gitignore's two negated classes; fnmatch's one
    segment = re.sub(r"\\(.)", lambda m: m[1] if m[1] in "!\\" else f"[{m[1]}]", segment)
    return re.compile(fnmatch.translate(segment))


def _table_match(path: str, segments: tuple[str, ...]) -> bool:
    """Segments against path parts; ``**`` takes zero or more parts (a trailing one: any)."""
    parts = path.split("/")
    last = len(segments) - 1

    def close(positions: set[int]) -> set[int]:
        done = set(positions)
        for position in sorted(positions):
            while position < last and segments[position] == "**":
                position += 1
                done.add(position)
        return done

    reach = close({0})  # pattern positions reachable after the parts consumed so far
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
            elif _segment_regex(segment).match(part):
                step.add(position + 1)
        reach = close(step)
        if not reach:
            return False
    return len(segments) in reach


class _Matcher:
    """A pattern list: one regex for the simple patterns, the table for the others."""

    def __init__(self, patterns: tuple[str, ...]) -> None:
        simple = [p for p in patterns if _wildcards(_segments(p)) <= REGEX_WILDCARDS]
        regexes = [regex for regex in map(_regex, simple) if regex is not None]
        self.regex = re.compile("|".join(regexes)) if regexes else None
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


def table_matcher(pattern: str) -> Callable[[str], bool] | None:
    """For a pattern with more than :data:`REGEX_WILDCARDS` wildcards (whose expression
    could backtrack for long), a test of a whole path by the segment table; else None."""
    segments = _segments(pattern)
    if _wildcards(segments) <= REGEX_WILDCARDS:
        return None
    return lambda path: _table_match(path, segments)


def _clean(path: str) -> str:
    while path.startswith("./"):
        path = path[2:]
    return path


def matches(path: str, pattern: str) -> bool:
    """True when relative posix ``path`` matches ``pattern``."""
    return _compile_any((pattern,)).match(_clean(path))


_PLAIN_SUFFIX = re.compile(r"(?:\*\*/)?\*([^*?\[\]\\/]+)")


@lru_cache(maxsize=64)
def _suffixes(patterns: tuple[str, ...]) -> tuple[str, ...] | None:
    """The literal name endings when every pattern is one (``*.txt``, ``**/*.conll``, as
    the default ``include``): a path matches one exactly when it ends with it, as ``*``
    stays inside the last segment and an ending holds no ``/``. Else None."""
    found = [_PLAIN_SUFFIX.fullmatch(pattern) for pattern in patterns]
    if all(match is not None and pattern == pattern.strip()
           for match, pattern in zip(found, patterns, strict=True)):
        return tuple(match[1] for match in found if match is not None)
    return None


def matching(paths: list[str], patterns: list[str] | tuple[str, ...]) -> list[str]:
    """The ``paths`` for which :func:`matches_any` holds, in order (a whole folder of a
    large corpus at a time: one ``endswith`` per path for the default ``include``, one
    regex call when every pattern is simple)."""
    if not patterns:
        return []
    suffixes = _suffixes(tuple(patterns))
    if suffixes is not None:
        return [path for path in paths if path.endswith(suffixes)]
    compiled = _compile_any(tuple(patterns))
    if compiled.regex is not None and not compiled.complex:
        regex = compiled.regex.match
        return [path for path in paths
                if regex(_clean(path) if path.startswith("./") else path) is not None]
    return [path for path in paths if compiled.match(_clean(path))]


def matches_any(path: str, patterns: list[str] | tuple[str, ...]) -> bool:
    if not patterns:
        return False
    return _compile_any(tuple(patterns)).match(_clean(path))
