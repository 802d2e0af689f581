"""Tasks in a process pool, results in submission order, at most two tasks per worker queued
(so a slow consumer holds a bounded number of results, and workers start on demand)."""

from __future__ import annotations

import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import Any


def _worker_start() -> None:
    # a worker is stopped by the driver, not by the handler the driver installed for itself
    # (linter.terminate): a SIGTERM sent to a worker alone ends that worker
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def spawn_is_safe() -> bool:
    """Whether fresh interpreters can start here: ``spawn`` imports the main script again in
    each of them, which reruns a script whose top level is not guarded by
    ``if __name__ == "__main__":`` (the console script and ``python -m linter`` are)."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if path is None:  # an interactive session or ``python -c``: nothing is imported again
        return True
    try:
        with open(path, encoding="utf-8", errors="replace") as source:
            text = source.read(1 << 20)
    except OSError:
        return False
    return "__name__ == \"__main__\"" in text or "__name__ == '__main__'" in text


def in_order(function: Callable[[Any], Any], tasks: Sequence[Any], workers: int,
             fresh: bool = False, prepare: Callable[[Any], Any] | None = None
             ) -> Iterator[Any]:
    """``function(task)`` for every task, run by ``workers`` processes, yielded in order.

    ``fresh``: start the workers as new interpreters (``spawn``) instead of forks of this
    process where that is safe (:func:`spawn_is_safe`), so that they do not start with
    (and, as Python touches reference counts, copy) everything this process holds;
    ``function`` and the tasks must then be picklable by reference, and nothing patched in
    this process at run time reaches them. When the consumer stops early or an exception
    (an interrupt, SIGTERM) unwinds it, queued tasks are cancelled and the workers stopped
    at once instead of finishing their tasks.

    ``prepare(task)``, when given, is what is sent for a task, called in this process when
    the task is submitted (after the outcomes of all but the last ``2 * workers`` tasks
    before it were yielded): so a task can carry what the consumer learnt meanwhile."""
    import multiprocessing  # here: a warm pre-commit run starts no process
    from concurrent.futures import ProcessPoolExecutor

    prepare = prepare or (lambda task: task)
    context = multiprocessing.get_context("spawn") if fresh and spawn_is_safe() else None
    pool = ProcessPoolExecutor(max_workers=max(1, min(workers, len(tasks))),
                               mp_context=context, initializer=_worker_start)
    try:
        pending = deque(pool.submit(function, prepare(task)) for task in tasks[:workers * 2])
        queued = len(pending)
        while pending:
            outcome = pending.popleft().result()
            if queued < len(tasks):
                pending.append(pool.submit(function, prepare(tasks[queued])))
                queued += 1
            yield outcome
    except BaseException:
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        raise
    pool.shutdown(wait=True)
