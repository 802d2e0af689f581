"""LBL001 on hand-made samples: a one-off label (a slip) against a recurring second sense,
and the suggestion when a row's other label outweighs the string's own labels."""

from __future__ import annotations

from linter.readers.inline import parse_inline
from linter.rules.lbl.inconsistent_label import _reasons, score_mentions
from linter.rules.lbl.mentions import M_TEXT
from linter.rules.lbl.scan import summarise

LABELS = frozenset({"PER", "LOC", "ORG", "MISC"})
DEFAULT = 0.65  # LBL001's default min-score


def _summaries(files):
    return {path: summarise(parse_inline(path, text, labels=LABELS))
            for path, text in files.items()}


def _flagged(files, min_score=DEFAULT):
    return [(v.path, v.mention[M_TEXT], v.mention[1], v.suggested)
            for v in score_mentions(_summaries(files), min_score=min_score)]


# "Acme" is an ORG in eight reports; one tagger slip makes it a PER in another, which
# names it once. Nothing local disputes or supports the slip.
_REPORTS = {f"r{n}.txt": f"Report {n} : the board of [ORG Acme  ] met .\n" for n in range(8)}


def test_a_one_off_label_against_a_recurring_one_is_flagged():
    files = dict(_REPORTS, **{"d.txt": "A spokesman said [PER Acme  ] would appeal .\n"})
    assert _flagged(files) == [("d.txt", "Acme", "PER", "ORG")]
    verdict, = score_mentions(_summaries(files), min_score=DEFAULT)
    assert verdict.one_off
    assert "no other mention of it in the corpus is PER" in _reasons(verdict)


def test_a_second_sense_that_recurs_stays_quiet():
    """The same minority label in two documents is a second sense (the city and the club),
    not a slip: it needs local evidence to be reported."""
    files = dict(_REPORTS, **{"d.txt": "A spokesman said [PER Acme  ] would appeal .\n",
                              "e.txt": "We spoke to [PER Acme  ] at noon .\n"})
    assert _flagged(files) == []


def test_a_one_off_label_that_its_neighbours_support_stays_quiet():
    """'[LOC Acme] , [LOC Lima] and [LOC Quito]': a list of places says the one-off LOC
    may be meant (a town of that name), so the one-off signal does not count."""
    files = dict(_REPORTS, **{
        "d.txt": "Floods hit [LOC Acme  ] , [LOC Lima  ] and [LOC Quito  ] .\n"})
    assert _flagged(files) == []


def test_two_one_off_labels_do_not_accuse_each_other():
    """A string with three labels once each has no usual label to contrast with."""
    files = {"a.txt": "[LOC Verdi  ] sang .\nThen [PER Verdi  ] left .\n",
             "b.txt": "[ORG Verdi  ] said so .\n"}
    assert _flagged(files) == []


def test_the_suggestion_is_a_label_the_string_carries_when_its_row_outweighs_it():
    """'[ORG Alpha] & [LOC Stark]': the row's ORG argues against LOC, but Stark is never
    ORG; the suggestion is PER, its label everywhere else, not a skipped finding."""
    files = {
        "a.txt": "[PER Stark  ] spoke .\n[PER Stark  ] left .\n",
        "b.txt": "[PER Stark  ] won .\n",
        "c.txt": "[PER Stark  ] lost .\n",
        "d.txt": "News from [ORG Alpha  ] & [LOC Stark  ] today .\n",
    }
    found = _flagged(files, min_score=0.0)
    assert ("d.txt", "Stark", "LOC", "PER") in found
    assert all(suggested != "ORG" for path, text, _, suggested in found if text == "Stark")
