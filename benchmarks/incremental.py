"""The pre-commit path: one changed file judged against a 20,000-document corpus.

Builds the corpus index cold (``annolint check --corpus-root``), then edits one file and
times the warm run end to end as a subprocess (Python start-up included), several times.
Also reports whether heavy modules were imported on that path.

    python benchmarks/incremental.py --count 20000 [--keep DIR]
    python benchmarks/incremental.py --corpus DIR   # an existing (real-cable) corpus

With ``--corpus`` the folder is used as it is (its index is rebuilt cold once); the edit
is undone at the end.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_corpus import generate  # noqa: E402


def timed(command: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - started, proc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--corpus", type=Path, help="an existing corpus, e.g. real cables")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    corpus = args.corpus or args.keep or Path(tempfile.mkdtemp(prefix="annolint-incr-"))
    if args.corpus is None and not any(corpus.rglob("*.txt")):
        generate(corpus, args.count)
    target = sorted(corpus.rglob("*.txt"))[0]
    relative = target.relative_to(corpus).as_posix()
    command = [sys.executable, "-m", "linter", "check", "--corpus-root", ".", relative,
               "--output-format", "json", "--fail-on", "never", "--no-progress"]
    for stale in corpus.glob(".annolint_cache/*"):
        stale.unlink()
    cold, proc = timed(command, corpus)
    if proc.returncode not in (0, 1):
        sys.exit(proc.stderr)
    print(f"corpus: {sum(1 for _ in corpus.rglob('*.txt'))} documents in {corpus}")
    print(f"cold index build + check of one file: {cold:.2f} s")
    original = target.read_text(encoding="utf-8")
    walls = []
    for attempt in range(args.repeat):
        target.write_text(original + f"\nedit {attempt} [ORG Shining Path  ] .\n",
                          encoding="utf-8")
        wall, proc = timed(command, corpus)
        walls.append(wall)
    target.write_text(original, encoding="utf-8")
    print(f"warm, one changed file, end to end: median {statistics.median(walls):.3f} s, "
          f"min {min(walls):.3f} s over {len(walls)} runs")
    probe = ("import sys, runpy; sys.argv = " + repr(["annolint", *command[3:]]) +
             "\ntry:\n    runpy.run_module('linter', run_name='__main__')\nexcept SystemExit:\n"
             "    pass\nheavy = [m for m in ('great_expectations', 'jinja2', 'dask', 'pandas')"
             " if m in sys.modules]\nprint('heavy modules imported:', heavy or 'none',"
             " file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", probe], cwd=corpus, capture_output=True,
                          text=True)
    print(proc.stderr.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
