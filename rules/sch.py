"""SCH: the label schema: every entity label must belong to the configured label set."""

from __future__ import annotations

from difflib import get_close_matches

from pydantic import Field

from linter.rule import Example, Rule, RuleMeta, RuleOptions


class UnknownLabelOptions(RuleOptions):
    """``label-map``: labels to rename, e.g. ``{PERSON: PER}``; ``check --fix`` relabels
    every entity whose label is a key (the target must be in the label set)."""

    label_map: dict[str, str] = Field(default_factory=dict)


def _unknown_label(doc, ctx):
    known = sorted(ctx.labels)
    label_map = ctx.options.label_map if ctx.options is not None else {}
    for span in doc.spans:
        if span.label in ctx.labels:
            continue
        target = label_map.get(span.label)
        if target in ctx.labels:
            at = span.start + 1
            yield ctx.report(
                span.start, span.end,
                f"label '{span.label}' is not in the label set {', '.join(known)}; the "
                f"label map renames it {target}",
                span=span, evidence={"label": span.label, "label_set": known,
                                     "suggested": target},
                edits=((at, at + len(span.label), target),))
            continue
        guess = get_close_matches(span.label.upper(), known, n=1, cutoff=0.5)
        hint = f" (did you mean {guess[0]}?)" if guess else ""
        yield ctx.report(
            span.start, span.end,
            f"label '{span.label}' is not in the label set {', '.join(known)}{hint}",
            span=span,
            evidence={"label": span.label, "label_set": known},
        )


UNKNOWN_LABEL = Rule(RuleMeta(
    code="SCH001", name="unknown-label", family="SCH", severity="error",
    summary="An entity's label is not in the configured label set.",
    rationale="A label outside the schema (a typo such as 'ORGG', or an OntoNotes label in a "
              "CoNLL corpus) silently becomes its own class in training and evaluation. "
              "Configure the set with 'labels:'.",
    fix="Correct the label to one of the set (the message suggests the closest), or add the "
        "label to 'labels:' in the config if the schema really has it. A systematic rename "
        "(PERSON for PER) goes in the rule's 'label-map', which 'check --fix' applies.",
    options=UnknownLabelOptions, fixable="sometimes", fix_safety="safe",
    bad=(Example("[PERSON Abimael Guzman  ] founded it\n",
                 expect=("1:1 label 'PERSON' is not in the label set",)),
         Example("[PERSON Abimael Guzman  ] founded [ORG SL  ]\n",
                 options={"label-map": {"PERSON": "PER"}},
                 expect=("1:1 the label map renames it PER",),
                 fixed="[PER Abimael Guzman  ] founded [ORG SL  ]\n"),
         Example("[ORGG Shining Path  ] attacked\n", expect=("1:1 did you mean ORG?",))),
    good=("[PER Abimael Guzman  ] founded [ORG SL  ]\n", "[NAME REMOVED] said\n"),
), check=_unknown_label)

RULES = [UNKNOWN_LABEL]
