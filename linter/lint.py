"""One lint run as every command does it: load the config, discover the files, run the
engine (through the corpus index unless told not to) and print what went wrong.

``check``, ``baseline`` and the great-expectations commands all lint through
:func:`lint_paths`, so they see the same files with the same settings.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from linter.config import ConfigError, LoadedConfig, load_config
from linter.decisions import apply_decisions, load_for
from linter.discovery import SourceFile
from linter.result import RunResult
from linter.selection import check_selection


@dataclass
class LintRun:
    config: LoadedConfig
    result: RunResult
    missing: list[str]  # named paths that do not exist
    sources: list[SourceFile]  # the files named (the focus files with a corpus root)
    root: Path  # where the corpus index lives


def lint_paths(paths: list[str] | None, *, config_path: str | None = None,
               select: list[str] | None = None, ignore: list[str] | None = None,
               jobs: int | None = None, corpus_root: str | None = None,
               use_cache: bool = True, progress: bool = False, executor: str | None = None,
               scheduler: str | None = None, respect_gitignore: bool | None = None,
               cache_dir: str | None = None, stdin=None, timed: bool = False) -> LintRun:
    """Discover and lint ``paths``; with ``corpus_root``, judge them against that corpus.
    ``executor``/``scheduler``: where the per-file phase runs (:mod:`linter.executors`);
    ``respect_gitignore``: None for the config's ``respect-gitignore``; ``cache_dir``: the
    index's folder (else :func:`linter.cache_location.cache_folder` decides); ``stdin``: a
    :class:`linter.cli_stdin.StdinDocument` linted instead of reading ``paths``."""
    from linter.discovery import discover_files
    from linter.engine import run
    from linter.executors import open_executor

    config = load_config(config_path, stdin.config_start() if stdin else None)
    check_selection(config, select, ignore)  # a run that checks nothing is an error
    decisions = load_for(config)  # annolint-decisions.yaml: DEC001's options
    settings = config.settings
    if respect_gitignore is None:
        respect_gitignore = settings.respect_gitignore
    sources, missing = stdin.sources(config) if stdin else discover_files(
        paths or ["."], settings.include, settings.exclude, Path.cwd(), config.root,
        respect_gitignore=respect_gitignore)
    report_only = None
    corpus_sources = sources
    root = config.root if config.path else Path.cwd()
    if corpus_root:
        folder = Path(corpus_root)
        if not folder.is_dir():
            raise ConfigError(f"--corpus-root: {corpus_root} is not a folder", "<command line>")
        everything, _ = discover_files([str(folder)], settings.include, settings.exclude,
                                       Path.cwd(), config.root,
                                       respect_gitignore=respect_gitignore)
        report_only = {source.display for source in sources}
        known = {source.display for source in everything}
        corpus_sources = everything + [s for s in sources if s.display not in known]
        corpus_sources.sort(key=lambda source: source.display)
        root = folder
    for path in missing:
        print(f"annolint: {path}: no such file or directory", file=sys.stderr)
    advance, bar = _progress_bar(len(corpus_sources), progress)
    index = None
    if use_cache:
        from linter.cache import CorpusIndex
        from linter.cache_location import cache_folder, usable

        folder = cache_folder(config_path=config.path, config_root=config.root,
                              cache_dir=cache_dir, corpus_root=corpus_root, paths=paths or ["."])
        opened = stdin.index if stdin else CorpusIndex
        index = opened(root, folder) if usable(folder) else None
    try:
        with open_executor(executor, scheduler, jobs) as runner:
            runner = stdin.executor(runner, jobs) if stdin else runner
            result = run(config, corpus_sources, select=select, ignore=ignore, jobs=jobs,
                         progress=advance, index=index, report_only=report_only,
                         complete=report_only is not None, executor=runner, timed=timed,
                         on_phase=bar.on_phase if bar is not None else None)
    finally:
        if bar is not None:
            bar.stop()
    if index is not None:
        for warning in index.stats.warnings:
            print(warning, file=sys.stderr)
        result.timings["reused_files"] = index.stats.reused
        result.timings["relinted_files"] = index.stats.relinted
    result.missing = missing
    if decisions is not None:
        apply_decisions(result, decisions, corpus_sources, full_run=report_only is None)
    print_internal_errors(result.internal_errors)
    return LintRun(config, result, missing, sources, root)


def _progress_bar(total: int, enabled: bool):
    """The per-file bar and phase status lines on a terminal stderr (linter.progress)."""
    from linter.progress import phase_progress

    bar = phase_progress(total, enabled)
    return (bar.advance if bar else None), bar


def print_internal_errors(errors: list[str]) -> None:
    """One line per crash (file, rule, exception); the traceback only with ANNOLINT_DEBUG."""
    for error in errors:
        head, _, trace = error.partition("\n")
        lines = trace.strip().splitlines()
        print(f"annolint: internal error: {head} {lines[-1] if lines else ''}", file=sys.stderr)
        if os.environ.get("ANNOLINT_DEBUG"):
            print(trace, file=sys.stderr)
    if errors and not os.environ.get("ANNOLINT_DEBUG"):
        print("annolint: set ANNOLINT_DEBUG=1 to see the tracebacks, and please report them",
              file=sys.stderr)
