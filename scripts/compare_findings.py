"""Compare two JSON reports finding by finding (fingerprints included).

Usage: python scripts/compare_findings.py BEFORE.json AFTER.json

Prints the findings only in one report, and exits 1 when the reports differ. Used to check
that a refactor changes no finding: run ``annolint check ... --output-format json`` before
and after, then compare.
"""

from __future__ import annotations

import json
import sys

KEYS = ("fingerprint", "rule", "path", "line", "column", "end_line", "end_column",
        "severity", "message", "score")


def _rows(path: str) -> list[tuple]:
    with open(path, encoding="utf-8") as handle:
        report = json.load(handle)
    return sorted(tuple(str(f.get(k)) for k in KEYS) for f in report["findings"])


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    before, after = _rows(argv[0]), _rows(argv[1])
    gone = sorted(set(before) - set(after))
    new = sorted(set(after) - set(before))
    for row in gone[:20]:
        print("- " + " | ".join(row))
    for row in new[:20]:
        print("+ " + " | ".join(row))
    same = len(before) == len(after) and not gone and not new
    print(f"{len(before)} findings before, {len(after)} after: "
          + ("identical" if same else f"{len(gone)} gone, {len(new)} new"))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
