"""Tag schemes of token-per-line formats: detect the scheme of a file, decode tags to spans.

A tag is ``O`` or ``PREFIX-TYPE`` (``B-PER``, ``I-ORG``, ``S-LOC``…). Decoding is lenient
(a damaged sequence still yields the entities an annotator most likely meant) and every
departure from the scheme is recorded as a :class:`TagProblem` for the TAG rules.

Schemes: IOB1 (CoNLL-2003: ``I-`` opens a span, ``B-`` only separates two adjacent spans of
one type), IOB2/BIO (every span opens with ``B-``), BIOES and BILOU (single-token spans are
``S-``/``U-``, the last token of a longer span is ``E-``/``L-``), IO (no boundary marks).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import NamedTuple

SCHEMES = ("IOB1", "IOB2", "BIOES", "BILOU", "IO")
_PREFIXES = {"B", "I", "E", "S", "L", "U"}
_OUTSIDE = ("O", "")


class TagProblem(NamedTuple):
    """One departure from the scheme: ``kind`` and the index of the token it is about."""

    kind: str  # i-without-b, type-change, invalid-tag, scheme-violation
    token: int
    detail: str


@lru_cache(maxsize=8192)  # a file has few distinct tags and many rows
def split_tag(tag: str) -> tuple[str, str] | None:
    """``("B", "PER")`` for ``B-PER``, ``("O", "")`` for ``O``; None for an invalid tag."""
    if tag == "O":
        return "O", ""
    if len(tag) > 2 and tag[1] in "-_" and tag[0] in _PREFIXES and tag[2:].strip() == tag[2:]:
        return (tag[0], tag[2:]) if tag[1] == "-" else None
    return None


def detect_scheme(sentences: list[list[str]]) -> tuple[str, str]:
    """The scheme the tags of a file follow, and the reason, in words an annotator reads."""
    prefixes: Counter[str] = Counter()
    b_after_outside = i_after_outside = 0
    for tags in sentences:
        previous = _OUTSIDE
        for tag in tags:
            if tag == "O":
                previous = _OUTSIDE
                continue
            parts = split_tag(tag)
            if parts is None:
                continue
            prefixes[parts[0]] += 1
            if parts[0] in ("B", "I") and (previous[0] == "O" or previous[1] != parts[1]):
                if parts[0] == "B":
                    b_after_outside += 1
                else:
                    i_after_outside += 1
            previous = parts
    if prefixes["E"] or prefixes["S"]:
        return "BIOES", f"E-/S- tags occur ({prefixes['E']} E-, {prefixes['S']} S-)"
    if prefixes["L"] or prefixes["U"]:
        return "BILOU", f"L-/U- tags occur ({prefixes['L']} L-, {prefixes['U']} U-)"
    if not prefixes["B"]:
        if prefixes["I"]:
            return "IO", "only I- tags occur, no B-"
        return "IOB2", "no entity tags: IOB2 assumed"
    if i_after_outside and not b_after_outside:
        return "IOB1", (f"I- opens a span {i_after_outside} times and B- only separates "
                        "adjacent spans of one type")
    return "IOB2", (f"B- opens {b_after_outside} spans"
                    + (f"; I- opens {i_after_outside} (violations)" if i_after_outside else ""))


def decode(tags: list[str], scheme: str) -> tuple[list[tuple[int, int, str]], list[TagProblem]]:
    """Spans ``(first token, last token + 1, type)`` of one sentence and the problems met."""
    spans: list[tuple[int, int, str]] = []
    problems: list[TagProblem] = []
    start, kind = -1, ""  # the open span
    closed_by_end = True  # BIOES: the open span saw its E-

    def close(at: int) -> None:
        nonlocal start
        if start >= 0:
            spans.append((start, at, kind))
        start = -1

    boundary = scheme in ("BIOES", "BILOU")
    end_mark, single_mark = ("E", "S") if scheme != "BILOU" else ("L", "U")
    for index, tag in enumerate(tags):
        parts = split_tag(tag)
        if parts is None:
            problems.append(TagProblem("invalid-tag", index, tag))
            if boundary and start >= 0:
                closed_by_end = True
            close(index)
            continue
        prefix, label = parts
        if prefix == "O":
            if boundary and start >= 0 and not closed_by_end:
                problems.append(TagProblem("scheme-violation", index - 1,
                                           f"span ends without {end_mark}-"))
            close(index)
            continue
        if boundary and prefix in ("B", "I", "E", "S", "L", "U") and prefix not in (
                "B", "I", end_mark, single_mark):
            problems.append(TagProblem("invalid-tag", index, tag))
            prefix = {"E": "E", "L": "E", "S": "S", "U": "S"}[prefix]
        elif boundary:
            prefix = {end_mark: "E", single_mark: "S"}.get(prefix, prefix)
        elif prefix not in ("B", "I"):
            problems.append(TagProblem("invalid-tag", index, tag))
            prefix = "B" if prefix in ("S", "U") else "I"
        if prefix in ("B", "S"):
            if boundary and start >= 0 and not closed_by_end:
                problems.append(TagProblem("scheme-violation", index,
                                           f"{tag} inside an open span (missing {end_mark}-)"))
            if scheme == "IOB1" and (start < 0 or kind != label):
                problems.append(TagProblem("scheme-violation", index,
                                           "B- opens a span after O or another type"))
            close(index)
            start, kind, closed_by_end = index, label, prefix == "S"
            if prefix == "S":
                close(index + 1)
            continue
        # I or E: continues a span
        if start < 0 or (boundary and closed_by_end):
            if scheme == "IOB2" or boundary:
                problems.append(TagProblem("i-without-b", index, tag))
            start, kind = index, label
        elif kind != label:
            if scheme in ("IOB2", "BIOES", "BILOU"):
                problems.append(TagProblem("type-change", index, kind))
            close(index)
            start, kind = index, label
        closed_by_end = prefix == "E"
        if prefix == "E":
            close(index + 1)
    if boundary and start >= 0 and not closed_by_end:
        problems.append(TagProblem("scheme-violation", len(tags) - 1,
                                   f"span ends without {end_mark}-"))
    close(len(tags))
    return spans, problems


def encode(length: int, spans: list[tuple[int, int, str]], scheme: str) -> list[str]:
    """Tags of a sentence of ``length`` tokens with ``spans``, written in ``scheme``."""
    tags = ["O"] * length
    ordered = sorted(spans)
    previous_end, previous_label = -1, ""
    end_mark, single_mark = ("L", "U") if scheme == "BILOU" else ("E", "S")
    for start, end, label in ordered:
        if scheme in ("BIOES", "BILOU"):
            if end - start == 1:
                tags[start] = f"{single_mark}-{label}"
                continue
            tags[start] = f"B-{label}"
            for index in range(start + 1, end - 1):
                tags[index] = f"I-{label}"
            tags[end - 1] = f"{end_mark}-{label}"
            continue
        for index in range(start, end):
            tags[index] = f"I-{label}"
        adjacent = previous_end == start and previous_label == label
        if scheme == "IOB2" or (scheme == "IOB1" and adjacent):
            tags[start] = f"B-{label}"
        previous_end, previous_label = end, label
    return tags
