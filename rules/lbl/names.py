"""Document-level name checks: acronym/expansion pairs (LBL004) and split names (LBL005).

Both look at entities that sit next to each other on one line, so they need only the
document, not the corpus. Each check returns plain :class:`NameProblem` records (LBL002 also reads
:func:`acronym_problems`, to leave bare acronyms to LBL004); the rule turns them into findings.
"""

from __future__ import annotations

import re
from collections import Counter
from operator import attrgetter
from dataclasses import dataclass, field
from typing import Any

from linter.model import Document, Span
from linter.rule import Example, Rule, RuleMeta

_OPEN_PAREN = re.compile(r"\s*\(\s*")
_CLOSE_PAREN = re.compile(r"\s*\)")
_BARE_ACRONYM = re.compile(r"([A-Z][A-Z&]{1,7})(?=\s*\))")
_WORD_SPLIT = re.compile(r"[\s\-/]+")

# Words that sit between an organisation or place and a person without being a name.
TITLES = frozenset("""
president vice chairman chairwoman chair ceo cfo coo founder cofounder director minister
secretary ambassador general gen lieutenant colonel col major captain capt sergeant admiral
commander chief head leader spokesman spokeswoman spokesperson senator sen representative
rep governor gov mayor judge justice king queen prince princess lord lady sir dame pope
bishop archbishop cardinal father rev reverend dr doctor professor prof mr mrs ms miss
coach manager striker midfielder defender goalkeeper captain owner editor correspondent
analyst economist deputy premier chancellor envoy official officer agent mp mep staff
attorney counsel counselor consul councillor councilman adviser advisor aide delegate
assistant undersecretary commissioner inspector superintendent marshal kidnapper suspect
member candidate
monday tuesday wednesday thursday friday saturday sunday january february march april
may june july august september october november december
""".split())


_LABEL_OF = attrgetter("label")

PLACE_PREPOSITIONS = frozenset({"to", "in", "from", "at", "near", "of", "for", "into", "via"})


@dataclass(slots=True)
class NameProblem:
    start: int
    end: int
    message: str
    span: Span | None
    score: float
    evidence: dict[str, Any] = field(default_factory=dict)


def initials(text: str) -> set[str]:
    """Upper-case initials of a name's words, hyphenated parts counted separately."""
    return {word[0].upper() for word in _WORD_SPLIT.split(text) if word and word[0].isalpha()}


def _ordered_initials(text: str) -> str:
    return "".join(word[0].upper() for word in _WORD_SPLIT.split(text)
                   if word and word[0].isupper())


def acronym_fits(acronym: str, expansion: str) -> bool:
    """Every letter of the acronym is an initial of the expansion (in any language order:
    VRAE for 'Apurimac-Ene River Valley', Valle de los Rios Apurimac y Ene)."""
    letters = [c for c in acronym.upper() if c.isalpha()]
    if len(letters) < 2 or len(_WORD_SPLIT.split(expansion.strip())) < 2:
        return False
    return set(letters) <= initials(expansion)


def acronym_problems(doc: Document) -> list[NameProblem]:
    """`[T1 expansion] ( [T2 ACR] )` with T1 != T2, and `[T expansion] ( ACR )` bare.

    Only entities that an opening parenthesis follows (after whitespace) are looked at:
    the parentheses are found with one C-level search, not one regex call per entity."""
    problems: list[NameProblem] = []
    text = doc.text
    spans = doc.spans
    if not spans:
        return problems
    candidates = _followed_by_parenthesis(text, spans)
    if not candidates:
        return problems
    starts = {span.start: span for span in spans}
    by_text: dict[str, Counter] | None = None  # labels per entity text, built on first use
    for span in candidates:
        opened = _OPEN_PAREN.match(text, span.end)
        if opened is None or "\n" in opened.group():
            continue
        inner = starts.get(opened.end())
        if inner is not None:
            closed = _CLOSE_PAREN.match(text, inner.end)
            if closed is None or inner.label == span.label:
                continue
            if not inner.text.isupper() or not acronym_fits(inner.text, span.text):
                continue
            if by_text is None:
                by_text = {}
                for other in spans:
                    by_text.setdefault(other.text, Counter())[other.label] += 1
            counts = Counter(by_text[inner.text])
            elsewhere = counts[inner.label] - 1
            tail = (f"; '{inner.text}' is {inner.label} {elsewhere} more times in this document, "
                    f"which would all change" if elsewhere > 0 else "")
            problems.append(NameProblem(
                span.start, inner.end,
                f"acronym '{inner.text}' is {inner.label} but its expansion "
                f"'{span.text}' right before it is {span.label}: both name one thing, so one "
                f"label is wrong{tail}",
                inner, 0.8,
                {"acronym": inner.text, "acronym_label": inner.label,
                 "expansion": span.text, "expansion_label": span.label,
                 "acronym_labels_in_document": dict(counts)},
            ))
            continue
        bare = _BARE_ACRONYM.match(text, opened.end())
        if bare is None:
            continue
        acronym = bare.group(1)
        if not acronym_fits(acronym, span.text):
            continue
        exact = _ordered_initials(span.text) == acronym
        problems.append(NameProblem(
            bare.start(), bare.end(),
            f"acronym '{acronym}' is not annotated, but it abbreviates '{span.text}' "
            f"right before it, which is {span.label}: annotate it {span.label} too",
            None, 0.85 if exact else 0.6,
            {"acronym": acronym, "expansion": span.text, "expansion_label": span.label,
             "suggested": span.label, "initials_in_order": exact},
        ))
    return problems


def _followed_by_parenthesis(text: str, spans: list[Span]) -> list[Span]:
    """The entities, in document order, with only whitespace between their end and an
    opening parenthesis (what ``_OPEN_PAREN.match(text, span.end)`` needs)."""
    at = text.find("(")
    if at < 0:
        return []
    ends: dict[int, list[int]] = {}
    for index, span in enumerate(spans):
        ends.setdefault(span.end, []).append(index)
    found: list[int] = []
    while at >= 0:
        edge = at
        while True:
            hits = ends.get(edge)
            if hits:
                found.extend(hits)
            if edge == 0 or not text[edge - 1].isspace():
                break
            edge -= 1
        at = text.find("(", at + 1)
    if not found:
        return []
    return [spans[index] for index in sorted(set(found))]


def _titlecase_word(word: str) -> bool:
    return len(word) > 1 and word.isalpha() and word[0].isupper() and word[1:].islower()


def title_case_line(line: str) -> bool:
    """A headline written In Title Case: its capitals say nothing about names."""
    words = [w for w in line.split() if w.isalpha() and len(w) > 3 and "[" not in w]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) * 3 >= len(words) * 2


def split_names(doc: Document) -> list[NameProblem]:
    """`[X a] B [PER c]`: entities of different types, one a person, with one untagged
    capitalised word between them that is not a title, a weekday or a month.

    Entities that touch with no word between are left alone: "[LOC US] [PER President
    Obama]" and "[ORG Canucks] [PER Gino Odjick]" are how news and tweets write.
    """
    problems: list[NameProblem] = []
    text = doc.text
    spans = doc.spans
    # only pairs with a person in them can be a cut name: look at those pairs alone
    labels = list(map(_LABEL_OF, spans))
    firsts: set[int] = set()
    at = -1
    while True:
        try:
            at = labels.index("PER", at + 1)
        except ValueError:
            break
        firsts.add(at - 1)
        firsts.add(at)
    for index in sorted(firsts):
        if index < 0 or index + 1 >= len(spans):
            continue
        first, second = spans[index], spans[index + 1]
        if first.line != second.line or first.label == second.label:
            continue
        if "PER" not in (first.label, second.label) or "MISC" in (first.label, second.label):
            continue
        other = first if second.label == "PER" else second
        if len(other.text.split()) != 1 or not _titlecase_word(other.text):
            continue  # the non-person part of a cut name is one given or family name
        if not second.text[:1].isupper() or len(second.text.split()) > 2:
            continue
        gap = text[first.end:second.start].split()
        if len(gap) != 1 or not _titlecase_word(gap[0]) or gap[0].lower() in TITLES:
            continue
        if any(span.text == other.text and span.label == other.label
               for span in spans if span is not other):
            continue  # the part is a name in its own right elsewhere in the document
        line_start, line_end = doc.lines.line_bounds(first.line)
        rest = text[line_start:first.start] + " " + text[second.end:line_end]
        if title_case_line(rest):
            continue
        before = text[line_start:first.start].split()
        if before and before[-1].lower() in PLACE_PREPOSITIONS:
            continue  # "Ambassador to [LOC Beijing] Masood [PER Khan]": a place, then a name
        titled = bool(before) and before[-1].lower().rstrip(".") in TITLES
        whole = " ".join([first.text, gap[0], second.text])
        problems.append(NameProblem(
            first.start, second.end,
            f"'{whole}' looks like one name cut into [{first.label} {first.text}] and "
            f"[{second.label} {second.text}] with '{gap[0]}' left out; annotate it as one "
            f"entity",
            first, 0.9 if titled else 0.7,
            {"name": whole, "parts": [[first.text, first.label], [second.text, second.label]],
             "gap": gap, "title_before": before[-1] if titled else None},
        ))
    return problems


def _acronyms(doc, ctx):
    for problem in acronym_problems(doc):
        edits = ()
        if problem.span is None:  # a bare acronym: annotate it with its expansion's label
            acronym, label = problem.evidence["acronym"], problem.evidence["expansion_label"]
            at = doc.text.find(acronym, problem.start, problem.end)
            if at >= 0:
                edits = ((at, at + len(acronym), f"[{label} {acronym}  ]"),)
        yield ctx.report(problem.start, problem.end, problem.message, span=problem.span,
                         score=problem.score, evidence=problem.evidence, edits=edits)


ACRONYM_DISAGREEMENT = Rule(RuleMeta(
    code="LBL004", name="acronym-disagreement", family="LBL", severity="warning",
    summary="An acronym in parentheses after its annotated expansion has a different label, "
            "or none.",
    rationale="'[LOC Apurimac-Ene River Valley] ( [ORG VRAE] )' names one thing twice; the "
              "two labels cannot both be right, and every later mention of the acronym "
              "inherits the mistake. An acronym left bare after an annotated expansion "
              "('[LOC Upper Huallaga Valley] ( UHV )') is a missed mention.",
    fix="Give the acronym and its expansion the same label (they name one thing), or annotate "
        "the bare acronym with its expansion's label.",
    fixable="sometimes", fix_safety="unsafe",  # a bare acronym only: which label is wrong
    # when both are annotated is a reviewer's decision (annolint-decisions.yaml)
    bad=(Example("the [LOC Apurimac-Ene River Valley  ] ( [ORG VRAE  ] ) is far .\n",
                 expect=("1:5 acronym 'VRAE' is ORG but its expansion",)),
         Example("the [LOC Upper Huallaga Valley  ] ( UHV ) is far .\n",
                 fixed="the [LOC Upper Huallaga Valley  ] ( [LOC UHV  ] ) is far .\n")),
    good=("the [ORG Shining Path  ] ( [ORG SL  ] ) attacked .\n",
          "[LOC Washington  ] ( AP ) said .\n",
          "in [LOC Peru  ] ( C ) they said .\n"),
), check=_acronyms)


def _split(doc, ctx):
    for problem in split_names(doc):
        merged = f"[PER {problem.evidence['name']}  ]"  # one entity, the person's
        yield ctx.report(problem.start, problem.end, problem.message, span=problem.span,
                         score=problem.score, evidence=problem.evidence,
                         edits=((problem.start, problem.end, merged),))


SPLIT_NAME = Rule(RuleMeta(
    code="LBL005", name="split-name", family="LBL", severity="warning",
    summary="One name is cut into adjacent entities of different types.",
    rationale="'General [LOC Israel] Baruch [PER Ziv]' is one person, Israel Baruch Ziv: "
              "the given name became a place and the middle name was left out. Entities of "
              "different types with at most one capitalised word between them, one of them a "
              "person, are almost always one name cut in pieces.",
    fix="Annotate the whole name as one entity of the right type ('[PER Israel Baruch Ziv]').",
    fixable="always", fix_safety="unsafe",  # merges the parts into one PER entity
    bad=(Example("former General [LOC Israel  ] Baruch [PER Ziv  ] arrived .\n",
                 expect=("1:16 'Israel Baruch Ziv' looks like one name",),
                 fixed="former General [PER Israel Baruch Ziv  ] arrived .\n"),),
    good=("the [ORG Microsoft  ] CEO [PER Satya Nadella  ] spoke .\n",
          "[PER Ziv  ] flew to [LOC Israel  ] .\n",
          "the [MISC Spanish  ] [ORG Socialist Party  ] won .\n"),
), check=_split)
