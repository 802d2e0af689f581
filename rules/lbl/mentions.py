"""The mention index: one small, picklable summary per document for the LBL corpus rules.

The corpus rules (LBL001-003) judge a mention against every other mention of the same
string in the corpus, so the per-file phase must hand the corpus phase everything it
needs in a compact form: each entity with its resolved position, its few neighbouring
words and the labels of the names coordinated with it, plus the runs of capitalised
words left unannotated (candidate missed mentions). Positions are resolved here because
finalize never sees the documents again.

The summary is built once per document and shared by the three rules (the engine calls
each rule's ``collect`` on the same Document one after the other), and pickled once per
file because the three rules hold the same object.

Format. A summary is pickled into the on-disk cache and unpickled on every run, so it is
made of plain tuples, strings and ints (no per-mention objects), plus the document's
display path (its contribution to the corpus aggregate names it in example locations):

* a mention is ``(text, label, line, column, end_column, left1, left2, right1, right2,
  siblings, headline)``, indexed by the ``M_*`` constants. ``line`` and ``column`` are
  1-based, ``column`` is that of the opening bracket and ``end_column`` is exclusive.
  ``left1``/``left2`` and ``right1``/``right2`` are the untagged words next to the
  entity, nearest first, or None; they stop at the line edge or at another entity (see
  :func:`left_words` and :func:`right_words`). ``siblings`` are the labels of the entities
  coordinated with this one on its line ("A , B and C", "A 2 B 1", "A beat B"), left ones
  (nearest first) then right ones. ``headline`` says the line is in all caps.
* a run (a maximal run of name-like untagged words on one line, a candidate missed
  mention) is ``(line, column, text, initial, lower_seen)``, indexed by the ``R_*``
  constants: ``text`` is the run as written (its words are ``text.split()``, see
  :func:`run_offsets` for their columns), ``initial`` says the run starts its line and,
  for such a run only, ``lower_seen`` says that its first word also occurs in lower case
  in the same document (so at the start of a sentence it is probably a common word).
  A single word opening a line is kept only when the document annotates it and never
  writes it in lower case: LBL002 skips every other one ("The", "In", "According").
"""

from __future__ import annotations

import re
import sys
from typing import NamedTuple


_DIGITS = re.compile(r"\d")
_TOKEN = re.compile(r"\S+")

# Words that may sit inside a multi-word name without starting or ending it.
NAME_CONNECTORS = frozenset({
    "of", "the", "de", "del", "der", "la", "le", "van", "von", "da", "di", "du", "and", "&",
    "for", "on", "upon", "y", "-", "'s",
})

# Words between two entities that make them a list or a fixture ("A , B and C", "A 2 B 1",
# "A beat B"): such names usually share one label, so they vote for each other.
COORDINATORS = frozenset({
    ",", "and", "or", "&", "/", "v", "v.", "vs", "vs.", "versus", "-", "beat", "beats",
    "defeated", "drew", "draw", "with", "nor", ";", ":",
})

# Mention fields.
(M_TEXT, M_LABEL, M_LINE, M_COLUMN, M_END, M_LEFT1, M_LEFT2, M_RIGHT1, M_RIGHT2, M_SIBLINGS,
 M_HEADLINE) = range(11)
# Run fields.
R_LINE, R_COLUMN, R_TEXT, R_INITIAL, R_LOWER_SEEN = range(5)


Mention = tuple  # (text, label, line, column, end_column, left1, left2, right1, right2,
#                   siblings, headline)
Run = tuple  # (line, column, text, initial, lower_seen)


# Pickled with each summary and checked when the cache loads it: bump it whenever the
# layout of the tuples changes, so that summaries of the old layout are relinted instead
# of misread (the cache relints a file whose result does not load).
SUMMARY_FORMAT = 6


class MentionSummary(NamedTuple):
    """Everything the LBL corpus rules keep of one document. ``path`` is the document's
    display path: a document's contribution to the corpus aggregate names it in example
    locations (see :mod:`linter.rules.lbl.evidence`)."""

    mentions: tuple[Mention, ...]
    runs: tuple[Run, ...]
    path: str = ""
    # indexes into ``mentions`` of the all-caps headline mentions whose every word this
    # document also writes in lower case outside any entity (LBL006's candidates)
    common: tuple[int, ...] = ()
    # LBL002's notes on the runs (see :mod:`linter.rules.lbl.missed_local`): runs that sit
    # in an entity's slot of a table or list, and the indexes of runs with a word the
    # document also writes in lower case
    framed: tuple[tuple, ...] = ()
    lowered: tuple[int, ...] = ()
    line_final: tuple[int, ...] = ()  # indexes of the runs that end their line

    def __reduce__(self):
        return (load_summary, (SUMMARY_FORMAT, self.mentions, self.runs, self.path,
                               self.common, self.framed, self.lowered, self.line_final))


def load_summary(version: int, mentions: tuple, runs: tuple, path: str = "",
                 common: tuple = (), framed: tuple = (), lowered: tuple = (),
                 line_final: tuple = ()) -> MentionSummary:
    """Unpickle a summary; one of another layout raises, so the cache relints its file."""
    if version != SUMMARY_FORMAT:
        raise ValueError(f"mention summary format {version!r}, expected {SUMMARY_FORMAT}")
    return MentionSummary(mentions, runs, path, tuple(common), tuple(framed), tuple(lowered),
                          tuple(line_final))


def name_like(word: str) -> bool:
    """A word that could start or end a name: capitalised, or an @handle / #tag."""
    first = word[0]
    if first.isupper():
        return True
    return first in "@#" and len(word) > 1 and word[1].isalnum()


def normal_context(word: str) -> str:
    """Context word as a feature: lower case, digits folded (so "2" and "3" match)."""
    return _DIGITS.sub("0", word.lower())


def is_headline(line_text: str) -> bool:
    """An all-caps line (a news headline or dateline): its case tells nothing."""
    letters = [c for c in line_text if c.isalpha()]
    return len(letters) >= 4 and all(not c.islower() for c in letters)


def left_words(mention: Mention) -> tuple[str, ...]:
    """Up to two untagged words before the entity, nearest first."""
    first, second = mention[M_LEFT1], mention[M_LEFT2]
    return () if first is None else (first,) if second is None else (first, second)


def right_words(mention: Mention) -> tuple[str, ...]:
    """Up to two untagged words after the entity, nearest first."""
    first, second = mention[M_RIGHT1], mention[M_RIGHT2]
    return () if first is None else (first,) if second is None else (first, second)


def run_offsets(run: Run) -> tuple[int, ...]:
    """Each word's 0-based column offset from the run's column."""
    return tuple(match.start() for match in _TOKEN.finditer(run[R_TEXT]))


# ----------------------------------------------------------------- stored form (the index)

_OPTIONAL_STR = (str, type(None))


def _check(condition: bool, what: str) -> None:
    if not condition:
        raise ValueError(f"malformed mention summary: {what}")


def summary_to_data(summary: MentionSummary) -> list:
    """The summary as JSON data for the corpus index."""
    return [SUMMARY_FORMAT, [[*m[:9], list(m[9]), m[10]] for m in summary.mentions],
            [list(run) for run in summary.runs], summary.path,
            [list(note) for note in summary.framed], list(summary.lowered),
            list(summary.line_final)]


def summary_from_data(data: object, path: str) -> MentionSummary:
    """The summary ``data`` describes, every field's type checked; ValueError otherwise."""
    _check(isinstance(data, list) and len(data) == 7, "layout")
    version, mentions, runs, stored_path, framed, lowered, line_final = data
    _check(version == SUMMARY_FORMAT, "format")
    _check(stored_path == path, "path")
    _check(isinstance(mentions, list) and isinstance(runs, list), "lists")
    intern = sys.intern
    out = []
    for item in mentions:
        _check(type(item) is list and len(item) == 11, "mention")
        text, label, line, column, end, l1, l2, r1, r2, siblings, headline = item
        _check(type(text) is str and type(label) is str and type(line) is int
               and type(column) is int and type(end) is int and type(headline) is bool
               and isinstance(l1, _OPTIONAL_STR) and isinstance(l2, _OPTIONAL_STR)
               and isinstance(r1, _OPTIONAL_STR) and isinstance(r2, _OPTIONAL_STR)
               and type(siblings) is list
               and all(type(sibling) is str for sibling in siblings), "mention fields")
        out.append((text, intern(label), line, column, end, l1, l2, r1, r2,
                    tuple(map(intern, siblings)), headline))
    kept = []
    for item in runs:
        _check(type(item) is list and len(item) == 5, "run")
        line, column, text, initial, lower_seen = item
        _check(type(line) is int and type(column) is int and type(text) is str
               and type(initial) is bool and type(lower_seen) is bool, "run fields")
        kept.append(tuple(item))
    _check(isinstance(framed, list) and isinstance(lowered, list)
           and isinstance(line_final, list), "notes")
    notes = []
    for item in framed:
        _check(type(item) is list and len(item) == 8 and type(item[3]) is str
               and all(type(item[i]) is int for i in (0, 1, 2, 4, 5, 6, 7))
               and 0 <= item[0] < len(kept), "framed run")
        notes.append((*item[:3], intern(item[3]), *item[4:]))
    _check(all(type(index) is int and 0 <= index < len(kept)
               for index in (*lowered, *line_final)), "lowered or line-final runs")
    return MentionSummary(tuple(out), tuple(kept), path, (), tuple(notes), tuple(lowered),
                          tuple(line_final))
