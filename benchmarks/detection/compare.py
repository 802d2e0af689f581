"""What a change to the LBL rules lost and gained on a corpus without gold: the findings of
an older revision against this working tree's.

    .venv/bin/python benchmarks/detection/compare.py REV [--rules LBL001] [--show 20]
        [--corpus ../shared/corpora/cables-dev/annotated] [--seed 1]

Checks REV out into a temporary git worktree, lints the corpus (copied to a temporary
folder with ``labels: [PER, LOC, ORG, MISC]``, as run.py does) once with REV's code (in a
subprocess, its ``linter`` package rebuilt in a temporary folder the way the editable
install maps it: ``rules/`` as ``linter.rules``, ``reports/`` as ``linter.reports``) and
once with this tree's, and prints the counts per rule, how many findings were lost and
gained (same rule, file, line and column), and a seeded sample of each to read. REV must
have ``linter.engine.run`` (every revision since the LBL rules have). Nothing is written to
the repository; the worktree is removed at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CORPUS = REPO.parent / "shared" / "corpora" / "cables-dev" / "annotated"

# run in a subprocess with PYTHONPATH at the revision's rebuilt package (or this tree's)
_LINT = r"""
import json, sys
from pathlib import Path
from linter.config import load_config
from linter.discovery import discover_files
from linter.engine import run
folder, rules = Path(sys.argv[1]), sys.argv[2].split(",")
config = load_config(folder / "annolint.yaml", start=folder)
sources, _ = discover_files([str(folder)], config.settings.include, config.settings.exclude,
                            folder, folder)
result = run(config, sources, select=rules, jobs=1)
for f in result.findings:
    if f.rule in rules:
        print(json.dumps([f.rule, f.path.rsplit("/", 1)[-1], f.line, f.column, f.score,
                          f.message]))
"""


def _package(worktree: Path, into: Path) -> Path:
    """The revision's ``linter`` package laid out as the editable install maps it."""
    shutil.copytree(worktree / "linter", into / "linter")
    for folder in ("rules", "reports"):
        if (worktree / folder).is_dir():
            shutil.copytree(worktree / folder, into / "linter" / folder)
    return into


def _lint(pythonpath: Path | None, folder: Path, rules: list[str]) -> list[list]:
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)  # ahead of the editable install's finder
    else:
        env.pop("PYTHONPATH", None)
    done = subprocess.run([sys.executable, "-c", _LINT, str(folder), ",".join(rules)],
                          capture_output=True, text=True, env=env, cwd=folder, check=False)
    if done.returncode:
        sys.exit(f"compare.py: lint failed:\n{done.stderr[-2000:]}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("[")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rev")
    parser.add_argument("--rules", default="LBL001")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--show", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"skipped: {args.corpus} not found")
        return
    rules = args.rules.split(",")
    scratch = Path(tempfile.mkdtemp(prefix="lbl-compare-"))
    worktree = scratch / "rev"
    try:
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(worktree),
                        args.rev], check=True, capture_output=True)
        package = _package(worktree, scratch / "pkg")
        corpus = scratch / "corpus"
        corpus.mkdir()
        for path in args.corpus.glob("*.txt"):
            shutil.copy(path, corpus / path.name)
        (corpus / "annolint.yaml").write_text("labels: [PER, LOC, ORG, MISC]\n",
                                              encoding="utf-8")
        before = _lint(package, corpus, rules)
        after = _lint(None, corpus, rules)
    finally:
        subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force",
                        str(worktree)], check=False, capture_output=True)
        shutil.rmtree(scratch, ignore_errors=True)
    key = lambda row: tuple(row[:4])  # noqa: E731  (rule, file, line, column)
    old, new = {key(r): r for r in before}, {key(r): r for r in after}
    lost = [old[k] for k in sorted(old.keys() - new.keys())]
    gained = [new[k] for k in sorted(new.keys() - old.keys())]
    print(f"== {args.corpus}: {args.rev} {dict(Counter(r[0] for r in before))} -> "
          f"working tree {dict(Counter(r[0] for r in after))}; lost {len(lost)}, "
          f"gained {len(gained)}, kept {len(old.keys() & new.keys())}")
    rng = random.Random(args.seed)
    for name, rows in (("lost", lost), ("gained", gained)):
        print(f"-- {name} (a sample of {min(args.show, len(rows))}, seed {args.seed}):")
        for rule, path, line, column, score, message in rng.sample(rows, min(args.show,
                                                                               len(rows))):
            print(f"  {rule} {score or 0:.2f} {path}:{line}:{column} {message[:200]}")


if __name__ == "__main__":
    main()
