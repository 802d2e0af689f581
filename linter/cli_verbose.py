"""``annolint check --verbose``: which config file was used and which metadata.jsonl
sidecars applied to how many documents, on stderr (one line per sidecar, not per file)."""

from __future__ import annotations

import sys
from collections import Counter
from typing import TextIO

from linter.metadata import sidecar_for


def add_verbose(command) -> None:
    command.add_argument("-v", "--verbose", action="store_true",
                         help="say on stderr which config file and metadata sidecars were used")


def sidecar_counts(paths, root) -> Counter:
    """How many of the documents at ``paths`` each metadata.jsonl applied to."""
    counts: Counter = Counter()
    for path in paths:
        sidecar = sidecar_for(path, root)
        if sidecar is not None:
            counts[sidecar] += 1
    return counts


def report_verbose(config, sources, stream: TextIO | None = None) -> None:
    stream = stream or sys.stderr
    shown = str(config.path) if config.path else "none (defaults)"
    print(f"annolint: config file: {shown}", file=stream)
    counts = sidecar_counts([source.path for source in sources], config.root)
    for sidecar, count in sorted(counts.items()):
        noun = "document" if count == 1 else "documents"
        print(f"annolint: sidecar {sidecar}: applied to {count} {noun}", file=stream)
    if not counts:
        print("annolint: no metadata.jsonl sidecar applied", file=stream)
