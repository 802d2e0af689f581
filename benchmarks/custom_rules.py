"""A config of N declarative rules of every kind, for the throughput benchmark.

    python benchmarks/custom_rules.py OUT.yaml --count 50
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

WORDS = ["Ayacucho", "Lima", "Peru", "Chile", "Guzman", "Humala", "Arana", "Jose", "Israel",
         "Andahuaylas", "Cajamarca", "Mantaro", "Vizcatan", "Artemio", "Ziv", "Rey"]


def _rule(index: int) -> dict:
    code, name = f"BENCH{index:03d}", f"bench-{index}"
    word = WORDS[index % len(WORDS)]
    kind = index % 8
    base = {"code": code, "name": name}
    if kind == 0:
        return {**base, "kind": "label-of", "label": "ORG", "unannotated": index % 16 == 0,
                "strings": [f"{word} Front", f"{word} Party", "SL", f"Group {index}"],
                "bad": ["[LOC SL  ]\n"]}
    if kind == 1:
        return {**base, "kind": "label-of", "label": "LOC", "patterns": [rf"{word}\w* Valley"],
                "bad": [f"[ORG {word} Valley  ]\n"]}
    if kind == 2:
        return {**base, "kind": "never-annotate", "words": [f"Title{index}", "Ambassador"],
                "ignore-case": index % 3 == 0, "bad": ["[PER Ambassador  ]\n"]}
    if kind == 3:
        return {**base, "kind": "never-annotate", "patterns": [rf"\d{{{1 + index % 3}}}"],
                "labels": ["PER"], "inside": True, "bad": ["[PER A 123  ]\n"]}
    if kind == 4:
        return {**base, "kind": "pattern", "label": "ORG", "must-not-match": f"{word}'s$",
                "bad": [f"[ORG {word}'s  ]\n"]}
    if kind == 5:
        return {**base, "kind": "context", "label": "ORG", "before": [f"Ministry{index} of"],
                "after": ["party"], "window": 2, "bad": ["[LOC Apra  ] party\n"]}
    if kind == 6:
        return {**base, "kind": "consistency", "groups": [[word, f"{word} City"]],
                "bad": [f"=== a.txt ===\n[LOC {word}  ] [LOC {word}  ]\n"
                        f"=== b.txt ===\n[ORG {word}  ]\n"]}
    return {**base, "kind": "cooccurrence", "either": [[word, f"{word}{index}"]],
            "bad": [f"=== a.txt ===\n{word} {word}\n=== b.txt ===\n{word}{index}\n"]}


def write(path: Path, count: int) -> Path:
    path.write_text(json.dumps({"custom-rules": [_rule(i) for i in range(1, count + 1)]},
                               indent=1), encoding="utf-8")
    return path


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=50)
    args = parser.parse_args()
    write(args.out, args.count)
