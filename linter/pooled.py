"""Tasks in a process pool, results in submission order, at most two tasks per worker queued
(so a slow consumer holds a bounded number of results, and workers start on demand)."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any


def in_order(function: Callable[[Any], Any], tasks: Sequence[Any], workers: int,
             fresh: bool = False) -> Iterator[Any]:
    """``function(task)`` for every task, run by ``workers`` processes, yielded in order.

    ``fresh``: start the workers as new interpreters (``spawn``) instead of forks of this
    process, so that they do not start with (and, as Python touches reference counts, copy)
    everything this process holds; ``function`` and the tasks must then be picklable by
    reference, and nothing patched in this process at run time reaches them."""
    context = multiprocessing.get_context("spawn") if fresh else None
    with ProcessPoolExecutor(max_workers=max(1, min(workers, len(tasks))),
                             mp_context=context) as pool:
        pending = deque(pool.submit(function, task) for task in tasks[:workers * 2])
        queued = len(pending)
        while pending:
            outcome = pending.popleft().result()
            if queued < len(tasks):
                pending.append(pool.submit(function, tasks[queued]))
                queued += 1
            yield outcome
