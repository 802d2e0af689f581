"""Real-error benchmark for the LBL rules: CoNLL-2003 train with the Reiss et al. corrections.

    .venv/bin/python benchmarks/detection/real.py [--show 20] [--corpus DIR]

Lints ``../shared/corpora/conll03-reiss-train/inline`` in-process (profile none, LBL rules
only) and scores the findings with the matching of ``../shared/tools/score_lbl.py``: a
finding is a hit when it overlaps a keyed error region of the same file on the same line.
Prints, in one run: per rule findings and precision, recall per error kind, precision@100
and @300, the precision/recall curve of the label rules (LBL001 + LBL006) over the score
threshold (a second lint with every ``min-score`` at 0), LBL002's findings and precision
per kind of candidate (the exact string, a form of it, a table/list slot), and two naive
baselines beside
them: the majority label of the same string, and the label entropy per lower-cased string
(nessie's LabelEntropy). Nothing of the corpus is copied anywhere; the corpus is skipped with
a message when it is not there.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO))

from linter.config import load_config  # noqa: E402
from linter.discovery import discover_files  # noqa: E402
from linter.engine import run  # noqa: E402
from linter.readers.inline import parse_inline  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpora" / "conll03-reiss-train"
LABELS = ("PER", "LOC", "ORG", "MISC")
LBL = ["LBL001", "LBL002", "LBL003", "LBL004", "LBL005", "LBL006"]
LABEL_RULES = ("LBL001", "LBL006")  # the "LBL001 + new rule"
KINDS = ("label", "spurious", "boundary", "missing")


def config_text(zero: bool) -> str:
    # the corpus is linked in, read-only, from outside the temporary project root
    text = (f"profile: none\nlabels: [{', '.join(LABELS)}]\n"
            "follow-external-symlinks: true\n")
    if zero:
        from linter.rules import lbl

        known = {rule.meta.code for rule in lbl.RULES}
        text += "rules:\n" + "".join(f"  {code}: {{min-score: 0.0}}\n"
                                     for code in ("LBL001", "LBL002", "LBL003", "LBL006")
                                     if code in known)
    return text


def lint(inline: Path, zero: bool):
    work = Path(tempfile.mkdtemp(prefix="lbl-real-"))
    try:
        for path in inline.glob("*.txt"):
            (work / path.name).symlink_to(path.resolve())
        (work / "annolint.yaml").write_text(config_text(zero), encoding="utf-8")
        config = load_config(work / "annolint.yaml", start=work)
        sources, _ = discover_files([str(work)], config.settings.include,
                                    config.settings.exclude, work, work)
        started = time.perf_counter()
        result = run(config, sources, select=LBL, jobs=1)
        if result.entities == 0:  # nothing was read: a figure of 0 would mean nothing
            sys.exit(f"real.py: annolint read no entity from {inline} "
                     f"({len(result.files)} files); nothing to measure")
        return result, time.perf_counter() - started
    finally:
        shutil.rmtree(work, ignore_errors=True)


class Key:
    """The keyed error regions by file, matched as score_lbl.py matches them."""

    def __init__(self, path: Path) -> None:
        self.rows = [json.loads(line) for line in path.open(encoding="utf-8")]
        self.by_file: dict[str, list[int]] = defaultdict(list)
        for index, row in enumerate(self.rows):
            self.by_file[row["file"]].append(index)
        self.kinds = Counter(row["kind"] for row in self.rows)

    def hits(self, path: str, line: int, column: int, end_column: int) -> list[int]:
        name = path.rsplit("/", 1)[-1]
        return [i for i in self.by_file.get(name, ()) if self.rows[i]["line"] <= line
                <= self.rows[i]["end_line"] and column < self.rows[i]["end_column"]
                and self.rows[i]["column"] < end_column]


def score(key: Key, items: list[tuple[float, str, int, int, int, str]]) -> dict:
    """items: (score, path, line, column, end_column, rule)."""
    found: set[int] = set()
    flags = []
    for value, path, line, column, end, rule in items:
        hits = key.hits(path, line, column, end)
        found.update(hits)
        flags.append((value, bool(hits), rule))
    ranked = sorted(flags, key=lambda t: -t[0])
    true = sum(h for _, h, _ in flags)
    kinds = Counter(key.rows[i]["kind"] for i in found)
    return {
        "n": len(flags), "p": true / max(1, len(flags)),
        "recall": {kind: kinds[kind] / max(1, key.kinds[kind]) for kind in KINDS},
        "p100": sum(h for _, h, _ in ranked[:100]) / max(1, len(ranked[:100])),
        "p300": sum(h for _, h, _ in ranked[:300]) / max(1, len(ranked[:300])),
        "flags": flags,
    }


def as_items(findings, rules) -> list[tuple]:
    return [(f.score or 0.0, f.path, f.line, f.column, f.end_column, f.rule)
            for f in findings if f.rule in rules]


def baselines(inline: Path) -> dict[str, list[tuple]]:
    """The naive majority-label and label-entropy baselines as scored items."""
    mentions = []
    for path in sorted(inline.glob("*.txt")):
        doc = parse_inline(path.name, path.read_text(encoding="utf-8"), labels=frozenset(LABELS))
        for span in doc.spans:
            line_start = doc.lines.line_bounds(span.line)[0]
            mentions.append((path.name, span.line + 1, span.start - line_start + 1,
                             span.end - line_start + 1, span.text, span.label))
    exact: dict[str, Counter] = defaultdict(Counter)
    lower: dict[str, Counter] = defaultdict(Counter)
    for _, _, _, _, text, label in mentions:
        exact[text][label] += 1
        lower[text.lower()][label] += 1
    majority, entropy = [], []
    for path, line, column, end, text, label in mentions:
        counts = exact[text]
        top, count = counts.most_common(1)[0]
        if label != top:
            majority.append((count / sum(counts.values()), path, line, column, end, "BASE"))
        counts = lower[text.lower()]
        top, count = counts.most_common(1)[0]
        if label != top:
            total = sum(counts.values())
            value = -sum(c / total * math.log(c / total) for c in counts.values())
            entropy.append((value, path, line, column, end, "BASE"))
    return {"majority label of the same string (naive)": majority,
            "label entropy per lowercased string": entropy}


def row(name: str, result: dict) -> str:
    r = result["recall"]
    return (f"| {name} | {result['n']} | {result['p']:.2f} | {r['label']:.2f} | "
            f"{r['spurious']:.2f} | {r['boundary']:.2f} | {r['missing']:.2f} | "
            f"{result['p100']:.2f} | {result['p300']:.2f} |")


def curve(key: Key, items: list[tuple], thresholds) -> list[str]:
    out = ["| min-score | findings | precision | label recall | spurious recall | boundary "
           "recall | missing recall | P@100 |", "|---|---|---|---|---|---|---|---|"]
    for threshold in thresholds:
        kept = [item for item in items if item[0] >= threshold]
        result = score(key, kept)
        recalls = "".join(f"{result['recall'][kind]:.2f} | " for kind in KINDS)
        out.append(f"| {threshold:.2f} | {result['n']} | {result['p']:.2f} | {recalls}"
                   f"{result['p100']:.2f} |")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--show", type=int, default=0, help="print the N top false positives")
    parser.add_argument("--no-curve", action="store_true")
    args = parser.parse_args()
    inline, key_path = args.corpus / "inline", args.corpus / "key.jsonl"
    if not inline.is_dir() or not key_path.is_file():
        print(f"skipped: {args.corpus} not found (needs inline/ and key.jsonl)")
        return
    key = Key(key_path)
    result, elapsed = lint(inline, zero=False)
    counts = Counter(f.rule for f in result.findings if f.rule in LBL)
    print(f"== {args.corpus.name}: {len(result.files)} documents, key {dict(key.kinds)}; "
          f"lint {elapsed:.1f}s (corpus phase {result.timings['corpus']:.2f}s); "
          f"findings {dict(sorted(counts.items()))}")
    print("\n| method | findings | precision | label recall | spurious recall | boundary "
          "recall | missing recall | P@100 | P@300 |\n|---|---|---|---|---|---|---|---|---|")
    for name, items in baselines(inline).items():
        print(row(name, score(key, items)))
    print(row("annolint LBL001+LBL006", score(key, as_items(result.findings, LABEL_RULES))))
    for code in LBL:
        if counts[code]:
            print(row(f"annolint {code}", score(key, as_items(result.findings, (code,)))))
    print(row("annolint all LBL", score(key, as_items(result.findings, LBL))))
    forms = defaultdict(list)  # LBL002 by the kind of candidate (exact string or a form)
    for f in result.findings:
        if f.rule == "LBL002":
            forms[(f.evidence or {}).get("form", "exact")].append(f)
    if forms:
        print("\nLBL002 by candidate kind (exact string, plural/caps/period/part form, "
              "table/list frame):")
        for kind, found in sorted(forms.items()):
            hits = sum(bool(key.hits(f.path, f.line, f.column, f.end_column)) for f in found)
            print(f"  {kind:7} {len(found):4d} findings, precision {hits / len(found):.2f}")
    if not args.no_curve:
        zero, _ = lint(inline, zero=True)
        print("\nLBL001+LBL006 over the score threshold (every min-score at 0, then cut):")
        print("\n".join(curve(key, as_items(zero.findings, LABEL_RULES),
                              [0.0, 0.3, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95])))
        for code in ("LBL002", "LBL003"):
            print(f"\n{code} over the score threshold:")
            print("\n".join(curve(key, as_items(zero.findings, (code,)),
                                  [0.0, 0.5, 0.65, 0.8, 0.9])))
    if args.show:
        print(f"\ntop false positives (first {args.show}):")
        shown = 0
        for f in sorted(result.findings, key=lambda f: -(f.score or 0)):
            if f.rule in LBL and not key.hits(f.path, f.line, f.column, f.end_column):
                print(f"  {f.rule} {f.score:.2f} {f.path.rsplit('/', 1)[-1]}:{f.line}:"
                      f"{f.column} {f.message[:200]}")
                shown += 1
                if shown >= args.show:
                    break


if __name__ == "__main__":
    main()
