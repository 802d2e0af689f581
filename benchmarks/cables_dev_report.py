"""Findings per HDR/PAR/SPN rule on cables-dev (raw and annotated), plus profile speed.

Usage: python benchmarks/cables_dev_report.py [CORPUS_DIR] [--show CODE]

Reads ``../shared/corpora/cables-dev`` by default. The metadata table sits one folder above
``raw/`` and ``annotated/`` while the engine looks for ``metadata.jsonl`` beside each file,
so both folders are copied to a temporary directory with the table beside them. Prints a
table of findings per rule, how many cables the profile recognised, and the zoning time
per document; ``--show CODE`` prints every finding of that rule for inspection.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from linter.config import load_config  # noqa: E402
from linter.discovery import discover_files  # noqa: E402
from linter.engine import run  # noqa: E402
from linter.profiles import cable  # noqa: E402
from linter.readers.inline import parse_inline  # noqa: E402

FAMILIES = ("HDR", "PAR", "SPN")


def lint_folder(folder: Path):
    config = load_config(None, start=folder)
    old = Path.cwd()
    os.chdir(folder)
    try:
        sources, _ = discover_files(["."], ["**/*.txt"], [], folder, folder)
        return run(config, sources, select=list(FAMILIES), jobs=1), len(sources)
    finally:
        os.chdir(old)


def profile_speed(folder: Path) -> tuple[int, int, float]:
    """(documents, recognised, microseconds per document) for detect + zone."""
    labels = frozenset({"PER", "LOC", "ORG", "MISC"})
    docs = [parse_inline(p.name, p.read_text("utf-8"), labels=labels)
            for p in sorted(folder.glob("*.txt"))]
    started = time.perf_counter()
    recognised = 0
    for doc in docs:
        if cable.detect(doc):
            recognised += 1
            cable.zone(doc)
    elapsed = time.perf_counter() - started
    return len(docs), recognised, elapsed / max(1, len(docs)) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default=str(REPO.parent / "shared/corpora/cables-dev"))
    parser.add_argument("--show", action="append", default=[])
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not (corpus / "raw").is_dir():
        sys.exit(f"no cables-dev corpus at {corpus}")
    counts: dict[str, Counter] = {}
    files_hit: dict[str, Counter] = {}
    shown = []
    with tempfile.TemporaryDirectory() as tmp:
        for form in ("raw", "annotated"):
            target = Path(tmp) / form
            shutil.copytree(corpus / form, target)
            shutil.copy(corpus / "metadata.jsonl", target / "metadata.jsonl")
            result, total = lint_folder(target)
            counts[form] = Counter(f.rule for f in result.findings)
            files_hit[form] = Counter(rule for rule, _ in {(f.rule, f.path) for f in result.findings})
            recognised = sum(1 for stats in result.files if stats.profile == "cable")
            print(f"{form}: {recognised}/{total} documents recognised as cables")
            if result.internal_errors:
                print(f"  {len(result.internal_errors)} internal errors, first:\n"
                      f"{result.internal_errors[0]}")
            for finding in result.findings:
                if finding.rule in args.show:
                    shown.append((form, finding))
            docs, hit, micros = profile_speed(corpus / form)
            print(f"  profile: {hit}/{docs} detected, {micros:.0f} us per document (detect+zone)")
    from linter.registry import all_rules

    print(f"\n{'rule':8} {'name':36} {'sev':8} {'raw':>10} {'annotated':>10}")
    for rule in all_rules():
        if rule.meta.family not in FAMILIES:
            continue
        cells = [f"{counts[f][rule.code]} ({files_hit[f][rule.code]}f)" for f in ("raw", "annotated")]
        print(f"{rule.code:8} {rule.meta.name:36} {rule.meta.severity:8} {cells[0]:>10} {cells[1]:>10}")
    for form, finding in shown:
        print(f"\n[{form}] {finding.path}:{finding.line}:{finding.column} {finding.rule} "
              f"{finding.message}\n    {finding.context[:200]}")


if __name__ == "__main__":
    main()
