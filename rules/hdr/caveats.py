"""HDR rules on distribution caveats (SIPDIS, NOFORN, NODIS...): NOFORN in the header
against /NF in the portion marks, and caveats written into the TAGS or SUBJECT fields.
"""

from __future__ import annotations

from linter.profiles.cable import header_facts
from linter.profiles.cable_marks import CAVEAT_WORD, ONLY_CAVEATS, PORTION, parse_portion
from linter.rule import Example, Rule, RuleMeta

from ._shared import TAG_LINK, field_text, portions_of, raw, tok, zones_of


def _nf_portion_without_noforn(doc, ctx):
    facts = header_facts(doc)
    if not facts or facts.get("noforn"):
        return
    for start, end, data in portions_of(doc):
        if data.get("noforn"):
            yield ctx.report(
                start, end,
                f"portion mark '({data['mark']})' restricts this paragraph to NOFORN, but the "
                "header carries no NOFORN caveat: a dissemination control in a portion must "
                "also appear at the top",
                evidence={"portion": data["mark"], "caveats": facts.get("caveats", [])},
            )
            return


NF_PORTION_WITHOUT_NOFORN = Rule(RuleMeta(
    code="HDR008", name="nf-portion-without-noforn", family="HDR", severity="error",
    profile="cable",
    summary="A portion is marked NOFORN (/NF) but the header has no NOFORN caveat.",
    rationale=(
        "A dissemination control inside a portion must be carried at the top of the cable, where "
        "distribution decisions are made."
    ),
    fix=(
        "Add the NOFORN caveat line to the header, or remove /NF from the portion mark if the "
        "paragraph may be shared with foreign nationals."
    ),
    bad=(
        Example(
            raw(p2="C/NF", replace=[("NOFORN\n", "")]),
            expect=("09LIMA1659.txt:14:35 '(C/NF)' restricts this paragraph to NOFORN",),
        ),
    ),
    good=(raw(p2="C/NF"), raw(replace=[("NOFORN\n", "")])),
), check=_nf_portion_without_noforn)


def _noforn_without_nf_portion(doc, ctx):
    facts = header_facts(doc)
    if not facts.get("noforn"):
        return
    marks = portions_of(doc)
    if not marks or any(data.get("noforn") for _, _, data in marks):
        return
    caveat = next(z for z in zones_of(doc, "caveat") if z.data["word"] == "NOFORN")
    yield ctx.report(
        caveat.start, caveat.end,
        f"NOFORN in the header, but none of the {len(marks)} portion marks carries /NF: "
        "the control is not traceable to a portion (common drafting practice, hence info)",
        evidence={"portions": len(marks)},
    )


NOFORN_WITHOUT_NF_PORTION = Rule(RuleMeta(
    code="HDR012", name="noforn-without-nf-portion", family="HDR", severity="info",
    profile="cable",
    summary="NOFORN is in the header but no portion mark carries /NF.",
    rationale=(
        "In a portion-marked cable the NOFORN control should be traceable to a portion; State "
        "drafters often mark portions plain (C), so this stays informational."
    ),
    fix=(
        "Nothing to do when the marks are those of the original; otherwise add /NF to the portion "
        "marks of the paragraphs that carry the restricted text."
    ),
    bad=(Example(raw(), expect=("09LIMA1659.txt:4:1 none of the 2 portion marks carries /NF",)),),
    good=(raw(p2="C/NF"), raw(replace=[("NOFORN\n", "")])),
), check=_noforn_without_nf_portion)


def _caveats_in_tags(doc, zone, raw_form):
    """Caveat words that are items of the TAGS list (a link, or comma/line-bound)."""
    key_end, text = field_text(doc, zone)
    for link in TAG_LINK.finditer(text):
        word = link.group(1).strip()
        if CAVEAT_WORD.fullmatch(word):
            yield key_end + link.start(), key_end + link.end(), word.upper()
    plain = TAG_LINK.sub(lambda m: " " * len(m.group(0)), text)
    for match in CAVEAT_WORD.finditer(plain):
        before = text[:match.start()].rstrip()
        after = text[match.end():].lstrip()
        first = not before  # right after "TAGS:"
        listed = first or before.endswith(",") or after.startswith(",")
        if not listed and raw_form and before and "\n" not in text[len(before):match.start()]:
            listed = True  # on the same line as other tags
        if listed:
            yield key_end + match.start(), key_end + match.end(), match.group(1).upper()


def _caveats_in_subject(doc, zone, raw_form):
    """Caveat words inside the SUBJECT text, not a caveat line that merely follows it."""
    key_end, text = field_text(doc, zone)
    marks = [(m.start(), m.end()) for m in PORTION.finditer(text)
             if (parsed := parse_portion(m.group(1))) and parsed["level"]]
    for match in CAVEAT_WORD.finditer(text):
        if any(a <= match.start() < b for a, b in marks):
            continue  # (S//NOFORN) is a portion mark on the subject, not text
        trailing = ONLY_CAVEATS.match(text[match.end():]) is not None
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line = text[line_start:line_end if line_end != -1 else len(text)]
        if raw_form and ONLY_CAVEATS.match(line):
            continue  # a caveat line inside the field (misplaced line, not subject text)
        if trailing and not raw_form:
            continue  # may be a caveat line after the subject: the tokenised form lost breaks
        yield key_end + match.start(), key_end + match.end(), match.group(1).upper()


def _caveat_in_field(doc, ctx):
    facts = header_facts(doc)
    if not facts:
        return
    raw_form = facts.get("form") == "raw"
    for zone in zones_of(doc, "tags"):
        for start, end, word in _caveats_in_tags(doc, zone, raw_form):
            yield ctx.report(
                start, end,
                f"'{word}' is listed among the TAGS: it is a distribution caveat, not a TAGS "
                "subject or country code, and belongs on its own caveat line",
                evidence={"field": "TAGS", "word": word},
            )
    for zone in zones_of(doc, "subject"):
        for start, end, word in _caveats_in_subject(doc, zone, raw_form):
            yield ctx.report(
                start, end,
                f"'{word}' sits inside the SUBJECT text: it is a distribution caveat, which "
                "belongs on its own caveat line, not in the title of the cable",
                evidence={"field": "SUBJECT", "word": word},
            )


CAVEAT_IN_TAGS_OR_SUBJECT = Rule(RuleMeta(
    code="HDR018", name="caveat-in-tags-or-subject", family="HDR", severity="error",
    profile="cable",
    summary=(
        "A caveat (SIPDIS, NOFORN, NODIS...) is listed among the TAGS or written into the "
        "SUBJECT."
    ),
    rationale=(
        "Caveats are distribution controls on their own header lines; as a TAGS item (cablemap "
        "notes 'SIPDIS' in the TAGS of 05OTTAWA3726) or inside the subject title they are field "
        "contamination. A caveat line that merely follows the field, and a '(S//NOFORN)' portion "
        "mark on the subject, are not flagged."
    ),
    fix=(
        "Delete the caveat from TAGS or SUBJECT and make sure the header has it on its own caveat "
        "line."
    ),
    bad=(
        Example(
            raw(replace=[("<a href='/tag/PE_0.html'>PE</a>",
                          "<a href='/tag/PE_0.html'>PE</a> <a href='/tag/SIPDIS_0.html'>SIPDIS"
                          "</a>")]),
            expect=("09LIMA1659.txt:7:75 'SIPDIS' is listed among the TAGS",),
        ),
        Example(
            tok().replace("<a href='/tag/PTER_0.html'>PTER</a>", "PTER , SIPDIS , PE"),
            expect=("09LIMA1659.txt:1:120 'SIPDIS' is listed among the TAGS",),
        ),
        Example(
            raw(replace=[("SUBJECT: SENDERO", "SUBJECT: NOFORN SENDERO")]),
            expect=("09LIMA1659.txt:8:10 'NOFORN' sits inside the SUBJECT text",),
        ),
        Example(
            tok().replace("SUBJECT: Sendero Gains", "SUBJECT: Sendero NODIS Gains"),
            expect=("09LIMA1659.txt:1:166 'NODIS' sits inside the SUBJECT text",),
        ),
    ),
    good=(
        raw(),
        tok(),
        raw(replace=[("SUBJECT: ", "SUBJECT: (C//NOFORN) ")]),
        raw(replace=[("SIPDIS\n", ""), ("\nSUBJECT", "\nSIPDIS\nSUBJECT")]),
        tok().replace("SIPDIS NOFORN E.O.", "E.O.").replace("REF: LIMA",
                                                            "SIPDIS REF: LIMA"),
    ),
), check=_caveat_in_field)


RULES = [NF_PORTION_WITHOUT_NOFORN, NOFORN_WITHOUT_NF_PORTION, CAVEAT_IN_TAGS_OR_SUBJECT]
