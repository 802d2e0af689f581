"""``check --profile-run``: where a run's time went, printed on stderr after the report.

The phases come from ``RunResult.timings`` (the engine's per-file, corpus and policy
phases), the report's write time is measured here, and each rule's time (summed over
files and workers, and its corpus phase) from ``RunResult.rule_times``. Reading and
parsing a file is shown as ``(read)``. Times are wall seconds for the phases and CPU-side
seconds per rule (rules run in parallel workers, so their sum can exceed the wall time).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

PHASES = (("per_file", "read and per-file rules"), ("corpus", "corpus rules"),
          ("policy", "caps, ignores, severities"))
TOP_RULES = 15


def add_profile(command: argparse.ArgumentParser) -> None:
    command.add_argument("--profile-run", action="store_true",
                         help="after the report, print on stderr where the time went: each "
                         "phase and the slowest rules")


def timed_call(action: Callable[[], Any]) -> tuple[Any, float]:
    began = time.perf_counter()
    value = action()
    return value, time.perf_counter() - began


def print_profile(result: Any, report_seconds: float, out: TextIO | None = None) -> None:
    out = out or sys.stderr
    timings = result.timings or {}
    total = timings.get("total", 0.0) + report_seconds
    lines = ["annolint: profile of this run (wall seconds, share of the run)"]

    def row(name: str, seconds: float) -> str:
        share = f"{100 * seconds / total:5.1f} %" if total > 0 else "    - %"
        return f"  {name:<32} {seconds:9.3f} s  {share}"

    for key, label in PHASES:
        if key in timings:
            lines.append(row(label, timings[key]))
    lines.append(row("writing the report(s)", report_seconds))
    lines.append(row("total", total))
    if "reused_files" in timings:
        lines.append(f"  files from the cache: {int(timings['reused_files'])}, "
                     f"linted: {int(timings.get('relinted_files', 0))}")
    rules = sorted((result.rule_times or {}).items(), key=lambda item: -item[1])
    if rules:
        summed = sum(seconds for _, seconds in rules)
        lines.append(f"annolint: slowest rules (seconds summed over files and workers; "
                     f"all rules {summed:.3f} s)")
        for code, seconds in rules[:TOP_RULES]:
            share = f"{100 * seconds / summed:5.1f} %" if summed > 0 else "    - %"
            lines.append(f"  {code:<32} {seconds:9.3f} s  {share}")
    out.write("\n".join(lines) + "\n")
