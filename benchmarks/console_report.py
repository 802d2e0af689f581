"""CPU time of the console report against the concise one, on the same findings.

Usage: python benchmarks/console_report.py [FOLDER ...]

Lints ``examples/`` and, when present, ``../shared/corpora/cables-dev/annotated`` once each,
then times ``reports.console.render`` with color on and off (output to an in-memory buffer)
and the concise report, printing CPU seconds and the console/concise ratio.
"""

from __future__ import annotations

import io
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from linter.config import load_config  # noqa: E402
from linter.discovery import discover_files  # noqa: E402
from linter.engine import run  # noqa: E402
from linter.reports import concise, console  # noqa: E402


def lint_folder(folder: Path):
    config = load_config(None, start=folder)
    old = Path.cwd()
    os.chdir(folder)
    try:
        sources, _ = discover_files(["."], ["**/*.txt"], [], folder, folder)
        return run(config, sources, jobs=1)
    finally:
        os.chdir(old)


def cpu(render, result, **kwargs) -> float:
    started = time.process_time()
    render(result, io.StringIO(), **kwargs)
    return time.process_time() - started


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or [REPO / "examples"]
    if not argv:
        cables = REPO.parent / "shared" / "corpora" / "cables-dev" / "annotated"
        if cables.is_dir():
            folders.append(cables)
    for folder in folders:
        result = lint_folder(folder.resolve())
        base = max(cpu(concise.render, result), 1e-6)
        plain = cpu(console.render, result, color=False)
        color = cpu(console.render, result, color=True)
        print(f"{folder.name}: {len(result.findings)} findings; concise {base:.3f} s; "
              f"console plain {plain:.3f} s ({plain / base:.0f}x); "
              f"color {color:.3f} s ({color / base:.0f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
