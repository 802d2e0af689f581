"""Command-line glue for the great-expectations suite: ``gx-validate``, ``gx-suite`` and
``check --gx``.

Kept apart from ``linter.cli`` so the main CLI only registers these commands: this module
imports nothing heavy at module level (``linter.gx`` and great-expectations load inside the
handlers), which keeps ``annolint check`` without ``--gx`` free of them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def add_gx_commands(commands) -> None:
    """Register ``gx-validate`` and ``gx-suite`` on the CLI's subparsers object."""
    validate = commands.add_parser(
        "gx-validate", help="validate corpus statistics against a great-expectations suite",
        description="Lint PATHS, build corpus statistics (per document, per label) and "
                    "validate them against SUITE with great-expectations (needs the "
                    "'annolint[gx]' extra). Exit 0 when every expectation is met, 1 when one "
                    "fails, 2 on a bad suite or missing path.")
    validate.add_argument("suite", metavar="SUITE", help="suite file (.json, .yaml)")
    validate.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    validate.add_argument("--config", metavar="FILE", help="use this config instead of discovery")
    validate.add_argument("--output-format", choices=["text", "json"], default="text")
    validate.add_argument("--jobs", "-j", type=int, default=None, metavar="N")

    suite = commands.add_parser(
        "gx-suite", help="write a starting expectation suite from the current corpus",
        description="Lint DIR and write a suite whose bounds are the observed statistics "
                    "with margins; edit it by hand afterwards. Does not need great-expectations.")
    suite.add_argument("--from", dest="source", metavar="DIR", default=".",
                       help="corpus folder (default: .)")
    suite.add_argument("--output", "-o", metavar="SUITE", default="annolint-gx-suite.json",
                       help="suite file to write, .json or .yaml (default: %(default)s)")
    suite.add_argument("--force", action="store_true", help="overwrite an existing suite")
    suite.add_argument("--config", metavar="FILE", help="use this config instead of discovery")
    suite.add_argument("--jobs", "-j", type=int, default=None, metavar="N")


def add_check_gx_option(check: argparse.ArgumentParser) -> None:
    """Add ``--gx SUITE`` to the ``check`` parser."""
    check.add_argument("--gx", metavar="SUITE",
                       help="also validate corpus statistics against this great-expectations "
                            "suite; a failed expectation makes the exit code 1")


def _lint(paths: list[str], config_path: str | None, jobs: int | None):
    """Lint like ``check`` does (without the index); returns (result, missing, found)."""
    from linter.lint import lint_paths

    run = lint_paths(paths, config_path=config_path, jobs=jobs, use_cache=False)
    return run.result, run.missing, bool(run.sources)


def command_gx_validate(args: argparse.Namespace) -> int:
    from linter.gx import validate

    result, missing, found = _lint(args.paths, args.config, args.jobs)
    if missing and not found:
        return EXIT_USAGE
    outcome = validate(result, Path(args.suite))
    if args.output_format == "json":
        json.dump(outcome.to_dict(), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print("\n".join(outcome.lines()))
    if result.internal_errors:
        return 3  # statistics of a run in which a rule crashed are not to be trusted
    return EXIT_OK if outcome.success else EXIT_FAILED


def command_gx_suite(args: argparse.Namespace) -> int:
    from linter.gx.suite import write_suite

    target = Path(args.output)
    if target.exists() and not args.force:
        print(f"annolint: {target} exists; it may hold hand-made bounds. Use --force to "
              "overwrite it", file=sys.stderr)
        return EXIT_USAGE
    result, missing, found = _lint([args.source], args.config, args.jobs)
    if not found:
        print(f"annolint: no documents under {args.source}; no suite written", file=sys.stderr)
        return EXIT_USAGE
    if result.internal_errors:
        return 3
    data = write_suite(result, target)
    labels = ", ".join(data["labels"]["set"]) or "none"
    plural = "" if result.documents == 1 else "s"
    print(f"wrote {target}: {result.documents} document{plural}, labels {labels}")
    return EXIT_OK


def run_check_gx(result, suite: str):
    """For ``check --gx SUITE``: validate, add the outcome to the report's notes (the console
    report prints them) and return the :class:`linter.gx.GXOutcome` (``.success``,
    ``.to_dict()`` for machine-readable reports)."""
    from linter.gx import validate

    outcome = validate(result, Path(suite))
    result.notes.extend(outcome.lines())
    return outcome


GX_COMMANDS = {"gx-validate": command_gx_validate, "gx-suite": command_gx_suite}
