"""Reader and writer for CoNLL column files: one token per line, the tag in one column.

``token [columns…] tag`` per line (tab- or space-separated), a blank line between
sentences, ``-DOCSTART-`` lines between documents (one file may hold many), ``#`` comment
lines (a ``#`` line that reads as a token row, as the hashtag ``#	O`` in BTC, is a token).
The tag column is the last one unless configured; the tag scheme is detected per file
(see :mod:`linter.readers.tags`) or configured, and the decision is kept in
``doc.facts`` so findings can cite it.

The Document's text is the file; its spans cover the tokens in the file (start of the
first token to the end of the last), so findings point at file:line:column. Each
document of the file also gets a prose view (:mod:`linter.readers.views`) for the rules
about wording. Problems (a row with a wrong number of columns, an empty token, an
invalid tag, a broken tag sequence) are recorded as data for the TAG rules.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from linter.model import Document, MarkupProblem, Span
from linter.readers.options import DEFAULT_OPTIONS, ReaderOptions
from linter.readers.tags import decode, detect_scheme, encode, split_tag
from linter.readers.views import ViewBuilder, view_path

_CELL = re.compile(r"\S+")


class Row(NamedTuple):
    token: str
    tag: str
    start: int  # raw offset of the token
    tag_start: int  # raw offset of the tag cell
    line: int  # 1-based line of the row
    column: int  # 1-based column of the token


def _lines(text: str):
    """(offset, line without its end of line) for every line of ``text``."""
    offset = 0
    for line in text.split("\n"):
        yield offset, line[:-1] if line.endswith("\r") else line
        offset += len(line) + 1


def _cells(line: str, tab: bool) -> list[str]:
    return line.split("\t") if tab else line.split()


def _width(lines: list[str], tab: bool) -> int:
    """The usual number of columns (from the first 5,000 token rows)."""
    widths: Counter[int] = Counter()
    for line in lines:
        if line.strip() and not line.startswith(("#", "-DOCSTART-")):
            widths[len(_cells(line, tab))] += 1
            if len(widths) == 1 and sum(widths.values()) >= 5000:
                break
    return widths.most_common(1)[0][0] if widths else 2


def parse_conll(path: str, text: str, *, labels: frozenset[str] = frozenset(),
                options: ReaderOptions = DEFAULT_OPTIONS, fmt: str = "conll") -> Document:
    """Parse CoNLL columns into a Document (file offsets) with one view per document."""
    tab = "\t" in text
    lines = text.split("\n")
    width = _width(lines, tab)
    tag_index = (options.tag_column - 1) if options.tag_column else width - 1
    last = tag_index == width - 1
    problems: list[MarkupProblem] = []
    documents: list[list[list[Row]]] = [[]]
    sentence: list[Row] = []
    offset = 0
    for number, line in enumerate(lines, 1):
        line_offset = offset
        offset += len(line) + 1
        if line and line[-1] == "\r":
            line = line[:-1]
        if not line or line.isspace():
            if sentence:
                documents[-1].append(sentence)
                sentence = []
            continue
        first = line[0]
        if first == "-" and line.startswith("-DOCSTART-"):
            if sentence:
                documents[-1].append(sentence)
                sentence = []
            if documents[-1]:
                documents.append([])
            continue
        cells = line.split("\t") if tab else line.split()
        count = len(cells)
        if first == "#" and (count != width or count <= tag_index
                             or split_tag(cells[tag_index].strip()) is None):
            continue  # a comment
        if count != width:
            problems.append(MarkupProblem("tag:column-count", line_offset,
                                          line_offset + len(line), detail=f"{count} of {width}"))
        token = cells[0]
        lead = 0 if tab or first not in " \t" else len(line) - len(line.lstrip())
        if not token or token.isspace():
            problems.append(MarkupProblem("tag:empty-token", line_offset,
                                          line_offset + len(line)))
        else:
            token = token.strip() if tab else token
        if count > tag_index and count > 1:
            tag = cells[tag_index]
            if last and count == width:
                tag_at = (len(line) - len(tag)) if tab else len(line.rstrip()) - len(tag)
            else:
                tag_at = _cell_start(line, cells, tag_index, tab)
            tag = tag.strip()
        else:
            tag, tag_at = "O", len(line)
        sentence.append(Row(token, tag, line_offset + lead, line_offset + tag_at, number,
                            lead + 1))
    if sentence:
        documents[-1].append(sentence)
    if not documents[-1] and len(documents) > 1:
        documents.pop()
    return _build(path, text, fmt, documents, problems, options, width, tag_index, tab)


def _cell_start(line: str, cells: list[str], index: int, tab: bool) -> int:
    """Offset in ``line`` of cell ``index``."""
    if tab:
        return sum(len(cell) + 1 for cell in cells[:index])
    if index == len(cells) - 1:
        return len(line.rstrip()) - len(cells[-1])
    return [match.start() for match in _CELL.finditer(line)][index]


def _build(path, text, fmt, documents, problems, options, width, tag_index, tab) -> Document:
    if options.scheme == "auto":
        scheme, reason = detect_scheme([[row.tag for row in sentence]
                                        for doc in documents for sentence in doc])
    else:
        scheme, reason = options.scheme, "configured"
    doc = Document(path=path, text=text, format=fmt, problems=problems)
    doc.facts = {"scheme": scheme, "scheme_reason": reason, "columns": width,
                 "tag_column": tag_index + 1, "separator": "tab" if tab else "space",
                 "documents": len(documents)}
    spans: list[Span] = []
    count = len(documents)
    for number, sentences in enumerate(documents):
        view = ViewBuilder(None)
        for sentence in sentences:
            tags = [row.tag for row in sentence]
            if all(tag == "O" for tag in tags):
                found, tag_problems = (), ()
            else:
                found, tag_problems = decode(tags, scheme)
            for problem in tag_problems:
                row = sentence[problem.token]
                problems.append(MarkupProblem(
                    "tag:" + problem.kind, row.tag_start, row.tag_start + len(row.tag),
                    detail=problem.detail, label=row.tag))
            starts = view.add_sentence(sentence)
            for first, last, label in found:
                first_row, last_row = sentence[first], sentence[last - 1]
                view.span(starts[first], starts[last - 1] + len(last_row.token), label)
                end = last_row.start + len(last_row.token)
                spans.append(Span(first_row.start, end, first_row.start, end, label,
                                  " ".join(row.token for row in sentence[first:last]),
                                  first_row.line - 1))
        doc.views.append(view.finish(view_path(path, number, count), fmt))
    doc.spans = spans
    doc.problems.sort(key=lambda problem: problem.start)
    return doc


def write_conll(documents: list[tuple[str, list[tuple[int, int, str]]]],
                scheme: str = "IOB2") -> tuple[str, list[str]]:
    """CoNLL text (``token TAB tag``, a sentence per text line, ``-DOCSTART-`` between
    documents when there are several) and notes on what could not be kept."""
    out: list[str] = []
    notes: list[str] = []
    for text, spans in documents:
        if len(documents) > 1:
            out.append("-DOCSTART-\tO\n\n")
        out.extend(_sentence_rows(text, sorted(spans), scheme, notes))
    return "".join(out), notes


def _sentence_rows(text: str, spans: list[tuple[int, int, str]], scheme: str, notes: list[str]):
    cursor = 0
    position = 0
    for line in text.split("\n"):
        line_start, line_end = position, position + len(line)
        position = line_end + 1
        tokens = [(line_start + m.start(), line_start + m.end()) for m in _CELL.finditer(line)]
        token_spans = []
        while cursor < len(spans) and spans[cursor][0] < line_end:
            start, end, label = spans[cursor]
            cursor += 1
            covered = [i for i, (s, e) in enumerate(tokens) if s < end and e > start]
            if not covered:
                continue
            if tokens[covered[0]][0] != start or tokens[covered[-1]][1] != end:
                notes.append(f"span {text[start:end]!r} does not fall on token boundaries: "
                             "widened to whole tokens")
            if token_spans and token_spans[-1][1] > covered[0]:
                notes.append(f"span {text[start:end]!r} overlaps another: dropped")
                continue
            if scheme == "IO" and token_spans and token_spans[-1][1:] == (covered[0], label):
                notes.append(f"span {text[start:end]!r} touches another {label}: IO tags "
                             "cannot separate them, they read back as one")
            token_spans.append((covered[0], covered[-1] + 1, label))
        if not tokens:
            continue
        for (start, end), tag in zip(tokens, encode(len(tokens), token_spans, scheme)):
            yield f"{text[start:end]}\t{tag}\n"
        yield "\n"
