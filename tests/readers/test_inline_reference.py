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
# runs deep enough for the recovering parser's batched paths (openers counted, runs of closers
# skipped at once, problems built in batches)
_RUNS = st.builds(lambda piece, times: piece * times,
                  st.sampled_from(["[LOC ", "[ORG [x ", "  ]", " ]", "]", "[ ", "a  ]", "[PERS "]),
                  st.integers(1, 70))
deep_text = st.lists(st.one_of(_PIECES, _RUNS), max_size=30).map("".join)
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
@given(deep_text, labels_st)
def test_same_as_reference_on_deep_runs(text, labels):
    _same(text, labels)


@settings(max_examples=1000, deadline=None)
@given(soup, labels_st)
def test_same_as_reference_on_bracket_soup(text, labels):
    _same(text, labels)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_same_as_reference_on_any_text(text):
    _same(text, LABELS)


@settings(max_examples=400, deadline=None)
@given(st.lists(bracket_text, min_size=1, max_size=12).map("\n".join), labels_st,
       st.sampled_from([0, 3, 40, 10**9]))
def test_same_as_reference_whatever_the_recovery_run(text, labels, quiet):
    """However long the recovering parser keeps going after a damaged line (QUIET), the
    split between it and the fast path does not show in the result."""
    saved = inline.QUIET
    inline.QUIET = quiet
    try:
        _same(text, labels)
    finally:
        inline.QUIET = saved


def _damaged_cable() -> str:
    from benchmarks.damage import broken_cable

    return broken_cable()


def test_same_as_reference_on_damage_kinds():
    from benchmarks.damage import KINDS

    for kind, make in KINDS.items():
        text = make(20_000)
        _same(text, LABELS)
        assert text.count("[") + text.count("]") > 100, kind


def _brk_findings(tmp_path, monkeypatch, parse, files):
    import linter.readers
    from tests.conftest import lint_files

    monkeypatch.setattr(linter.readers, "parse_inline", parse)
    result = lint_files(tmp_path, files, select=["BRK"])
    return [(f.rule, f.path, f.line, f.column, f.end_line, f.end_column, f.message, f.span)
            for f in result.findings]


def test_same_brk_findings_as_reference_through_the_engine(tmp_path, monkeypatch):
    from benchmarks.damage import KINDS

    files = {f"{index}.txt": make(3_000) for index, make in enumerate(KINDS.values())}
    files["cable.txt"] = _damaged_cable()
    files["soup.txt"] = "a  ] [ORG x [LOC y  ] z\n[PER [ b ] c]  ]\n[ORG  ] [MISC q\n"
    new = _brk_findings(tmp_path / "new", monkeypatch, inline.parse_inline, files)
    old = _brk_findings(tmp_path / "old", monkeypatch, reference.parse_inline, files)
    assert len(new) > 20 and {rule for rule, *_ in new} >= {"BRK001", "BRK002", "BRK003"}
    assert new == old


def test_recovery_is_linear_in_the_nesting_depth():
    """The reference slices the text from every popped nested opener: at depth 20 000 that
    is ~3 GB copied. The new parser reads it at once; here only the result is checked (its
    speed is measured in benchmarks/pathological.py)."""
    from benchmarks.damage import KINDS

    text = KINDS["nested"](320_000)
    doc = inline.parse_inline("t.txt", text, labels=LABELS)
    assert len(doc.spans) == 1 and doc.spans[0].start == 0
    assert len(doc.problems) == 2 * (320_000 // 16) - 1
    assert {problem.kind for problem in doc.problems} == {"nested-opener"}
    assert doc.problems[0].detail == "ORG" and doc.problems[0].label == "LOC"
