"""Detection benchmark for the LBL rules: one command, printed figures.

    .venv/bin/python benchmarks/detection/run.py [--seed 13] [--rate 0.05] [--scale 8]

For BTC and WNUT-17 (CoNLL, from ../shared/corpora): convert to the inline format (one
sentence per line, 50 sentences per document), inject seeded noise (noise.py), lint with
annolint's engine in-process (profile none, LBL rules only) and score the findings against
the injected noise: a finding is a hit when it overlaps a noisy entity (or a dropped
entity's text) on the same line. Prints per rule precision, recall per noise kind,
precision@100 over all LBL findings, and LBL001's precision at wrong-label recall 0.25,
next to the naive majority-label baseline. Then lists the top findings on the annotated
cables (no gold there: read them) and times the corpus phase on a large corpus.

The original annotations have errors of their own, so precision here is a lower bound.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

from corpus import Doc, group, read_conll, write_line  # noqa: E402
from noise import inject  # noqa: E402

from linter.config import load_config  # noqa: E402
from linter.discovery import discover_files  # noqa: E402
from linter.engine import run  # noqa: E402

CORPORA = REPO.parent / "shared" / "corpora"
CONFIG = "profile: none\nlabels: [PER, LOC, ORG, MISC]\n"
LBL = ["LBL001", "LBL002", "LBL003", "LBL004", "LBL005"]
RULE_OF_KIND = {"flip": "LBL001", "context-flip": "LBL001", "drop": "LBL002",
                "boundary": "LBL003"}
LABEL_NOISE = ("flip", "context-flip")


def load(name: str) -> list[Doc]:
    if name == "btc":
        docs = []
        for path in sorted((CORPORA / "btc").glob("*.conll")):
            docs += group(f"btc-{path.stem}", read_conll(path), 50)
        return docs
    sentences = []
    for file in ("wnut17train.conll", "emerging.dev.conll", "emerging.test.annotated"):
        sentences += read_conll(CORPORA / "wnut17" / file)
    return group("wnut17", sentences, 50)


def write(docs: list[Doc], folder: Path, copies: int = 1):
    """Write the docs; return {path: [line texts]} and the column maps per (doc, sentence)."""
    (folder / "annolint.yaml").write_text(CONFIG, encoding="utf-8")
    columns = {}
    for copy in range(copies):
        for d, doc in enumerate(docs):
            lines = []
            for s, sentence in enumerate(doc.sentences):
                text, span_cols, token_cols = write_line(sentence)
                lines.append(text)
                if copy == 0:
                    columns[(d, s)] = (span_cols, token_cols)
            name = doc.name if copy == 0 else f"{doc.name}-copy{copy}"
            (folder / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return columns


def lint(folder: Path, select=LBL, jobs: int = 1):
    config = load_config(folder / "annolint.yaml", start=folder)
    sources, _ = discover_files([str(folder)], config.settings.include,
                                config.settings.exclude, folder, folder)
    return run(config, sources, select=select, jobs=jobs)


def noise_regions(docs, noise, columns):
    """(path, line, start column, end column) -> noise for every injected change."""
    regions = defaultdict(list)
    for item in noise:
        span_cols, token_cols = columns[(item.doc, item.sentence)]
        if item.kind == "drop":
            start, end = token_cols[item.start][0], token_cols[item.end - 1][1]
        else:
            sentence = docs[item.doc].sentences[item.sentence]
            index = sorted(sentence.spans).index(
                next(span for span in sentence.spans if span[:2] == (item.start, item.end)))
            start, end = span_cols[index]
        path = f"{docs[item.doc].name}.txt"
        regions[(path, item.sentence + 1)].append((start, end, item))
    return regions


def match(finding, regions):
    path = finding.path.rsplit("/", 1)[-1]
    for start, end, item in regions.get((path, finding.line), ()):
        if finding.column < end and start < finding.end_column:
            return item
    return None


def curve(scored: list[tuple[float, object]], total: int, at: float = 0.25):
    """Precision at the first rank where recall reaches ``at`` (None if never)."""
    hits = 0
    seen = set()
    for rank, (_, item) in enumerate(sorted(scored, key=lambda x: -x[0]), start=1):
        if item is not None and id(item) not in seen:
            seen.add(id(item))
            hits += 1
            if total and hits / total >= at:
                return hits / rank
    return None


def majority_baseline(docs, noise, columns, regions):
    labels = defaultdict(Counter)
    for doc in docs:
        for sentence in doc.sentences:
            for start, end, label in sentence.spans:
                labels[" ".join(sentence.tokens[start:end])][label] += 1
    flagged = []
    for d, doc in enumerate(docs):
        for s, sentence in enumerate(doc.sentences):
            span_cols, _ = columns[(d, s)]
            for index, (start, end, label) in enumerate(sorted(sentence.spans)):
                counts = labels[" ".join(sentence.tokens[start:end])]
                top, count = counts.most_common(1)[0]
                if top == label:
                    continue
                column, end_column = span_cols[index]
                fake = type("F", (), {"path": f"{doc.name}.txt", "line": s + 1,
                                      "column": column, "end_column": end_column})
                item = match(fake, regions)
                flagged.append((count / sum(counts.values()), item))
    return flagged


def evaluate(name: str, seed: int, rate: float, show: int) -> None:
    docs = load(name)
    noise = inject(docs, seed=seed, rate=rate)
    mentions = sum(len(s.spans) for doc in docs for s in doc.sentences)
    tokens = sum(len(s.tokens) for doc in docs for s in doc.sentences)
    kinds = Counter(item.kind for item in noise)
    folder = Path(tempfile.mkdtemp(prefix=f"lbl-{name}-"))
    try:
        columns = write(docs, folder)
        regions = noise_regions(docs, noise, columns)
        started = time.perf_counter()
        result = lint(folder)
        elapsed = time.perf_counter() - started
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"\n== {name}: {len(docs)} documents, {tokens} tokens, {mentions} entities; "
          f"noise {dict(kinds)} (seed {seed}); lint {elapsed:.2f}s "
          f"(corpus phase {result.timings['corpus']:.2f}s)")
    judged = [(f, match(f, regions)) for f in result.findings if f.rule in LBL]
    print(f"{'rule':7} {'findings':>8} {'precision':>9}")
    for code in LBL:
        mine = [(f, item) for f, item in judged if f.rule == code]
        if mine:
            hits = sum(1 for _, item in mine if item is not None)
            print(f"{code:7} {len(mine):8d} {hits / len(mine):9.2f}")
    print(f"{'noise':12} {'injected':>8} {'recall(own rule)':>16} {'recall(any LBL)':>15}")
    for kind in ("flip", "context-flip", "drop", "boundary"):
        items = [item for item in noise if item.kind == kind]
        own = {id(item) for f, item in judged if item is not None and item.kind == kind
               and f.rule == RULE_OF_KIND[kind]}
        anyrule = {id(item) for _, item in judged if item is not None and item.kind == kind}
        print(f"{kind:12} {len(items):8d} {len(own) / max(1, len(items)):16.2f} "
              f"{len(anyrule) / max(1, len(items)):15.2f}")
    top = sorted(judged, key=lambda x: -(x[0].score or 0))[:100]
    print(f"precision@100 (all LBL findings): {sum(1 for _, i in top if i) / max(1, len(top)):.2f}"
          f" ({sum(1 for _, i in top if i)} of {len(top)})")
    flips = [item for item in noise if item.kind in LABEL_NOISE]
    lbl001 = [(f.score or 0, item if item is not None and item.kind in LABEL_NOISE else None)
              for f, item in judged if f.rule == "LBL001"]
    hits = len({id(i) for _, i in lbl001 if i is not None})
    precision = hits / max(1, len(lbl001))
    at25 = curve(lbl001, len(flips))
    print(f"LBL001 wrong-label (flip + context-flip): precision {precision:.2f} at recall {hits / len(flips):.2f} "
          f"(default threshold); precision at recall 0.25: "
          f"{'n/a' if at25 is None else f'{at25:.2f}'}")
    hard = [item for item in noise if item.kind == "context-flip"]
    def only_hard(scored):
        """Keep context-flip hits and non-noise findings; drop hits on other noise."""
        return [(sc, i) for sc, i in scored if i is None or i.kind == "context-flip"]

    hard_ours = curve(only_hard([(f.score or 0, item) for f, item in judged
                                 if f.rule == "LBL001"]), len(hard))
    base = majority_baseline(docs, noise, columns, regions)
    hard_base = curve(only_hard(base), len(hard))
    base_flips = [(score, i if i is not None and i.kind in LABEL_NOISE else None)
                  for score, i in base]
    base_hits = len({id(i) for _, i in base_flips if i is not None})
    base25 = curve(base_flips, len(flips))
    print(f"majority baseline:  precision {base_hits / max(1, len(base)):.2f} at recall "
          f"{base_hits / len(flips):.2f}; precision at recall 0.25: "
          f"{'n/a' if base25 is None else f'{base25:.2f}'}")
    fmt = lambda value: "n/a" if value is None else f"{value:.2f}"  # noqa: E731
    print(f"context-flips only (ambiguous strings), precision at recall 0.25: LBL001 "
          f"{fmt(hard_ours)}, baseline {fmt(hard_base)} (hits on other noise left out)")
    if show:
        print(f"false positives among the top findings (first {show}):")
        shown = 0
        for f, item in sorted(judged, key=lambda x: -(x[0].score or 0)):
            if item is None:
                print(f"  {f.rule} {f.score:.2f} {f.path.rsplit('/', 1)[-1]}:{f.line}: "
                      f"{f.message[:150]}")
                shown += 1
                if shown >= show:
                    break


def cables(top: int) -> None:
    folder = CORPORA / "cables-dev" / "annotated"
    if not folder.is_dir():
        return
    work = Path(tempfile.mkdtemp(prefix="lbl-cables-"))
    try:
        for path in folder.glob("*.txt"):
            shutil.copy(path, work / path.name)
        (work / "annolint.yaml").write_text("labels: [PER, LOC, ORG, MISC]\n", encoding="utf-8")
        result = lint(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    counts = Counter(f.rule for f in result.findings)
    print(f"\n== cables-dev/annotated: {len(result.files)} cables, findings {dict(counts)}; "
          f"corpus phase {result.timings['corpus']:.2f}s of {result.timings['total']:.2f}s")
    for code in LBL:
        mine = sorted((f for f in result.findings if f.rule == code), key=lambda f: -(f.score or 0))
        for f in mine[:top]:
            print(f"  {code} {f.score:.2f} {f.path.rsplit('/', 1)[-1]}:{f.line}:{f.column} "
                  f"{f.message[:160]}")


def speed(copies: int, jobs: int) -> None:
    docs = load("btc") + load("wnut17")
    folder = Path(tempfile.mkdtemp(prefix="lbl-speed-"))
    try:
        write(docs, folder, copies=copies)
        tokens = sum(len(s.tokens) for doc in docs for s in doc.sentences) * copies
        result = lint(folder, jobs=jobs)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    t = result.timings
    print(f"\n== speed: btc+wnut17 x{copies} = {len(result.files)} files, {tokens} tokens, "
          f"jobs {jobs}: per-file {t['per_file']:.2f}s, corpus {t['corpus']:.2f}s, total "
          f"{t['total']:.2f}s; corpus phase = {t['corpus'] / t['total']:.0%} of the run; "
          f"{len(result.findings)} findings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--rate", type=float, default=0.05)
    parser.add_argument("--show", type=int, default=0, help="print N false positives")
    parser.add_argument("--top", type=int, default=5, help="top findings per rule on cables")
    parser.add_argument("--scale", type=int, default=4, help="copies for the speed run")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--only", choices=["btc", "wnut17", "cables", "speed"], nargs="*")
    args = parser.parse_args()
    if not CORPORA.is_dir():
        sys.exit(f"corpora not found at {CORPORA}")
    only = set(args.only or ["btc", "wnut17", "cables", "speed"])
    for name in ("btc", "wnut17"):
        if name in only:
            evaluate(name, args.seed, args.rate, args.show)
    if "cables" in only:
        cables(args.top)
    if "speed" in only:
        speed(args.scale, args.jobs)


if __name__ == "__main__":
    main()
