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
    assert lines[3].startswith("annolint: 3 findings (1 errors, 1 warnings, 1 info)")


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
