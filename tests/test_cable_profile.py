"""The cable profile zones the seed, raw and tokenised real cables, and ignores prose."""

from __future__ import annotations

from pathlib import Path

from linter.profiles import cable
from linter.readers.inline import parse_inline
from tests.conftest import SEED

DATA = Path(__file__).parent / "data" / "cables"
LABELS = frozenset({"PER", "LOC", "ORG", "MISC"})


def zoned(text: str):
    doc = parse_inline("09LIMA1659.txt", text, labels=LABELS)
    assert cable.detect(doc)
    doc.zones = cable.zone(doc)
    return doc


def first(doc, kind):
    return next(z for z in doc.zones if z.kind == kind)


def test_seed_header_fields():
    doc = zoned(SEED.read_text("utf-8"))
    assert first(doc, "banner").data["level"] == "C"
    assert first(doc, "refid").data == {"station": "LIMA", "serial": "001659"}
    eo = first(doc, "eo").data
    assert (eo["order"], eo["decl_kind"], eo["decl_date"]) == ("12958", "date", "2019-11-19")
    reasons = first(doc, "classified_by").data["reasons"]
    assert (reasons["section"], reasons["letters"]) == ("1.4", ["b", "d"])
    assert first(doc, "header").data["noforn"] is True
    subject = first(doc, "subject")
    assert doc.text[subject.end - 7:subject.end] == "Picture"  # ends before REF:
    assert doc.text[first(doc, "ref").start:].startswith("REF:")


def test_seed_body():
    doc = zoned(SEED.read_text("utf-8"))
    numbers = [z.data["number"] for z in doc.zones if z.kind == "paragraph"]
    assert numbers == [1, 2, 3, 4, 5, 6, 7]
    assert all(z.data["mark"] == "C" for z in doc.zones if z.kind == "portion")
    headings = [z.data["text"] for z in doc.zones if z.kind == "heading"]
    assert headings[0] == "SL Expanding Influence in Ayacucho"
    assert "Comment: The Chile Distraction" in headings
    assert first(doc, "signature").data["text"] == "MCKINLEY"


def test_raw_and_tokenised_real_cable_agree():
    facts = []
    for form in ("raw", "annotated"):
        doc = zoned((DATA / form / "04RANGOON88.txt").read_text("utf-8"))
        eo = first(doc, "eo").data
        portions = [z.data["mark"] for z in doc.zones if z.kind == "portion"]
        facts.append((first(doc, "banner").data["level"], first(doc, "refid").data["serial"],
                      eo["decl_date"], first(doc, "classified_by").data["reasons"]["letters"],
                      portions, first(doc, "header").data["noforn"]))
    assert facts[0] == facts[1] == ("S", "000088", "2014-01-09", ["b", "d"], ["S/NF", "S/NF"],
                                    True)


def test_old_header_variants():
    text = ("<code><pre>C O N F I D E N T I A L SECTION 01 OF 03 CAPE TOWN 00097 \n \n"
            "E.O. 12356:  DECL:  OADR \nTAGS: PGOV \nSUBJ:  ESSA MOOSA TALKS \n \n"
            "<a id='par1' href='#par1'>¶</a>1.  CONFIDENTIAL - ENTIRE TEXT. \n \n"
            "-------- \nSUMMARY \n-------- \n<a id='par2' href='#par2'>¶</a>2.  TEXT.\n"
            "3.(C) UNANCHORED PARAGRAPH.\nBAQUET</pre></code>\n")
    doc = zoned(text)
    assert first(doc, "refid").data["station"] == "CAPE TOWN"
    assert first(doc, "eo").data["decl_kind"] == "code"
    assert first(doc, "subject").data["value"] == "ESSA MOOSA TALKS"
    assert first(doc, "header").data["entire_text"]
    assert first(doc, "heading").data["text"] == "SUMMARY"
    paragraphs = [(z.data["number"], z.data["anchored"]) for z in doc.zones
                  if z.kind == "paragraph"]
    assert paragraphs == [(1, True), (2, True), (3, False)]


def test_annotation_does_not_hide_decl():
    doc = zoned("C O N F I D E N T I A L LIMA 001659 E.O. 12958: [LOC DECL:  ] 2019/11/19 "
                "TAGS: PTER SUBJECT: Gains\n")
    assert first(doc, "eo").data["decl"] == "2019/11/19"


def test_ref_item_anchors_are_not_paragraphs():
    doc = zoned("SECRET BERN 000881\nE.O. 12958: DECL: 11/22/2017\nTAGS: PREL\nSUBJECT: X\n"
                "REF: A. STATE 1\n<a id='parB' href='#parB'>¶</a>B. BERN 860\n\n"
                "<a id='par1' href='#par1'>¶</a>1. (S) Text.\n")
    assert [z.data["number"] for z in doc.zones if z.kind == "paragraph"] == [1]


def test_prose_is_not_a_cable():
    for text in ("The [ORG SECRET Service  ] said the subject was closed .\n",
                 "UNCLASSIFIED documents were released on Tuesday .\nTAGS are fun .\n",
                 "Tweet about [LOC Paris  ] !\n"):
        assert not cable.detect(parse_inline("x.txt", text, labels=LABELS))


def test_page_headers_in_mid_text_are_structure():
    from linter.profiles import STRUCTURAL_ZONES, apply_profile
    from linter.readers.inline import parse_inline

    seed = (Path(__file__).resolve().parent.parent / "examples" / "09LIMA1659.txt").read_text()
    text = seed.replace("[ORG SL  ] forces were repelled",
                        "[ORG SL  ] forces LIMA 00001659 002 OF 003 were repelled", 1)
    doc = parse_inline("t.txt", text, labels=frozenset({"PER", "LOC", "ORG", "MISC"}))
    apply_profile(doc, "auto")
    pages = doc.zones_of("page_header")
    assert [text[z.start:z.end] for z in pages] == ["LIMA 00001659 002 OF 003"]
    assert "page_header" in STRUCTURAL_ZONES
    # a sentence with numbers is not a page header
    assert not _page_header_in("They paid 1000 soldiers 100 OF 200 rifles")


def _page_header_in(text):
    from linter.profiles.cable import _PAGE_HEADER

    return _PAGE_HEADER.search(text) is not None
