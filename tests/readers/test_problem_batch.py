"""Problems built in a batch (linter/readers/problem_batch.py) are the constructor's."""

from __future__ import annotations

import gc

import pytest

from linter.model import MarkupProblem
from linter.readers import problem_batch


def _table(count):
    table = problem_batch.columns()
    for index in range(count):
        row = (("stray-closer", "nested-opener", "unclosed")[index % 3], index, index + 2,
               "ORG" if index % 3 == 1 else "", "LOC" if index % 2 else "")
        for column, value in zip(table, row):
            column.append(value)
    return table


@pytest.mark.parametrize("count", [0, 1, 31, 32, 1000])
def test_batch_equals_the_constructor(count):
    table = _table(count)
    built = problem_batch.build(table)
    expected = [MarkupProblem(*row) for row in zip(*table)]
    assert built == expected
    assert [repr(problem) for problem in built] == [repr(problem) for problem in expected]
    assert all(type(problem) is MarkupProblem for problem in built)


def test_slot_path_is_taken_and_frozen():
    assert problem_batch.SLOTS
    problem = problem_batch.build(_table(100))[50]
    with pytest.raises(AttributeError):
        problem.start = 3  # still frozen
    assert hash(problem) == hash(MarkupProblem(*(getattr(problem, name) for name in
                                                  ("kind", "start", "end", "detail", "label"))))


def test_collector_state_is_restored():
    assert gc.isenabled()
    problem_batch.build(_table(100))
    assert gc.isenabled()
    gc.disable()
    try:
        problem_batch.build(_table(100))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_constructor_fallback(monkeypatch):
    monkeypatch.setattr(problem_batch, "SLOTS", False)
    table = _table(100)
    assert problem_batch.build(table) == [MarkupProblem(*row) for row in zip(*table)]


def test_drop_from_forgets_the_trailing_rows():
    table = _table(10)
    problem_batch.drop_from(table, 7)
    assert all(len(column) == 7 for column in table) and table[1][-1] == 6
    problem_batch.drop_from(table, 100)
    assert len(table[1]) == 7
    problem_batch.drop_from(table, 0)
    assert table == ([], [], [], [], [])
