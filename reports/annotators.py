"""Annotator feedback pages: one friendly HTML page per annotator plus an index comparing them.

Annotation teams send each annotator their own list. Each finding (and each entity, for
the rates) is attributed, in this order, to:

1. the file's sidecar metadata field ``annotator`` (``FileStats.metadata``);
2. the config mapping ``annotators:`` (glob -> name; the first matching glob, in the
   order written, wins);
3. with ``use_git``, the author of the line by ``git blame --porcelain``: one blame per
   file (covering every line, since entity lines are needed for the rates too), never
   one per finding;
4. otherwise ``unattributed``.

Rates are findings per 1,000 entities the annotator annotated, so a prolific annotator
is not shamed for volume. Pages are written atomically; corpus text is escaped by
jinja2's autoescaping like in the main report.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from linter import __version__
from linter.atomic import atomic_writer
from linter.discovery import root_relative
from linter.globs import matches
from linter.model import Document, Finding
from linter.reports.assets import asset, environment, rules_for
from linter.result import FileStats, RunResult

UNATTRIBUTED = "unattributed"
NOT_COMMITTED = "0" * 40
CONTEXT_WIDTH = 90


@dataclass
class Annotator:
    """What one annotator's page shows."""

    name: str
    slug: str = ""
    entities: int = 0
    files: set[str] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        return 1000 * len(self.findings) / self.entities if self.entities else None

    def by_severity(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            counts[finding.severity or "warning"] += 1
        return counts


# ---------------------------------------------------------------------------- attribution

def file_annotator(stats: FileStats | None, path: str, mapping: dict[str, str],
                   root: str = ".") -> str | None:
    """The annotator of a whole file from its sidecar, then the config mapping (globs are
    relative to the config's folder ``root``); or None."""
    if stats is not None:
        name = stats.metadata.get("annotator") if isinstance(stats.metadata, dict) else None
        if isinstance(name, str) and name.strip():
            return name.strip()
    key = root_relative(path, root)
    for pattern, name in mapping.items():
        if matches(key, pattern):
            return name
    return None


def git_blame_authors(path: str) -> list[str | None] | None:
    """Author of every line of ``path`` (index 0 = line 1) from one ``git blame``; None when
    the file is not in a git work tree. Uncommitted lines have no author (None)."""
    target = Path(path)
    try:
        completed = subprocess.run(
            ["git", "blame", "--porcelain", "--", target.name], cwd=target.parent or Path("."),
            capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=120,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if completed.returncode != 0:
        return None
    return parse_porcelain(completed.stdout)


_HEADER = re.compile(r"^([0-9a-f]{40}) \d+ (\d+)(?: (\d+))?$")


def parse_porcelain(output: str) -> list[str | None]:
    """Per-line authors from ``git blame --porcelain`` output.

    The porcelain format gives a header ``<sha> <orig> <final> [<count>]`` per line and the
    commit's ``author`` only the first time a commit appears, so authors are remembered
    by sha.
    """
    authors_by_sha: dict[str, str] = {}
    lines: dict[int, str] = {}
    sha = None
    for row in output.split("\n"):
        header = _HEADER.match(row)
        if header:
            sha = header.group(1)
            lines[int(header.group(2))] = sha
            continue
        if sha and row.startswith("author ") and sha not in authors_by_sha:
            authors_by_sha[sha] = row[len("author "):]
    if not lines:
        return []
    result: list[str | None] = [None] * max(lines)
    for line, commit in lines.items():
        result[line - 1] = None if commit == NOT_COMMITTED else authors_by_sha.get(commit)
    return result


def attribute(result: RunResult, *, use_git: bool = False,
              blame=git_blame_authors) -> dict[str, Annotator]:
    """Group findings and entity counts by annotator."""
    mapping = dict(result.settings.get("annotators") or {})
    root = os.path.dirname(result.config_path) if result.config_path else "."
    stats_by_path = {stats.path: stats for stats in result.files}
    findings_by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        findings_by_path[finding.path].append(finding)
    people: dict[str, Annotator] = {}

    def person(name: str | None) -> Annotator:
        name = name or UNATTRIBUTED
        if name not in people:
            people[name] = Annotator(name)
        return people[name]

    for path in list(stats_by_path) + [p for p in findings_by_path if p not in stats_by_path]:
        stats = stats_by_path.get(path)
        owner = file_annotator(stats, path, mapping, root)
        authors = blame(path) if owner is None and use_git else None
        if owner is not None or authors is None:
            who = person(owner)
            who.entities += stats.entities if stats else 0
            who.files.add(path)
            who.findings.extend(findings_by_path.get(path, ()))
            continue
        doc: Document | None = result.document(path) if stats and stats.entities else None
        for span in doc.spans if doc else ():
            who = person(authors[span.line] if span.line < len(authors) else None)
            who.entities += 1
            who.files.add(path)
        for finding in findings_by_path.get(path, ()):
            line = finding.line - 1
            who = person(authors[line] if 0 <= line < len(authors) else None)
            who.findings.append(finding)
            who.files.add(path)
    return people


# ---------------------------------------------------------------------------- pages

def slugify(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-.") or "annotator"
    if base == "index":
        base = "annotator-index"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


class _Lines:
    """Cached file lines (of the documents as linted) for context snippets."""

    def __init__(self, result: RunResult) -> None:
        self.result = result
        self.cache: dict[str, list[str] | None] = {}

    def snippet(self, finding: Finding) -> dict[str, str] | None:
        if finding.path not in self.cache:
            doc = self.result.document(finding.path)
            self.cache[finding.path] = doc.text.split("\n") if doc is not None else None
        lines = self.cache[finding.path]
        if not lines or not 1 <= finding.line <= len(lines) or finding.rule.startswith("FIL"):
            return None
        line = lines[finding.line - 1].rstrip("\r")
        start = max(0, finding.column - 1)
        end = finding.end_column - 1 if finding.end_line == finding.line else len(line)
        end = max(start, min(end, len(line)))
        left = line[max(0, start - CONTEXT_WIDTH):start]
        right = line[end:end + CONTEXT_WIDTH]
        return {"left": ("…" if start > CONTEXT_WIDTH else "") + left,
                "hit": line[start:end] or "‸", "right": right + ("…" if end + CONTEXT_WIDTH < len(line) else "")}


def _page_context(person: Annotator, result: RunResult, team_rate: float | None,
                  lines: _Lines) -> dict[str, Any]:
    metas = {meta.code: meta for meta in rules_for(result)}
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for finding in person.findings:
        by_rule[finding.rule].append(finding)
    sections = []
    for code, items in sorted(by_rule.items(), key=lambda item: (-len(item[1]), item[0])):
        sections.append({
            "meta": metas.get(code), "code": code, "count": len(items),
            "findings": [{"finding": f, "snippet": lines.snippet(f)}
                         for f in sorted(items, key=Finding.sort_key)],
        })
    strings = Counter(f.span[0] for f in person.findings if f.span)
    return {
        "person": person, "sections": sections, "team_rate": team_rate,
        "severity": person.by_severity(),
        "top_rules": [(s["code"], s["meta"].name if s["meta"] else "", s["count"])
                      for s in sections[:5]],
        "top_strings": strings.most_common(8),
    }


def write_annotator_pages(result: RunResult, out_dir: Path, *, use_git: bool = False,
                          now: datetime | None = None) -> list[Path]:
    """Write ``index.html`` and one page per annotator into ``out_dir``; return their paths
    (index first)."""
    from markupsafe import Markup

    out_dir = Path(out_dir)
    people = attribute(result, use_git=use_git)
    taken: set[str] = set()
    ordered = sorted(people.values(), key=lambda p: (p.name == UNATTRIBUTED, p.name.lower()))
    for person in ordered:
        person.slug = slugify(person.name, taken)
    total_entities = sum(p.entities for p in ordered)
    team_rate = 1000 * len(result.findings) / total_entities if total_entities else None
    env = environment()
    common = {"version": __version__, "css": Markup(asset("report.css")),
              "generated": (now or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC"),
              "source": "git blame" if use_git else "sidecar metadata and config"}
    lines = _Lines(result)
    written: list[Path] = []
    index_path = out_dir / "index.html"
    top_rate = max((p.rate or 0 for p in ordered), default=0) or 1
    rows = [{"person": p, "severity": p.by_severity(),
             "width": round(160 * (p.rate or 0) / top_rate, 1),
             "top_rule": Counter(f.rule for f in p.findings).most_common(1)}
            for p in ordered]
    with atomic_writer(index_path) as handle:
        handle.write(env.get_template("annotators_index.html.j2").render(
            rows=rows, team_rate=team_rate, total_findings=len(result.findings),
            total_entities=total_entities, **common))
    written.append(index_path)
    page = env.get_template("annotator.html.j2")
    for person in ordered:
        target = out_dir / f"{person.slug}.html"
        with atomic_writer(target) as handle:
            handle.write(page.render(**_page_context(person, result, team_rate, lines), **common))
        written.append(target)
    return written
