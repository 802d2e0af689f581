"""GitHub Actions annotations: one command per finding, escaped so corpus text cannot inject."""

from __future__ import annotations

import io

from linter.model import Finding
from linter.reports import github
from linter.result import RunResult


def finding(**changes) -> Finding:
    values = dict(rule="BRK001", path="corpus/a.txt", line=3, column=5, end_line=3,
                  end_column=9, message="entity '[ORG' is never closed", severity="error")
    values.update(changes)
    return Finding(**values)


def render(*findings: Finding) -> list[str]:
    out = io.StringIO()
    github.render(RunResult(findings=list(findings), files=[], rules=[]), out)
    return out.getvalue().splitlines()


def test_one_command_per_finding_with_location_and_title():
    lines = render(finding(), finding(rule="BRK005", severity="warning", line=7),
                   finding(rule="SCH001", severity="info", line=8, end_line=9, end_column=2))
    assert lines[0] == ("::error file=corpus/a.txt,line=3,col=5,endLine=3,endColumn=9,"
                        "title=BRK001::entity '[ORG' is never closed")
    assert lines[1].startswith("::warning file=corpus/a.txt,line=7,")
    assert lines[2].startswith("::notice ") and "endLine=9,endColumn=2," in lines[2]
    assert lines[3].startswith("annolint: 3 findings (1 error, 1 warning, 1 info)")


def test_message_escaping_blocks_command_injection():
    evil = "50% done\r\n::error file=x.txt::injected\nend"
    (line, _summary) = render(finding(message=evil))
    assert line.endswith("::50%25 done%0D%0A::error file=x.txt::injected%0Aend")
    assert "\n" not in line and "\r" not in line


def test_property_escaping_of_colon_and_comma():
    (line, _summary) = render(finding(path="./dir,x/a:b%.txt"))
    assert "file=dir%2Cx/a%3Ab%25.txt,line=3," in line


def test_escape_functions_round_trip_github_unescaping():
    def unescape(text: str) -> str:  # what the runner does for properties
        for token, char in (("%3A", ":"), ("%2C", ","), ("%0D", "\r"), ("%0A", "\n"),
                            ("%25", "%")):
            text = text.replace(token, char)
        return text

    for raw in ("a:b,c", "%0A literal", "x\r\ny%", "%253A"):
        assert unescape(github.escape_property(raw)) == raw


def test_annotates_the_most_important_per_level_and_lists_all_in_the_job_summary(
        tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("ANNOLINT_GITHUB_ANNOTATIONS", "2")
    warnings = [finding(rule="LBL001", severity="warning", line=i, score=i / 10,
                        message=f"w{i} | x") for i in range(1, 6)]
    lines = render(finding(), *warnings)
    annotations = [line for line in lines if line.startswith("::")]
    assert len(annotations) == 3  # the error, and the two best-scored warnings
    assert ",line=5," in annotations[2] and ",line=4," in annotations[1]
    assert "annotated the 3 most important of 6 findings" in lines[-2]
    text = summary.read_text(encoding="utf-8")
    assert "| LBL001 |  | warning | 5 |" in text
    assert text.count("corpus/a.txt:") == 6 and "w1 \\| x" in text


def test_job_summary_escapes_markup_from_corpus_text(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    render(finding(message="<img src=x onerror=alert(1)>"))
    assert "<img" not in summary.read_text(encoding="utf-8")
