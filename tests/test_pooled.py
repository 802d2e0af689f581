"""The ordered process pool: an early stop does not wait for queued tasks; fresh workers
only where the main script cannot run again in them."""

from __future__ import annotations

import sys
import time
import types

import pytest

from linter import pooled


def _slow(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def test_an_exception_in_the_consumer_stops_the_pool_without_waiting_for_queued_tasks():
    began = time.perf_counter()
    with pytest.raises(KeyboardInterrupt):
        for _ in pooled.in_order(_slow, [0.2, 3.0, 3.0, 3.0], 2):
            raise KeyboardInterrupt  # as SIGTERM's handler raises in the driver
    assert time.perf_counter() - began < 2.5  # finishing the queue would take over 3 s


def test_results_come_in_submission_order():
    assert list(pooled.in_order(_slow, [0.3, 0.0, 0.1], 2)) == [0.3, 0.0, 0.1]


@pytest.mark.parametrize("source, safe", [
    ("from linter.cli import main\nmain(['check', '.'])\n", False),
    ("from linter.cli import main\nif __name__ == \"__main__\":\n    main()\n", True),
])
def test_spawn_only_where_the_main_script_is_guarded(tmp_path, monkeypatch, source, safe):
    script = tmp_path / "host.py"
    script.write_text(source, encoding="utf-8")
    main = types.ModuleType("__main__")
    main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", main)
    assert pooled.spawn_is_safe() is safe


def test_spawn_is_safe_without_a_main_file(monkeypatch):
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    assert pooled.spawn_is_safe()


def _echo(task):
    return task


def test_a_task_is_prepared_when_it_is_submitted_with_what_the_consumer_learnt():
    seen: list[int] = []
    outcomes = []
    for outcome in pooled.in_order(_echo, list(range(6)), 1,
                                   prepare=lambda task: (task, len(seen))):
        outcomes.append(outcome)
        seen.append(outcome[0])
    # two tasks per worker are queued ahead: task k is sent once k - 2 outcomes were seen
    assert outcomes == [(0, 0), (1, 0), (2, 0), (3, 1), (4, 2), (5, 3)]
