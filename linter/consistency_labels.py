"""The LBL001 scorer: which mentions of a string carry a label that is probably wrong.

Flagging every minority label buries the real errors among legitimate ambiguity
("Washington" the city and the person; a country as a place and as a football team).
Most real errors are a minority *within their own context*: one mention of a country in
a results table labelled LOC while the other teams are ORG, one mention of a name in a
document that labels it ORG everywhere else. So each mention's label is re-predicted by
a few independent "experts", each a smoothed label distribution over the labels the
string carries in the corpus, and combined as a product of experts (naive Bayes):

* document: the other mentions of the same string in the same document (one sense per
  discourse: the strongest signal, and what makes legitimate ambiguity quiet);
* corpus: the string's labels in the other documents, each document voting with at most
  two mentions so one long document cannot outvote the corpus; its weight shrinks as the
  document's own mentions of the string grow, so a document that consistently uses the
  string in its minority sense (a sports report's "Japan" as a team) is left alone;
* context: other mentions of the string with the same word just before or after it
  (variation n-grams over a one-word window; digits folded, so "Japan 2" matches "Japan 0");
* coordination: the labels of names listed or paired with this one ("A , B and C",
  "A 2 B 1", "A beat B");
* document context: other names in the same document after or before the same word
  ("in X", "X beat"), which catches a results table whose other rows are ORG.

The score is 1 - P(current label), a probability-like number that ranks findings by how
sure we are. Everything is counted in dictionaries in one pass: O(total mentions).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from operator import itemgetter
from dataclasses import dataclass

from linter.mentions import (M_COLUMN, M_HEADLINE, M_LABEL, M_LEFT1, M_LINE, M_RIGHT1,
                             M_SIBLINGS, M_TEXT, MentionSummary, Mention, normal_context)

# (weight, smoothing per label) of each expert; tuned on benchmarks/detection.
EXPERTS = {
    "document": (1.5, 1.0),
    "corpus": (1.0, 0.5),
    "context": (0.7, 1.0),
    "coordination": (0.7, 1.0),
    "document_context": (0.8, 1.0),
}
DOC_VOTE_CAP = 2.0  # a document weighs at most this many mentions in the corpus expert
_TEXT_OF = itemgetter(M_TEXT)
_LABEL_OF = itemgetter(M_LABEL)
_NONE: dict[str, int] = {}


@dataclass(slots=True)
class Verdict:
    """One mention judged probably mislabelled, with the evidence for the message.

    ``mention`` is the summary's tuple (see :mod:`linter.mentions` for its fields)."""

    path: str
    mention: Mention
    key: str
    score: float
    suggested: str
    labels: dict[str, int]
    here: dict[str, int]
    signals: dict[str, dict[str, float]]
    examples: list[str]
    other_paths: list[str]


def judgeable(text: str) -> bool:
    """A string worth judging: has a letter or digit and is not a redaction mark or a
    placeholder made of one repeated character ("XXXXXXXXXXXX", "@")."""
    squeezed = text.replace(" ", "")
    return any(c.isalnum() for c in squeezed) and len(set(squeezed)) > 1


def casefold_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _content(word: str) -> str | None:
    """A context word worth matching on: has a letter or digit."""
    return normal_context(word) if any(c.isalnum() for c in word) else None


class _Contexts:
    """The (side, normalised word) contexts of a mention, with the words' normal forms
    memoised (context words repeat a lot: "in", "the", ",")."""

    __slots__ = ("_words",)

    def __init__(self) -> None:
        self._words: dict[str, str | None] = {}

    def __call__(self, mention: Mention) -> list[tuple[str, str]]:
        words = self._words
        found = []
        raw = mention[M_LEFT1]
        if raw is not None:
            word = words[raw] if raw in words else words.setdefault(raw, _content(raw))
            if word:
                found.append(("L", word))
        raw = mention[M_RIGHT1]
        if raw is not None:
            word = words[raw] if raw in words else words.setdefault(raw, _content(raw))
            if word:
                found.append(("R", word))
        return found


def _keys(docs: list[tuple[str, tuple[Mention, ...]]]) -> list[list[str]]:
    """Group key per mention, per document: the text, with all-caps headline mentions
    mapped to the string's usual casing (a headline's "JAPAN" is the body's "Japan")."""
    wanted = {mention[M_TEXT].casefold() for _, mentions in docs for mention in mentions
              if mention[M_HEADLINE]}
    if not wanted:
        return [list(map(_TEXT_OF, mentions)) for _, mentions in docs]
    forms: dict[str, Counter] = defaultdict(Counter)
    for _, mentions in docs:
        for mention in mentions:
            if not mention[M_HEADLINE]:
                folded = mention[M_TEXT].casefold()
                if folded in wanted:
                    forms[folded][mention[M_TEXT]] += 1
    usual = {folded: counts.most_common(1)[0][0] for folded, counts in forms.items()}
    return [[usual.get(mention[M_TEXT].casefold(), mention[M_TEXT]) if mention[M_HEADLINE]
             else mention[M_TEXT] for mention in mentions] for _, mentions in docs]


def _log_expert(counts: Mapping[str, float], labels: list[str], smoothing: float) -> list[float]:
    total = sum(counts.get(label, 0.0) for label in labels)
    denominator = total + smoothing * len(labels)
    return [math.log((counts.get(label, 0.0) + smoothing) / denominator) for label in labels]


def score_mentions(summaries: Mapping[str, MentionSummary | None], *, allow: Iterable[str] = (),
                   min_count: int = 3, min_score: float = 0.5,
                   max_examples: int = 5) -> list[Verdict]:
    """Judge every mention of every string that carries two or more labels.

    One pass over all mentions counts (key, label) pairs; everything else runs only over
    the documents that hold a mention of a string with two or more labels."""
    docs = [(path, summary.mentions) for path, summary in summaries.items()
            if summary and summary.mentions]
    keys = _keys(docs)
    pairs: Counter = Counter()
    for (_, mentions), doc_keys in zip(docs, keys):
        pairs.update(zip(doc_keys, map(_LABEL_OF, mentions)))
    label_counts: dict[str, dict[str, int]] = {}
    for (key, label), count in pairs.items():
        counts = label_counts.get(key)
        if counts is None:
            label_counts[key] = {label: count}
        else:
            counts[label] = count
    allowed = {casefold_key(text) for text in allow}
    candidates = {key for key, counts in label_counts.items()
                  if len(counts) > 1 and sum(counts.values()) >= min_count and judgeable(key)
                  and casefold_key(key) not in allowed}
    if not candidates:
        return []

    # label counts (plain dicts, in first-seen order) per (string, document), per
    # (string, context), and per context of any name in a document
    contexts = _Contexts()
    doc_counts: dict[tuple[str, str], dict[str, int]] = {}
    context_counts: dict[tuple[str, str, str], dict[str, int]] = {}
    doc_context: dict[tuple[str, str, str], dict[str, int]] = {}
    doc_key_context: dict[tuple[str, str, str, str], dict[str, int]] = {}
    locations: dict[tuple[str, str], list[tuple[str, int, int]]] = defaultdict(list)
    judged: list[tuple[str, Mention, str, list]] = []  # (path, mention, key, contexts)
    for (path, mentions), doc_keys in zip(docs, keys):
        if candidates.isdisjoint(doc_keys):
            continue
        for mention, key in zip(mentions, doc_keys):
            found = contexts(mention)
            label = mention[M_LABEL]
            for side, word in found:
                counts = doc_context.get((path, side, word))
                if counts is None:
                    doc_context[(path, side, word)] = {label: 1}
                else:
                    counts[label] = counts.get(label, 0) + 1
            if key not in candidates:
                continue
            counts = doc_counts.get((key, path))
            if counts is None:
                doc_counts[(key, path)] = {label: 1}
            else:
                counts[label] = counts.get(label, 0) + 1
            for side, word in found:
                counts = context_counts.get((key, side, word))
                if counts is None:
                    context_counts[(key, side, word)] = {label: 1}
                else:
                    counts[label] = counts.get(label, 0) + 1
                counts = doc_key_context.get((path, key, side, word))
                if counts is None:
                    doc_key_context[(path, key, side, word)] = {label: 1}
                else:
                    counts[label] = counts.get(label, 0) + 1
            where = locations[(key, label)]
            if len(where) < 64:
                where.append((path, mention[M_LINE], mention[M_COLUMN]))
            judged.append((path, mention, key, found))

    corpus_votes: dict[str, Counter] = defaultdict(Counter)
    for (key, _), counts in doc_counts.items():
        corpus_votes[key].update(_doc_vote(counts))

    tables = (context_counts, doc_context, doc_key_context)
    sorted_labels = {key: sorted(label_counts[key]) for key in candidates}
    # the document and corpus experts are the same for every mention of a string with
    # the same label in one document: computed once per (string, document, label)
    shared: dict[tuple[str, str, str], tuple] = {}
    verdicts: list[Verdict] = []
    for path, mention, key, found in judged:
        labels = sorted_labels[key]
        label = mention[M_LABEL]
        own = shared.get((key, path, label))
        if own is None:
            own = shared[(key, path, label)] = _own_experts(
                label, labels, doc_counts[(key, path)], corpus_votes[key])
        here, document, corpus, scored = own
        context, coordination, near = _context_signals(mention, found, key, path, labels,
                                                       tables)
        scores = list(scored)
        for name, counts in (("context", context), ("coordination", coordination),
                             ("document_context", near)):
            weight, smoothing = EXPERTS[name]
            for index, value in enumerate(_log_expert(counts, labels, smoothing)):
                scores[index] += weight * value
        top = max(scores)
        exps = [math.exp(value - top) for value in scores]
        probability = exps[labels.index(label)] / sum(exps)
        best = labels[max(range(len(labels)), key=lambda i: scores[i])]
        score = 1.0 - probability
        if best == label or score < min_score:
            continue
        others = [where for where in locations[(key, best)] if where[0] != path]
        examples = [f"{p}:{line}:{column}" for p, line, column in others[:max_examples]]
        if not others:
            examples = [f"{p}:{line}:{column}" for p, line, column in
                        locations[(key, best)][:max_examples]]
        other_paths = sorted({p for p, _, _ in others})[:max_examples]
        signals = {"document": dict(document), "corpus": dict(corpus), "context": context,
                   "coordination": coordination, "document_context": near}
        verdicts.append(Verdict(
            path=path, mention=mention, key=key, score=round(score, 3), suggested=best,
            labels=dict(label_counts[key]), here=dict(here), signals=signals,
            examples=examples, other_paths=other_paths,
        ))
    return verdicts


def _doc_vote(counts: Mapping[str, int]) -> dict[str, float]:
    total = sum(counts.values())
    weight = min(total, DOC_VOTE_CAP) / total
    return {label: count * weight for label, count in counts.items()}


def _own_experts(label: str, labels: list[str], here: Mapping[str, int],
                 corpus_total: Counter):
    """(here, document expert, corpus expert, their weighted log-probabilities summed per
    label) for a mention labelled ``label``, with the mention itself left out."""
    own = {label: 1}
    document = _minus(here, own)
    mine = _doc_vote(here)
    corpus = {label: corpus_total.get(label, 0.0) - mine.get(label, 0.0) for label in labels}
    document = {label: float(count) for label, count in document.items() if count > 0}
    corpus = {label: round(value, 3) for label, value in corpus.items() if value > 1e-9}
    in_doc = sum(here.values()) - 1
    scores = [0.0] * len(labels)
    for name, counts in (("document", document), ("corpus", corpus)):
        weight, smoothing = EXPERTS[name]
        if name == "corpus":
            weight /= 1 + in_doc / 2  # the document's own usage speaks louder
        for index, value in enumerate(_log_expert(counts, labels, smoothing)):
            scores[index] += weight * value
    return here, document, corpus, scores


def _context_signals(mention: Mention, found: list[tuple[str, str]], key: str, path: str,
                     labels: list[str], tables):
    """The context, coordination and document-context experts' label counts for
    ``mention``, with the mention itself left out."""
    context_counts, doc_context, doc_key_context = tables
    own = {mention[M_LABEL]: 1}
    context: Counter = Counter()
    near: Counter = Counter()
    for side, word in found:
        context.update(_minus(context_counts.get((key, side, word), _NONE), own))
        # other names only: the string's own mentions are already in the document expert
        near.update(_minus(doc_context.get((path, side, word), _NONE),
                           doc_key_context.get((path, key, side, word), _NONE)))
    siblings = mention[M_SIBLINGS]
    coordination = Counter(label for label in siblings if label in labels) if siblings else {}
    return (
        {label: float(count) for label, count in context.items() if count > 0},
        {label: float(count) for label, count in coordination.items()},
        {label: float(count) for label, count in near.items() if count > 0 and label in labels},
    )


def _minus(counts: Mapping[str, float], other: Mapping[str, float]) -> dict[str, float]:
    return {label: value - other.get(label, 0) for label, value in counts.items()
            if value - other.get(label, 0) > 0}
