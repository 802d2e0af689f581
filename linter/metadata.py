"""Optional per-document metadata from sidecar files.

Two shapes, checked in this order:
* ``<file>.meta.json`` beside the document (``09LIMA1659.txt.meta.json`` or
  ``09LIMA1659.meta.json``): one JSON object;
* ``metadata.jsonl`` in the document's folder: one JSON object per line whose ``id`` is the
  file name without extension (the Cablegate dump's layout).
Fields used: ``created``, ``classification``, ``origin`` (cable checks), ``annotator``.
Unreadable or malformed sidecars are ignored here; metadata is a hint, never required.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any


@lru_cache(maxsize=64)
def _folder_table(folder: str, mtime_ns: int) -> dict[str, dict[str, Any]]:
    table: dict[str, dict[str, Any]] = {}
    try:
        with open(Path(folder) / "metadata.jsonl", encoding="utf-8") as handle:
            for line in handle:
                try:
                    row = json.loads(line)
                except ValueError:
                    continue
                if isinstance(row, dict) and isinstance(row.get("id"), str):
                    table[row["id"]] = row
    except (OSError, UnicodeDecodeError):
        return {}
    return table


@lru_cache(maxsize=256)
def _sidecar_names(folder: str, mtime_ns: int) -> frozenset[str]:
    """Names of the sidecar files in ``folder`` (cached while the folder is unchanged)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return frozenset()
    return frozenset(name for name in names
                     if name.endswith(".meta.json") or name == "metadata.jsonl")


def has_sidecars(folder: str) -> bool:
    """Whether ``folder`` holds any sidecar file (a cheap pre-check for many files)."""
    try:
        return bool(_sidecar_names(folder, os.stat(folder).st_mtime_ns))
    except OSError:
        return False


def load_metadata(path: str | Path) -> dict[str, Any]:
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
    if not names:
        return {}
    name = os.path.basename(path)
    stem, _ = os.path.splitext(name)
    for sidecar in (name + ".meta.json", stem + ".meta.json"):
        if sidecar in names:
            try:
                data = json.loads(Path(folder, sidecar).read_text("utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(data, dict):
                return data
    if "metadata.jsonl" not in names:
        return {}
    try:
        mtime = os.stat(os.path.join(folder, "metadata.jsonl")).st_mtime_ns
    except OSError:
        return {}
    return dict(_folder_table(folder, mtime).get(stem, {}))
