"""SARIF 2.1.0 output, shaped for GitHub code scanning.

Choices that matter downstream:

* ``tool.driver.rules`` lists every rule that *ran* (not only those that fired), built
  from the RuleMeta record, so code scanning can show a rule's help even for a clean run
  and closes alerts of rules that stop firing. Each of annolint's own rules has a
  ``helpUri``: its anchored section of ``docs/rules.md`` (:func:`linter.docs.rule_url`).
* Our fingerprint (rule + path + normalised context) goes into ``partialFingerprints``
  twice: under ``annolint/v1`` and as ``primaryLocationLineHash``, the one key GitHub
  matches alerts on. Supplying it ourselves keeps alerts stable when unrelated lines move
  (the upload action would otherwise hash the line text and its position).
* ``artifactLocation.uri`` is the finding's path relative to the working directory with
  ``uriBaseId`` ``%SRCROOT%``; columns are Unicode code points (``columnKind``), as in the
  JSON report, and ``endColumn`` is exclusive, as SARIF defines it.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any, TextIO
from urllib.parse import quote

from linter import __version__
from linter.docs import rule_doc_url
from linter.model import Finding
from linter.reports.json_stream import dump_streaming
from linter.result import RunResult
from linter.rule import RuleMeta, example_text

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "info": "recommendation"}
GITHUB_TEXT_LIMIT = 1024  # GitHub rejects longer short/full descriptions


def _clip(text: str, limit: int = GITHUB_TEXT_LIMIT) -> str:
    text = text.strip() or "-"  # GitHub rejects empty descriptions
    return text if len(text) <= limit else text[: limit - 1] + "…"


def artifact_uri(path: str) -> tuple[str, bool]:
    """(uri, relative?) for a display path: relative paths stay relative, percent-encoded."""
    posix = path.replace("\\", "/")
    while posix.startswith("./"):
        posix = posix[2:]
    if PurePosixPath(posix).is_absolute() or (len(posix) > 1 and posix[1] == ":"):
        return Path(path).resolve().as_uri(), False
    return quote(posix, safe="/"), True


def _help_text(meta: RuleMeta) -> tuple[str, str]:
    """Plain and Markdown help: summary, rationale, and the bad/good examples."""
    plain = [meta.summary, "", meta.rationale]
    markdown = [meta.summary, "", meta.rationale]
    for title, examples in (("Flagged", meta.bad), ("Not flagged", meta.good)):
        examples = [example_text(example) for example in examples]
        if examples:
            plain += ["", f"{title}:"] + [f"    {line}" for ex in examples
                                          for line in ex.rstrip("\n").split("\n")]
            markdown += ["", f"**{title}:**", ""]
            for example in examples:
                markdown += ["```text", example.rstrip("\n"), "```"]
    if meta.fix:
        plain += ["", "How to fix:", meta.fix]
        markdown += ["", "**How to fix:**", "", meta.fix]
    url = rule_doc_url(meta)
    if url:
        plain += ["", f"Documentation: {url}"]
        markdown += ["", f"[Full documentation of {meta.code}]({url})"]
    return "\n".join(plain), "\n".join(markdown)


def rule_descriptor(meta: RuleMeta, family_name: str | None = None) -> dict[str, Any]:
    plain, markdown = _help_text(meta)
    tags = [meta.family] + ([family_name] if family_name else []) + [meta.scope]
    url = rule_doc_url(meta)  # none for a plugin's or a config's rule: no page to link
    return {
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": _clip(meta.summary)},
        "fullDescription": {"text": _clip(meta.rationale)},
        **({"helpUri": url} if url else {}),
        "help": {"text": plain, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS.get(meta.severity, "warning")},
        "properties": {
            "tags": tags,
            "problem.severity": PROBLEM_SEVERITY.get(meta.severity, "warning"),
            "fixable": meta.fixable,
            "fixSafety": meta.fix_safety,
        },
    }


def _region(finding: Finding) -> dict[str, int]:
    line = max(1, finding.line)
    column = max(1, finding.column)
    end_line = max(line, finding.end_line)
    end_column = max(1, finding.end_column)
    if end_line == line:
        end_column = max(end_column, column + 1)  # never an empty region
    return {"startLine": line, "startColumn": column, "endLine": end_line,
            "endColumn": end_column}


def result_record(finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    uri, relative = artifact_uri(finding.path)
    location: dict[str, Any] = {"uri": uri}
    if relative:
        location["uriBaseId"] = "%SRCROOT%"
    record: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": LEVELS.get(finding.severity or "warning", "warning"),
        "message": {"text": finding.message or finding.rule},
        "locations": [{"physicalLocation": {"artifactLocation": location,
                                            "region": _region(finding)}}],
    }
    if finding.rule in rule_index:
        record["ruleIndex"] = rule_index[finding.rule]
    edits = getattr(finding, "edits", ())
    if edits:
        record["fixes"] = [{
            "description": {"text": "apply the rule's fix (annolint check --fix)"},
            "artifactChanges": [{"artifactLocation": dict(location), "replacements": [
                {"deletedRegion": {"startLine": line, "startColumn": column,
                                   "endLine": end_line, "endColumn": end_column},
                 "insertedContent": {"text": text}}
                for line, column, end_line, end_column, text, _expect in edits]}],
        }]
    if finding.fingerprint:
        record["partialFingerprints"] = {"annolint/v1": finding.fingerprint,
                                         "primaryLocationLineHash": finding.fingerprint}
    properties: dict[str, Any] = {}
    if finding.span is not None:
        properties["span"] = {"text": finding.span[0], "label": finding.span[1]}
    if finding.score is not None:
        properties["score"] = round(finding.score, 4)
    if finding.evidence:
        properties["evidence"] = finding.evidence
    if properties:
        record["properties"] = properties
    return record


def to_dict(result: RunResult) -> dict[str, Any]:
    document = _document(result)
    rule_index = {meta.code: index for index, meta in enumerate(result.rules)}
    document["runs"][0]["results"] = [result_record(f, rule_index) for f in result.findings]
    return document


def _document(result: RunResult) -> dict[str, Any]:
    """The log without its results (a placeholder)."""
    from linter.registry import family_names

    families = family_names()
    rules = [rule_descriptor(meta, families.get(meta.family)) for meta in result.rules]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "annolint", "version": __version__,
                            "semanticVersion": __version__, "rules": rules}},
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().resolve().as_uri() + "/"}},
        "invocations": [{
            "executionSuccessful": not result.internal_errors,
            "toolExecutionNotifications": [
                {"level": "error", "message": {"text": _clip(error, 4000)}}
                for error in result.internal_errors
            ],
        }],
        "results": None,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(result: RunResult, out: TextIO, *, color: bool = False) -> None:
    """The log, streamed: one result in memory at a time (a big corpus has millions)."""
    rule_index = {meta.code: index for index, meta in enumerate(result.rules)}
    records = (result_record(finding, rule_index) for finding in result.findings)
    dump_streaming(_document(result), ("runs", 0, "results"), records, out)
    out.write("\n")
