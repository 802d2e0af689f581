"""``annolint check - --stdin-filename PATH``: lint an editor's buffer from standard input.

The document is linted as if it were at PATH (PATH decides its format, the config that is
discovered, the per-file ignores; with ``--corpus-root`` it is judged against the corpus,
through the corpus index, as a pre-commit run judges a changed file) and findings are
reported under PATH. The file at PATH is never read or written: the index takes the
buffer as that file's current content, and the next run that sees the file on disk finds
it changed (its hash differs) and lints it again. Without ``--stdin-filename`` the
document is called ``-``, read as inline markup, without the index. ``--fix`` writes the
fixed text to standard output (the report then goes to standard error), as ruff does.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from linter.cache import CorpusIndex
from linter.config import ConfigError, LoadedConfig
from linter.discovery import SourceFile, display_path, shown_name
from linter.engine import FileResult, Plan, lint_file, map_files
from linter.globs import matches_any

PLACEHOLDER = "-"


def add_stdin_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--stdin-filename", metavar="PATH", help="with PATH '-': the path "
                         "the document read from standard input is linted and reported as")


def wants_stdin(args: argparse.Namespace) -> bool:
    """Read standard input for ``check -`` or ``--stdin-filename`` (and say so in args)."""
    if getattr(args, "stdin", None) is not None:
        return True
    paths = args.paths or []
    if "-" not in paths and not args.stdin_filename:
        return False
    if paths not in ([], ["-"]):
        raise ConfigError("'-' (standard input) cannot be combined with other paths",
                          "<command line>")
    args.paths = [args.stdin_filename or PLACEHOLDER]
    args.stdin = StdinDocument(args.stdin_filename, sys.stdin.buffer.read())
    if args.stdin_filename is None:
        args.no_cache = True  # no path to judge against the corpus
    return True


@dataclass
class StdinDocument:
    """The buffer read from standard input and the path it stands for (None: ``-``)."""

    filename: str | None
    data: bytes

    @property
    def display(self) -> str:
        if self.filename is None:
            return PLACEHOLDER
        return shown_name(display_path(Path(self.filename), Path.cwd()))

    def config_start(self) -> Path | None:
        """Where config discovery starts: the folder of the path named."""
        if self.filename is None:
            return None
        return Path(self.filename).absolute().parent

    def sources(self, config: LoadedConfig) -> tuple[list[SourceFile], list[str]]:
        """The one source to lint ([] when the config excludes its path)."""
        if self.filename is None:
            config.settings.format = {PLACEHOLDER: "inline", **config.settings.format}
            return [SourceFile(PLACEHOLDER, PLACEHOLDER)], []
        key = display_path(Path(self.filename), config.root)
        if matches_any(key, config.settings.exclude):
            return [], []
        return [SourceFile(self.filename, self.display)], []

    def index(self, root: Path, folder: Path) -> CorpusIndex:
        return StdinIndex(root, folder, self.display)

    def executor(self, inner, jobs: int | None) -> "StdinExecutor":
        return StdinExecutor(inner, self, jobs or os.cpu_count() or 1)


class StdinIndex(CorpusIndex):
    """The corpus index, for which the buffer's path has always changed."""

    def __init__(self, root: Path, folder: Path, display: str) -> None:
        super().__init__(root, folder)
        self._stdin_display = display

    def _unchanged(self, source: SourceFile, row, updates: list) -> bool:
        if source.display == self._stdin_display:
            return False
        return super()._unchanged(source, row, updates)


class StdinExecutor:
    """Lints the buffer in this process and every other file as ``inner`` would (the
    engine's own pool when None). It reduces no totals: the engine sums them."""

    def __init__(self, inner, stdin: StdinDocument, jobs: int) -> None:
        self.inner, self.stdin, self.jobs = inner, stdin, jobs

    def map(self, sources: list[SourceFile], plan: Plan,
            progress: Callable[[int], None] | None = None) -> Iterable[FileResult]:
        display = self.stdin.display
        others = [source for source in sources if source.display != display]
        for source in sources:
            if source.display == display:
                yield lint_file(source, plan, content=self.stdin.data)
                if progress:
                    progress(1)
        if self.inner is not None:
            yield from self.inner.map(others, plan, progress)
        else:
            yield from map_files(others, plan, self.jobs, progress)


def fix_stdin(args: argparse.Namespace, lint: Callable[[], object],
              check: Callable[[argparse.Namespace], int]) -> int:
    """``--fix``/``--diff`` on the buffer: fix it in memory, pass after pass, then write the
    fixed text (or, with ``--diff``, the diff) to standard output and the report of what is
    left to standard error. The file on disk is never touched."""
    import contextlib
    import difflib

    from linter.fixes import MAX_PASSES, _fixable, _one_judgement_each, plan_text
    from linter.readers import read_document

    stdin: StdinDocument = args.stdin
    args.no_cache = True  # cached findings of an older annolint may lack their fixes
    original = stdin.data
    for _ in range(MAX_PASSES):
        run = lint()
        result = run.result
        safety = {meta.code: meta.fix_safety for meta in result.rules}
        found = _fixable(result.findings, safety, args.unsafe_fixes).get(stdin.display, [])
        found = _one_judgement_each(found, safety)
        labels = frozenset(result.settings.get("labels") or ())
        doc, _ = read_document(stdin.display, stdin.data, fmt="inline", labels=labels)
        if not found or doc is None or doc.format != "inline" or doc.views:
            break
        new_text, fixed, _stale, _deferred = plan_text(doc.text, found)
        bom = _BOM if stdin.data.startswith(_BOM) else b""
        data = bom + new_text.encode("utf-8", "surrogatepass")
        after, _ = read_document(stdin.display, data, fmt="inline", labels=labels)
        if not fixed or data == stdin.data or after is None or \
                len(after.problems) > len(doc.problems):
            break
        stdin.data = data
    out = sys.stdout.buffer
    if args.diff:
        before = original.decode("utf-8", "replace").splitlines(keepends=True)
        now = stdin.data.decode("utf-8", "replace").splitlines(keepends=True)
        out.write("".join(difflib.unified_diff(before, now, fromfile=f"a/{stdin.display}",
                                               tofile=f"b/{stdin.display}")).encode("utf-8"))
        out.flush()
        return 1 if stdin.data != original else 0
    out.write(stdin.data)
    out.flush()
    args.fix = False
    with contextlib.redirect_stdout(sys.stderr):  # standard output holds the document
        return check(args)


_BOM = b"\xef\xbb\xbf"
