"""Timings of the LBL rules on inputs that used to be super-linear (issue 16), at N, 2N, 4N.

    .venv/bin/python benchmarks/pathological_lbl.py [--n 9500]

* LBL004: ``[ORG Sendero Luminoso  ] ( [PER SL  ] ) .`` repeated N times (every acronym
  used to rescan every entity of the document: quadratic);
* LBL003: one entity of N words (every prefix and suffix used to be joined: quadratic
  time and memory).

Each case is linted in-process (profile none, the one rule selected); the time should
roughly double from N to 2N and again to 4N.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from linter.config import load_config  # noqa: E402
from linter.discovery import discover_files  # noqa: E402
from linter.engine import run  # noqa: E402

CASES = {
    "LBL004 acronym lines": ("LBL004", lambda n: "[ORG Sendero Luminoso  ] ( [PER SL  ] ) .\n" * n),
    "LBL003 one long entity": ("LBL003", lambda n: "[ORG " + "word " * n + " ]\n"),
}


def lint_once(code: str, text: str) -> float:
    work = Path(tempfile.mkdtemp(prefix="lbl-patho-"))
    try:
        (work / "a.txt").write_text(text, encoding="utf-8")
        (work / "annolint.yaml").write_text("profile: none\n", encoding="utf-8")
        config = load_config(work / "annolint.yaml", start=work)
        sources, _ = discover_files([str(work)], config.settings.include,
                                    config.settings.exclude, work, work)
        started = time.perf_counter()
        run(config, sources, select=[code], jobs=1)
        return time.perf_counter() - started
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=9500)
    args = parser.parse_args()
    for name, (code, make) in CASES.items():
        times = []
        for factor in (1, 2, 4):
            text = make(args.n * factor)
            times.append((len(text), lint_once(code, text)))
        shown = ", ".join(f"{size / 1e6:.2f} MB {seconds:.2f}s" for size, seconds in times)
        ratio = times[2][1] / max(times[0][1], 1e-9)
        print(f"{name}: {shown}; 4N/N = {ratio:.1f} (linear: about 4)")


if __name__ == "__main__":
    main()
