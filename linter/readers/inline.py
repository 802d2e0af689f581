"""Reader for inline bracket annotations as the Illinois NER tagger writes them.

Syntax (v2.x): ``[LABEL tok tok  ]``: the label is glued to ``[``, one space, the tokens,
two spaces, ``]``. Literal brackets are not escaped; the tokenizer puts spaces around
them, so a literal ``[`` is followed by a space and a literal ``]`` has one space before
it (``[ refs ]`` is text). We follow that convention and recover from damage:

* an opener with no closer before the end of its line is *unclosed* (entities never
  cross a sentence, and the corpus has one sentence per line);
* an opener inside an open entity is *nested* (the tagger's output is flat);
* a two-space closer with nothing open is a *stray closer*;
* ``[Name removed]`` style editorial brackets stay text: a bracket pair whose "label" is
  not a known label and whose closer lacks the tagger's two spaces is not an entity.

The reader never raises; problems are recorded on the document for the BRK rules. It reads
in time linear in the text whatever the damage (benchmarks/pathological.py measures it).
"""

from __future__ import annotations

import re

from linter.model import Document, MarkupProblem, Span
from linter.readers.inline_recovery import OPENER as _OPENER
from linter.readers.inline_recovery import parse_lines
from linter.readers.problem_batch import Columns, build, columns, drop_from

# after a damaged line the recovering parser goes on while lines have problems, and until
# QUIET characters of lines without problems followed them, before the fast path resumes:
# on densely damaged text, cheaper than switching back and forth at every line
QUIET = 0
# Span(...) less its Python-level __new__ (a NamedTuple): a third of the fast path's time
_new_span = tuple.__new__
# every bracket-free "[LABEL body]", else a lone bracket (the groups are None); written with
# "\[" first so that the regex engine skips to the next bracket quickly
_SIMPLE_OR_BRACKET = re.compile(r"\[(?:([A-Z][A-Za-z0-9_-]*) ([^\[\]\n]*)\])?|\]")


def parse_inline(path: str, text: str, *, labels: frozenset[str] = frozenset()) -> Document:
    """Parse ``text`` into a Document with spans and markup problems.

    Well-formed lines (nearly all of them) take a fast path: one regex over the text. A line
    with a bracket the fast path cannot explain goes through the recovering parser
    (:mod:`linter.readers.inline_recovery`), which gives the same result on well-formed input
    (a property test checks this); the fast path then resumes once the damage is behind.
    """
    spans: list[Span] = []
    table = columns()
    _scan(text, labels, spans, table, recover=True)
    return Document(path=path, text=text, format="inline", spans=spans, problems=build(table))


def _parse_simple(text: str, labels: frozenset[str]
                  ) -> tuple[list[Span], list[MarkupProblem]] | None:
    """Entities and empty-entity problems of a file without bracket damage, else None."""
    spans: list[Span] = []
    table = columns()
    if _scan(text, labels, spans, table, recover=False):
        return spans, build(table)
    return None


def _parse_with_recovery(path: str, text: str, labels: frozenset[str]) -> Document:
    """Every line through the recovering parser (what the fast path must agree with)."""
    spans: list[Span] = []
    table = columns()
    parse_lines(text, 0, 0, labels, spans, table)
    return Document(path=path, text=text, format="inline", spans=spans, problems=build(table))


def _scan(text: str, labels: frozenset[str], spans: list[Span], table: Columns, *,
          recover: bool) -> bool:
    """The fast path: append the entities and empty-entity problems of ``text``.

    One regex yields, in order, every bracket-free ``[LABEL body]`` and every other bracket;
    a line is well formed when each other bracket is a literal one by the Illinois convention
    (``[`` not followed by a label and a space, ``]`` without two spaces before it). At the
    first bracket that is not, return False, or with ``recover`` drop what its line gave so
    far, hand that line and the next ones to the recovering parser until the damage is
    :data:`QUIET` characters behind, and go on from there.
    """
    if "[" not in text and "]" not in text:
        return True
    cursor = resume = line = 0
    count = text.count
    opener = _OPENER.match
    startswith = text.startswith
    finditer = _SIMPLE_OR_BRACKET.finditer
    add_span = spans.append
    while True:
        for match in finditer(text, resume):
            label, body = match.groups()
            if label is None:  # a lone bracket
                start = match.start()
                if text[start] == "[":
                    if opener(text, start) is None:
                        continue
                elif start < 2 or not startswith("  ", start - 2):
                    continue
                break  # damage
            start, end = match.span()
            line += count("\n", cursor, start)
            cursor = end
            if label not in labels and len(body) - len(body.rstrip(" ")) < 2:
                continue  # editorial brackets such as "[NAME REMOVED]": plain text
            stripped = body.strip()
            if not stripped:
                for column, value in zip(table, ("empty", start, end, "", label)):
                    column.append(value)
                continue
            text_start = start + len(label) + 2
            if body[0] == " ":
                text_start += len(body) - len(body.lstrip(" "))
            add_span(_new_span(Span, (start, end, text_start, text_start + len(stripped), label,
                                     stripped, line)))
        else:
            return True
        if not recover:
            return False
        line_start = text.rfind("\n", 0, start) + 1
        while spans and spans[-1].start >= line_start:
            spans.pop()
        drop_from(table, line_start)
        line += count("\n", cursor, line_start)
        cursor, line = parse_lines(text, line_start, line, labels, spans, table, QUIET)
        if cursor > len(text):
            return True
        resume = cursor


def serialise_inline(text: str, spans: list[tuple[int, int, str]]) -> str:
    """Write plain ``text`` with entities ``(start, end, label)`` in canonical v2.x markup.

    Used by tests (round trips) and benchmarks (corpus generation and noise injection).
    """
    out: list[str] = []
    cursor = 0
    for start, end, label in sorted(spans):
        out.append(text[cursor:start])
        out.append(f"[{label} {text[start:end]}  ]")
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def strip_markup(doc: Document) -> tuple[str, list[tuple[int, int, str]]]:
    """The document's text without entity markup, and the entities in that text's offsets.

    The inverse of :func:`serialise_inline` for canonical markup, which the round-trip
    property test relies on.
    """
    out: list[str] = []
    spans: list[tuple[int, int, str]] = []
    cursor = 0
    length = 0
    for span in doc.spans:
        before = doc.text[cursor:span.start]
        out.append(before)
        length += len(before)
        out.append(span.text)
        spans.append((length, length + len(span.text), span.label))
        length += len(span.text)
        cursor = span.end
    out.append(doc.text[cursor:])
    return "".join(out), spans
