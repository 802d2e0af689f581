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
from dataclasses import dataclass

from linter.mentions import DocSummary, Mention, normal_context

# (weight, smoothing per label) of each expert; tuned on benchmarks/detection.
EXPERTS = {
    "document": (1.5, 1.0),
    "corpus": (1.0, 0.5),
    "context": (0.7, 1.0),
    "coordination": (0.7, 1.0),
    "document_context": (0.8, 1.0),
}
DOC_VOTE_CAP = 2.0  # a document weighs at most this many mentions in the corpus expert


@dataclass(slots=True)
class Verdict:
    """One mention judged probably mislabelled, with the evidence for the message."""

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


def _keys(entries: list[tuple[str, Mention]]) -> list[str]:
    """Group key per mention: the text, with all-caps headline mentions mapped to the
    string's usual casing (a headline's "JAPAN" is the body's "Japan")."""
    forms: dict[str, Counter] = defaultdict(Counter)
    for _, mention in entries:
        if not mention.headline:
            forms[mention.text.casefold()][mention.text] += 1
    keys = []
    for _, mention in entries:
        if mention.headline:
            usual = forms.get(mention.text.casefold())
            keys.append(usual.most_common(1)[0][0] if usual else mention.text)
        else:
            keys.append(mention.text)
    return keys


def _content(word: str) -> str | None:
    """A context word worth matching on: has a letter or digit."""
    return normal_context(word) if any(c.isalnum() for c in word) else None


def _contexts(mention: Mention) -> list[tuple[str, str]]:
    found = []
    if mention.left:
        word = _content(mention.left[0])
        if word:
            found.append(("L", word))
    if mention.right:
        word = _content(mention.right[0])
        if word:
            found.append(("R", word))
    return found


def _log_expert(counts: Mapping[str, float], labels: list[str], smoothing: float) -> list[float]:
    total = sum(counts.get(label, 0.0) for label in labels)
    denominator = total + smoothing * len(labels)
    return [math.log((counts.get(label, 0.0) + smoothing) / denominator) for label in labels]


def score_mentions(summaries: Mapping[str, DocSummary | None], *, allow: Iterable[str] = (),
                   min_count: int = 3, min_score: float = 0.5,
                   max_examples: int = 5) -> list[Verdict]:
    """Judge every mention of every string that carries two or more labels."""
    entries = [(path, mention) for path, summary in summaries.items() if summary
               for mention in summary.mentions]
    keys = _keys(entries)
    allowed = {casefold_key(text) for text in allow}
    label_counts: dict[str, Counter] = defaultdict(Counter)
    for (_, mention), key in zip(entries, keys):
        label_counts[key][mention.label] += 1
    candidates = {key for key, counts in label_counts.items()
                  if len(counts) > 1 and judgeable(key) and sum(counts.values()) >= min_count
                  and casefold_key(key) not in allowed}
    if not candidates:
        return []

    doc_counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    context_counts: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    doc_context: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    doc_key_context: dict[tuple[str, str, str, str], Counter] = defaultdict(Counter)
    locations: dict[tuple[str, str], list[tuple[str, int, int]]] = defaultdict(list)
    for (path, mention), key in zip(entries, keys):
        for side, word in _contexts(mention):
            doc_context[(path, side, word)][mention.label] += 1
        if key not in candidates:
            continue
        doc_counts[(key, path)][mention.label] += 1
        for side, word in _contexts(mention):
            context_counts[(key, side, word)][mention.label] += 1
            doc_key_context[(path, key, side, word)][mention.label] += 1
        where = locations[(key, mention.label)]
        if len(where) < 64:
            where.append((path, mention.line, mention.column))

    corpus_votes: dict[str, Counter] = defaultdict(Counter)
    for (key, _), counts in doc_counts.items():
        corpus_votes[key].update(_doc_vote(counts))

    verdicts: list[Verdict] = []
    for (path, mention), key in zip(entries, keys):
        if key not in candidates:
            continue
        labels = sorted(label_counts[key])
        here = doc_counts[(key, path)]
        signals = _signals(mention, key, path, labels, here, corpus_votes[key],
                           (context_counts, doc_context, doc_key_context))
        scores = [0.0] * len(labels)
        in_doc = sum(here.values()) - 1
        for name, counts in signals.items():
            weight, smoothing = EXPERTS[name]
            if name == "corpus":
                weight /= 1 + in_doc / 2  # the document's own usage speaks louder
            for index, value in enumerate(_log_expert(counts, labels, smoothing)):
                scores[index] += weight * value
        top = max(scores)
        exps = [math.exp(value - top) for value in scores]
        probability = exps[labels.index(mention.label)] / sum(exps)
        best = labels[max(range(len(labels)), key=lambda i: scores[i])]
        score = 1.0 - probability
        if best == mention.label or score < min_score:
            continue
        others = [where for where in locations[(key, best)] if where[0] != path]
        examples = [f"{p}:{line}:{column}" for p, line, column in others[:max_examples]]
        if not others:
            examples = [f"{p}:{line}:{column}" for p, line, column in
                        locations[(key, best)][:max_examples]]
        other_paths = sorted({p for p, _, _ in others})[:max_examples]
        verdicts.append(Verdict(
            path=path, mention=mention, key=key, score=round(score, 3), suggested=best,
            labels=dict(label_counts[key]), here=dict(here), signals=signals,
            examples=examples, other_paths=other_paths,
        ))
    return verdicts


def _doc_vote(counts: Counter) -> dict[str, float]:
    total = sum(counts.values())
    weight = min(total, DOC_VOTE_CAP) / total
    return {label: count * weight for label, count in counts.items()}


def _signals(mention: Mention, key: str, path: str, labels: list[str], here: Counter,
             corpus_total: Counter, tables) -> dict[str, dict[str, float]]:
    """Each expert's label counts for ``mention``, with the mention itself left out."""
    context_counts, doc_context, doc_key_context = tables
    own = {mention.label: 1}
    document = _minus(here, own)
    mine = _doc_vote(here)
    corpus = {label: corpus_total.get(label, 0.0) - mine.get(label, 0.0) for label in labels}
    context: Counter = Counter()
    near: Counter = Counter()
    for side, word in _contexts(mention):
        context.update(_minus(context_counts.get((key, side, word), Counter()), own))
        # other names only: the string's own mentions are already in the document expert
        near.update(_minus(doc_context.get((path, side, word), Counter()),
                           doc_key_context.get((path, key, side, word), Counter())))
    coordination = Counter(label for label in mention.siblings if label in labels)
    return {
        "document": {label: float(count) for label, count in document.items() if count > 0},
        "corpus": {label: round(value, 3) for label, value in corpus.items() if value > 1e-9},
        "context": {label: float(count) for label, count in context.items() if count > 0},
        "coordination": {label: float(count) for label, count in coordination.items()},
        "document_context": {label: float(count) for label, count in near.items()
                             if count > 0 and label in labels},
    }


def _minus(counts: Mapping[str, float], other: Mapping[str, float]) -> dict[str, float]:
    return {label: value - other.get(label, 0) for label, value in counts.items()
            if value - other.get(label, 0) > 0}
