"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding.

GitHub parses ``::LEVEL key=value,...::message``. Its runner unescapes ``%25``, ``%0D``
and ``%0A`` in the message, and additionally ``%3A`` and ``%2C`` in property values (a
``:`` or ``,`` in a file name or title would otherwise end the property). Corpus text in
messages can contain anything, including a line that looks like another command, so
every newline is escaped and no finding can inject a second command; other control
characters (ESC sequences) are shown as visible stand-ins (see :mod:`linter.textsafe`).
"""

from __future__ import annotations

from typing import TextIO

from linter.model import Finding
from linter.result import RunResult
from linter.textsafe import visible

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


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


def render(result: RunResult, out: TextIO, *, color: bool = False) -> None:
    for finding in result.findings:
        out.write(command(finding) + "\n")
    counts = result.by_severity()
    total = len(result.findings)
    out.write(f"annolint: {total} finding{'s' if total != 1 else ''} "
              f"({counts['error']} errors, {counts['warning']} warnings, {counts['info']} info) "
              f"in {len(result.files)} files\n")
