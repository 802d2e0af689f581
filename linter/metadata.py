"""Optional per-document metadata from sidecar files.

Two shapes, checked in this order:
* ``<file>.meta.json`` beside the document (``09LIMA1659.txt.meta.json`` or
  ``09LIMA1659.meta.json``): one JSON object;
* ``metadata.jsonl`` in the document's folder or, given a ``root`` (the config's folder), in
  any folder above it up to ``root``: one JSON object per line whose ``id`` is the file name
  without extension (the Cablegate dump's layout) or, for a sidecar in a folder above, the
  document's path relative to that folder without extension (``annotated/09LIMA1659``).
  The nearest sidecar with a matching record wins; each is read once per run.
Fields used: ``created``, ``classification``, ``origin`` (cable checks), ``annotator``.
Unreadable or malformed sidecars are ignored here; metadata is a hint, never required.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from linter.safe_io import MAX_SIDECAR_BYTES, NotRegular, read_regular

MAX_DEPTH = 64  # sidecar JSON nested deeper is refused (a RecursionError waiting to happen)


@lru_cache(maxsize=64)
def _folder_scan(folder: str, mtime_ns: int) -> "_Table":
    """``folder``'s metadata.jsonl (its records by id, and why some were not used)."""
    try:
        data, _ = read_regular(os.path.join(folder, "metadata.jsonl"), MAX_SIDECAR_BYTES)
        text = data.decode("utf-8")
    except NotRegular as error:
        return _Table("", (f"sidecar metadata.jsonl not read: {error.strerror}",))
    except (OSError, UnicodeDecodeError):
        return _Table("", ())
    problems = []
    # only a line with more opening brackets than MAX_DEPTH can nest deeper
    if text.count("[") + text.count("{") > MAX_DEPTH:
        for number, line in enumerate(text.split("\n"), 1):
            if line.count("[") + line.count("{") > MAX_DEPTH and _parse(line) is _TOO_DEEP:
                problems.append(f"sidecar metadata.jsonl line {number} not read: JSON "
                                f"nested deeper than {MAX_DEPTH} levels")
    return _Table(text, tuple(problems[:3]))


class _Table:
    """The records of one metadata.jsonl by id (the last line naming an id wins).

    A run that relints a few documents asks for a few ids: each is looked up by parsing only
    the lines that can hold it (those containing the id verbatim, or any backslash escape:
    a JSON string without escapes is its own text). After ``FULL_AFTER`` lookups every
    line is parsed once and the table answers from memory (a cold run asks for them all).
    """

    FULL_AFTER = 16

    def __init__(self, text: str, problems: tuple[str, ...]) -> None:
        self.text, self.problems = text, problems
        self._rows: dict[str, dict[str, Any]] | None = None if text else {}
        self._asked = 0

    def find(self, keys: tuple[str, ...]) -> dict[str, dict[str, Any]]:
        """The records whose id is one of ``keys``."""
        if self._rows is None:
            self._asked += 1
            if self._asked <= self.FULL_AFTER:
                return self._scan(keys, self._candidates(keys))
            self._rows = self._scan(None, self.text.split("\n"))
        return {key: self._rows[key] for key in keys if key in self._rows}

    def _candidates(self, keys: tuple[str, ...]) -> list[str]:
        """The lines (in file order) that contain one of ``keys`` or a backslash."""
        text, found = self.text, {}
        for needle in {*keys, "\\"}:
            at = text.find(needle)
            while at != -1:
                begin = text.rfind("\n", 0, at) + 1
                end = text.find("\n", at)
                end = len(text) if end == -1 else end
                found[begin] = text[begin:end]
                at = text.find(needle, end + 1) if end < len(text) else -1
        return [found[begin] for begin in sorted(found)]

    @staticmethod
    def _scan(keys: tuple[str, ...] | None, lines) -> dict[str, dict[str, Any]]:
        table = {}
        for line in lines:
            row = _parse(line)
            if isinstance(row, dict) and isinstance(row.get("id"), str) and (
                    keys is None or row["id"] in keys):
                table[row["id"]] = row
        return table


def _depth_ok(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether ``value`` nests at most ``limit`` containers deep (checked without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return False
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return True


_TOO_DEEP = object()


def _parse(text: str) -> Any:
    """One JSON value; None when malformed, ``_TOO_DEEP`` when nested deeper than MAX_DEPTH.

    Text with at most MAX_DEPTH opening brackets cannot nest deeper (brackets inside strings
    only add to the count), so the depth walk is skipped for it: a 20,000-line
    metadata.jsonl is read on every run that relints a document."""
    try:
        value = json.loads(text)
    except RecursionError:
        return _TOO_DEEP
    except ValueError:
        return None
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return value
    return value if _depth_ok(value) else _TOO_DEEP


def sidecar_problems(path: str | Path, root: str | Path | None = None) -> list[str]:
    """Why the sidecars of the document at ``path`` were not used (a FIFO, a device, a file
    too large, JSON nested too deeply), one message each; [] when there is nothing to say."""
    folder = os.path.dirname(path) or "."
    try:
        names = _sidecar_names(folder, os.stat(folder).st_mtime_ns)
    except OSError:
        return []
    problems: list[str] = []
    own = os.path.abspath(folder)
    for above in _ancestors(path, root)[1:]:
        mtime = _jsonl_mtime(above)
        if mtime is not None:
            shown = os.path.relpath(os.path.join(above, "metadata.jsonl"), own)
            problems.extend(message.replace("sidecar metadata.jsonl", f"sidecar {shown}", 1)
                            for message in _folder_scan(above, mtime).problems)
    if not names:
        return problems
    name = os.path.basename(path)
    stem, _ = os.path.splitext(name)
    for sidecar in (name + ".meta.json", stem + ".meta.json"):
        if sidecar not in names:
            continue
        try:
            data, _ = read_regular(os.path.join(folder, sidecar), MAX_SIDECAR_BYTES)
        except NotRegular as error:
            problems.append(f"sidecar {sidecar} not read: {error.strerror}")
            continue
        except OSError:
            continue
        if _parse(data.decode("utf-8", "replace")) is _TOO_DEEP:
            problems.append(f"sidecar {sidecar} not read: JSON nested deeper than "
                            f"{MAX_DEPTH} levels")
    if "metadata.jsonl" in names:
        try:
            mtime = os.stat(os.path.join(folder, "metadata.jsonl")).st_mtime_ns
        except OSError:
            return problems
        problems.extend(_folder_scan(own, mtime).problems)  # keyed as the lookup keys it
    return problems


@lru_cache(maxsize=256)
def _sidecar_names(folder: str, mtime_ns: int) -> frozenset[str]:
    """Names of the sidecar files in ``folder`` (cached while the folder is unchanged)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return frozenset()
    return frozenset(name for name in names if is_sidecar(name))


def has_sidecars(folder: str) -> bool:
    """Whether ``folder`` holds any sidecar file (a cheap pre-check for many files)."""
    try:
        return bool(_sidecar_names(folder, os.stat(folder).st_mtime_ns))
    except OSError:
        return False


def sidecar_names(folder: str) -> frozenset[str] | None:
    """Names of the sidecar files in ``folder``; None when it cannot be listed."""
    try:
        mtime = os.stat(folder).st_mtime_ns
    except OSError:
        return None
    names = _sidecar_names(folder, mtime)
    return names if names or os.access(folder, os.R_OK | os.X_OK) else None


def forget_cached() -> None:
    """Drop the listings and tables read so far (cached by mtime, which a change within the
    clock's granularity keeps): a run that fingerprints the sidecars starts afresh."""
    _sidecar_names.cache_clear()
    _folder_scan.cache_clear()


def is_sidecar(name: str) -> bool:
    """Whether a file of this name is a metadata sidecar (read by :func:`load_metadata`)."""
    return name.endswith(".meta.json") or name == "metadata.jsonl"


def load_metadata(path: str | Path, root: str | Path | None = None) -> dict[str, Any]:
    """Metadata for the document at ``path`` ({} when there is none).

    One ``stat`` of the folder per call: on a 20,000-file corpus without sidecars this is
    the whole cost, which matters on the pre-commit path.
    """
    folder = os.path.dirname(path) or "."
    try:
        folder_mtime = os.stat(folder).st_mtime_ns
    except OSError:
        return {}
    names = _sidecar_names(folder, folder_mtime)
    if not names and root is None:
        return {}
    name = os.path.basename(path)
    stem, _ = os.path.splitext(name)
    for sidecar in (name + ".meta.json", stem + ".meta.json"):
        if sidecar in names:
            try:
                raw, _ = read_regular(os.path.join(folder, sidecar), MAX_SIDECAR_BYTES)
                data = _parse(raw.decode("utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(data, dict):
                return data
    found = _jsonl_record(path, root)
    return dict(found[1]) if found else {}


def _ancestors(path: str | Path, root: str | Path | None) -> list[str]:
    """The document's folder, then each folder above it up to ``root`` (inclusive); only the
    document's own folder without ``root`` or when the document is not under ``root``."""
    folder = os.path.dirname(os.path.abspath(path))
    if root is None:
        return [folder]
    top = os.path.abspath(root)
    if os.path.commonpath([folder, top]) != top:
        return [folder]
    chain = [folder]
    while folder != top:
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        chain.append(folder := parent)
    return chain


def sidecar_folders(path: str | Path, root: str | Path | None) -> list[str]:
    """The folders whose sidecars may describe the document at ``path``."""
    return _ancestors(path, root)


def _jsonl_mtime(folder: str) -> int | None:
    try:
        return os.stat(os.path.join(folder, "metadata.jsonl")).st_mtime_ns
    except OSError:
        return None


def _jsonl_record(path: str | Path, root: str | Path | None
                  ) -> tuple[str, dict[str, Any]] | None:
    """(sidecar path, record) of the nearest metadata.jsonl naming the document, or None."""
    document = os.path.abspath(path)
    stem = os.path.splitext(os.path.basename(document))[0]
    for folder in _ancestors(path, root):
        mtime = _jsonl_mtime(folder)
        if mtime is None:
            continue
        relative = os.path.splitext(os.path.relpath(document, folder))[0].replace(os.sep, "/")
        table = _folder_scan(folder, mtime).find((relative, stem))
        for key in (relative, stem):
            if key in table:
                return os.path.join(folder, "metadata.jsonl"), table[key]
    return None


def sidecar_for(path: str | Path, root: str | Path | None = None) -> str | None:
    """The metadata.jsonl whose record applies to the document at ``path`` (None: none)."""
    found = _jsonl_record(path, root)
    return found[0] if found else None
