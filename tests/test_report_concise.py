"""The concise format: one finding per line, whatever the message holds."""

from __future__ import annotations

import io

from linter.model import Finding
from linter.reports import concise
from linter.result import FileStats, RunResult


def test_one_line_per_finding_with_control_characters_escaped():
    findings = [Finding("BRK001", "a.txt", 3, 5, 3, 9, "never closed\nnext\x1b[2J line",
                        severity="error"),
                Finding("LBL001", "b.txt", 1, 1, 1, 4, "x", severity="warning")]
    out = io.StringIO()
    concise.render(RunResult(findings=findings, files=[FileStats("a.txt"), FileStats("b.txt")],
                             rules=[]), out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "a.txt:3:5: BRK001 [error] never closed\u240anext\u241b[2J line"
    assert lines[1] == "b.txt:1:1: LBL001 [warning] x"
    assert lines[2] == "annolint: 2 findings (1 error, 1 warning, 0 info) in 2 files, 0 entities"


def test_piped_check_defaults_to_concise(tmp_path, monkeypatch, capsys):
    from linter.cli import main

    (tmp_path / "a.txt").write_text("the [ORG Shining Path ( SL ) attacked\n[LOC Lima  ] .\n",
                                    encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "a.txt", "--no-cache"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("a.txt:1:5: BRK001 [error] entity '[ORG' is never closed")
