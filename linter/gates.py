"""CI thresholds beyond ``--fail-on``: ``max-findings`` per selector and ``max-rate`` of
entities per selector (``max-rate: {LBL: 0.5%}``). A corpus QA gate is usually "no more
than N" rather than "none at all", so these turn counts into pass/fail with a reason."""

from __future__ import annotations

from linter.registry import rules_by_code, specificity
from linter.result import RunResult
from linter.rule import Rule


def _count(result: RunResult, selector: str) -> int:
    registry = rules_by_code(Rule(meta) for meta in result.rules if meta.source)
    return sum(1 for finding in result.findings
               if finding.rule in registry and specificity(selector, registry[finding.rule]))


def parse_rate(text: str | float) -> float:
    """'0.5%' → 0.005, '0.005' → 0.005."""
    text = str(text).strip()
    if text.endswith("%"):
        return float(text[:-1]) / 100
    return float(text)


def threshold_failures(result: RunResult, max_findings: dict[str, int],
                       max_rate: dict[str, str | float]) -> list[str]:
    """One sentence per threshold the run exceeds (empty when every gate passes)."""
    failures = []
    for selector, limit in max_findings.items():
        count = _count(result, selector)
        if count > limit:
            failures.append(f"{selector}: {count} findings, more than max-findings {limit}")
    entities = max(result.entities, 1)
    for selector, rate_text in max_rate.items():
        rate = parse_rate(rate_text)
        count = _count(result, selector)
        if count / entities > rate:
            failures.append(f"{selector}: {count} findings for {result.entities} entities = "
                            f"{100 * count / entities:.2f}%, above max-rate {rate_text}")
    return failures
