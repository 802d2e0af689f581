"""A terminated run (SIGTERM: a CI timeout, ``kill``) exits 143 and leaves no temporary
spill behind (it can hold gigabytes on a large corpus)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix",
                                reason="POSIX signals")

_SLOW = r"""
import sys, time
from linter import stream
real = stream.Spill
class Announced(real):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        print(self.folder, flush=True)
        time.sleep(60)  # terminated here, with the spill on disk
stream.Spill = Announced
from linter.cli import main
sys.exit(main(["check", sys.argv[1], "--no-cache", "--no-progress", "--jobs", "1"]))
"""


def test_sigterm_mid_run_removes_the_spill_and_exits_143(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(3):
        (corpus / f"d{number}.txt").write_text("[ORG Acme  ] met [PER Ann Lee  ] .\n",
                                               encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-c", _SLOW, str(corpus)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    folder = Path(process.stdout.readline().strip())
    assert folder.is_dir()
    time.sleep(0.2)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 143, err
    assert "terminated" in err
    assert not folder.exists()
