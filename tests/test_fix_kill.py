"""A ``check --fix`` run killed (SIGKILL) while it writes leaves every file either as it was
or fixed, and every file parses: writes are atomic per file (temporary file, then rename)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from linter.readers import read_document

LINE = "[ORG Shining Path  ] and [ORG SL ] met [LOC Peru  ] and [PER Ziv  ] in [LOC Lima ] .\n"


def _fix(folder: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "linter.cli", "check", ".", "--fix", "--no-cache", "-j", "1",
         "--select", "BRK005", "--no-progress", "--fail-on", "never"],
        cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_sigkill_mid_fix_leaves_old_or_new_files(tmp_path):
    original = tmp_path / "corpus"
    original.mkdir()
    for index in range(150):
        (original / f"f{index:03}.txt").write_text(LINE * 40, encoding="utf-8")
    old = (original / "f000.txt").read_bytes()
    fixed = (LINE.replace("SL ]", "SL  ]").replace("Lima ]", "Lima  ]") * 40).encode()

    victim = tmp_path / "victim"
    shutil.copytree(original, victim)
    process = _fix(victim)
    deadline = time.monotonic() + 300
    files = sorted(victim.glob("*.txt"))
    while time.monotonic() < deadline and process.poll() is None:
        if any(path.read_bytes() == fixed for path in files[::10]):
            break  # the writes have begun
        time.sleep(0.005)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    states = {"old": 0, "new": 0}
    for path in sorted(victim.glob("*.txt")):
        data = path.read_bytes()
        assert data in (old, fixed), f"{path.name} is neither the old nor the fixed text"
        states["old" if data == old else "new"] += 1
        doc, problem = read_document(path.name, data, fmt="inline")
        assert doc is not None and not doc.problems, problem
    assert sum(states.values()) == 150
