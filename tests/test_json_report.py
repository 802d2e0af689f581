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
