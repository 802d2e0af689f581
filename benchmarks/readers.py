"""Reader throughput: MB/s of every reader on the same corpus, against the inline reader.

The corpus (default: ``../shared/corpora/conll03-reiss-train/inline`` when present, else the
shipped BTC sample) is read as inline markup, then written by each writer and read back by
its reader; each figure is the best of ``--repeat`` runs over the whole content. The
``recovery`` row reads the same inline files damaged (on every 8th line the first closer
dropped, on every 8th other the first opener: unclosed, nested and stray brackets), the path
through the inline reader's recovering parser. With ``--reference``, ``inline old`` and
``recovery old`` time the pre-change inline reader (tests/readers/inline_reference.py) on
the same bytes in the same run (``vs inline`` stays against the new inline row).

    python benchmarks/readers.py [--corpus DIR_OR_FILE] [--repeat 5] [--reference]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import linter.readers  # noqa: E402
from linter.convert import render  # noqa: E402
from linter.readers import read_document  # noqa: E402
from linter.readers.views import plain_documents  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpora" / "conll03-reiss-train" / "inline"
FALLBACK = ROOT / "tests" / "data" / "lbl" / "btc-e-mh17.txt"
LABELS = frozenset({"PER", "LOC", "ORG", "MISC"})


def damage(data: bytes) -> bytes:
    """``data`` with a closer dropped on every 8th line and an opener on every 8th other."""
    lines = data.decode("utf-8").split("\n")
    for index in range(0, len(lines), 8):
        lines[index] = lines[index].replace("  ]", " ", 1)
    for index in range(4, len(lines), 8):
        lines[index] = re.sub(r"\[[A-Z][A-Za-z0-9_-]* ", "", lines[index], count=1)
    return "\n".join(lines).encode("utf-8")


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
    parser.add_argument("--reference", action="store_true",
                        help="also time the pre-change inline reader")
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
    damaged = [damage(data) for data in inline]
    size_damaged = sum(map(len, damaged))
    found = sum(len(read_document("x.txt", d, labels=LABELS)[0].spans) for d in damaged)

    def read_all(contents):
        return lambda: [read_document("x.txt", d, labels=LABELS) for d in contents]

    seconds = _best(read_all(inline), args.repeat)
    base = size / seconds / 1e6
    print(f"{'reader':<12} {'MB':>7} {'MB/s':>8} {'vs inline':>10} {'entities':>9}")
    print(f"{'inline':<12} {size / 1e6:7.2f} {base:8.2f} {1.0:10.2f} {entities:9}")
    speed = size_damaged / _best(read_all(damaged), args.repeat) / 1e6
    print(f"{'recovery':<12} {size_damaged / 1e6:7.2f} {speed:8.2f} {speed / base:10.2f} "
          f"{found:9}")
    if args.reference:
        from tests.readers.inline_reference import parse_inline as old_parse

        new_parse, linter.readers.parse_inline = linter.readers.parse_inline, old_parse
        try:
            for name, contents, length, new_speed in (("inline old", inline, size, base),
                                                      ("recovery old", damaged, size_damaged,
                                                       speed)):
                old_speed = length / _best(read_all(contents), args.repeat) / 1e6
                print(f"{name:<12} {length / 1e6:7.2f} {old_speed:8.2f} "
                      f"{old_speed / base:10.2f} {'':9}  new/old {new_speed / old_speed:.2f}x")
        finally:
            linter.readers.parse_inline = new_parse
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
