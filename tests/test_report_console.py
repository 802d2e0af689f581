"""The console report shows the text as it was linted: code frames come from the run's
documents (BOM stripped, as the positions count), never from re-reading the file."""

from __future__ import annotations

import dataclasses
import io
import re

from rich.cells import cell_len

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


def _render(result, color: bool = False) -> str:
    out = io.StringIO()
    console.render(result, out, color=color)
    return out.getvalue()


def _with_message(result, message: str, path: str | None = None):
    finding = dataclasses.replace(result.findings[0], message=message,
                                  path=path or result.findings[0].path)
    return dataclasses.replace(result, findings=[finding])


def test_long_message_wraps_hanging_two_spaces_within_the_width(tmp_path):
    result = lint_files(tmp_path, {"a.txt": "We saw [ORG SL  there .\n"}, select=["BRK001"])
    words = [f"word{i}" for i in range(80)] + ["x" * 150]
    text = _render(_with_message(result, " ".join(words)))
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 120
    first = next(i for i, line in enumerate(lines) if line.startswith("  word0 "))
    block = []
    for line in lines[first:]:
        if "│" in line or not line.strip():
            break
        block.append(line)
    assert len(block) >= 6
    assert all(line.startswith("  ") and not line.startswith("   ") for line in block)
    assert [word for line in block for word in line.split()][:80] == words[:80]
    assert "".join(block[-2:]).replace(" ", "") == "x" * 150
    assert all(line == line.rstrip() for line in block)


def test_corpus_text_is_never_markup_and_controls_are_visible(tmp_path):
    result = lint_files(tmp_path, {"a.txt": "We saw [ORG SL  there .\n"}, select=["BRK001"])
    message = "odd [bold]x[/bold] and [/x] \x1b[31mred\x1b[0m end"
    for color in (False, True):
        text = _render(_with_message(result, message, path="[b]p\x1b.txt"), color=color)
        assert "[bold]x[/bold] and [/x] ␛[31mred␛[0m end" in text
        assert "[b]p␛.txt" in text
        assert "\x1b[31mred" not in text


def test_ansi_codes_only_with_color(tmp_path):
    result = lint_files(tmp_path, {"a.txt": "We saw [ORG SL  there .\n"}, select=["BRK001"])
    assert "\x1b[" not in _render(result, color=False)
    colored = _render(result, color=True)
    assert "\x1b[" in colored
    plain = re.sub(r"\x1b\[[0-9;]*m", "", colored)
    assert "BRK001" in plain and "We saw [ORG SL" in plain


def test_underline_counts_wide_characters(tmp_path):
    text = "東京で [ORG 会社  を見た .\n"
    result = lint_files(tmp_path, {"w.txt": text}, select=["BRK001"])
    [finding] = result.findings
    frame = _frame_lines(result)
    source = next(line for line in frame if "東京" in line)
    caret = next(line for line in frame if "^" in line)
    start = source.index("東京") + finding.column - 1
    assert source[start:start + 4] == "[ORG"
    assert cell_len(caret[:caret.index("^")]) == cell_len(source[:start])
    assert caret.count("^") == cell_len(source[start:start + finding.end_column
                                              - finding.column])


def test_long_line_with_wide_characters_is_clipped_to_the_width(tmp_path):
    text = "漢" * 300 + " [ORG 会社  " + "字" * 300 + "\n"
    result = lint_files(tmp_path, {"w.txt": text}, select=["BRK001"])
    assert result.findings
    assert all(cell_len(line) <= 120 for line in _render(result).splitlines())
