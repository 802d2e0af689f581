"""PAR: paragraph anchors and numbering of cables.

The WikiLeaks renderer generated each anchor's id, href and visible number from the same
capture, and the FAH wants paragraphs numbered consecutively from 1 with a portion mark
after each number (5 FAH-1 H-246.2). Numbering is read from the cable profile's
``paragraph`` zones, which already leave out pseudo-anchors (REF items ``A.``, years
``2006.``); a restart at 1 is a second numbering run (two cables on one page, or a
numbered list), reported as info rather than as a backwards step.
"""

from __future__ import annotations

from linter.profiles.cable import header_facts
from linter.profiles.cable_marks import grade
from linter.rule import Example, Rule, RuleMeta

# --- examples ---------------------------------------------------------------------------

_RAW = ("<code><pre>C O N F I D E N T I A L BERN 000881\n\nSIPDIS\n\n"
        "E.O. 12958: DECL: 11/22/2017\nTAGS: <a href='/tag/PREL_0.html'>PREL</a>\n"
        "SUBJECT: SWISS VIEWS\n\nClassified By: DCM John Smith, reasons 1.4 (b) and (d)\n\n"
        "{paras}\nSMITH</pre></code>\n")
_TOK = ("<code><pre>C O N F I D E N T I A L [LOC BERN  ] 000881 SIPDIS E.O. 12958: DECL: "
        "11/22/2017 TAGS: <a href='/tag/PREL_0.html'>PREL</a> SUBJECT: Swiss Views "
        "Classified By: DCM [PER John Smith  ] , reasons 1.4 ( b ) and ( d ) {paras}\n"
        "SMITH</pre></code>\n")


def _para(n, mark="C", label=None, ident=None, tok=False):
    label = n if label is None else label
    ident = n if ident is None else ident
    anchor = f"<a id='par{ident}' href='#par{ident}'>¶</a>{label}"
    if tok:
        mark = f"( {mark} ) " if mark else ""
        return f"{anchor} . \n{mark}The minister spoke . "
    mark = f"({mark}) " if mark else ""
    return f"{anchor}. {mark}The minister spoke.\n\n"


def raw(*numbers, **kwargs):
    """A raw cable whose paragraphs carry ``numbers``; ``kwargs`` (mark, label, ident) apply
    to every paragraph."""
    return _RAW.format(paras="".join(_para(n, **kwargs) for n in numbers))


def tok(*numbers, **kwargs):
    """The same cable in tokenised, annotated form."""
    return _TOK.format(paras="".join(_para(n, tok=True, **kwargs) for n in numbers))


_REF_ITEMS = raw(1, 2).replace(
    "SUBJECT: SWISS VIEWS\n",
    "SUBJECT: SWISS VIEWS\nREF: A. STATE 124823\n<a id='parB' href='#parB'>¶</a>B. BERN 860\n")


def _paragraphs(doc):
    """Numbered paragraphs, minus wrapped-line numbers.

    A hard-wrapped raw line that happens to start with ``23. `` got an anchor from the
    renderer; it shows as one number out of sequence between two consecutive ones
    (2, 23, 3), and is dropped. Repeats (3, 3, 4) are kept: they are real defects.
    """
    numbered = [z for z in doc.zones if z.kind == "paragraph" and z.data.get("number") is not None]
    kept = []
    for index, zone in enumerate(numbered):
        if kept and index + 1 < len(numbered):
            before, after = kept[-1].data["number"], numbered[index + 1].data["number"]
            if zone.data["number"] not in (before, before + 1) and after == before + 1:
                continue
        kept.append(zone)
    return kept


def _number_at(zone):
    return zone.start, zone.data["label_end"]


def _runs(paragraphs):
    """Split the numbered paragraphs into runs: a new run starts when numbering resets to 1."""
    runs: list[list] = []
    for zone in paragraphs:
        if zone.data["number"] == 1 and runs and runs[-1][-1].data["number"] >= 2:
            runs.append([zone])
        elif runs:
            runs[-1].append(zone)
        else:
            runs.append([zone])
    return runs


def _anchor_mismatch(doc, ctx):
    for zone in doc.zones:
        if zone.kind != "anchor":
            continue
        ident, href, label = zone.data["id"], zone.data["href"], zone.data["label"]
        if ident == href and (label == ident or not label):
            continue
        yield ctx.report(
            zone.start, zone.end,
            f"paragraph anchor disagrees with itself: id 'par{ident}', href '#par{href}', "
            f"visible number '{label}'; the renderer writes all three from one value, so the "
            "text was edited or corrupted here",
            evidence={"id": ident, "href": href, "label": label},
        )


ANCHOR_MISMATCH = Rule(RuleMeta(
    code="PAR001", name="anchor-mismatch", family="PAR", severity="error",
    profile="cable",
    summary="A paragraph anchor's id, href and visible number disagree.",
    rationale=(
        "WikiLeaks generated the id, the href and the visible number of each anchor from one "
        "value, so any difference means the text was edited or corrupted there."
    ),
    fix=(
        "Make the anchor's id, href and visible number agree again, taking the number from the "
        "paragraph's place in the numbering."
    ),
    bad=(
        Example(raw(1, 2).replace("¶</a>2", "¶</a>3"), expect=("13:1 visible number '3'",)),
        Example(tok(1, 2).replace("href='#par2'", "href='#par4'"), expect=("2:28 href '#par4'",)),
    ),
    good=(raw(1, 2, 3), tok(1, 2, 3), _REF_ITEMS),
), check=_anchor_mismatch)


def _first_not_one(doc, ctx):
    paragraphs = _paragraphs(doc)
    if not paragraphs or header_facts(doc).get("partial"):
        return
    first = paragraphs[0]
    if first.data["number"] == 1:
        return
    start, end = _number_at(first)
    yield ctx.report(
        start, end,
        f"paragraph numbering starts at {first.data['number']}, not 1: "
        f"{_paragraphs_phrase(1, first.data['number'] - 1)} missing (or this is an extract)",
        evidence={"first": first.data["number"]},
    )


NUMBERING_NOT_FROM_ONE = Rule(RuleMeta(
    code="PAR002", name="numbering-not-from-one", family="PAR", severity="error",
    profile="cable",
    summary="The first numbered paragraph is not paragraph 1.",
    rationale=(
        "Paragraphs are numbered consecutively from 1 (5 FAH-1 H-246.2); a cable starting at 3 "
        "has lost its first paragraphs. Partial extracts are exempt."
    ),
    fix=(
        "Restore the missing first paragraphs from the original cable; if the file is an extract, "
        "say so ('This record is a partial extract of the original cable.')."
    ),
    bad=(
        Example(
            raw(2, 3, 4),
            expect=("11:1 numbering starts at 2, not 1: paragraph 1 is missing",),
        ),
        Example(
            tok(3, 4),
            expect=("1:223 numbering starts at 3, not 1: paragraphs 1-2 are missing",),
        ),
    ),
    good=(raw(1, 2, 3), tok(1, 2), _REF_ITEMS),
), check=_first_not_one)


def _paragraphs_phrase(first: int, last: int) -> str:
    """'paragraph 2 is' or 'paragraphs 2-4 are': the subject of "... missing"."""
    if first == last:
        return f"paragraph {first} is"
    return f"paragraphs {first}-{last} are"


def _numbering_breaks(doc, ctx):
    for run in _runs(_paragraphs(doc)):
        for previous, zone in zip(run, run[1:]):
            before, number = previous.data["number"], zone.data["number"]
            if number == before + 1:
                continue
            if number == before:
                what = f"repeats number {number}"
            elif number > before:
                what = (f"jumps from {before} to {number}: "
                        f"{_paragraphs_phrase(before + 1, number - 1)} missing")
            else:
                what = f"goes back from {before} to {number}"
            start, end = _number_at(zone)
            yield ctx.report(
                start, end,
                f"paragraph numbering {what}; paragraphs are numbered consecutively",
                evidence={"previous": before, "number": number},
            )


NUMBERING_BREAK = Rule(RuleMeta(
    code="PAR003", name="numbering-break", family="PAR", severity="error",
    profile="cable",
    summary="Paragraph numbers skip, repeat or go backwards.",
    rationale=(
        "Numbering is consecutive, so a gap means a lost paragraph and a repeat or a step back "
        "means duplicated or reordered text. A restart at 1 is PAR004, not this."
    ),
    fix=(
        "Restore the missing paragraph, or renumber the repeated or reordered paragraphs so that "
        "the numbers count up by one."
    ),
    bad=(
        Example(raw(1, 2, 4, 5), expect=("15:1 jumps from 2 to 4: paragraph 3 is missing",)),
        Example(tok(1, 2, 2, 3), expect=("3:28 repeats number 2",)),
        Example(raw(1, 2, 3, 2), expect=("17:1 goes back from 3 to 2",)),
    ),
    good=(raw(1, 2, 3), tok(1, 2, 3, 1, 2), _REF_ITEMS),
), check=_numbering_breaks)


def _second_run(doc, ctx):
    runs = _runs(_paragraphs(doc))
    for run in runs[1:]:
        start, end = _number_at(run[0])
        yield ctx.report(
            start, end,
            f"paragraph numbering restarts at 1 after paragraph "
            f"{runs[0][-1].data['number']}: a second numbering run (a numbered list, or "
            "two cables on one page)",
            evidence={"runs": len(runs)},
        )


SECOND_NUMBERING_RUN = Rule(RuleMeta(
    code="PAR004", name="second-numbering-run", family="PAR", severity="info",
    profile="cable",
    summary="Paragraph numbering restarts at 1 within one cable.",
    rationale=(
        "The renderer anchors every line starting with 'N. ', so a numbered list or a second "
        "cable on the page starts a new run (07BERN881: par1-4 then par1-8). Worth a look, rarely "
        "a defect."
    ),
    fix=(
        "Usually nothing: check that the restart is a numbered list or a second cable, and split "
        "the file if it holds two cables."
    ),
    bad=(Example(raw(1, 2, 3, 1, 2), expect=("17:1 restarts at 1 after paragraph 3",)),),
    good=(raw(1, 2, 3), tok(1, 2)),
), check=_second_run)


def _missing_portion(doc, ctx):
    facts = header_facts(doc)
    level = facts.get("level")
    if grade(level) in (None, "U") or facts.get("entire_text"):
        return
    paragraphs = _runs(_paragraphs(doc))
    paragraphs = paragraphs[0] if paragraphs else []
    marked = [z for z in paragraphs if z.data.get("portion")]
    if not marked:
        return  # an unmarked cable is an older convention, not a slip in one paragraph
    for zone in paragraphs:
        if zone.data.get("portion") is None:
            start, end = _number_at(zone)
            yield ctx.report(
                start, end,
                f"paragraph {zone.data['number']} has no portion mark, while "
                f"{len(marked)} other paragraph(s) of this {facts.get('banner', '')} cable "
                "are marked: every paragraph of a classified cable needs one",
                evidence={"marked": len(marked), "paragraphs": len(paragraphs)},
            )


PARAGRAPH_WITHOUT_PORTION_MARK = Rule(RuleMeta(
    code="PAR005", name="paragraph-without-portion-mark", family="PAR", severity="warning",
    profile="cable",
    summary="A numbered paragraph of a classified cable has no portion mark while others do.",
    rationale=(
        "Every paragraph number is followed by its classification, e.g. '2. (C)' (5 FAH-1 "
        "H-246.2). Cables marked 'ENTIRE TEXT' and cables with no portion marks at all (the older "
        "convention) are not flagged."
    ),
    fix=(
        "Add the paragraph's portion mark after its number, as in the original cable (for example "
        "'2. (C)')."
    ),
    bad=(
        Example(
            raw(1, 2).replace("2. (C)", "2."),
            expect=("13:1 paragraph 2 has no portion mark",),
        ),
        Example(
            tok(1, 2).replace("2 . \n( C )", "2 . \n"),
            expect=("2:28 paragraph 2 has no portion mark",),
        ),
    ),
    good=(
        raw(1, 2),
        tok(1, 2),
        raw(1, 2, mark=""),
        raw(1, 2).replace("1. (C)", "1. (C - ENTIRE TEXT)").replace("2. (C)", "2."),
    ),
), check=_missing_portion)


RULES = [
    ANCHOR_MISMATCH,
    NUMBERING_NOT_FROM_ONE,
    NUMBERING_BREAK,
    SECOND_NUMBERING_RUN,
    PARAGRAPH_WITHOUT_PORTION_MARK,
]
