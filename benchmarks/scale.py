"""Cost growth of ``annolint check`` with the corpus size, against a regex scan in the same run.

For each N in ``--counts`` (default 25,000 / 50,000 / 100,000 / 251,287 cables) it takes the
first N documents of a real-structure corpus made by ``generate_corpus.py --from``
(generated once for the largest N, or reused from ``--corpus-dir``: a corpus of N is the
first N documents of a larger one, passed to annolint as its first folders), then measures:

* the baseline: one process reads every file and ``findall``s the inline entity pattern
  (run before and after the annolint runs; the faster pass counts, so the page cache
  favours neither side);
* ``annolint check PATHS --output-format json -o report.json --no-cache`` once per
  ``--jobs`` setting (``default`` = no flag), with wall time and the peak RSS of the whole
  process tree (the driver and every worker, summed from /proc every ``--poll`` seconds).
  A run is killed when the tree passes ``--mem-cap-gb`` (default 20 GB of this machine's
  24) or ``--timeout`` seconds, and the table says so.

It prints one table (N, files, MB, regex s, annolint s, ratio = regex s / annolint s, peak
RSS of the tree, findings) and the per-phase split when the annolint under test exposes one
(``check --profile-run``, or a ``timings``/``phases``/``profile`` object in the JSON report;
both are feature-detected, so the script runs against any annolint version).

    python benchmarks/scale.py [--counts 25000,50000] [--corpus-dir /work/scale/c251k]
        [--annolint /path/to/venv] [--jobs default,2] [--timeout 3600] [--mem-cap-gb 20]
        [--results results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_corpus import generate_real  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "corpora" / "cables-dev" / "annotated"
DEFAULT_COUNTS = "25000,50000,100000,251287"
# The inline entity pattern (``[LABEL tok tok  ]``), as a one-pass extractor would use it.
ENTITY = re.compile(r"\[([A-Z][A-Za-z0-9_-]*) ([^\[\]\n]*?)  \]")
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


# ------------------------------------------------------------------------ corpus selection

def ensure_corpus(corpus_dir: Path, count: int, source: Path, seed: int, jobs: int) -> dict:
    """The manifest of a real-mode corpus of at least ``count`` documents in ``corpus_dir``,
    generating it when it is absent or too small."""
    manifest_path = corpus_dir / "manifest.json"
    if manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("count", 0) >= count:
            return manifest
        print(f"{corpus_dir}: holds {manifest.get('count')} documents, regenerating for "
              f"{count}", flush=True)
    started = time.perf_counter()
    manifest = generate_real(source, corpus_dir, count, seed=seed, jobs=jobs)
    print(f"generated {count} documents ({manifest['bytes'] / 1e6:.0f} MB) in {corpus_dir} "
          f"in {time.perf_counter() - started:.0f} s", flush=True)
    return manifest


def _texts(folder: Path) -> list[os.DirEntry]:
    with os.scandir(folder) as entries:
        return sorted((e for e in entries if e.is_file() and e.name.endswith(".txt")),
                      key=lambda e: e.name)


def select_prefix(corpus_dir: Path, manifest: dict, count: int) -> tuple[list[str], list[str]]:
    """(paths to pass to annolint, every file they hold) for the first ``count`` documents:
    whole folders, then the first files (by name) of the next folder."""
    args: list[str] = []
    files: list[str] = []
    left = count
    for folder in manifest["folders"]:
        if left <= 0:
            break
        path = (corpus_dir / folder["name"]).resolve()
        entries = _texts(path)
        if folder["count"] <= left and len(entries) == folder["count"]:
            args.append(str(path))
            files.extend(e.path for e in entries)
            left -= folder["count"]
        else:
            chosen = [e.path for e in entries[:left]]
            args.extend(chosen)
            files.extend(chosen)
            left -= len(chosen)
    if left > 0:
        raise SystemExit(f"{corpus_dir}: only {count - left} documents, {count} wanted")
    return args, files


# ------------------------------------------------------------------------ measurements

def regex_scan(files: list[str]) -> tuple[float, int]:
    """(seconds, entities) of one process reading every file and extracting its entities."""
    started = time.perf_counter()
    entities = 0
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as handle:
            entities += len(ENTITY.findall(handle.read()))
    return time.perf_counter() - started, entities


def _proc_table() -> dict[int, tuple[int, int]]:
    """pid -> (ppid, rss bytes) of every process we can read."""
    table = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2:].split()
        try:
            table[int(name)] = (int(fields[1]), int(fields[21]) * _PAGE)
        except (IndexError, ValueError):
            continue
    return table


def tree_rss(root: int) -> tuple[int, int, int]:
    """(RSS of ``root`` and all its descendants, RSS of ``root``, processes) in bytes."""
    table = _proc_table()
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    total, count, stack = 0, 0, [root]
    while stack:
        pid = stack.pop()
        if pid in table:
            total += table[pid][1]
            count += 1
        stack.extend(children.get(pid, ()))
    return total, table.get(root, (0, 0))[1], count


def run_tree(cmd: list[str], *, cwd: Path, stdout: Path, stderr: Path, timeout: float,
             mem_cap: float, poll: float) -> dict:
    """Run ``cmd`` in its own session, polling the tree's RSS; kill it past either limit."""
    started = time.perf_counter()
    with open(stdout, "wb") as out, open(stderr, "wb") as err:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                start_new_session=True)
        peak = peak_driver = peak_procs = 0
        killed = None
        while proc.poll() is None:
            total, driver, procs = tree_rss(proc.pid)
            peak, peak_driver = max(peak, total), max(peak_driver, driver)
            peak_procs = max(peak_procs, procs)
            elapsed = time.perf_counter() - started
            if total > mem_cap:
                killed = f"killed at {total / 1e9:.1f} GB after {elapsed:.0f} s"
            elif elapsed > timeout:
                killed = f"timeout after {elapsed:.0f} s at {total / 1e9:.1f} GB"
            if killed:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait()
                break
            try:
                proc.wait(timeout=poll)
            except subprocess.TimeoutExpired:
                pass
    return {"wall": time.perf_counter() - started, "rc": proc.returncode, "killed": killed,
            "peak_tree": peak, "peak_driver": peak_driver, "processes": peak_procs}


def find_annolint(spec: str | None) -> list[str]:
    """The command that runs annolint: an executable, a venv folder, or this checkout's."""
    if spec is None:
        found = shutil.which("annolint")
        return [found] if found else [sys.executable, "-m", "linter"]
    path = Path(spec)
    if path.is_dir():
        for candidate in (path / "bin" / "annolint", path / ".venv" / "bin" / "annolint"):
            if candidate.is_file():
                return [str(candidate.resolve())]
        raise SystemExit(f"{spec}: no bin/annolint in this folder")
    return [str(path.resolve()) if path.exists() else spec]


def check_options(annolint: list[str]) -> set[str]:
    """The long options ``annolint check --help`` lists (feature detection)."""
    done = subprocess.run([*annolint, "check", "--help"], capture_output=True, text=True)
    return set(re.findall(r"(--[a-z][a-z0-9-]+)", done.stdout))


def _head_tail(path: Path, size: int = 1 << 20) -> str:
    with open(path, "rb") as handle:
        head = handle.read(size)
        handle.seek(0, os.SEEK_END)
        end = handle.tell()
        handle.seek(max(len(head), end - size))
        tail = handle.read()
    return (head + b"\n" + tail).decode("utf-8", errors="replace")


def report_figures(path: Path) -> dict:
    """Findings (and any phase timings) of a JSON report, without loading a huge file."""
    if not path.is_file():
        return {}
    text = _head_tail(path)
    figures: dict = {"report_mb": path.stat().st_size / 1e6}
    match = re.search(r'"summary"\s*:\s*\{[^{}]*?"findings"\s*:\s*(\d+)', text)
    if match:
        figures["findings"] = int(match.group(1))
    else:  # no summary count: count findings by their fingerprints, chunk by chunk
        count, carry = 0, b""
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 24):
                block = carry + chunk
                count += block.count(b'"fingerprint"')
                carry = block[-20:] if not block.endswith(b'"fingerprint"') else b""
        figures["findings"] = count
    for key in ("timings", "phases", "profile"):
        found = re.search(rf'"{key}"\s*:\s*(\{{[^{{}}]*\}})', text)
        if found:
            try:
                figures["phases"] = json.loads(found.group(1))
                break
            except ValueError:
                pass
    return figures


def profile_lines(stderr: Path, limit: int = 40) -> list[str]:
    """What ``--profile-run`` printed: the lines of stderr that carry a time."""
    try:
        lines = stderr.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    timed = [line for line in lines if re.search(r"\d(?:\.\d+)?\s*(?:s|ms)\b|%", line)]
    return timed[-limit:]


def measure_annolint(annolint: list[str], options: set[str], paths: list[str], jobs: str,
                     work: Path, args: argparse.Namespace) -> dict:
    report = work / "report.json"
    report.unlink(missing_ok=True)
    cmd = [*annolint, "check", *paths, "--output-format", "json", "-o", str(report),
           "--no-cache"]
    if jobs != "default":
        cmd += ["--jobs", jobs]
    for flag in ("--no-progress", "--no-baseline"):
        if flag in options:
            cmd.append(flag)
    if "--profile-run" in options and not args.no_profile:
        cmd.append("--profile-run")
    stderr = work / "stderr.txt"
    result = run_tree(cmd, cwd=work, stdout=work / "stdout.txt", stderr=stderr,
                      timeout=args.timeout, mem_cap=args.mem_cap_gb * 1e9, poll=args.poll)
    if result["killed"] is None:
        result.update(report_figures(report))
        if result["rc"] not in (0, 1):
            tail = stderr.read_text(encoding="utf-8", errors="replace")[-400:]
            result["error"] = f"exit {result['rc']}: {tail.strip()}"
    result["profile"] = profile_lines(stderr)
    if not args.keep_reports:
        report.unlink(missing_ok=True)
    return result


# ------------------------------------------------------------------------ table

def print_table(rows: list[dict]) -> None:
    head = (f"{'N':>8} {'files':>8} {'MB':>7} {'regex s':>8} {'jobs':>7} {'annolint s':>11} "
            f"{'ratio':>6} {'peak RSS tree MB':>16} {'driver MB':>9} {'findings':>9}")
    print("\n" + head)
    print("-" * len(head))
    for row in rows:
        run = row["run"]
        if run.get("killed"):
            wall, ratio, findings = f"{run['wall']:.1f}", "-", run["killed"]
        elif run.get("error"):
            wall, ratio, findings = f"{run['wall']:.1f}", "-", f"exit {run['rc']}"
        else:
            wall = f"{run['wall']:.1f}"
            ratio = f"{row['regex_s'] / run['wall']:.3f}"
            findings = str(run.get("findings", "?"))
        print(f"{row['n']:>8} {row['files']:>8} {row['mb']:>7.0f} {row['regex_s']:>8.1f} "
              f"{row['jobs']:>7} {wall:>11} {ratio:>6} {run['peak_tree'] / 1e6:>16.0f} "
              f"{run['peak_driver'] / 1e6:>9.0f} {findings:>9}")
    for row in rows:
        run = row["run"]
        if run.get("phases") or run.get("profile"):
            print(f"\nphases, N={row['n']} jobs={row['jobs']}:")
            if run.get("phases"):
                print("  " + json.dumps(run["phases"]))
            for line in run.get("profile", []):
                print("  " + line)
        if run.get("error"):
            print(f"\nN={row['n']} jobs={row['jobs']}: {run['error']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", default=DEFAULT_COUNTS,
                        help=f"comma-separated corpus sizes ({DEFAULT_COUNTS})")
    parser.add_argument("--corpus-dir", type=Path,
                        help="generate into (or reuse) this corpus; default: a folder in "
                             "the temp dir, kept for the next run")
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE,
                        help="real annotated cables to build the corpus from")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--annolint", help="annolint executable or venv folder "
                        "(default: annolint on PATH, else this checkout)")
    parser.add_argument("--jobs", default="default,2",
                        help="--jobs settings to run, comma-separated; 'default' = no flag")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per run")
    parser.add_argument("--mem-cap-gb", type=float, default=20.0,
                        help="kill a run whose process tree exceeds this RSS (GB)")
    parser.add_argument("--poll", type=float, default=0.2, help="RSS poll interval (s)")
    parser.add_argument("--no-profile", action="store_true", help="never pass --profile-run")
    parser.add_argument("--keep-reports", action="store_true",
                        help="keep report.json in the work folder")
    parser.add_argument("--work-dir", type=Path, help="reports and logs (default: temp)")
    parser.add_argument("--results", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()

    counts = [int(c) for c in args.counts.split(",") if c.strip()]
    corpus_dir = args.corpus_dir or Path(tempfile.gettempdir()) / f"annolint-scale-{args.seed}"
    annolint = find_annolint(args.annolint)
    options = check_options(annolint)
    version = subprocess.run([*annolint, "--version"], capture_output=True, text=True)
    print(f"annolint: {' '.join(annolint)} ({(version.stdout or version.stderr).strip()}); "
          f"--profile-run {'yes' if '--profile-run' in options else 'no'}", flush=True)
    manifest = ensure_corpus(corpus_dir, max(counts), args.source, args.seed,
                             os.cpu_count() or 1)
    work_root = args.work_dir or Path(tempfile.mkdtemp(prefix="annolint-scale-runs-"))
    rows = []
    for n in counts:
        paths, files = select_prefix(corpus_dir, manifest, n)
        mb = sum(os.path.getsize(f) for f in files) / 1e6
        first, entities = regex_scan(files)
        print(f"N={n}: {len(files)} files, {mb:.0f} MB, regex scan {first:.1f} s "
              f"({entities} entities)", flush=True)
        runs = []
        for jobs in [j.strip() for j in args.jobs.split(",") if j.strip()]:
            work = work_root / f"n{n}-jobs-{jobs}"
            work.mkdir(parents=True, exist_ok=True)
            run = measure_annolint(annolint, options, paths, jobs, work, args)
            print(f"N={n} jobs={jobs}: {run['wall']:.1f} s, peak tree "
                  f"{run['peak_tree'] / 1e6:.0f} MB, {run.get('killed') or run.get('findings')}",
                  flush=True)
            runs.append((jobs, run))
        second, _ = regex_scan(files)
        regex_s = min(first, second)
        for jobs, run in runs:
            rows.append({"n": n, "files": len(files), "mb": mb, "regex_s": regex_s,
                         "regex_passes": [first, second], "entities": entities,
                         "jobs": jobs, "run": run})
    print_table(rows)
    print(f"\ncorpus: {corpus_dir}; runs: {work_root}; ratio = regex s / annolint s "
          f"(one-process entity regex scan, faster of two passes, same run)")
    if args.results:
        args.results.write_text(json.dumps({"annolint": annolint, "rows": rows}, indent=1),
                                encoding="utf-8")


if __name__ == "__main__":
    main()
