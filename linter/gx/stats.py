"""Corpus statistics as plain tables (lists of dicts), built from a RunResult.

These tables are what a data-quality suite validates (see ``linter.gx``), but they are kept
free of pandas and great-expectations on purpose: building them is cheap, they are easy to
test, and any other consumer (a CSV export, a dashboard) can use them as they are.

Three tables:

* ``corpus_table``: one row per readable document (unreadable files already get a FIL
  finding and have no statistics worth validating);
* ``label_table``: one row per label seen in the corpus (count, share, documents);
* ``corpus_row``: one row for the whole corpus, with ``count_<LABEL>`` and ``share_<LABEL>``
  columns, so that a bound on one label's share is a plain column bound (no row filters,
  whose syntax changed between great-expectations 1.x releases).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from linter.safe_io import read_regular
from linter.readers.decode import decode_bytes
from linter.result import FileStats, RunResult

DOCUMENT_COLUMNS = ("path", "tokens", "entities", "density", "annotated", "annotated_entities",
                    "findings")
LABEL_COLUMNS = ("label", "count", "share", "documents")
LABEL_PREFIX = "ent_"
FAMILY_PREFIX = "findings_"


def count_tokens(text: str, entities: int) -> int:
    """Whitespace tokens of the text, markup excluded.

    In the inline bracket format every entity adds exactly two whitespace-separated markup
    tokens (``[LABEL`` and ``]``), so subtracting them gives the token count of the plain
    text without parsing again. Broken markup makes this approximate, which is good enough
    for a density statistic.
    """
    return max(0, len(text.split()) - 2 * entities)


def _tokens_of(stats: FileStats, base: Path) -> int | None:
    """Token count of one document: from the stats when the engine recorded it, else by
    re-reading the file (None when the file cannot be read any more)."""
    known = getattr(stats, "tokens", None)
    if isinstance(known, int):
        return known
    try:
        data, _ = read_regular(str(base / stats.path))
    except OSError:
        return None
    text, _ = decode_bytes(data)
    return None if text is None else count_tokens(text, stats.entities)


def family_of(result: RunResult, code: str) -> str:
    """A rule's family (``BRK``) from its metadata, else the code's three-letter prefix."""
    meta = result.rule_meta(code)
    return meta.family if meta is not None else code[:3]


def _families(result: RunResult) -> list[str]:
    """Every family of an enabled rule or of a finding, so columns exist even at zero."""
    families = {meta.family for meta in result.rules}
    families.update(family_of(result, finding.rule) for finding in result.findings)
    return sorted(families)


def _annotated(stats: FileStats) -> bool:
    """Whether a document is meant to carry annotations.

    A metadata sidecar may say ``"annotated": false`` (raw text kept beside the corpus);
    otherwise every linted document is taken to be annotated.
    """
    flag = stats.metadata.get("annotated") if stats.metadata else None
    return flag if isinstance(flag, bool) else True


def corpus_table(result: RunResult, base: Path | None = None,
                 labels: Iterable[str] = ()) -> list[dict[str, Any]]:
    """One row per readable document.

    Columns: ``path``, ``tokens``, ``entities``, ``ent_<LABEL>`` for every label seen (and
    every label in ``labels``, zero-filled), ``density`` (entities per token; None for a
    document without tokens), ``annotated``, ``annotated_entities`` (the entity count for
    annotated documents, None otherwise, so "no annotated document with zero entities" is a
    plain lower bound), ``findings`` and ``findings_<FAMILY>``.

    ``base`` is the folder report paths are relative to (the working directory of the run);
    it is only used to re-read files for token counts.
    """
    base = base or Path.cwd()
    all_labels = sorted(set(result.label_counts()) | set(labels))
    families = _families(result)
    per_file: dict[str, Counter[str]] = {}
    for finding in result.findings:
        per_file.setdefault(finding.path, Counter())[family_of(result, finding.rule)] += 1
    rows: list[dict[str, Any]] = []
    for stats in result.files:
        if not stats.readable:
            continue
        tokens = _tokens_of(stats, base)
        annotated = _annotated(stats)
        found = per_file.get(stats.path, Counter())
        row: dict[str, Any] = {"path": stats.path, "tokens": tokens, "entities": stats.entities}
        for label in all_labels:
            row[LABEL_PREFIX + label] = stats.labels.get(label, 0)
        row["density"] = round(stats.entities / tokens, 6) if tokens else None
        row["annotated"] = annotated
        row["annotated_entities"] = stats.entities if annotated else None
        row["findings"] = sum(found.values())
        for family in families:
            row[FAMILY_PREFIX + family] = found.get(family, 0)
        rows.append(row)
    return rows


def label_table(result: RunResult) -> list[dict[str, Any]]:
    """One row per label seen: ``label``, ``count``, ``share`` of all entities, and
    ``documents`` (how many documents use it). Sorted by label."""
    counts = result.label_counts()
    total = sum(counts.values())
    documents: Counter[str] = Counter()
    for stats in result.files:
        documents.update(label for label, n in stats.labels.items() if n)
    return [
        {"label": label, "count": counts[label],
         "share": round(counts[label] / total, 6) if total else 0.0,
         "documents": documents[label]}
        for label in sorted(label for label, n in counts.items() if n)
    ]


def corpus_row(result: RunResult, documents: list[dict[str, Any]],
               labels: Iterable[str] = ()) -> dict[str, Any]:
    """The whole corpus as one row: ``documents``, ``tokens``, ``entities``, ``density``
    and ``count_<LABEL>`` / ``share_<LABEL>`` for every label seen or named in ``labels``
    (zero-filled, so a bound on an absent label fails instead of being skipped)."""
    counts = result.label_counts()
    total = sum(counts.values())
    tokens = sum(row["tokens"] or 0 for row in documents)
    row: dict[str, Any] = {
        "documents": len(documents),
        "tokens": tokens,
        "entities": total,
        "density": round(total / tokens, 6) if tokens else None,
    }
    for label in sorted(set(counts) | set(labels)):
        row["count_" + label] = counts.get(label, 0)
        row["share_" + label] = round(counts.get(label, 0) / total, 6) if total else 0.0
    return row
