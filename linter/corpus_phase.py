"""The corpus phase of a streaming run: corpus rules finalize batch by batch of files.

Each batch of :data:`linter.stream.BATCH_FILES` files reads its files' summaries from the
run's spill and, from the corpus totals, only the keys those summaries look up
(:class:`linter.spill_totals.Totals`); a batch's findings depend on nothing else. So with
``--jobs`` above 1 and more than one batch, the batches run in a process pool: each worker
opens the spill read-only (the totals are merged to disk first) and sends back its
findings, which the driver takes in batch order, so the report is the serial one exactly.
A rule that crashes in a batch is reported once and left out of every later batch, as in
a serial run (a pool task carries the rules that crashed before it was submitted; the
findings of a rule that crashed are dropped from the batches already under way).
"""

from __future__ import annotations

import pickle
import sqlite3
import time
import traceback
from collections.abc import Iterator
from typing import Any

from linter.aggregate import aggregate_name, lookup_keys_of
from linter.model import Finding
from linter.pooled import in_order
from linter.rule import CorpusContext, Rule
from linter.spill import Spill, path_of
from linter.spill_totals import Totals

Batch = list[tuple[str, dict[str, Any], Any]]  # (path, summaries, views) per file


def finalize_batch(chunk: Batch, corpus: list[Rule], plan: Any, totals: Totals,
                   skip: set[str], timed: bool
                   ) -> tuple[list[Finding], list[tuple[str, str]], dict[str, float]]:
    """The findings of every corpus rule (but ``skip``) on one batch, the rules that
    crashed (code, traceback) and, when ``timed``, each rule's seconds."""
    per_code: dict[str, dict[str, Any]] = {}
    for path, summaries, _ in chunk:
        for key, summary in summaries.items():
            code, _, view = key.partition("\0")
            per_code.setdefault(code, {})[view or path] = summary
    found: list[Finding] = []
    crashes: list[tuple[str, str]] = []
    times: dict[str, float] = {}
    for rule in corpus:
        per_file = per_code.get(rule.code)
        if not per_file or rule.code in skip:
            continue
        began = time.perf_counter() if timed else 0.0
        context = CorpusContext(rule.meta, plan.options.get(rule.code), plan.labels,
                                plan.allow)
        try:
            keys = lookup_keys_of(rule, per_file.values())
            context.aggregate = totals.lookup(aggregate_name(rule.contribute), keys)
            found.extend(rule.finalize(per_file, context))
        except Exception:
            crashes.append((rule.code, traceback.format_exc()))
        if timed:
            times[rule.code] = time.perf_counter() - began
    return found, crashes, times


def batches(spill: Spill, corpus: list[Rule], plan: Any, totals: Totals, batch: int,
            jobs: int, timed: bool, errors: list[str], rule_times: Any
            ) -> Iterator[list[Finding]]:
    """Each batch's findings, in batch order; crashes go to ``errors`` (once per rule)."""
    crashed: set[str] = set()
    ranges = spill.batch_ranges(batch) if jobs > 1 and totals.can_spill else []
    if len(ranges) > 1:
        totals.close(force=True)  # the workers read the merged totals from the spill
        spill.share()
        outcomes = _in_pool(spill.path, ranges, [rule.code for rule in corpus], plan,
                            timed, jobs, crashed)
    else:
        totals.close()
        outcomes = (finalize_batch(chunk, corpus, plan, totals, crashed, timed)
                    for chunk in spill.summaries(batch))
    for found, crashes, times in outcomes:
        if crashed:
            found = [finding for finding in found if finding.rule not in crashed]
        for code, text in crashes:
            if code not in crashed:
                crashed.add(code)
                errors.append(f"rule {code} crashed in the corpus phase:\n{text}")
        for code, seconds in times.items():
            rule_times[code] += seconds
        yield found


def _in_pool(path: str, ranges: list[tuple[int, int]], codes: list[str], plan: Any,
             timed: bool, jobs: int, crashed: set[str]) -> Iterator[tuple]:
    tasks = [(path, first, last, codes, plan, timed) for first, last in ranges]
    # fresh workers: a fork of the driver late in a large run would start with its memory;
    # each task skips the rules known to have crashed when it is submitted
    return in_order(_batch_task, tasks, jobs, fresh=True,
                    prepare=lambda task: (*task, frozenset(crashed)))


# In a worker: the spill it reads and the totals reader over it, kept from batch to batch
# so that the hot totals (decoded once, see Totals.one) are not decoded per batch.
_reader: tuple[str, sqlite3.Connection, Totals] | None = None


def _totals_at(path: str) -> tuple[sqlite3.Connection, Totals]:
    global _reader
    if _reader is None or _reader[0] != path:
        if _reader is not None:
            _reader[1].close()
        db = sqlite3.connect(path, check_same_thread=False)  # reads only
        _reader = (path, db, Totals.on_disk(db))
    return _reader[1], _reader[2]


def _batch_task(task: tuple) -> tuple:
    """One batch in a worker: its summaries and totals read from the spill, read-only."""
    from linter.registry import rules_by_code

    path, first, last, codes, plan, timed, skip = task  # skip: the rules that crashed
    registry = rules_by_code(plan.custom)
    corpus = [registry[code] for code in codes]
    db, totals = _totals_at(path)
    chunk = [(path_of(key), *pickle.loads(data)) for key, data in db.execute(
        "SELECT path, data FROM files WHERE seq BETWEEN ? AND ? AND data IS NOT NULL "
        "ORDER BY seq", (first, last))]
    return finalize_batch(chunk, corpus, plan, totals, set(skip), timed)
