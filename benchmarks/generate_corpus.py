"""Generate a synthetic corpus of N cables in the seed's format, for throughput benchmarks.

Each document is the seed cable (examples/09LIMA1659.txt) with its serial, dates and a
share of its entity strings varied by a seeded random generator, so documents differ
(corpus rules see many strings) yet keep the seed's structure and markup density.

    python benchmarks/generate_corpus.py OUT_DIR --count 20000 [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "09LIMA1659.txt"
_ENTITY = re.compile(r"\[(PER|LOC|ORG|MISC) ([^\]]*?)  \]")
_SYLLABLES = ["ma", "ri", "to", "ca", "lo", "ven", "sa", "qui", "ber", "an", "du", "el", "po"]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def make_document(seed_text: str, index: int, rng: random.Random,
                  vocabulary: dict[str, list[str]]) -> str:
    """One variant of the seed: new serial and DECL year, a quarter of entities renamed.

    Each invented name belongs to one label, so the corpus is consistent apart from what
    the seed itself carries: a benchmark corpus, not a noise test."""
    text = seed_text.replace("001659", f"{index % 999999:06d}").replace(
        "2019/11/19", f"20{rng.randint(10, 19)}/{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}")

    def rename(match: re.Match[str]) -> str:
        if rng.random() < 0.25:
            return f"[{match.group(1)} {rng.choice(vocabulary[match.group(1)])}  ]"
        return match.group(0)

    return _ENTITY.sub(rename, text)


def generate(out_dir: Path, count: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    seed_text = SEED.read_text(encoding="utf-8")
    size = max(50, count // 16)
    vocabulary = {label: [f"{_name(rng)} {_name(rng)}" for _ in range(size)]
                  for label in ("PER", "LOC", "ORG", "MISC")}
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        sub = out_dir / f"part{index // 1000:03d}"
        sub.mkdir(exist_ok=True)
        path = sub / f"09SYN{index}.txt"
        path.write_text(make_document(seed_text, index, rng, vocabulary), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = generate(args.out_dir, args.count, args.seed)
    size = sum(path.stat().st_size for path in paths)
    print(f"wrote {len(paths)} documents, {size / 1e6:.1f} MB, to {args.out_dir}")


if __name__ == "__main__":
    main()
