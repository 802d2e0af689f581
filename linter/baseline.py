"""Baselines: adopt annolint on a large existing corpus without fixing everything first.

``annolint baseline`` records the fingerprints of today's findings (with counts, because the
same problem can occur several times in one file) in ``annolint-baseline.json``. ``check``
then reports and gates only findings that are not in the baseline, says how many known ones
remain, and lists baseline entries that no longer occur so the file can be pruned.
Fingerprints hash the rule, the path and the flagged text with its line, not line numbers,
so they survive unrelated edits above a finding.

No churn: an entry stores the rule, the path, the flagged text and the count, never the
message (a corpus rule's message cites corpus counts and example locations, which change
whenever any other file changes). One edit in one file changes at most that file's
entries, unless it changes what the corpus rules conclude about other files.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from linter import __version__
from linter.atomic import atomic_writer
from linter.model import Finding

BASELINE_NAME = "annolint-baseline.json"


@dataclass
class BaselineOutcome:
    new: list[Finding]
    known: int = 0
    gone: list[dict] = field(default_factory=list)


def write_baseline(path: Path, findings: list[Finding]) -> int:
    """Write the baseline atomically; returns the number of findings recorded."""
    entries: dict[str, dict] = {}
    for finding in findings:
        entry = entries.setdefault(finding.fingerprint, {
            "rule": finding.rule, "path": finding.path, "text": flagged_text(finding),
            "count": 0})
        entry["count"] += 1
    data = {"schema_version": 1, "tool": {"name": "annolint", "version": __version__},
            "findings": dict(sorted(entries.items(), key=lambda item: (item[1]["path"],
                                                                      item[1]["rule"])))}
    with atomic_writer(path) as handle:
        json.dump(data, handle, indent=1, ensure_ascii=False)
        handle.write("\n")
    return len(findings)


def flagged_text(finding: Finding) -> str:
    """What a reader of the baseline needs to recognise the finding: the flagged text (the
    head of the fingerprint context), which does not depend on other files."""
    if finding.span is not None:
        return finding.span[0]
    return finding.context.split("|", 1)[0]


class BaselineError(Exception):
    pass


def load_baseline(path: Path) -> dict[str, dict]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise BaselineError(f"{path}: cannot read the baseline: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), dict):
        raise BaselineError(f"{path}: not an annolint baseline (no 'findings' mapping)")
    return data["findings"]


def apply_baseline(findings: list[Finding], entries: dict[str, dict],
                   checked_paths: set[str] | None = None) -> BaselineOutcome:
    """Split findings into new ones and known ones; find entries that are gone.

    ``checked_paths`` limits "gone" to files that were actually checked this run, so a
    pre-commit run on one file does not declare the rest of the baseline obsolete.
    """
    remaining = Counter({fingerprint: int(entry.get("count", 1))
                         for fingerprint, entry in entries.items()})
    outcome = BaselineOutcome(new=[])
    for finding in findings:
        if remaining[finding.fingerprint] > 0:
            remaining[finding.fingerprint] -= 1
            outcome.known += 1
        else:
            outcome.new.append(finding)
    for fingerprint, left in remaining.items():
        entry = entries[fingerprint]
        if left > 0 and (checked_paths is None or entry.get("path") in checked_paths):
            outcome.gone.append({"fingerprint": fingerprint, **entry, "count": left})
    return outcome
