"""The inline-bracket reader: the Illinois convention, recovery, and properties."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from linter.readers.inline import parse_inline, serialise_inline, strip_markup

LABELS = frozenset({"PER", "LOC", "ORG", "MISC"})


def parse(text):
    return parse_inline("t.txt", text, labels=LABELS)


def kinds(doc):
    return [problem.kind for problem in doc.problems]


def test_seed_is_well_formed(seed_text):
    doc = parse(seed_text)
    assert doc.problems == []
    assert len(doc.spans) == 123
    labels = {}
    for span in doc.spans:
        labels[span.label] = labels.get(span.label, 0) + 1
    assert labels == {"ORG": 63, "LOC": 24, "PER": 21, "MISC": 15}


def test_offsets_point_into_raw_text(seed_text):
    doc = parse(seed_text)
    for span in doc.spans:
        assert seed_text[span.start] == "["
        assert seed_text[span.end - 1] == "]"
        assert seed_text[span.text_start:span.text_end] == span.text
        assert seed_text[span.start + 1:].startswith(span.label + " ")


def test_literal_brackets_are_text(seed_text):
    doc = parse(seed_text)
    assert "[ refs ]" in seed_text
    assert not any("refs" in span.text for span in doc.spans)


def test_editorial_brackets_are_text():
    doc = parse("Source said [NAME REMOVED] met [Detail removed] on Tuesday .\n")
    assert doc.spans == [] and doc.problems == []


def test_unknown_label_with_canonical_closer_is_an_entity():
    doc = parse("[PERSON Rey  ] spoke\n")
    assert [(s.label, s.text) for s in doc.spans] == [("PERSON", "Rey")]


def test_unclosed_stops_at_line_end():
    doc = parse("the [ORG Shining Path attacked\n[LOC Peru  ] is fine\n")
    assert kinds(doc) == ["unclosed"]
    assert [s.text for s in doc.spans] == ["Peru"]
    assert doc.problems[0].start == 4


def test_unclosed_with_a_later_entity_on_the_line_reports_only_unclosed():
    doc = parse("[LOC Ayacucho say sympathy for [ORG SL  ] .\n")
    assert kinds(doc) == ["unclosed"]
    assert [s.text for s in doc.spans] == ["SL"]


def test_stray_closer():
    doc = parse("Shining Path  ] attacked\n")
    assert kinds(doc) == ["stray-closer"]


def test_single_space_closer_without_opener_is_literal():
    assert parse("months [ refs ] )\n").problems == []


def test_nested_opener_reported_once():
    doc = parse("[ORG Ministry of [LOC Peru  ] Defense  ] said\n")
    assert kinds(doc) == ["nested-opener"]
    assert [s.text for s in doc.spans] == ["Ministry of [LOC Peru  ] Defense"]


def test_literal_bracket_inside_entity():
    doc = parse("[ORG Group [ sic ] One  ] said\n")
    assert doc.problems == []
    assert [s.text for s in doc.spans] == ["Group [ sic ] One"]


def test_empty_entity():
    assert kinds(parse("the [ORG  ] said\n")) == ["empty"]


def test_trimmed_style_is_parsed():
    doc = parse("[PER John Smith] works for [ORG Enron]\n")
    assert [(s.label, s.text) for s in doc.spans] == [("PER", "John Smith"), ("ORG", "Enron")]


def test_crlf_line_endings():
    doc = parse("[LOC Lima  ] is big\r\n[ORG SL  ] too\r\n")
    assert [s.text for s in doc.spans] == ["Lima", "SL"]
    assert doc.lines.position(doc.spans[1].start) == (2, 1)


def test_line_index_positions():
    doc = parse("ab\ncd [LOC x  ]\n")
    assert doc.lines.position(0) == (1, 1)
    assert doc.lines.position(3) == (2, 1)
    assert doc.lines.position(doc.spans[0].start) == (2, 4)
    assert doc.lines.position(10_000) == (3, 1)


# ---------------------------------------------------------------- properties

@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("[]\n  ORGPELCMISab.()é\t")), max_size=200))
def test_never_raises_on_bracket_soup(text):
    doc = parse(text)
    for span in doc.spans:
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start] == "[" and text[span.end - 1] == "]"
    for problem in doc.problems:
        assert 0 <= problem.start <= problem.end <= len(text)


@given(st.text(max_size=300))
def test_never_raises_on_any_text(text):
    parse(text)


_WORD = st.text(alphabet=st.sampled_from(list("abcXYZ.,'-1")), min_size=1, max_size=8)


@st.composite
def annotated_sentences(draw):
    """Plain tokens plus entity token ranges, as the tagger would produce them."""
    tokens = draw(st.lists(_WORD, min_size=1, max_size=15))
    spans, index = [], 0
    while index < len(tokens):
        if draw(st.booleans()):
            length = draw(st.integers(1, min(3, len(tokens) - index)))
            spans.append((index, index + length, draw(st.sampled_from(sorted(LABELS)))))
            index += length + 1  # a gap keeps adjacent entities apart
        else:
            index += 1
    return tokens, spans


@given(st.lists(annotated_sentences(), min_size=1, max_size=5))
def test_serialise_parse_round_trip(sentences):
    lines, expected = [], []
    for tokens, token_spans in sentences:
        text = " ".join(tokens)
        starts, cursor = [], 0
        for token in tokens:
            starts.append(cursor)
            cursor += len(token) + 1
        char_spans = [(starts[a], starts[b - 1] + len(tokens[b - 1]), label)
                      for a, b, label in token_spans]
        lines.append(serialise_inline(text, char_spans))
        expected += [(" ".join(tokens[a:b]), label) for a, b, label in token_spans]
    doc = parse("\n".join(lines) + "\n")
    assert doc.problems == []
    assert [(s.text, s.label) for s in doc.spans] == expected
    # and back: stripping the markup and serialising again reproduces the text exactly
    plain, spans = strip_markup(doc)
    assert plain == "\n".join(" ".join(tokens) for tokens, _ in sentences) + "\n"
    assert serialise_inline(plain, spans) == doc.text


def test_round_trip_of_the_seed(seed_text):
    plain, spans = strip_markup(parse(seed_text))
    assert "[ORG" not in plain and "[ refs ]" in plain
    assert serialise_inline(plain, spans) == seed_text


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from(list("[]\n  ORGPELCMISab.()")), max_size=120))
def test_fast_path_agrees_with_the_state_machine(text):
    from linter.readers.inline import _parse_simple, _parse_with_recovery

    slow = _parse_with_recovery("t.txt", text, LABELS)
    fast = _parse_simple(text, LABELS)
    if fast is not None:
        assert fast == (slow.spans, slow.problems)


def test_fast_path_handles_the_seed(seed_text):
    from linter.readers.inline import _parse_simple

    assert _parse_simple(seed_text, LABELS) is not None


@given(st.lists(annotated_sentences(), min_size=1, max_size=4),
       st.sampled_from(["", " [ refs ] ", " [NAME REMOVED] ", " [ORG  ] ", " x ] "]))
def test_fast_path_is_taken_and_exact_on_well_formed_text(sentences, extra):
    from linter.readers.inline import _parse_simple, _parse_with_recovery

    lines = []
    for tokens, token_spans in sentences:
        words = list(tokens)
        for a, b, label in reversed(token_spans):
            words[a:b] = [f"[{label} {' '.join(words[a:b])}  ]"]
        lines.append(" ".join(words) + extra)
    text = "\n".join(lines) + "\n"
    fast = _parse_simple(text, LABELS)
    assert fast is not None
    slow = _parse_with_recovery("t.txt", text, LABELS)
    assert fast == (slow.spans, slow.problems)


def test_unclosed_opener_with_an_unknown_tagger_style_label_is_reported():
    assert kinds(parse("the [PERS Shining Path attacked\n")) == ["unclosed"]
    assert kinds(parse("the [Note that this\n")) == []
