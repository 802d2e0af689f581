"""The corpus phase of the declarative corpus kinds (``consistency``, ``cooccurrence``).

A document's summary is the list of records the program kept for the rule, each
``(group, value, line, column, end_column, text, context)``: ``value`` is the mention's label
(consistency) or the index of the variant written (cooccurrence). What a document adds to the
corpus total is ``{group: {value: count}}``, so a pre-commit run judges the changed files
against the cached total (see :mod:`linter.aggregate`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from linter.aggregate import build
from linter.model import Finding
from linter.rule import CorpusContext

from linter.rules.custom.program import say


class Contribute:
    """``contribute`` of one declarative corpus rule. An object rather than a function so
    that each rule has its own aggregate name (:func:`linter.aggregate.aggregate_name`)."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.__module__ = __name__
        self.__qualname__ = f"Contribute.{code}"

    def __call__(self, summary: Any) -> dict[str, dict[str, int]]:
        total: dict[str, dict[str, int]] = {}
        for record in summary or ():
            counts = total.setdefault(str(record[0]), {})
            counts[record[1]] = counts.get(record[1], 0) + 1
        return total


def lookup_keys(summary: Any) -> Iterable[str]:
    return sorted({str(record[0]) for record in summary or ()})


def finalize(summaries: Mapping[str, Any], ctx: CorpusContext) -> Iterable[Finding]:
    options = ctx.options
    spec = options.spec
    total = ctx.aggregate
    if total is None:
        total = build(summaries.values(), options.contribute)
    consistency = spec.kind == "consistency"
    groups = spec.groups if consistency else spec.either
    for path in sorted(summaries):
        for group, value, line, column, end_column, text, context in summaries[path] or ():
            counts = total.get(str(group), {})
            group_text = " / ".join(groups[group])
            if consistency:
                expected = spec.label or _majority(counts)
                if expected is None or value == expected:
                    continue
                label = value
                count = counts.get(expected, 0)
            else:
                if len(counts) < 2:
                    continue
                preferred = max(counts, key=lambda index: (counts[index], -int(index)))
                if value == preferred:
                    continue
                expected = groups[group][int(preferred)]
                label, count = "", counts[preferred]
            values = {"text": text, "label": label, "expected": expected, "code": spec.code,
                      "name": spec.name, "count": count, "total": sum(counts.values()),
                      "group": group_text}
            yield ctx.report(path, line, column, end_column, say(options.template, values),
                             span=(text, label) if consistency else None,
                             evidence={"expected": expected, "counts": dict(counts)},
                             context=context)


def _majority(counts: Mapping[str, int]) -> str | None:
    """The label most mentions carry; None on a tie (nothing to hold the others to)."""
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]
