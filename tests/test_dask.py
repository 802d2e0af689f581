"""The Dask executor (``--executor dask``): the same findings, fingerprints and exit code as
the local executor, on a distributed.LocalCluster on 127.0.0.1 with 2 worker processes."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import pytest

from linter.aggregate import aggregate_name, build
from linter.cli import main
from linter.config import load_config
from linter.discovery import discover_files
from linter.engine import make_plan, run
from tests.conftest import EXAMPLES, SEED


@pytest.fixture(scope="module")
def scheduler():
    pytest.importorskip("distributed", reason="the 'dask' extra is not installed "
                        "(pip install 'annolint[dask]')")
    from distributed import LocalCluster

    from linter.executors.dask import QUIET
    import dask

    with dask.config.set(QUIET):
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address="127.0.0.1:0",
                               silence_logs=logging.ERROR)
    yield cluster.scheduler_address
    cluster.close()


def corpus(folder: Path) -> Path:
    """A small multi-file corpus: variants of the example cable that disagree on labels,
    a file that is not text, and a damaged one."""
    seed = SEED.read_text(encoding="utf-8")
    for index in range(23):
        text = seed.replace("001659", f"{index:06d}")
        if index % 3 == 0:  # corpus rules see a string labelled two ways
            text = text.replace("[ORG VRAE  ]", "[LOC VRAE  ]", 1)
        (folder / f"c{index:02d}.txt").write_text(text, encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\xff\xfe" * 100)
    (folder / "broken.txt").write_text("[ORG Acme  ] and [PER Jane Doe and [LOC Lima  ]\n")
    return folder


def check(paths: list[str], out: Path, *extra: str) -> tuple[int, bytes]:
    code = main(["check", *paths, "--no-cache", "--no-progress", "--output-format", "json",
                 "-o", str(out), *extra])
    return code, out.read_bytes()


@pytest.mark.parametrize("which", ["examples", "corpus"])
def test_same_report_and_exit_code_as_the_local_executor(which, scheduler, tmp_path,
                                                         monkeypatch):
    monkeypatch.chdir(tmp_path)
    if which == "examples":
        target = EXAMPLES
    else:
        (tmp_path / "c").mkdir()
        target = corpus(tmp_path / "c")
    local = check([str(target)], tmp_path / "local.json")
    dask = check([str(target)], tmp_path / "dask.json", "--scheduler", scheduler)
    assert local[0] == dask[0] == 1
    assert dask[1] == local[1]  # byte for byte: findings, fingerprints, evidence order
    findings = json.loads(dask[1])["findings"]
    assert findings and all(f["fingerprint"] for f in findings)
    if which == "corpus":  # corpus rules, a damaged file and a binary one were judged
        assert {"LBL001", "BRK001", "FIL002"} <= {f["rule"] for f in findings}


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "c"
    target.mkdir()
    return corpus(target)


def test_many_partitions_and_totals_reduced_on_the_cluster(scheduler, folder):
    from distributed import Client

    from linter.executors.dask import DaskExecutor

    config = load_config(None)
    settings = config.settings
    sources, _ = discover_files([str(folder)], settings.include, settings.exclude,
                                Path.cwd(), config.root)
    local = run(config, sources, jobs=1)
    with Client(scheduler) as client:
        executor = DaskExecutor(client, partition=4)  # 25 files: 7 tasks, a deep tree
        seen: list[int] = []
        remote = run(config, sources, jobs=1, executor=executor, progress=seen.append)
        plan, rules = make_plan(config)
        corpus_rules = [rule for rule in rules if rule.meta.scope == "corpus"]
        aggregators = {aggregate_name(r.contribute): (r.code, r.contribute)
                       for r in corpus_rules}
        totals = executor.totals(aggregators)
        results = list(executor.map(sources[:5], plan))
    assert sum(seen) == len(sources) and len(seen) == 7
    assert [(f.rule, f.path, f.line, f.column, f.message, f.fingerprint, f.evidence)
            for f in remote.findings] == \
        [(f.rule, f.path, f.line, f.column, f.message, f.fingerprint, f.evidence)
         for f in local.findings]
    assert remote.internal_errors == local.internal_errors == []
    assert [s.path for s in remote.files] == [s.path for s in local.files]
    # the tree reduction equals the sum the engine makes of every file's contribution
    from linter.engine import lint_file

    each = [lint_file(source, plan) for source in sources]
    assert totals is not None and set(totals) == set(aggregators)
    for name, (code, contribute) in aggregators.items():
        expected = build((r.summaries.get(code) for r in each), contribute)
        assert totals[name] == expected
    assert any(totals.values())  # the corpus has something to count
    assert [r.stats.path for r in results] == [s.display for s in sources[:5]]


def test_a_failed_task_is_an_internal_error_and_the_run_goes_on(scheduler, folder,
                                                               monkeypatch):
    from distributed import Client

    import linter.executors.dask as module

    config = load_config(None)
    settings = config.settings
    sources, _ = discover_files([str(folder)], settings.include, settings.exclude,
                                Path.cwd(), config.root)
    real = module.lint_partition

    def flaky(part, plan, reduce):  # sent by value: the first partition's task fails
        if any(source.display.endswith("c00.txt") for source in part):
            raise MemoryError("worker lost")
        return real(part, plan, reduce)

    monkeypatch.setattr(module, "lint_partition", flaky)
    with Client(scheduler) as client:
        executor = module.DaskExecutor(client, partition=8)
        result = run(config, sources, jobs=1, executor=executor)
        assert executor.totals({}) is None  # the engine must sum what it got itself
    failed = [error for error in result.internal_errors if "Dask task" in error]
    assert len(failed) == 8 and "MemoryError: worker lost" in failed[0]
    assert len(result.files) == len(sources)
    assert {f.path for f in result.findings} - {e.split(":")[0] for e in failed}  # went on
    assert result.exit_code("error") == 3


def test_without_the_extra_it_is_a_usage_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    monkeypatch.delitem(sys.modules, "linter.executors.dask", raising=False)
    code = main(["check", str(EXAMPLES), "--no-cache", "--executor", "dask"])
    assert code == 2
    assert "pip install 'annolint[dask]'" in capsys.readouterr().err


def test_scheduler_needs_the_dask_executor_and_must_be_reachable(capsys, monkeypatch):
    assert main(["check", str(EXAMPLES), "--no-cache", "--executor", "local",
                 "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "--scheduler needs --executor dask" in capsys.readouterr().err
    pytest.importorskip("distributed", reason="the 'dask' extra is not installed")
    import linter.executors.dask as executor

    monkeypatch.setattr(executor, "CONNECT_TIMEOUT", "1s")
    assert main(["check", str(EXAMPLES), "--no-cache", "--scheduler", "tcp://127.0.0.1:9"]) == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in capsys.readouterr().err
