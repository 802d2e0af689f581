"""One pass per document for every declarative rule of a config.

All declarative rules of a run compile into one :class:`Program`: exact strings of every rule
in one dict (one lookup per entity), regexes behind one combined prefilter (one regex call per
entity when none matches, the common case), per-label checks keyed by label, context words
behind a set of last tokens, and every string searched in the raw text (unannotated mentions,
spelling variants) in one combined regex per case mode. ``run(doc)`` returns what each rule
found, keyed by code: findings for document rules, summary records for corpus rules.
"""

from __future__ import annotations

import re
from bisect import bisect_right
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
        if not self.labels or span.label in self.labels:
            start = span.text_start + match.start()
            self.finding(doc, out, start, span.text_start + match.end(), span,
                         self.values(span.text, span.label, match=match.group(0)))


class Shape(Hit):
    """pattern: an entity of ``expected`` must (``extra`` True) or must not match."""

    def on_span(self, doc, span, out, match=None):
        found = self.regex.search(span.text)
        if (found is None) == self.extra:
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
    """context: ``extra = (before phrases, after phrases, window, fold)``."""

    def on_tokens(self, doc, span, before, after, out):
        if span.label == self.expected:
            return
        phrases_before, phrases_after, window, fold = self.extra
        if fold:
            before, after = [t.casefold() for t in before], [t.casefold() for t in after]
        for phrases, tokens, where in ((phrases_before, before, "follows"),
                                       (phrases_after, after, "precedes")):
            for phrase in phrases:
                k = len(phrase)
                for gap in range(window):
                    piece = (tokens[len(tokens) - gap - k:len(tokens) - gap] if where == "follows"
                             else tokens[gap:gap + k])
                    if tuple(piece) == phrase:
                        self.finding(doc, out, span.start, span.end, span, self.values(
                            span.text, span.label, word=" ".join(phrase), where=where))
                        return


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
        self.contexts: list[Context] = []
        self.text_strings: dict[bool, dict[str, list[Hit]]] = {False: {}, True: {}}
        self.full_filter: re.Pattern | None = None
        self.search_filter: re.Pattern | None = None
        self.text_regex: dict[bool, re.Pattern] = {}
        self.context_last: frozenset[str] = frozenset()
        self.context_reach = (0, 0)

    # ------------------------------------------------------------------ building
    def add_string(self, text: str, hit: Hit, fold: bool) -> None:
        table = self.exact_folded if fold else self.exact
        table.setdefault(text.casefold() if fold else text, []).append(hit)

    def add_regex(self, pattern: str, hit: Hit, fold: bool, whole: bool) -> None:
        hit.regex = re.compile(pattern, re.IGNORECASE if fold else 0)
        (self.full if whole else self.search).append(hit)

    def add_label_check(self, label: str, hit: Hit) -> None:
        self.by_label.setdefault(label, []).append(hit)

    def add_context(self, hit: Context) -> None:
        self.contexts.append(hit)

    def add_text_string(self, text: str, hit: Hit, fold: bool) -> None:
        self.text_strings[fold].setdefault(text.casefold() if fold else text, []).append(hit)

    def seal(self) -> None:
        """Build the combined prefilters once every rule is added."""
        self.full_filter = _combined(self.full)
        self.search_filter = _combined(self.search)
        for fold, table in self.text_strings.items():
            if table:
                alternation = "|".join(re.escape(s) for s in sorted(table, key=len, reverse=True))
                self.text_regex[fold] = re.compile(alternation, re.IGNORECASE if fold else 0)
        last, before, after = set(), 0, 0
        for hit in self.contexts:
            phrases_before, phrases_after, window, fold = hit.extra
            for phrase in phrases_before:
                last.add(phrase[-1])
                before = max(before, window + len(phrase))
            for phrase in phrases_after:
                last.add(phrase[0])
                after = max(after, window + len(phrase))
        self.context_last = frozenset(last)
        self.context_reach = (before, after)

    # ------------------------------------------------------------------ running
    def run(self, doc: Document) -> dict[str, list]:
        out: dict[str, list] = {}
        exact, folded, by_label = self.exact, self.exact_folded, self.by_label
        full, search = self.full, self.search
        full_filter, search_filter = self.full_filter, self.search_filter
        contexts = self.contexts
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
            if full and (full_filter is None or full_filter.fullmatch(text)):
                for hit in full:
                    found = hit.regex.fullmatch(text)
                    if found:
                        hit.on_span(doc, span, out, found)
            if search and (search_filter is None or search_filter.search(text)):
                for hit in search:
                    for found in hit.regex.finditer(text):
                        hit.on_span(doc, span, out, found)
            hits = by_label.get(span.label)
            if hits:
                for hit in hits:
                    hit.on_span(doc, span, out)
            if contexts:
                self._context(doc, span, out)
        if self.text_regex:
            self._scan_text(doc, out)
        return out

    def _context(self, doc: Document, span: Span, out: dict) -> None:
        line_start, line_end = doc.lines.line_bounds(span.line)
        reach_before, reach_after = self.context_reach
        text = doc.text
        before: list[str] = []
        after: list[str] = []
        if reach_before:  # a bounded stretch: lines can be long, words are short
            start = max(line_start, span.start - 32 * reach_before)
            before = _tokens(text[start:span.start])
            if start > line_start and not text[start - 1].isspace() and before:
                before = before[1:]  # cut in the middle of a word
            before = before[-reach_before:]
        if reach_after:
            end = min(line_end, span.end + 32 * reach_after)
            after = _tokens(text[span.end:end])
            if end < line_end and not text[end].isspace() and after:
                after = after[:-1]
            after = after[:reach_after]
        last = self.context_last
        if not any(t in last or t.casefold() in last for t in before + after):
            return
        for hit in self.contexts:
            hit.on_tokens(doc, span, before, after, out)

    def _scan_text(self, doc: Document, out: dict) -> None:
        text = doc.text
        starts = [span.start for span in doc.spans]
        ends = [span.end for span in doc.spans]
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
                index = bisect_right(starts, start) - 1
                inside = index >= 0 and start < ends[index]
                key = found.group(0).casefold() if fold else found.group(0)
                for hit in table.get(key, ()):
                    if isinstance(hit, Unannotated) and inside:
                        continue
                    hit.on_text(doc, start, end, out)


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

