"""JSON output (schema version 1; see ``json_schema.py`` for the contract)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from linter import __version__
from linter.docs import rule_doc_url
from linter.result import RunResult


def to_dict(result: RunResult) -> dict[str, Any]:
    names = {meta.code: meta.name for meta in result.rules}
    urls = {meta.code: rule_doc_url(meta) for meta in result.rules}
    findings = [
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
    ]
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


def render(result: RunResult, out: TextIO, *, color: bool = False) -> None:
    json.dump(to_dict(result), out, ensure_ascii=False, indent=2)
    out.write("\n")
