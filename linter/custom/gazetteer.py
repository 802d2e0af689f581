"""Gazetteer files for ``label-of`` rules: string -> label, as TSV, CSV or JSON Lines.

* ``.tsv``: ``string<TAB>label`` per line;
* ``.csv``: ``string,label`` per row (quoted as CSV needs);
* ``.jsonl``: ``{"string": "...", "label": "..."}`` per line.

Blank lines and lines starting with ``#`` (TSV) are skipped, and so is a first row that is the
header ``string``/``label``. A mistake raises :class:`GazetteerError` with the file's line.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path


class GazetteerError(Exception):
    def __init__(self, message: str, path: str, line: int | None = None) -> None:
        self.message, self.path, self.line = message, path, line
        super().__init__(message)


def _rows(path: Path, text: str):
    suffix = path.suffix.lower()
    if suffix == ".tsv":
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip() and not line.startswith("#"):
                yield number, line.rstrip("\r\n").split("\t")
    elif suffix == ".csv":
        reader = csv.reader(io.StringIO(text))
        for row in reader:
            if any(cell.strip() for cell in row):
                yield reader.line_num, row
    elif suffix == ".jsonl":
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise GazetteerError(f"not JSON: {error.msg}", str(path), number) from None
            if not isinstance(record, dict) or not isinstance(record.get("string"), str) \
                    or not isinstance(record.get("label"), str):
                raise GazetteerError('each line needs {"string": ..., "label": ...}',
                                     str(path), number)
            yield number, [record["string"], record["label"]]
    else:
        raise GazetteerError(f"unknown gazetteer format {suffix!r}: use .tsv, .csv or .jsonl",
                             str(path))


def read_gazetteer(path: Path, labels: set[str]) -> dict[str, str]:
    """The entries of a gazetteer file; every label must be one of ``labels``."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise GazetteerError(f"cannot read gazetteer: {error}", str(path)) from None
    entries: dict[str, str] = {}
    first = True
    for number, row in _rows(path, text):
        if first and [cell.strip().lower() for cell in row[:2]] == ["string", "label"]:
            first = False
            continue
        first = False
        if len(row) != 2 or not row[0].strip() or not row[1].strip():
            raise GazetteerError("expected two columns: string and label", str(path), number)
        string, label = row[0].strip(), row[1].strip()
        if label not in labels:
            raise GazetteerError(f"label {label!r} is not in the label set "
                                 f"({', '.join(sorted(labels))})", str(path), number)
        if entries.get(string, label) != label:
            raise GazetteerError(f"{string!r} is listed as {entries[string]} and as {label}",
                                 str(path), number)
        entries[string] = label
    return entries
