"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding.

GitHub parses ``::LEVEL key=value,...::message``. Its runner unescapes ``%25``, ``%0D``
and ``%0A`` in the message, and additionally ``%3A`` and ``%2C`` in property values (a
``:`` or ``,`` in a file name or title would otherwise end the property). Corpus text in
messages can contain anything, including a line that looks like another command, so
every newline is escaped and no finding can inject a second command; other control
characters (ESC sequences) are shown as visible stand-ins (see :mod:`linter.textsafe`).

GitHub shows only the first few annotations of each level per step, so annolint writes the
most important ones as annotations (errors first, then by score; at most
``ANNOLINT_GITHUB_ANNOTATIONS`` per level, default 10) and, when the runner provides
``GITHUB_STEP_SUMMARY``, appends the whole picture to the job summary: counts per rule and a
table of findings.
"""

from __future__ import annotations

import html
import os
from collections import Counter
from typing import TextIO

from linter.model import SEVERITY_RANK, Finding
from linter.reports.concise import summary
from linter.result import RunResult
from linter.textsafe import visible

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}
DEFAULT_PER_LEVEL = 10
SUMMARY_ROWS = 1000


def escape_data(text: str) -> str:
    """Escape a message the way the Actions runner unescapes it."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(text)


def escape_property(text: str) -> str:
    """Escape a property value (file, title): the message escapes plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(finding: Finding) -> str:
    level = LEVELS.get(finding.severity or "warning", "warning")
    path = finding.path[2:] if finding.path.startswith("./") else finding.path
    end_line = max(finding.line, finding.end_line)
    properties = [
        ("file", path),
        ("line", str(finding.line)),
        ("col", str(finding.column)),
        ("endLine", str(end_line)),
        ("endColumn", str(max(1, finding.end_column))),
        ("title", finding.rule),
    ]
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{level} {props}::{escape_data(finding.message)}"


def _limit() -> int:
    try:
        return max(0, int(os.environ.get("ANNOLINT_GITHUB_ANNOTATIONS", DEFAULT_PER_LEVEL)))
    except ValueError:
        return DEFAULT_PER_LEVEL


def chosen(findings: list[Finding], per_level: int) -> list[Finding]:
    """The findings to annotate: per level, the highest-scored first, in report order."""
    ranked = sorted(range(len(findings)), key=lambda i: (
        -SEVERITY_RANK.get(findings[i].severity or "warning", 0),
        -(findings[i].score if findings[i].score is not None else 1.0), i))
    taken: dict[str, int] = {}
    keep = []
    for index in ranked:
        level = findings[index].severity or "warning"
        if taken.get(level, 0) < per_level:
            taken[level] = taken.get(level, 0) + 1
            keep.append(index)
    return [findings[i] for i in sorted(keep)]


def _cell(text: str) -> str:
    return html.escape(" ".join(text.split())).replace("|", "\\|")


def job_summary(result: RunResult, annotated: int) -> str:
    """Markdown for the job summary: counts per rule, then the findings (capped)."""
    names = {meta.code: meta.name for meta in result.rules}
    counts = Counter((f.rule, f.severity or "warning") for f in result.findings)
    lines = [f"### annolint: {summary(result)}", ""]
    if result.findings:
        lines += [f"{annotated} of them are annotated in the diff; all are listed here.", "",
                  "| rule | name | severity | count |", "|---|---|---|---|"]
        lines += [f"| {code} | {names.get(code, '')} | {severity} | {count} |"
                  for (code, severity), count in sorted(counts.items())]
        lines += ["", "| location | rule | message |", "|---|---|---|"]
        for finding in result.findings[:SUMMARY_ROWS]:
            lines.append(f"| {_cell(finding.path)}:{finding.line}:{finding.column} | "
                         f"{finding.rule} | {_cell(finding.message)} |")
        if len(result.findings) > SUMMARY_ROWS:
            lines.append(f"\n{len(result.findings) - SUMMARY_ROWS} more findings are in the "
                         "full report (use --output-format json or sarif).")
    return "\n".join(lines) + "\n"


def render(result: RunResult, out: TextIO, *, color: bool = False) -> None:
    shown = chosen(result.findings, _limit())
    for finding in shown:
        out.write(command(finding) + "\n")
    if len(shown) < len(result.findings):
        out.write(f"annolint: annotated the {len(shown)} most important of "
                  f"{len(result.findings)} findings; the job summary lists them all\n")
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        try:
            with open(target, "a", encoding="utf-8") as handle:
                handle.write(job_summary(result, len(shown)))
        except OSError as error:
            out.write(f"annolint: cannot write the job summary: {error.strerror or error}\n")
    out.write(f"annolint: {summary(result)}\n")
