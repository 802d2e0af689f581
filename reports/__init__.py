"""Output formats, one module each (installed as ``linter.reports``).

``FORMATS`` maps a format name to the module that renders it. Every module exposes
``render(result, out, *, color=False)`` writing to a text stream, and reads only the
RunResult and the rule metadata. Modules are imported on demand so that, for instance,
jinja2 is never imported by a console run.
"""

from __future__ import annotations

import importlib
from typing import TextIO

from linter.result import RunResult

FORMATS: dict[str, str] = {
    "console": "console",
    "concise": "concise",
    "json": "json_report",
    "html": "html",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
}


def render(fmt: str, result: RunResult, out: TextIO, *, color: bool = False) -> None:
    module = importlib.import_module(f"linter.reports.{FORMATS[fmt]}")
    module.render(result, out, color=color)
