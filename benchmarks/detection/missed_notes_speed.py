"""What LBL002's per-document notes (table/list slots, lower-case words) cost beside the
mention summary they join, measured in the same run.

    .venv/bin/python benchmarks/detection/missed_notes_speed.py [--repeat 3]

Reads btc + wnut17 from ../shared/corpora (as run.py does), parses every document once,
then times, best of ``--repeat``, building the summaries without the notes and computing
the notes on top; prints both and their ratio. Skipped with a message when the corpora
are not there.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))

import run as bench  # noqa: E402

from linter.readers.inline import parse_inline  # noqa: E402
from linter.rules.lbl import missed_local, scan  # noqa: E402

LABELS = frozenset({"PER", "LOC", "ORG", "MISC"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    try:
        docs = bench.load("btc") + bench.load("wnut17")
    except (FileNotFoundError, OSError) as error:
        print(f"skipped: {error}")
        return
    folder = Path(tempfile.mkdtemp(prefix="lbl-notes-"))
    try:
        bench.write(docs, folder)
        parsed = [parse_inline(path.name, path.read_text(encoding="utf-8"), labels=LABELS)
                  for path in sorted(folder.glob("*.txt"))]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    build = notes = float("inf")
    for _ in range(args.repeat):
        started = time.perf_counter()
        summaries = [scan._without_bare_acronyms(doc, scan._build(doc)) for doc in parsed]
        middle = time.perf_counter()
        found = [missed_local.local_notes(doc, summary)
                 for doc, summary in zip(parsed, summaries)]
        build = min(build, middle - started)
        notes = min(notes, time.perf_counter() - middle)
    runs = sum(len(summary.runs) for summary in summaries)
    slots = sum(len(framed) for framed, _ in found)
    print(f"{len(parsed)} documents, {runs} runs, {slots} slot candidates: summary build "
          f"{build:.3f}s, notes {notes:.3f}s ({notes / build:.2f}x the build)")


if __name__ == "__main__":
    main()
