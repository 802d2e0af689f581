"""One line per finding, never wrapped: ``path:line:col: CODE [severity] message``.

For ``grep``, editors' problem matchers and pipes: the default when standard output is not a
terminal. Corpus text in messages is printed with control characters escaped, so a finding is
always exactly one line.
"""

from __future__ import annotations

from typing import TextIO

from linter.result import RunResult
from linter.textsafe import visible

def one_line(text: str) -> str:
    """``text`` with every control character (newline, ESC…) shown as a visible stand-in."""
    return visible(text)


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def summary(result: RunResult) -> str:
    """The run in one line: findings by severity, files, entities, documents, labels."""
    counts = result.by_severity()
    text = (f"{plural(len(result.findings), 'finding')} ({plural(counts['error'], 'error')}, "
            f"{plural(counts['warning'], 'warning')}, {counts['info']} info) in "
            f"{plural(len(result.files), 'file')}, "
            f"{plural(result.entities, 'entity', 'entities')}")
    if result.documents != len(result.files):
        text += f" in {result.documents} documents"
    labels = result.label_counts().most_common()
    if labels:
        text += " (" + ", ".join(f"{label} {count}" for label, count in labels) + ")"
    return text


def render(result: RunResult, out: TextIO, *, color: bool = False) -> None:
    for finding in result.findings:
        out.write(f"{one_line(finding.path)}:{finding.line}:{finding.column}: {finding.rule} "
                  f"[{finding.severity or 'warning'}] {one_line(finding.message)}\n")
    for note in result.notes:
        out.write(f"annolint: {one_line(note)}\n")
    out.write(f"annolint: {summary(result)}\n")
