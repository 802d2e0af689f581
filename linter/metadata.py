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


def load_metadata(path: Path) -> dict[str, Any]:
    """Metadata for the document at ``path`` ({} when there is none)."""
    for sidecar in (path.with_name(path.name + ".meta.json"), path.with_suffix(".meta.json")):
        if sidecar.is_file():
            try:
                data = json.loads(sidecar.read_text("utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(data, dict):
                return data
    table_path = path.parent / "metadata.jsonl"
    try:
        mtime = table_path.stat().st_mtime_ns
    except OSError:
        return {}
    return dict(_folder_table(str(path.parent), mtime).get(path.stem, {}))
