"""The streaming reduce (results on disk, corpus rules in batches against the additive
totals, policy per file) gives exactly the findings of the in-memory reduce."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter import corpus_phase, spill_totals
from linter import stream as stream_module
from linter.engine import map_files
from linter.spill import FindingList, StatsList

from tests.conftest import EXAMPLES, SEED, lint_folder

CABLES = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "cables-dev" / "annotated"


def _run(folder: Path, config_path: Path | None = None, **kwargs):
    return lint_folder(folder, config_path, **kwargs)


def _rows(result):
    return [(f.rule, f.path, f.line, f.column, f.end_line, f.end_column, f.message, f.span,
             f.score, f.evidence, f.context, f.severity, f.fingerprint, f.edits)
            for f in result.findings]


def assert_same(streamed, in_memory):
    assert isinstance(streamed.findings, FindingList)
    assert _rows(streamed) == _rows(in_memory)
    assert [f.fingerprint for f in streamed.findings] == \
        [f.fingerprint for f in in_memory.findings]
    for gate in ("error", "warning", "info", "never"):
        assert streamed.exit_code(gate) == in_memory.exit_code(gate)
    assert streamed.by_severity() == in_memory.by_severity()
    assert streamed.by_rule() == in_memory.by_rule()
    assert [s.path for s in streamed.files] == [s.path for s in in_memory.files]
    assert list(streamed.files) == list(in_memory.files)  # every figure, read back
    assert streamed.documents == in_memory.documents
    assert streamed.notes == in_memory.notes
    assert streamed.internal_errors == in_memory.internal_errors


def _corpus(tmp_path: Path, copies: int = 6) -> Path:
    """Copies of the example cable with a few labels changed, so corpus rules disagree
    across files (batches of 1 file then hold evidence the other batches need)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for index in range(copies):
        changed = text.replace("[ORG SL ", "[LOC SL ", index) if index % 2 else text
        (corpus / f"c{index}.txt").write_text(changed, encoding="utf-8")
    return corpus


def test_examples_stream_equals_in_memory(tmp_path):
    folder = tmp_path / "examples"
    folder.mkdir()
    (folder / SEED.name).write_bytes(SEED.read_bytes())
    streamed, in_memory = _run(folder, jobs=1), _run(folder, jobs=1, stream=False)
    assert len(in_memory.findings) > 5
    assert_same(streamed, in_memory)


def test_a_full_run_reads_its_files_figures_back_from_the_spill(tmp_path):
    streamed = _run(_corpus(tmp_path, copies=3), jobs=1)
    assert isinstance(streamed.files, StatsList)  # no record per file held in memory
    assert [s.path for s in streamed.files] == ["c0.txt", "c1.txt", "c2.txt"]
    assert streamed.files[-1].path == "c2.txt" and streamed.files[1:2][0].path == "c1.txt"
    assert all(stats.entities > 10 and stats.profile == "cable" for stats in streamed.files)


def test_examples_with_guidelines_stream_equals_in_memory():
    config = EXAMPLES / "guidelines.yaml"
    streamed = _run(EXAMPLES, config, jobs=1)
    in_memory = _run(EXAMPLES, config, jobs=1, stream=False)
    assert any(f.rule.startswith("GUIDE") for f in in_memory.findings)
    assert_same(streamed, in_memory)


@pytest.mark.parametrize("batch", [1, 2, 1000])
def test_batches_of_any_size_give_the_same_findings(tmp_path, monkeypatch, batch):
    corpus = _corpus(tmp_path)
    in_memory = _run(corpus, jobs=1, stream=False)
    assert {f.rule for f in in_memory.findings if f.rule.startswith("LBL")}
    monkeypatch.setattr(stream_module, "BATCH_FILES", batch)
    assert_same(_run(corpus, jobs=1), in_memory)


@pytest.mark.parametrize("every", [1, 2, 5])
def test_totals_spilled_to_disk_give_the_same_findings(tmp_path, monkeypatch, every):
    """Totals flushed every ``every`` files and merged back equal the in-memory sum."""
    corpus = _corpus(tmp_path, copies=7)
    in_memory = _run(corpus, jobs=1, stream=False)
    flushes: list[int] = []
    close = spill_totals.Totals.close

    def counted(self, *args, **kwargs):
        flushes.append(self.flushes)
        close(self, *args, **kwargs)

    monkeypatch.setattr(spill_totals, "FLUSH_FILES", every)
    monkeypatch.setattr(spill_totals.Totals, "close", counted)
    monkeypatch.setattr(stream_module, "BATCH_FILES", 3)
    assert_same(_run(corpus, jobs=1), in_memory)
    assert flushes and flushes[0] >= 7 // every  # it did spill


def test_corpus_batches_in_a_process_pool_give_the_serial_findings(tmp_path, monkeypatch):
    """With --jobs 2 the corpus batches run in workers that read the spill themselves."""
    corpus = _corpus(tmp_path, copies=20)
    in_memory = _run(corpus, jobs=1, stream=False)
    pools: list[int] = []
    in_pool = corpus_phase._in_pool

    def counted(path, ranges, *args):
        pools.append(len(ranges))
        return in_pool(path, ranges, *args)

    monkeypatch.setattr(corpus_phase, "_in_pool", counted)
    monkeypatch.setattr(stream_module, "BATCH_FILES", 4)
    streamed = _run(corpus, jobs=2)
    if len(__import__("os").sched_getaffinity(0)) > 1:
        assert pools == [5]
    assert_same(streamed, in_memory)


def test_totals_merge_nested_sums_and_drop_what_cancels(tmp_path):
    from linter.spill import Spill

    def contribute(summary):
        return summary

    spill = Spill(str(tmp_path))
    totals = spill_totals.Totals(spill.db, {"agg": ("R", contribute)}, every=1)
    totals.add({"R": {"t": {("n", "Lima", "LOC"): 2}, "gone": {"v": 5}, "A": {"x": 1}}})
    totals.add({"R": {"t": {("n", "Lima", "ORG"): 1, ("n", "Lima", "LOC"): 1},
                      "gone": {"v": -5}}})
    totals.add({"R": {"A": {"y": 1}}})
    totals.close()
    assert totals.flushes == 3
    found = totals.lookup("agg", ["t", "gone", "A", "missing"])
    assert found == {"t": {("n", "Lima", "LOC"): 3, ("n", "Lima", "ORG"): 1},
                     "A": {"x": 1, "y": 1}}
    assert list(found["t"]) == [("n", "Lima", "LOC"), ("n", "Lima", "ORG")]  # insertion order
    assert totals.lookup("other", ["t"]) == {}


def test_caps_and_report_only_stream_like_in_memory(tmp_path):
    corpus = _corpus(tmp_path, copies=3)
    (corpus / "broken.txt").write_text("x ]\n" * 40, encoding="utf-8")
    config = tmp_path / "annolint.yaml"
    config.write_text("max-findings-per-file: 1\n", encoding="utf-8")
    focus = {"./c1.txt", "./broken.txt", "c1.txt", "broken.txt"}
    for kwargs in ({}, {"report_only": focus}):
        in_memory = _run(corpus, config, jobs=1, stream=False, **kwargs)
        assert in_memory.notes and "left out" in in_memory.notes[0]
        assert_same(_run(corpus, config, jobs=1, **kwargs), in_memory)


def test_multi_document_files_stream_like_in_memory(tmp_path, monkeypatch):
    """CoNLL and JSONL files hold several documents each: all of them contribute to the
    totals, and findings on their views map back to the files."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rows = "\n".join(f"Lima\t{'B-LOC' if i % 3 else 'B-ORG'}\nsaid\tO\n" for i in range(6))
    (corpus / "a.conll").write_text(rows, encoding="utf-8")
    (corpus / "b.conll").write_text("-DOCSTART- O\n\nLima\tB-LOC\nis\tO\n\n-DOCSTART- O\n\n"
                                    "Lima\tB-ORG\nsaid\tO\n", encoding="utf-8")
    (corpus / "c.jsonl").write_text(
        '{"text": "Lima is big", "spans": [{"start": 0, "end": 4, "label": "LOC"}]}\n'
        '{"text": "Lima said", "spans": [{"start": 0, "end": 4, "label": "ORG"}]}\n'
        '{"text": "then Lima", "spans": []}\n', encoding="utf-8")
    (corpus / "d.txt").write_text("[LOC Lima  ] is big\n[LOC Lima  ] again\n", encoding="utf-8")
    in_memory = _run(corpus, jobs=1, stream=False)
    assert {f.path for f in in_memory.findings} & {"a.conll", "b.conll", "c.jsonl"}
    monkeypatch.setattr(stream_module, "BATCH_FILES", 1)
    assert_same(_run(corpus, jobs=1), in_memory)


class _Executor:
    """The executor seam: map() yields results, totals() may reduce them elsewhere."""

    def __init__(self, reduce: bool) -> None:
        self.reduce = reduce
        self.asked: list = []
        self.results: list = []

    def map(self, sources, plan, progress):
        for result in map_files(sources, plan, 1, progress):
            self.results.append(result)
            yield result

    def totals(self, aggregators):
        from linter.aggregate import contribute_file

        self.asked.append(sorted(aggregators))
        if not self.reduce:
            return None
        totals: dict = {}
        for result in self.results:
            contribute_file(totals, aggregators, result.summaries)
        return totals


@pytest.mark.parametrize("reduce", [True, False])
def test_an_executor_maps_and_may_reduce_the_totals(tmp_path, reduce):
    corpus = _corpus(tmp_path, copies=4)
    executor = _Executor(reduce)
    streamed = _run(corpus, executor=executor)
    assert len(executor.results) == 4 and executor.asked
    assert_same(streamed, _run(corpus, jobs=1, stream=False))


def test_totals_from_an_executor_are_what_the_corpus_rules_read(tmp_path):
    corpus = _corpus(tmp_path, copies=4)

    class Empty(_Executor):
        def totals(self, aggregators):
            return {name: {} for name in aggregators}  # "no corpus evidence at all"

    normal = _run(corpus, jobs=1, stream=False)
    starved = _run(corpus, executor=Empty(True))
    assert {f.rule for f in starved.findings if f.rule.startswith("LBL")} != \
        {f.rule for f in normal.findings if f.rule.startswith("LBL")}


def test_the_finding_list_reads_like_a_list(tmp_path):
    corpus = _corpus(tmp_path, copies=2)
    streamed, in_memory = _run(corpus, jobs=1), _run(corpus, jobs=1, stream=False)
    found, expected = streamed.findings, in_memory.findings
    assert len(found) == len(expected) > 3 and bool(found)
    assert found[0] == expected[0] and found[-1] == expected[-1]
    assert found[1:3] == expected[1:3] and found[::-1] == expected[::-1]
    assert list(found) == list(found)  # iterable more than once
    with pytest.raises(IndexError):
        found[len(expected)]
    found.extend(expected[:2])  # reports and tests add findings after the run
    assert len(found) == len(expected) + 2 and list(found)[-2:] == expected[:2]


@pytest.mark.skipif(not CABLES.is_dir(), reason="shared/corpora/cables-dev is not available")
def test_cables_dev_stream_equals_in_memory():
    streamed = _run(CABLES)
    in_memory = _run(CABLES, stream=False)
    assert len(in_memory.findings) > 100
    assert_same(streamed, in_memory)


@pytest.mark.skipif(not CABLES.is_dir(), reason="shared/corpora/cables-dev is not available")
def test_cables_dev_with_spilled_totals_equals_in_memory(monkeypatch):
    in_memory = _run(CABLES, stream=False)
    monkeypatch.setattr(spill_totals, "FLUSH_FILES", 7)
    monkeypatch.setattr(stream_module, "BATCH_FILES", 50)
    assert_same(_run(CABLES), in_memory)


def test_totals_read_on_demand_and_views_dropped_give_the_same_findings(tmp_path,
                                                                        monkeypatch):
    """Spilled totals decoded key by key when a rule asks, and LBL views dropped as soon
    as the next one is parsed (a budget of one entry), give the in-memory findings."""
    from linter.rules.lbl import views

    corpus = _corpus(tmp_path, copies=5)
    in_memory = _run(corpus, jobs=1, stream=False)
    asked: list[str] = []
    one = spill_totals.Totals.one

    def counted(self, name, key):
        asked.append(key)
        return one(self, name, key)

    monkeypatch.setattr(spill_totals, "FLUSH_FILES", 2)
    monkeypatch.setattr(stream_module, "BATCH_FILES", 2)
    monkeypatch.setattr(spill_totals.Totals, "one", counted)
    monkeypatch.setattr(views, "VIEW_BUDGET", 1)
    assert_same(_run(corpus, jobs=1), in_memory)
    assert len(asked) > len(set(asked))  # views were dropped and read again
