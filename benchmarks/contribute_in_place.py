"""The driver's share of a full run's per-file phase: adding each file's LBL contribution to
the corpus totals, with a dict per document merged (``add_into(total, contribute(s))``, the
baseline) against the contribution added in place (``contribute.add_to``), on the same
summaries in the same run.

    python benchmarks/contribute_in_place.py [--corpus DIR] [--count 2000]

``--corpus`` defaults to ../shared/corpora/cables-dev/annotated (a folder of inline files).
"""

from __future__ import annotations

import argparse
import gc
import time
from pathlib import Path

from linter.aggregate import add_into, contribute_file
from linter.readers.inline import parse_inline
from linter.rules.lbl.evidence import contribute
from linter.rules.lbl.scan import summarise

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpora" / "cables-dev" / "annotated"
LABELS = frozenset({"PER", "LOC", "ORG", "MISC"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--count", type=int, default=2000)
    args = parser.parse_args()
    paths = sorted(path for path in args.corpus.rglob("*.txt"))[:args.count]
    if not paths:
        raise SystemExit(f"no .txt files under {args.corpus}")
    summaries = [summarise(parse_inline(str(path), path.read_text(encoding="utf-8",
                                                                   errors="replace"),
                                        labels=LABELS)) for path in paths]
    aggregators = {"lbl": ("LBL001", contribute)}
    gc.collect()
    began = time.process_time()
    merged: dict = {}
    for summary in summaries:
        add_into(merged, contribute(summary))
    baseline = time.process_time() - began
    began = time.process_time()
    in_place: dict = {}
    for summary in summaries:
        contribute_file(in_place, aggregators, {"LBL001": summary})
    new = time.process_time() - began
    assert in_place["lbl"] == merged, "the two sums differ"
    print(f"{len(paths)} files: merged per document {baseline:.2f} s CPU, in place "
          f"{new:.2f} s CPU, ratio {baseline / new:.2f}x ({len(merged)} keys)")


if __name__ == "__main__":
    main()
