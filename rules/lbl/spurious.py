"""LBL006: a common word annotated as a name in an all-caps heading.

Case says nothing in an all-caps heading ("GOLF - WOODS LEADS", "EASTERN DIVISION"), so
annotators tag heading words that are not names. Two pieces of evidence make a finding:

* the document itself writes every word of the span in lower case, outside any entity
  ("golf", "division"): in running text it is a common word;
* the corpus never annotates the string (in any case) in running text: a real name in a
  heading ("[LOC TURKEY]", "[LOC US]") is also annotated in some body text, and stays quiet.

The score grows with the number of documents that annotate the string only in headings
(a convention repeated by one annotator is still worth one look, not many).
"""

from __future__ import annotations

from linter.rule import Example, Rule, RuleMeta, RuleOptions
from linter.rules.lbl.evidence import contribute, corpus_total, side_keys, text_key
from linter.rules.lbl.inconsistent_label import casefold_key, judgeable
from linter.rules.lbl.mentions import M_COLUMN, M_END, M_LABEL, M_LINE, M_TEXT
from linter.rules.lbl.scan import summarise
from linter.rules.lbl.views import Views


def spurious_lookup_keys(summary) -> set[str]:
    """LBL006 reads the aggregate of each candidate headline string."""
    if not summary:
        return set()
    return {text_key(summary.mentions[index][M_TEXT]) for index in summary.common}


def find_spurious(summaries, report, *, allow=(), min_score=0.5, aggregate=None,
                  max_examples=5):
    if aggregate is None:
        aggregate = corpus_total(summaries)
    views = Views(aggregate)
    allowed = {casefold_key(text) for text in allow}
    for path, summary in summaries.items():
        if not summary or not summary.common:
            continue
        for index in summary.common:
            mention = summary.mentions[index]
            text, label = mention[M_TEXT], mention[M_LABEL]
            if not judgeable(text) or casefold_key(text) in allowed:
                continue
            view = views(text)
            if view.usual is not None:
                continue  # annotated in running text somewhere: a name
            examples = [where for where in view.text_examples(text) if where[0] != path]
            heading_docs = len({where[0] for where in view.text_examples(text)}) or 1
            score = round(0.6 + 0.3 * (1 - 1 / (1 + heading_docs)), 3)
            if score < min_score:
                continue
            words = " ".join(word.lower() for word in text.split())
            where = ("; it is annotated the same way only in headings elsewhere too ("
                     + ", ".join(f"{p}:{line}:{column}" for p, line, column in
                                 examples[:max_examples]) + ")") if examples else ""
            yield report(
                path, mention[M_LINE], mention[M_COLUMN], mention[M_END],
                f"'{text}' is annotated {label} in an all-caps heading, but this document "
                f"writes '{words}' in lower case as an ordinary word, and no document "
                f"annotates it in running text: probably not a name{where}",
                span=(text, label), score=score,
                evidence={"lower_case_in_document": words, "heading_documents": heading_docs,
                          "examples": [f"{p}:{line}:{column}"
                                       for p, line, column in examples[:max_examples]]},
                context=f"{text}|{label}",
            )


class SpuriousOptions(RuleOptions):
    """``min-score``: findings below this score are not reported (scores are in [0, 1])."""

    min_score: float = 0.5


def _spurious_finalize(summaries, ctx):
    yield from find_spurious(summaries, ctx.report, allow=ctx.allow,
                             min_score=ctx.options.min_score, aggregate=ctx.aggregate)


SPURIOUS_ENTITY = Rule(RuleMeta(
    code="LBL006", name="spurious-entity", family="LBL", severity="warning",
    scope="corpus", options=SpuriousOptions,
    summary="A common word is annotated as a name in an all-caps heading.",
    rationale="In an all-caps heading every word looks like a name, so headings collect "
              "spurious entities ('[MISC GOLF]', '[MISC EASTERN DIVISION]'). When the "
              "document writes the same words in lower case as ordinary words and no "
              "document annotates the string in running text, the annotation is probably "
              "wrong. Names in headings that the corpus also annotates in body text stay "
              "quiet.",
    fix="Remove the annotation if the heading word is an ordinary word here; if it is a name "
        "(a team, a title), keep it and add the string to 'allow:'.",
    bad=(Example("[MISC GOLF  ] - LEADERS AFTER ROUND ONE\nHe has played golf for years .\n",
                 expect=("1:1 'GOLF' is annotated MISC in an all-caps heading",)),),
    good=("=== a.txt ===\n[LOC TURKEY  ] - TALKS END\nThey ate turkey .\n"
          "=== b.txt ===\nTalks in [LOC Turkey  ] ended .\n",
          "[MISC GOLF  ] - LEADERS AFTER ROUND ONE\nHe won the [MISC Golf  ] Masters .\n"),
), collect=summarise, finalize=_spurious_finalize, contribute=contribute,
   lookup_keys=spurious_lookup_keys, expand_keys=side_keys)
