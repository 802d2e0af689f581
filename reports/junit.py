"""JUnit XML for CI dashboards: one testcase per linted file, one ``<failure>`` per finding.

The counts are the JSON report's: ``tests`` is the number of files (``summary.files``)
and ``failures`` the number of findings (``summary.findings``); a finding whose path is
not among the linted files (none today) gets a testcase of its own so no finding is lost.
Internal errors go to the suite's ``system-err`` and count as one ``errors``.
XML 1.0 cannot carry most control characters at all, so they are replaced before
serialising: a corpus with a stray form feed must still give a parseable report.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TextIO
from xml.etree import ElementTree as ET

from linter.model import Finding
from linter.result import RunResult

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """Text safe for XML 1.0 (illegal characters become U+FFFD)."""
    return _ILLEGAL_XML.sub("\ufffd", text)


def _failure_text(finding: Finding, names: dict[str, str]) -> str:
    lines = [f"{finding.path}:{finding.line}:{finding.column}: {finding.rule} "
             f"({names.get(finding.rule, finding.rule.lower())}) [{finding.severity}]",
             finding.message]
    if finding.span is not None:
        lines.append(f"entity: [{finding.span[1]}] {finding.span[0]}")
    if finding.score is not None:
        lines.append(f"score: {finding.score:.2f}")
    if finding.evidence:
        lines.append("evidence:")
        lines.extend(f"  {key.replace('_', ' ')}: {_readable(value)}"
                     for key, value in finding.evidence.items())
    return "\n".join(lines)


def _readable(value) -> str:
    """An evidence value as a person reads it: yes/no, lists and counts without brackets."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None or value == [] or value == {}:
        return "-"
    if isinstance(value, dict):
        return ", ".join(f"{key} {_readable(item)}" for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(_readable(item) for item in value)
    return str(value)


def to_element(result: RunResult) -> ET.Element:
    names = {meta.code: meta.name for meta in result.rules}
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_path[finding.path].append(finding)
    paths = [stats.path for stats in result.files]
    known = set(paths)
    paths += sorted(path for path in by_path if path not in known)
    total_time = result.timings.get("total", 0.0)
    errors = 1 if result.internal_errors else 0
    suites = ET.Element("testsuites", name="annolint", tests=str(len(paths)),
                        failures=str(len(result.findings)), errors=str(errors),
                        time=f"{total_time:.3f}")
    suite = ET.SubElement(suites, "testsuite", name="annolint", tests=str(len(paths)),
                          failures=str(len(result.findings)), errors=str(errors),
                          skipped="0", time=f"{total_time:.3f}")
    for path in paths:
        case = ET.SubElement(suite, "testcase", classname="annolint", name=clean(path),
                             file=clean(path))
        for finding in by_path.get(path, ()):
            failure = ET.SubElement(
                case, "failure",
                message=clean(f"{finding.rule} line {finding.line}: {finding.message}"),
                type=finding.severity or "warning",
            )
            failure.text = clean(_failure_text(finding, names))
    if result.internal_errors:  # not testcases: ``tests`` stays the JSON file count
        ET.SubElement(suite, "system-err").text = clean("\n\n".join(result.internal_errors))
    return suites


def render(result: RunResult, out: TextIO, *, color: bool = False) -> None:
    tree = ET.ElementTree(to_element(result))
    ET.indent(tree)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    tree.write(out, encoding="unicode", xml_declaration=False)
    out.write("\n")
