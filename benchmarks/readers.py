"""Reader throughput: MB/s of every reader on the same corpus, against the inline reader.

The corpus (default: ``../shared/corpora/conll03-reiss-train/inline`` when present, else the
shipped BTC sample) is read as inline markup, then written by each writer and read back by
its reader; each figure is the best of ``--repeat`` runs over the whole content.

    python benchmarks/readers.py [--corpus DIR_OR_FILE] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from linter.convert import render
from linter.readers import read_document
from linter.readers.views import plain_documents

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpora" / "conll03-reiss-train" / "inline"
FALLBACK = ROOT / "tests" / "data" / "lbl" / "btc-e-mh17.txt"
LABELS = frozenset({"PER", "LOC", "ORG", "MISC"})


def _best(function, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()  # CPU time: steadier on a busy machine
        function()
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(DEFAULT if DEFAULT.is_dir() else FALLBACK))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    corpus = Path(args.corpus)
    files = sorted(corpus.glob("*.txt")) if corpus.is_dir() else [corpus]
    inline = [path.read_bytes() for path in files]
    documents = []
    for data in inline:
        doc, _ = read_document("x.txt", data, labels=LABELS)
        documents.extend(plain_documents(doc))
    entities = sum(len(spans) for _, spans in documents)
    print(f"corpus: {corpus} ({len(documents)} documents, {entities} entities)")
    size = sum(map(len, inline))
    seconds = _best(lambda: [read_document("x.txt", d, labels=LABELS) for d in inline],
                    args.repeat)
    base = size / seconds / 1e6
    print(f"{'reader':<12} {'MB':>7} {'MB/s':>8} {'vs inline':>10} {'entities':>9}")
    print(f"{'inline':<12} {size / 1e6:7.2f} {base:8.2f} {1.0:10.2f} {entities:9}")
    with tempfile.TemporaryDirectory() as tmp:
        for target, fmt in (("conll", "conll"), ("jsonl", "jsonl"), ("doccano", "jsonl"),
                            ("labelstudio", "labelstudio"), ("brat", "brat")):
            outputs, _ = render(documents, target)
            paths = {}
            for ext, content in outputs.items():
                paths[ext] = os.path.join(tmp, f"corpus-{target}{ext}")
                Path(paths[ext]).write_text(content, encoding="utf-8")
            main_path = paths.get(".txt") or next(iter(paths.values()))
            data = Path(main_path).read_bytes()
            size = sum(os.path.getsize(p) for p in paths.values())

            def once():
                return read_document(main_path, data, fmt=fmt, labels=LABELS,
                                     real_path=main_path)

            doc, _ = once()
            seconds = _best(once, args.repeat)
            speed = size / seconds / 1e6
            print(f"{target:<12} {size / 1e6:7.2f} {speed:8.2f} {speed / base:10.2f} "
                  f"{len(doc.spans):9}")
    train = corpus.parent / "train.conll"
    if corpus.is_dir() and train.is_file():
        data = train.read_bytes()
        seconds = _best(lambda: read_document(str(train), data, fmt="conll"), args.repeat)
        doc, _ = read_document(str(train), data, fmt="conll")
        print(f"{'train.conll':<12} {len(data) / 1e6:7.2f} {len(data) / seconds / 1e6:8.2f} "
              f"{len(data) / seconds / 1e6 / base:10.2f} {len(doc.spans):9}  (4 columns, IOB1)")


if __name__ == "__main__":
    main()
