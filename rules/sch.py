"""SCH: the label schema: every entity label must belong to the configured label set."""

from __future__ import annotations

from difflib import get_close_matches

from linter.rule import Example, Rule, RuleMeta


def _unknown_label(doc, ctx):
    known = sorted(ctx.labels)
    for span in doc.spans:
        if span.label in ctx.labels:
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
        "label to 'labels:' in the config if the schema really has it.",
    bad=(Example("[PERSON Abimael Guzman  ] founded it\n",
                 expect=("1:1 label 'PERSON' is not in the label set",)),
         Example("[ORGG Shining Path  ] attacked\n", expect=("1:1 did you mean ORG?",))),
    good=("[PER Abimael Guzman  ] founded [ORG SL  ]\n", "[NAME REMOVED] said\n"),
), check=_unknown_label)

RULES = [UNKNOWN_LABEL]
