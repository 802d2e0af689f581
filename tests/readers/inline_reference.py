"""PRE-CHANGE REFERENCE: a verbatim copy of ``linter/readers/inline.py`` as it was before the
recovering parser was rewritten for speed (issue 14, main at a3318e0). Test oracle only.

Do not edit or "fix" the code below this docstring: the new parser must give exactly the same
spans and problems as this one on any text (tests/readers/test_inline_reference.py checks it),
and ``benchmarks/pathological.py --reference`` times it against the new one. Its recovering
parser is quadratic in the depth of nested openers on one line.

--- original module docstring follows ---

Reader for inline bracket annotations as the Illinois NER tagger writes them.

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

The reader never raises; problems are recorded on the document for the BRK rules.
"""

from __future__ import annotations

import re

from linter.model import Document, MarkupProblem, Span

_EVENTS = re.compile(r"[\[\]\n]")
_OPENER = re.compile(r"\[([A-Z][A-Za-z0-9_-]*) ")
_SIMPLE_OR_BRACKET = re.compile(r"\[([A-Z][A-Za-z0-9_-]*) ([^\[\]\n]*)\]|[\[\]]")


def parse_inline(path: str, text: str, *, labels: frozenset[str] = frozenset()) -> Document:
    """Parse ``text`` into a Document with spans and markup problems.

    Well-formed files (nearly all of them) take a fast path: one regex over the whole text.
    Any bracket the fast path cannot explain sends the file through the full state machine,
    which gives the same result on well-formed input (a property test checks this).
    """
    simple = _parse_simple(text, labels)
    if simple is not None:
        spans, problems = simple
        return Document(path=path, text=text, format="inline", spans=spans, problems=problems)
    return _parse_with_recovery(path, text, labels)


def _parse_simple(text: str, labels: frozenset[str]
                  ) -> tuple[list[Span], list[MarkupProblem]] | None:
    """Entities and empty-entity problems of a file without bracket damage, else None.

    One regex yields, in order, every bracket-free ``[LABEL body]`` and every other bracket;
    the file qualifies when each other bracket is a literal one by the Illinois convention
    (``[`` not followed by a label and a space, ``]`` without two spaces before it).
    """
    spans: list[Span] = []
    problems: list[MarkupProblem] = []
    if "[" not in text and "]" not in text:
        return spans, problems
    cursor = 0
    line = 0
    count = text.count
    for match in _SIMPLE_OR_BRACKET.finditer(text):
        start = match.start()
        label = match.group(1)
        if label is None:  # a lone bracket
            if text[start] == "[":
                if _OPENER.match(text, start):
                    return None
            elif start >= 2 and text.startswith("  ", start - 2):
                return None
            continue
        line += count("\n", cursor, start)
        cursor = match.end()
        body = match.group(2)
        stripped = body.strip()
        if label not in labels and len(body) - len(body.rstrip(" ")) < 2:
            continue  # editorial brackets such as "[NAME REMOVED]": plain text
        if not stripped:
            problems.append(MarkupProblem("empty", start, cursor, label=label))
            continue
        text_start = match.start(2) + len(body) - len(body.lstrip(" "))
        spans.append(Span(start, cursor, text_start, text_start + len(stripped), label,
                          stripped, line))
    return spans, problems


def _looks_like_label(label: str, labels: frozenset[str]) -> bool:
    """Whether an unclosed opener is a damaged entity rather than text: a known label, or
    an all-caps word of two or more letters as taggers write labels (``[PERS foo``)."""
    return label in labels or (len(label) >= 2 and label.isupper())


def _parse_with_recovery(path: str, text: str, labels: frozenset[str]) -> Document:
    """The full state machine: recovers from unclosed, stray and nested brackets."""
    spans: list[Span] = []
    problems: list[MarkupProblem] = []
    opener = _OPENER.match
    open_at = -1  # offset of the open entity's "[", or -1
    open_label = ""
    open_text_start = 0
    nested: list[tuple[int, int, str]] = []  # nested openers waiting for their own closer
    pending: list[MarkupProblem] = []  # nested-opener problems, kept if the outer closes
    inner: list[Span] = []  # well-formed entities inside the open one, kept if it never closes
    literal = 0  # literal "[ " brackets inside the open entity
    line = 0

    def close_unclosed() -> None:
        """The open entity never closed: that is the defect; what nested in it is fine."""
        problems.append(MarkupProblem("unclosed", open_at, open_text_start - 1, label=open_label))
        spans.extend(inner)

    for event in _EVENTS.finditer(text):
        pos = event.start()
        char = text[pos]
        if char == "\n":
            if open_at >= 0 and _looks_like_label(open_label, labels):
                close_unclosed()
            open_at, literal = -1, 0
            nested, pending, inner = [], [], []
            line += 1
            continue
        if char == "[":
            match = opener(text, pos)
            if match is None:
                if open_at >= 0:
                    literal += 1
                continue
            if open_at >= 0:
                if match.group(1) in labels:
                    pending.append(
                        MarkupProblem(
                            "nested-opener", pos, match.end() - 1, label=match.group(1),
                            detail=open_label,
                        )
                    )
                nested.append((pos, match.end(), match.group(1)))
                continue
            open_at, open_label, open_text_start = pos, match.group(1), match.end()
            continue
        # char == "]"
        two_spaces = text.startswith("  ", pos - 2) if pos >= 2 else False
        if open_at < 0:
            if two_spaces:
                problems.append(MarkupProblem("stray-closer", pos, pos + 1))
            continue
        if literal and not two_spaces:
            literal -= 1
            continue
        if nested:
            inner_at, inner_text_start, inner_label = nested.pop()
            inner_text = text[inner_text_start:pos]
            if inner_text.strip() and not nested:
                lead = len(inner_text) - len(inner_text.lstrip(" "))
                inner.append(Span(inner_at, pos + 1, inner_text_start + lead,
                                  inner_text_start + lead + len(inner_text.strip()),
                                  inner_label, inner_text.strip(), line))
            continue
        body = text[open_text_start:pos]
        stripped = body.strip()
        trailing = len(body) - len(body.rstrip(" "))
        if open_label not in labels and trailing < 2:
            open_at = -1  # editorial brackets such as "[NAME REMOVED]": plain text
            nested, pending, inner = [], [], []
            continue
        problems.extend(pending)
        if not stripped:
            problems.append(MarkupProblem("empty", open_at, pos + 1, label=open_label))
        else:
            leading = len(body) - len(body.lstrip(" "))
            text_start = open_text_start + leading
            spans.append(
                Span(open_at, pos + 1, text_start, text_start + len(stripped), open_label,
                     stripped, line)
            )
        open_at, literal = -1, 0
        nested, pending, inner = [], [], []

    if open_at >= 0 and _looks_like_label(open_label, labels):
        close_unclosed()
    spans.sort(key=lambda span: span.start)
    return Document(path=path, text=text, format="inline", spans=spans, problems=problems)


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
