"""The Cablegate cable profile (to be filled in)."""

from linter.model import Document, Zone


def detect(doc: Document) -> bool:
    return False


def zone(doc: Document) -> list[Zone]:
    return []
