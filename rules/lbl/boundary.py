"""LBL003: the same name annotated with different extents.

Two shapes, both judged against what the corpus annotates:

* *too short*: the span plus the untagged word(s) next to it is a string the corpus
  annotates ("2nd [ORG Infantry Brigade]" while "[ORG 2nd Infantry Brigade]" exists).
  The score weighs the annotations of the longer string against the mentions of the
  short one with the same word left outside.
* *too long*: a prefix or suffix of the span is a string the corpus annotates on its own,
  and the extra words never occur in any other annotated name ("[ORG SL Expanding
  Influence]" while "[ORG SL]" is annotated 35 times). Extra words that are themselves
  capitalised may make a longer, legitimate name ("Oxford University", "VRAE Military
  Region"), so they score below the default threshold; punctuation and lower-case words
  ("[LOC at London]") score high.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from linter.model import Finding
from linter.rule import Example, Report, Rule, RuleMeta, RuleOptions, extent_edits
from linter.rules.lbl.evidence import (ANNOTATED, NAME_WORDS, contribute, corpus_total,
                                       side_keys)
from linter.rules.lbl.inconsistent_label import casefold_key, judgeable
from linter.rules.lbl.keys import boundary_lookup_keys, extensions, text_parts
from linter.rules.lbl.mentions import (M_COLUMN, M_END, M_LABEL, M_LINE,
                                       M_TEXT, MentionSummary, name_like)
from linter.rules.lbl.mentions import summary_from_data, summary_to_data
from linter.rules.lbl.scan import summarise
from linter.rules.lbl.views import Views

# Capitalised extra words are as often a longer real name ("VRAE Military Region") as a
# swallowed title, so on their own they stay under the default report threshold.
CAPITALISED_EXTRA = 0.45


def find_boundaries(summaries: Mapping[str, MentionSummary | None], report: Report, *,
                    allow: Iterable[str] = (), min_count: int = 2,
                    min_score: float = 0.5, max_examples: int = 5,
                    aggregate: Mapping | None = None) -> Iterable[Finding]:
    """Findings for spans, in the documents of ``summaries``, whose extent disagrees with
    the corpus; corpus evidence from ``aggregate`` (built when None). O(mentions), with
    the string work done once per distinct text."""
    if aggregate is None:
        aggregate = corpus_total(summaries)
    views = Views(aggregate)
    name_words = aggregate.get(NAME_WORDS, {})
    counts = aggregate.get(ANNOTATED, {})  # mentions per exact text

    def annotated(text: str) -> int:
        return counts.get(text, 0)

    allowed = {casefold_key(text) for text in allow}
    # which texts could grow at all: worth working out over the corpus's annotated texts
    # when there are more mentions to judge (a full run), not for a few focus files
    mention_count = sum(len(summary.mentions) for summary in summaries.values() if summary)
    extendable = _extendable(counts, min_count) if mention_count >= len(counts) else None
    prefixes, suffixes = extendable if extendable is not None else (None, None)
    counts_get = counts.get
    too_long: dict[str, tuple | None] = {}  # text -> its too-long verdict, when >= min_score
    worth: dict[str, bool] = {}
    found = []
    for path, summary in summaries.items():
        if not summary:
            continue
        for mention in summary.mentions:
            text = mention[M_TEXT]
            # with ``extendable`` known, only the sides where the text could grow (most
            # cannot) are tried
            grown = [(longer, side, words) for longer, side, words in extensions(
                         mention, left=extendable is None or text in suffixes,
                         right=extendable is None or text in prefixes)
                     if counts_get(longer, 0) >= min_count]
            if text not in too_long:
                best = _too_long(text, annotated, name_words, min_count)
                too_long[text] = best if best is not None and best[0] >= min_score else None
            if not grown and too_long[text] is None:
                continue
            ok = worth.get(text)
            if ok is None:
                ok = worth[text] = casefold_key(text) not in allowed and judgeable(text)
            if not ok:
                continue
            best = _too_short(text, grown, annotated, views(text), min_count) if grown \
                else None
            if best is None:
                best = too_long[text]
            if best is None or best[0] < min_score:
                continue
            found.append((path, summary, mention, best))
    for path, summary, mention, (score, other, kind, detail) in found:
        text = mention[M_TEXT]
        elsewhere = [w for w in views(other).text_examples(other) if w[0] != path]
        if not elsewhere:
            elsewhere = [(path, m[M_LINE], m[M_COLUMN]) for m in summary.mentions
                         if m[M_TEXT] == other]
        examples = [f"{p}:{line}:{column}" for p, line, column in elsewhere[:max_examples]]
        instances = f" (e.g. {', '.join(examples)})" if examples else ""
        if kind == "short":
            message = (f"'{text}' is annotated without '{detail}', but the corpus "
                       f"annotates '{other}' {annotated(other)} times{instances}: the span "
                       f"is probably too short")
        else:
            message = (f"'{text}' includes '{detail}', words the corpus never "
                       f"annotates, while '{other}' alone is annotated {annotated(other)} "
                       f"times{instances}: the span is probably too long")
        yield report(
            path, mention[M_LINE], mention[M_COLUMN], mention[M_END], message,
            span=(text, mention[M_LABEL]), score=round(score, 3),
            evidence={"extent": other, "kind": kind, "annotated": annotated(other),
                      "this_extent": annotated(text), "examples": examples,
                      "other_documents": sorted({p for p, _, _ in elsewhere
                                                 if p != path})[:max_examples]},
            context=f"{text}|{mention[M_LABEL]}|{kind}|{other}",
            edits=extent_edits(mention[M_LINE], mention[M_COLUMN], mention[M_LABEL], text,
                               other),
        )


def _extendable(counts: Mapping[str, int], min_count: int
                ) -> tuple[set[str], set[str]] | None:
    """(prefixes, suffixes): every text that one or two words after (before) it could grow
    into a text annotated at least ``min_count`` times, i.e. the part of such a text before
    (after) one of its spaces. None when ``min_count`` lets a text the corpus never
    annotates count."""
    if min_count <= 0:
        return None
    prefixes: set[str] = set()
    suffixes: set[str] = set()
    for text, count in counts.items():
        if count >= min_count and " " in text:
            at = text.find(" ")
            while at >= 0:
                prefixes.add(text[:at])
                suffixes.add(text[at + 1:])
                at = text.find(" ", at + 1)
    return prefixes, suffixes


def _too_short(text, grown, annotated, view, min_count):
    best = None
    for longer, side, words in grown:
        count = annotated(longer)
        if count < min_count or not any(c.isalnum() for c in words):
            continue
        # mentions of this text with the same words left outside (this one included)
        kept_out = view.outside(text, side + words)
        score = count / (count + kept_out)
        if best is None or score > best[0]:
            best = (score, longer, "short", words)
    return best


def _too_long(text, annotated, name_words, min_count):
    own = annotated(text)
    best = None
    for shorter, dropped, side in text_parts(text):
        count = annotated(shorter)
        if count < max(min_count, 2 * own) or len(shorter) < 2 or \
                not any(c.isalpha() for c in shorter):
            continue
        words = [w for w in dropped if any(c.isalnum() for c in w)]
        # words of the span seen in other annotated names make a longer name plausible
        known = [w for w in words if name_words.get(w, 0) > own * text.split().count(w)]
        if words and len(known) * 2 >= len(words):
            continue
        capitalised = any(name_like(w) for w in words)
        score = count / (count + own + 1) * (CAPITALISED_EXTRA if capitalised else 1.0)
        if best is None or score > best[0]:
            best = (score, shorter, "long", " ".join(dropped))
    return best


class BoundaryOptions(RuleOptions):
    """``min-count``: annotations the other extent needs. ``min-score``: report threshold."""

    min_count: int = 2
    min_score: float = 0.5


def _boundary_finalize(summaries, ctx):
    options = ctx.options
    yield from find_boundaries(summaries, ctx.report, allow=ctx.allow,
                               min_count=options.min_count, min_score=options.min_score,
                               aggregate=ctx.aggregate)


BOUNDARY_INCONSISTENCY = Rule(RuleMeta(
    code="LBL003", name="boundary-inconsistency", family="LBL", severity="warning",
    scope="corpus", options=BoundaryOptions,
    summary="The same name is annotated with different extents in different places.",
    rationale="A span that leaves out a word the corpus includes elsewhere ('2nd [ORG "
              "Infantry Brigade]' vs '[ORG 2nd Infantry Brigade]'), or swallows words the "
              "corpus never annotates ('[ORG SL Expanding Influence]' vs '[ORG SL]'), splits "
              "one name's counts in two and teaches a model two extents.",
    fix="Move the span's edge to the extent the corpus uses (the message names it), or, when "
        "both extents are right in their places, add the string to 'allow:'.",
    fixable="sometimes", fix_safety="unsafe",  # when the extents differ by whole words
    bad=(Example(
        "=== a.txt ===\nthe [ORG 2nd Infantry Brigade  ] left .\n"
        "=== b.txt ===\nthe [ORG 2nd Infantry Brigade  ] came .\n"
        "=== c.txt ===\nsoldiers of the 2nd [ORG Infantry Brigade  ] .\n",
        expect=("c.txt:1:21 2nd Infantry Brigade",),
        fixed="=== a.txt ===\nthe [ORG 2nd Infantry Brigade  ] left .\n"
              "=== b.txt ===\nthe [ORG 2nd Infantry Brigade  ] came .\n"
              "=== c.txt ===\nsoldiers of the [ORG 2nd Infantry Brigade  ] .\n"),),
    good=(
        "=== a.txt ===\n[LOC Oxford  ] is old .\nwe saw [LOC Oxford  ] .\n"
        "=== b.txt ===\nshe studied at the [ORG Oxford University Press  ] office .\n",
    ),
), collect=summarise, dump_summary=summary_to_data, load_summary=summary_from_data,
   finalize=_boundary_finalize, contribute=contribute,
   lookup_keys=boundary_lookup_keys, expand_keys=side_keys)
