"""LBL002: names annotated elsewhere but left bare here.

Matching is exact and case-sensitive against the strings the corpus annotates, over the
runs of capitalised words the mention index kept. Precision comes from what is *not*
flagged:

* a match that continues into more capitalised words ("Washington" in "Washington Post")
  is probably a longer, different name;
* a match preceded inside its run by a word that occurs in annotated names is probably
  part of a longer name too (a preceding title such as "President" is fine);
* a single word at the start of a sentence is skipped unless this document annotates it
  and never writes it in lower case ("May", "Will", "Turkey" ...);
* a string that the corpus leaves bare about as often as it annotates it is a policy
  or ambiguity question, not a slip: the score weighs annotated against bare mentions,
  and annotations in the same document count double.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from linter.consistency_labels import casefold_key, judgeable
from linter.mentions import DocSummary
from linter.model import Finding

MAX_NAME_WORDS = 6
COORDINATION = frozenset({"and", "&", "or"})


def _index(summaries: Mapping[str, DocSummary | None]):
    labels: dict[str, Counter] = defaultdict(Counter)
    in_doc: dict[tuple[str, str], tuple[int, int]] = {}
    where: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    name_words: Counter = Counter()
    for path, summary in summaries.items():
        if not summary:
            continue
        for mention in summary.mentions:
            text = mention.text
            labels[text][mention.label] += 1
            in_doc.setdefault((path, text), (mention.line, mention.column))
            if len(where[text]) < 16:
                where[text].append((path, mention.line, mention.column))
            name_words.update(text.split())
    return labels, in_doc, where, name_words


def _matches(run, annotated, name_words) -> Iterable[tuple[int, int, str]]:
    """(first word, word count, text) of each acceptable match in ``run``."""
    words = run.words
    i = 0
    while i < len(words):
        found = None
        for n in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
            text = " ".join(words[i:i + n])
            if text in annotated:
                found = (n, text)
                break
        if found is None:
            i += 1
            continue
        n, text = found
        after = words[i + n] if i + n < len(words) else None
        before = words[i - 1] if i > 0 else None
        continues = after is not None and after.lower() not in COORDINATION
        longer_left = (before is not None and before.lower() not in COORDINATION
                       and name_words.get(before, 0) > 0 and not (i == 1 and run.initial))
        if not continues and not longer_left:
            yield i, n, text
        i += n


def find_missed(summaries: Mapping[str, DocSummary | None], code: str, *,
                allow: Iterable[str] = (), min_count: int = 2,
                min_score: float = 0.5, max_examples: int = 5) -> Iterable[Finding]:
    """Findings for bare mentions of annotated strings; O(words in candidate runs)."""
    labels, in_doc, where, name_words = _index(summaries)
    allowed = {casefold_key(text) for text in allow}
    candidates: list[tuple[str, object, int, int, str]] = []
    bare: Counter = Counter()
    for path, summary in summaries.items():
        if not summary:
            continue
        for run in summary.runs:
            for i, n, text in _matches(run, labels, name_words):
                if not any(c.isalpha() for c in text) or len(text) < 2 or not judgeable(text):
                    continue
                if casefold_key(text) in allowed:
                    continue
                here = in_doc.get((path, text))
                if i == 0 and n == 1 and run.initial and (here is None or run.lower_seen):
                    continue  # a capitalised first word of a sentence, not a name
                bare[text] += 1
                candidates.append((path, run, i, n, text))
    for path, run, i, n, text in candidates:
        counts = labels[text]
        annotated = sum(counts.values())
        here = in_doc.get((path, text))
        doc_weight = 2 if here else 0
        if here is None and annotated < min_count:
            continue
        score = (annotated + doc_weight) / (annotated + doc_weight + bare[text])
        if score < min_score:
            continue
        label, top = counts.most_common(1)[0]
        elsewhere = [w for w in where[text] if w[0] != path][:max_examples]
        examples = [f"{p}:{line}:{column}" for p, line, column in elsewhere]
        column = run.column + run.offsets[i]
        end_column = run.column + run.offsets[i + n - 1] + len(run.words[i + n - 1])
        parts = []
        if here:
            parts.append(f"annotated {label} at line {here[0]} of this document")
        if examples:
            parts.append(f"annotated in {', '.join(examples)}")
        share = f"{label} {top} of {annotated} times" if len(counts) > 1 else f"{label}"
        message = (
            f"'{text}' is not annotated here but the corpus annotates it as {share} and "
            f"leaves it bare {bare[text]} time{'s' if bare[text] != 1 else ''} "
            f"({'; '.join(parts)})"
        )
        yield Finding(
            rule=code, path=path, line=run.line, column=column, end_line=run.line,
            end_column=end_column, message=message, span=None, score=round(score, 3),
            evidence={"labels": dict(counts), "suggested": label, "annotated": annotated,
                      "unannotated": bare[text], "this_document": here is not None,
                      "examples": examples,
                      "other_documents": sorted({p for p, _, _ in elsewhere})},
            context=f"{text}|{' '.join(run.words)}",
        )
