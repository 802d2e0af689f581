"""Validate corpus statistics against an expectation suite with great-expectations.

Optional extra (``pip install annolint[gx]``). great-expectations costs seconds to import, so
it is imported inside :func:`validate` only: importing this module is cheap, and nothing on
the plain ``annolint check`` path imports it.

The run is sealed: an *ephemeral* context (``gx.get_context(mode="ephemeral")``) keeps every
store in memory, so no ``gx/`` folder is read or written; analytics are switched off
(``GX_ANALYTICS_ENABLED=false`` before the import, and on the context) and progress bars too,
because a linter's output must stay the linter's.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from numbers import Integral, Real
from pathlib import Path
from typing import Any

from linter.gx.stats import (
    DOCUMENT_COLUMNS,
    LABEL_COLUMNS,
    corpus_row,
    corpus_table,
    label_table,
)
from linter.gx.suite import Check, SuiteError, load_suite, suite_checks, write_suite
from linter.result import RunResult

__all__ = ["GXOutcome", "FailedExpectation", "corpus_table", "label_table", "validate",
           "write_suite", "gx_available"]

ZERO_FILLED = ("ent_", "findings_", "count_", "share_")  # absent means zero, not "no column"
SHOWN = 5  # documents named in one failure message


@dataclass
class FailedExpectation:
    """One unmet expectation, in words: what was expected and what the corpus shows."""

    description: str
    observed: str
    table: str
    expectation: str

    def __str__(self) -> str:
        return f"{self.description}: {self.observed}"


@dataclass
class GXOutcome:
    """The result of validating one suite: what the report and the exit code need."""

    suite: str
    success: bool
    evaluated: int
    failures: list[FailedExpectation] = field(default_factory=list)

    def summary(self) -> str:
        if self.success:
            return f"gx suite {self.suite}: all {self.evaluated} expectations met"
        return (f"gx suite {self.suite}: {len(self.failures)} of {self.evaluated} "
                "expectations failed")

    def lines(self) -> list[str]:
        """The summary, then one line per failure (for console output and report notes)."""
        return [self.summary(), *(f"  - {failure}" for failure in self.failures)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "suite": self.suite, "success": self.success, "evaluated": self.evaluated,
            "failures": [{"description": f.description, "observed": f.observed,
                          "table": f.table, "expectation": f.expectation}
                         for f in self.failures],
        }


def gx_available() -> bool:
    """Whether the ``gx`` extra is installed (without paying for the import)."""
    from importlib.util import find_spec

    return find_spec("great_expectations") is not None


def _import_gx():
    """Import great-expectations with analytics off; a clear error when it is missing."""
    os.environ["GX_ANALYTICS_ENABLED"] = "false"
    try:
        import great_expectations
    except ImportError:
        raise SuiteError("great-expectations is not installed; install the extra: "
                         "pip install 'annolint[gx]'", "<gx>") from None
    return great_expectations


def _ephemeral_context(gx):
    context = gx.get_context(mode="ephemeral")
    try:
        from great_expectations.data_context.types.base import ProgressBarsConfig

        context.variables.progress_bars = ProgressBarsConfig(globally=False)
    except (ImportError, AttributeError):  # cosmetic only: older 1.x keep their bars
        pass
    if hasattr(context, "enable_analytics"):
        context.enable_analytics(False)
    return context


def _tables(result: RunResult, base: Path | None, labels: set[str]) -> dict[str, list[dict]]:
    documents = corpus_table(result, base, labels)
    return {"documents": documents, "labels": label_table(result),
            "corpus": [corpus_row(result, documents, labels)]}


def _named_labels(checks: list[Check]) -> set[str]:
    """Labels a suite talks about, so their columns exist even when the corpus has none."""
    labels = set()
    for check in checks:
        column = check.kwargs.get("column", "")
        for prefix in ("ent_", "count_", "share_"):
            if isinstance(column, str) and column.startswith(prefix):
                labels.add(column[len(prefix):])
    return labels


EMPTY_COLUMNS = {"documents": DOCUMENT_COLUMNS, "labels": LABEL_COLUMNS}


def _frame(table: str, rows: list[dict], columns_needed: set[str]):
    """A DataFrame of ``rows``; an empty table keeps its columns, so expectations on it
    report "0 rows" rather than "no such column"."""
    import pandas as pd

    frame = pd.DataFrame(rows) if rows else pd.DataFrame(columns=EMPTY_COLUMNS.get(table, ()))
    for column in columns_needed - set(frame.columns):
        if column.startswith(ZERO_FILLED):
            frame[column] = 0
    return frame


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, Integral):
        return str(int(value))
    if isinstance(value, Real):
        return "none" if value != value else f"{float(value):.4g}"
    if isinstance(value, (list, tuple, set)):
        return "{" + ", ".join(sorted(_value(item) for item in value)) + "}"
    return str(value)


def _observed(check: Check, outcome: Any, rows: list[dict]) -> str:
    """What the corpus shows, in words, from a GX expectation result."""
    info = getattr(outcome, "exception_info", None) or {}
    if isinstance(info, dict):
        messages = [info.get("exception_message")] + [
            value.get("exception_message") for value in info.values() if isinstance(value, dict)]
        message = next((m for m in messages if m), None)
        if message:
            return f"could not be evaluated: {message}"
    result = getattr(outcome, "result", None) or {}
    if check.type == "expect_column_distinct_values_to_equal_set":
        parts = []
        if result.get("partial_unexpected_list"):
            parts.append(f"unexpected {_value(result['partial_unexpected_list'])}")
        if result.get("partial_missing_list"):
            parts.append(f"missing {_value(result['partial_missing_list'])}")
        return "observed " + ("; ".join(parts) or _value(result.get("observed_value")))
    indexes = result.get("unexpected_index_list")
    if indexes is not None and check.table == "documents":
        values = result.get("unexpected_list") or [None] * len(indexes)
        named = [f"{rows[int(i)]['path']} ({_value(v)})" for i, v in zip(indexes, values)
                 if isinstance(i, Integral) and i < len(rows)]
        more = f", and {len(named) - SHOWN} more" if len(named) > SHOWN else ""
        return (f"{result.get('unexpected_count', len(named))} of {len(rows)} documents fail: "
                + ", ".join(named[:SHOWN]) + more)
    if check.table == "corpus" and result.get("unexpected_list"):
        return f"observed {_value(result['unexpected_list'][0])}"
    if "observed_value" in result:
        return f"observed {_value(result['observed_value'])}"
    return "not met"


def _expectation(check: Check, index: int):
    """A GX expectation object for one check; a SuiteError when GX rejects it."""
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    try:
        config = ExpectationConfiguration(type=check.type, kwargs=dict(check.kwargs),
                                          meta={"annolint_check": index})
        return config.to_domain_obj()
    except Exception as error:  # GX raises several unrelated types for a bad entry
        detail = " ".join(str(error).split())
        raise SuiteError(f"{check.table}: {check.type}: {detail}", "<gx>") from None


def run_checks(tables: dict[str, list[dict]], checks: list[Check], name: str) -> GXOutcome:
    """Run ``checks`` against ``tables`` in an ephemeral GX context."""
    gx = _import_gx()
    context = _ephemeral_context(gx)
    source = context.data_sources.add_pandas("annolint")
    failures: list[tuple[int, FailedExpectation]] = []
    success = True
    for table in ("documents", "labels", "corpus"):
        mine = [(index, check) for index, check in enumerate(checks) if check.table == table]
        if not mine:
            continue
        needed = {c.kwargs["column"] for _, c in mine if isinstance(c.kwargs.get("column"), str)}
        frame = _frame(table, tables[table], needed)
        batch = (source.add_dataframe_asset(table)
                 .add_batch_definition_whole_dataframe(table)
                 .get_batch(batch_parameters={"dataframe": frame}))
        suite = gx.ExpectationSuite(name=f"annolint-{table}")
        for index, check in mine:
            suite.add_expectation(_expectation(check, index))
        validation = batch.validate(suite, result_format="COMPLETE")
        success = success and bool(validation.success)
        for outcome in validation.results:
            if outcome.success:
                continue
            index = outcome.expectation_config.meta.get("annolint_check")
            check = checks[index]
            failures.append((index, FailedExpectation(
                check.description, _observed(check, outcome, tables[table]), table, check.type)))
    failures.sort(key=lambda pair: pair[0])  # file order, not GX's internal order
    return GXOutcome(name, success and not failures, len(checks), [f for _, f in failures])


def validate(result: RunResult, suite_path: Path, base: Path | None = None) -> GXOutcome:
    """Validate the corpus statistics of ``result`` against the suite at ``suite_path``.

    ``base`` is the folder the result's paths are relative to (default: the working
    directory); it is used to re-read documents for token counts.
    """
    checks = suite_checks(load_suite(Path(suite_path)))
    tables = _tables(result, base, _named_labels(checks))
    return run_checks(tables, checks, str(suite_path))
