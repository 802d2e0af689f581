"""Console output with rich: findings grouped by file, each with a code frame that shows
the line and underlines the span (in the manner of ruff and rustc), then a summary table.

Corpus text is never parsed as rich markup (it contains brackets such as ``[/x]``): every
piece of it goes into ``Text`` objects. Without a TTY, or with NO_COLOR, output is plain.
"""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from linter.model import Finding
from linter.reports.concise import plural, summary
from linter.result import RunResult
from linter.textsafe import visible

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
FRAME_WIDTH = 96  # characters of a long line shown around the span


def _lines(result: RunResult, path: str) -> list[str] | None:
    """The lines of the document as it was linted (BOM stripped, as the positions count),
    control characters made visible."""
    doc = result.document(path)
    return visible(doc.text, keep_newlines=True).split("\n") if doc is not None else None


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


def code_frame(finding: Finding, lines: list[str] | None) -> Text | None:
    """The source line with the finding's span underlined, or None when unavailable."""
    if not lines or finding.line > len(lines) or finding.rule.startswith("FIL"):
        return None
    line = lines[finding.line - 1]
    start = finding.column - 1
    end = finding.end_column - 1 if finding.end_line == finding.line else len(line)
    end = max(end, start + 1)
    shown, start, end = _window(line, start, min(end, len(line) + 1), FRAME_WIDTH)
    gutter = str(finding.line)
    pad = " " * len(gutter)
    style = SEVERITY_STYLE.get(finding.severity or "warning", "")
    frame = Text()
    frame.append(f" {pad} │\n", style="blue")
    frame.append(f" {gutter} │ ", style="blue")
    frame.append(shown[:start])
    frame.append(shown[start:end], style=style)
    frame.append(shown[end:])
    frame.append(f"\n {pad} │ ", style="blue")
    frame.append(" " * start + "^" * max(1, min(end, len(shown) + 1) - start), style=style)
    return frame


def _heading(finding: Finding, names: dict[str, str]) -> Text:
    text = Text()
    text.append(f"{visible(finding.path)}:{finding.line}:{finding.column}: ", style="bold")
    text.append(finding.rule, style=SEVERITY_STYLE.get(finding.severity or "", ""))
    text.append(f" [{finding.severity}] ", style="dim")
    text.append(names.get(finding.rule, ""), style="dim")
    return text


def _details(finding: Finding) -> Padding:
    """The message, wrapped lines hanging under its first word."""
    text = Text(visible(finding.message))
    if finding.score is not None:
        text.append(f"  (score {finding.score:.2f})", style="dim")
    return Padding(text, (0, 0, 0, 2))


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


def render(result: RunResult, out: TextIO, *, color: bool = False,
           statistics: bool = True) -> None:
    console = make_console(out, color)
    names = {meta.code: meta.name for meta in result.rules}
    for path, group in groupby(result.findings, key=lambda f: f.path):
        findings = list(group)
        lines = _lines(result, path)
        console.rule(Text(f"{visible(path)} ({len(findings)})", style="bold"), align="left")
        for finding in findings:
            console.print(_heading(finding, names))
            console.print(_details(finding))
            frame = code_frame(finding, lines)
            if frame is not None:
                console.print(frame)
            console.print()
    for message in result.notes:
        console.print(Text(visible(message), style="dim"))
    if result.findings and statistics:
        console.print(summary_table(result))
    console.print(summary_line(result))
