"""Timings at N, 2N and 4N for inputs that used to cost super-linear time (issue 16).

Each case prints its time at three sizes and the ratio of the last to the first: a linear
case grows about 4x from N to 4N (small times are dominated by constant costs and grow
less), a quadratic one 16x, an exponential one does not finish.

    python benchmarks/pathological.py [--n 16] [--sizes 1,2,4,8,50] [--reference]

Cases:
* ``glob **/ xN``: include ``**/**/…/*.zzz`` (N times ``**/``) against an N-deep path that
  does not match (was exponential: k=10 on a 25-deep folder took 25 s);
* ``glob *a xN``, ``glob ?* xN``, ``glob * x4N``: one path segment of 4N characters;
* ``yaml alias xN``: a config of N nested alias levels, each doubling the expansion
  (was 2**N leaves before validation; now refused at the first alias);
* ``yaml plain xN``: a plain config of 16N list entries (the linear baseline);
* ``stray ]  x1000N``: one file of 1000N stray closers, linted in-process (findings are
  capped per file and rule, so the report no longer grows with them).

Then the inline reader on damaged markup (issue 14; kinds in benchmarks/damage.py): for each
kind of damage and each of ``--sizes`` MB, the parse time (CPU, best of ``--repeat``) and
MB/s. With ``--reference`` the pre-change reader (tests/readers/inline_reference.py) is timed
in the same run, up to ``--reference-max`` MB (it is quadratic on nested openers: hours at
50 MB), and ``new/old`` is its time over the new one's. ``--only inline`` skips the other
cases; ``--kinds`` picks kinds by name.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from linter.config import ConfigError, load_config  # noqa: E402
from linter.globs import matches  # noqa: E402
from linter.readers.inline import parse_inline  # noqa: E402

from benchmarks.damage import KINDS as DAMAGE  # noqa: E402

LABELS = frozenset({"PER", "LOC", "ORG", "MISC"})


def _glob_case(pattern_of, path_of):
    def run(n: int) -> None:
        matches(path_of(n), pattern_of(n))
    return run


def _yaml_alias(n: int) -> None:
    lines = ["a0: &a0 [x, x]"]
    for level in range(1, n):
        lines.append(f"a{level}: &a{level} [*a{level - 1}, *a{level - 1}]")
    lines.append(f"include: *a{n - 1}")
    _load("\n".join(lines) + "\n")


def _yaml_plain(n: int) -> None:
    _load("exclude:\n" + "".join(f"  - 'folder{i}/**'\n" for i in range(16 * n)))


def _load(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "annolint.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            load_config(path)
        except ConfigError:
            pass


def _stray_closers(n: int) -> None:
    """Lint one file of 1000N stray closers (``a  ]``, 4 bytes each) in-process."""
    from linter.discovery import SourceFile
    from linter.engine import run

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.txt"
        path.write_text("a  ]" * (1000 * n) + "\n", encoding="utf-8")
        config = load_config(start=Path(folder))
        run(config, [SourceFile(str(path), "x.txt")], jobs=1)


CASES = {
    "glob **/ xN": _glob_case(lambda n: "**/" * n + "*.zzz", lambda n: "d/" * n + "f.txt"),
    "glob *a xN": _glob_case(lambda n: "*a" * n, lambda n: "a" * (4 * n) + "b"),
    "glob ?* xN": _glob_case(lambda n: "?*" * n + "b", lambda n: "a" * (4 * n)),
    "glob * x4N": _glob_case(lambda n: "*" * (4 * n) + "b", lambda n: "a" * (4 * n)),
    "yaml alias xN": _yaml_alias,
    "yaml plain xN": _yaml_plain,
    "stray ]  x1000N": _stray_closers,
}


def timed(function, n: int, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        from linter import globs

        globs._compile_any.cache_clear()
        globs._segments.cache_clear()
        start = time.perf_counter()
        function(n)
        best = min(best, time.perf_counter() - start)
    return best


def _parse_time(parse, text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()  # CPU time: steadier on a busy machine
        parse("x.txt", text, labels=LABELS)
        best = min(best, time.process_time() - started)
    return best


def inline_recovery(sizes: list[float], kinds: list[str], repeat: int, reference: bool,
                    reference_max: float) -> None:
    """Print, per damage kind and size, the new reader's MB/s (and the old one's)."""
    old_parse = None
    if reference:
        from tests.readers.inline_reference import parse_inline as old_parse
    print(f"\ninline reader on damaged markup (CPU s, best of {repeat})")
    head = f"{'damage':<16}{'MB':>6}{'new s':>9}{'new MB/s':>10}{'lines':>9}{'problems':>10}"
    print(head + (f"{'old s':>9}{'old MB/s':>10}{'new/old':>9}" if reference else ""))
    for kind in kinds:
        for size in sizes:
            text = DAMAGE[kind](int(size * 1_000_000))
            megabytes = len(text.encode("utf-8")) / 1e6
            doc = parse_inline("x.txt", text, labels=LABELS)
            problems, lines = len(doc.problems), text.count("\n") + 1
            del doc
            new = _parse_time(parse_inline, text, repeat)
            row = (f"{kind:<16}{megabytes:6.1f}{new:9.3f}{megabytes / new:10.1f}{lines:9}"
                   f"{problems:10}")
            if old_parse is not None:
                if size <= reference_max:
                    old = _parse_time(old_parse, text, repeat)
                    row += f"{old:9.3f}{megabytes / old:10.2f}{old / new:9.1f}x"
                else:
                    row += f"{'-':>9}{'-':>10}{'-':>9}"
            print(row, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=16)
    parser.add_argument("--sizes", default="1,2,4", help="MB, comma-separated")
    parser.add_argument("--kinds", default=",".join(DAMAGE),
                        help=f"comma-separated among: {', '.join(DAMAGE)}")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reference", action="store_true",
                        help="also time the pre-change inline reader")
    parser.add_argument("--reference-max", type=float, default=4.0,
                        help="largest size (MB) the pre-change reader is timed on")
    parser.add_argument("--only", choices=["inline"], help="skip the glob/yaml/lint cases")
    args = parser.parse_args()
    kinds = [kind.strip() for kind in args.kinds.split(",")]
    unknown = [kind for kind in kinds if kind not in DAMAGE]
    if unknown:
        parser.error(f"unknown damage kind {unknown[0]!r}; known: {', '.join(DAMAGE)}")
    if args.only is None:
        n = args.n
        print(f"{'case':<16}{'N=' + str(n):>12}{'2N':>12}{'4N':>12}{'4N/N':>8}")
        for name, function in CASES.items():
            times = [timed(function, n * factor) for factor in (1, 2, 4)]
            print(f"{name:<16}" + "".join(f"{t * 1000:>10.2f}ms" for t in times)
                  + f"{times[2] / max(times[0], 1e-9):>8.1f}")
    inline_recovery([float(size) for size in args.sizes.split(",")], kinds, args.repeat,
                    args.reference, args.reference_max)


if __name__ == "__main__":
    main()
