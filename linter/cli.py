"""The ``annolint`` command line: check, baseline, rules, explain.

Exit codes: 0 clean (or below the ``--fail-on`` gate), 1 findings at or above the gate,
2 usage or configuration error, 3 internal error. Heavy modules (jinja2, great
expectations) are imported only by the commands and formats that need them.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import os
import sys
import time
import traceback
from pathlib import Path
from typing import TextIO

from linter import __version__
from linter.model import SEVERITIES
from linter.config import ConfigError
from linter.lint import LintRun
from linter.plugins import PluginError
from linter.lint import lint_paths as lint_run
from linter.gx.commands import GX_COMMANDS, add_check_gx_option, add_gx_commands, run_check_gx
from linter.cli_readers import (add_reader_commands, command_convert, command_formats,
                                coverage_errors)
from linter.cli_decide import add_decide_command, command_decide
from linter.cli_stdin import add_stdin_option, fix_stdin, wants_stdin
from linter.cli_settings import SETTINGS_COMMANDS, add_settings_commands, command_show_settings
from linter.terminate import Terminated, exit_cleanly_on_sigterm

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _formats() -> list[str]:
    from linter.reports import FORMATS

    return list(FORMATS)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annolint",
        description="Lint annotated text corpora: markup, label consistency, cable structure.",
    )
    parser.add_argument("--version", action="version", version=f"annolint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="lint files and directories")
    _add_run_options(check)
    check.add_argument("--output-format", metavar="FORMAT", default=None,
                       help=f"one of: {', '.join(_formats())} (default: console)")
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    check.add_argument("--report", action="append", default=[], metavar="FORMAT=FILE",
                       help="an extra report written to FILE (repeatable), e.g. json=out.json")
    check.add_argument("--fail-on", choices=[*SEVERITIES, "never"],
                       help="lowest severity that makes the exit code 1 (default: error)")
    check.add_argument("--exit-zero", action="store_true",
                       help="exit 0 even when findings are at or above --fail-on (errors of "
                            "use and configuration still exit 2)")
    check.add_argument("--statistics", action="store_true",
                       help="print counts per rule instead of every finding")
    check.add_argument("--baseline", metavar="FILE",
                       help="baseline file (default: annolint-baseline.json beside the config)")
    check.add_argument("--no-baseline", action="store_true", help="ignore any baseline")
    check.add_argument("--by-annotator", metavar="DIR",
                       help="also write one feedback page per annotator into DIR")
    check.add_argument("--annotators", choices=["metadata", "git"], default="metadata",
                       help="attribute findings from sidecar metadata and the config's "
                       "'annotators' globs (default), falling back to git blame with 'git'")
    check.add_argument("--fix", action="store_true",
                       help="apply the safe fixes findings carry (inline files), then report "
                       "what is left")
    check.add_argument("--unsafe-fixes", action="store_true",
                       help="with --fix or --diff, also apply fixes that change an annotation "
                       "decision (relabel, annotate, move an edge)")
    check.add_argument("--diff", action="store_true",
                       help="print the fixes as a unified diff and write nothing (exit 1 when "
                       "there is something to fix)")
    check.add_argument("--show-fixes", action="store_true",
                       help="with --fix, list every fix applied (on stderr)")
    add_check_gx_option(check)
    add_stdin_option(check)

    baseline = commands.add_parser("baseline", help="record today's findings as known")
    _add_run_options(baseline)
    baseline.add_argument("--baseline", metavar="FILE",
                          help="where to write (default: annolint-baseline.json beside the "
                          "config, else in the working directory)")

    rules = commands.add_parser("rules", help="list every rule")
    explain = commands.add_parser("explain", help="explain one rule")
    explain.add_argument("code", metavar="CODE", help="rule code or name, e.g. BRK001")
    for command in (rules, explain):  # the config's declarative rules are listed too
        command.add_argument("--config", metavar="FILE", help="use this config instead of "
                             "discovery")
    add_gx_commands(commands)
    add_reader_commands(commands)
    add_decide_command(commands)
    add_settings_commands(commands, check)  # check --show-settings, init
    return parser


def _split(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


def _wants_color(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def _write_report(fmt: str, result, path: str | None, statistics: bool) -> None:
    from linter.atomic import atomic_writer, describe
    from linter.reports import render

    if fmt == "html" and importlib.util.find_spec("jinja2") is None:
        raise ConfigError("the html report needs the 'html' extra: pip install "
                          "'annolint[html]'", "<command line>")

    if path is None:
        if fmt == "console" and statistics:
            from rich.text import Text

            from linter.reports.console import make_console, summary_line, summary_table

            console = make_console(sys.stdout, _wants_color(sys.stdout))
            for note in result.notes:
                console.print(Text(note))
            if result.findings:
                console.print(summary_table(result))
            console.print(summary_line(result))
            return
        render(fmt, result, sys.stdout, color=_wants_color(sys.stdout))
        return
    if os.path.isdir(path):
        raise ConfigError(f"cannot write the {fmt} report: {path} is a folder", "<command line>")
    try:
        note = describe(path)
        with atomic_writer(path) as handle:
            render(fmt, result, handle, color=False)
        if note:
            print(f"annolint: {note}", file=sys.stderr)
    except OSError as error:
        raise ConfigError(f"cannot write the {fmt} report to {path}: "
                          f"{error.strerror or error}", "<command line>") from None


def _add_run_options(command: argparse.ArgumentParser) -> None:
    """Options shared by every command that lints (check, baseline)."""
    command.add_argument("paths", nargs="*", default=None, metavar="PATH")
    command.add_argument("--config", metavar="FILE", help="use this config instead of discovery")
    command.add_argument("--select", metavar="RULES", help="comma-separated codes, prefixes, "
                         "names or families to enable (replaces the config's select)")
    command.add_argument("--ignore", metavar="RULES", help="comma-separated selectors to disable")
    command.add_argument("--corpus-root", metavar="DIR", help="judge PATHS against the whole "
                         "corpus under DIR (corpus rules see every file; findings are reported "
                         "for PATHS only). For pre-commit hooks.")
    command.add_argument("--no-cache", action="store_true",
                         help="do not read or write the incremental corpus index")
    command.add_argument("--cache-dir", metavar="DIR", help="keep the corpus index in DIR "
                         "(default: $ANNOLINT_CACHE_DIR, else .annolint_cache/ beside the config)")
    command.add_argument("--no-respect-gitignore", action="store_true",
                         help="also lint the files that .gitignore files ignore")
    command.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                         help="worker processes (default: all cores)")
    command.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    __import__("linter.cli_verbose").cli_verbose.add_verbose(command)
    __import__("linter.cli_profile").cli_profile.add_profile(command)
    command.add_argument("--executor", choices=["local", "dask"], default=None,
                         help="where the per-file phase runs: 'local' processes (default) or "
                         "a Dask cluster ('dask': the 'dask' extra; a local cluster unless "
                         "--scheduler is given)")
    command.add_argument("--scheduler", metavar="ADDRESS", help="the Dask scheduler to run "
                         "on, e.g. tcp://10.0.0.5:8786 (implies --executor dask); the workers "
                         "must see the files at the same paths")


def lint_paths(args: argparse.Namespace) -> LintRun:
    """Lint as ``check`` and ``baseline`` do, from their parsed options."""
    return lint_run(args.paths, config_path=args.config, select=_split(args.select),
                    ignore=_split(args.ignore), jobs=args.jobs, corpus_root=args.corpus_root,
                    use_cache=not args.no_cache, progress=not args.no_progress,
                    executor=args.executor, scheduler=args.scheduler,
                    respect_gitignore=False if args.no_respect_gitignore else None,
                    cache_dir=args.cache_dir, stdin=getattr(args, "stdin", None),
                    timed=getattr(args, "profile_run", False))


def _baseline_path(config, args) -> Path:
    from linter.baseline import BASELINE_NAME

    if getattr(args, "baseline", None):
        return Path(args.baseline)
    return (config.path.parent if config.path else Path.cwd()) / BASELINE_NAME


def _default_format(output: str | None, statistics: bool = False) -> str:
    """github on GitHub Actions; console on a terminal, into a file or for --statistics;
    concise (one line per finding, for grep and editors) when standard output is piped."""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    if statistics:
        return "console"
    if output is None and not (hasattr(sys.stdout, "isatty") and sys.stdout.isatty()):
        return "concise"
    return "console"


def command_check(args: argparse.Namespace) -> int:
    from linter.reports import FORMATS

    if args.show_settings:
        return command_show_settings(args)
    fmt = args.output_format or _default_format(args.output, args.statistics)
    extra: list[tuple[str, str]] = []
    for item in args.report:
        name, _, path = item.partition("=")
        if not path or name not in FORMATS:
            raise ConfigError(f"--report expects FORMAT=FILE with FORMAT in {', '.join(FORMATS)}"
                              f" (got {item!r})", "<command line>")
        extra.append((name, path))
    if fmt not in FORMATS:
        raise ConfigError(f"--output-format: unknown format {fmt!r}; choose one of "
                          f"{', '.join(FORMATS)}", "<command line>")
    if wants_stdin(args) and (args.fix or args.diff):
        return fix_stdin(args, lambda: lint_paths(args), command_check)
    if args.fix or args.diff:
        from linter.fixes import run_fixes, summary_notes

        args.no_cache = True  # cached findings of an older annolint may lack their fixes
        run, outcome = run_fixes(lambda: lint_paths(args), unsafe=args.unsafe_fixes,
                                 diff=args.diff, show=args.show_fixes)
        if args.diff:
            sys.stdout.write("".join(outcome.diffs))
            for note in summary_notes(outcome, diff=True):
                print(f"annolint: {note}", file=sys.stderr)
            return EXIT_FINDINGS if outcome.applied else EXIT_OK
        run.result.notes.extend(summary_notes(outcome, diff=False))
    else:
        run = lint_paths(args)
    config, result, missing, sources = run.config, run.result, run.missing, run.sources
    if getattr(args, "verbose", False):
        __import__("linter.cli_verbose").cli_verbose.report_verbose(config, sources)
    settings = config.settings
    _apply_baseline(config, args, result)
    from linter.gates import threshold_failures

    gate_failures = threshold_failures(result, settings.max_findings, settings.max_rate)
    if args.gx:
        if not run_check_gx(result, args.gx).success:
            gate_failures.append(f"great-expectations suite {args.gx} not met")
    for failure in gate_failures:
        result.notes.append(f"gate failed: {failure}")
    began = time.perf_counter()
    from linter.progress import writing_status

    with writing_status(not args.no_progress, len(result.files), bool(args.output or extra)):
        _write_report(fmt, result, args.output, args.statistics)
        for name, path in extra:
            _write_report(name, result, path, False)
    if args.profile_run:
        __import__("linter.cli_profile").cli_profile.print_profile(
            result, time.perf_counter() - began)
    if args.by_annotator:
        from linter.reports.annotators import write_annotator_pages

        try:
            pages = write_annotator_pages(result, Path(args.by_annotator),
                                          use_git=args.annotators == "git")
        except OSError as error:
            raise ConfigError(f"cannot write the annotator pages: {error.strerror or error}",
                              args.by_annotator) from None
        print(f"annolint: wrote {len(pages)} annotator pages to {args.by_annotator}",
              file=sys.stderr)
    if missing and not sources:
        return EXIT_USAGE
    coverage = coverage_errors(result, sources, args.paths or ["."], bool(args.corpus_root))
    for error in coverage:  # no silent green: say what was not checked
        print(f"annolint: {error}", file=sys.stderr)
    if coverage:
        return EXIT_USAGE
    code = result.exit_code(args.fail_on or settings.fail_on)
    if code == EXIT_OK and gate_failures:
        code = EXIT_FINDINGS
    if code == EXIT_FINDINGS and args.exit_zero:
        return EXIT_OK
    return code


def _apply_baseline(config, args, result) -> None:
    """Drop known findings when a baseline exists; note what remains and what is gone."""
    from linter.baseline import BaselineError, apply_baseline, load_baseline

    if args.no_baseline:
        return
    path = _baseline_path(config, args)
    if not path.is_file():
        if args.baseline:
            raise ConfigError("baseline file not found", str(path))
        return
    try:
        entries = load_baseline(path)
    except BaselineError as error:
        raise ConfigError(str(error)) from None
    checked = {stats.path for stats in result.files}
    outcome = apply_baseline(result.findings, entries, checked)
    result.findings = outcome.new
    result.baseline = {"path": str(path), "known": outcome.known, "gone": outcome.gone}
    if outcome.known:
        result.notes.append(f"{outcome.known} known findings are in the baseline {path.name} "
                            "and were not reported")
    if outcome.gone:
        result.notes.append(f"{len(outcome.gone)} baseline entries no longer occur; run "
                            "'annolint baseline' to prune them")


def command_baseline(args: argparse.Namespace) -> int:
    from linter.baseline import write_baseline

    run = lint_paths(args)
    config, result = run.config, run.result
    if run.missing and not run.sources:
        return EXIT_USAGE
    path = _baseline_path(config, args)
    try:
        count = write_baseline(path, result.findings)
    except OSError as error:
        raise ConfigError(f"cannot write the baseline: {error.strerror or error}; expected a "
                          "writable file path", str(path)) from None
    print(f"annolint: wrote {count} findings to {path}")
    return EXIT_INTERNAL if result.internal_errors else EXIT_OK


def command_rules(args: argparse.Namespace) -> int:
    from rich.table import Table
    from rich.text import Text

    from linter.config import load_config
    from linter.registry import all_rules
    from linter.reports.console import make_console

    custom = load_config(args.config).custom_rules
    console = make_console(sys.stdout, _wants_color(sys.stdout))
    table = Table(show_edge=False)
    from linter.explain import fix_label

    for column in ("code", "name", "severity", "scope", "fix", "source", "summary"):
        # codes, names and sources are looked up and copied: never cut them
        table.add_column(column, no_wrap=column in ("code", "name", "source"),
                         overflow="fold" if column == "source" else "ellipsis")
    for rule in (*all_rules(), *custom):
        meta = rule.meta
        table.add_row(meta.code, meta.name, meta.severity, meta.scope, fix_label(meta),
                      Text(meta.source or "annolint"), Text(meta.summary))
    console.print(table)
    return EXIT_OK


def command_explain(args: argparse.Namespace) -> int:
    from linter.config import load_config
    from linter.explain import explain_text
    from linter.registry import find_rule

    rule = find_rule(args.code, load_config(args.config).custom_rules)
    if rule is None:
        print(f"annolint: unknown rule {args.code!r} (see 'annolint rules')", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(explain_text(rule.meta))
    return EXIT_OK


COMMANDS = {"check": command_check, "baseline": command_baseline, "rules": command_rules,
            "explain": command_explain, "formats": command_formats, "convert": command_convert,
            "decide": command_decide, **SETTINGS_COMMANDS,
            **GX_COMMANDS}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    # Everything imported so far lives as long as the run: the cyclic collector need not
    # walk it again at every full collection (a tenth of a warm pre-commit run's CPU).
    frozen_by_us = gc.get_freeze_count() == 0  # a host that froze its own keeps them frozen
    if frozen_by_us:
        gc.freeze()
    restore = exit_cleanly_on_sigterm()
    try:
        return COMMANDS[args.command](args)
    except (ConfigError, PluginError) as error:
        print(f"annolint: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("annolint: interrupted", file=sys.stderr)
        return 130
    except Terminated:
        print("annolint: terminated", file=sys.stderr)
        return 143
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # the last line of defence: a clear message, exit 3
        print(f"annolint: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        if os.environ.get("ANNOLINT_DEBUG"):
            traceback.print_exc()
        else:
            print("annolint: set ANNOLINT_DEBUG=1 to see the traceback, and please report it",
                  file=sys.stderr)
        return EXIT_INTERNAL
    finally:
        restore()
        if frozen_by_us:
            gc.unfreeze()  # callers in the same process (tests, editors) collect as before


if __name__ == "__main__":
    raise SystemExit(main())
