"""The console report shows the text as it was linted: code frames come from the run's
documents (BOM stripped, as the positions count), never from re-reading the file."""

from __future__ import annotations

import io

from linter.reports import console
from tests.conftest import lint_files


def _frame_lines(result) -> list[str]:
    out = io.StringIO()
    console.render(result, out, color=False)
    return [line for line in out.getvalue().splitlines() if "│" in line]


def test_code_frame_of_a_file_with_a_bom_underlines_the_bracket(tmp_path):
    text = "\ufeffWe saw [ORG Sendero Luminoso  there .\n"
    result = lint_files(tmp_path, {"bom.txt": text.encode("utf-8")}, select=["BRK001"])
    [finding] = result.findings
    frame = _frame_lines(result)
    source = next(line for line in frame if "We saw" in line)
    caret = next(line for line in frame if "^" in line)
    assert "\ufeff" not in source
    start = source.index("We saw") + finding.column - 1
    assert source[start:start + 4] == "[ORG"
    assert caret.index("^") == start


def test_no_code_frame_when_the_file_changed_after_linting(tmp_path):
    result = lint_files(tmp_path, {"a.txt": "We saw [ORG SL  there .\n"}, select=["BRK001"])
    (tmp_path / "a.txt").write_text("something else entirely\n", encoding="utf-8")
    assert result.document(result.findings[0].path) is None
    assert not any("something else" in line for line in _frame_lines(result))
