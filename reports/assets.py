"""What the HTML report and the annotator pages share: templates, inlined assets, rule
records. Both render untrusted corpus text, so the jinja2 environment autoescapes everything
(strings included) and inlined assets may not close their own tags."""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

from linter.result import RunResult
from linter.rule import RuleMeta, example_text

_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
                 "\u2029": "\\u2029"}


def script_json(data: Any) -> str:
    """JSON safe to place inside a <script> element (no ``</script>``, no U+2028 breaks)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _JSON_UNSAFE.sub(lambda match: _JSON_ESCAPES[match.group()], text)


def rule_record(meta: RuleMeta, families: dict[str, str]) -> dict[str, Any]:
    return {"code": meta.code, "name": meta.name, "family": meta.family,
            "family_name": families.get(meta.family, meta.family), "summary": meta.summary,
            "rationale": meta.rationale, "severity": meta.severity, "scope": meta.scope,
            "bad": [example_text(e) for e in meta.bad],
            "good": [example_text(e) for e in meta.good]}


def rules_for(result: RunResult) -> list[RuleMeta]:
    """Rules that ran, plus registered metadata for any code that fired without running."""
    from linter.registry import rules_by_code

    metas = list(result.rules)
    known = {meta.code for meta in metas}
    registry = rules_by_code()
    for code in sorted({finding.rule for finding in result.findings} - known):
        metas.append(registry[code].meta if code in registry else RuleMeta(
            code=code, name=code.lower(), family=code[:3], summary="(no description)",
            rationale="This rule is not registered in this version of annolint."))
        known.add(code)
    return metas


def environment():
    try:
        from jinja2 import Environment, FileSystemLoader, select_autoescape
    except ImportError as error:  # pragma: no cover - exercised only without the extra
        raise RuntimeError("the HTML report needs jinja2: pip install 'annolint[html]'") from error
    folder = resources.files("linter.reports") / "templates"
    return Environment(loader=FileSystemLoader(str(folder)),
                       autoescape=select_autoescape(default=True, default_for_string=True),
                       trim_blocks=True, lstrip_blocks=True)


def asset(name: str) -> str:
    """A static template asset (CSS/JS) inlined verbatim; it must not end its own tag."""
    text = (resources.files("linter.reports") / "templates" / name).read_text("utf-8")
    if re.search(r"</(script|style)", text, re.IGNORECASE):
        raise ValueError(f"{name} must not contain a closing script/style tag")
    return text
