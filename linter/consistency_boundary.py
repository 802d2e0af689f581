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

from collections import Counter
from collections.abc import Iterable, Mapping
from operator import itemgetter

from linter.consistency_labels import casefold_key, judgeable
from linter.mentions import (M_COLUMN, M_END, M_LABEL, M_LEFT1, M_LEFT2, M_LINE, M_RIGHT1,
                             M_RIGHT2, M_TEXT,
                             MentionSummary, Mention, first_locations, name_like)
from linter.model import Finding

_EDGE_PUNCTUATION = ":,;"
# Capitalised extra words are as often a longer real name ("VRAE Military Region") as a
# swallowed title, so on their own they stay under the default report threshold.
CAPITALISED_EXTRA = 0.45
_TEXT_OF = itemgetter(M_TEXT)


def _parts(text: str) -> list[tuple[str, list[str], str]]:
    """(shorter text, dropped words, side dropped) for every proper prefix and suffix."""
    words = text.split()
    out = []
    for cut in range(1, len(words)):
        prefix = " ".join(words[:cut]).rstrip(_EDGE_PUNCTUATION)
        suffix = " ".join(words[cut:])
        out.append((prefix, words[cut:], "R"))
        out.append((suffix, words[:cut], "L"))
    return out


class _Longer:
    """The strings annotated at least ``min_count`` times, indexed by the shorter text and
    the one or two words that extend it: a mention is looked up by its own text and its
    neighbours, so no extended string is built unless the corpus annotates it."""

    def __init__(self, annotated: Mapping[str, int], min_count: int) -> None:
        self.texts: set[str] = set()  # texts that some annotated string extends
        self.left1: dict[tuple[str, str], str] = {}  # (text, word before) -> longer
        self.left2: dict[tuple[str, str, str], str] = {}  # (text, before, before that)
        self.right1: dict[tuple[str, str], str] = {}
        self.right2: dict[tuple[str, str, str], str] = {}
        for longer, count in annotated.items():
            if count < min_count or " " not in longer:
                continue
            head, tail = longer.split(" ", 1)
            self.left1[(tail, head)] = longer
            self.texts.add(tail)
            parts = longer.split(" ", 2)
            if len(parts) == 3:
                self.left2[(parts[2], parts[1], parts[0])] = longer
                self.texts.add(parts[2])
            head, tail = longer.rsplit(" ", 1)
            self.right1[(head, tail)] = longer
            self.texts.add(head)
            parts = longer.rsplit(" ", 2)
            if len(parts) == 3:
                self.right2[(parts[0], parts[1], parts[2])] = longer
                self.texts.add(parts[0])

    def extensions(self, mention: Mention) -> list[tuple[str, str, str]]:
        """:func:`_extensions` of ``mention`` restricted to annotated longer strings."""
        text = mention[M_TEXT]
        out = []
        left, before = mention[M_LEFT1], mention[M_LEFT2]
        if left is not None:
            longer = self.left1.get((text, left))
            if longer is not None:
                out.append((longer, "L", left))
            if before is not None:
                longer = self.left2.get((text, left, before))
                if longer is not None:
                    out.append((longer, "L", f"{before} {left}"))
        right, after = mention[M_RIGHT1], mention[M_RIGHT2]
        if right is not None:
            longer = self.right1.get((text, right))
            if longer is not None:
                out.append((longer, "R", right))
            if after is not None:
                longer = self.right2.get((text, right, after))
                if longer is not None:
                    out.append((longer, "R", f"{right} {after}"))
        return out


def find_boundaries(summaries: Mapping[str, MentionSummary | None], code: str, *,
                    allow: Iterable[str] = (), min_count: int = 2,
                    min_score: float = 0.5, max_examples: int = 5) -> Iterable[Finding]:
    """Findings for spans whose extent disagrees with the corpus; O(mentions), with the
    string work done once per distinct text, or only for mentions next to the words of
    a longer annotated string."""
    docs = [(path, summary.mentions) for path, summary in summaries.items()
            if summary and summary.mentions]
    annotated: Counter = Counter()
    for _, mentions in docs:
        annotated.update(map(_TEXT_OF, mentions))
    name_words: Counter = Counter()
    for text, count in annotated.items():
        for word in text.split():
            name_words[word] += count
    allowed = {casefold_key(text) for text in allow}
    too_long = {}  # text -> its too-long verdict, when that reaches min_score
    for text in annotated:
        best = _too_long(text, annotated, name_words, min_count)
        if best is not None and best[0] >= min_score:
            too_long[text] = best
    longer = _Longer(annotated, min_count)
    extendable = longer.texts
    outside: Counter = Counter()  # (text, side, words) -> mentions with those words outside
    candidates = []  # (path, mention, annotated extensions) in corpus order
    for path, mentions in docs:
        for mention in mentions:
            text = mention[M_TEXT]
            grown = None
            if text in extendable:
                grown = longer.extensions(mention)
                for _, side, words in grown:
                    outside[(text, side, words)] += 1
            if grown or text in too_long:
                candidates.append((path, mention, grown))
    worth: dict[str, bool] = {}
    found = []
    for path, mention, grown in candidates:
        text = mention[M_TEXT]
        ok = worth.get(text)
        if ok is None:
            ok = worth[text] = casefold_key(text) not in allowed and judgeable(text)
        if not ok:
            continue
        best = _too_short(text, grown, annotated, outside, min_count) if grown else None
        if best is None:
            best = too_long.get(text)
        if best is None or best[0] < min_score:
            continue
        found.append((path, mention, best))
    where = first_locations(summaries, {best[1] for _, _, best in found})
    for path, mention, (score, other, kind, detail) in found:
        text = mention[M_TEXT]
        elsewhere = [w for w in where[other] if w[0] != path] or where[other]
        examples = [f"{p}:{line}:{column}" for p, line, column in elsewhere[:max_examples]]
        if kind == "short":
            message = (f"'{text}' is annotated without '{detail}', but the corpus "
                       f"annotates '{other}' {annotated[other]} times (e.g. "
                       f"{', '.join(examples)}): the span is probably too short")
        else:
            message = (f"'{text}' includes '{detail}', words the corpus never "
                       f"annotates, while '{other}' alone is annotated {annotated[other]} times "
                       f"(e.g. {', '.join(examples)}): the span is probably too long")
        yield Finding(
            rule=code, path=path, line=mention[M_LINE], column=mention[M_COLUMN],
            end_line=mention[M_LINE], end_column=mention[M_END], message=message,
            span=(text, mention[M_LABEL]), score=round(score, 3),
            evidence={"extent": other, "kind": kind, "annotated": annotated[other],
                      "this_extent": annotated[text], "examples": examples,
                      "other_documents": sorted({p for p, _, _ in elsewhere
                                                 if p != path})[:max_examples]},
            context=f"{text}|{mention[M_LABEL]}|{kind}|{other}",
        )


def _too_short(text, grown, annotated, outside, min_count):
    best = None
    for longer, side, words in grown:
        count = annotated.get(longer, 0)
        if count < min_count or not any(c.isalnum() for c in words):
            continue
        # mentions of this text with the same words left outside (this one included)
        kept_out = outside[(text, side, words)]
        score = count / (count + kept_out)
        if best is None or score > best[0]:
            best = (score, longer, "short", words)
    return best


def _too_long(text, annotated, name_words, min_count):
    own = annotated[text]
    best = None
    for shorter, dropped, side in _parts(text):
        count = annotated.get(shorter, 0)
        if count < max(min_count, 2 * own) or len(shorter) < 2 or \
                not any(c.isalpha() for c in shorter):
            continue
        words = [w for w in dropped if any(c.isalnum() for c in w)]
        # words of the span seen in other annotated names make a longer name plausible
        known = [w for w in words if name_words[w] > own * text.split().count(w)]
        if words and len(known) * 2 >= len(words):
            continue
        capitalised = any(name_like(w) for w in words)
        score = count / (count + own + 1) * (CAPITALISED_EXTRA if capitalised else 1.0)
        if best is None or score > best[0]:
            best = (score, shorter, "long", " ".join(dropped))
    return best
