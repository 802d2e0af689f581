"""The pre-commit path: one changed file judged against a 20,000-document corpus.

Builds the corpus index cold (``annolint check --corpus-root``), then times warm runs end to
end as subprocesses (Python start-up included), ``--repeat`` times each:

* nothing changed since the last run;
* the checked file edited before each run (the pre-commit case: it is relinted);
* another file of the corpus edited before each run (its cached summary is stale).

It prints the load average (the machine is shared: compare figures taken at a similar
load), and as a floor measured in the same run the start-up of ``python -c pass`` and of
importing the command line, with the warm runs' ratio to that floor. Also reports whether
heavy modules were imported on that path.

    python benchmarks/incremental.py --count 20000 [--keep DIR]
    python benchmarks/incremental.py --corpus DIR   # an existing (real-cable) corpus
    python benchmarks/incremental.py --corpus DIR --warm-only   # keep its index

With ``--corpus`` the folder is used as it is (its index is rebuilt cold once, unless
``--warm-only``); every edit is undone at the end. A real corpus one folder deep:
``python benchmarks/generate_corpus.py DIR --from ../shared/corpora/cables-dev/annotated
--count 20000 --flat``.

Child processes run without ``PYTHONDONTWRITEBYTECODE`` (a user's install keeps its
bytecode cache; recompiling annolint's sources costs a fifth of a second per run).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_corpus import generate  # noqa: E402

ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


CPU: list[float] = []  # CPU seconds (user + system) of each timed child, in order


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    cpu = _children_cpu()
    started = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=ENV)
    wall = time.perf_counter() - started
    CPU.append(_children_cpu() - cpu)
    return wall, proc


def load() -> str:
    return "load average " + " ".join(f"{value:.2f}" for value in os.getloadavg())


def figure(walls: list[float], cpus: list[float]) -> str:
    return (f"median {statistics.median(walls):.3f} s, min {min(walls):.3f} s, "
            f"max {max(walls):.3f} s over {len(walls)} runs (CPU median "
            f"{statistics.median(cpus):.3f} s)")


def repeat(command: list[str], cwd: Path, times: int, before=None) -> list[float]:
    """Wall seconds of ``times`` runs (their CPU seconds: the last ``times`` of CPU)."""
    walls = []
    for attempt in range(times):
        if before is not None:
            before(attempt)
        wall, proc = timed(command, cwd)
        if proc.returncode not in (0, 1):
            sys.exit(proc.stderr)
        walls.append(wall)
    return walls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--corpus", type=Path, help="an existing corpus, e.g. real cables")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--warm-only", action="store_true",
                        help="keep the corpus's index (no cold build): warm figures only")
    args = parser.parse_args()
    corpus = args.corpus or args.keep or Path(tempfile.mkdtemp(prefix="annolint-incr-"))
    if args.corpus is None and not any(corpus.rglob("*.txt")):
        generate(corpus, args.count)
    texts = sorted(corpus.rglob("*.txt"))
    target, other = texts[0], texts[len(texts) // 2]
    relative = target.relative_to(corpus).as_posix()
    # the console script, as a pre-commit hook runs it (``python -m`` would put the corpus
    # folder on sys.path, where every entry-point lookup lists its 20,000 names)
    script = Path(sys.executable).with_name("annolint")
    launcher = [str(script)] if script.is_file() else [sys.executable, "-m", "linter"]
    command = [*launcher, "check", "--corpus-root", ".", relative,
               "--output-format", "json", "--fail-on", "never", "--no-progress"]
    print(f"corpus: {len(texts)} documents in {corpus}; checking {relative}")
    print(f"{load()} at the start")
    floor = statistics.median(repeat([sys.executable, "-c", "pass"], corpus, args.repeat))
    imports = statistics.median(repeat([sys.executable, "-c", "import linter.cli"], corpus,
                                       args.repeat))
    print(f"floor: python -c pass {floor:.3f} s; import linter.cli {imports:.3f} s (median; "
          f"CPU {statistics.median(CPU[-args.repeat:]):.3f} s)")
    if not args.warm_only:
        for stale in corpus.glob(".annolint_cache/*"):
            stale.unlink()
        cold, proc = timed(command, corpus)
        if proc.returncode not in (0, 1):
            sys.exit(proc.stderr)
        print(f"cold index build + check of one file: {cold:.2f} s (CPU {CPU[-1]:.2f} s, "
              "worker processes included)")
    else:
        timed(command, corpus)  # bring the index up to date with the files as they are
    originals = {path: path.read_text(encoding="utf-8") for path in (target, other)}

    def edit(path: Path):
        def before(attempt: int) -> None:
            path.write_text(originals[path] + f"\nedit {attempt} [ORG Shining Path  ] .\n",
                            encoding="utf-8")
        return before

    try:
        quiet = repeat(command, corpus, args.repeat), CPU[-args.repeat:]
        checked = repeat(command, corpus, args.repeat, edit(target)), CPU[-args.repeat:]
        target.write_text(originals[target], encoding="utf-8")
        timed(command, corpus)
        another = repeat(command, corpus, args.repeat, edit(other)), CPU[-args.repeat:]
    finally:
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")
    for name, (walls, cpus) in (("warm, nothing changed", quiet),
                                ("warm, the checked file edited", checked),
                                ("warm, another file edited", another)):
        print(f"{name}: {figure(walls, cpus)}; "
              f"{statistics.median(walls) / imports:.2f}x the import floor")
    print(f"{load()} at the end")
    probe = ("import sys, runpy; sys.argv = " + repr(["annolint", *command[len(launcher):]]) +
             "\ntry:\n    runpy.run_module('linter', run_name='__main__')\nexcept SystemExit:\n"
             "    pass\nheavy = [m for m in ('great_expectations', 'jinja2', 'dask', 'pandas')"
             " if m in sys.modules]\nprint('heavy modules imported:', heavy or 'none',"
             " file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", probe], cwd=corpus, capture_output=True,
                          text=True, env=ENV)
    print(proc.stderr.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
