"""The ``annolint`` command line: check, rules, explain.

Exit codes: 0 clean (or below the ``--fail-on`` gate), 1 findings at or above the gate,
2 usage or configuration error, 3 internal error. Heavy modules (jinja2, great
expectations) are imported only by the commands and formats that need them.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path
from typing import TextIO

from linter import __version__
from linter.config import ConfigError, load_config

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
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    check.add_argument("--config", metavar="FILE", help="use this config instead of discovery")
    check.add_argument("--select", metavar="RULES", help="comma-separated codes, prefixes, "
                       "names or families to enable (replaces the config's select)")
    check.add_argument("--ignore", metavar="RULES", help="comma-separated selectors to disable")
    check.add_argument("--output-format", metavar="FORMAT", default=None,
                       help=f"one of: {', '.join(_formats())} (default: console)")
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    check.add_argument("--report", action="append", default=[], metavar="FORMAT=FILE",
                       help="an extra report written to FILE (repeatable), e.g. json=out.json")
    check.add_argument("--fail-on", choices=["error", "warning", "info", "never"],
                       help="lowest severity that makes the exit code 1 (default: error)")
    check.add_argument("--statistics", action="store_true",
                       help="print counts per rule instead of every finding")
    check.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                       help="worker processes (default: all cores)")
    check.add_argument("--no-progress", action="store_true", help="never show a progress bar")

    commands.add_parser("rules", help="list every rule")
    explain = commands.add_parser("explain", help="explain one rule")
    explain.add_argument("code", metavar="CODE", help="rule code or name, e.g. BRK001")
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
    from linter.atomic import atomic_writer
    from linter.reports import render

    if path is None:
        if fmt == "console" and statistics:
            from linter.reports.console import make_console, summary_line, summary_table

            console = make_console(sys.stdout, _wants_color(sys.stdout))
            console.print(summary_table(result))
            console.print(summary_line(result))
            return
        render(fmt, result, sys.stdout, color=_wants_color(sys.stdout))
        return
    with atomic_writer(path) as handle:
        render(fmt, result, handle, color=False)


def _progress_callback(total: int, enabled: bool):
    """A rich progress bar on stderr for runs long enough to need one; else None."""
    if not enabled or total < 200 or not sys.stderr.isatty():
        return None, None
    from rich.console import Console
    from rich.progress import Progress

    progress = Progress(console=Console(file=sys.stderr), transient=True)
    task = progress.add_task("linting", total=total)
    progress.start()
    return (lambda n: progress.advance(task, n)), progress


def command_check(args: argparse.Namespace) -> int:
    from linter.discovery import discover_files
    from linter.engine import run
    from linter.reports import FORMATS

    config = load_config(args.config)
    fmt = args.output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true"
                                 and "github" in FORMATS else "console")
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
    settings = config.settings
    sources, missing = discover_files(args.paths, settings.include, settings.exclude,
                                      Path.cwd(), config.root)
    for path in missing:
        print(f"annolint: {path}: no such file or directory", file=sys.stderr)
    advance, progress = _progress_callback(len(sources), not args.no_progress)
    try:
        result = run(config, sources, select=_split(args.select), ignore=_split(args.ignore),
                     jobs=args.jobs, progress=advance)
    finally:
        if progress is not None:
            progress.stop()
    result.missing = missing
    _write_report(fmt, result, args.output, args.statistics)
    for name, path in extra:
        _write_report(name, result, path, False)
    for error in result.internal_errors:
        print(f"annolint: internal error: {error}", file=sys.stderr)
    if missing and not sources:
        return EXIT_USAGE
    return result.exit_code(args.fail_on or settings.fail_on)


def command_rules(args: argparse.Namespace) -> int:
    from rich.table import Table
    from rich.text import Text

    from linter.registry import all_rules
    from linter.reports.console import make_console

    console = make_console(sys.stdout, _wants_color(sys.stdout))
    table = Table(show_edge=False)
    for column in ("code", "name", "severity", "scope", "summary"):
        table.add_column(column)
    for rule in all_rules():
        meta = rule.meta
        table.add_row(meta.code, meta.name, meta.severity, meta.scope, Text(meta.summary))
    console.print(table)
    return EXIT_OK


def command_explain(args: argparse.Namespace) -> int:
    from linter.explain import explain_text
    from linter.registry import find_rule

    rule = find_rule(args.code)
    if rule is None:
        print(f"annolint: unknown rule {args.code!r} (see 'annolint rules')", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(explain_text(rule.meta))
    return EXIT_OK


COMMANDS = {"check": command_check, "rules": command_rules, "explain": command_explain}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except ConfigError as error:
        print(f"annolint: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("annolint: interrupted", file=sys.stderr)
        return 130
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


if __name__ == "__main__":
    raise SystemExit(main())
