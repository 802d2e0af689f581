"""The self-contained HTML report: one file, inline CSS/JS, no network, works from file://.

Layout: the page skeleton, overview (counts, inline-SVG charts, config, version, date) and
rule legend are rendered server-side by jinja2 with autoescaping on. Everything that can
be large (findings, document texts, entity offsets, consistency groups) travels as one
JSON blob in a ``<script type="application/json">`` tag and is rendered client-side into
DOM nodes with ``textContent`` only, never ``innerHTML``; that is what lets a 100,000
finding report open and filter smoothly (the table is paginated) and keeps untrusted
corpus text inert. In the JSON blob ``<``, ``>``, ``&`` and U+2028/U+2029 are escaped so
no string can close the script tag or break a JavaScript parser. As a second line of
defence the page carries a Content-Security-Policy that allows no network access and runs
only our own script (pinned by its sha256), so even a markup-injection bug could not run
an inline handler or a ``javascript:`` link.

Document texts are embedded for files with findings first, then the rest, within
``doc_budget`` characters (a report for a huge corpus stays openable; the document view
says when a text was left out). Offsets are sent as UTF-16 code units because that is
what JavaScript strings index, while findings count code points.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from datetime import datetime, timezone
from typing import Any, TextIO

from linter import __version__
from linter.model import Document, Finding
from linter.result import RunResult
from linter.reports.assets import asset, environment, rule_record, rules_for, script_json
from linter.reports.html_charts import bars, file_bars, findings_link
from linter.rule import SEVERITIES, RuleMeta

DEFAULT_DOC_BUDGET = 40_000_000  # characters of document text embedded in one report
MAX_OCCURRENCES = 150  # keyword-in-context lines kept per consistency group
KWIC_WIDTH = 60  # characters of context on each side
LABEL_COLOURS = {"PER": "#aa9cfc", "ORG": "#7aecec", "LOC": "#feca74", "MISC": "#bfeeb7"}
EXTRA_COLOURS = ("#ff9561", "#9cc9cc", "#e4a7d0", "#c2dc8e", "#f4b4a4", "#b8c7f0", "#e0d06c")
_WORD = re.compile(r"\w+")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


# ---------------------------------------------------------------------------- helpers

def label_colours(labels: list[str]) -> dict[str, str]:
    colours: dict[str, str] = {}
    extra = 0
    for label in labels:
        if label in LABEL_COLOURS:
            colours[label] = LABEL_COLOURS[label]
        else:
            colours[label] = EXTRA_COLOURS[extra % len(EXTRA_COLOURS)]
            extra += 1
    return colours


def utf16_mapper(text: str):
    """Map a code-point offset of ``text`` to a UTF-16 offset (identity for most texts)."""
    if not _ASTRAL.search(text):
        return lambda offset: offset
    extra = [0] * (len(text) + 1)
    running = 0
    for index, char in enumerate(text):
        extra[index] = running
        if ord(char) > 0xFFFF:
            running += 1
    extra[len(text)] = running
    return lambda offset: offset + extra[max(0, min(offset, len(text)))]


def finding_offsets(doc: Document, finding: Finding) -> tuple[int, int] | None:
    """Code-point offsets of a finding in ``doc`` from its 1-based line/column."""
    lines = doc.lines
    if finding.line < 1 or finding.line > lines.line_count:
        return None
    start = lines.line_bounds(finding.line - 1)[0] + finding.column - 1
    end_line = min(max(finding.end_line, finding.line), lines.line_count)
    end = lines.line_bounds(end_line - 1)[0] + finding.end_column - 1
    start = max(0, min(start, len(doc.text)))
    return start, max(start, min(end, len(doc.text)))


def normalise(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------------------- consistency

def group_key(finding: Finding, doc: Document | None) -> str | None:
    """The string a label-consistency finding is about."""
    evidence = finding.evidence or {}
    for key in ("string", "text", "surface"):
        if isinstance(evidence.get(key), str) and evidence[key].strip():
            return normalise(evidence[key])
    if finding.span is not None:
        return normalise(finding.span[0])
    if doc is not None:
        offsets = finding_offsets(doc, finding)
        if offsets and offsets[1] > offsets[0]:
            return normalise(doc.text[offsets[0]:offsets[1]]) or None
    return None


def _is_consistency(finding: Finding, metas: dict[str, RuleMeta]) -> bool:
    meta = metas.get(finding.rule)
    return finding.rule.startswith("LBL") or (meta is not None and meta.family == "LBL")


def find_occurrences(docs: list[tuple[int, Document]], keys: set[str]) -> dict[str, dict]:
    """Every annotated and unannotated occurrence of each key, as keyword-in-context rows.

    Row: [file index, 1-based line, left, match, right, label or "" (not annotated)].
    """
    found: dict[str, dict] = {key: {"rows": [], "labels": Counter()} for key in keys}
    if not keys:
        return found
    # Candidates are found by their first word (one C-level scan of each text and a dict
    # lookup per word), then confirmed with the key's own pattern; far faster than one
    # alternation of hundreds of keys. Keys not starting with a word character are rare
    # and searched on their own.
    by_head: dict[str, list[re.Pattern[str]]] = defaultdict(list)
    odd: list[re.Pattern[str]] = []
    for key in sorted(keys, key=len, reverse=True):
        pattern = re.compile(re.escape(key).replace(r"\ ", r"\s+") + r"(?!\w)")
        head = _WORD.match(key)
        if head:
            by_head[head.group()].append(pattern)
        else:
            odd.append(re.compile(r"(?<!\w)" + pattern.pattern))

    def candidates(text: str):
        for word in _WORD.finditer(text):
            for pattern in by_head.get(word.group(), ()):
                match = pattern.match(text, word.start())
                if match:
                    yield match
                    break
        for pattern in odd:
            yield from pattern.finditer(text)

    def add(key: str, doc: Document, starts: list[int], start: int, end: int, shown: str,
            label: str) -> None:
        group = found[key]
        group["labels"][label] += 1
        if len(group["rows"]) >= MAX_OCCURRENCES:
            return
        line0 = doc.lines.line_of(start)
        line_start, line_end = doc.lines.line_bounds(line0)
        left = plain_text(doc, starts, line_start, start)[-KWIC_WIDTH:]
        right = plain_text(doc, starts, end, line_end)[:KWIC_WIDTH]
        group["rows"].append([index, line0 + 1, left, shown, right, label])

    for index, doc in docs:
        starts = [span.start for span in doc.spans]
        for span in doc.spans:
            key = normalise(span.text)
            if key in found:
                add(key, doc, starts, span.start, span.end, span.text, span.label)
        for match in candidates(doc.text):
            position = bisect_right(starts, match.start()) - 1
            if position >= 0 and doc.spans[position].end > match.start():
                continue  # inside an entity's markup: counted above
            key = normalise(match.group())
            if key in found:
                add(key, doc, starts, match.start(), match.end(), match.group(), "")
    return found


def plain_text(doc: Document, starts: list[int], begin: int, end: int) -> str:
    """``doc.text[begin:end]`` with the markup of whole entities in it reduced to their text,
    so keyword-in-context lines read as prose."""
    out, cursor = [], begin
    for position in range(bisect_left(starts, begin), len(starts)):
        span = doc.spans[position]
        if span.start >= end:
            break
        if span.end > end:
            break
        out.append(doc.text[cursor:span.start])
        out.append(span.text)
        cursor = span.end
    out.append(doc.text[cursor:end])
    return "".join(out)


# ---------------------------------------------------------------------------- data

class _Interner:
    """A string table: repeated messages and entity texts are sent once."""

    def __init__(self) -> None:
        self.table: list[str] = []
        self.index: dict[str, int] = {}

    def __call__(self, text: str | None) -> int:
        if text is None:
            return -1
        if text not in self.index:
            self.index[text] = len(self.table)
            self.table.append(text)
        return self.index[text]


def build_data(result: RunResult, *, doc_budget: int = DEFAULT_DOC_BUDGET) -> dict[str, Any]:
    """Everything the client-side views need, compact (arrays and string tables)."""
    from linter.registry import family_names

    families = family_names()
    metas = rules_for(result)
    meta_by_code = {meta.code: meta for meta in metas}
    rule_index = {meta.code: index for index, meta in enumerate(metas)}
    settings_labels = list(result.settings.get("labels") or [])
    seen_labels = sorted(set(result.label_counts()) | {f.span[1] for f in result.findings
                                                        if f.span} - set(settings_labels))
    labels = settings_labels + seen_labels
    label_index = {label: index for index, label in enumerate(labels)}

    file_paths = [stats.path for stats in result.files]
    file_index = {path: index for index, path in enumerate(file_paths)}
    for finding in result.findings:
        if finding.path not in file_index:
            file_index[finding.path] = len(file_paths)
            file_paths.append(finding.path)

    strings = _Interner()
    evidence_table = _Interner()
    by_file: dict[int, list[int]] = defaultdict(list)
    rows = []
    for number, finding in enumerate(result.findings):
        fidx = file_index[finding.path]
        by_file[fidx].append(number)
        evidence = (evidence_table(json.dumps(finding.evidence, sort_keys=True, default=str))
                    if finding.evidence else -1)
        rows.append([
            rule_index[finding.rule], SEVERITIES.index(finding.severity or "warning"), fidx,
            finding.line, finding.column, finding.end_line, finding.end_column,
            strings(finding.message), strings(finding.span[0] if finding.span else None),
            label_index.get(finding.span[1], -1) if finding.span else -1,
            round(finding.score, 3) if finding.score is not None else None, evidence,
        ])

    # Documents: files with findings first, then the rest, within the budget.
    order = sorted(range(len(file_paths)), key=lambda i: (i not in by_file, i))
    docs: dict[str, Any] = {}
    parsed: list[tuple[int, Document]] = []
    budget = doc_budget
    for fidx in order:
        doc = result.document(file_paths[fidx])
        if doc is None:
            continue
        parsed.append((fidx, doc))
        if len(doc.text) > budget:
            continue
        budget -= len(doc.text)
        to16 = utf16_mapper(doc.text)
        entities: list[int] = []
        for span in doc.spans:
            entities += [to16(span.start), to16(span.text_start), to16(span.text_end),
                         to16(span.end), label_index.setdefault(span.label, len(labels))]
            if label_index[span.label] == len(labels):
                labels.append(span.label)
        marks = []
        for number in by_file.get(fidx, ()):
            offsets = finding_offsets(doc, result.findings[number])
            if offsets is not None:
                marks += [number, to16(offsets[0]), to16(offsets[1])]
        docs[str(fidx)] = {"text": doc.text, "ents": entities, "marks": marks}

    # Consistency explorer: LBL findings grouped by the string they are about.
    docs_by_index = dict(parsed)
    groups: dict[str, dict[str, Any]] = {}
    for number, finding in enumerate(result.findings):
        if not _is_consistency(finding, meta_by_code):
            continue
        key = group_key(finding, docs_by_index.get(file_index[finding.path]))
        if key is None:
            continue
        group = groups.setdefault(key, {"key": key, "findings": [], "labels": None})
        group["findings"].append(number)
        evidence_labels = (finding.evidence or {}).get("labels")
        if group["labels"] is None and isinstance(evidence_labels, dict) and all(
                isinstance(v, int | float) for v in evidence_labels.values()):
            group["labels"] = {str(k): v for k, v in evidence_labels.items()}
    occurrences = find_occurrences(parsed, set(groups))
    consistency = []
    for key, group in sorted(groups.items(), key=lambda item: (-len(item[1]["findings"]),
                                                               item[0].lower())):
        found = occurrences.get(key, {"rows": [], "labels": Counter()})
        counted = dict(found["labels"])
        consistency.append({
            "key": key, "findings": group["findings"],
            "labels": group["labels"] or {(label or "not annotated"): count
                                          for label, count in counted.items()},
            "counted": {(label or "not annotated"): count for label, count in counted.items()},
            "total": sum(counted.values()), "rows": found["rows"],
        })

    label_counts = result.label_counts()
    return {
        "version": __version__,
        "rules": [rule_record(meta, families) for meta in metas],
        "labels": labels,
        "colours": label_colours(labels),
        "severities": list(SEVERITIES),
        "files": [[path, stats.entities, stats.readable] for path, stats in
                  zip(file_paths, result.files)] + [[path, 0, False]
                                                    for path in file_paths[len(result.files):]],
        "strings": strings.table,
        "evidence": [json.loads(text) for text in evidence_table.table],
        "findings": rows,
        "docs": docs,
        "docs_omitted": len(parsed) - len(docs),
        "consistency": consistency,
        "label_counts": dict(label_counts),
    }


# ---------------------------------------------------------------------------- page

def render_html(result: RunResult, *, doc_budget: int = DEFAULT_DOC_BUDGET,
                now: datetime | None = None) -> str:
    from markupsafe import Markup

    data = build_data(result, doc_budget=doc_budget)
    script = asset("report.js")
    colours = data["colours"]
    by_severity = result.by_severity()
    by_rule = Counter(finding.rule for finding in result.findings)
    by_file = Counter(finding.path for finding in result.findings)
    label_counts = result.label_counts()
    names = {rule["code"]: rule["name"] for rule in data["rules"]}
    context = {
        "title": "annolint report",
        "version": __version__,
        "generated": (now or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC"),
        "config_path": result.config_path,
        "settings_json": json.dumps(result.settings, indent=2, ensure_ascii=False,
                                    default=str),
        "totals": {"findings": len(result.findings), "files": len(result.files),
                   "documents": result.documents, "entities": result.entities,
                   "files_with_findings": len(by_file), **by_severity},
        "rule_chart": bars([(f"{code} {names.get(code, '')}", count)
                            for code, count in by_rule.most_common()],
                           links=[findings_link(rule=code) for code, _ in by_rule.most_common()]),
        "label_chart": bars(label_counts.most_common(), colours,
                            links=[findings_link(label=label)
                                   for label, _ in label_counts.most_common()]),
        "file_chart": file_bars(by_file.most_common()),
        "severity_chart": bars([(s, by_severity[s]) for s in SEVERITIES],
                               {"error": "#d1242f", "warning": "#bf8700", "info": "#0969da"},
                               links=[findings_link(sev=s) for s in SEVERITIES]),
        "rules": data["rules"],
        "rule_counts": by_rule,
        "colours": colours,
        "notes": result.notes,
        "internal_errors": result.internal_errors,
        "missing": result.missing,
        "data_json": Markup(script_json(data)),
        "css": Markup(asset("report.css")),
        "js": Markup(script),
        "script_hash": "sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode(),
    }
    return environment().get_template("report.html.j2").render(**context)


def render(result: RunResult, out: TextIO, *, color: bool = False) -> None:
    out.write(render_html(result))
