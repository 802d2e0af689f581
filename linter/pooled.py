"""Tasks in a process pool, results in submission order, at most two tasks per worker queued
(so a slow consumer holds a bounded number of results, and workers start on demand)."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any


def in_order(function: Callable[[Any], Any], tasks: Sequence[Any], workers: int) -> Iterator[Any]:
    """``function(task)`` for every task, run by ``workers`` processes, yielded in order."""
    with ProcessPoolExecutor(max_workers=max(1, min(workers, len(tasks)))) as pool:
        pending = deque(pool.submit(function, task) for task in tasks[:workers * 2])
        queued = len(pending)
        while pending:
            outcome = pending.popleft().result()
            if queued < len(tasks):
                pending.append(pool.submit(function, tasks[queued]))
                queued += 1
            yield outcome
