"""The corpus phase over spilled totals: LBL views parsed once per worker and shared by the
batches that look their string up (and by no batch that does not); a rule that crashed is
left out of the pool tasks submitted after the crash."""

from __future__ import annotations

import dataclasses
from collections import deque

from linter import corpus_phase, engine, registry, spill_totals
from linter import stream as stream_module
from linter.rules.lbl.views import TextView, Views

from tests.test_stream import _corpus, _run, assert_same


def _keys_read(tmp_path, monkeypatch) -> list[str]:
    """The keys of the spilled totals a streaming run (batches of 2 files) reads, in order;
    its findings equal an in-memory run's."""
    corpus = _corpus(tmp_path, copies=6)
    in_memory = _run(corpus, jobs=1, stream=False)
    found: list[str] = []
    one = spill_totals.Totals.one

    def counted(self, name, key):
        value = one(self, name, key)
        if value is not None:
            found.append(key)
        return value

    monkeypatch.setattr(spill_totals, "FLUSH_FILES", 2)
    monkeypatch.setattr(stream_module, "BATCH_FILES", 2)
    monkeypatch.setattr(spill_totals.Totals, "one", counted)
    assert_same(_run(corpus, jobs=1), in_memory)
    return found


def test_views_outlive_the_batch_and_give_the_same_findings(tmp_path, monkeypatch):
    monkeypatch.setattr(spill_totals, "KEEP_BUDGET", 0)  # no decoded value kept by the totals
    found = _keys_read(tmp_path, monkeypatch)
    lbl = [key for key in found if key.startswith("t")]
    assert lbl and len(lbl) == len(set(lbl))  # every string's value read and parsed once


def test_contexts_are_read_only_for_the_strings_that_need_them(tmp_path, monkeypatch):
    """The words next to a string (the part of the totals that grows with the corpus) are
    read back only for a string with two labels (LBL001) or one a neighbour could extend
    (LBL003): a full run reads far fewer context keys than strings, same findings."""
    read = _keys_read(tmp_path, monkeypatch)
    texts = {key[1:] for key in read if key.startswith("t")}
    contexts = {key[1:] for key in read if key.startswith("c")}
    assert "sl" in contexts  # ORG in some copies, LOC in others: judged with its contexts
    assert contexts < texts and len(contexts) * 4 < len(texts)


def test_a_view_reads_its_contexts_on_first_use_only():
    asked: list[int] = []

    def contexts():
        asked.append(1)
        return {("cL", "Lima", "in", None, "LOC"): 2, ("cL", "Lima", "in", None, "ORG"): 1}

    view = TextView({("n", "Lima", "LOC"): 2, ("n", "Lima", "ORG"): 1}, contexts)
    assert view.labels("Lima") == {"LOC": 2, "ORG": 1} and view.votes("Lima")
    assert not asked
    assert view.context("Lima", "Lin") == {"LOC": 2, "ORG": 1}
    assert view.outside("Lima", "Lin") == 3 and view.outside("Lima", "Rin") == 0
    assert asked == [1]


class _Batch(dict):
    """A batch's restricted totals as :class:`linter.spill_totals.OnDemand` shows them."""

    def __init__(self, memo: dict, values: dict) -> None:
        super().__init__(values)
        self.memo = memo

    def wants(self, key: str) -> bool:
        return key in self


def test_a_shared_view_is_not_served_to_a_batch_that_did_not_look_its_string_up():
    memo: dict = {}
    blob = {("n", "Lima", "LOC"): 3, ("n", "Lima", "ORG"): 1}
    first = Views(_Batch(memo, {"tlima": blob}))
    assert first("Lima").labels("Lima") == {"LOC": 3, "ORG": 1}
    assert Views(_Batch(memo, {"tlima": blob}))("Lima") is first("Lima")  # shared
    assert Views(_Batch(memo, {}))("Lima").labels("Lima") == {}


def _serial_pool(function, tasks, workers, fresh=False, prepare=None):
    """The pool's submission order (two tasks per worker ahead), in this process."""
    pending = deque(prepare(task) for task in tasks[:workers * 2])
    queued = len(pending)
    while pending:
        outcome = function(pending.popleft())
        if queued < len(tasks):
            pending.append(prepare(tasks[queued]))
            queued += 1
        yield outcome


def test_a_rule_that_crashed_is_not_run_by_the_tasks_submitted_after(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path, copies=16)
    calls: list[int] = []
    rules = list(registry.all_rules())
    index = next(i for i, rule in enumerate(rules) if rule.code == "LBL003")
    finalize = rules[index].finalize

    def crash_once(summaries, ctx):
        calls.append(len(summaries))
        if len(calls) == 1:
            raise RuntimeError("boom")
        return finalize(summaries, ctx)

    rules[index] = dataclasses.replace(rules[index], finalize=crash_once)
    monkeypatch.setattr(registry, "all_rules", lambda: tuple(rules))
    monkeypatch.setattr(corpus_phase, "in_order", _serial_pool)
    monkeypatch.setattr(engine, "worker_count", lambda jobs, files: jobs)  # even on one core
    monkeypatch.setattr(stream_module, "BATCH_FILES", 2)
    result = _run(corpus, jobs=2)
    crashes = [error for error in result.internal_errors if "LBL003 crashed" in error]
    assert len(crashes) == 1 and "boom" in crashes[0]
    assert not any(f.rule == "LBL003" for f in result.findings)
    # 8 batches: tasks 0-4 were sent before the crash was known, 5-7 skip the rule
    assert len(calls) == 5
