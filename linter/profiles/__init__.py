"""Profiles find document structure (zones). A profile is chosen by config or detected.

``apply_profile`` fills ``doc.zones`` and ``doc.profile``; rules whose metadata names a
profile only run on documents that have it. Profile modules are imported on first use and
expose ``detect(doc) -> bool`` and ``zone(doc) -> list[Zone]``.
"""

from __future__ import annotations

import importlib

from linter.model import Document

PROFILES: dict[str, str] = {"cable": "linter.profiles.cable"}

# Zone kinds that hold structure rather than prose: label-consistency rules skip them.
STRUCTURAL_ZONES = frozenset({
    "header", "banner", "refid", "caveat", "eo", "tags", "subject", "ref", "classified_by",
    "anchor", "portion", "underline", "signature", "trailer", "page_header",
})


def _module(name: str):
    return importlib.import_module(PROFILES[name])


def detect_profile(doc: Document) -> str | None:
    """Name of the profile that recognises ``doc``, or None."""
    for name in PROFILES:
        if _module(name).detect(doc):
            return name
    return None


def apply_profile(doc: Document, choice: str) -> None:
    """Zone ``doc`` with the configured profile (``auto`` detects, ``none`` skips)."""
    if choice == "none":
        return
    name = detect_profile(doc) if choice == "auto" else choice
    if not name or name not in PROFILES:
        return
    doc.profile = name
    doc.zones = _module(name).zone(doc)
