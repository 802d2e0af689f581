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
import uuid
from collections import defaultdict
from collections.abc import Iterable
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


def _suites(result: RunResult, cases: int) -> tuple[ET.Element, ET.Element]:
    total_time = result.timings.get("total", 0.0)
    errors = 1 if result.internal_errors else 0
    suites = ET.Element("testsuites", name="annolint", tests=str(cases),
                        failures=str(len(result.findings)), errors=str(errors),
                        time=f"{total_time:.3f}")
    suite = ET.SubElement(suites, "testsuite", name="annolint", tests=str(cases),
                          failures=str(len(result.findings)), errors=str(errors),
                          skipped="0", time=f"{total_time:.3f}")
    return suites, suite


def _case(path: str, findings: Iterable[Finding], names: dict[str, str]) -> ET.Element:
    case = ET.Element("testcase", classname="annolint", name=clean(path), file=clean(path))
    for finding in findings:
        failure = ET.SubElement(
            case, "failure",
            message=clean(f"{finding.rule} line {finding.line}: {finding.message}"),
            type=finding.severity or "warning",
        )
        failure.text = clean(_failure_text(finding, names))
    return case


def _system_err(result: RunResult, suite: ET.Element) -> None:
    if result.internal_errors:  # not testcases: ``tests`` stays the JSON file count
        ET.SubElement(suite, "system-err").text = clean("\n\n".join(result.internal_errors))


def to_element(result: RunResult) -> ET.Element:
    names = {meta.code: meta.name for meta in result.rules}
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_path[finding.path].append(finding)
    paths = [stats.path for stats in result.files]
    known = set(paths)
    paths += sorted(path for path in by_path if path not in known)
    suites, suite = _suites(result, len(paths))
    for path in paths:
        suite.append(_case(path, by_path.get(path, ()), names))
    _system_err(result, suite)
    return suites


def _in_case_order(result: RunResult) -> list[str] | None:
    """The testcase paths when the findings come in testcase order (files first, in their
    order, then the other paths sorted), read in one pass; None when they do not."""
    paths = [stats.path for stats in result.files]
    position = {path: index for index, path in enumerate(paths)}
    others: list[str] = []
    last: tuple = (-1,)
    for finding in result.findings:
        index = position.get(finding.path)
        key = (index,) if index is not None else (len(paths), finding.path)
        if key < last:
            return None
        if index is None and (not others or others[-1] != finding.path):
            others.append(finding.path)
        last = key
    return paths + others


def render(result: RunResult, out: TextIO, *, color: bool = False) -> None:
    """The report, one testcase in memory at a time when the findings come in order (a
    run's always do); the whole tree otherwise."""
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    paths = _in_case_order(result)
    if not paths:
        tree = ET.ElementTree(to_element(result))
        ET.indent(tree)
        tree.write(out, encoding="unicode", xml_declaration=False)
        out.write("\n")
        return
    names = {meta.code: meta.name for meta in result.rules}
    suites, suite = _suites(result, len(paths))
    mark = f"annolint-{uuid.uuid4().hex}"
    ET.SubElement(suite, "testcase", name=mark)
    _system_err(result, suite)
    ET.indent(suites)
    text = ET.tostring(suites, encoding="unicode")
    at = text.index(f'<testcase name="{mark}" />')
    line_start = text.rfind("\n", 0, at) + 1
    end = at + len(f'<testcase name="{mark}" />')
    pad = text[line_start:at]
    out.write(text[:at])
    findings = iter(result.findings)
    pending = next(findings, None)
    for number, path in enumerate(paths):
        group: list[Finding] = []
        while pending is not None and pending.path == path:
            group.append(pending)
            pending = next(findings, None)
        case = _case(path, group, names)
        ET.indent(case, level=len(pad) // 2)
        out.write(("" if number == 0 else pad) + ET.tostring(case, encoding="unicode"))
        if number < len(paths) - 1:
            out.write("\n")
    out.write(text[end:])
    out.write("\n")
