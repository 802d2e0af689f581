"""The LBL corpus aggregate: what one document adds to the corpus-wide evidence of
LBL001-003, as additive counts (see :mod:`linter.aggregate`).

The three rules share one :func:`contribute`, so the index keeps one aggregate for them.
Keys (all strings):

* ``"t" + text.casefold()``: the labels and votes of the strings with that
  case-folded text, as one *flat* dict from a tuple (its first item a tag) to an int.
  Flat, because a full run adds up one contribution per document and a cache update adds
  and subtracts them: one level of dicts costs a fraction of the nested tables the rules
  read, which :class:`TextView` builds once per text from the total. Entries:

  - ``("n", text, label)``/``("h", text, label)``: mentions outside / inside an all-caps
    headline (LBL001 counts a headline's "JAPAN" with the body's usual "Japan", which only
    the corpus total can tell, so both are kept apart here);
  - ``("v", text, label)``, ``("vh", text, label)``, ``("va", label)``,
    ``("vm", text, label)``: the corpus expert's per-document capped votes (scaled by
    :data:`VOTE_SCALE` to stay integers, so sums are exact and subtractable) of the
    document's body mentions of ``text``, of its headline mentions of ``text``, of all its
    headline mentions, and ``vm`` the correction when the headline mentions join the body
    mentions of ``text`` (see :meth:`TextView.votes`). ``v``, ``vh`` and ``va`` hold the
    vote minus ``mentions * VOTE_SCALE``: that is zero, so nothing is stored, for a
    document with at most :data:`DOC_VOTE_CAP` such mentions (most of them), and the view
    adds ``mentions * VOTE_SCALE`` back from the ``n``/``h`` counts;
  - ``("b", word)``: one-word unannotated runs (LBL002 "bare" mentions), and
    ``("r", text, signature)``: the multi-word runs in which ``text`` could be a bare
    mention: whether it is depends on what the corpus annotates, so the run itself (its
    words and two flags) is kept and matched again in finalize.

* ``"c" + text.casefold()``: the words next to those strings, apart from the rest because
  they grow with the corpus (a common name meets thousands of different neighbours) while
  few strings need them: LBL001 reads them only for a string with two labels, LBL003 only
  when a neighbour makes a string the corpus annotates. Entries ``(tag, text, near, far,
  label)`` with tag ``"cL"``/``"cR"`` (body) or ``"CL"``/``"CR"`` (headline): mentions
  with the untagged words ``near`` and ``far`` (or None) next to them on the left / right,
  kept when one of the words has a letter or digit. The view reads from them the LBL001
  context expert (the nearest word, normalised, per label) and LBL003's mentions with one
  or two words just outside the span ("too short").

* ``"x" + text.casefold()``: where those strings occur, for the examples a finding cites
  (read only for a finding): ``("x", text, label, cell)``/``("X", ...)`` (headline), a tiny
  linear sketch per label: each document adds its first such mention (``path TAB line TAB
  column``, encoded as an int) to one cell chosen by a hash of its path, geometric over
  levels. A cell holding exactly one document decodes to it, so a string in every one of
  20,000 documents still keeps a few hundred cells and decodes to a handful of examples;
  rare strings decode to all of theirs.

* ``"A"``: ``{text: mentions}`` of every annotated text, and ``"W"``: ``{word: mentions}``
  of every word of an annotated text. LBL002 needs them to re-match other documents' runs
  (whether "Bosnia" is bare in "Bosnia and Herzegovina" depends on what else the corpus
  annotates); LBL003 reads ``"W"``. Both grow with the vocabulary, so they are *spread*:
  the corpus index stores them one row per text or word, and a pre-commit run reads only
  the entries its rules look up (see :mod:`linter.aggregate`).

A full run does not merge per-document dicts: :func:`corpus_total` adds each document's
entries straight into the total (:func:`_contribute_into`, the code :func:`contribute`
runs on an empty dict), so both give the same sums.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Mapping
from operator import itemgetter
from typing import Any

from linter.rules.lbl.mentions import (M_COLUMN, M_HEADLINE, M_LABEL, M_LEFT1, M_LEFT2, M_LINE,
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


def side_keys(keys: set[str]) -> set[str]:
    """``keys`` with the context and example keys of each text key among them."""
    out = set(keys)
    for key in keys:
        if key[:1] == "t":
            out.add("c" + key[1:])
            out.add("x" + key[1:])
    return out


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


_BY_GROUP = itemgetter(M_TEXT, M_LABEL, M_HEADLINE)
_BY_TEXT = itemgetter(M_TEXT)
_PLACE = itemgetter(M_LINE, M_COLUMN)
# ((text, headline, nearest word, next word, label) of a mention, tag in the body, tag in
# a headline) for each side
_SIDES = ((itemgetter(M_TEXT, M_HEADLINE, M_LEFT1, M_LEFT2, M_LABEL), "cL", "CL"),
          (itemgetter(M_TEXT, M_HEADLINE, M_RIGHT1, M_RIGHT2, M_LABEL), "cR", "CR"))

# Memos shared by every contribution (texts and context words repeat across documents);
# cleared when they grow large, so memory stays bounded on any corpus.
_KEYS: dict[str, str] = {}
_WORDS: dict[str, list[str]] = {}
_HAS_ALNUM: dict[str, bool] = {}
MEMO_LIMIT = 200_000


def _memo_check() -> None:
    if len(_KEYS) > MEMO_LIMIT or len(_HAS_ALNUM) > MEMO_LIMIT:
        _KEYS.clear()
        _WORDS.clear()
        _HAS_ALNUM.clear()


def _has_alnum(word: str) -> bool:
    ok = _HAS_ALNUM.get(word)
    if ok is None:
        ok = _HAS_ALNUM[word] = _ALNUM(word) is not None
    return ok


def contribute(summary) -> dict[str, Any]:
    """What one document adds to the LBL aggregate (see the module docstring)."""
    out: dict[str, Any] = {}
    if summary is not None:
        _contribute_into(out, summary)
    return out


def _contribute_into(out: dict[str, Any], summary) -> None:
    """Add one document's contribution to ``out`` (a fresh dict, or the corpus total of a
    full run: adding in place is the same sum without a dict per document to merge)."""
    _memo_check()
    mentions = summary.mentions
    path = summary.path
    keys = _KEYS
    blobs: dict[str, dict] = {}  # text -> the blob of its key, in ``out``
    if mentions:
        annotated = out.get(ANNOTATED)
        if annotated is None:
            annotated = out[ANNOTATED] = {}
        name_words = out.get(NAME_WORDS)
        if name_words is None:
            name_words = out[NAME_WORDS] = {}
        all_words = _WORDS
        for text, count in Counter(map(_BY_TEXT, mentions)).items():
            key = keys.get(text)
            if key is None:
                key = keys[text] = text_key(text)
            blob = out.get(key)
            if blob is None:
                blob = out[key] = {}
            blobs[text] = blob
            annotated[text] = annotated.get(text, 0) + count
            words = all_words.get(text)
            if words is None:
                words = all_words[text] = text.split()
            for word in words:
                name_words[word] = name_words.get(word, 0) + count
    body: dict[str, dict[str, int]] = {}  # text -> label -> mentions (this document)
    heads: dict[str, dict[str, int]] = {}
    for group, count in Counter(map(_BY_GROUP, mentions)).items():
        text, label, headline = group
        blob = blobs[text]
        if headline:
            entry = ("h", text, label)
            heads.setdefault(text, {})[label] = count
        else:
            entry = ("n", text, label)
            body.setdefault(text, {})[label] = count
        blob[entry] = blob.get(entry, 0) + count
    # the corpus expert's capped votes, stored as their difference from ``count * scale``
    # (none when the document has at most two mentions of the text: the vote is the count)
    scale = VOTE_SCALE
    for tag, groups in (("v", body), ("vh", heads)):
        for text, counts in groups.items():
            total = sum(counts.values())
            if total > DOC_VOTE_CAP:
                blob = blobs[text]
                for label, count in counts.items():
                    entry = (tag, text, label)
                    blob[entry] = (blob.get(entry, 0) + (count * DOC_VOTE_CAP * scale
                                                         + total // 2) // total
                                   - count * scale)
    if heads:
        by_key: dict[str, tuple[dict, dict, list]] = {}  # key -> (blob, heads, body texts)
        for text, counts in heads.items():
            key = keys[text]
            merged = by_key.get(key)
            if merged is None:
                merged = by_key[key] = (blobs[text], {}, [])
            for label, count in counts.items():
                _add(merged[1], label, count)
        for text in body:
            merged = by_key.get(keys[text])
            if merged is not None:
                merged[2].append(text)
        for blob, merged, texts in by_key.values():
            alone = scaled_vote(merged)
            if sum(merged.values()) > DOC_VOTE_CAP:
                for label, value in alone.items():
                    entry = ("va", label)
                    blob[entry] = blob.get(entry, 0) + value - merged[label] * scale
            for text in texts:
                counts = body[text]
                both = dict(counts)
                for label, count in merged.items():
                    _add(both, label, count)
                own = scaled_vote(counts)
                for label, value in scaled_vote(both).items():
                    correction = value - own.get(label, 0) - alone.get(label, 0)
                    if correction:
                        entry = ("vm", text, label)
                        result = blob.get(entry, 0) + correction
                        if result:
                            blob[entry] = result
                        else:
                            del blob[entry]
    # the words next to each mention, one entry per (text, words, label): the LBL001
    # context expert reads the nearest word, LBL003 the one or two words left outside
    alnum = _HAS_ALNUM
    cblobs: dict[str, dict] = {}  # text -> the blob of its context key, in ``out``
    for getter, body_tag, head_tag in _SIDES:
        for group, count in Counter(map(getter, mentions)).items():
            text, headline, near, far, label = group
            if near is None:
                continue
            ok = alnum.get(near)
            if ok is None:
                ok = _has_alnum(near)
            if not ok:
                if far is None:
                    continue
                ok = alnum.get(far)
                if ok is None:
                    ok = _has_alnum(far)
                if not ok:
                    continue
            blob = cblobs.get(text)
            if blob is None:
                blob = cblobs[text] = _side_blob(out, "c" + keys[text][1:])
            entry = (head_tag if headline else body_tag, text, near, far, label)
            blob[entry] = blob.get(entry, 0) + count
    if path and mentions:
        # the example sketch: the first mention per (text, label, headline) in this
        # document's cell: a 0x01 byte, then path TAB line TAB column, read as an int, shifted
        # over a count of one (see :func:`decode`)
        cell = _cell(path)
        prefix = b"\x01" + f"{path}\t".encode("utf-8", "surrogatepass")
        reverse = mentions[::-1]
        firsts = dict(zip(map(_BY_GROUP, reverse), map(_PLACE, reverse)))
        xblobs: dict[str, dict] = {}  # text -> the blob of its example key, in ``out``
        for group, (line, column) in firsts.items():
            text, label, headline = group
            blob = xblobs.get(text)
            if blob is None:
                blob = xblobs[text] = _side_blob(out, "x" + keys[text][1:])
            entry = ("X" if headline else "x", text, label, cell)
            raw = prefix + f"{line}\t{column}".encode()
            blob[entry] = blob.get(entry, 0) + ((int.from_bytes(raw, "big") << _COUNT_BITS) | 1)
    if summary.runs:
        _contribute_runs(summary, out, blobs)


def _side_blob(out: dict[str, Any], key: str) -> dict:
    """The blob of a context or example key in ``out``, made when absent."""
    blob = out.get(key)
    if blob is None:
        blob = out[key] = {}
    return blob


contribute.add_to = _contribute_into  # the same sum, in place (see linter.aggregate)
# tables of the whole vocabulary, of which a pre-commit run looks up a few entries: the
# index stores them one row per entry (see linter.aggregate)
contribute.spread = frozenset({ANNOTATED, NAME_WORDS})


def _contribute_runs(summary, out: dict[str, Any], annotated: Mapping[str, Any]) -> None:
    """LBL002's bare candidates: one-word runs counted, multi-word runs kept whole under
    every text that could be matched bare in them (ending the run or before "and")."""
    keys = _KEYS
    for run in summary.runs:
        words = run[R_TEXT].split()
        initial = run[R_INITIAL]
        # a single word opening the run at a line start is a name only when this
        # document annotates it and never writes it in lower case
        skip0 = bool(initial) and (words[0] not in annotated or bool(run[R_LOWER_SEEN]))
        if len(words) == 1:
            if not skip0:
                word = words[0]
                key = keys.get(word)
                if key is None:
                    key = keys[word] = text_key(word)
                blob = out.get(key)
                if blob is None:
                    blob = out[key] = {}
                entry = ("b", word)
                blob[entry] = blob.get(entry, 0) + 1
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
                key = keys.get(text)
                if key is None:
                    key = keys[text] = text_key(text)
                blob = out.get(key)
                if blob is None:
                    blob = out[key] = {}
                entry = ("r", text, signature)
                blob[entry] = blob.get(entry, 0) + 1


def run_signature_parts(signature: str) -> tuple[list[str], bool, bool]:
    """(words, initial, skip a one-word match of the first word) of a stored run."""
    return signature[2:].split(" "), signature[0] == "1", signature[1] == "1"


# ---------------------------------------------------------------------------- totals

_BUILT: list = [None, None, None]  # (ids of the summaries, the summaries, their total)


def corpus_total(summaries: Mapping[str, Any]) -> dict[str, Any]:
    """The aggregate of a full run, built once for the three rules sharing it: every
    document's contribution added in place (the same total as adding up
    :func:`contribute` of each, without building and merging one dict per document)."""
    values = [summary for summary in summaries.values() if summary is not None]
    ids = tuple(map(id, values))
    if _BUILT[0] == ids:
        return _BUILT[2]
    total: dict[str, Any] = {}
    for summary in values:
        _contribute_into(total, summary)
    for key in [key for key, blob in total.items() if not blob]:
        del total[key]
    _BUILT[0], _BUILT[1], _BUILT[2] = ids, values, total
    return total
