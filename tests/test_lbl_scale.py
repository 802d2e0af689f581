"""Issue 16: LBL004 and LBL003 stay linear on pathological inputs (timings in
benchmarks/pathological_lbl.py); these check the bounded behaviour itself."""

from __future__ import annotations

import time

from linter.readers.inline import parse_inline
from linter.rules.lbl.keys import MAX_PART_WORDS, text_parts
from linter.rules.lbl.names import acronym_problems

LABELS = frozenset({"PER", "LOC", "ORG", "MISC"})


def test_a_very_long_span_has_no_parts_to_judge():
    assert len(text_parts(" ".join(["w"] * MAX_PART_WORDS))) == 2 * (MAX_PART_WORDS - 1)
    assert text_parts(" ".join(["w"] * 40_000)) == []


def test_acronym_counts_stay_right_and_fast_on_many_repeats():
    text = "[ORG Sendero Luminoso  ] ( [PER SL  ] ) .\n" * 3000
    doc = parse_inline("a.txt", text, labels=LABELS)
    started = time.perf_counter()
    problems = acronym_problems(doc)
    assert time.perf_counter() - started < 5
    assert len(problems) == 3000
    assert problems[0].evidence["acronym_labels_in_document"] == {"PER": 3000}
    assert "'SL' is PER 2999 more times in this document" in problems[0].message
