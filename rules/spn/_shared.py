"""Helpers shared by the SPN rules: cable keywords, the structural boundaries an entity may
not cross, and the example cables the rules' documentation and tests are built from.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from linter.profiles.cable_marks import CAVEAT_ALTERNATION

# Field keywords and caveats, which are never part of a name. Colon forms anywhere; bare
# header words (TAGS, EO, banner words) only inside the header.
KEYWORD = re.compile(
    r"(?i)(?<!\S)(?:DECL\w*:|REFS?:|REF\(S\):|REFTELS?:|TAGS:|SUBJ(?:ECT)?:|REASONS?:|E\.O\.|"
    rf"CLASSIFIED\s+BY:?|END\s+(?:OF\s+)?(?:SUMMARY|COMMENT)|{CAVEAT_ALTERNATION})"
    r"(?!\S)"
)

HEADER_WORD = re.compile(
    r"(?<!\S)(?:TAGS|EO|CONFIDENTIAL|SECRET|UNCLAS|UNCLASSIFIED|C O N F I D E N T I A L|"
    r"S E C R E T)(?!\S)"
)

_FIELD_NAMES = {"banner": "the banner", "refid": "the reference id", "caveat": "a caveat",
                "eo": "the E.O./DECL line", "tags": "TAGS", "subject": "SUBJECT",
                "ref": "REF", "classified_by": "CLASSIFIED BY", "anchor": "a paragraph anchor",
                "underline": "a heading underline", "portion": "a portion mark",
                "heading": "a heading", "paragraph": "a paragraph start"}

# Zones whose start (and for the last group also end) an entity may not straddle.
_FIELD_STARTS = ("banner", "refid", "eo", "tags", "subject", "ref", "classified_by",
                 "paragraph", "signature")

_CLOSED = ("anchor", "underline", "portion", "heading", "caveat")


def boundaries(doc):
    """(offset, description) of every structural boundary an entity may not straddle."""
    points = []
    for zone in doc.zones:
        if zone.kind in _FIELD_STARTS:
            points.append((zone.start, f"the start of {_FIELD_NAMES.get(zone.kind, zone.kind)}"))
        if zone.kind in _CLOSED:
            name = _FIELD_NAMES[zone.kind]
            points.append((zone.start, f"the start of {name}"))
            points.append((zone.end, f"the end of {name}"))
    points.sort()
    return points


def crossings(points, span) -> list[str]:
    """Descriptions of the boundaries strictly inside the entity's text."""
    index = bisect_right(points, (span.text_start, "\uffff"))
    crossed = []
    while index < len(points) and points[index][0] < span.text_end:
        if points[index][0] > span.text_start:
            crossed.append(points[index][1])
        index += 1
    return crossed


# --- examples ---------------------------------------------------------------------------

_HEADER = (
    "<code><pre>C O N F I D E N T I A L [LOC LIMA  ] 001659 SIPDIS NOFORN E.O. 12958: "
    "{decl} 2019/11/19 TAGS: <a href='/tag/PTER_0.html'>PTER</a> {tag} SUBJECT: {subject} "
    "1209 ; [LOC LIMA  ] 1299 ; {ref3} 1647 CLASSIFIED BY: [PER P. Michael McKinley  ] , "
    "Ambassador ; REASON: 1.4 ( B ) , ( D ) <a id='par1' href='#par1'>¶</a>1 . \n"
    "( {mark} ) [ORG SL  ] insurgents gained ground . \n"
    "{heading} ------------------ <a id='par2' href='#par2'>¶</a>2 . \n"
    "( C ) [ORG SL  ] attacked a base . \nMCKINLEY</pre></code>\n"
)

GOOD_SUBJECT = "[ORG Sendero Luminoso  ] : Incremental Gains REF: [LOC LIMA  ]"

BAD_SUBJECT = "[ORG Sendero Luminoso: Incremental Gains REF: LIMA  ]"


def header_like(decl="DECL:", subject=GOOD_SUBJECT, heading="[ORG SL  ] Expanding Influence",
                ref3="[LOC LIMA  ]", mark="C", tag="<a href='/tag/PE_0.html'>PE</a>"):
    """A tokenised, annotated cable (09LIMA1659) with the given DECL keyword, SUBJECT text,
    heading, station of the third REF id, mark of paragraph 1 and second TAGS item."""
    return _HEADER.format(decl=decl, subject=subject, heading=heading, ref3=ref3, mark=mark,
                          tag=tag)


# a raw, annotated cable (04RANGOON88) without structural defects
RAW_GOOD = (
    "<code><pre>S E C R E T [LOC RANGOON  ] 000088 \nSIPDIS \nNOFORN \n"
    "EO 12958 DECL: 01/09/2014 \nTAGS PGOV, PARM \nSUBJECT: [LOC BURMA  ] : RUMORS OF A REACTOR\n"
    "REF: STATE 297614 AND PREVIOUS 03 [LOC RANGOON  ] 1427\n"
    "Classified By: COM [PER Carmen Martinez  ] for Reasons 1.5 (B,D)\n"
    "<a id='par1' href='#par1'>¶</a>1. (S/NF) A businessman near [LOC Minbu  ] saw barges.\n"
    "MARTINEZ</pre></code>\n")
