"""Console output with rich: findings grouped by file, each with a code frame that shows
the line and underlines the span (in the manner of ruff and rustc), then a summary table.

Corpus text is never parsed as rich markup (it contains brackets such as ``[/x]``): the
findings are laid out as plain strings (``console_text``: word wrap by terminal cells,
ANSI styles) and written once per file, since rich's per-renderable layout cost seconds
on thousands of findings; rich draws only the notes and the summary table, from ``Text``
objects. Control characters are made visible. Without a TTY, or with NO_COLOR, output is
plain.
"""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from linter.model import Finding
from linter.reports.console_text import (
    Painter,
    Segments,
    _cells,
    join_segments,
    make_painter,
    styled_wrap,
)
from linter.reports.concise import plural, summary
from linter.result import RunResult
from linter.textsafe import visible

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
FRAME_WIDTH = 96  # characters of a long line shown around the span


def _lines(result: RunResult, path: str) -> list[str] | None:
    """The lines of the document as it was linted (BOM stripped, as the positions count);
    ``code_frame`` makes control characters visible in the one line it shows."""
    doc = result.document(path)
    return doc.text.split("\n") if doc is not None else None


def _window(line: str, start: int, end: int, width: int) -> tuple[str, int, int]:
    """Clip ``line`` to about ``width`` characters around [start, end) with ellipses."""
    line = line.rstrip("\r").replace("\t", " ")
    if len(line) <= width:
        return line, start, end
    span_len = max(1, end - start)
    left = max(0, start - max(8, (width - span_len) // 2))
    right = min(len(line), max(end, left + width))
    left = max(0, min(left, right - width))
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line) else ""
    clipped = prefix + line[left:right] + suffix
    offset = len(prefix) - left
    return clipped, start + offset, min(end, right) + offset


def code_frame(finding: Finding, lines: list[str] | None,
               width: int = FRAME_WIDTH) -> list[Segments] | None:
    """The frame's three lines (gutter, source with the span styled, underline) as styled
    segments, or None when unavailable. Long lines are clipped to ``width`` cells around the
    span (plus an ellipsis each side); the underline counts terminal cells, so it stays
    under a span after wide characters."""
    if not lines or finding.line > len(lines) or finding.rule.startswith("FIL"):
        return None
    line = visible(lines[finding.line - 1], keep_newlines=True)
    start = finding.column - 1
    end = finding.end_column - 1 if finding.end_line == finding.line else len(line)
    end = max(end, start + 1)
    chars = max(8, width)
    while True:
        shown, s, e = _window(line, start, min(end, len(line) + 1), chars)
        excess = _cells(shown) - width - 2  # two ellipses at most
        if excess <= 0 or chars <= 8:
            break
        chars = max(8, chars - max(1, excess // 2))
    gutter = str(finding.line)
    pad = " " * len(gutter)
    style = SEVERITY_STYLE.get(finding.severity or "warning", "")
    before = _cells(shown[:s])
    carets = max(1, _cells(shown[s:min(e, len(shown))]) + max(0, e - len(shown)))
    return [
        [(f" {pad} │", "blue")],
        [(f" {gutter} │ ", "blue"), (shown[:s], ""), (shown[s:e], style), (shown[e:], "")],
        [(f" {pad} │ ", "blue"), (" " * before + "^" * carets, style)],
    ]


def _heading(finding: Finding, names: dict[str, str]) -> Segments:
    return [(f"{visible(finding.path)}:{finding.line}:{finding.column}: ", "bold"),
            (finding.rule, SEVERITY_STYLE.get(finding.severity or "", "")),
            (f" [{finding.severity}] ", "dim"),
            (visible(names.get(finding.rule, "")), "dim")]


def _details(finding: Finding) -> Segments:
    """The message (wrapped by the caller with lines hanging 2 spaces in)."""
    segments: Segments = [(visible(finding.message), "")]
    if finding.score is not None:
        segments.append((f"  (score {finding.score:.2f})", "dim"))
    return segments


def summary_table(result: RunResult) -> Table:
    names = {meta.code: meta.name for meta in result.rules}
    table = Table(title="Findings by rule", title_justify="left", show_edge=False)
    table.add_column("rule")
    table.add_column("name")
    table.add_column("severity")
    table.add_column("count", justify="right")
    counts: dict[tuple[str, str], int] = {}
    for finding in result.findings:
        key = (finding.rule, finding.severity or "warning")
        counts[key] = counts.get(key, 0) + 1
    for (code, severity), count in sorted(counts.items()):
        table.add_row(code, names.get(code, ""), Text(severity, style=SEVERITY_STYLE[severity]),
                      str(count))
    return table


def summary_line(result: RunResult) -> Text:
    text = Text(summary(result))
    text.stylize("bold", 0, len(plural(len(result.findings), "finding")))
    return text


def make_console(out: TextIO, color: bool) -> Console:
    return Console(file=out, force_terminal=color, no_color=not color, highlight=False,
                   emoji=False, width=None if color else 120, soft_wrap=False)


def _rule(title: str, width: int, paint: Painter) -> str:
    """A rule line with the title on the left, as rich draws ``Rule(align="left")``."""
    room = width - _cells(title) - 1
    line = " " + paint("─" * room, "rule.line") if room > 0 else ""
    return paint(title, "bold") + line + "\n"


def _file_block(path: str, findings: list[Finding], lines: list[str] | None,
                names: dict[str, str], width: int, paint: Painter) -> str:
    """Everything shown for one file, as one string."""
    parts = [_rule(f"{visible(path)} ({len(findings)})", width, paint)]
    gutter = len(str(max(f.line for f in findings)))
    frame_width = min(FRAME_WIDTH, max(8, width - gutter - 6))
    for finding in findings:
        parts.append(styled_wrap(_heading(finding, names), width, 0, paint))
        parts.append(styled_wrap(_details(finding), width, 2, paint))
        frame = code_frame(finding, lines, frame_width)
        if frame is not None:
            parts.extend(join_segments(row, paint) + "\n" for row in frame)
        parts.append("\n")
    return "".join(parts)


def render(result: RunResult, out: TextIO, *, color: bool = False,
           statistics: bool = True) -> None:
    """Findings are laid out as plain strings (wrapped here, styled with ANSI codes when
    ``color``) and written once per file; rich draws only the notes and the summary."""
    console = make_console(out, color)
    width = console.width
    paint = make_painter(console, color)
    names = {meta.code: meta.name for meta in result.rules}
    for path, group in groupby(result.findings, key=lambda f: f.path):
        findings = list(group)
        console.file.write(_file_block(path, findings, _lines(result, path), names, width,
                                       paint))
    for message in result.notes:
        console.print(Text(visible(message), style="dim"))
    if result.findings and statistics:
        console.print(summary_table(result))
    console.print(summary_line(result))
