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

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from linter.consistency_labels import casefold_key, judgeable
from linter.mentions import DocSummary, Mention, name_like
from linter.model import Finding

_EDGE_PUNCTUATION = ":,;"
# Capitalised extra words are as often a longer real name ("VRAE Military Region") as a
# swallowed title, so on their own they stay under the default report threshold.
CAPITALISED_EXTRA = 0.45


def _extensions(mention: Mention) -> list[tuple[str, str, str]]:
    """(longer text, side, outside words) for the span grown by one or two words."""
    text = mention.text
    out = []
    left, right = mention.left, mention.right
    if left:
        out.append((f"{left[0]} {text}", "L", left[0]))
        if len(left) > 1:
            out.append((f"{left[1]} {left[0]} {text}", "L", f"{left[1]} {left[0]}"))
    if right:
        out.append((f"{text} {right[0]}", "R", right[0]))
        if len(right) > 1:
            out.append((f"{text} {right[0]} {right[1]}", "R", f"{right[0]} {right[1]}"))
    return out


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


def find_boundaries(summaries: Mapping[str, DocSummary | None], code: str, *,
                    allow: Iterable[str] = (), min_count: int = 2,
                    min_score: float = 0.5, max_examples: int = 5) -> Iterable[Finding]:
    """Findings for spans whose extent disagrees with the corpus; O(mention words)."""
    annotated: Counter = Counter()
    name_words: Counter = Counter()
    outside: Counter = Counter()  # (text, side, words) -> mentions with those words outside
    where: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    entries = [(path, m) for path, summary in summaries.items() if summary
               for m in summary.mentions]
    for path, mention in entries:
        annotated[mention.text] += 1
        name_words.update(mention.text.split())
        if len(where[mention.text]) < 16:
            where[mention.text].append((path, mention.line, mention.column))
        for _, side, words in _extensions(mention):
            outside[(mention.text, side, words)] += 1
    allowed = {casefold_key(text) for text in allow}
    for path, mention in entries:
        if casefold_key(mention.text) in allowed or not judgeable(mention.text):
            continue
        best = _too_short(mention, annotated, outside, min_count)
        if best is None:
            best = _too_long(mention, annotated, name_words, outside, min_count)
        if best is None or best[0] < min_score:
            continue
        score, other, kind, detail = best
        elsewhere = [w for w in where[other] if w[0] != path] or where[other]
        examples = [f"{p}:{line}:{column}" for p, line, column in elsewhere[:max_examples]]
        if kind == "short":
            message = (f"'{mention.text}' is annotated without '{detail}', but the corpus "
                       f"annotates '{other}' {annotated[other]} times (e.g. "
                       f"{', '.join(examples)}): the span is probably too short")
        else:
            message = (f"'{mention.text}' includes '{detail}', words the corpus never "
                       f"annotates, while '{other}' alone is annotated {annotated[other]} times "
                       f"(e.g. {', '.join(examples)}): the span is probably too long")
        yield Finding(
            rule=code, path=path, line=mention.line, column=mention.column,
            end_line=mention.line, end_column=mention.end_column, message=message,
            span=(mention.text, mention.label), score=round(score, 3),
            evidence={"extent": other, "kind": kind, "annotated": annotated[other],
                      "this_extent": annotated[mention.text], "examples": examples,
                      "other_documents": sorted({p for p, _, _ in elsewhere
                                                 if p != path})[:max_examples]},
            context=f"{mention.text}|{mention.label}|{kind}|{other}",
        )


def _too_short(mention, annotated, outside, min_count):
    best = None
    for longer, side, words in _extensions(mention):
        count = annotated.get(longer, 0)
        if count < min_count or not any(c.isalnum() for c in words):
            continue
        # mentions of this text with the same words left outside (this one included)
        kept_out = outside[(mention.text, side, words)]
        score = count / (count + kept_out)
        if best is None or score > best[0]:
            best = (score, longer, "short", words)
    return best


def _too_long(mention, annotated, name_words, outside, min_count):
    own = annotated[mention.text]
    best = None
    for shorter, dropped, side in _parts(mention.text):
        count = annotated.get(shorter, 0)
        if count < max(min_count, 2 * own) or len(shorter) < 2 or \
                not any(c.isalpha() for c in shorter):
            continue
        words = [w for w in dropped if any(c.isalnum() for c in w)]
        # words of the span seen in other annotated names make a longer name plausible
        known = [w for w in words if name_words[w] > own * mention.text.split().count(w)]
        if words and len(known) * 2 >= len(words):
            continue
        capitalised = any(name_like(w) for w in words)
        score = count / (count + own + 1) * (CAPITALISED_EXTRA if capitalised else 1.0)
        if best is None or score > best[0]:
            best = (score, shorter, "long", " ".join(dropped))
    return best
