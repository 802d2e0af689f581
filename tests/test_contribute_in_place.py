"""The LBL contribution added in place into a running total (what a full run does, see
``contribute.add_to``) equals adding up each document's own contribution, order included."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from linter.aggregate import add_into, contribute_file
from linter.readers.inline import parse_inline
from linter.rules.lbl.evidence import contribute
from linter.rules.lbl.scan import summarise

LABELS = frozenset({"PER", "LOC", "ORG", "MISC"})
NAMES = ["Lima", "LIMA", "Peru", "Sendero Luminoso", "VRAE", "Japan"]
WORDS = ["in", "the", "and", "said", ",", "2", "Ministry", "of"]

token = st.one_of(
    st.sampled_from(WORDS),
    st.tuples(st.sampled_from(sorted(LABELS)), st.sampled_from(NAMES)).map(
        lambda pair: f"[{pair[0]} {pair[1]}  ]"),
    st.sampled_from(NAMES))  # bare mentions (LBL002 runs)
line = st.lists(token, min_size=1, max_size=8).map(" ".join)
document = st.lists(line, min_size=1, max_size=5).map("\n".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(document, min_size=1, max_size=6))
def test_in_place_equals_the_sum_of_contributions(texts):
    summaries = [summarise(parse_inline(f"d{index}.txt", text, labels=LABELS))
                 for index, text in enumerate(texts)]
    summed: dict = {}
    for summary in summaries:
        add_into(summed, contribute(summary))
    in_place: dict = {}
    for summary in summaries:
        contribute_file(in_place, {"lbl": ("LBL001", contribute)}, {"LBL001": summary})
    total = in_place.get("lbl", {})
    assert total == summed
    assert list(total) == list(summed)
    assert all(list(total[key]) == list(summed[key]) for key in summed
               if isinstance(summed[key], dict))
