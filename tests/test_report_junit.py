"""JUnit XML: parses with a standard parser, and its counts are the JSON report's."""

from __future__ import annotations

import io
import json
from pathlib import Path
from xml.etree import ElementTree as ET

from linter.model import Finding
from linter.reports import json_report, junit
from linter.result import FileStats, RunResult
from tests.conftest import lint_files

DATA = Path(__file__).parent / "data"


def render(result) -> ET.Element:
    out = io.StringIO()
    junit.render(result, out)
    return ET.fromstring(out.getvalue().encode("utf-8"))


def test_counts_match_the_json_report(tmp_path):
    files = {p.name: p.read_text("utf-8") for p in (DATA / "report_corpus").glob("*.txt")}
    result = lint_files(tmp_path, files)
    root = render(result)
    out = io.StringIO()
    json_report.render(result, out)
    summary = json.loads(out.getvalue())["summary"]
    suite = root.find("testsuite")
    assert summary["findings"] > 0
    assert int(suite.get("tests")) == summary["files"] == len(suite.findall("testcase"))
    assert int(suite.get("failures")) == summary["findings"] == len(list(root.iter("failure")))
    per_file = {case.get("name"): len(case.findall("failure")) for case in suite.iter("testcase")}
    assert per_file["lima_clean.txt"] == 0
    assert per_file["lima_damaged.txt"] == sum(
        1 for f in result.findings if f.path == "lima_damaged.txt")


def test_failure_carries_rule_location_and_severity():
    result = RunResult(
        findings=[Finding("BRK001", "a.txt", 3, 5, 3, 9, "never closed", span=("SL", "ORG"),
                          severity="error")],
        files=[FileStats("a.txt"), FileStats("b.txt")], rules=[])
    suite = render(result).find("testsuite")
    failure = suite.find("testcase[@name='a.txt']/failure")
    assert failure.get("type") == "error"
    assert failure.get("message") == "BRK001 line 3: never closed"
    assert "a.txt:3:5: BRK001" in failure.text and "[ORG] SL" in failure.text
    assert suite.find("testcase[@name='b.txt']/failure") is None


def test_control_characters_and_markup_in_corpus_text_stay_parseable():
    message = "odd \x0c form feed \x00 <tag> & ]]> \"q\""
    result = RunResult(findings=[Finding("SCH001", "x<&>.txt", 1, 1, 1, 2, message,
                                         severity="warning")],
                       files=[FileStats("x<&>.txt")], rules=[])
    failure = render(result).find("testsuite/testcase/failure")
    assert "<tag> & ]]>" in failure.get("message")
    assert "\x0c" not in failure.get("message") and "\ufffd" in failure.get("message")


def test_finding_outside_linted_files_gets_its_own_testcase():
    result = RunResult(findings=[Finding("LBL001", "gone.txt", 1, 1, 1, 2, "m",
                                         severity="info")], files=[FileStats("a.txt")], rules=[])
    suite = render(result).find("testsuite")
    assert [case.get("name") for case in suite.iter("testcase")] == ["a.txt", "gone.txt"]


def test_evidence_is_readable_text_not_a_python_repr():
    import io

    from linter.reports import junit

    result = RunResult(findings=[Finding("LBL001", "a.txt", 1, 1, 1, 2, "m", severity="warning",
                                         evidence={"labels": {"LOC": 3, "ORG": 1},
                                                   "this_document": True,
                                                   "examples": ["b.txt:1:1", "c.txt:2:5"],
                                                   "other_documents": []})],
                       files=[], rules=[])
    out = io.StringIO()
    junit.render(result, out)
    text = out.getvalue()
    assert "labels: LOC 3, ORG 1" in text and "this document: yes" in text
    assert "examples: b.txt:1:1, c.txt:2:5" in text and "other documents: -" in text
    assert "{'" not in text and "True" not in text
