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

from linter.consistency_aggregate import (ANNOTATED, NAME_WORDS, Views, corpus_total, extensions,
                                          text_parts)
from linter.consistency_labels import casefold_key, judgeable
from linter.mentions import (M_COLUMN, M_END, M_LABEL, M_LINE, M_TEXT, MentionSummary,
                             name_like)
from linter.model import Finding

# Capitalised extra words are as often a longer real name ("VRAE Military Region") as a
# swallowed title, so on their own they stay under the default report threshold.
CAPITALISED_EXTRA = 0.45


def find_boundaries(summaries: Mapping[str, MentionSummary | None], code: str, *,
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
    too_long: dict[str, tuple | None] = {}  # text -> its too-long verdict, when >= min_score
    worth: dict[str, bool] = {}
    found = []
    for path, summary in summaries.items():
        if not summary:
            continue
        for mention in summary.mentions:
            text = mention[M_TEXT]
            grown = [(longer, side, words) for longer, side, words in extensions(mention)
                     if annotated(longer) >= min_count]
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
        yield Finding(
            rule=code, path=path, line=mention[M_LINE], column=mention[M_COLUMN],
            end_line=mention[M_LINE], end_column=mention[M_END], message=message,
            span=(text, mention[M_LABEL]), score=round(score, 3),
            evidence={"extent": other, "kind": kind, "annotated": annotated(other),
                      "this_extent": annotated(text), "examples": examples,
                      "other_documents": sorted({p for p, _, _ in elsewhere
                                                 if p != path})[:max_examples]},
            context=f"{text}|{mention[M_LABEL]}|{kind}|{other}",
        )


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
