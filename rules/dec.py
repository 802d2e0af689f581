"""DEC: what a reviewer settled in the decisions file (``annolint-decisions.yaml``).

``VRAE: LOC`` says every mention of VRAE is LOC: a mention labelled otherwise, or left
bare, is a DEC001 finding whose fix relabels or annotates it (the label-consistency
findings about VRAE are then silent: the decision settled them). ``Embassy: none`` says
the string is never an entity: an annotated mention is a finding whose fix untags it.
The engine hands DEC001 the decisions as its options (see :mod:`linter.decisions`);
DEC002 is emitted after the run for decisions that no longer match anything.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from linter.decisions import DecisionOptions, in_scope
from linter.rule import Example, Rule, RuleMeta, untag_edits


def _decided(doc, ctx):
    options = ctx.options
    if options is None or not options.strings:
        return
    ends = [span.end for span in doc.spans]
    for decision in options.strings:
        if not in_scope(decision, doc.path, options.root):
            continue
        text, label = decision.text, decision.label
        evidence = {"decision": text, "label": label or "none"}
        for span in doc.spans:
            if span.text != text or span.label == label:
                continue
            if label is None:
                yield ctx.report(
                    span.start, span.end,
                    f"'{text}' is annotated {span.label} here, but the decisions file says "
                    "it is never an entity", span=span, evidence=evidence,
                    edits=untag_edits(span))
            else:
                at = span.start + 1
                yield ctx.report(
                    span.start, span.end,
                    f"'{text}' is {span.label} here, but the decisions file settles it as "
                    f"{label}", span=span, evidence=evidence,
                    edits=((at, at + len(span.label), label),))
        if label is None:
            continue
        for match in re.finditer(rf"(?<!\S){re.escape(text)}(?!\S)", doc.text):
            index = bisect_right(ends, match.start())
            if index < len(doc.spans) and doc.spans[index].start <= match.start():
                continue  # inside an entity (a longer name, or the decided one)
            yield ctx.report(
                match.start(), match.end(),
                f"'{text}' is not annotated here, but the decisions file settles it as "
                f"{label}", evidence=evidence,
                edits=((match.start(), match.end(), f"[{label} {text}  ]"),))


DECIDED_LABEL = Rule(RuleMeta(
    code="DEC001", name="decided-label", family="DEC", severity="warning",
    options=DecisionOptions, fixable="always", fix_safety="unsafe",
    summary="A mention disagrees with what the decisions file settled for its string.",
    rationale="A reviewer recorded in annolint-decisions.yaml that a string is always one "
              "label ('VRAE: LOC') or never an entity ('Embassy: none'); a mention labelled "
              "otherwise, or left bare, contradicts that decision.",
    fix="Relabel, annotate or untag the mention as the decision says (check --fix "
        "--unsafe-fixes does it), or change the decision if it was wrong.",
    bad=(Example("the [LOC Apurimac-Ene River Valley  ] ( [ORG VRAE  ] ) and VRAE .\n",
                 options={"strings": [{"text": "VRAE", "label": "LOC"}]},
                 expect=("1:41 'VRAE' is ORG here, but the decisions file settles it",
                         "1:60 'VRAE' is not annotated here"),
                 fixed="the [LOC Apurimac-Ene River Valley  ] ( [LOC VRAE  ] ) and "
                       "[LOC VRAE  ] .\n"),
         Example("the [ORG Embassy  ] said .\n",
                 options={"strings": [{"text": "Embassy", "label": None}]},
                 expect=("1:5 never an entity",), fixed="the Embassy said .\n")),
    good=(Example("the [LOC VRAE  ] and the [MISC VRAE Military Region  ] .\n",
                  options={"strings": [{"text": "VRAE", "label": "LOC"}]}),
          Example("the Embassy said .\n",
                  options={"strings": [{"text": "Embassy", "label": None}]})),
), check=_decided)


UNUSED_DECISION = Rule(RuleMeta(
    code="DEC002", name="unused-decision", family="DEC", scope="file", severity="warning",
    summary="A decision in the decisions file matches nothing in the checked files.",
    rationale="A decision whose string no longer occurs, or an accepted finding that no "
              "longer fires, is dead weight that hides nothing today and may silence "
              "something unrelated tomorrow (like an unused 'noqa').",
    fix="Delete the entry from annolint-decisions.yaml (the message gives its line).",
))

RULES = [DECIDED_LABEL, UNUSED_DECISION]
