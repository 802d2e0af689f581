"""Generate a corpus of N cables for throughput and scale benchmarks.

Two modes:

* seed mode (no ``--from``): each document is the seed cable (examples/09LIMA1659.txt) with
  its serial, dates and a share of its entity strings varied by a seeded random generator,
  so documents differ (corpus rules see many strings) yet keep the seed's structure;
* real mode (``--from DIR``): documents are copies of the real annotated cables in DIR
  (e.g. ../shared/corpora/cables-dev/annotated), each with a new cable serial (in the file
  name, the header's reference id, the SECTION line and the page-header id lines alike) and
  a share of its name-like entity strings renamed from a synthetic vocabulary. Document i
  draws names by a Zipf law over the first V(i) = K * (i + 1) ** BETA names of each label
  (Heaps' law), so the vocabulary grows with the corpus as in a real one, and document i
  depends only on (seed, i): a corpus of N is exactly the first N documents of any larger
  one, so one 251,287-cable corpus serves every smaller N as a prefix of its folders.
  Files go to sub-folders ``part000``, ``part001``, ... of 1,000 (``--flat``: one folder),
  each with a ``metadata.jsonl`` (the source cable's row under the new id; ``--no-metadata``
  for none) and, at the top, ``manifest.json`` (count, seed, parameters, folders).

    python benchmarks/generate_corpus.py OUT_DIR --count 20000 [--seed 7]
    python benchmarks/generate_corpus.py --from ../shared/corpora/cables-dev/annotated \\
        --count 251287 [--seed 7] [--jobs 2] [--flat] OUT_DIR
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import time
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


# ---------------------------------------------------------------------------------------
# Real mode: copies of real annotated cables.

FOLDER_SIZE = 1000
_ID = re.compile(r"^(\d\d)([A-Z][A-Z-]*?)(\d+)$")  # 09LIMA1659 -> 09, LIMA, 1659
_SERIAL_MULT = 7919  # coprime with 999,999: index -> serial is a bijection below 999,999
_LABELS = ("PER", "LOC", "ORG", "MISC")
_ONSETS = ["b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "qu", "r", "s", "t",
           "v", "z", "br", "ch", "dr", "gr", "kh", "st", "tr", "sh"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ia", "ou", "ei"]
_CODAS = ["", "", "", "n", "r", "s", "l", "m", "z", "nd", "x"]
_ORG_HEADS = ["Party", "Council", "Ministry", "Front", "Union", "Bank", "Institute",
              "Movement", "Commission", "Agency", "Committee", "Alliance"]
_LOC_HEADS = ["", "", "", "", "Province", "Valley", "City", "Region"]


def _mix(value: int) -> int:
    """splitmix64: a fast, well-spread hash of an integer."""
    value = (value + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
    value = ((value ^ (value >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    value = ((value ^ (value >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    return value ^ (value >> 31)


def _word(h: int, syllables: int) -> str:
    parts = []
    for _ in range(syllables):
        parts.append(_ONSETS[h % 26] + _VOWELS[(h >> 5) % 9] + _CODAS[(h >> 9) % 11])
        h >>= 13
    return "".join(parts).capitalize()


def synthetic_name(seed: int, label: str, rank: int) -> str:
    """The name of rank ``rank`` (1-based) of ``label``'s vocabulary: a pure function."""
    h = _mix(_mix(seed * 4 + _LABELS.index(label)) ^ rank)
    g = _mix(h)
    if label == "PER":
        return f"{_word(h, 2)} {_word(g, 2 + g % 2)}"
    if label == "LOC":
        head = _LOC_HEADS[(g >> 40) % len(_LOC_HEADS)]
        return f"{_word(h, 2 + g % 2)} {head}".rstrip()
    if label == "ORG":
        if g % 3 == 0:  # an acronym
            return "".join(chr(65 + (h >> (5 * k)) % 26) for k in range(2 + g % 4))
        return f"{_word(h, 2)} {_ORG_HEADS[(g >> 40) % len(_ORG_HEADS)]}"
    return _word(h, 2) + ("ian", "ese", "ic", "ist")[g % 4]


def vocabulary_size(index: int, k: float, beta: float) -> int:
    """V(i): names of each label available to document ``index`` (Heaps' law)."""
    return max(10, int(k * (index + 1) ** beta))


def zipf_rank(u: float, size: int, s: float) -> int:
    """A rank in 1..size with probability ~ rank**-s (inverse CDF of the continuous law)."""
    if abs(s - 1.0) < 1e-9:
        rank = int(math.exp(u * math.log(size + 1)))
    else:
        a = 1.0 - s
        rank = int(((((size + 1) ** a) - 1.0) * u + 1.0) ** (1.0 / a))
    return min(max(rank, 1), size)


def _renamable(text: str) -> bool:
    """Name-like spans only: header codes, portion marks and swallowed fields stay as the
    tagger wrote them, so the structural findings keep their real shape."""
    return (any(c.islower() for c in text) and not any(c.isdigit() for c in text)
            and ":" not in text and text.count(" ") < 5 and "<" not in text)


def new_serial(index: int) -> int:
    return 1 + (index * _SERIAL_MULT) % 999_999


def _serial_pattern(station: str, serial: str) -> re.Pattern[str]:
    # zero-padded forms anywhere (LIMA 001659, page headers LIMA 00001659 002 OF 004), and
    # the bare serial right after the station (BUENOS AIRES 2481, [LOC LIMA  ] 1659)
    spaced = r"\W*".join(re.escape(c) for c in station)
    return re.compile(rf"(?<!\d)0+{serial}(?!\d)|(?P<pre>{spaced}[\s\]]+){serial}(?!\d)")


class Source:
    __slots__ = ("stem", "year", "station", "serial", "text", "meta", "pattern")

    def __init__(self, path: Path, meta: dict | None):
        self.stem = path.stem
        self.text = path.read_text(encoding="utf-8", errors="replace")
        self.meta = meta
        match = _ID.match(self.stem)
        if match:
            self.year, self.station, self.serial = match.groups()
            self.pattern = _serial_pattern(self.station, str(int(self.serial)))
        else:
            self.year, self.station, self.serial, self.pattern = "", self.stem, "", None


def load_sources(source_dir: Path) -> list[Source]:
    meta: dict[str, dict] = {}
    # the cables-dev layout keeps metadata.jsonl beside annotated/, not in it
    sidecar = next((folder / "metadata.jsonl" for folder in (source_dir, source_dir.parent)
                    if (folder / "metadata.jsonl").is_file()), None)
    if sidecar is not None:
        for line in sidecar.read_text(encoding="utf-8").splitlines():
            try:
                row = json.loads(line)
            except ValueError:
                continue
            if isinstance(row, dict) and isinstance(row.get("id"), str):
                meta[row["id"]] = row
    paths = sorted(p for p in source_dir.iterdir() if p.suffix == ".txt" and p.is_file())
    if not paths:
        raise SystemExit(f"{source_dir}: no .txt files to copy")
    return [Source(p, meta.get(p.stem)) for p in paths]


def real_document(source: Source, index: int, params: dict) -> tuple[str, str]:
    """(new id, text) of document ``index`` made from ``source``."""
    serial = new_serial(index)
    if source.pattern is not None:
        new_id = f"{source.year}{source.station}{serial}"

        def reserial(match: re.Match[str]) -> str:
            if match.group("pre") is not None:
                return f"{match.group('pre')}{serial}"
            width = len(match.group(0))
            return f"{serial:0{width}d}"

        text = source.pattern.sub(reserial, source.text)
        text = text.replace(source.stem, new_id)
    else:
        new_id, text = f"{source.stem}-{serial}", source.text
    seed, share = params["seed"], params["share"]
    size = vocabulary_size(index, params["k"], params["beta"])
    rng = random.Random(_mix(seed * 1_000_003 + index))
    renamed: dict[tuple[str, str], str] = {}

    def rename(match: re.Match[str]) -> str:
        key = (match.group(1), match.group(2))
        new = renamed.get(key)
        if new is None:
            new = key[1]
            if _renamable(key[1]) and rng.random() < share:
                new = synthetic_name(seed, key[0], zipf_rank(rng.random(), size, params["s"]))
            renamed[key] = new
        return match.group(0) if new == key[1] else f"[{key[0]} {new}  ]"

    return new_id, _ENTITY.sub(rename, text)


_WORKER: dict = {}


def _init_worker(source_dir: str, params: dict) -> None:
    _WORKER["sources"] = load_sources(Path(source_dir))
    _WORKER["order"] = _source_order(len(_WORKER["sources"]), params["seed"])
    _WORKER["params"] = params


def _source_order(count: int, seed: int) -> list[int]:
    order = list(range(count))
    random.Random(seed).shuffle(order)
    return order


def _write_folder(task: tuple[str, int, int]) -> tuple[int, int, list[str]]:
    """Write documents [start, stop) into ``folder``; (files, bytes, metadata rows)."""
    folder, start, stop = task
    sources, order, params = _WORKER["sources"], _WORKER["order"], _WORKER["params"]
    os.makedirs(folder, exist_ok=True)
    rows, size = [], 0
    for index in range(start, stop):
        source = sources[order[index % len(order)]]
        new_id, text = real_document(source, index, params)
        data = text.encode("utf-8")
        with open(os.path.join(folder, new_id + ".txt"), "wb") as handle:
            handle.write(data)
        size += len(data)
        if params["metadata"] and source.meta is not None:
            rows.append(json.dumps({**source.meta, "id": new_id}, ensure_ascii=False))
    return stop - start, size, rows


def generate_real(source_dir: Path, out_dir: Path, count: int, *, seed: int = 7,
                  share: float = 0.35, k: float = 15.0, beta: float = 0.75, s: float = 1.0,
                  flat: bool = False, metadata: bool = True, jobs: int = 1,
                  folder_size: int = FOLDER_SIZE) -> dict:
    """Write the real-mode corpus; returns the manifest (also written to manifest.json)."""
    params = {"seed": seed, "share": share, "k": k, "beta": beta, "s": s,
              "metadata": metadata}
    out_dir.mkdir(parents=True, exist_ok=True)
    if flat:
        chunk = max(1, min(folder_size, -(-count // max(1, jobs * 4))))
        tasks = [(str(out_dir), a, min(count, a + chunk)) for a in range(0, count, chunk)]
        folders = [{"name": ".", "count": count}]
    else:
        tasks = [(str(out_dir / f"part{n:03d}"), a, min(count, a + folder_size))
                 for n, a in enumerate(range(0, count, folder_size))]
        folders = [{"name": Path(t[0]).name, "count": t[2] - t[1]} for t in tasks]
    if jobs > 1 and len(tasks) > 1:
        from multiprocessing import get_context

        with get_context("fork").Pool(jobs, _init_worker, (str(source_dir), params)) as pool:
            done = list(pool.imap(_write_folder, tasks))
    else:
        _init_worker(str(source_dir), params)
        done = [_write_folder(task) for task in tasks]
    sidecars: dict[str, list[str]] = {}
    for (folder, _, _), (_, _, rows) in zip(tasks, done):
        sidecars.setdefault(folder, []).extend(rows)
    for folder, rows in sidecars.items():
        sidecar = Path(folder) / "metadata.jsonl"
        if rows:
            sidecar.write_text("\n".join(rows) + "\n", encoding="utf-8")
        elif sidecar.exists():
            sidecar.unlink()
    manifest = {"mode": "real", "source": str(source_dir), "count": count,
                "bytes": sum(b for _, b, _ in done), "folder_size": folder_size, "flat": flat,
                "params": params, "folders": folders}
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n",
                                           encoding="utf-8")
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--from", dest="source", type=Path,
                        help="copy real annotated cables from this folder (real mode)")
    parser.add_argument("--flat", action="store_true", help="real mode: one folder")
    parser.add_argument("--no-metadata", action="store_true",
                        help="real mode: no metadata.jsonl sidecars")
    parser.add_argument("--share", type=float, default=0.35,
                        help="real mode: share of name-like entity strings renamed (0.35)")
    parser.add_argument("--heaps-k", type=float, default=15.0,
                        help="real mode: V(i) = K * (i+1)**BETA names per label (15)")
    parser.add_argument("--heaps-beta", type=float, default=0.75)
    parser.add_argument("--zipf-s", type=float, default=1.0, help="Zipf exponent (1.0)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="real mode: worker processes (default: all cores)")
    args = parser.parse_args()
    started = time.perf_counter()
    if args.source is None:
        paths = generate(args.out_dir, args.count, args.seed)
        size = sum(path.stat().st_size for path in paths)
        print(f"wrote {len(paths)} documents, {size / 1e6:.1f} MB, to {args.out_dir}")
        return
    manifest = generate_real(args.source, args.out_dir, args.count, seed=args.seed,
                             share=args.share, k=args.heaps_k, beta=args.heaps_beta,
                             s=args.zipf_s, flat=args.flat, metadata=not args.no_metadata,
                             jobs=args.jobs)
    print(f"wrote {manifest['count']} documents, {manifest['bytes'] / 1e6:.1f} MB, in "
          f"{len(manifest['folders'])} folder(s) to {args.out_dir} "
          f"in {time.perf_counter() - started:.1f} s; V(N) = "
          f"{vocabulary_size(args.count - 1, args.heaps_k, args.heaps_beta)} names per label")


if __name__ == "__main__":
    main()
