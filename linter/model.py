"""The document model every reader produces and every rule reads.

Kept to plain slotted dataclasses on purpose: a corpus holds millions of spans and
the per-document hot path must stay in cheap Python objects (pydantic is for config
and the report schema only). Every offset points into the raw text of the file, so a
finding can always be mapped back to an exact line and column.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple, get_args

# The severities, loudest first: the only definition (config, gates and reports use it).
Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = get_args(Severity)
SEVERITY_RANK = {name: len(SEVERITIES) - rank for rank, name in enumerate(SEVERITIES)}


class Span(NamedTuple):
    """One annotated entity.

    ``start``/``end`` cover the whole markup (``[ORG x  ]``); ``text_start``/``text_end``
    cover the entity text itself (``x``). ``text`` is the surface string, whitespace-trimmed.
    ``line`` is the 0-based line the entity sits on (entities never cross lines).
    A NamedTuple because a corpus holds millions of spans: it is built several times faster
    than a frozen dataclass and is just as immutable.
    """

    start: int
    end: int
    text_start: int
    text_end: int
    label: str
    text: str
    line: int = 0


@dataclass(slots=True, frozen=True)
class MarkupProblem:
    """A syntax problem the reader met; the BRK rules turn these into findings.

    ``kind`` is one of ``unclosed``, ``stray-closer``, ``nested-opener``, ``empty``,
    ``spacing``. Keeping problems as data (not findings) lets users select, ignore and
    re-level them like any other rule.
    """

    kind: str
    start: int
    end: int
    detail: str = ""
    label: str = ""


@dataclass(slots=True, frozen=True)
class Zone:
    """A structural region found by a profile (a header field, a heading, a paragraph…)."""

    kind: str
    start: int
    end: int
    data: dict[str, Any] | None = None


class LineIndex:
    """Maps character offsets to 1-based (line, column), built on first use.

    Most documents have no findings, so the index costs nothing unless asked for.
    """

    __slots__ = ("_text", "_starts")

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None

    def _line_starts(self) -> list[int]:
        if self._starts is None:
            starts = [0]
            find = self._text.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
            self._starts = starts
        return self._starts

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) of ``offset``; columns count code points."""
        starts = self._line_starts()
        offset = max(0, min(offset, len(self._text)))
        line = bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def line_of(self, offset: int) -> int:
        """0-based line number of ``offset``."""
        return self.position(offset)[0] - 1

    def line_bounds(self, line0: int) -> tuple[int, int]:
        """Start and end offsets (end excludes the newline) of the 0-based line ``line0``."""
        starts = self._line_starts()
        start = starts[line0]
        end = starts[line0 + 1] - 1 if line0 + 1 < len(starts) else len(self._text)
        return start, end

    def line_text(self, line0: int) -> str:
        start, end = self.line_bounds(line0)
        return self._text[start:end]

    @property
    def line_count(self) -> int:
        return len(self._line_starts())


@dataclass(slots=True)
class Document:
    """A file as the rules see it: raw text, entities, markup problems and zones."""

    path: str
    text: str
    format: str = "inline"
    spans: list[Span] = field(default_factory=list)
    problems: list[MarkupProblem] = field(default_factory=list)
    zones: list[Zone] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    profile: str | None = None
    # Reader facts a rule may cite (the tag scheme a CoNLL file was read with, its columns).
    facts: dict[str, Any] = field(default_factory=dict)
    # Formats whose file text is not prose (token-per-line, JSON) hand the rules one prose
    # *view* per document: plain text, one sentence per line, and ``anchors`` (see
    # :mod:`linter.readers.views`) to map its positions back to the file's.
    views: list["Document"] = field(default_factory=list)
    anchors: bytes = b""
    _index: LineIndex | None = None
    # what rules derive from this document once and share (the LBL mention summary that
    # three rules collect): keyed by the deriving module's name, dropped with the document
    derived: dict[str, Any] = field(default_factory=dict)

    @property
    def lines(self) -> LineIndex:
        if self._index is None:
            self._index = LineIndex(self.text)
        return self._index

    def zones_of(self, kind: str) -> list[Zone]:
        return [zone for zone in self.zones if zone.kind == kind]

    def zone(self, kind: str) -> Zone | None:
        """The first zone of ``kind`` (a cable has one header, one banner…), or None."""
        return next((zone for zone in self.zones if zone.kind == kind), None)


class Edit(NamedTuple):
    """One replacement a fix makes: the text from (line, column) to (end_line, end_column)
    (1-based, columns in code points, end exclusive) becomes ``text``. ``expect`` is what
    must stand there for the edit to apply (the fixer re-reads the file and skips an edit
    whose text changed). A :class:`Finding` stores edits as plain tuples (``tuple(edit)``)
    so that cached findings unpickle without this class.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    expect: str


@dataclass(slots=True)
class Finding:
    """One problem found by a rule, with a resolved location.

    Rules leave ``severity`` as None: the engine sets it from the rule's default and the
    user's overrides, so a rule never decides how loud it is. ``context`` is the normalised
    text the fingerprint is built from (so baselines survive unrelated edits).
    """

    rule: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    span: tuple[str, str] | None = None  # (text, label)
    score: float | None = None
    evidence: dict[str, Any] | None = None
    context: str = ""
    severity: str | None = None
    fingerprint: str = ""
    # the fix, if the rule has one: plain (line, column, end_line, end_column, text, expect)
    # tuples (see :class:`Edit`), applied all together or not at all
    edits: tuple[tuple, ...] = ()

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule)
