"""Which aggregate keys each LBL corpus rule reads for one document (its ``lookup_keys``).

A pre-commit run loads only these keys of the cached corpus total, so each function must
name every key its rule's finalize may read for the document, with ``side_keys`` (the
rules' ``expand_keys``) applied to their union; the focused-path tests check that a focused
run equals a full run.
"""

from __future__ import annotations

from functools import lru_cache

from linter.rules.lbl.evidence import ANNOTATED, MAX_NAME_WORDS, NAME_WORDS, text_key
from linter.rules.lbl.mentions import M_LEFT1, M_LEFT2, M_RIGHT1, M_RIGHT2, M_TEXT, R_TEXT
from linter.rules.lbl.missed_local import line_joins



def label_lookup_keys(summary) -> set[str]:
    """LBL001 reads the aggregate of every string the document annotates (and the words
    next to it, for a string with two labels; where it occurs, for a finding: the side
    keys that :func:`~linter.rules.lbl.evidence.side_keys` adds to a batch's keys)."""
    if not summary:
        return set()
    return {text_key(mention[M_TEXT]) for mention in summary.mentions}


def missed_lookup_keys(summary) -> set[str]:
    """LBL002 reads every text a run could match (up to six words) and the global sets."""
    if not summary:
        return set()
    keys = {ANNOTATED, NAME_WORDS}
    for run in summary.runs:
        words = run[R_TEXT].split()
        count = len(words)
        for start in range(count):
            for end in range(start + 1, min(count, start + MAX_NAME_WORDS) + 1):
                keys.add(text_key(" ".join(words[start:end])))
        if count == 1:  # the forms LBL002 tries (see missed_variants.word_forms)
            word = words[0]
            if word.endswith("s"):
                keys.add(text_key(word[:-1]))
            keys.add(text_key(word + "."))
    for _, _, joined, _ in line_joins(summary):  # names a line break split
        keys.add(text_key(joined))
    return keys  # (and their side keys: the examples of a text found bare)


EDGE_PUNCTUATION = ":,;"


# Names longer than this many words are not split into prefixes and suffixes: no corpus
# annotates the shorter extents of such a span in a way LBL003 could judge, and joining
# every prefix of a 10,000-word "entity" is quadratic (issue 16).
MAX_PART_WORDS = 4 * MAX_NAME_WORDS


def text_parts(text: str) -> list[tuple[str, list[str], str]]:
    """(shorter text, dropped words, side dropped) for every proper prefix and suffix of a
    span of at most :data:`MAX_PART_WORDS` words (none for a longer one)."""
    words = text.split()
    out = []
    if len(words) > MAX_PART_WORDS:
        return out
    for cut in range(1, len(words)):
        prefix = " ".join(words[:cut]).rstrip(EDGE_PUNCTUATION)
        suffix = " ".join(words[cut:])
        out.append((prefix, words[cut:], "R"))
        out.append((suffix, words[:cut], "L"))
    return out


def extensions(mention, *, left: bool = True, right: bool = True) -> list[tuple[str, str, str]]:
    """(longer text, side, words outside) for the one or two untagged words on each side
    (on the left and right sides only when ``left``/``right``)."""
    text = mention[M_TEXT]
    out = []
    near, far = mention[M_LEFT1], mention[M_LEFT2]
    if left and near is not None:
        out.append((f"{near} {text}", "L", near))
        if far is not None:
            out.append((f"{far} {near} {text}", "L", f"{far} {near}"))
    near, far = mention[M_RIGHT1], mention[M_RIGHT2]
    if right and near is not None:
        out.append((f"{text} {near}", "R", near))
        if far is not None:
            out.append((f"{text} {near} {far}", "R", f"{near} {far}"))
    return out


@lru_cache(maxsize=1 << 16)
def _part_keys(text: str) -> tuple[str, ...]:
    """The keys of ``text`` and of its prefixes and suffixes (the same in every document:
    a common name's are built once)."""
    return (text_key(text), *(text_key(shorter) for shorter, _, _ in text_parts(text)))


def boundary_lookup_keys(summary) -> set[str]:
    """LBL003 reads each annotated string (and the words next to it), its prefixes and
    suffixes, the strings one or two neighbouring words would make, and the name words."""
    if not summary:
        return set()
    keys = {ANNOTATED, NAME_WORDS}
    texts = set()
    for mention in summary.mentions:
        text = mention[M_TEXT]
        if text not in texts:
            texts.add(text)
            keys.update(_part_keys(text))
        for longer, _, _ in extensions(mention):
            keys.add(text_key(longer))
    return keys  # (and their side keys)
