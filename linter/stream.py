"""The bounded-memory reduce of a full run: per-file results stream into a spill, corpus
rules finalize in batches of files against the additive corpus totals, and the policy runs
one file at a time (see :func:`reduce_stream`).

Why batches give the findings of one finalize over every summary: a corpus rule reports
findings for the documents of the summaries it is given, and reads corpus-wide evidence
from ``ctx.aggregate``, the additive total of every document's ``contribute`` (restricted
to the batch's ``lookup_keys``), exactly as in a focused pre-commit run
(:mod:`linter.aggregate`). The totals are built here as results arrive, so they grow with
the vocabulary, not with the number of documents; and the per-file policy (caps, per-file
ignores, severities, fingerprints) depends on one file's findings only.

Files of several documents (CoNLL, JSONL…, summaries keyed ``code\\0view``) take this path
too: every document contributes to the totals (:func:`linter.aggregate.contribute_file`).
Their prose views' anchors stay in memory for the whole run (a finding's message may name
a location in any other document), a few bytes per document.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from linter.caps import cap_counted, cap_notes
from linter.corpus_phase import batches
from linter.model import Finding
from linter.readers.views import Remapper
from linter.result import FileStats
from linter.rule import Rule
from linter.spill import FindingList, Spill, StatsList
from linter.spill_totals import Totals

BATCH_FILES = 500  # files whose summaries the corpus phase holds at once


@dataclass
class Reduced:
    findings: FindingList
    files: list[FileStats] | StatsList
    errors: list[str]
    notes: list[str]
    linted: Any  # display path -> (path on disk, digest)
    timings: dict[str, float] = field(default_factory=dict)
    rule_times: Counter = field(default_factory=Counter)


def _by_path(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.path, []).append(finding)
    return groups


def reduce_stream(results: Iterable[Any], *, plan: Any, rules: list[Rule], policy: Any,
                  aggregators: dict[str, tuple[str, Callable]], limit: int,
                  on_disk: dict[str, str], report_only: set[str] | None = None,
                  totals: Callable[[], dict | None] | None = None,
                  timed: bool = False, batch: int | None = None, jobs: int = 1,
                  on_phase: Callable[[str, int, int], None] | None = None) -> Reduced:
    """Consume ``results`` (FileResults) and return the policed findings on disk.

    ``totals()``, when given, supplies corpus totals reduced elsewhere (a cluster); when it
    is None or returns None the totals are summed here."""
    started = time.perf_counter()
    batch = batch or BATCH_FILES
    spill = Spill()
    files: list[FileStats] = []  # only in a focused run (report_only): its few files
    file_count = 0
    errors: list[str] = []
    not_inline: set[str] = set()
    remap = Remapper()
    sum_here = totals is None
    summed = Totals(spill.db, aggregators)
    rule_times: Counter = Counter()
    for result in results:
        stats = result.stats
        path = stats.path
        file_count += 1
        if report_only is None:
            spill.add_stats(stats)
        elif path in report_only:
            files.append(stats)
        errors.extend(result.errors)
        if stats.format != "inline":
            not_inline.add(path)
        views = getattr(result, "views", None)
        remap.add(views)
        disk = on_disk.get(path)
        spill.add_file(path, os.path.abspath(disk) if disk else path, result.digest,
                       result.summaries, views)
        for where, found in _by_path(result.findings).items():
            spill.add_findings(where, found)
        if sum_here:
            summed.add(result.summaries)
        if timed and getattr(result, "timings", None):
            rule_times.update(result.timings)
    per_file_done = time.perf_counter()
    corpus = [rule for rule in rules if rule.meta.scope == "corpus"]
    given = None if sum_here else totals()
    if given is None and not sum_here:  # the executor left the reduce to us
        for chunk in spill.summaries(batch):
            for _, summaries, _ in chunk:
                summed.add(summaries)
    corpus_totals = summed if given is None else Totals.given(given)
    phase = on_phase or (lambda name, done, total: None)
    if corpus:
        mapped = {rule.code for rule in corpus if not rule.meta.formats}
        count = max(1, -(-file_count // batch))
        phase("corpus rules", 0, count)
        for number, found in enumerate(batches(spill, corpus, plan, corpus_totals, batch,
                                               jobs, timed, errors, rule_times), 1):
            if remap:  # findings on prose views back to their files' lines and columns
                found = [remap.finding(f) if f.rule in mapped else f for f in found]
            for finding in found:
                if finding.path in not_inline:
                    finding.edits = ()  # its edits were on a view's text
            for where, group in _by_path(found).items():
                spill.add_findings(where, group)
            phase("corpus rules", min(number, count), count)
    corpus_done = time.perf_counter()
    phase("policy", 0, 1)
    count = left_out = pairs = 0
    severities: Counter = Counter()
    by_rule: Counter = Counter()
    for path, raw in spill.raw_by_path():
        if report_only is not None and path not in report_only:
            continue
        kept, lost, capped = cap_counted(raw, limit)
        left_out, pairs = left_out + lost, pairs + capped
        final = policy.apply(kept)
        spill.add_final(final)
        count += len(final)
        for finding in final:
            severities[finding.severity or "warning"] += 1
            by_rule[finding.rule] += 1
    phase("policy", 1, 1)
    spill.finish()
    files.sort(key=lambda stats: stats.path)
    listed = StatsList(spill, file_count) if report_only is None else files
    findings = FindingList(spill, count, severities, by_rule)
    return Reduced(findings, listed, errors, cap_notes(left_out, pairs, limit), spill.linted(),
                   {"per_file": per_file_done - started, "corpus": corpus_done - per_file_done,
                    "policy": time.perf_counter() - corpus_done}, rule_times)

