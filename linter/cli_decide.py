"""``annolint decide``: append a reviewer's decision to the decisions file (see
:mod:`linter.decisions`) without hand-editing it."""

from __future__ import annotations

import sys

from linter.config import ConfigError
from linter.decisions import DECISIONS_NAME, decide_accept, decide_string, decisions_path


def command_decide(args) -> int:
    """``annolint decide TEXT LABEL [--files GLOB]`` or ``annolint decide --accept FP [PATH]``."""
    from linter.config import load_config
    from linter.lint import lint_paths

    config = load_config(args.config)
    path = decisions_path(config)
    if not args.accept:
        if len(args.items) != 2:
            raise ConfigError("decide expects TEXT LABEL (or --accept FINGERPRINT [PATH...])",
                              "<command line>")
        line = decide_string(path, args.items[0], args.items[1], args.files or [])
        print(f"annolint: added '{line}' to {path}")
        return 0
    run = lint_paths(args.items or None, config_path=args.config, use_cache=not args.no_cache)
    found = {finding.fingerprint: finding for finding in run.result.findings}
    missing = [fp for fp in args.accept if fp not in found]
    for fingerprint in args.accept:
        if fingerprint in found:
            decide_accept(path, found[fingerprint])
            print(f"annolint: accepted {fingerprint} ({found[fingerprint].rule}) in {path}")
    for fingerprint in missing:
        print(f"annolint: no finding has the fingerprint {fingerprint}", file=sys.stderr)
    return 2 if missing else 0


def add_decide_command(commands) -> None:
    decide = commands.add_parser("decide", help="record a reviewer's decision in "
                                 f"{DECISIONS_NAME}")
    decide.add_argument("items", nargs="*", metavar="ARG",
                        help="TEXT LABEL (LABEL 'none': never an entity), or with --accept "
                        "the paths to lint")
    decide.add_argument("--files", action="append", metavar="GLOB",
                        help="limit a string decision to files matching GLOB (repeatable)")
    decide.add_argument("--accept", action="append", metavar="FINGERPRINT",
                        help="accept the finding with this fingerprint as it is (repeatable)")
    decide.add_argument("--config", metavar="FILE", help="use this config")
    decide.add_argument("--no-cache", action="store_true", help="do not use the corpus index")
