"""Run a declarative rule's bad/good examples when it loads: a rule whose examples fail is
a configuration error, so a guideline file never claims what its rules do not do.

An example is one file, or several separated by ``=== name ===`` lines (as in the built-in
rules' examples); ``expect`` entries are ``"[file:]line:column[ message fragment]"``.
"""

from __future__ import annotations

import re
from typing import Any

from linter.readers import read_document
from linter.rule import CorpusContext, Example, Rule, RuleContext

_FILE_MARK = re.compile(r"^=== (\S+) ===\n", re.MULTILINE)
_EXPECT = re.compile(r"^(?:(?P<file>[^:\s]+):)?(?P<line>\d+):(?P<column>\d+)(?: (?P<says>.+))?$")


def _files(text: str) -> dict[str, str]:
    parts = _FILE_MARK.split(text)
    if len(parts) == 1:
        return {"example.txt": text}
    files = {"example.txt": parts[0]} if parts[0].strip() else {}
    files.update(zip(parts[1::2], parts[2::2]))
    return files


def _findings(rule: Rule, options: Any, text: str, labels: frozenset[str]) -> list:
    meta = rule.meta
    findings, summaries = [], {}
    for name, content in _files(text).items():
        doc, problem = read_document(name, content.encode("utf-8"), labels=labels)
        if doc is None:
            return []
        context = RuleContext(meta, doc, options, labels)
        if meta.scope == "corpus":
            summaries[name] = rule.collect(doc, context)
        else:
            findings.extend(rule.check(doc, context))
    if meta.scope == "corpus":
        findings.extend(rule.finalize(summaries, CorpusContext(meta, options, labels)))
    return findings


def example_problem(rule: Rule, options: Any, kind: str, example: str | Example,
                    labels: frozenset[str]) -> str | None:
    """Why this example fails (``kind`` is "bad" or "good"), or None when it passes."""
    text = example if isinstance(example, str) else example.text
    expect = () if isinstance(example, str) else example.expect
    fired = _findings(rule, options, text, labels)
    got = sorted((f.path, f.line, f.column) for f in fired)
    if kind == "good":
        if fired:
            first = fired[0]
            return (f"the good example is flagged at {first.path}:{first.line}:{first.column}: "
                    f"{first.message}")
        return None
    if not fired:
        return "the bad example is not flagged"
    wanted = []
    for entry in expect:
        match = _EXPECT.match(entry)
        if match is None:
            return f"expect {entry!r} is not '[file:]line:column[ message fragment]'"
        where = (match["file"] or "example.txt", int(match["line"]), int(match["column"]))
        wanted.append(where)
        here = [f for f in fired if (f.path, f.line, f.column) == where]
        if not here:
            return f"expected a finding at {entry!r}; found {_show(got)}"
        if match["says"] and not any(match["says"] in f.message for f in here):
            return (f"the finding at {entry!r} says {here[0].message!r}, not "
                    f"{match['says']!r}")
    if expect and got != sorted(wanted):
        return f"findings at {_show(got)}, expected {_show(sorted(wanted))}"
    return None


def _show(positions: list[tuple[str, int, int]]) -> str:
    return ", ".join(f"{p}:{line}:{column}" for p, line, column in positions) or "none"
