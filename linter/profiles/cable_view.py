"""A markup-free view of a document with the *same offsets* as the raw text.

Zoning must not be confused by annotations (``[LOC DECL:  ] 2019/11/19`` is still a DECL
field), yet every zone must point into the raw text. Blanking the markup (the ``[LABEL ``
opener and the ``  ]`` closer) with spaces gives both at once: the view has the length of
the raw text, so an offset found in the view is an offset in the raw text, and the cable
regexes already tolerate runs of spaces because the Illinois tokeniser inserts them
(``( C )``, ``1.4 ( B ) , ( D )``). The wrapping ``<code><pre>`` / ``</pre></code>`` of a
Cablegate page is blanked too. Cost: one join over O(entities) slices.
"""

from __future__ import annotations

from linter.model import Document

_WRAPPERS = ("<code><pre>", "</pre></code>", "<pre>", "</pre>", "<code>", "</code>")


def plain_view(doc: Document) -> str:
    """``doc.text`` with entity markup and the page wrapper replaced by spaces."""
    text = doc.text
    cuts: list[tuple[int, int]] = []
    for span in doc.spans:
        cuts.append((span.start, span.text_start))
        cuts.append((span.text_end, span.end))
    for problem in doc.problems:
        if problem.kind in ("unclosed", "nested-opener"):
            cuts.append((problem.start, problem.end + 1))
        elif problem.kind == "stray-closer":
            cuts.append((problem.start, problem.end))
    head = text[:16]
    for wrapper in _WRAPPERS:
        if head.lstrip().startswith(wrapper):
            at = text.find(wrapper)
            cuts.append((at, at + len(wrapper)))
            break
    tail_at = text.rfind("</pre>", max(0, len(text) - 64))
    if tail_at != -1:
        tail_end = text.find("</code>", tail_at)
        cuts.append((tail_at, tail_end + 7 if tail_end != -1 else tail_at + 6))
    if not cuts:
        return text
    cuts.sort()
    pieces: list[str] = []
    cursor = 0
    for start, end in cuts:
        start = max(start, cursor)
        if end <= start:
            continue
        pieces.append(text[cursor:start])
        pieces.append(" " * (end - start))
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)
