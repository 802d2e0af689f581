"""At most so many findings per file and rule, so one broken file cannot swamp a report.

A long run of stray closers makes one finding each (hundreds of thousands per megabyte);
past the cap the rest of a (file, rule) pair collapses into one finding that says how many
were left out, placed where the first left-out finding was.
"""

from __future__ import annotations

from collections import defaultdict

from linter.model import Finding


def cap_findings(findings: list[Finding], limit: int) -> tuple[list[Finding], list[str]]:
    """``findings`` with at most ``limit`` per (path, rule), plus one summary finding for
    each capped pair, and a note for the run; ``limit`` 0 keeps everything."""
    kept, left_out, pairs = cap_counted(findings, limit)
    return kept, cap_notes(left_out, pairs, limit)


def cap_counted(findings: list[Finding], limit: int) -> tuple[list[Finding], int, int]:
    """:func:`cap_findings` without the note: (kept, findings left out, pairs capped).
    Capping each file's findings on its own gives each file what capping all at once does."""
    if limit <= 0 or len(findings) <= limit:
        return findings, 0, 0
    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in findings:
        groups[(finding.path, finding.rule)].append(finding)
    if all(len(group) <= limit for group in groups.values()):
        return findings, 0, 0
    kept: list[Finding] = []
    left_out = pairs = 0
    for (path, rule), group in groups.items():
        if len(group) <= limit:
            kept.extend(group)
            continue
        group.sort(key=Finding.sort_key)
        kept.extend(group[:limit])
        first, rest = group[limit], len(group) - limit
        kept.append(Finding(rule, path, first.line, first.column, first.end_line,
                            first.end_column,
                            f"{rest} more {rule} findings in this file were left out "
                            f"(max-findings-per-file: {limit})", context="capped"))
        left_out += rest
        pairs += 1
    return kept, left_out, pairs


def cap_notes(left_out: int, pairs: int, limit: int) -> list[str]:
    if not pairs:
        return []
    return [f"{left_out} findings were left out: more than {limit} of one rule in one file "
            f"({pairs} file/rule pairs; raise max-findings-per-file to see them)"]
