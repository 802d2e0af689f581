"""The LBL corpus aggregate: what one document adds to the corpus-wide evidence of
LBL001-003, as additive counts (see :mod:`linter.aggregate`).

The three rules share one :func:`contribute`, so the index keeps one aggregate for them.
Keys (all strings):

* ``"t" + text.casefold()``: everything about the strings with that case-folded text,
  a nested dict of ints:

  - ``"n"``/``"h"``: ``{text: {label: mentions}}`` of mentions outside / inside an
    all-caps headline (LBL001 counts a headline's "JAPAN" with the body's usual "Japan",
    which only the corpus total can tell, so both are kept apart here);
  - ``"v"``, ``"vh"``, ``"va"``, ``"vm"``: the corpus expert's per-document capped votes
    (scaled by :data:`VOTE_SCALE` to stay integers, so sums are exact and subtractable):
    ``v[text]`` of the document's body mentions, ``vh[text]`` of its headline mentions per
    text, ``va`` of all its headline mentions, and ``vm[text]`` the correction when the
    headline mentions join the body mentions of ``text`` (see :meth:`TextView.votes`);
  - ``"c"``: ``{variant: {side + context word: {label: mentions}}}``, the LBL001 context
    expert (``variant`` is ``"n"``/``"h"`` + the text);
  - ``"o"``: ``{text: {side + words: mentions}}``, mentions with those untagged words just
    outside the span (LBL003 "too short");
  - ``"x"``: ``{variant: {label: {cell: value}}}``, a tiny linear sketch of where the
    variant occurs with that label: each document adds its first such mention
    (``path TAB line TAB column``, encoded as an int) to one cell chosen by a hash of its
    path, geometric over levels. A cell holding exactly one document decodes to it, so a
    string in every one of 20,000 documents still keeps a few dozen cells and decodes to a
    handful of examples; rare strings decode to all of theirs;
  - ``"b"``: ``{word: runs}``, one-word unannotated runs (LBL002 "bare" mentions), and
    ``"r"``: ``{text: {signature: runs}}``, the multi-word runs in which ``text`` could be
    a bare mention: whether it is depends on what the corpus annotates, so the run itself
    (its words and two flags) is kept and matched again in finalize.

* ``"A"``: ``{text: mentions}`` of every annotated text, and ``"W"``: ``{word: mentions}``
  of every word of an annotated text. LBL002 needs them to re-match other documents' runs
  (whether "Bosnia" is bare in "Bosnia and Herzegovina" depends on what else the corpus
  annotates); LBL003 reads ``"W"``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

from linter.mentions import (M_COLUMN, M_HEADLINE, M_LABEL, M_LEFT1, M_LEFT2, M_LINE,
                             M_RIGHT1, M_RIGHT2, M_TEXT, R_INITIAL, R_LOWER_SEEN, R_TEXT,
                             normal_context)

ANNOTATED = "A"
NAME_WORDS = "W"
MAX_NAME_WORDS = 6  # longest bare name LBL002 looks for, in words
COORDINATION = frozenset({"and", "&", "or"})
DOC_VOTE_CAP = 2  # a document weighs at most this many mentions in the corpus expert
VOTE_SCALE = 5354228880  # lcm(1..24): a document's vote is exact up to 24 mentions
_COUNT_BITS = 32
_COUNT_MASK = (1 << _COUNT_BITS) - 1
_BUCKETS = 8
_LEVELS = 16


def text_key(text: str) -> str:
    return "t" + text.casefold()


def content_word(word: str) -> str | None:
    """A context word worth matching on (has a letter or digit), normalised."""
    return normal_context(word) if any(c.isalnum() for c in word) else None


_ALNUM = re.compile(r"[^\W_]").search  # a character with str.isalnum()


def scaled_vote(counts: Mapping[str, int]) -> dict[str, int]:
    """A document's capped vote ``count * min(total, 2) / total`` per label, times
    :data:`VOTE_SCALE` and rounded to an int."""
    total = sum(counts.values())
    cap = min(total, DOC_VOTE_CAP)
    return {label: (count * cap * VOTE_SCALE + total // 2) // total
            for label, count in counts.items()}


def _cell(path: str) -> int:
    """The sketch cell of a document: level ``l`` with probability 2**-(l+1), then one of
    64 >> l buckets (at least 8) in that level; so two documents of a rare string seldom
    share a cell, and a string in every document fills about 200 cells."""
    code = int.from_bytes(hashlib.blake2b(path.encode("utf-8", "surrogatepass"),
                                          digest_size=8).digest(), "big")
    bucket = code & 63
    rest = code >> 6
    level = 0
    while rest & 1 == 0 and level < _LEVELS - 1:
        rest >>= 1
        level += 1
    return (level << 6) | (bucket % max(_BUCKETS, 64 >> level))


def _encode(path: str, line: int, column: int) -> int:
    raw = b"\x01" + f"{path}\t{line}\t{column}".encode("utf-8", "surrogatepass")
    return (int.from_bytes(raw, "big") << _COUNT_BITS) | 1


def decode(cells: Mapping[Any, int]) -> list[tuple[str, int, int]]:
    """The (path, line, column) of every sketch cell that holds exactly one document."""
    out = []
    for value in cells.values():
        if value & _COUNT_MASK != 1:
            continue
        raw = value >> _COUNT_BITS
        data = raw.to_bytes((raw.bit_length() + 7) // 8, "big")
        if data[:1] != b"\x01":
            continue
        try:
            path, line, column = data[1:].decode("utf-8", "surrogatepass").rsplit("\t", 2)
            out.append((path, int(line), int(column)))
        except ValueError:
            continue
    return out


def _add(counts: dict, key, amount: int = 1) -> None:
    counts[key] = counts.get(key, 0) + amount


def contribute(summary) -> dict[str, Any]:
    """What one document adds to the LBL aggregate (see the module docstring)."""
    if not summary:
        return {}
    out: dict[str, Any] = {}
    blobs: dict[str, dict] = {}
    annotated: dict[str, int] = {}
    name_words: dict[str, int] = {}
    body: dict[tuple[str, str], dict[str, int]] = {}  # (key, text) -> label counts
    heads: dict[tuple[str, str], dict[str, int]] = {}
    firsts: dict[tuple[str, str, str], tuple[int, int]] = {}  # (key, variant, label)
    words_memo: dict[str, str | None] = {}
    alnum: dict[str, bool] = {}
    texts: dict[str, tuple[str, dict, list[str]]] = {}  # text -> (key, blob, words)
    path = summary.path
    for mention in summary.mentions:
        text = mention[M_TEXT]
        label = mention[M_LABEL]
        known = texts.get(text)
        if known is None:
            key = text_key(text)
            blob = blobs.get(key)
            if blob is None:
                blob = blobs[key] = {}
            known = texts[text] = (key, blob, text.split())
            annotated[text] = 1
        else:
            annotated[text] += 1
        key, blob, words = known
        for word in words:
            name_words[word] = name_words.get(word, 0) + 1
        headline = mention[M_HEADLINE]
        variant = ("h" if headline else "n") + text
        groups = heads if headline else body
        counts = groups.get((key, text))
        if counts is None:
            groups[(key, text)] = {label: 1}
        else:
            counts[label] = counts.get(label, 0) + 1
        first = (key, variant, label)
        if first not in firsts:
            firsts[first] = (mention[M_LINE], mention[M_COLUMN])
        left, right = mention[M_LEFT1], mention[M_RIGHT1]
        if left is None and right is None:
            continue
        contexts = None
        for side, raw in (("L", left), ("R", right)):
            if raw is None:
                continue
            word = words_memo[raw] if raw in words_memo else \
                words_memo.setdefault(raw, content_word(raw))
            if word:
                if contexts is None:
                    contexts = blob.setdefault("c", {}).setdefault(variant, {})
                by_label = contexts.get(side + word)
                if by_label is None:
                    contexts[side + word] = {label: 1}
                else:
                    by_label[label] = by_label.get(label, 0) + 1
        outside = None
        for side, near, far in (("L", left, mention[M_LEFT2]),
                                ("R", right, mention[M_RIGHT2])):
            if near is None:
                continue
            extra = [near]
            if far is not None:
                extra.append(f"{far} {near}" if side == "L" else f"{near} {far}")
            for words in extra:
                ok = alnum.get(words)
                if ok is None:
                    ok = alnum[words] = _ALNUM(words) is not None
                if ok:
                    if outside is None:
                        outside = blob.setdefault("o", {}).setdefault(text, {})
                    side_words = side + words
                    outside[side_words] = outside.get(side_words, 0) + 1
    for (key, text), counts in body.items():
        blob = blobs[key]
        blob.setdefault("n", {})[text] = counts
        blob.setdefault("v", {})[text] = scaled_vote(counts)
    by_key: dict[str, dict[str, int]] = {}
    for (key, text), counts in heads.items():
        blob = blobs[key]
        blob.setdefault("h", {})[text] = counts
        blob.setdefault("vh", {})[text] = scaled_vote(counts)
        merged = by_key.setdefault(key, {})
        for label, count in counts.items():
            _add(merged, label, count)
    for key, merged in by_key.items():
        blob = blobs[key]
        alone = blob["va"] = scaled_vote(merged)
        for text, counts in blob.get("n", {}).items():
            both = dict(counts)
            for label, count in merged.items():
                _add(both, label, count)
            own = blob["v"][text]
            correction = {label: value - own.get(label, 0) - alone.get(label, 0)
                          for label, value in scaled_vote(both).items()}
            correction = {label: value for label, value in correction.items() if value}
            if correction:
                blob.setdefault("vm", {})[text] = correction
    if path:
        cell = _cell(path)
        for (key, variant, label), (line, column) in firsts.items():
            blobs[key].setdefault("x", {}).setdefault(variant, {})[label] = {
                cell: _encode(path, line, column)}
    _contribute_runs(summary, blobs, annotated)
    for key, blob in blobs.items():
        if blob:
            out[key] = blob
    if annotated:
        out[ANNOTATED] = annotated
        out[NAME_WORDS] = name_words
    return out


def _contribute_runs(summary, blobs: dict[str, dict], annotated: Mapping[str, int]) -> None:
    """LBL002's bare candidates: one-word runs counted, multi-word runs kept whole under
    every text that could be matched bare in them (ending the run or before "and")."""
    for run in summary.runs:
        words = run[R_TEXT].split()
        initial = run[R_INITIAL]
        # a single word opening the run at a line start is a name only when this
        # document annotates it and never writes it in lower case
        skip0 = bool(initial) and (words[0] not in annotated or bool(run[R_LOWER_SEEN]))
        if len(words) == 1:
            if not skip0:
                _add(blobs.setdefault(text_key(words[0]), {}).setdefault("b", {}), words[0])
            continue
        signature = f"{int(bool(initial))}{int(skip0)}{' '.join(words)}"
        count = len(words)
        seen = set()
        for end in range(1, count + 1):
            if end < count and words[end].lower() not in COORDINATION:
                continue
            for start in range(max(0, end - MAX_NAME_WORDS), end):
                text = " ".join(words[start:end])
                if text in seen:
                    continue
                seen.add(text)
                runs = blobs.setdefault(text_key(text), {}).setdefault("r", {})
                _add(runs.setdefault(text, {}), signature)


def run_signature_parts(signature: str) -> tuple[list[str], bool, bool]:
    """(words, initial, skip a one-word match of the first word) of a stored run."""
    return signature[2:].split(" "), signature[0] == "1", signature[1] == "1"


# ---------------------------------------------------------------------------- lookups


def label_lookup_keys(summary) -> set[str]:
    """LBL001 reads the aggregate of every string the document annotates."""
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
    return keys


EDGE_PUNCTUATION = ":,;"


def text_parts(text: str) -> list[tuple[str, list[str], str]]:
    """(shorter text, dropped words, side dropped) for every proper prefix and suffix."""
    words = text.split()
    out = []
    for cut in range(1, len(words)):
        prefix = " ".join(words[:cut]).rstrip(EDGE_PUNCTUATION)
        suffix = " ".join(words[cut:])
        out.append((prefix, words[cut:], "R"))
        out.append((suffix, words[:cut], "L"))
    return out


def extensions(mention) -> list[tuple[str, str, str]]:
    """(longer text, side, words outside) for the one or two untagged words on each side."""
    text = mention[M_TEXT]
    out = []
    left, before = mention[M_LEFT1], mention[M_LEFT2]
    if left is not None:
        out.append((f"{left} {text}", "L", left))
        if before is not None:
            out.append((f"{before} {left} {text}", "L", f"{before} {left}"))
    right, after = mention[M_RIGHT1], mention[M_RIGHT2]
    if right is not None:
        out.append((f"{text} {right}", "R", right))
        if after is not None:
            out.append((f"{text} {right} {after}", "R", f"{right} {after}"))
    return out


def boundary_lookup_keys(summary) -> set[str]:
    """LBL003 reads each annotated string, its prefixes and suffixes, the strings one or
    two neighbouring words would make, and the name words."""
    if not summary:
        return set()
    keys = {ANNOTATED, NAME_WORDS}
    texts = set()
    for mention in summary.mentions:
        text = mention[M_TEXT]
        if text not in texts:
            texts.add(text)
            keys.add(text_key(text))
            for shorter, _, _ in text_parts(text):
                keys.add(text_key(shorter))
        for longer, _, _ in extensions(mention):
            keys.add(text_key(longer))
    return keys


# ---------------------------------------------------------------------------- totals

_BUILT: list = [None, None, None]  # (ids of the summaries, the summaries, their total)


def corpus_total(summaries: Mapping[str, Any]) -> dict[str, Any]:
    """The aggregate of a full run, built once for the three rules sharing it."""
    values = [summary for summary in summaries.values() if summary is not None]
    ids = tuple(map(id, values))
    if _BUILT[0] == ids:
        return _BUILT[2]
    total: dict[str, Any] = {}
    for summary in values:
        _merge_into(total, contribute(summary))
    _BUILT[0], _BUILT[1], _BUILT[2] = ids, values, total
    return total


def _merge_into(total: dict, part: dict) -> None:
    """:func:`linter.aggregate.add_into` for a fresh contribution, which it may take
    over: a key new to the total takes the contribution's own dict (same sums, faster)."""
    for key, value in part.items():
        current = total.get(key)
        if current is None:
            total[key] = value
        elif isinstance(value, dict):
            _merge_into(current, value)
            if not current:
                del total[key]
        else:
            result = current + value
            if result:
                total[key] = result
            else:
                del total[key]


_EMPTY: dict = {}


class TextView:
    """The corpus evidence about the strings of one case-folded text, as the rules read it."""

    __slots__ = ("blob", "usual", "_heads")

    def __init__(self, blob: Mapping[str, Any] | None) -> None:
        self.blob = blob or _EMPTY
        body = self.blob.get("n", _EMPTY)
        if body:
            totals = {text: sum(counts.values()) for text, counts in body.items()}
            # the body's usual spelling; ties go to the smaller text (deterministic)
            self.usual = min(totals, key=lambda text: (-totals[text], text))
        else:
            self.usual = None
        self._heads = None

    def group(self, text: str, headline: bool) -> str:
        """LBL001's key for a mention: headline mentions join the usual body spelling."""
        if headline and self.usual is not None:
            return self.usual
        return text

    def _variants(self, key: str) -> list[str]:
        if self.usual is None:
            return ["h" + key]
        variants = ["n" + key]
        if key == self.usual:
            variants.extend("h" + text for text in self.blob.get("h", _EMPTY))
        return variants

    def labels(self, key: str) -> dict[str, int]:
        """Label counts of LBL001's group ``key``."""
        out: dict[str, int] = {}
        for variant in self._variants(key):
            table = self.blob.get("n" if variant[0] == "n" else "h", _EMPTY)
            for label, count in table.get(variant[1:], _EMPTY).items():
                out[label] = out.get(label, 0) + count
        return out

    def votes(self, key: str) -> dict[str, int]:
        """The corpus expert's summed document votes of group ``key`` (scaled)."""
        blob = self.blob
        if self.usual is None:
            return dict(blob.get("vh", _EMPTY).get(key, _EMPTY))
        out = dict(blob.get("v", _EMPTY).get(key, _EMPTY))
        if key == self.usual:
            for part in (blob.get("va", _EMPTY), blob.get("vm", _EMPTY).get(key, _EMPTY)):
                for label, value in part.items():
                    out[label] = out.get(label, 0) + value
        return out

    def context(self, key: str, side_word: str) -> dict[str, int]:
        out: dict[str, int] = {}
        contexts = self.blob.get("c", _EMPTY)
        for variant in self._variants(key):
            for label, count in contexts.get(variant, _EMPTY).get(side_word, _EMPTY).items():
                out[label] = out.get(label, 0) + count
        return out

    def group_examples(self, key: str, label: str) -> list[tuple[str, int, int]]:
        sketches = self.blob.get("x", _EMPTY)
        found = []
        for variant in self._variants(key):
            found.extend(decode(sketches.get(variant, _EMPTY).get(label, _EMPTY)))
        return sorted(set(found))

    # exact-text views (LBL002, LBL003)

    def text_labels(self, text: str) -> dict[str, int]:
        out = dict(self.blob.get("n", _EMPTY).get(text, _EMPTY))
        for label, count in self.blob.get("h", _EMPTY).get(text, _EMPTY).items():
            out[label] = out.get(label, 0) + count
        return out

    def text_count(self, text: str) -> int:
        return (sum(self.blob.get("n", _EMPTY).get(text, _EMPTY).values())
                + sum(self.blob.get("h", _EMPTY).get(text, _EMPTY).values()))

    def text_examples(self, text: str) -> list[tuple[str, int, int]]:
        sketches = self.blob.get("x", _EMPTY)
        found = []
        for variant in ("n" + text, "h" + text):
            for cells in sketches.get(variant, _EMPTY).values():
                found.extend(decode(cells))
        return sorted(set(found))

    def outside(self, text: str, side_words: str) -> int:
        return self.blob.get("o", _EMPTY).get(text, _EMPTY).get(side_words, 0)

    def bare_one_word(self, text: str) -> int:
        return self.blob.get("b", _EMPTY).get(text, 0)

    def bare_runs(self, text: str) -> Mapping[str, int]:
        return self.blob.get("r", _EMPTY).get(text, _EMPTY)


class Views:
    """Memoised :class:`TextView` per case-folded text over one aggregate."""

    def __init__(self, aggregate: Mapping[str, Any]) -> None:
        self.aggregate = aggregate
        self._views: dict[str, TextView] = {}  # by case-folded key
        self._by_text: dict[str, TextView] = {}

    def __call__(self, text: str) -> TextView:
        view = self._by_text.get(text)
        if view is None:
            key = text_key(text)
            view = self._views.get(key)
            if view is None:
                view = self._views[key] = TextView(self.aggregate.get(key))
            self._by_text[text] = view
        return view


def pick_label(counts: Mapping[str, int], prefer: str | None = None) -> tuple[str, int]:
    """The most frequent label; a tie goes to ``prefer`` (the label the judged document
    uses) when it is among the tied, else to the alphabetically first. The corpus total
    does not remember which label came first, so the order never decides."""
    label = min(counts, key=lambda name: (-counts[name], name != prefer, name))
    return label, counts[label]
