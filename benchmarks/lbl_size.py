"""Cost of the LBL per-file phase and size of its summaries, per document.

    .venv/bin/python benchmarks/lbl_size.py [DIR ...] [--limit 2000] [--repeat 3]

Defaults to ``../shared/corpora/cables-dev/annotated`` and, when it exists, a generated
corpus in ``/tmp/lbl-gen`` (make one with ``python benchmarks/generate_corpus.py
/tmp/lbl-gen --count 2000``). For each corpus it parses every ``.txt`` file once (inline
reader, not timed) and prints, per document:

* ``collect ms``: the LBL summary (:func:`linter.rules.lbl.scan.summarise`), best of
  ``--repeat`` passes;
* ``contribute ms``: the document's share of the corpus aggregate
  (:func:`linter.rules.lbl.evidence.contribute`);
* ``summary B``: bytes of the JSON-serialised summary (what the index stores);
* ``aggregate entries``: entries of the corpus total per document, and distinct texts
  (vocabulary-bound, not mention-bound, is the aim);

and, as the baseline measured in the same run, ``regex ms``: one regex pass that only
extracts the entities of the same text. Absolute times are noisy on a shared machine: the
ratio to the regex pass is the figure to compare across runs.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from linter.readers.inline import parse_inline  # noqa: E402
from linter.rules.lbl import evidence, scan  # noqa: E402
from linter.rules.lbl.mentions import summary_to_data  # noqa: E402

DEFAULTS = [REPO.parent / "shared" / "corpora" / "cables-dev" / "annotated",
            Path("/tmp/lbl-gen")]
_ENTITY = re.compile(r"\[([A-Z]+) ([^\]]*?)  \]")


def _documents(folder: Path, limit: int):
    paths = sorted(folder.rglob("*.txt"))[:limit]
    docs = []
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        docs.append((text, parse_inline(str(path.relative_to(folder)), text)))
    return docs


def _best(function, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def measure(folder: Path, limit: int, repeat: int) -> dict[str, float]:
    docs = _documents(folder, limit)
    count = len(docs)

    def regex() -> None:
        for text, _ in docs:
            _ENTITY.findall(text)

    def collect() -> list:
        out = []
        for _, doc in docs:
            doc.derived.pop(scan.__name__, None)
            out.append(scan.summarise(doc))
        return out

    summaries: list = []

    def run_collect() -> None:
        summaries[:] = collect()

    collect_s = _best(run_collect, repeat)
    regex_s = _best(regex, repeat)

    def run_contribute() -> None:
        for summary in summaries:
            evidence.contribute(summary)

    contribute_s = _best(run_contribute, repeat)
    size = sum(len(json.dumps(summary_to_data(s), separators=(",", ":"),
                              ensure_ascii=False).encode()) for s in summaries)
    evidence._BUILT[0] = None
    total = evidence.corpus_total({str(i): s for i, s in enumerate(summaries)})
    entries = sum(len(blob) for blob in total.values())
    mentions = sum(len(s.mentions) for s in summaries)
    return {"docs": count, "mentions": mentions / count, "regex": 1000 * regex_s / count,
            "collect": 1000 * collect_s / count, "contribute": 1000 * contribute_s / count,
            "bytes": size / count, "entries": entries / count, "texts": len(total)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folders = args.folders or [folder for folder in DEFAULTS if folder.is_dir()]
    if not folders:
        print("no corpus found (give a folder of inline .txt files)")
        return
    print(f"{'corpus':<28} {'docs':>5} {'ment/doc':>8} {'regex ms':>8} {'collect ms':>10} "
          f"{'x regex':>7} {'contrib ms':>10} {'summary B':>9} {'agg ent/doc':>11} "
          f"{'agg keys':>8}")
    for folder in folders:
        f = measure(folder, args.limit, args.repeat)
        print(f"{folder.name[:28]:<28} {f['docs']:>5} {f['mentions']:>8.1f} {f['regex']:>8.3f} "
              f"{f['collect']:>10.3f} {f['collect'] / max(f['regex'], 1e-9):>7.1f} "
              f"{f['contribute']:>10.3f} {f['bytes']:>9.0f} {f['entries']:>11.1f} "
              f"{f['texts']:>8}")


if __name__ == "__main__":
    main()
