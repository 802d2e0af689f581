"""HDR rule on the TAGS line: missing, empty, run-together, slipped or free-text tags."""

from __future__ import annotations

import re

from linter.profiles.cable import header_facts
from linter.profiles.cable_marks import CAVEAT_WORD
from linter.rule import Example, Rule, RuleMeta

from ._shared import TAG_LINK, banner_of, field_text, raw, tok, zones_of

# TAGS subject codes (State's Traffic Analysis by Geography and Subject), used only to
# recognise run-together pairs ("EINDETRD") and one-letter slips ("POGOV").
_SUBJECT_TAGS = frozenset("""
AADP ABLD ABUD ACOA ADCO ADPM AEMR AFIN AFSI AFSN AGAO AINF AINR AINT AMED AMGT AODE AORC
APCS APER ASCH ASEC ASIG AVIP BBSR BEXP BMGT BTIO CASC CDES CFED CJAN CMGT CPAS CVIS EAGR
EAID EAIR ECIN ECON ECPS EFIN EFIS EIND EINT EINV ELAB ELTN EMIN ENRG EPET ESTH ETRD ETTC
EWWT KAWC KBIO KCOR KCRM KDEM KDRG KFLO KFLU KFRD KGHG KHIV KIPR KIRF KISL KJUS KMDR KNNP
KNPP KOLY KPAL KPAO KPKO KRVC KSCA KSEP KSTH KTFN KTIP KWBG KWMN MARR MASS MCAP MNUC MOPS OEXC
OFDP OIIP OPDC OREP OTRA OVIP PARM PBTS PGOV PHSA PHUM PINR PINS PINT PMIL POLM PREF PREL
PROP PTER SCUL SENV SMIG SNAR SOCI SPCE TBIO TINT TNGD TPHY TRGY TSPA TSPL
""".split())
_WORD_TOKEN = re.compile(r"[A-Za-z]+")
_CODE_SHAPED = re.compile(r"[A-Z]{2,5}|[a-z]{2,5}")


def _tag_items(text):
    """TAGS items of a field value: link texts, then the comma list outside the links
    (a person tag ``OVIP (NAME, GIVEN)`` is one item). Yields (offset, item, last)."""
    for link in TAG_LINK.finditer(text):
        yield link.start(1), link.group(1), False
    plain = TAG_LINK.sub(lambda m: " " * len(m.group(0)), text)
    depth, start, items = 0, 0, []
    for match in re.finditer(r"[(),]", plain):
        char = match.group(0)
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            items.append((start, plain[start:match.start()]))
            start = match.end()
    items.append((start, plain[start:]))
    for index, (offset, item) in enumerate(items):
        if item.strip():
            lead = len(item) - len(item.lstrip())
            yield offset + lead, item.strip(), index == len(items) - 1


def _merged(word):
    """The subject codes a run-together tag is made of, or None."""
    upper = word.upper()
    if len(upper) < 6 or len(upper) % 2 or upper in _SUBJECT_TAGS:
        return None
    parts = [upper[i:i + 4] for i in range(0, len(upper) - len(upper) % 4, 4)]
    if len(upper) % 4:
        parts.append(upper[-2:])
    if all(part in _SUBJECT_TAGS for part in parts if len(part) == 4):
        return parts
    return None


def _slip(word):
    """The subject code a 5-letter tag becomes without one extra letter, or None."""
    upper = word.upper()
    if len(upper) != 5:
        return None
    for i in range(5):
        if (shorter := upper[:i] + upper[i + 1:]) in _SUBJECT_TAGS:
            return shorter
    return None


def _tag_problem(item, raw_form, last):
    if CAVEAT_WORD.fullmatch(item) or "(" in item:
        return None  # HDR018 reports caveats; person tags are free-form inside the brackets
    words = item.split()
    if len(words) > 1 and not all(_CODE_SHAPED.fullmatch(w) for w in words):
        if not raw_form and last:
            return None  # the tokenised header lost the line break after the last tag
        if "\n" in item or not all(_WORD_TOKEN.fullmatch(w) for w in words):
            return None
        return (f"'{' '.join(words)}' is free text, not a TAGS code (4-letter subject, 2-letter "
                "country, K-program or 'OVIP (NAME, GIVEN)' person tag)")
    for word in words:  # one code, or codes separated by blanks only ("PREL PGOV SP")
        if not _WORD_TOKEN.fullmatch(word):
            continue
        if (parts := _merged(word)) is not None:
            return (f"'{word}' looks like the tags {' and '.join(repr(p) for p in parts)} run "
                    "together without a separator")
        if (code := _slip(word)) is not None:
            return f"'{word}' looks like a slip for the subject tag '{code}' (one extra letter)"
    return None


def _bad_tags(doc, ctx):
    facts = header_facts(doc)
    zone, _ = banner_of(doc)
    if not facts or zone is None:
        return
    tags = zones_of(doc, "tags")
    if not tags:
        if not facts.get("partial"):
            yield ctx.report(
                zone.start, zone.end,
                "the header has no TAGS line: every cable needs at least one subject or "
                "country tag for distribution and retrieval",
                evidence={"field": "TAGS"},
            )
        return
    raw_form = facts.get("form") == "raw"
    for field in tags:
        key_end, text = field_text(doc, field)
        items = [(offset, item, last) for offset, item, last in _tag_items(text)
                 if not CAVEAT_WORD.fullmatch(item)]
        if not items:
            yield ctx.report(
                field.start, field.end,
                "the TAGS line is empty: every cable needs at least one subject or country tag "
                "for distribution and retrieval",
                evidence={"field": "TAGS"},
            )
            continue
        for offset, item, last in items:
            problem = _tag_problem(item, raw_form, last)
            if problem:
                yield ctx.report(
                    key_end + offset, key_end + offset + len(item),
                    f"TAGS item {problem}",
                    evidence={"tag": " ".join(item.split())},
                )


MALFORMED_TAGS = Rule(RuleMeta(
    code="HDR019", name="malformed-tags", family="HDR", severity="warning",
    profile="cable",
    summary=(
        "TAGS is missing or empty, or an item is two codes run together ('EINDETRD'), a "
        "one-letter slip of a subject code ('POGOV') or free text ('Organized Crime')."
    ),
    rationale=(
        "Every cable needs at least one TAGS code, and each code is a 4-letter subject, a "
        "2-letter country, a K-program or an 'OVIP (NAME, GIVEN)' person tag. Only defects that "
        "are certain are flagged: org tags of other lengths (EUN, ASEAN, MTCRE) and well-formed "
        "4-letter typos (cablemap's tag fixes) pass, and in the tokenised form the last item is "
        "not judged as free text (the line break after it is lost)."
    ),
    fix=(
        "Restore the TAGS line from the original cable: separate run-together codes with commas, "
        "correct slipped codes and move free text out of TAGS."
    ),
    bad=(
        Example(
            raw(replace=[("<a href='/tag/PE_0.html'>PE</a>",
                          "<a href='/tag/EINDETRD_0.html'>EINDETRD</a>")]),
            expect=(
                "09LIMA1659.txt:7:74 'EINDETRD' looks like the tags 'EIND' and 'ETRD' run together",
            ),
        ),
        Example(
            tok().replace("<a href='/tag/PTER_0.html'>PTER</a>", "PTER , POGOV , PE"),
            expect=("09LIMA1659.txt:1:120 'POGOV' looks like a slip for the subject tag 'PGOV'",),
        ),
        Example(
            raw(replace=[("TAGS: <a href='/tag/PTER_0.html'>PTER</a> <a href='/tag/PE_0.html'>"
                          "PE</a>", "TAGS PTER, PE, Organized Crime")]),
            expect=("09LIMA1659.txt:7:16 'Organized Crime' is free text",),
        ),
        Example(
            tok().replace("TAGS: <a href='/tag/PTER_0.html'>PTER</a> ", "TAGS: "),
            expect=("09LIMA1659.txt:1:107 the TAGS line is empty",),
        ),
    ),
    good=(
        raw(),
        tok(),
        raw(replace=[("TAGS: <a href='/tag/PTER_0.html'>PTER</a> <a href='/tag/PE_0.html'>"
                      "PE</a>", "TAGS OVIP (CLINTON, HILLARY), PREL, EUN, ASEAN, MTCRE, "
                      "PGOF, pter, pe")]),
        tok().replace("<a href='/tag/PTER_0.html'>PTER</a>", "PTER , PE , Organized Crime"),
    ),
), check=_bad_tags)


RULES = [MALFORMED_TAGS]
