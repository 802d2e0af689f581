"""The cable profile's page-header search (a literal prefilter, then the full pattern on the
lines it hits) finds exactly what the full pattern finds scanning the whole text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from linter.profiles.cable import _PAGE_HEADER, _page_headers

_PIECES = st.sampled_from(["LIMA", "ROME", "TEGUCIGALP", "00001659", "0001", "002", "003.2",
                           "OF", "of", "006", "12", " ", "\t", "\n", "/", "A", "x", ".", "-"])


@given(st.lists(_PIECES, max_size=40).map("".join), st.integers(0, 60))
@settings(max_examples=400, deadline=None)
def test_page_headers_equal_the_full_scan(text, start):
    start = min(start, len(text))
    assert [m.span() for m in _page_headers(text, start)] == \
        [m.span() for m in _PAGE_HEADER.finditer(text, start)]


def test_page_headers_in_a_multi_page_cable():
    text = ("1. (C) Summary .\nthe talks LIMA 00001659 002 OF 003 went on .\n"
            "ROME 0001 003.2 OF 004\nPART OF 1999 and 12 OF 300\n")
    assert [m.group(0) for m in _page_headers(text, 0)] == [
        "LIMA 00001659 002 OF 003", "ROME 0001 003.2 OF 004"]
