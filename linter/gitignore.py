"""Git's ignore rules for file discovery (``respect-gitignore``, on by default).

The ``.gitignore`` files from the repository root (the folder holding ``.git``; without one
the config's folder) down to each walked folder apply, nested ones included, with ``!``
negation and ``.git/info/exclude``; a deeper file overrides a higher one and the last
matching line of a file wins, as in git. A folder git ignores is not walked, so nothing
under it can be re-included (git's rule too). A folder named on the command line is walked
even when it is ignored (ruff does the same); then only the ``.gitignore`` files inside it
apply. Files named on the command line are never filtered here.

pathspec compiles each line (classes, escapes, anchoring, ``**``); a line with many
wildcards, whose expression could backtrack for long, is matched by the segment table of
:mod:`linter.globs` instead. Each ignore file is read and compiled once while unchanged.
The ignore files in force in a folder are joined into one expression that matches when any
of their lines does, shared by the folders below: most files match none, and are decided by
that one regex call; the others go line by line (last match wins, deepest file first).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from linter.globs import table_matcher

_GROUP = re.compile(r"\(\?P<\w+>")
_ENTRY_TAIL = "(?:(?P<ps_d>/)|$)"  # pathspec: matches the path itself (or, '/', a folder)
_DIR_TAIL = "(?P<ps_d>/)"  # pathspec: a folder-only pattern ('build/')
_ANYWHERE = "(?:.+/)?"  # how pathspec starts a line without a '/': at any depth
ENTRY, DIR_ONLY, PREFIX = 0, 1, 2  # PREFIX: 'dir/**', whose expression matches a prefix


class IgnoreFile:
    """One compiled ignore file: ``(ignores, kind, regex)`` rules, in file order."""

    __slots__ = ("rules", "any_file", "slow")

    def __init__(self, lines: list[str]) -> None:
        from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern  # only when needed

        rules: list[tuple[bool, int, Any]] = []
        self.slow = False
        for line in lines:
            slow = _slow_rule(line)
            if slow is not None:  # pathspec's expression could backtrack for long: the table
                rules.append(slow)
                self.slow = True
                continue
            try:
                pattern = GitIgnoreSpecPattern(line)
            except (re.error, ValueError):
                continue  # git skips a line it cannot read as a pattern
            if pattern.include is None or pattern.regex is None:
                continue  # blank or comment
            source = pattern.regex.pattern
            kind = ENTRY if source.endswith(_ENTRY_TAIL) else DIR_ONLY if source.endswith(
                _DIR_TAIL) else PREFIX
            rules.append((bool(pattern.include), kind, pattern.regex))
        self.rules = rules
        anyone = [] if self.slow else [
            _GROUP.sub("(?:", regex.pattern) + (r"\Z" if kind == ENTRY else "")
            for _, kind, regex in rules if kind != DIR_ONLY]
        self.any_file = re.compile("") if self.slow else re.compile(
            "|".join(f"(?:{one})" for one in anyone)) if anyone else None

    def verdict(self, rel: str, is_dir: bool) -> bool | None:
        """True: ignored, False: re-included by a ``!`` line, None: no line matches ``rel``
        (relative to this file's folder)."""
        if not is_dir and (self.any_file is None or self.any_file.match(rel) is None):
            return None
        for ignores, kind, regex in reversed(self.rules):
            if kind == ENTRY:
                hit = regex.fullmatch(rel)
            elif kind == DIR_ONLY:
                hit = regex.fullmatch(rel + "/") if is_dir else None
            else:
                hit = regex.match(rel)
            if hit is not None:
                return ignores
        return None


class _Table:
    """A line with many wildcards, matched by :func:`linter.globs.table_matcher`."""

    __slots__ = ("test",)

    def __init__(self, test: Callable[[str], bool]) -> None:
        self.test = test

    def fullmatch(self, rel: str) -> bool | None:
        return True if self.test(rel.rstrip("/")) else None

    match = fullmatch


def _slow_rule(line: str) -> tuple[bool, int, _Table] | None:
    text = line.rstrip()
    if not text or text.startswith("#"):
        return None
    negated = text.startswith("!")
    text = text[1:] if negated else text
    test = table_matcher(text.rstrip("/")) if text.rstrip("/") else None
    if test is None:
        return None
    return (not negated, DIR_ONLY if text.endswith("/") else ENTRY, _Table(test))


_LOADED: dict[tuple[str, int, int], IgnoreFile | None] = {}


def load(path: str) -> IgnoreFile | None:
    """The compiled ignore file at ``path``; None when it is missing, unreadable or has no
    pattern. Compiled once while the file is unchanged."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    key = (path, stat.st_mtime_ns, stat.st_size)
    if key not in _LOADED:
        try:
            with open(path, encoding="utf-8", errors="surrogateescape") as handle:
                lines = handle.read().splitlines()
        except (OSError, ValueError):
            lines = []
        compiled = IgnoreFile(lines)
        if len(_LOADED) > 4096:
            _LOADED.clear()
        _LOADED[key] = compiled if compiled.rules else None
    return _LOADED[key]


class Ignores:
    """The ignore files in force in one folder: ``(prefix, file)``, deepest first, where
    ``prefix`` is the folder's path relative to that file's folder ('' or 'a/b/').

    ``matcher`` is one expression for every file pattern of the chain, matched against the
    path relative to the topmost file's folder: one call decides most files. It depends on
    the chain's files and their folders only, so the folders below share it."""

    __slots__ = ("chain", "matcher", "negation")

    def __init__(self, chain: tuple[tuple[str, IgnoreFile], ...] = (),
                 shared: tuple[re.Pattern[str] | None, bool] | None = None) -> None:
        self.chain = chain
        self.matcher, self.negation = _chain_matcher(chain) if shared is None else shared

    def ignored(self, name: str, is_dir: bool) -> bool:
        if not is_dir:
            if self.matcher is None or self.matcher.match(self.chain[-1][0] + name) is None:
                return False
            if not self.negation:
                return True  # a line matches and none re-includes anything
        for prefix, rules in self.chain:
            verdict = rules.verdict(prefix + name, is_dir)
            if verdict is not None:
                return verdict
        return False

    def with_own(self, folder: str) -> Ignores:
        """Plus ``folder``'s own ``.gitignore`` (when it has one)."""
        own = load(os.path.join(folder, ".gitignore"))
        return Ignores((("", own), *self.chain)) if own is not None else self

    def descend(self, name: str) -> Ignores:
        return Ignores(tuple((prefix + name + "/", rules) for prefix, rules in self.chain),
                       (self.matcher, self.negation))


def _chain_matcher(chain: tuple[tuple[str, IgnoreFile], ...]
                   ) -> tuple[re.Pattern[str] | None, bool]:
    """An expression that matches a file's path (relative to the topmost file's folder) when
    some line of the chain matches it, and whether any line is a ``!`` one."""
    if not chain:
        return None, False
    top = chain[-1][0]
    parts: list[str] = []
    negation = False
    if any(rules.slow for _, rules in chain):
        return re.compile(""), True  # a line the expression cannot hold: line by line
    for prefix, rules in chain:
        lead = re.escape(top[:len(top) - len(prefix)])  # that file's folder, from the top
        anywhere, anchored = [], []  # '*.log' lines share one '(?:.+/)?': fewer retries
        for ignores, kind, regex in rules.rules:
            negation = negation or not ignores
            if kind != DIR_ONLY:
                body = _GROUP.sub("(?:", regex.pattern).removeprefix("^")
                body += r"\Z" if kind == ENTRY else ""
                if body.startswith(_ANYWHERE):
                    anywhere.append(body[len(_ANYWHERE):])
                else:
                    anchored.append(body)
        if anywhere:
            anchored.append(_ANYWHERE + "(?:" + "|".join(anywhere) + ")")
        if anchored:
            parts.append(f"{lead}(?:" + "|".join(anchored) + ")")
    if not parts:
        return None, negation
    try:
        return re.compile("|".join(parts)), negation
    except re.error:  # an expression pathspec wrote that does not join: decide line by line
        return re.compile(""), True


@lru_cache(maxsize=64)
def git_root(folder: str) -> str | None:
    """The nearest folder at or above ``folder`` with a ``.git`` (a folder, or the file of a
    worktree or submodule)."""
    current = folder
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def _info_exclude(root: str) -> IgnoreFile | None:
    """``.git/info/exclude``; for a worktree, the one of the main repository."""
    gitdir = os.path.join(root, ".git")
    if os.path.isfile(gitdir):
        try:
            with open(gitdir, encoding="utf-8") as handle:
                text = handle.read().strip()
            gitdir = os.path.join(root, text.removeprefix("gitdir:").strip())
            common = os.path.join(gitdir, "commondir")
            if os.path.isfile(common):
                with open(common, encoding="utf-8") as handle:
                    gitdir = os.path.join(gitdir, handle.read().strip())
        except (OSError, ValueError):
            return None
    return load(os.path.join(gitdir, "info", "exclude"))


def start(folder: str, config_root: str) -> Ignores:
    """The rules in force in ``folder`` (absolute) from above it; the walk adds ``folder``'s
    own ``.gitignore`` and those below."""
    top = git_root(folder)
    chain: tuple[tuple[str, IgnoreFile], ...] = ()
    if top is not None:
        exclude = _info_exclude(top)
        chain = (("", exclude),) if exclude is not None else ()
    elif folder.startswith(config_root.rstrip(os.sep) + os.sep):
        top = config_root
    else:
        return Ignores()
    ignores, current = Ignores(chain), top
    parts = os.path.relpath(folder, top).split(os.sep) if folder != top else []
    for part in parts:
        ignores = ignores.with_own(current)
        if ignores.ignored(part, True):
            return Ignores()  # a named folder that is ignored: only the files inside apply
        ignores, current = ignores.descend(part), os.path.join(current, part)
    return ignores
