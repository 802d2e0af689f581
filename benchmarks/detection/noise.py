"""Seeded, realistic annotation noise: mostly label flips, some drops and boundary shifts.

Real corpora's label errors are a minority of a string's mentions (the annotator got it
right most of the time), and in news mostly metonymy, LOC where ORG was meant or the
reverse. So most flips take a string with several mentions and flip one of a minority of
them, preferring LOC<->ORG; the rest flip any mention (singletons included, which no
consistency check can find: recall is measured against them honestly).

Random flips are easy: the flipped label is usually rare for the string. Real errors hit
strings that are legitimately ambiguous (a country as place and as team) and pick the
sense the context rules out. ``context-flip`` imitates that: a mention of a string that
carries two labels in the clean corpus gets the string's *other* label, which may well be
its majority label. Half of the label flips are of this kind, when such strings exist.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass

from corpus import Doc

LABELS = ("PER", "LOC", "ORG", "MISC")


@dataclass
class Noise:
    kind: str  # "flip", "context-flip", "drop", "boundary"
    doc: int
    sentence: int
    start: int  # token range of the noisy span (or of the dropped entity's text)
    end: int
    detail: str


def _flip_target(label: str, rng: random.Random) -> str:
    if label in ("LOC", "ORG") and rng.random() < 0.8:
        return "ORG" if label == "LOC" else "LOC"
    if label == "PER":
        return rng.choice(("ORG", "LOC", "ORG"))
    return rng.choice([other for other in LABELS if other != label])


def inject(docs: list[Doc], *, seed: int = 13, rate: float = 0.05,
           shares: tuple[float, float, float] = (0.7, 0.15, 0.15)) -> list[Noise]:
    """Mutate ``docs`` in place; return what was changed."""
    rng = random.Random(seed)
    mentions = [(d, s, k) for d, doc in enumerate(docs)
                for s, sentence in enumerate(doc.sentences) for k in range(len(sentence.spans))]
    total = int(len(mentions) * rate)
    flips, drops = int(total * shares[0]), int(total * shares[1])
    shifts = total - flips - drops
    by_string: dict[str, list] = defaultdict(list)
    for d, s, k in mentions:
        sentence = docs[d].sentences[s]
        start, end, _ = sentence.spans[k]
        text = " ".join(sentence.tokens[start:end])
        if any(c.isalnum() for c in text):  # BTC's anonymised "@" handles are not names
            by_string[text].append((d, s, k))
    touched: set[tuple[int, int, int]] = set()
    noise: list[Noise] = []
    repeated = [group for group in by_string.values() if len(group) >= 3]
    weights = [len(group) for group in repeated]
    ambiguous = []
    for group in by_string.values():
        labels = {docs[d].sentences[s_].spans[k][2] for d, s_, k in group}
        if len(group) >= 4 and len(labels) > 1:
            ambiguous.append((group, sorted(labels)))
    context_flips = flips // 2 if ambiguous else 0
    attempts = 0
    while len(noise) < context_flips and attempts < flips * 20:
        attempts += 1
        group, labels = rng.choice(ambiguous)
        target = rng.choice(group)
        if target in touched or sum(1 for m in group if m in touched) * 3 >= len(group) - 1:
            continue
        d, s, k = target
        sentence = docs[d].sentences[s]
        start, end, label = sentence.spans[k]
        new = rng.choice([other for other in labels if other != label])
        sentence.spans[k] = (start, end, new)
        touched.add(target)
        noise.append(Noise("context-flip", d, s, start, end, f"{label}->{new}"))
    attempts = 0
    while len(noise) < flips and attempts < flips * 20:
        attempts += 1
        if repeated and rng.random() < 0.7:
            group = rng.choices(repeated, weights)[0]
            if sum(1 for m in group if m in touched) * 3 >= len(group) - 1:
                continue  # keep the flipped mentions a minority of the string
            target = rng.choice(group)
        else:
            target = rng.choice(mentions)
        if target in touched:
            continue
        d, s, k = target
        sentence = docs[d].sentences[s]
        start, end, label = sentence.spans[k]
        new = _flip_target(label, rng)
        sentence.spans[k] = (start, end, new)
        touched.add(target)
        noise.append(Noise("flip", d, s, start, end, f"{label}->{new}"))
    _shift(docs, mentions, touched, shifts, rng, noise)
    _drop(docs, mentions, touched, drops, rng, noise)
    return noise


def _drop(docs, mentions, touched, count, rng, noise) -> None:
    """Remove ``count`` untouched entities (run last: it renumbers the sentences' spans)."""
    dropped: dict[tuple[int, int], set[int]] = defaultdict(set)
    done = 0
    for d, s, k in rng.sample(mentions, len(mentions)):
        if done >= count:
            break
        if (d, s, k) in touched:
            continue
        start, end, label = docs[d].sentences[s].spans[k]
        touched.add((d, s, k))
        dropped[(d, s)].add(k)
        noise.append(Noise("drop", d, s, start, end, label))
        done += 1
    for (d, s), gone in dropped.items():
        sentence = docs[d].sentences[s]
        sentence.spans[:] = [span for k, span in enumerate(sentence.spans) if k not in gone]


def _shift(docs, mentions, touched, count, rng, noise) -> None:
    done = 0
    for d, s, k in rng.sample(mentions, len(mentions)):
        if done >= count:
            break
        if (d, s, k) in touched:
            continue
        sentence = docs[d].sentences[s]
        start, end, label = sentence.spans[k]
        taken = {i for a, b, _ in sentence.spans for i in range(a, b)}
        options = []
        if end - start >= 2:
            options += [(start + 1, end), (start, end - 1)]
        if start > 0 and start - 1 not in taken:
            options.append((start - 1, end))
        if end < len(sentence.tokens) and end not in taken:
            options.append((start, end + 1))
        if not options:
            continue
        new_start, new_end = rng.choice(options)
        sentence.spans[k] = (new_start, new_end, label)
        touched.add((d, s, k))
        noise.append(Noise("boundary", d, s, new_start, new_end,
                           f"{start}:{end}->{new_start}:{new_end}"))
        done += 1
