"""The per-file phase on a Dask cluster (``annolint check --executor dask``; the 'dask' extra).

The file list is cut into partitions; each partition is one Dask task that lints its files
with :func:`linter.engine.lint_file`, reading them from the path the driver sees (so the
workers need the corpus at the same absolute path: a shared or network file system) and
the same annolint installed. What a task sends back is compact: every FileResult as plain
tuples (findings and file figures without their dataclasses), pickled once and compressed,
and the partition's share of the additive corpus aggregates (:mod:`linter.aggregate`)
stays on the cluster, where it is summed pairwise in a tree (:meth:`DaskExecutor.totals`).

Partitions are yielded in file order, each as soon as it and those before it are done
(a bounded window of tasks is in flight), so the report is byte for byte the local
executor's: corpus rules list evidence in the order files were linted. Errors behave as
locally: an unreadable file is a finding and a rule crash an internal error, both raised
inside :func:`lint_file`; a task that fails as a whole (a worker lost) gives one internal
error per file of its partition, and the run goes on.

Like the local process pool, the cluster exchanges pickles (Dask's protocol): the plan
(the config's rules and options) goes to the workers, their results come back. Run it only
on workers you trust, as you trust the machine that runs ``--jobs``.
"""

from __future__ import annotations

import logging
import os
import pickle
import zlib
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import dask
from distributed import Client, LocalCluster

from linter.aggregate import add_into, aggregate_name
from linter.config import ConfigError
from linter.discovery import SourceFile
from linter.engine import FileResult, Plan, lint_file, worker_count
from linter.model import Finding
from linter.registry import rules_by_code
from linter.result import FileStats

_FINDING = Finding.__slots__
_STATS = FileStats.__slots__
WINDOW_PER_THREAD = 4  # partitions in flight per worker thread
CONNECT_TIMEOUT = "15s"
# Dask's defaults sample every worker's stack every 10 ms and tick each event loop every
# 20 ms: an idle 2-worker LocalCluster burnt 1.65 s of CPU in 10 s, 0.21 s with these
QUIET = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "1s",
         "distributed.admin.system-monitor.interval": "5s",
         "distributed.worker.memory.monitor-interval": "1s"}


def pack(results: list[FileResult]) -> bytes:
    """A partition's results as one compressed pickle of plain tuples."""
    rows = [(tuple(getattr(r.stats, name) for name in _STATS),
             [tuple(getattr(f, name) for name in _FINDING) for f in r.findings],
             r.summaries, r.errors, r.size, r.mtime_ns, r.digest, r.views) for r in results]
    return zlib.compress(pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack(data: bytes) -> list[FileResult]:
    """The FileResults :func:`pack` packed (from a worker of the same annolint)."""
    return [FileResult(FileStats(*stats), [Finding(*f) for f in findings], summaries, errors,
                       size, mtime, digest, views)
            for stats, findings, summaries, errors, size, mtime, digest, views
            in pickle.loads(zlib.decompress(data))]


def plan_aggregators(plan: Plan) -> dict[str, tuple[str, Callable]]:
    """``{aggregate name: (rule code, contribute)}`` as :func:`linter.engine.run` builds it."""
    registry = rules_by_code(plan.custom)
    rules = [registry[code] for code in plan.corpus_codes]
    return {aggregate_name(rule.contribute): (rule.code, rule.contribute)
            for rule in rules if rule.contribute is not None}


def contributions(results: list[FileResult], plan: Plan) -> dict[str, dict] | None:
    """What these files add to each aggregate; None when a contribute crashed (the engine
    then sums the summaries itself and meets the same crash where it reports crashes)."""
    totals: dict[str, dict] = {}
    try:
        for name, (code, contribute) in plan_aggregators(plan).items():
            total = totals[name] = {}
            for result in results:
                for key, summary in result.summaries.items():
                    if summary is not None and key.partition("\0")[0] == code:
                        add_into(total, contribute(summary))
    except Exception:
        return None
    return totals


def lint_partition(sources: list[SourceFile], plan: Plan, reduce: bool
                   ) -> tuple[bytes, dict[str, dict] | None]:
    """The task: lint ``sources``; their packed results and aggregate contributions."""
    results = [lint_file(source, plan) for source in sources]
    return pack(results), contributions(results, plan) if reduce else None


def combine(left: dict[str, dict] | None, right: dict[str, dict] | None
            ) -> dict[str, dict] | None:
    """One step of the tree reduction (adds ``right`` into ``left``, a task's own value)."""
    if left is None or right is None:
        return None
    for name, total in right.items():
        add_into(left.setdefault(name, {}), total)
    return left


def _item(pair: tuple, index: int) -> Any:
    return pair[index]


def failed(sources: list[SourceFile], error: BaseException) -> list[FileResult]:
    """A partition whose task failed as a whole: one internal error per file."""
    reason = f"{type(error).__name__}: {error}"
    return [FileResult(FileStats(path=source.display, readable=False), [], {},
                       [f"{source.display}: the Dask task linting it failed:\n{reason}"])
            for source in sources]


class DaskExecutor:
    """Runs :func:`lint_file` as Dask tasks; sums aggregates on the cluster."""

    def __init__(self, client: Client, *, reduce: bool = True,
                 partition: int | None = None) -> None:
        self.client = client
        self.reduce = reduce  # compute aggregate contributions on the workers
        self.partition = partition  # files per task (default: from the cluster's size)
        self._levels: list[tuple[int, Any]] = []  # the tree reduction's pending partials
        self._broken = False
        self._codes: dict[str, str] = {}  # aggregate name -> the rule code it sums
        self.sent = 0  # compressed result bytes received, for benchmarks

    def threads(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def map(self, sources: list[SourceFile], plan: Plan,
            progress: Callable[[int], None] | None = None) -> Iterator[FileResult]:
        if not sources:
            return
        threads = self.threads()
        size = self.partition or max(16, min(256, len(sources) // (threads * 8) or 1))
        shared = [SourceFile(os.path.abspath(s.path), s.display) for s in sources]
        parts = [shared[i:i + size] for i in range(0, len(shared), size)]
        self._codes.update((name, code) for name, (code, _) in plan_aggregators(plan).items())
        plan_future = self.client.scatter(plan, broadcast=True, hash=False)
        window: deque[tuple[list[SourceFile], Any]] = deque()
        queued = 0
        try:
            while queued < len(parts) or window:
                while queued < len(parts) and len(window) < threads * WINDOW_PER_THREAD:
                    window.append((parts[queued], self._submit(parts[queued], plan_future)))
                    queued += 1
                part, future = window.popleft()
                try:
                    data = future.result()
                    self.sent += len(data)
                    results = unpack(data)
                except Exception as error:  # a lost worker, a task that cannot run
                    self._broken = True
                    results = failed(part, error)
                del future
                yield from results
                if progress:
                    progress(len(part))
        finally:
            for _, future in window:
                future.cancel()

    def _submit(self, part: list[SourceFile], plan_future: Any) -> Any:
        submit = self.client.submit
        task = submit(lint_partition, part, plan_future, self.reduce, pure=False)
        if self.reduce:
            self._push(0, submit(_item, task, 1, pure=False))
        return submit(_item, task, 0, pure=False)

    def _push(self, level: int, partial: Any) -> None:
        """Binary-counter tree: two partials of one level combine into one of the next,
        so O(log n) partials are pending and the reduction runs as partitions finish."""
        while self._levels and self._levels[-1][0] == level:
            _, left = self._levels.pop()
            partial = self.client.submit(combine, left, partial, pure=False)
            level += 1
        self._levels.append((level, partial))

    def totals(self, aggregators: dict[str, tuple[str, Callable]]) -> dict[str, dict] | None:
        """The corpus totals of every file this executor linted, reduced on the cluster;
        None when the engine must sum them itself (not reduced, a failed task, a crash in a
        contribute, or aggregators that are not the plan's)."""
        if not self.reduce or self._broken:
            return None
        if any(self._codes.get(name) != code for name, (code, _) in aggregators.items()):
            return None
        partials = [partial for _, partial in self._levels]
        if not partials:
            return {name: {} for name in aggregators}
        while len(partials) > 1:
            partials = [self.client.submit(combine, partials[i], partials[i + 1], pure=False)
                        if i + 1 < len(partials) else partials[i]
                        for i in range(0, len(partials), 2)]
        self._levels = [(len(self._levels) + 64, partials[0])]  # a later map adds to it
        try:
            reduced = partials[0].result()
        except Exception:
            return None
        if reduced is None:
            return None
        return {name: reduced.get(name, {}) for name in aggregators}


@contextmanager
def dask_executor(scheduler: str | None, jobs: int | None) -> Iterator[DaskExecutor]:
    """A client on ``scheduler`` (``tcp://HOST:PORT``), or on a LocalCluster on 127.0.0.1
    with one single-threaded worker process per core (``--jobs`` caps it)."""
    try:
        with dask.config.set(QUIET):  # for the client here and the workers it starts
            client, cluster = _connect(scheduler, jobs)
    except (OSError, TimeoutError, ValueError) as error:
        where = f"the Dask scheduler at {scheduler}" if scheduler else "a local Dask cluster"
        raise ConfigError(f"--executor dask: cannot reach {where}: {error}",
                          "<command line>") from None
    try:
        try:
            client.wait_for_workers(1, timeout=30)
        except (OSError, TimeoutError) as error:
            raise ConfigError(f"--executor dask: no worker joined the scheduler "
                              f"{scheduler or client.scheduler.address} ({error})",
                              "<command line>") from None
        yield DaskExecutor(client)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _connect(scheduler: str | None, jobs: int | None) -> tuple[Client, LocalCluster | None]:
    if scheduler:
        return Client(scheduler, timeout=CONNECT_TIMEOUT), None
    workers = worker_count(jobs or os.cpu_count() or 1, 1 << 30)
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           host="127.0.0.1", dashboard_address="127.0.0.1:0",
                           silence_logs=logging.ERROR)
    try:
        return Client(cluster), cluster
    except BaseException:
        cluster.close()
        raise
