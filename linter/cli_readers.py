"""The command-line side of the readers: ``annolint formats``, ``annolint convert``, and the
"no silent green" checks of ``check`` (a path with nothing to lint, a file of unknown
format, a corpus without a single entity are usage errors, exit 2, not "0 findings")."""

from __future__ import annotations

import argparse
import sys


def add_reader_commands(commands) -> None:
    commands.add_parser("formats", help="list the annotation formats annolint reads")
    convert = commands.add_parser("convert", help="rewrite annotated files in another format")
    convert.add_argument("paths", nargs="+", metavar="PATH")
    convert.add_argument("--to", required=True, metavar="FORMAT",
                         choices=["conll", "jsonl", "doccano", "labelstudio", "brat", "inline"],
                         help="conll, jsonl (spaCy spans), doccano, labelstudio, brat, inline")
    convert.add_argument("--from", dest="source_format", metavar="FORMAT", default=None,
                         help="read the inputs as FORMAT (default: detected)")
    convert.add_argument("--scheme", default="IOB2",
                         choices=["IOB1", "IOB2", "BIOES", "BILOU", "IO"],
                         help="tag scheme of CoNLL output (default: IOB2)")
    convert.add_argument("--output-dir", "-d", metavar="DIR",
                         help="where to write (default: beside each input)")


def command_formats(args: argparse.Namespace) -> int:
    from linter.readers import FORMATS

    width = max(len(name) for name in FORMATS)
    for name, (recognised, description) in FORMATS.items():
        print(f"{name:<{width}}  {description}\n{'':<{width}}  recognised by: {recognised}")
    print("\nChoose a format for some files with 'format: {\"GLOB\": NAME}' in the config; "
          "'annolint convert --to NAME' rewrites files.")
    return 0


def command_convert(args: argparse.Namespace) -> int:
    from linter.convert import convert_file

    status = 0
    for path in args.paths:
        try:
            written, notes = convert_file(path, args.to, args.output_dir, args.scheme,
                                          args.source_format)
        except (OSError, ValueError) as error:
            print(f"annolint: {getattr(error, 'filename', None) or ''}{error}", file=sys.stderr)
            status = 2
            continue
        for note in notes:
            print(f"annolint: note: {note}", file=sys.stderr)
        for target in written:
            print(f"annolint: wrote {target}")
    return status


def coverage_errors(result, sources, paths: list[str], focused: bool = False) -> list[str]:
    """Why a run checked less than the user asked for; empty when it checked something.
    A corpus without a single entity is an error only when the run found nothing else (its
    findings, such as an unreadable file, already make it fail); a focused run
    (``--corpus-root``) may check a file without entities: the corpus has some."""
    shown = ", ".join(paths)
    if not sources:
        return [f"{shown}: no file to lint (include patterns: inline .txt, .conll, .conllu, "
                ".jsonl, …; see 'annolint formats' and 'include:' in the config)"]
    errors = [f"{f.path}: {f.message}" for f in result.findings if f.rule == "FIL004"]
    readable = [stats for stats in result.files if stats.readable]
    if (readable and not errors and not focused and not result.findings
            and not sum(s.entities for s in readable)):
        formats = sorted({getattr(stats, "format", "inline") for stats in readable})
        errors.append(f"{shown}: nothing is annotated: {len(readable)} file(s) read as "
                      f"{', '.join(formats)} hold no entity; is the format right? (see "
                      "'annolint formats'; set 'format:' in the config)")
    return errors
