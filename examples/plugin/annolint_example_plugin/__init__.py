"""An example annolint plugin, written against the public rule API only
(``linter.rule`` and ``linter.aggregate``).

EXP001 is a document rule: ``check(doc, ctx)`` yields findings.
EXP002 is a corpus rule: ``collect`` keeps a small summary per document, ``contribute`` says
what the document adds to the corpus total and ``lookup_keys`` which totals it needs, so a
pre-commit run judges changed files against the cached total; ``finalize`` reports.
"""

from __future__ import annotations

from linter.aggregate import build
from linter.rule import Example, Rule, RuleMeta


def _colon(doc, ctx):
    for span in doc.spans:
        if span.text.endswith(":") or ": " in span.text:
            yield ctx.report(span.start, span.end,
                             f"{span.label} entity '{span.text}' contains a field label's "
                             "colon; the tagger swallowed a header word", span=span)


COLON = Rule(RuleMeta(
    code="EXP001", name="entity-with-colon", family="EXP",
    summary="An entity's text contains a colon followed by a space, or ends with one.",
    rationale="Header labels such as 'DECL:' or 'SUBJECT:' end with a colon; an entity "
              "holding one is a tagging accident, not a name.",
    fix="Shrink the entity to the name, or remove it if it only holds the field label.",
    bad=(Example("E.O. 12958: [LOC DECL:  ] 2019/11/19\n", expect=("1:13 DECL:",)),),
    good=("[LOC Lima  ] and [ORG SL  ]\n",),
), check=_colon)


def _collect(doc, ctx):
    records = []
    for span in doc.spans:
        if any(c.isalpha() for c in span.text):
            line, column = doc.lines.position(span.start)
            records.append((span.text.casefold(), span.text, line, column,
                            column + span.end - span.start, span.label))
    return records or None


def _contribute(summary):
    total = {}
    for key, form, *_ in summary or ():
        forms = total.setdefault(key, {})
        forms[form] = forms.get(form, 0) + 1
    return total


def _lookup_keys(summary):
    return sorted({record[0] for record in summary or ()})


def _finalize(summaries, ctx):
    total = ctx.aggregate if ctx.aggregate is not None else build(summaries.values(), _contribute)
    for path in sorted(summaries):
        for key, form, line, column, end_column, label in summaries[path] or ():
            forms = total.get(key, {})
            usual = max(forms, key=lambda f: (forms[f], f), default=form)
            if form != usual and forms[usual] > forms.get(form, 0):
                yield ctx.report(path, line, column, end_column,
                                 f"'{form}' is written '{usual}' in {forms[usual]} other "
                                 "mentions in the corpus", span=(form, label),
                                 context=f"{form}|{usual}")


CASING = Rule(RuleMeta(
    code="EXP002", name="casing-variant", family="EXP", scope="corpus",
    summary="An entity string is capitalised differently from its usual form in the corpus.",
    rationale="'LIMA' and 'Lima' are one name; a gazetteer or a model trained on the corpus "
              "sees two. Most variants come from header lines copied in capitals.",
    bad=(Example("=== a.txt ===\n[LOC Lima  ] and [LOC Lima  ]\n=== b.txt ===\n[LOC LIMA  ]\n",
                 expect=("b.txt:1:1 Lima",)),),
    good=("=== a.txt ===\n[LOC Lima  ]\n=== b.txt ===\n[LOC Lima  ]\n",),
), collect=_collect, finalize=_finalize, contribute=_contribute, lookup_keys=_lookup_keys)

RULES = [COLON, CASING]
