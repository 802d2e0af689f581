"""JSON output (schema version 1; see ``json_schema.py`` for the contract)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TextIO

from linter import __version__
from linter.docs import rule_doc_url
from linter.result import RunResult
from linter.reports.json_stream import dump_streaming


def finding_records(result: RunResult) -> Iterator[dict[str, Any]]:
    """The findings as the report writes them, one at a time."""
    names = {meta.code: meta.name for meta in result.rules}
    urls = {meta.code: rule_doc_url(meta) for meta in result.rules}
    return (
        {
            "rule": f.rule,
            "name": names.get(f.rule, f.rule.lower()),
            "url": urls.get(f.rule),
            "severity": f.severity,
            "path": f.path,
            "line": f.line,
            "column": f.column,
            "end_line": f.end_line,
            "end_column": f.end_column,
            "message": f.message,
            "span": {"text": f.span[0], "label": f.span[1]} if f.span else None,
            "score": round(f.score, 4) if f.score is not None else None,
            "evidence": f.evidence,
            "fingerprint": f.fingerprint,
        }
        for f in result.findings
    )


def _document(result: RunResult, findings: Any) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "tool": {"name": "annolint", "version": __version__},
        "summary": {
            "files": len(result.files),
            "documents": result.documents,
            "findings": len(result.findings),
            "by_severity": result.by_severity(),
            "by_rule": result.by_rule(),
            "entities": {"total": result.entities,
                         "by_label": dict(sorted(result.label_counts().items()))},
        },
        "findings": findings,
        "notes": list(result.notes),
    }


def to_dict(result: RunResult) -> dict[str, Any]:
    return _document(result, list(finding_records(result)))


def render(result: RunResult, out: TextIO, *, color: bool = False) -> None:
    """The report, streamed: one finding in memory at a time (a big corpus has millions)."""
    dump_streaming(_document(result, None), ("findings",), finding_records(result), out)
    out.write("\n")
