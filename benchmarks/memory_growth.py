"""Does the driver's memory grow with the number of documents? N against 4N, same run.

Lints the first N and the first 4N documents of one corpus (``--corpus``: a folder of
folders, as ``generate_corpus.py`` writes them; default: generated here from the bundled
example cable, or from ``../shared/corpora/cables-dev/annotated`` with ``--real``) with
``annolint check --no-cache --output-format json``, and polls ``/proc`` for the peak RSS of
the driver process alone (``VmHWM``) and of the whole process tree. It prints both and the
ratio 4N / N: a run whose memory is bounded stays near 1 (the corpus totals still grow with
the vocabulary, which generated corpora grow by Heaps' law), one that keeps something per
document approaches 4.

    python benchmarks/memory_growth.py [--count 2000] [--corpus DIR] [--real] [--jobs 2]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_corpus import generate, generate_real  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "corpora" / "cables-dev" / "annotated"


def _status(pid: int, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as kids:
            return [int(item) for item in kids.read().split()]
    except (OSError, ValueError):
        return []


def measure(paths: list[str], jobs: int, work: Path) -> dict:
    annolint = Path(sys.executable).with_name("annolint")
    command = [str(annolint), "check", *paths, "--no-cache", "--no-progress", "--output-format",
               "json", "-o", str(work / "report.json"), "--jobs", str(jobs)]
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    driver = tree = 0
    while process.poll() is None:
        driver = max(driver, _status(process.pid, "VmHWM"))
        tree = max(tree, _status(process.pid, "VmRSS")
                   + sum(_status(kid, "VmRSS") for kid in _children(process.pid)))
        time.sleep(0.2)
    return {"seconds": time.perf_counter() - began, "driver_mb": driver / 1024,
            "tree_mb": tree / 1024, "exit": process.returncode}


def _prefixes(corpus: Path, count: int) -> tuple[list[Path], list[Path]]:
    """The paths that hold the first ``count`` and ``4 * count`` documents of ``corpus``
    (whole folders where they fit, then single files), sorted by name."""
    folders = sorted(path for path in corpus.iterdir() if path.is_dir()) or [corpus]
    shares = []
    for wanted in (count, 4 * count):
        paths: list[Path] = []
        left = wanted
        for folder in folders:
            if left <= 0:
                break
            files = sorted(folder.glob("*.txt"))
            if len(files) <= left:
                paths.append(folder)
            else:
                paths.extend(files[:left])
            left -= min(left, len(files))
        if left > 0:
            sys.exit(f"memory_growth: {corpus} holds fewer than {wanted} documents")
        shares.append(paths)
    return shares[0], shares[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=2000, help="N (4N is also linted)")
    parser.add_argument("--corpus", type=Path, help="an existing generated corpus of ≥ 4N")
    parser.add_argument("--real", action="store_true", help="generate from cables-dev")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="annolint-memory-") as temp:
        work = Path(temp)
        corpus = args.corpus
        if corpus is None:
            corpus = work / "corpus"
            if args.real and REAL.is_dir():
                generate_real(REAL, corpus, 4 * args.count)
            else:
                generate(corpus, 4 * args.count)
        shares = _prefixes(corpus, args.count)
        rows = []
        for share, label, documents in zip(shares, ("N", "4N"), (args.count, 4 * args.count)):
            figures = measure([str(path) for path in share], args.jobs, work)
            rows.append((label, len(share), figures))
            print(f"{label:>3}: {documents} documents, {figures['seconds']:.1f} s, driver peak "
                  f"{figures['driver_mb']:.0f} MB, tree peak {figures['tree_mb']:.0f} MB, "
                  f"exit {figures['exit']}", flush=True)
        small, large = rows[0][2], rows[1][2]
        print(f"ratio 4N/N: driver {large['driver_mb'] / max(small['driver_mb'], 1):.2f}, "
              f"tree {large['tree_mb'] / max(small['tree_mb'], 1):.2f}, time "
              f"{large['seconds'] / max(small['seconds'], 1e-9):.2f}")


if __name__ == "__main__":
    main()
