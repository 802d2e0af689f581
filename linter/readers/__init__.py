"""Readers turn bytes into Documents; syntax problems become data, never exceptions.

``read_document`` is the single entry point the engine uses: it decodes the bytes
(reporting encoding trouble as a :class:`FileProblem`), chooses the format (see
:mod:`linter.readers.detect`) and hands the text to the reader for it. ``FORMATS`` is what
``annolint formats`` lists.
"""

from __future__ import annotations

import os
import traceback

from linter.model import Document
from linter.readers.decode import FileProblem, decode_bytes
from linter.readers.inline import parse_inline
from linter.readers.options import DEFAULT_OPTIONS, ReaderOptions

# name -> (how it is recognised, a one-line description)
FORMATS: dict[str, tuple[str, str]] = {
    "inline": (".txt", "inline bracket markup: [PER John Smith  ] (Illinois NER tagger)"),
    "conll": (".conll .bio .iob, or sniffed",
              "CoNLL columns: token … tag per line, IOB1/IOB2/BIOES/BILOU/IO, -DOCSTART-"),
    "conllu": (".conllu, or sniffed", "CoNLL-U: entities in MISC (NER=B-PER, Entity=(person-1…)"),
    "jsonl": (".jsonl, or sniffed", "JSONL spans: spaCy/Prodigy {text, spans} or doccano "
                                    "{text, label: [[s, e, l]]}"),
    "labelstudio": (".json with tasks", "Label Studio JSON export (annotators kept apart)"),
    "brat": (".txt with a sibling .ann", "brat standoff: T lines, discontinuous spans"),
}
FORMAT_NAMES = tuple(FORMATS)


def _reader(fmt: str):
    if fmt == "inline":
        return parse_inline
    if fmt == "conll":
        from linter.readers.conll import parse_conll
        return parse_conll
    if fmt == "conllu":
        from linter.readers.conllu import parse_conllu
        return parse_conllu
    if fmt in ("jsonl", "labelstudio"):
        from linter.readers.jsonl import parse_jsonl
        from linter.readers.labelstudio import parse_labelstudio
        return parse_jsonl if fmt == "jsonl" else parse_labelstudio
    return None


def choose_format(path: str, text: str, configured: str | None = None) -> str | None:
    """The format of the file at ``path`` with ``text``, or None when unrecognised."""
    from linter.readers.detect import by_extension, resolve_json, sniff

    fmt = configured or by_extension(path)
    if fmt == "json":
        fmt = resolve_json(text)
    if fmt is None:
        fmt = sniff(text)
    if fmt == "jsonl-array":
        fmt = "labelstudio"
    return fmt


def read_document(
    path: str, data: bytes, *, fmt: str | None = "inline",
    labels: frozenset[str] = frozenset(), options: ReaderOptions = DEFAULT_OPTIONS,
    real_path: str | None = None,
) -> tuple[Document | None, FileProblem | None]:
    """Decode and parse one file. Returns (document, None) or (None, problem).

    ``fmt=None`` chooses the format from ``real_path`` (the file on disk) and the content.
    """
    text, problem = decode_bytes(data)
    if text is None:
        return None, problem
    if fmt is None or fmt == "auto":
        fmt = choose_format(real_path or path, text)
        if fmt is None:
            return None, FileProblem(
                "FIL004", "format not recognised: expected inline markup ([PER x  ]), CoNLL "
                "columns, CoNLL-U, JSONL spans, a Label Studio export or brat (.txt + .ann); "
                "set 'format:' in the config for this file (see 'annolint formats')")
    try:
        if fmt == "brat":
            return _read_brat(path, real_path or path, text, labels, options)
        reader = _reader(fmt)
        if reader is None:
            return None, FileProblem("FIL004", f"unknown format {fmt!r}")
        if reader is parse_inline:
            return reader(path, text, labels=labels), None
        return reader(path, text, labels=labels, options=options), None
    except Exception as error:  # a reader bug must cost one file, not the run
        where = traceback.extract_tb(error.__traceback__)[-1]
        return None, FileProblem(
            "FIL004", f"the {fmt} reader failed on this file ({type(error).__name__} at "
            f"{os.path.basename(where.filename)}:{where.lineno}); please report it")


def _read_brat(path: str, real: str, text: str, labels, options):
    from linter.readers.brat import parse_brat

    root, ext = os.path.splitext(real)
    txt_path, ann_path = (root + ".txt", real) if ext == ".ann" else (real, root + ".ann")
    try:
        with open(txt_path, "rb") as handle:
            txt, problem = decode_bytes(handle.read())
        with open(ann_path, "rb") as handle:
            ann, ann_problem = decode_bytes(handle.read())
    except OSError as error:
        return None, FileProblem("FIL001", f"cannot read the brat pair: {error.strerror}")
    if txt is None or ann is None:
        return None, problem or ann_problem
    shown_root = os.path.splitext(path)[0]
    return parse_brat(shown_root + ".txt", txt, ann=ann, ann_path=shown_root + ".ann",
                      labels=labels, options=options), None
