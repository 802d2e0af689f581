"""The JSON report matches schema version 1 exactly."""

from __future__ import annotations

import io
import json

from linter.reports.json_report import render
from linter.reports.json_schema import Report


def render_json(result):
    out = io.StringIO()
    render(result, out)
    return json.loads(out.getvalue())


def test_seed_report_validates(lint, seed_text):
    data = render_json(lint(seed_text))
    report = Report.model_validate(data)
    assert report.schema_version == 1
    assert report.summary.documents == 1


def test_findings_validate_and_use_1_based_exclusive_positions(lint):
    text = "first line\n  [PERSON Rey  ] and [LOC Lima ]\n"
    data = render_json(lint(text))
    Report.model_validate(data)
    by_rule = {f["rule"]: f for f in data["findings"]}
    sch = by_rule["SCH001"]
    assert (sch["line"], sch["column"], sch["end_line"], sch["end_column"]) == (2, 3, 2, 17)
    line = text.split("\n")[1]
    assert line[sch["column"] - 1:sch["end_column"] - 1] == "[PERSON Rey  ]"
    assert sch["span"] == {"text": "Rey", "label": "PERSON"}
    assert sch["name"] == "unknown-label" and sch["severity"] == "error"
    assert data["summary"]["by_rule"] == {"BRK005": 1, "SCH001": 1}
    assert data["summary"]["by_severity"] == {"error": 1, "warning": 1, "info": 0}


def test_fingerprint_survives_lines_moving(lint, tmp_path):
    text = "[LOC Lima ] is big\n"
    first = render_json(lint({"a.txt": text}))["findings"][0]["fingerprint"]
    second = render_json(lint({"a.txt": "new line above\n\n" + text}))["findings"][0]
    assert second["line"] == 3 and second["fingerprint"] == first


def test_each_finding_links_its_rule_documentation(lint):
    from linter.docs import rule_url

    data = render_json(lint("first line\n  [PERSON Rey  ] and [LOC Lima ]\n"))
    report = Report.model_validate(data)
    assert {f.rule for f in report.findings} == {"SCH001", "BRK005"}
    for finding in report.findings:
        assert finding.url == rule_url(finding.rule)
        assert finding.url.endswith(f"docs/rules.md#{finding.rule.lower()}")


def test_a_config_rule_has_a_null_url(tmp_path):
    from tests.conftest import lint_files

    config = ("custom-rules:\n  - code: ACME001\n    name: ministries-are-org\n"
              "    kind: label-of\n    label: ORG\n    patterns: ['Ministry of .+']\n"
              "    bad: [\"[LOC Ministry of Defense  ]\\n\"]\n")
    result = lint_files(tmp_path, {"a.txt": "[LOC Ministry of Defense  ] met .\n"},
                        config_text=config)
    data = render_json(result)
    Report.model_validate(data)
    urls = {f["rule"]: f["url"] for f in data["findings"]}
    assert "ACME001" in urls and urls["ACME001"] is None


def test_url_is_optional_in_schema_version_1():
    """A version-1 report written before 'url' existed still validates (additive field)."""
    import pytest
    from pydantic import ValidationError

    finding = {"rule": "BRK001", "name": "unclosed-entity", "severity": "error", "path": "a",
               "line": 1, "column": 1, "end_line": 1, "end_column": 2, "message": "m",
               "span": None, "score": None, "evidence": None, "fingerprint": "f"}
    report = {"schema_version": 1, "tool": {"name": "annolint", "version": "0"},
              "summary": {"files": 1, "documents": 1, "findings": 1, "by_severity": {},
                          "by_rule": {}}, "findings": [finding]}
    assert Report.model_validate(report).findings[0].url is None
    finding["url"] = 5
    with pytest.raises(ValidationError):
        Report.model_validate(report)
