"""The rule API: one metadata record per rule, plus the function(s) that check.

A *document rule* is ``check(doc, ctx) -> Iterable[Finding]``.
A *corpus rule* is ``collect(doc, ctx) -> summary`` (small, picklable, cacheable by the
file's content hash) and ``finalize(summaries, ctx) -> Iterable[Finding]`` over all files.
A corpus rule may also declare ``contribute`` and ``lookup_keys`` (see
:mod:`linter.aggregate`) so that a pre-commit run judges the changed files against a cached
corpus total instead of every other file's summary.

Declare a rule by writing its check, then its :class:`RuleMeta` directly below it in the same
module (see ``rules/brk.py``); the family module lists its rules in ``RULES``.

Rules never decide their final severity or whether a finding is suppressed: the engine
does that from the config. The metadata record (:class:`RuleMeta`) is the single source
for ``annolint rules``, ``annolint explain``, the README table, SARIF ``rules[]`` and the
tests that run every rule's bad/good examples.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from linter.kebab import KebabModel
from linter.model import SEVERITIES as _SEVERITIES
from linter.model import Document, Edit, Finding, Span

SEVERITIES = _SEVERITIES  # re-exported for rule authors


class RuleOptions(KebabModel):
    """Base for rule options models: kebab-case keys in YAML, unknown keys rejected."""


class NoOptions(RuleOptions):
    """Options model for rules that take none (unknown keys are still rejected)."""


@dataclass(frozen=True)
class Example:
    """One executable example, in the spirit of sqlfluff's YAML rule cases.

    ``text`` is one file, or several separated by ``=== name ===`` lines. ``options`` are the
    rule's options for this case (kebab-case keys, as in ``annolint.yaml``). ``expect`` lists
    the findings the rule must report, each ``"[file:]line:column[ message fragment]"``; for a
    bad example with no ``expect`` it is enough that the rule fires. ``fixed`` is the text
    after ``check --fix --unsafe-fixes`` applied the rule's fixes (a test checks it).
    """

    text: str
    options: Mapping[str, Any] = field(default_factory=dict)
    expect: tuple[str, ...] = ()
    fixed: str | None = None


def example_text(example: str | Example) -> str:
    """The text of an example, whether written as a plain string or an :class:`Example`."""
    return example if isinstance(example, str) else example.text


@dataclass(frozen=True)
class RuleMeta:
    """Everything a user or a tool needs to know about a rule, in one place.

    Its texts follow ruff's fixed headings: ``summary`` (what it does), ``rationale`` (why it
    matters), ``bad``/``good`` (examples) and ``fix`` (how to fix a finding). ``bad`` examples
    must trigger the rule, ``good`` ones must not; both run as tests (plain strings or
    :class:`Example` cases with options and expected positions). ``profile`` names the profile
    the rule needs (``"cable"``), or None for any document.
    ``formats`` names the file formats the rule is about (BRK: ``inline``; TAG: the column
    formats), or is empty for every format; the examples are written in the first one.
    A rule with formats reads the file itself; the others read its prose views.
    ``fixable`` says whether its findings carry a machine fix (``always``, ``sometimes`` or
    ``never``; ``fix`` is the human "how to fix" text) and ``fix_safety`` whether that fix
    is ``safe`` (a markup repair that keeps every annotation decision: ``check --fix``) or
    ``unsafe`` (it changes an annotation decision: only with ``--unsafe-fixes``).
    """

    code: str
    name: str
    family: str
    summary: str
    rationale: str
    severity: str = "warning"
    scope: str = "document"  # "document", "corpus" or "file"
    options: type[BaseModel] = NoOptions
    bad: tuple[str | Example, ...] = ()
    good: tuple[str | Example, ...] = ()
    profile: str | None = None
    enabled_by_default: bool = True
    fix: str = ""
    formats: tuple[str, ...] = ()
    fixable: str = "never"  # "always", "sometimes" or "never"
    fix_safety: str = "safe"  # "safe" or "unsafe"
    # where the rule comes from: "" for annolint's own rules, the distribution name of a
    # plugin, or the file a declarative rule is written in (shown by 'annolint rules')
    source: str = ""


@dataclass(frozen=True)
class Rule:
    """A rule: metadata plus its check (document scope) or collect/finalize (corpus scope)."""

    meta: RuleMeta
    check: Callable[[Document, "RuleContext"], Iterable[Finding]] | None = None
    collect: Callable[[Document, "RuleContext"], Any] | None = None
    finalize: Callable[[Mapping[str, Any], "CorpusContext"], Iterable[Finding]] | None = None
    # summary -> {key: nested counts}: what one document adds to the corpus total
    contribute: Callable[[Any], Mapping[str, Any]] | None = None
    # summary -> every aggregate key finalize may read for this document
    lookup_keys: Callable[[Any], Iterable[str]] | None = None
    # the keys that a set of lookup keys implies (say a string's companion entries), applied
    # once to the union of a batch's lookup keys rather than once per document
    expand_keys: Callable[[set[str]], set[str]] | None = None
    # how the corpus index stores a summary that is not plain data (JSON, never pickle):
    # summary -> JSON-able data, and (data, path) -> summary, raising ValueError on
    # anything malformed (the index's bytes are untrusted: the file is relinted then)
    dump_summary: Callable[[Any], Any] | None = None
    load_summary: Callable[[Any, str], Any] | None = None

    @property
    def code(self) -> str:
        return self.meta.code


@dataclass
class RuleContext:
    """What a rule sees besides the document: its options and the run's settings."""

    rule: RuleMeta
    doc: Document
    options: Any
    labels: frozenset[str]
    allow: frozenset[str] = frozenset()

    def report(
        self,
        start: int,
        end: int,
        message: str,
        *,
        span: Span | None = None,
        score: float | None = None,
        evidence: dict[str, Any] | None = None,
        context: str | None = None,
        edits: Iterable[tuple[int, int, str]] = (),
    ) -> Finding:
        """Build a finding covering ``text[start:end]`` of the document.

        ``edits`` is its fix: ``(start, end, replacement)`` offsets into the document text,
        which must not overlap.
        """
        finding = make_finding(
            self.rule.code, self.doc, start, end, message,
            span=span, score=score, evidence=evidence, context=context,
        )
        if edits:
            finding.edits = offset_edits(self.doc, edits)
        return finding


@dataclass
class CorpusContext:
    """What a corpus rule's finalize step sees: options and run settings, no documents.

    ``aggregate`` is None in a full run (the rule builds the corpus total from
    ``summaries``). In a focused run (pre-commit, ``--corpus-root``) ``summaries`` holds the
    focus files only and ``aggregate`` the cached corpus total for their ``lookup_keys``;
    the rule reports findings for the files in ``summaries``.
    """

    rule: RuleMeta
    options: Any
    labels: frozenset[str]
    allow: frozenset[str] = frozenset()
    aggregate: dict[str, Any] | None = None

    def report(
        self,
        path: str,
        line: int,
        column: int,
        end_column: int,
        message: str,
        *,
        end_line: int | None = None,
        span: Span | tuple[str, str] | None = None,
        score: float | None = None,
        evidence: dict[str, Any] | None = None,
        context: str,
        edits: Iterable[Edit] = (),
    ) -> Finding:
        """Build a finding at a position a summary recorded (corpus rules see no text).

        ``context`` is the fingerprint context: the flagged text and what identifies this
        occurrence (its label and neighbouring words), never its line number. ``edits`` is
        its fix, by position (see :func:`line_edit`): the fixer checks that each edit's
        ``expect`` text still stands there before applying it.
        """
        if isinstance(span, Span):
            span = (span.text, span.label)
        return Finding(
            rule=self.rule.code, path=path, line=line, column=column,
            end_line=line if end_line is None else end_line, end_column=end_column,
            message=message, span=span, score=score, evidence=evidence, context=context,
            edits=tuple(tuple(edit) for edit in edits),
        )


# ``CorpusContext.report``: what a corpus rule's helpers are handed to build findings
Report = Callable[..., Finding]


def line_edit(line: int, column: int, end_column: int, text: str, expect: str) -> Edit:
    """An edit on one line: columns ``column``..``end_column`` (1-based, end exclusive),
    which hold ``expect``, become ``text``."""
    return Edit(line, column, line, end_column, text, expect)


def relabel_edits(line: int, column: int, old: str, new: str) -> tuple[Edit, ...]:
    """The edit that relabels the inline entity whose ``[`` is at (line, column)."""
    return (line_edit(line, column, column + 1 + len(old), f"[{new}", f"[{old}"),)


def annotate_edits(line: int, column: int, text: str, label: str) -> tuple[Edit, ...]:
    """The edit that annotates the bare ``text`` at (line, column) as ``label``."""
    return (line_edit(line, column, column + len(text), f"[{label} {text}  ]", text),)


def extent_edits(line: int, column: int, label: str, text: str,
                 other: str) -> tuple[Edit, ...]:
    """The edit that moves the edges of the entity ``[label text  ]`` at (line, column) so
    that it covers ``other`` (a word or two more or fewer on one side), or none when
    ``other`` is not ``text`` grown or shrunk by whole words at one end."""
    markup = f"[{label} {text}  ]"
    if other.startswith(text + " "):  # grow to the right over ' extra'
        expect, start, new = f"{markup} {other[len(text) + 1:]}", column, f"[{label} {other}  ]"
    elif other.endswith(" " + text):  # grow to the left over 'extra '
        extra = other[:-len(text) - 1]
        expect, start, new = f"{extra} {markup}", column - len(extra) - 1, f"[{label} {other}  ]"
    elif text.startswith(other + " "):  # give back the words on the right
        expect, start, new = markup, column, f"[{label} {other}  ] {text[len(other) + 1:]}"
    elif text.endswith(" " + other):  # give back the words on the left
        expect, start, new = markup, column, f"{text[:-len(other) - 1]} [{label} {other}  ]"
    else:
        return ()
    if start < 1:
        return ()
    return (line_edit(line, start, start + len(expect), new, expect),)


def offset_edits(doc: Document, edits: Iterable[tuple[int, int, str]]) -> tuple[tuple, ...]:
    """``(start, end, replacement)`` offsets into ``doc.text`` as stored edit tuples."""
    resolved = []
    for start, end, text in edits:
        line, column = doc.lines.position(start)
        end_line, end_column = doc.lines.position(end)
        resolved.append((line, column, end_line, end_column, text, doc.text[start:end]))
    return tuple(resolved)


def untag_edits(span: Span) -> tuple[tuple[int, int, str], ...]:
    """Offsets that remove an inline entity's markup and keep its text: '[ORG SBU  ]' ->
    'SBU'."""
    return ((span.start, span.text_start, ""), (span.text_end, span.end, ""))


def make_finding(
    code: str,
    doc: Document,
    start: int,
    end: int,
    message: str,
    *,
    span: Span | None = None,
    score: float | None = None,
    evidence: dict[str, Any] | None = None,
    context: str | None = None,
) -> Finding:
    """Resolve offsets to 1-based line/column (end exclusive) and build a Finding.

    The default fingerprint context is the flagged text plus its surroundings on its line,
    with runs of whitespace collapsed, so it survives lines moving above it.
    """
    end = max(end, start)
    line, column = doc.lines.position(start)
    end_line, end_column = doc.lines.position(end)
    if context is None:
        # the flagged text and up to 60 characters either side on its line: enough to tell
        # two findings apart, cheap on a 50 MB line, stable when other lines move
        line_start, line_end = doc.lines.line_bounds(line - 1)
        around = doc.text[max(line_start, start - 60):min(line_end, end + 60)]
        context = " ".join(doc.text[start:end].split()) + "|" + " ".join(around.split())
    return Finding(
        rule=code,
        path=doc.path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        message=message,
        span=(span.text, span.label) if span is not None else None,
        score=score,
        evidence=evidence,
        context=context,
    )
