"""Throughput and peak memory of ``annolint check`` on a generated corpus of N cables.

Prints MB/s and documents/s for the per-document phase on one core (in-process, jobs=1),
the share of time in the corpus phase, and the whole CLI run with all cores, with peak RSS.

    python benchmarks/throughput.py --count 20000 [--keep DIR] [--select BRK,SCH,FIL]
        [--custom-rules 50]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_corpus import generate  # noqa: E402


def in_process(corpus: Path, jobs: int, select: list[str] | None = None,
               config_path: Path | None = None) -> dict[str, float]:
    from linter.config import load_config
    from linter.discovery import discover_files
    from linter.engine import run

    config = load_config(config_path, start=corpus)
    sources, _ = discover_files([str(corpus)], config.settings.include,
                                config.settings.exclude, corpus, corpus)
    started = time.perf_counter()
    result = run(config, sources, jobs=jobs, select=select)
    return {"wall": time.perf_counter() - started, **result.timings,
            "findings": len(result.findings), "documents": result.documents}


def cli_run(corpus: Path, select: list[str] | None = None,
            config_path: Path | None = None) -> tuple[float, float]:
    started = time.perf_counter()
    extra = ["--select", ",".join(select)] if select else []
    extra += ["--config", str(config_path)] if config_path else []
    subprocess.run([sys.executable, "-m", "linter", "check", str(corpus), "--output-format",
                    "json", "-o", os.devnull, "--fail-on", "never", "--no-progress",
                    "--no-cache", *extra], check=True)
    wall = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, peak_kb / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    parser.add_argument("--select", help="only these rules (e.g. BRK,SCH,FIL: the markup "
                        "families alone)")
    parser.add_argument("--custom-rules", type=int, default=0, metavar="N",
                        help="also run N declarative rules (benchmarks/custom_rules.py)")
    parser.add_argument("--no-cli", action="store_true", help="skip the all-cores CLI run")
    args = parser.parse_args()
    select = args.select.split(",") if args.select else None
    config_path = None
    if args.custom_rules:
        from custom_rules import write

        config_path = write(Path(tempfile.mkdtemp(prefix="annolint-rules-")) / "annolint.yaml",
                            args.custom_rules)
    corpus = args.keep or Path(tempfile.mkdtemp(prefix="annolint-bench-"))
    if not any(corpus.rglob("*.txt")):
        generate(corpus, args.count)
    size_mb = sum(p.stat().st_size for p in corpus.rglob("*.txt")) / 1e6
    docs = sum(1 for _ in corpus.rglob("*.txt"))
    print(f"corpus: {docs} documents, {size_mb:.1f} MB ({corpus})")

    serial = in_process(corpus, jobs=1, select=select, config_path=config_path)
    print(f"one core, per-document phase: {serial['per_file']:.2f} s = "
          f"{size_mb / serial['per_file']:.1f} MB/s, {docs / serial['per_file']:.0f} docs/s")
    print(f"one core, corpus phase: {serial['corpus']:.2f} s "
          f"({100 * serial['corpus'] / serial['total']:.1f}% of the run); "
          f"{serial['findings']} findings")
    if args.no_cli:
        return
    wall, peak = cli_run(corpus, select, config_path)
    print(f"CLI, all cores ({os.cpu_count()}), JSON output: {wall:.2f} s wall = "
          f"{size_mb / wall:.1f} MB/s, {docs / wall:.0f} docs/s; peak RSS {peak:.0f} MiB")


if __name__ == "__main__":
    main()
