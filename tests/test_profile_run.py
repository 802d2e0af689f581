"""``check --profile-run`` prints where the time went, and changes nothing else."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from .conftest import EXAMPLES


def _check(tmp_path, *extra):
    report = tmp_path / f"report{len(extra)}.json"
    done = subprocess.run([sys.executable, "-m", "linter.cli", "check", str(EXAMPLES),
                           "--no-cache", "--output-format", "json", "-o", str(report), *extra],
                          capture_output=True, text=True, cwd=tmp_path)
    return done, json.loads(report.read_text(encoding="utf-8"))


def test_profile_lists_phases_and_rules_and_keeps_the_findings(tmp_path):
    plain, plain_report = _check(tmp_path)
    profiled, profiled_report = _check(tmp_path, "--profile-run")
    assert plain.returncode == profiled.returncode == 1
    assert "profile of this run" not in plain.stderr
    err = profiled.stderr
    for phase in ("read and per-file rules", "corpus rules", "writing the report(s)", "total"):
        assert re.search(rf"^  {re.escape(phase)} +\d+\.\d{{3}} s +\d+\.\d %$", err, re.M), err
    rules = re.findall(r"^  ([A-Z]{3}\d{3}) +\d+\.\d{3} s", err, re.M)
    assert "LBL001" in rules and len(rules) == len(set(rules))
    assert profiled_report["findings"] == plain_report["findings"]
