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
sure we are. The corpus-wide counts (labels, capped document votes, contexts) come from
the additive LBL aggregate (:mod:`linter.rules.lbl.evidence`), built in a full run and
cached by the index for a pre-commit run; the document's own counts from its summary.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from linter.rule import Example, Rule, RuleMeta, RuleOptions, relabel_edits
from linter.rules.lbl.evidence import (VOTE_SCALE, content_word, contribute, corpus_total,
                                       scaled_vote, side_keys)
from linter.rules.lbl.keys import label_lookup_keys
from linter.rules.lbl.mentions import (M_COLUMN, M_END, M_HEADLINE, M_LABEL, M_LEFT1, M_LINE,
                                       M_RIGHT1, M_SIBLINGS, M_TEXT, Mention, MentionSummary,
                                       left_words, right_words)
from linter.rules.lbl.mentions import summary_from_data, summary_to_data
from linter.rules.lbl.scan import summarise
from linter.rules.lbl.support import is_one_off, isolated, support_factor
from linter.rules.lbl.views import TextView, Views

# (weight, smoothing per label) of each expert; tuned on benchmarks/detection.
EXPERTS = {
    "document": (3.0, 1.0),
    "corpus": (0.5, 0.5),
    "context": (0.2, 1.0),
    "coordination": (3.0, 1.0),
    "document_context": (0.2, 1.0),
}
_NONE: dict[str, int] = {}


@dataclass(slots=True)
class Verdict:
    """One mention judged probably mislabelled, with the evidence for the message.

    ``mention`` is the summary's tuple (see :mod:`linter.rules.lbl.mentions` for its fields)."""

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
    one_off: bool = False  # the string's only mention with its label (see _one_off)


def judgeable(text: str) -> bool:
    """A string worth judging: has a letter or digit and is not a redaction mark or a
    placeholder made of one repeated character ("XXXXXXXXXXXX", "@")."""
    squeezed = text.replace(" ", "")
    return any(c.isalnum() for c in squeezed) and len(set(squeezed)) > 1


def casefold_key(text: str) -> str:
    return " ".join(text.split()).casefold()


_content = content_word


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


def _log_expert(counts: Mapping[str, float], labels: list[str], smoothing: float) -> list[float]:
    total = sum(counts.get(label, 0.0) for label in labels)
    denominator = total + smoothing * len(labels)
    return [math.log((counts.get(label, 0.0) + smoothing) / denominator) for label in labels]


def score_mentions(summaries: Mapping[str, MentionSummary | None], *, allow: Iterable[str] = (),
                   min_count: int = 3, min_score: float = 0.5, max_examples: int = 5,
                   aggregate: Mapping | None = None) -> list[Verdict]:
    """Judge every mention, in the documents of ``summaries``, of a string that carries two
    or more labels in the corpus.

    Corpus-wide evidence comes from ``aggregate`` (the LBL aggregate of the whole corpus,
    see :mod:`linter.rules.lbl.evidence`; built from ``summaries`` when None), the
    document's own evidence from its summary."""
    if aggregate is None:
        aggregate = corpus_total(summaries)
    views = Views(aggregate)
    allowed = {casefold_key(text) for text in allow}
    candidate: dict[str, bool] = {}  # strings with two labels, judged in every mention
    open_to: dict[str, bool] = {}  # strings judged where their slot disputes the label
    label_counts: dict[str, dict[str, int]] = {}
    contexts = _Contexts()
    verdicts: list[Verdict] = []
    for path, summary in summaries.items():
        if not summary or not summary.mentions:
            continue
        mentions = summary.mentions
        doc_views = [views(mention[M_TEXT]) for mention in mentions]
        keys = [view.group(mention[M_TEXT], mention[M_HEADLINE])
                for view, mention in zip(doc_views, mentions)]
        judged_any = False
        for key, view, mention in zip(keys, doc_views, mentions):
            ok = candidate.get(key)
            if ok is None:
                counts = label_counts[key] = view.labels(key)
                worth = judgeable(key) and casefold_key(key) not in allowed
                ok = candidate[key] = (len(counts) > 1 and sum(counts.values()) >= min_count
                                       and worth)
                open_to[key] = worth
            judged_any = judged_any or ok or (open_to[key] and _disputed(mention))
        if judged_any:
            verdicts.extend(_judge_document(path, mentions, keys, doc_views, candidate,
                                            open_to, label_counts, contexts, min_score,
                                            max_examples))
    return verdicts


def _disputed(mention: Mention) -> bool:
    """Whether a name listed or paired with the mention carries another label."""
    own = mention[M_LABEL]
    return any(label != own for label in mention[M_SIBLINGS])


def _judge_document(path, mentions, keys, doc_views, candidate, open_to, label_counts,
                    contexts, min_score, max_examples) -> list[Verdict]:
    # label counts (plain dicts, in first-seen order) per string and per context of any
    # name in this document; the string's corpus counts per context come from the aggregate
    doc_counts: dict[str, dict[str, int]] = {}
    doc_context: dict[tuple[str, str], dict[str, int]] = {}
    doc_key_context: dict[tuple[str, str, str], dict[str, int]] = {}
    line_context: dict[tuple[int, str, str], dict[str, int]] = {}  # the same, per line
    judged: list[tuple[Mention, str, TextView, list]] = []
    for mention, key, view in zip(mentions, keys, doc_views):
        found = contexts(mention)
        label = mention[M_LABEL]
        line = mention[M_LINE]
        for side, word in found:
            counts = doc_context.get((side, word))
            if counts is None:
                doc_context[(side, word)] = {label: 1}
            else:
                counts[label] = counts.get(label, 0) + 1
            counts = line_context.setdefault((line, side, word), {})
            counts[label] = counts.get(label, 0) + 1
        if not (candidate[key] or (open_to[key] and _disputed(mention))):
            continue
        counts = doc_counts.get(key)
        if counts is None:
            doc_counts[key] = {label: 1}
        else:
            counts[label] = counts.get(label, 0) + 1
        for side, word in found:
            counts = doc_key_context.get((key, side, word))
            if counts is None:
                doc_key_context[(key, side, word)] = {label: 1}
            else:
                counts[label] = counts.get(label, 0) + 1
        judged.append((mention, key, view, found))

    # the document and corpus experts are the same for every mention of a string with
    # the same label in one document: computed once per (string, label)
    shared: dict[tuple[str, str], tuple] = {}
    sorted_labels: dict[str, list[str]] = {}
    verdicts: list[Verdict] = []
    for mention, key, view, found in judged:
        labels = sorted_labels.get(key)
        if labels is None:
            labels = sorted_labels[key] = sorted(label_counts[key])
        if not set(mention[M_SIBLINGS]) <= set(labels):
            labels = sorted(set(labels).union(mention[M_SIBLINGS]))
        label = mention[M_LABEL]
        own = shared.get((key, label, len(labels)))
        if own is None:
            own = shared[(key, label, len(labels))] = _own_experts(label, labels, doc_counts[key],
                                                      view.votes(key))
        here, document, corpus, scored = own
        context, coordination, near = _context_signals(mention, found, key, view, labels,
                                                       doc_context, doc_key_context,
                                                       line_context)
        scores = list(scored)
        for name, counts in (("context", context), ("coordination", coordination),
                             ("document_context", near)):
            weight, smoothing = EXPERTS[name]
            for index, value in enumerate(_log_expert(counts, labels, smoothing)):
                scores[index] += weight * value
        top = max(scores)
        exps = [math.exp(value - top) for value in scores]
        probability = exps[labels.index(label)] / sum(exps)
        # a label the string never has is no suggestion, whatever its row says: the best
        # of the labels it carries is (a row of ORG names says the mention is not LOC, so
        # "Putin", LOC here and PER everywhere else, is still judged)
        carried = label_counts[key]
        best = labels[max((i for i in range(len(labels)) if carried.get(labels[i])),
                          key=lambda i: scores[i])]
        if best == label:
            continue
        local = (_NONE if isolated(mention) else own[1], coordination, near, context)
        one_off = is_one_off(label, best, carried, local)
        score = (1.0 - probability) * support_factor(best, label, local, own[2],
                                                     one_off=one_off)
        if score < min_score:
            continue
        others = [where for where in view.group_examples(key, best) if where[0] != path]
        if others:
            shown = others[:max_examples]
        else:
            shown = [(path, other[M_LINE], other[M_COLUMN])
                     for other, other_key in zip(mentions, keys)
                     if other_key == key and other[M_LABEL] == best][:max_examples]
        examples = [f"{p}:{line}:{column}" for p, line, column in shown]
        other_paths = sorted({p for p, _, _ in others})[:max_examples]
        signals = {"document": dict(document), "corpus": dict(corpus), "context": context,
                   "coordination": coordination, "document_context": near}
        verdicts.append(Verdict(
            path=path, mention=mention, key=key, score=round(score, 3), suggested=best,
            labels=dict(label_counts[key]), here=dict(here), signals=signals,
            examples=examples, other_paths=other_paths, one_off=one_off,
        ))
    return verdicts


def _own_experts(label: str, labels: list[str], here: Mapping[str, int],
                 corpus_total: Mapping[str, int]):
    """(here, document expert, corpus expert, their weighted log-probabilities summed per
    label) for a mention labelled ``label``, with the mention itself left out.
    ``corpus_total`` is the string's summed document votes scaled by ``VOTE_SCALE``."""
    own = {label: 1}
    document = _minus(here, own)
    mine = scaled_vote(here)
    corpus = {label: (corpus_total.get(label, 0) - mine.get(label, 0)) / VOTE_SCALE
              for label in labels}
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


def _context_signals(mention: Mention, found: list[tuple[str, str]], key: str,
                     view: TextView, labels: list[str], doc_context, doc_key_context,
                     line_context):
    """The context, coordination and document-context experts' label counts for
    ``mention``, with the mention itself left out."""
    own = {mention[M_LABEL]: 1}
    context: Counter = Counter()
    near: Counter = Counter()
    for side, word in found:
        context.update(_minus(view.context(key, side + word), own))
        # other names only: the string's own mentions are already in the document expert
        # and names on other lines: those on this line are the coordination expert's
        other = _minus(doc_context.get((side, word), _NONE),
                       doc_key_context.get((key, side, word), _NONE))
        same_line = _minus(line_context.get((mention[M_LINE], side, word), _NONE), own)
        near.update(_minus(other, same_line))
    siblings = mention[M_SIBLINGS]
    coordination = Counter(label for label in siblings if label in labels) if siblings else {}
    return (
        {label: float(count) for label, count in context.items() if count > 0},
        # shares, not counts: a long list must not outvote the corpus by its length
        {label: round(count / sum(coordination.values()), 3)
         for label, count in coordination.items()},
        {label: float(count) for label, count in near.items() if count > 0 and label in labels},
    )


def _minus(counts: Mapping[str, float], other: Mapping[str, float]) -> dict[str, float]:
    return {label: value - other.get(label, 0) for label, value in counts.items()
            if value - other.get(label, 0) > 0}


class LabelOptions(RuleOptions):
    """``min-count``: mentions a string needs corpus-wide before its labels are judged.
    ``min-score``: findings below this score are not reported (scores are in [0, 1])."""

    min_count: int = 3
    min_score: float = 0.65


def _label_finalize(summaries, ctx):
    options = ctx.options
    for verdict in score_mentions(summaries, allow=ctx.allow, min_count=options.min_count,
                                  min_score=options.min_score, aggregate=ctx.aggregate):
        mention = verdict.mention
        text, label, line = mention[M_TEXT], mention[M_LABEL], mention[M_LINE]
        others = sum(verdict.labels.values()) - 1
        agree = verdict.labels.get(verdict.suggested, 0)
        here_other = {k: v - (k == label) for k, v in verdict.here.items()}
        here_text = ""
        if here_other.get(verdict.suggested):
            here_text = (f", {here_other[verdict.suggested]} of them in this document")
        where = "; see " + ", ".join(verdict.examples) if verdict.examples else ""
        why = _reasons(verdict)
        message = (
            f"'{text}' is {label} here but {verdict.suggested} in {agree} of "
            f"{others} other mentions{here_text}{why}{where}"
        )
        yield ctx.report(
            verdict.path, line, mention[M_COLUMN], mention[M_END], message,
            span=(text, label), score=verdict.score,
            evidence={
                "labels": verdict.labels, "this_document": verdict.here,
                "suggested": verdict.suggested, "other_documents": verdict.other_paths,
                "examples": verdict.examples, "signals": verdict.signals,
            },
            context=f"{text}|{label}|{' '.join(left_words(mention))}|"
                    f"{' '.join(right_words(mention))}",
            edits=relabel_edits(line, mention[M_COLUMN], label, verdict.suggested),
        )


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def _reasons(verdict) -> str:
    """The context signals that back the suggestion, in an annotator's words."""
    parts = []
    if verdict.one_off:
        parts.append(f"no other mention of it in the corpus is {verdict.mention[M_LABEL]}")
    signals = verdict.signals
    suggested = verdict.suggested
    if signals["context"].get(suggested):
        parts.append(f"its neighbouring words go with {suggested} elsewhere "
                     f"({_times(int(signals['context'][suggested]))})")
    if signals["coordination"].get(suggested):
        parts.append(f"the names listed or paired with it on this line (a list, a fixture "
                     f"or a table row) are {suggested}")
    if signals["document_context"].get(suggested):
        parts.append(f"other names in the same position in this document are {suggested}")
    return f" ({'; '.join(parts)})" if parts else ""


INCONSISTENT_LABEL = Rule(RuleMeta(
    code="LBL001", name="inconsistent-label", family="LBL", severity="warning",
    scope="corpus", options=LabelOptions,
    summary="A string is annotated with a label that its other mentions, in this document, "
            "the corpus and the same context, contradict.",
    rationale="The same name labelled differently is the commonest annotation error, but "
              "many names are legitimately ambiguous (a country as a place and as a team). "
              "The rule re-predicts each mention's label from the other mentions in its "
              "document, in the corpus, with the same neighbouring words and from the names "
              "listed with it, and reports only mentions whose label that evidence "
              "contradicts, ranked by score. Add known-ambiguous strings to 'allow:'.",
    fix="Relabel the mention with the suggested label if it names the same thing as the "
        "mentions the message cites; if it names something else here (the team, not the "
        "city), keep it, and add strings that are often ambiguous to 'allow:'.",
    fixable="always", fix_safety="unsafe",  # relabels to the suggested label
    bad=(Example(
        "=== a.txt ===\nTalks in [LOC Lima  ] went well .\n[LOC Lima  ] is cold .\n"
        "=== b.txt ===\nWe flew to [LOC Lima  ] today .\nThen [ORG Lima  ] and [LOC Quito  ] "
        "were rainy .\n"
        "=== c.txt ===\n[LOC Lima  ] hosts the summit .\n",
        expect=("b.txt:2:6 'Lima' is ORG here but LOC",),
        fixed="=== a.txt ===\nTalks in [LOC Lima  ] went well .\n[LOC Lima  ] is cold .\n"
              "=== b.txt ===\nWe flew to [LOC Lima  ] today .\nThen [LOC Lima  ] and "
              "[LOC Quito  ] were rainy .\n"
              "=== c.txt ===\n[LOC Lima  ] hosts the summit .\n"),),
    good=(
        "=== a.txt ===\n[LOC Lima  ] is cold .\nWe flew to [LOC Lima  ] .\n"
        "=== b.txt ===\nWe flew to [LOC Lima  ] again .\n",
        "=== a.txt ===\n[PER Washington  ] said he would run .\n[PER Washington  ] won .\n"
        "=== b.txt ===\nWe flew to [LOC Washington  ] .\n[LOC Washington  ] is humid .\n"
        "=== c.txt ===\nThe summit in [LOC Washington  ] ended .\n",
    ),
), collect=summarise, dump_summary=summary_to_data, load_summary=summary_from_data,
   finalize=_label_finalize, contribute=contribute,
   lookup_keys=label_lookup_keys, expand_keys=side_keys)
