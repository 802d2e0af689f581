"""The Dask executor against the local one, on the same corpus in the same run.

Times ``engine.run`` with the local process pool (``--jobs W``), then on a
``distributed.LocalCluster`` on 127.0.0.1 with W single-threaded worker processes: the
cluster's start, a cold run (the workers import annolint), a warm run, a warm run without
the on-cluster aggregate reduction, and ``totals()``. Checks that findings (with
fingerprints, evidence, severities) and exit codes are equal, and prints what the workers
send back per file against a plain pickle of the FileResults (what the local pool sends).

    python benchmarks/dask_overhead.py CORPUS [CORPUS...] [--workers 2] [--quick]

``--quick`` leaves out the warm run without the on-cluster reduction (a large corpus).
    python benchmarks/generate_corpus.py /tmp/c2000 --count 2000 && \\
        python benchmarks/dask_overhead.py /tmp/c2000
"""

from __future__ import annotations

import argparse
import json
import pickle
import time
from pathlib import Path

from linter.aggregate import aggregate_name
from linter.config import load_config
from linter.discovery import discover_files
from linter.engine import lint_file, make_plan, run
from linter.executors.dask import DaskExecutor, dask_executor, pack


def rows(result) -> list[tuple]:
    return [(f.rule, f.path, f.line, f.column, f.end_line, f.end_column, f.message,
             f.fingerprint, f.severity, json.dumps(f.evidence, default=str))
            for f in result.findings]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="+")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--quick", action="store_true",
                        help="no warm run without the on-cluster reduction")
    args = parser.parse_args()
    config = load_config(None)
    settings = config.settings
    sources, _ = discover_files([str(path) for path in args.corpus], settings.include,
                                settings.exclude, Path.cwd(), config.root)
    if not sources:
        raise SystemExit(f"no files to lint in {', '.join(map(str, args.corpus))}")
    size = sum(Path(s.path).stat().st_size for s in sources)
    where = str(args.corpus[0]) + (f" and {len(args.corpus) - 1} more" if len(args.corpus) > 1
                                   else "")
    print(f"corpus: {len(sources)} files, {size / 1e6:.1f} MB in {where}")

    started = time.perf_counter()
    local = run(config, sources, jobs=args.workers)
    local_wall = time.perf_counter() - started
    print(f"local executor (--jobs {args.workers}): {local_wall:.2f} s; phases "
          f"{local.timings['per_file']:.2f} + {local.timings['corpus']:.2f} s")

    started = time.perf_counter()
    with dask_executor(None, args.workers) as first:  # the cluster --executor dask starts
        startup = time.perf_counter() - started
        print(f"LocalCluster start ({args.workers} worker processes): {startup:.2f} s")
        client = first.client
        figures = {}
        runs = [("cold", True), ("warm", True)] + ([] if args.quick
                                                   else [("warm, no reduce", False)])
        for label, reduce in runs:
            executor = DaskExecutor(client, reduce=reduce)
            started = time.perf_counter()
            result = run(config, sources, jobs=args.workers, executor=executor)
            wall = time.perf_counter() - started
            figures[label] = wall
            same = rows(result) == rows(local)
            codes = (result.exit_code("error"), local.exit_code("error"))
            print(f"dask {label}: {wall:.2f} s, ratio to local {wall / local_wall:.2f}; "
                  f"findings equal: {same} ({len(result.findings)}); exit codes {codes}; "
                  f"received {executor.sent / len(sources):.0f} B/file; "
                  f"phases {result.timings['per_file']:.2f} + {result.timings['corpus']:.2f} s")
            if reduce:
                plan, rules = make_plan(config)
                aggregators = {aggregate_name(r.contribute): (r.code, r.contribute)
                               for r in rules if r.meta.scope == "corpus"}
                started = time.perf_counter()
                totals = executor.totals(aggregators)
                print(f"  totals() tree reduction: {time.perf_counter() - started:.2f} s, "
                      f"{len(totals or {})} aggregates, "
                      f"{sum(len(t) for t in (totals or {}).values())} top-level keys")
        without = figures.get("warm, no reduce")
        print(f"overhead: start {startup:.2f} s + cold run {figures['cold'] - local_wall:+.2f} s;"
              f" warm ratio {figures['warm'] / local_wall:.2f}" +
              (f", without the reduction {without / local_wall:.2f}" if without else ""))

    plan, _ = make_plan(config)
    sample = [lint_file(source, plan) for source in sources[:256]]
    plain = len(pickle.dumps(sample, protocol=pickle.HIGHEST_PROTOCOL))
    packed = len(pack(sample))
    print(f"result bytes for {len(sample)} files: plain pickle {plain / len(sample):.0f} B/file,"
          f" packed {packed / len(sample):.0f} B/file (ratio {packed / plain:.2f})")


if __name__ == "__main__":
    main()
