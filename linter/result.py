"""What a run produces: the input of every reporter and of the exit code.

Reporters read only this object and the rule metadata, so a new output format never
touches the engine.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from collections.abc import Callable
from typing import Any

from linter.model import SEVERITY_RANK, Document, Finding
from linter.rule import RuleMeta

@dataclass(slots=True)
class FileStats:
    """Per-file figures the reports need (entity counts feed rates and charts)."""

    path: str
    entities: int = 0
    labels: dict[str, int] = field(default_factory=dict)
    chars: int = 0
    profile: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    readable: bool = True
    documents: int = 1  # a CoNLL file with -DOCSTART- lines, a JSONL file: one per record
    format: str = "inline"


@dataclass
class RunResult:
    findings: list[Finding]
    files: list[FileStats]
    rules: list[RuleMeta]
    settings: dict[str, Any] = field(default_factory=dict)
    config_path: str | None = None
    missing: list[str] = field(default_factory=list)
    internal_errors: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    rule_times: dict[str, float] = field(default_factory=dict)  # rule code -> s (--profile-run)
    notes: list[str] = field(default_factory=list)
    baseline: dict[str, Any] | None = None
    # display path -> the Document as linted, or None (see linter.documents); reports that
    # show text read it here, never from disk themselves
    document: Callable[[str], Document | None] = field(default=lambda path: None, repr=False)

    @property
    def documents(self) -> int:
        return sum(stats.documents for stats in self.files if stats.readable)

    @property
    def entities(self) -> int:
        return sum(stats.entities for stats in self.files)

    def label_counts(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for stats in self.files:
            counts.update(stats.labels)
        return counts

    def by_severity(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        known = getattr(self.findings, "severity_counts", None)  # a spilled FindingList
        if known is not None:
            return {**counts, **known}
        for finding in self.findings:
            counts[finding.severity or "warning"] += 1
        return counts

    def by_rule(self) -> dict[str, int]:
        known = getattr(self.findings, "rule_counts", None)
        if known is not None:
            return dict(sorted(known.items()))
        return dict(sorted(Counter(finding.rule for finding in self.findings).items()))

    def rule_meta(self, code: str) -> RuleMeta | None:
        for meta in self.rules:
            if meta.code == code:
                return meta
        return None

    def exit_code(self, fail_on: str) -> int:
        """0 clean or below the gate, 1 findings at or above it, 3 internal error."""
        if self.internal_errors:
            return 3
        if fail_on == "never":
            return 0
        gate = SEVERITY_RANK[fail_on]
        known = getattr(self.findings, "severity_counts", None)
        if known is not None:
            return int(any(SEVERITY_RANK.get(level, 2) >= gate for level, n in known.items()
                           if n))
        if any(SEVERITY_RANK.get(f.severity or "warning", 2) >= gate for f in self.findings):
            return 1
        return 0
