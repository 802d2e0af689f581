"""The driver's memory does not grow with the number of documents (issue 14).

A subprocess lints N and then 4N small inline documents of one fixed vocabulary (so the
corpus totals, which may grow with the vocabulary, stay the same size) with one job, the
batches and flushes of the streaming reduce set small so that they engage at this size,
and reports how far its peak RSS rose above its RSS before the run. A driver that keeps
something per document (results, findings, summaries) rises about four times as far for
4N as for N; a bounded one rises about as far.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/statm").exists(),
                                reason="reads the process's memory from /proc (Linux)")

# The run in the subprocess: RSS before, ru_maxrss after (both in KB).
_PROBE = r"""
import json, os, resource, sys
from linter import spill_totals, stream
from linter.cli import main
stream.BATCH_FILES = 50
spill_totals.FLUSH_FILES = 50
page = os.sysconf("SC_PAGE_SIZE") // 1024
with open("/proc/self/statm") as statm:
    before = int(statm.read().split()[1]) * page
code = main(["check", sys.argv[1], "--no-cache", "--no-progress", "--jobs", "1",
             "--output-format", "json", "-o", sys.argv[2]])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"before": before, "peak": peak, "exit": code}))
"""

_NAMES = [("ORG", "Sendero Luminoso"), ("LOC", "Apurimac-Ene River Valley"), ("PER", "Alan Garcia"),
          ("ORG", "VRAE"), ("LOC", "Lima"), ("MISC", "Peruvian"), ("ORG", "Congress"),
          ("PER", "Jorge del Castillo"), ("LOC", "Ayacucho"), ("ORG", "DEVIDA")]


def _corpus(folder: Path, count: int) -> None:
    folder.mkdir()
    rng = random.Random(count)
    for number in range(count):
        lines = []
        for _ in range(40):
            label, text = rng.choice(_NAMES)
            other = rng.choice(_NAMES)[1]
            lines.append(f"Officials said [{label} {text}  ] met {other} in the capital on "
                         f"Monday to discuss the {rng.randint(1, 9)} points of the plan .")
        (folder / f"doc{number:05d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _growth(folder: Path, report: Path) -> tuple[int, int]:
    done = subprocess.run([sys.executable, "-c", _PROBE, str(folder), str(report)],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["exit"] in (0, 1)
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["files"] > 0
    return figures["peak"] - figures["before"], figures["exit"]


def test_peak_memory_of_4n_documents_is_not_four_times_that_of_n(tmp_path):
    small, large = tmp_path / "n", tmp_path / "4n"
    _corpus(small, 150)
    _corpus(large, 600)
    grew_small, _ = _growth(small, tmp_path / "n.json")
    grew_large, _ = _growth(large, tmp_path / "4n.json")
    # Keeping even 20 KB per document would add 9 MB between the two runs.
    assert grew_large < 2 * grew_small + 8 * 1024, (grew_small, grew_large)
