"""BRK: bracket and markup syntax of inline annotations.

The reader records what it met (unclosed openers, stray closers, nested openers, empty
entities); these rules turn that record into findings an annotator can act on, and
BRK005 checks the spacing convention of every closed entity.
"""

from __future__ import annotations

from collections import Counter
from typing import Literal

from linter.rule import Example, Rule, RuleMeta, RuleOptions


def _problems(doc, ctx, kind: str, message):
    """Report every problem of ``kind`` the reader recorded, worded by ``message``."""
    for problem in doc.problems:
        if problem.kind == kind:
            yield ctx.report(problem.start, problem.end, message(problem))


def _unclosed(doc, ctx):
    yield from _problems(doc, ctx, "unclosed", lambda problem: (
        f"entity '[{problem.label}' is never closed: no '  ]' before the end of the line "
        "(entities cannot cross a line)"))


UNCLOSED_ENTITY = Rule(RuleMeta(
    code="BRK001", name="unclosed-entity", family="BRK", formats=("inline",), severity="error",
    summary="An entity opener '[LABEL ' has no closer before the end of its line.",
    rationale="The tagger closes every entity inside its sentence and the corpus keeps one "
              "sentence per line, so an opener without a closer means the markup was cut "
              "or edited by hand. Everything after it is ambiguous to readers.",
    fix="Put the closer '  ]' after the last word of the name, or delete the opener if the "
        "words are not an entity.",
    bad=(Example("the [ORG Shining Path ( SL ) attacked\n",
                 expect=("1:5 entity '[ORG' is never closed",)),),
    good=("the [ORG Shining Path  ] ( [ORG SL  ] ) attacked\n", "a literal [ bracket ] stays text\n"),
), check=_unclosed)


def _stray(doc, ctx):
    yield from _problems(doc, ctx, "stray-closer", lambda problem: (
        "closing bracket '  ]' with no open entity: a '[LABEL ' opener is missing or was "
        "deleted"))


STRAY_CLOSER = Rule(RuleMeta(
    code="BRK002", name="stray-closer", family="BRK", formats=("inline",), severity="error",
    summary="A closer '  ]' appears where no entity is open.",
    rationale="A two-space closer is the tagger's end-of-entity marker; without an opener "
              "the entity start was lost, typically when someone deleted '[LABEL '.",
    fix="Add the missing '[LABEL ' opener before the first word of the name, or delete the "
        "closer.",
    bad=(Example("Shining Path  ] attacked\n", expect=("1:15 closing bracket",)),),
    good=("few months [ refs ] )\n", "[ORG Shining Path  ] attacked\n"),
), check=_stray)


def _nested(doc, ctx):
    yield from _problems(doc, ctx, "nested-opener", lambda problem: (
        f"entity '[{problem.label}' opens inside the still-open '[{problem.detail}' entity; "
        "inline annotations cannot nest"))


NESTED_ENTITY = Rule(RuleMeta(
    code="BRK003", name="nested-entity", family="BRK", formats=("inline",), severity="error",
    summary="An entity opener appears inside another open entity.",
    rationale="Inline NER markup is flat: the tagger never nests. A nested opener is a "
              "merge or hand-edit accident and makes both entities unreadable to tools.",
    fix="Keep one of the two entities (usually the outer, longer name) and delete the other's "
        "brackets.",
    bad=(Example("[ORG Ministry of [LOC Peru  ] Defense  ]\n",
                 expect=("1:18 entity '[LOC' opens inside the still-open '[ORG'",)),),
    good=("[ORG Ministry of Defense  ] of [LOC Peru  ]\n", "[ORG Group [ sic ] One  ]\n"),
), check=_nested)


def _empty(doc, ctx):
    text = doc.text
    for problem in doc.problems:
        if problem.kind != "empty":
            continue
        start, end = problem.start, problem.end
        if 0 < start and text[start - 1:start] == " " and text[end:end + 1] in (" ", "\n"):
            start -= 1  # 'the [ORG  ] said' -> 'the said', not 'the  said'
        yield ctx.report(
            problem.start, problem.end,
            f"entity '[{problem.label}  ]' has no text: delete it or put the words inside",
            edits=((start, end, ""),))


EMPTY_ENTITY = Rule(RuleMeta(
    code="BRK004", name="empty-entity", family="BRK", formats=("inline",), severity="error",
    summary="An entity has a label but no text.",
    rationale="An empty entity carries a label for nothing; it is left over from a deleted "
              "mention and inflates label counts.",
    fix="Delete the empty brackets, or move the name's words inside them.",
    fixable="always", fix_safety="safe",
    bad=(Example("officials of the [ORG  ] said\n", expect=("1:18 has no text",),
                 fixed="officials of the said\n"),),
    good=("officials of the [ORG GOP  ] said\n",),
), check=_empty)


class SpacingOptions(RuleOptions):
    """``style``: which closer spacing is canonical.

    ``auto`` takes the document's majority (so a corpus written by the trimmed CogComp
    writer is not flagged wholesale); ``illinois`` wants ``[ORG x  ]``; ``trimmed`` wants
    ``[ORG x]``.
    """

    style: Literal["auto", "illinois", "trimmed"] = "auto"


def _spacing_shape(doc, span) -> tuple[int, int]:
    """(spaces after the label, spaces before ``]``) of one entity."""
    label_end = span.start + 1 + len(span.label)
    return span.text_start - label_end, (span.end - 1) - span.text_end


def _spacing(doc, ctx):
    shapes = [_spacing_shape(doc, span) for span in doc.spans]
    if not shapes:
        return
    style = ctx.options.style
    if style == "auto":
        trailing_counts = Counter(trailing for _, trailing in shapes)
        majority, count = trailing_counts.most_common(1)[0]
        # Only trust a clear majority; a document of two entities has no convention.
        if majority not in (0, 2) or count < 2:
            majority = 2
        style = "trimmed" if majority == 0 else "illinois"
    want = 0 if style == "trimmed" else 2
    canonical = f"[{'ORG x]' if want == 0 else 'ORG x  ]'}"
    for span, (leading, trailing) in zip(doc.spans, shapes):
        if leading == 1 and trailing == want:
            continue
        label_end = span.start + 1 + len(span.label)
        edits = []
        if leading != 1:
            edits.append((label_end, span.text_start, " "))
        if trailing != want:
            edits.append((span.text_end, span.end - 1, " " * want))
        problems = []
        if leading != 1:
            problems.append(f"{leading} spaces after the label")
        if trailing != want:
            problems.append(f"{trailing} space{'s' if trailing != 1 else ''} before ']'")
        yield ctx.report(
            span.start, span.end,
            f"non-canonical spacing in '{doc.text[span.start:span.end]}': "
            f"{' and '.join(problems)}; this corpus writes {canonical}",
            span=span,
            evidence={"style": style, "leading_spaces": leading, "trailing_spaces": trailing},
            edits=edits,
        )


ENTITY_SPACING = Rule(RuleMeta(
    code="BRK005", name="entity-spacing", family="BRK", formats=("inline",), severity="warning",
    summary="An entity's spacing differs from the corpus convention ('[ORG x  ]').",
    rationale="Tools that read this format split on the exact spacing (one space after the "
              "label, two before ']' for the Illinois v2 tagger). Hand-edited entities with "
              "other spacing are read differently by different tools.",
    fix="Respace the entity as the message shows: one space after the label and the "
        "corpus's spacing before ']'.",
    options=SpacingOptions, fixable="always", fix_safety="safe",
    bad=(Example("[ORG Shining Path  ] and [ORG SL ] and [LOC Peru  ]\n",
                 expect=("1:26 non-canonical spacing in '[ORG SL ]'",),
                 fixed="[ORG Shining Path  ] and [ORG SL  ] and [LOC Peru  ]\n"),
         Example("[ORG Shining Path  ] and [LOC Peru  ]\n", options={"style": "trimmed"},
                 expect=("1:1 this corpus writes [ORG x]", "1:26 2 spaces before"),
                 fixed="[ORG Shining Path] and [LOC Peru]\n"),
         Example("[ORG  Shining Path  ] and [LOC Peru  ] and [LOC Lima  ]\n",
                 expect=("1:1 2 spaces after the label",),
                 fixed="[ORG Shining Path  ] and [LOC Peru  ] and [LOC Lima  ]\n"),),
    good=("[ORG Shining Path  ] and [ORG SL  ] and [LOC Peru  ]\n",
          "[PER John Smith] works for [ORG Enron] in [LOC Houston]\n",
          Example("[PER John Smith] works for [ORG Enron]\n", options={"style": "trimmed"})),
), check=_spacing)

RULES = [UNCLOSED_ENTITY, STRAY_CLOSER, NESTED_ENTITY, EMPTY_ENTITY, ENTITY_SPACING]
