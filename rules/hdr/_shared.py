"""Helpers shared by the HDR rules: the header zones the cable profile found, and the
example cables the rules' documentation and tests are built from.
"""

from __future__ import annotations

import re


def zones_of(doc, kind):
    """The document's zones of one kind, in text order."""
    return [zone for zone in doc.zones if zone.kind == kind]


def banner_of(doc):
    """(banner zone, level) or (None, None)."""
    zone = doc.zone("banner")
    return (zone, zone.data["level"]) if zone else (None, None)


def portions_of(doc):
    """Valid portion marks of numbered paragraphs plus a SUBJECT mark, as (zone-ish, data)."""
    marks = [(z.start, z.end, z.data) for z in zones_of(doc, "portion") if z.data.get("valid")]
    for subject in zones_of(doc, "subject"):
        portion = subject.data.get("portion")
        if portion:
            marks.append((portion["start"], portion["end"], portion))
    return sorted(marks, key=lambda mark: mark[0])


def eo_of(doc):
    """The E.O. line: the last one naming an order, else the last one, else None."""
    zones = zones_of(doc, "eo")
    with_order = [z for z in zones if z.data.get("order")]
    return with_order[-1] if with_order else (zones[-1] if zones else None)


def banner_name(facts) -> str:
    """The banner as typed, quoted for a message."""
    return f"'{facts.get('banner', '')}'"


# a TAGS item as the WikiLeaks renderer links it; group 1 is the tag
TAG_LINK = re.compile(r"<a\s+href='/tag/[^']*'>([^<]*)</a>")


def field_text(doc, zone):
    """(offset, text) of a header field's value with entity markup blanked (same offsets
    as the raw text, like the profile's plain view, but built for this field only)."""
    start, end = zone.data["key_end"], zone.end
    text = doc.text[start:end]
    if "[" not in text:
        return start, text
    pieces, cursor = [], start
    for span in doc.spans:
        if span.start >= end:
            break
        for cut_start, cut_end in ((span.start, span.text_start), (span.text_end, span.end)):
            cut_start, cut_end = max(cut_start, cursor), min(cut_end, end)
            if cut_end > cut_start:
                pieces += (doc.text[cursor:cut_start], " " * (cut_end - cut_start))
                cursor = cut_end
    pieces.append(doc.text[cursor:end])
    return start, "".join(pieces)


# --- examples: one real cable (09LIMA1659) in its raw and its tokenised, annotated form ---

_RAW = """<code><pre>C O N F I D E N T I A L LIMA 001659

SIPDIS
NOFORN

E.O. 12958: DECL: 2019/11/19
TAGS: <a href='/tag/PTER_0.html'>PTER</a> <a href='/tag/PE_0.html'>PE</a>
SUBJECT: SENDERO LUMINOSO: INCREMENTAL GAINS
REF: LIMA 1209; LIMA 1647

Classified By: P. Michael McKinley, Ambassador; REASON: 1.4(B), (D)

<a id='par1' href='#par1'>¶</a>1. (C) Summary. Analysts see gains. End summary.

<a id='par2' href='#par2'>¶</a>2. ({p2}) Observers report more attacks.

MCKINLEY</pre></code>
"""
_TOK = ("<code><pre>{banner} [LOC LIMA  ] 001659 SIPDIS NOFORN E.O. {order}: {decl} "
        "TAGS: <a href='/tag/PTER_0.html'>PTER</a> SUBJECT: Sendero Gains REF: LIMA 1209 "
        "{classified}<a id='par1' href='#par1'>¶</a>1 . \n( {p1} ) Summary . \n"
        "End summary . <a id='par2' href='#par2'>¶</a>2 . \n( C ) More attacks . \n"
        "MCKINLEY</pre></code>\n")
CLS = "CLASSIFIED BY: [PER P. Michael McKinley  ] , Ambassador ; REASON: 1.4 ( B ) , ( D ) "


def tok(banner="C O N F I D E N T I A L", order="12958", decl="2019/11/19", classified=CLS,
        p1="C", name="09LIMA1659.txt"):
    """The tokenised, annotated form with the given banner, order, DECL value, CLASSIFIED BY
    text, mark of paragraph 1 and file name (the name's year dates the cable)."""
    decl = decl if decl == "N/A" else f"[LOC DECL:  ] {decl}"
    text = _TOK.format(banner=banner, order=order, decl=decl, classified=classified, p1=p1)
    return f"=== {name} ===\n{text}"


def raw(p2="C", replace=()):
    """The raw form with the given mark of paragraph 2 and (old, new) text replacements."""
    text = _RAW.format(p2=p2)
    for old, new in replace:
        text = text.replace(old, new)
    return "=== 09LIMA1659.txt ===\n" + text


# a metadata record for the example cable: ``META.format(cls="SECRET")``
META = ('=== metadata.jsonl ===\n{{"id": "09LIMA1659", "created": "2009-11-19 20:06", '
        '"classification": "{cls}", "origin": "Embassy Lima"}}\n')

