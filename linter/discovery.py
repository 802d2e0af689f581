"""Turn command-line paths into the list of files to lint.

Directories are walked (skipping VCS and cache folders, and with ``respect_gitignore`` what
git ignores: :mod:`linter.gitignore`) and filtered by ``include`` and ``exclude``; files
named explicitly are always linted unless excluded, like ruff does.
Paths that do not exist are reported, not raised.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path

from linter import gitignore
from linter.globs import matches_any, matching

SKIP_DIRS = {".git", ".hg", ".svn", ".annolint_cache", "__pycache__", ".venv", "node_modules",
             ".tox", ".mypy_cache", ".pytest_cache"}


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file to lint: its real path and the path shown in reports (relative, with '/').

    ``path`` is a plain string: building 20,000 ``Path`` objects costs more than the rest of
    a warm pre-commit run's discovery."""

    path: str
    display: str


def shown_name(name: str) -> str:
    """``name`` fit for a report: bytes that were not UTF-8 in the file name (decoded by
    Python as lone surrogates) are shown as ``\\xff`` escapes, so every report can encode it."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return name


def root_relative(display: str, root: Path | str) -> str:
    """A report path made relative to the config's folder, where config globs are anchored.

    Paths outside that folder are returned as they were."""
    absolute = os.path.abspath(display)
    root_abs = os.path.abspath(root)
    if absolute == root_abs or absolute.startswith(root_abs.rstrip(os.sep) + os.sep):
        return os.path.relpath(absolute, root_abs).replace(os.sep, "/")
    return display


def display_path(path: Path, base: Path) -> str:
    """Relative to ``base`` when inside it, else absolute; always with '/'."""
    absolute = Path(os.path.abspath(path))  # not resolve(): keep a symlink's own name
    try:
        return absolute.relative_to(os.path.abspath(base)).as_posix()
    except ValueError:
        return absolute.as_posix()


def _prefix(folder_abs: str, anchor_abs: str) -> str:
    """'' or 'a/b/' when ``folder_abs`` is inside ``anchor_abs``; else the absolute folder."""
    if folder_abs == anchor_abs:
        return ""
    if folder_abs.startswith(anchor_abs.rstrip(os.sep) + os.sep):
        return folder_abs[len(anchor_abs.rstrip(os.sep)) + 1:].replace(os.sep, "/") + "/"
    return folder_abs.replace(os.sep, "/") + "/"


def _companion(name: str, names: set[str]) -> bool:
    """A metadata sidecar, or the ``.ann`` of a brat pair (linted through its ``.txt``)."""
    if name == "metadata.jsonl" or name.endswith(".meta.json"):
        return True
    return name.endswith(".ann") and name[:-4] + ".txt" in names


def discover_files(
    paths: list[str], include: list[str], exclude: list[str], base: Path, root: Path,
    *, respect_gitignore: bool = False,
) -> tuple[list[SourceFile], list[str]]:
    """Files to lint under ``paths`` and the paths that do not exist.

    ``root`` anchors include/exclude patterns (the config's folder); ``base`` (the working
    directory) is what report paths are relative to. Paths are built as strings per folder,
    not per file: on the pre-commit path a 20,000-file walk must stay well under 0.1 s.
    With ``respect_gitignore`` (the config's ``respect-gitignore``, which ``check`` passes)
    walked files and folders that git ignores are left out; named files never are.
    """
    found: dict[str, SourceFile] = {}
    missing: list[str] = []
    root_abs, base_abs = os.path.abspath(root), os.path.abspath(base)
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            # the ignore rules in force in each folder still to walk, set by its parent's
            below: dict[str, gitignore.Ignores] = {}
            top = gitignore.start(os.path.abspath(path), root_abs) if respect_gitignore \
                else None
            for folder, dirnames, filenames in os.walk(path, followlinks=False):
                dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
                folder_abs = os.path.abspath(folder)
                key_prefix = _prefix(folder_abs, root_abs)
                shown_prefix = _prefix(folder_abs, base_abs)
                names = set(filenames)
                ignores = below.pop(folder, top)
                if ignores is not None:
                    if ".gitignore" in names:
                        ignores = ignores.with_own(folder_abs)
                    if ignores.chain:
                        dirnames[:] = [d for d in dirnames if not ignores.ignored(d, True)]
                    for name in dirnames:
                        below[os.path.join(folder, name)] = ignores.descend(name)
                    if not ignores.chain:
                        ignores = None
                joined, cut = os.path.join(folder, ""), len(key_prefix)
                keys = matching([key_prefix + name for name in filenames if not (
                    name.endswith((".jsonl", ".json", ".ann")) and _companion(name, names))],
                    include)
                if exclude:
                    dropped = set(matching(keys, exclude))
                    keys = [key for key in keys if key not in dropped]
                for key in keys:
                    name = key[cut:]
                    if ignores is None or not ignores.ignored(name, False):
                        shown = shown_prefix + name
                        found.setdefault(key, SourceFile(
                            joined + name, shown if shown.isascii() else shown_name(shown)))
        elif path.exists() or path.is_symlink():
            key = display_path(path, root)
            if not matches_any(key, exclude):
                found.setdefault(key, SourceFile(raw, shown_name(display_path(path, base))))
        else:
            missing.append(raw)
    return sorted(found.values(), key=attrgetter("display")), missing
