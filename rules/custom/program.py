"""One pass per document for every declarative rule of a config.

All declarative rules of a run compile into one :class:`Program`: exact strings of every rule
in one dict (one lookup per entity), regexes behind one combined prefilter per label (one
regex call per entity when none matches, the common case), per-label checks keyed by label,
and every string or phrase looked for in the raw text (unannotated mentions, spelling
variants, context words) in one prefix-factored regex per case mode, searched once.
``run(doc)`` returns what each rule found, keyed by code: findings for document rules,
summary records for corpus rules.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Any

from linter.model import Document, Span
from linter.rule import make_finding

# a regex whose meaning changes inside a combined alternation (numbered or named backrefs)
_BACKREF = re.compile(r"\\[1-9]|\(\?P=")


def say(template: str, values: dict[str, Any]) -> str:
    """Fill a message template (placeholders were checked when the rule loaded)."""
    return template.format_map(values)


class Hit:
    """One way a rule fires; subclasses judge an entity or a text match."""

    __slots__ = ("code", "name", "template", "expected", "labels", "regex", "extra")

    def __init__(self, code: str, name: str, template: str, expected: str | None = None,
                 labels: frozenset[str] = frozenset(), regex: re.Pattern | None = None,
                 extra: Any = None) -> None:
        self.code, self.name, self.template, self.expected = code, name, template, expected
        self.labels, self.regex, self.extra = labels, regex, extra

    def values(self, text: str, label: str, **more: Any) -> dict[str, Any]:
        return {"text": text, "label": label, "expected": self.expected or "",
                "code": self.code, "name": self.name, **more}

    def finding(self, doc: Document, out: dict, start: int, end: int, span: Span | None,
                values: dict[str, Any]) -> None:
        out.setdefault(self.code, []).append(make_finding(
            self.code, doc, start, end, say(self.template, values), span=span,
            evidence={"expected": self.expected} if self.expected else None))


class MustBeLabel(Hit):
    """label-of: an entity whose text is listed must carry the expected label."""

    def on_span(self, doc, span, out, match=None):
        if span.label != self.expected:
            self.finding(doc, out, span.start, span.end, span, self.values(span.text, span.label))


class NeverEntity(Hit):
    """never-annotate: a listed word as a whole entity (of any label, or of ``labels``)."""

    def on_span(self, doc, span, out, match=None):
        if not self.labels or span.label in self.labels:
            text = match.group(0) if match is not None else span.text
            self.finding(doc, out, span.start, span.end, span,
                         self.values(span.text, span.label, match=text))


class NeverInside(Hit):
    """never-annotate with ``inside``: the match is flagged where it sits in the entity."""

    def on_span(self, doc, span, out, match=None):
        for match in self.regex.finditer(span.text):
            start = span.text_start + match.start()
            self.finding(doc, out, start, span.text_start + match.end(), span,
                         self.values(span.text, span.label, match=match.group(0)))


class Shape(Hit):
    """pattern: an entity of ``expected`` must (``extra`` True) or must not match."""

    def on_span(self, doc, span, out, match=None):
        found = self.regex.search(span.text)
        if (found is None) == self.extra:  # must match and does not, or must not and does
            self.finding(doc, out, span.start, span.end, span, self.values(
                span.text, span.label, pattern=self.regex.pattern,
                match=found.group(0) if found else ""))


class Record(Hit):
    """consistency: remember the mention (group ``extra``) for the corpus phase."""

    def on_span(self, doc, span, out, match=None):
        line, column = doc.lines.position(span.start)
        end_column = column + (span.end - span.start)
        out.setdefault(self.code, []).append(
            (self.extra, span.label, line, column, end_column, span.text,
             f"{span.text}|{span.label}"))


class Unannotated(Hit):
    """label-of with ``unannotated``: a listed string in plain text, outside every entity."""

    def on_text(self, doc, start, end, out):
        text = doc.text[start:end]
        self.finding(doc, out, start, end, None, self.values(text, "no label"))


class Variant(Hit):
    """cooccurrence: remember variant ``extra = (group, index)`` at this offset."""

    def on_text(self, doc, start, end, out):
        line, column = doc.lines.position(start)
        text = doc.text[start:end]
        group, index = self.extra
        out.setdefault(self.code, []).append(
            (group, str(index), line, column, column + (end - start), text, text))


class Context(Hit):
    """context: ``extra = (window, where)``; the phrase was found in the text next to an
    entity with at most ``window - 1`` words between."""

    def on_phrase(self, doc, span, phrase, out):
        if span.label != self.expected:
            self.finding(doc, out, span.start, span.end, span, self.values(
                span.text, span.label, word=phrase, where=self.extra[1]))


def _tokens(text: str) -> list[str]:
    """Words of a stretch of raw text, entity markup (``[ORG``, ``]``) left out."""
    return [t for t in text.split()
            if t != "]" and not (t[0] == "[" and len(t) > 1 and t[1:].isupper())]


class Program:
    """Every declarative rule of a run, compiled once; picklable for worker processes."""

    def __init__(self) -> None:
        self.exact: dict[str, list[Hit]] = {}
        self.exact_folded: dict[str, list[Hit]] = {}
        self.full: list[Hit] = []  # the regex must match the whole entity text
        self.search: list[Hit] = []  # the regex is searched inside the entity text
        self.by_label: dict[str, list[Hit]] = {}
        self.text_strings: dict[bool, dict[str, list[Hit]]] = {False: {}, True: {}}
        # label -> (whole-text hits, their prefilter, searched hits, their prefilter); the
        # hits of a label are those without a label filter plus those naming it
        self.groups: dict[str, tuple] = {}
        self.other: tuple = ((), None, (), None)
        self.text_regex: dict[bool, re.Pattern] = {}

    # ------------------------------------------------------------------ building
    def add_string(self, text: str, hit: Hit, fold: bool) -> None:
        table = self.exact_folded if fold else self.exact
        table.setdefault(text.casefold() if fold else text, []).append(hit)

    def add_regex(self, pattern: str, hit: Hit, fold: bool, whole: bool) -> None:
        hit.regex = re.compile(pattern, re.IGNORECASE if fold else 0)
        (self.full if whole else self.search).append(hit)

    def add_label_check(self, label: str, hit: Hit) -> None:
        self.by_label.setdefault(label, []).append(hit)

    def add_context(self, phrase: str, hit: Context, fold: bool) -> None:
        """A phrase found in the text, judged against the entity after it (``where`` is
        "follows") or before it ("precedes")."""
        self.add_text_string(phrase, hit, fold)

    def add_text_string(self, text: str, hit: Hit, fold: bool) -> None:
        text = " ".join(text.split())  # any run of whitespace matches a space
        self.text_strings[fold].setdefault(text.casefold() if fold else text, []).append(hit)

    def seal(self) -> None:
        """Build the combined prefilters once every rule is added."""
        def group(label: str | None) -> tuple:
            full = tuple(h for h in self.full if not h.labels or label in h.labels)
            search = tuple(h for h in self.search if not h.labels or label in h.labels)
            return full, _combined(full), search, _combined(search)

        named = {label for hit in self.full + self.search for label in hit.labels}
        self.groups = {label: group(label) for label in named}
        self.other = group(None)
        for fold, table in self.text_strings.items():
            if table:
                self.text_regex[fold] = re.compile(_trie(sorted(table)),
                                                   re.IGNORECASE if fold else 0)

    # ------------------------------------------------------------------ running
    def run(self, doc: Document) -> dict[str, list]:
        out: dict[str, list] = {}
        exact, folded, by_label = self.exact, self.exact_folded, self.by_label
        groups, other = self.groups, self.other
        for span in doc.spans:
            text = span.text
            hits = exact.get(text)
            if hits:
                for hit in hits:
                    hit.on_span(doc, span, out)
            if folded:
                hits = folded.get(text.casefold())
                if hits:
                    for hit in hits:
                        hit.on_span(doc, span, out)
            full, full_filter, search, search_filter = groups.get(span.label, other)
            if full and (full_filter is None or full_filter.fullmatch(text)):
                for hit in full:
                    found = hit.regex.fullmatch(text)
                    if found:
                        hit.on_span(doc, span, out, found)
            if search and (search_filter is None or search_filter.search(text)):
                for hit in search:  # each searches the entity text itself
                    hit.on_span(doc, span, out)
            hits = by_label.get(span.label)
            if hits:
                for hit in hits:
                    hit.on_span(doc, span, out)
        if self.text_regex:
            self._scan_text(doc, out)
        return out

    def _scan_text(self, doc: Document, out: dict) -> None:
        """One search of the raw text per case mode for every listed string and phrase."""
        text = doc.text
        spans = doc.spans
        starts = [span.start for span in spans]
        ends = [span.end for span in spans]
        for fold, regex in self.text_regex.items():
            table = self.text_strings[fold]
            position = 0
            while True:
                found = regex.search(text, position)
                if found is None:
                    break
                start, end = found.span()
                if not _bounded(text, start, end):
                    position = start + 1
                    continue
                position = end
                key = " ".join(found.group(0).split())
                for hit in table.get(key.casefold() if fold else key, ()):
                    if isinstance(hit, Context):
                        span = _neighbour(text, spans, starts, ends, start, end, hit.extra)
                        if span is not None:
                            hit.on_phrase(doc, span, key, out)
                        continue
                    index = bisect_right(starts, start) - 1
                    if isinstance(hit, Unannotated) and index >= 0 and start < ends[index]:
                        continue
                    hit.on_text(doc, start, end, out)


def _neighbour(text: str, spans: list[Span], starts: list[int], ends: list[int], start: int,
               end: int, extra: tuple[int, str]) -> Span | None:
    """The entity right after (``follows``) or before (``precedes``) the phrase at
    ``text[start:end]``, on its line and at most ``window - 1`` words away; else None."""
    window, where = extra
    if where == "follows":
        index = bisect_left(starts, end)
        if index == len(spans):
            return None
        span, gap = spans[index], text[end:spans[index].start]
    else:
        index = bisect_right(ends, start) - 1
        if index < 0:
            return None
        span, gap = spans[index], text[spans[index].end:start]
    if "\n" in gap or len(_tokens(gap)) >= window:
        return None
    return span


def _trie(strings: list[str]) -> str:
    """One regex for many literal strings, factored by common prefixes so the engine tries
    few branches at each position (a plain alternation tries every string)."""
    tree: dict = {}
    for string in strings:
        node = tree
        for char in " ".join(string.split()):
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(char).replace("\\ ", r"\s+") + emit(child)
                    for char, child in sorted(node.items()) if char]
        if "" in node:  # a string ends here: longer ones first, else end at a word boundary
            branches.append(r"(?!\w)")
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return emit(tree)


def _bounded(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is not part of a longer word."""
    return ((start == 0 or not text[start - 1].isalnum()) and
            (end == len(text) or not text[end].isalnum()))


def _combined(hits: list[Hit]) -> re.Pattern | None:
    """One alternation of every regex: a fast 'none of them' test; None when it is unsafe."""
    if not hits or any(_BACKREF.search(hit.regex.pattern) for hit in hits):
        return None
    parts = []
    for hit in hits:
        flags = "(?i:" if hit.regex.flags & re.IGNORECASE else "(?:"
        parts.append(flags + hit.regex.pattern + ")")
    try:
        return re.compile("|".join(parts))
    except re.error:  # e.g. the same group name in two rules
        return None

