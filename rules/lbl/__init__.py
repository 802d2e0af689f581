"""LBL: label consistency across the corpus.

The corpus rules (LBL001-003) share one per-file summary (:mod:`linter.rules.lbl.mentions`) and
judge each mention against the rest of the corpus in finalize; the scoring lives in the
``linter.consistency_*`` modules so it can be benchmarked without the engine. All their
corpus-wide evidence is one additive aggregate (:mod:`linter.rules.lbl.evidence`), so a
pre-commit run judges the changed files against the cached corpus total. LBL004 and
LBL005 look at one document. None of these rules needs the cable profile: they read
zones only to skip structural ones when a profile found them.
"""

from __future__ import annotations

from linter.rules.lbl.evidence import (boundary_lookup_keys, contribute, label_lookup_keys,
                                          missed_lookup_keys)
from linter.rules.lbl.boundary import find_boundaries
from linter.rules.lbl.inconsistent_label import score_mentions
from linter.rules.lbl.missed_mention import find_missed
from linter.rules.lbl.names import acronym_problems, split_names
from linter.rules.lbl.mentions import (M_COLUMN, M_END, M_LABEL, M_LINE, M_TEXT, left_words, right_words,
                             summarise)
from linter.model import Finding
from linter.rule import Rule, RuleMeta, RuleOptions


class LabelOptions(RuleOptions):
    """``min-count``: mentions a string needs corpus-wide before its labels are judged.
    ``min-score``: findings below this score are not reported (scores are in [0, 1])."""

    min_count: int = 3
    min_score: float = 0.7


class MissedOptions(RuleOptions):
    """``min-count``: corpus annotations of a string needed when the same document does
    not annotate it. ``min-score``: findings below this score are not reported."""

    min_count: int = 2
    min_score: float = 0.65


class BoundaryOptions(RuleOptions):
    """``min-count``: annotations the other extent needs. ``min-score``: report threshold."""

    min_count: int = 2
    min_score: float = 0.5


def _collect(doc, ctx):
    return summarise(doc)


def _where(examples: list[str]) -> str:
    return ", ".join(examples)


def _label_finalize(summaries, ctx):
    options = ctx.options
    for verdict in score_mentions(summaries, allow=ctx.allow, min_count=options.min_count,
                                  min_score=options.min_score, aggregate=ctx.aggregate):
        mention = verdict.mention
        text, label, line = mention[M_TEXT], mention[M_LABEL], mention[M_LINE]
        others = sum(verdict.labels.values()) - 1
        agree = verdict.labels.get(verdict.suggested, 0)
        here_other = {k: v - (k == label) for k, v in verdict.here.items()}
        here_text = ""
        if here_other.get(verdict.suggested):
            here_text = (f", {here_other[verdict.suggested]} of them in this document")
        where = f"; see {_where(verdict.examples)}" if verdict.examples else ""
        why = _reasons(verdict)
        message = (
            f"'{text}' is {label} here but {verdict.suggested} in {agree} of "
            f"{others} other mentions{here_text}{why}{where}"
        )
        yield Finding(
            rule=ctx.rule.code, path=verdict.path, line=line, column=mention[M_COLUMN],
            end_line=line, end_column=mention[M_END], message=message,
            span=(text, label), score=verdict.score,
            evidence={
                "labels": verdict.labels, "this_document": verdict.here,
                "suggested": verdict.suggested, "other_documents": verdict.other_paths,
                "examples": verdict.examples, "signals": verdict.signals,
            },
            context=f"{text}|{label}|{' '.join(left_words(mention))}|"
                    f"{' '.join(right_words(mention))}",
        )


def _reasons(verdict) -> str:
    """The context signals that back the suggestion, in an annotator's words."""
    parts = []
    signals = verdict.signals
    suggested = verdict.suggested
    if signals["context"].get(suggested):
        parts.append(f"its neighbouring words go with {suggested} elsewhere "
                     f"({int(signals['context'][suggested])} times)")
    if signals["coordination"].get(suggested):
        parts.append(f"names listed with it are {suggested}")
    if signals["document_context"].get(suggested):
        parts.append(f"other names in the same position in this document are {suggested}")
    return f" ({'; '.join(parts)})" if parts else ""


def _missed_finalize(summaries, ctx):
    options = ctx.options
    yield from find_missed(summaries, ctx.rule.code, allow=ctx.allow,
                           min_count=options.min_count, min_score=options.min_score,
                           aggregate=ctx.aggregate)


def _boundary_finalize(summaries, ctx):
    options = ctx.options
    yield from find_boundaries(summaries, ctx.rule.code, allow=ctx.allow,
                               min_count=options.min_count, min_score=options.min_score,
                               aggregate=ctx.aggregate)


def _acronyms(doc, ctx):
    for problem in acronym_problems(doc):
        yield ctx.report(problem.start, problem.end, problem.message, span=problem.span,
                         score=problem.score, evidence=problem.evidence)


def _split(doc, ctx):
    for problem in split_names(doc):
        yield ctx.report(problem.start, problem.end, problem.message, span=problem.span,
                         score=problem.score, evidence=problem.evidence)


RULES = [
    Rule(RuleMeta(
        code="LBL001", name="inconsistent-label", family="LBL", severity="warning",
        scope="corpus", options=LabelOptions,
        summary="A string is annotated with a label that its other mentions, in this document, "
                "the corpus and the same context, contradict.",
        rationale="The same name labelled differently is the commonest annotation error, but "
                  "many names are legitimately ambiguous (a country as a place and as a team). "
                  "The rule re-predicts each mention's label from the other mentions in its "
                  "document, in the corpus, with the same neighbouring words and from the names "
                  "listed with it, and reports only mentions whose label that evidence "
                  "contradicts, ranked by score. Add known-ambiguous strings to 'allow:'.",
        bad=(
            "=== a.txt ===\nTalks in [LOC Lima  ] went well .\n[LOC Lima  ] is cold .\n"
            "=== b.txt ===\nWe flew to [LOC Lima  ] today .\nThen [ORG Lima  ] was rainy .\n"
            "=== c.txt ===\n[LOC Lima  ] hosts the summit .\n",
        ),
        good=(
            "=== a.txt ===\n[LOC Lima  ] is cold .\nWe flew to [LOC Lima  ] .\n"
            "=== b.txt ===\nWe flew to [LOC Lima  ] again .\n",
            "=== a.txt ===\n[PER Washington  ] said he would run .\n[PER Washington  ] won .\n"
            "=== b.txt ===\nWe flew to [LOC Washington  ] .\n[LOC Washington  ] is humid .\n"
            "=== c.txt ===\nThe summit in [LOC Washington  ] ended .\n",
        ),
    ), collect=_collect, finalize=_label_finalize, contribute=contribute,
       lookup_keys=label_lookup_keys),
    Rule(RuleMeta(
        code="LBL002", name="missed-mention", family="LBL", severity="warning",
        scope="corpus", options=MissedOptions,
        summary="A name annotated elsewhere (in the corpus or earlier in the document) is left "
                "unannotated here.",
        rationale="Annotators skip repeat mentions, especially surnames after the full name. "
                  "The rule matches the exact, case-sensitive string against what the corpus "
                  "annotates, skips structural zones, sentence-initial common words and names "
                  "that continue into a longer capitalised name, and weighs how often the string "
                  "is annotated against how often it is left bare.",
        bad=("Brigadier General [PER Ziv  ] arrived .\nAccording to the press , Ziv will train "
             "units .\n",),
        good=("Brigadier General [PER Ziv  ] arrived .\nAccording to the press , "
              "[PER Ziv  ] will train units .\n",
              "[LOC Washington  ] is humid .\nThe Washington Post said so .\n"),
    ), collect=_collect, finalize=_missed_finalize, contribute=contribute,
       lookup_keys=missed_lookup_keys),
    Rule(RuleMeta(
        code="LBL003", name="boundary-inconsistency", family="LBL", severity="warning",
        scope="corpus", options=BoundaryOptions,
        summary="The same name is annotated with different extents in different places.",
        rationale="A span that leaves out a word the corpus includes elsewhere ('2nd [ORG "
                  "Infantry Brigade]' vs '[ORG 2nd Infantry Brigade]'), or swallows words the "
                  "corpus never annotates ('[ORG SL Expanding Influence]' vs '[ORG SL]'), splits "
                  "one name's counts in two and teaches a model two extents.",
        bad=(
            "=== a.txt ===\nthe [ORG 2nd Infantry Brigade  ] left .\n"
            "=== b.txt ===\nthe [ORG 2nd Infantry Brigade  ] came .\n"
            "=== c.txt ===\nsoldiers of the 2nd [ORG Infantry Brigade  ] .\n",
        ),
        good=(
            "=== a.txt ===\n[LOC Oxford  ] is old .\nwe saw [LOC Oxford  ] .\n"
            "=== b.txt ===\nshe studied at the [ORG Oxford University Press  ] office .\n",
        ),
    ), collect=_collect, finalize=_boundary_finalize, contribute=contribute,
       lookup_keys=boundary_lookup_keys),
    Rule(RuleMeta(
        code="LBL004", name="acronym-disagreement", family="LBL", severity="warning",
        summary="An acronym in parentheses after its annotated expansion has a different label, "
                "or none.",
        rationale="'[LOC Apurimac-Ene River Valley] ( [ORG VRAE] )' names one thing twice; the "
                  "two labels cannot both be right, and every later mention of the acronym "
                  "inherits the mistake. An acronym left bare after an annotated expansion "
                  "('[LOC Upper Huallaga Valley] ( UHV )') is a missed mention.",
        bad=("the [LOC Apurimac-Ene River Valley  ] ( [ORG VRAE  ] ) is far .\n",
             "the [LOC Upper Huallaga Valley  ] ( UHV ) is far .\n"),
        good=("the [ORG Shining Path  ] ( [ORG SL  ] ) attacked .\n",
              "[LOC Washington  ] ( AP ) said .\n",
              "in [LOC Peru  ] ( C ) they said .\n"),
    ), check=_acronyms),
    Rule(RuleMeta(
        code="LBL005", name="split-name", family="LBL", severity="warning",
        summary="One name is cut into adjacent entities of different types.",
        rationale="'General [LOC Israel] Baruch [PER Ziv]' is one person, Israel Baruch Ziv: "
                  "the given name became a place and the middle name was left out. Entities of "
                  "different types with at most one capitalised word between them, one of them a "
                  "person, are almost always one name cut in pieces.",
        bad=("former General [LOC Israel  ] Baruch [PER Ziv  ] arrived .\n",),
        good=("the [ORG Microsoft  ] CEO [PER Satya Nadella  ] spoke .\n",
              "[PER Ziv  ] flew to [LOC Israel  ] .\n",
              "the [MISC Spanish  ] [ORG Socialist Party  ] won .\n"),
    ), check=_split),
]
