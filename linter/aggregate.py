"""Additive corpus aggregates: what lets a corpus rule judge one file against the whole
corpus without reading every other file's summary again.

A corpus rule may declare ``contribute(summary) -> {key: counts}``: what one document adds
to corpus-wide statistics, as nested dicts whose leaves are numbers (label counts per
string, context counts, documents per string…). Because contributions add up, the
incremental index (:mod:`linter.cache`) keeps the corpus total on disk and updates it by
subtracting a changed file's old contribution and adding its new one. A pre-commit run then
loads only the keys the changed files need (``lookup_keys``) and hands them to ``finalize``
as ``ctx.aggregate``; a full run passes ``None`` and the rule builds the total itself with
:func:`build`, so both paths compute the same findings.

A contribute function may offer ``contribute.add_to(total, summary)``: the same
contribution added into a running total in place, leaving no zero and no empty dict, as
:func:`add_into` would (a full run then builds no dict per document only to merge it).

It may also declare ``contribute.spread``: the keys whose value is a table that grows with
the corpus's vocabulary (``{text: count}`` of every annotated text) while a pre-commit run
looks up a few of its entries. The index stores such a table one row per entry
(:func:`spread_out`) and hands the rule a mapping that reads the rows it asks for
(:class:`linter.lazy_totals.StoredTable`), so neither reading nor updating it costs the
size of the corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any


def add_into(total: dict[str, Any], part: Mapping[str, Any], sign: int = 1) -> None:
    """``total += sign * part`` for nested dicts of numbers; zeros and empty dicts vanish."""
    for key, value in part.items():
        if isinstance(value, Mapping):
            inner = total.get(key)
            if not isinstance(inner, dict):
                inner = total[key] = {}
            add_into(inner, value, sign)
            if not inner:
                del total[key]
        else:
            result = total.get(key, 0) + sign * value
            if result:
                total[key] = result
            else:
                total.pop(key, None)


def build(summaries: Iterable[Any], contribute: Callable[[Any], Mapping[str, Any]]
          ) -> dict[str, Any]:
    """The corpus total of every summary's contribution (``None`` summaries are skipped)."""
    total: dict[str, Any] = {}
    for summary in summaries:
        if summary is not None:
            add_into(total, contribute(summary))
    return total


def aggregate_name(function: Callable) -> str:
    """A stable name for a contribute function: rules sharing one share one aggregate."""
    return f"{function.__module__}.{function.__qualname__}"


def contribute_file(totals: dict[str, dict], aggregators: Mapping[str, tuple[str, Callable]],
                    summaries: Mapping[str, Any]) -> None:
    """Add one file's contributions to ``totals`` (aggregate name -> total).

    ``aggregators`` maps an aggregate name to (a rule code whose summary feeds it, its
    contribute function); ``summaries`` is a FileResult's, whose keys are rule codes or, in
    a file of several documents (CoNLL, JSONL…), ``code\\0view`` (one summary per
    document): every document contributes."""
    for name, (code, contribute) in aggregators.items():
        total = totals.setdefault(name, {})
        add_to = getattr(contribute, "add_to", None)
        for key, summary in summaries.items():
            if summary is not None and (key == code or key.partition("\0")[0] == code):
                if add_to is not None:
                    add_to(total, summary)
                else:
                    add_into(total, contribute(summary))


def lookup_keys_of(rule: Any, summaries: Iterable[Any]) -> set[str]:
    """Every aggregate key ``rule``'s finalize may read for ``summaries`` (its
    ``lookup_keys`` of each summary, then its ``expand_keys`` of their union)."""
    keys: set[str] = set()
    lookup = rule.lookup_keys
    for summary in summaries:
        if summary is not None:
            keys.update(lookup(summary))
    expand = getattr(rule, "expand_keys", None)
    return expand(keys) if expand is not None else keys


SPREAD_SEPARATOR = "\x1f"  # between a spread key and its entry's key, in the index


def spread_keys(contribute: Callable) -> frozenset[str]:
    return frozenset(getattr(contribute, "spread", ()))


def spread_out(total: Mapping[str, Any], spread: frozenset[str]) -> dict[str, Any]:
    """``total`` with each table under a ``spread`` key split into one entry per key of
    the table (``key + SPREAD_SEPARATOR + entry``): how the index stores it."""
    if not spread or spread.isdisjoint(total):
        return dict(total)
    out: dict[str, Any] = {}
    for key, value in total.items():
        if key in spread and isinstance(value, Mapping):
            prefix = key + SPREAD_SEPARATOR
            for entry, count in value.items():
                out[prefix + str(entry)] = count
        else:
            out[key] = value
    return out
