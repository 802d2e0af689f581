"""HDR: consistency of a cable's classification header (banner, portion marks, caveats,
E.O./DECL line, CLASSIFIED BY/REASON) with itself, with the cable date and with metadata.

Every check reads facts the cable profile put in ``Zone.data``; only the TAGS/SUBJECT
checks (V4, H5) read the value of a field the profile delimited. The checks follow section
2 of ``design/cable-format.md`` (codes C1-C4, C6, C9, V1, V2, V4, D1-D4, D6, D7, R1-R4, H5)
and keep the brief's severity; low-reliability ones are info. Checks that need the cable
date stay silent when neither metadata nor the file's WikiLeaks id gives it. S1 (End
summary without a start) and S4 (no signature) are left out: on cables-dev every End
summary without a start closes a summary that began in paragraph 1, and the profile finds
no signature on the many cables signed in mixed case ('Leach'), so both would cry wolf.
"""

from __future__ import annotations

import re
from datetime import date

from linter.profiles.cable import header_facts
from linter.profiles.cable_dates import AMENDMENT_13292, cable_window, order_misfit
from linter.profiles.cable_marks import (LEVEL_NAMES, PORTION, RANK, grade, metadata_level,
                                         parse_portion)
from linter.rule import Rule, RuleMeta

_OLD_ORDERS = ("11652", "12065", "12356")  # before CLASSIFIED BY lines were the norm


def _all(doc, kind):
    return [zone for zone in doc.zones if zone.kind == kind]


def _banner(doc):
    """(banner zone, level) or (None, None)."""
    zone = doc.zone("banner")
    return (zone, zone.data["level"]) if zone else (None, None)


def _portions(doc):
    """Valid portion marks of numbered paragraphs plus a SUBJECT mark, as (zone-ish, data)."""
    marks = [(z.start, z.end, z.data) for z in _all(doc, "portion") if z.data.get("valid")]
    for subject in _all(doc, "subject"):
        portion = subject.data.get("portion")
        if portion:
            marks.append((portion["start"], portion["end"], portion))
    return sorted(marks, key=lambda mark: mark[0])


def _eo(doc):
    zones = _all(doc, "eo")
    with_order = [z for z in zones if z.data.get("order")]
    return with_order[-1] if with_order else (zones[-1] if zones else None)


def _banner_name(facts) -> str:
    return f"'{facts.get('banner', '')}'"


# --- C1: portion mark above the banner -------------------------------------------------

def _portion_above_banner(doc, ctx):
    zone, level = _banner(doc)
    if zone is None:
        return
    for start, end, data in _portions(doc):
        if data["level"] == "TS":
            continue  # HDR016 names the defect: Cablegate holds nothing above SECRET
        if RANK[grade(data["level"])] > RANK[grade(level)]:
            where = "the SUBJECT line" if start < (doc.zone("header").end) else (
                f"paragraph {data.get('paragraph')}" if data.get("paragraph") else "a paragraph")
            yield ctx.report(
                start, end,
                f"portion mark '({data['mark']})' on {where} is {LEVEL_NAMES[data['level']]}, "
                f"above the cable's banner {_banner_name(header_facts(doc))} "
                f"({LEVEL_NAMES[level]}): the banner must carry the highest portion level",
                evidence={"portion": data["mark"], "banner": level},
            )


# --- C6 / R2 / D6: classified markings on an unclassified cable -----------------------

def _classified_on_unclassified(doc, ctx):
    _, level = _banner(doc)
    if level not in ("U", "SBU"):
        return
    facts = header_facts(doc)
    for zone in _all(doc, "classified_by"):
        if zone.data.get("in_paragraph"):
            continue
        yield ctx.report(
            zone.start, zone.data["key_end"],
            f"'Classified By' line on a cable whose banner {_banner_name(facts)} says it is "
            "unclassified: unclassified text has no classifier, so one of the two is wrong",
            evidence={"banner": level},
        )
    eo = _eo(doc)
    if eo is not None and eo.data.get("decl_kind") == "date":
        yield ctx.report(
            eo.data["decl_start"], eo.data["decl_end"],
            f"declassification date '{eo.data['decl']}' on a cable whose banner "
            f"{_banner_name(facts)} says it is unclassified: unclassified cables carry "
            "'E.O. 12958: N/A'",
            evidence={"banner": level, "decl": eo.data["decl"]},
        )


# --- R1: classified cable without CLASSIFIED BY ----------------------------------------

def _missing_classified_by(doc, ctx):
    zone, level = _banner(doc)
    facts = header_facts(doc)
    if zone is None or grade(level) == "U" or facts.get("partial"):
        return
    eo = _eo(doc)
    if eo is None or eo.data.get("order") in _OLD_ORDERS or eo.data.get("order") is None:
        return  # pre-1995 cables and headers without an E.O. line follow other conventions
    if _all(doc, "classified_by") or not _all(doc, "paragraph"):
        return
    yield ctx.report(
        zone.start, zone.end,
        f"the banner {_banner_name(facts)} makes this cable classified, but there is no "
        "'Classified By: <name>; Reason: 1.4(x)' line in the header or paragraph 1: "
        f"a classified telegram under E.O. {eo.data['order']} must name its classifier",
        evidence={"banner": level, "order": eo.data["order"]},
    )


# --- R4: reason citation outside 1.4 (a)-(h) / 1.5 (a)-(g) ------------------------------

_ALLOWED = {"1.4": "abcdefgh", "1.5": "abcdefg"}


def _invalid_reason(doc, ctx):
    for zone in _all(doc, "classified_by"):
        reasons = zone.data.get("reasons")
        if not reasons:
            continue
        section, letters = reasons["section"], reasons["letters"]
        allowed = _ALLOWED.get(section)
        cited = f"{section} ({', '.join(letters)})" if letters else section
        if allowed is None:
            problem = (f"section {section} is not a classification reason: E.O. 12958 lists "
                       "them in 1.4 (a)-(h), 1.5 (a)-(g) before 2003")
        else:
            bad = [letter for letter in letters if letter not in allowed]
            if not bad:
                continue
            problem = (f"{', '.join('(' + b + ')' for b in bad)} is not a category of section "
                       f"{section}, which allows ({allowed[0]})-({allowed[-1]})")
        yield ctx.report(
            reasons["start"], reasons["end"],
            f"classification reason '{cited}': {problem}",
            evidence={"section": section, "letters": letters},
        )


# --- D1: E.O. number does not fit the cable date ----------------------------------------

def _eo_anachronism(doc, ctx):
    eo = _eo(doc)
    if eo is None or not eo.data.get("order") or eo.data.get("decl_kind") == "declassified":
        return  # NARA stamps today's order on declassified old cables
    window = cable_window(doc.metadata, doc.path)
    if window is None:
        return
    misfit = order_misfit(eo.data["order"], window)
    if misfit is None:
        return
    start, end = misfit
    until = "" if end.year > 2090 else f" to {end.isoformat()}"
    yield ctx.report(
        eo.start, eo.data.get("key_end", eo.end),
        f"E.O. {eo.data['order']} governed classification from {start.isoformat()}{until}, "
        f"but this cable dates from {window[2]}: the order on the E.O. line is anachronistic",
        evidence={"order": eo.data["order"], "cable_date": window[2]},
    )


# --- D2: DECL date that does not parse --------------------------------------------------

def _decl_unparseable(doc, ctx):
    eo = _eo(doc)
    if eo is None or eo.data.get("decl_kind") != "bad-date":
        return
    yield ctx.report(
        eo.data["decl_start"], eo.data["decl_end"],
        f"declassification date '{eo.data['decl']}' is not a calendar date "
        "(expected M/D/YY, M/D/YYYY or YYYY/MM/DD)",
        evidence={"decl": eo.data["decl"]},
    )


# --- D3 / D4: DECL date against the cable date -----------------------------------------

def _decl_date(doc):
    eo = _eo(doc)
    if eo is None or eo.data.get("decl_kind") != "date":
        return None, None, None
    window = cable_window(doc.metadata, doc.path)
    return eo, date.fromisoformat(eo.data["decl_date"]), window


def _decl_not_after(doc, ctx):
    eo, decl, window = _decl_date(doc)
    if eo is None or window is None:
        return
    earliest, latest, source = window
    if decl <= earliest and (earliest == latest or decl.year < earliest.year):
        yield ctx.report(
            eo.data["decl_start"], eo.data["decl_end"],
            f"declassification date '{eo.data['decl']}' is not after the cable date "
            f"({source}): a cable cannot be declassified before it was written",
            evidence={"decl": eo.data["decl_date"], "cable_date": source},
        )


def _decl_horizon(doc, ctx):
    eo, decl, window = _decl_date(doc)
    if eo is None or window is None:
        return
    years = (decl - window[1]).days / 365.25
    if years > 25.5:
        yield ctx.report(
            eo.data["decl_start"], eo.data["decl_end"],
            f"declassification date '{eo.data['decl']}' is {years:.0f} years after the cable "
            f"date ({window[2]}): beyond 25 years needs an exemption code (25X1...), so the "
            "year is probably mistyped",
            evidence={"decl": eo.data["decl_date"], "cable_date": window[2]},
        )


# --- D6 (classified half): classified cable whose E.O. line says N/A --------------------

def _classified_without_decl(doc, ctx):
    zone, level = _banner(doc)
    if zone is None or grade(level) == "U":
        return
    eo = _eo(doc)
    if eo is None or eo.data.get("decl_kind") != "na":
        return
    yield ctx.report(
        eo.start, eo.end,
        f"the E.O. line says N/A but the banner {_banner_name(header_facts(doc))} makes this cable "
        "classified: classified text needs a declassification date (or OADR / an X code)",
        evidence={"banner": level},
    )


# --- V1 / V2: NOFORN in portions vs header ---------------------------------------------

def _nf_portion_without_noforn(doc, ctx):
    facts = header_facts(doc)
    if not facts or facts.get("noforn"):
        return
    if "NOFORN" in str(doc.metadata.get("classification", "")).upper():
        pass  # metadata agrees with the portion; the header still lacks the caveat
    for start, end, data in _portions(doc):
        if data.get("noforn"):
            yield ctx.report(
                start, end,
                f"portion mark '({data['mark']})' restricts this paragraph to NOFORN, but the "
                "header carries no NOFORN caveat: a dissemination control in a portion must "
                "also appear at the top",
                evidence={"portion": data["mark"], "caveats": facts.get("caveats", [])},
            )
            return


def _noforn_without_nf_portion(doc, ctx):
    facts = header_facts(doc)
    if not facts.get("noforn"):
        return
    marks = _portions(doc)
    if not marks or any(data.get("noforn") for _, _, data in marks):
        return
    caveat = next(z for z in _all(doc, "caveat") if z.data["word"] == "NOFORN")
    yield ctx.report(
        caveat.start, caveat.end,
        f"NOFORN in the header, but none of the {len(marks)} portion marks carries /NF: "
        "the control is not traceable to a portion (common drafting practice, hence info)",
        evidence={"portions": len(marks)},
    )


# --- C2: every portion below the banner -------------------------------------------------

def _portions_below_banner(doc, ctx):
    zone, level = _banner(doc)
    if zone is None or grade(level) == "U":
        return
    marks = _portions(doc)
    if len(marks) < 2:
        return
    top = max(RANK[data["level"]] for _, _, data in marks)
    if top >= RANK[level]:
        return
    highest = next(name for name, rank in RANK.items() if rank == top)
    yield ctx.report(
        zone.start, zone.end,
        f"the banner {_banner_name(header_facts(doc))} is {LEVEL_NAMES[level]} but the highest of the "
        f"{len(marks)} portion marks is ({highest}): the cable is over-classified or its "
        "portions are under-marked",
        evidence={"banner": level, "highest_portion": highest},
    )


# --- C9: malformed portion mark ---------------------------------------------------------

def _malformed_portion(doc, ctx):
    for zone in _all(doc, "portion"):
        if zone.data.get("valid"):
            continue
        problem = zone.data.get("problem") or "not one of U, SBU, C, S, TS (LOU, FOUO) with " \
                                              "optional /NF, //NOFORN, /REL ... suffixes"
        yield ctx.report(
            zone.start, zone.end,
            f"malformed portion mark '{zone.data['mark']}' after paragraph "
            f"{zone.data.get('paragraph')}: {problem}",
            evidence={"mark": zone.data["mark"]},
        )


# --- C4: banner against the metadata classification -------------------------------------

def _banner_vs_metadata(doc, ctx):
    zone, level = _banner(doc)
    value = doc.metadata.get("classification") if doc.metadata else None
    if zone is None or not isinstance(value, str):
        return
    meta_level, meta_noforn = metadata_level(value)
    if meta_level is None or grade(meta_level) == grade(level):
        return
    yield ctx.report(
        zone.start, zone.end,
        f"the banner {_banner_name(header_facts(doc))} ({LEVEL_NAMES[level]}) disagrees with the "
        f"metadata classification '{value}': two records of the same fact differ",
        evidence={"banner": level, "metadata": value},
    )


# --- R3: section 1.4 cited before E.O. 13292 created it ---------------------------------

def _reason_section_anachronism(doc, ctx):
    window = cable_window(doc.metadata, doc.path)
    if window is None or window[1] >= AMENDMENT_13292:
        return
    for zone in _all(doc, "classified_by"):
        reasons = zone.data.get("reasons")
        if reasons and reasons["section"] == "1.4":
            yield ctx.report(
                reasons["start"], reasons["end"],
                f"reason cites section 1.4, but the cable dates from {window[2]}, before "
                "E.O. 13292 (2003-03-25) moved the reasons from 1.5 to 1.4",
                evidence={"section": "1.4", "cable_date": window[2]},
            )


# --- D7: no E.O. line ---------------------------------------------------------------------

def _missing_eo(doc, ctx):
    facts = header_facts(doc)
    zone, _ = _banner(doc)
    if zone is None or not facts or facts.get("partial") or _all(doc, "eo"):
        return
    yield ctx.report(
        zone.start, zone.end,
        "the header has no E.O. line ('E.O. 12958: DECL: <date>', or 'E.O. 12958: N/A' on an "
        "unclassified cable): every cable, old ones included, states the order it was "
        "classified under, so the line was lost or mistyped",
        evidence={"banner": facts.get("level")},
    )


# --- C3: TOP SECRET in a corpus that holds nothing above SECRET -------------------------

def _top_secret(doc, ctx):
    zone, level = _banner(doc)
    if zone is not None and level == "TS":
        yield ctx.report(
            zone.start, zone.end,
            f"TOP SECRET banner {_banner_name(header_facts(doc))}: Cablegate came from SIPRNet, which "
            "carries nothing above SECRET, so the banner was mistyped or altered",
            evidence={"banner": level},
        )
        return
    for start, end, data in _portions(doc):
        if data["level"] == "TS":
            where = (f"paragraph {data['paragraph']}" if data.get("paragraph")
                     else "the SUBJECT line" if doc.zone("subject") and
                     start < doc.zone("header").end else "a paragraph")
            yield ctx.report(
                start, end,
                f"portion mark '({data['mark']})' on {where} is TOP SECRET: Cablegate came from "
                "SIPRNet, which carries nothing above SECRET, so the mark is a typo (for (S)?)",
                evidence={"portion": data["mark"], "banner": level},
            )


# --- V4: caveat words inside TAGS or SUBJECT --------------------------------------------

_CAVEAT_WORD = re.compile(r"(?i)(?<![\w/])(SIPDIS|NOFORN|NODIS|EXDIS|LIMDIS|STADIS|ORCON)(?![\w/])")
_TAG_LINK = re.compile(r"<a\s+href='/tag/[^']*'>([^<]*)</a>")
_ONLY_CAVEATS = re.compile(r"(?i)^(?:[\s.,;:]|SIPDIS|NOFORN|NODIS|EXDIS|LIMDIS|STADIS|ORCON)*$")


def _field_text(doc, zone):
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


def _caveats_in_tags(doc, zone, raw_form):
    """Caveat words that are items of the TAGS list (a link, or comma/line-bound)."""
    key_end, text = _field_text(doc, zone)
    for link in _TAG_LINK.finditer(text):
        word = link.group(1).strip()
        if _CAVEAT_WORD.fullmatch(word):
            yield key_end + link.start(), key_end + link.end(), word.upper()
    plain = _TAG_LINK.sub(lambda m: " " * len(m.group(0)), text)
    for match in _CAVEAT_WORD.finditer(plain):
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
    key_end, text = _field_text(doc, zone)
    marks = [(m.start(), m.end()) for m in PORTION.finditer(text)
             if (parsed := parse_portion(m.group(1))) and parsed["level"]]
    for match in _CAVEAT_WORD.finditer(text):
        if any(a <= match.start() < b for a, b in marks):
            continue  # (S//NOFORN) is a portion mark on the subject, not text
        trailing = _ONLY_CAVEATS.match(text[match.end():]) is not None
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line = text[line_start:line_end if line_end != -1 else len(text)]
        if raw_form and _ONLY_CAVEATS.match(line):
            continue  # a caveat line inside the field (misplaced line, not subject text)
        if trailing and not raw_form:
            continue  # may be a caveat line after the subject: the tokenised form lost breaks
        yield key_end + match.start(), key_end + match.end(), match.group(1).upper()


def _caveat_in_field(doc, ctx):
    facts = header_facts(doc)
    if not facts:
        return
    raw_form = facts.get("form") == "raw"
    for zone in _all(doc, "tags"):
        for start, end, word in _caveats_in_tags(doc, zone, raw_form):
            yield ctx.report(
                start, end,
                f"'{word}' is listed among the TAGS: it is a distribution caveat, not a TAGS "
                "subject or country code, and belongs on its own caveat line",
                evidence={"field": "TAGS", "word": word},
            )
    for zone in _all(doc, "subject"):
        for start, end, word in _caveats_in_subject(doc, zone, raw_form):
            yield ctx.report(
                start, end,
                f"'{word}' sits inside the SUBJECT text: it is a distribution caveat, which "
                "belongs on its own caveat line, not in the title of the cable",
                evidence={"field": "SUBJECT", "word": word},
            )


# --- H5: TAGS missing, empty, merged or free text ---------------------------------------

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
    for link in _TAG_LINK.finditer(text):
        yield link.start(1), link.group(1), False
    plain = _TAG_LINK.sub(lambda m: " " * len(m.group(0)), text)
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
    if _CAVEAT_WORD.fullmatch(item) or "(" in item:
        return None  # V4 reports caveats; person tags are free-form inside the brackets
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
    zone, _ = _banner(doc)
    if not facts or zone is None:
        return
    tags = _all(doc, "tags")
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
        key_end, text = _field_text(doc, field)
        items = [(offset, item, last) for offset, item, last in _tag_items(text)
                 if not _CAVEAT_WORD.fullmatch(item)]
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


# --- examples (real layouts, raw and tokenised) -----------------------------------------

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
_CLS = "CLASSIFIED BY: [PER P. Michael McKinley  ] , Ambassador ; REASON: 1.4 ( B ) , ( D ) "


def _tok(banner="C O N F I D E N T I A L", order="12958", decl="2019/11/19", classified=_CLS,
         p1="C", name="09LIMA1659.txt"):
    decl = decl if decl == "N/A" else f"[LOC DECL:  ] {decl}"
    text = _TOK.format(banner=banner, order=order, decl=decl, classified=classified, p1=p1)
    return f"=== {name} ===\n{text}"


def _raw(p2="C", replace=()):
    text = _RAW.format(p2=p2)
    for old, new in replace:
        text = text.replace(old, new)
    return "=== 09LIMA1659.txt ===\n" + text


_META = ('=== metadata.jsonl ===\n{{"id": "09LIMA1659", "created": "2009-11-19 20:06", '
         '"classification": "{cls}", "origin": "Embassy Lima"}}\n')


def _meta(brief, code, name, severity, summary, rationale, bad, good, check):
    """One HDR rule; ``brief`` is the check's id in design/cable-format.md section 2."""
    return Rule(RuleMeta(code=code, name=name, family="HDR", severity=severity, summary=summary,
                         rationale=rationale, bad=tuple(bad), good=tuple(good), profile="cable"),
                check=check)


RULES = [
    _meta("C1", "HDR001", "portion-above-banner", "error",
          "A portion mark is more restrictive than the cable's classification banner.",
          "The overall classification is the highest portion level (FAH), so a (S) paragraph in "
          "a CONFIDENTIAL cable, or (C) in an UNCLAS one, means the banner or the mark is wrong.",
          [_raw(p2="S"), _tok(p1="S//NF"), _raw(replace=[("SUBJECT: ", "SUBJECT: (S) ")])],
          [_raw(), _tok(), _raw(p2="SBU"), _raw(p2="C/NF")], _portion_above_banner),
    _meta("C6", "HDR002", "classified-marking-on-unclassified", "error",
          "An UNCLAS cable carries a 'Classified By' line or a declassification date.",
          "Unclassified text has no classifier and no declassification date; the cable was "
          "either mis-bannered or its header was copied from a classified template. NARA "
          "notes ('DECL: DECLASSIFIED BY NARA ...') are not flagged.",
          [_tok(banner="UNCLAS"), _raw(replace=[("C O N F I D E N T I A L", "UNCLAS"),
                                                ("(C)", "(U)")])],
          [_tok(banner="UNCLAS", decl="N/A", classified="", p1="U"),
           _tok(banner="UNCLASSIFIED", decl="DECLASSIFIED BY NARA 09/02/2009", classified="",
                p1="U"),
           _tok()], _classified_on_unclassified),
    _meta("R1", "HDR003", "missing-classified-by", "error",
          "A classified cable (E.O. 12958 era) names no classifier and reason.",
          "A classified telegram must say who classified it and why ('Classified By: ...; "
          "Reason: 1.4(b)'), in the header or, in the 1990s form, in paragraph 1. Partial "
          "extracts and pre-1995 cables (E.O. 12356 'DECL: OADR') are not checked.",
          [_tok(classified="")],
          [_tok(), _tok(classified="").replace("( C ) Summary", "( C ) Classified by DCM "
                                                "John Smith , reasons 1.4 ( b ) and ( d ) ."),
           _tok(classified="", order="12356", decl="OADR")], _missing_classified_by),
    _meta("R4", "HDR004", "invalid-reason-code", "error",
          "A classification reason cites a section or letter outside 1.4 (a)-(h) / 1.5 (a)-(g).",
          "E.O. 12958 lists the classification categories in section 1.4 (a)-(h) (1.5 (a)-(g) "
          "before 2003); '1.2 (B)' (09ASTANA184) or '1.4 (k)' cite nothing and are typos.",
          [_tok(classified=_CLS.replace("1.4 ( B )", "1.2 ( B )")),
           _raw(replace=[("1.4(B), (D)", "1.4(B), (K)")])],
          [_tok(), _raw(replace=[("1.4(B), (D)", "1.4 (b/d)")]),
           _raw(replace=[("1.4(B), (D)", "1.5 (b) and (d)")]),
           _raw(replace=[("1.4(B), (D)", "1.4 (b+d+h)")])], _invalid_reason),
    _meta("D1", "HDR005", "eo-anachronism", "error",
          "The Executive Order on the E.O. line was not in force at the cable's date.",
          "Each period had one order (11652, 12065, 12356, 12958, 13526); Cablegate ends in "
          "Feb 2010, so 'E.O. 13526' or a 2009 'E.O. 12356' is a drafting or transcription "
          "error. Dates come from metadata or the WikiLeaks id; 45 days of slack around each "
          "changeover.",
          [_tok(order="13526"), _tok(order="12356")],
          [_tok(), _tok(order="13526", name="doc.txt")], _eo_anachronism),
    _meta("D2", "HDR006", "decl-date-invalid", "error",
          "The declassification date on the E.O. line is not a calendar date.",
          "A DECL value that starts like a date but is none (13/45/2019, 2019/02/30) cannot be "
          "acted on by the declassification system; it is a typo.",
          [_tok(decl="11/31/2019"), _tok(decl="2019/13/19")],
          [_tok(), _tok(decl="11/19/19"), _tok(decl="OADR"), _tok(decl="X1")], _decl_unparseable),
    _meta("D3", "HDR007", "decl-not-after-cable-date", "error",
          "The declassification date is not after the date of the cable.",
          "A cable cannot be declassified before it was written; the year is mistyped. Needs "
          "the cable date (metadata or the year of the WikiLeaks id).",
          [_tok(decl="2008/11/19"), _tok(decl="11/19/2009") + _META.format(cls="CONFIDENTIAL")],
          [_tok(), _tok(decl="2008/11/19", name="doc.txt")], _decl_not_after),
    _meta("V1", "HDR008", "nf-portion-without-noforn", "error",
          "A portion is marked NOFORN (/NF) but the header has no NOFORN caveat.",
          "A dissemination control inside a portion must be carried at the top of the cable, "
          "where distribution decisions are made.",
          [_raw(p2="C/NF", replace=[("NOFORN\n", "")])],
          [_raw(p2="C/NF"), _raw(replace=[("NOFORN\n", "")])], _nf_portion_without_noforn),
    _meta("C9", "HDR009", "malformed-portion-mark", "warning",
          "A paragraph's portion mark cannot be parsed ('C)', '(SBU Text', '(CC)').",
          "Portion marks must be (U), (SBU), (C), (S) with optional /NF, //NOFORN, /REL ... "
          "suffixes; a mark with a missing bracket or an unknown level cannot be read by "
          "people or tools.",
          [_raw(p2="CC"), _raw(replace=[("2. (C)", "2. C)")])],
          [_raw(), _raw(p2="S//REL TO USA, FVEY"), _raw(p2="C - ENTIRE TEXT"),
           _raw(replace=[("2. (C)", "2. (Begin text)")])], _malformed_portion),
    _meta("C4", "HDR010", "banner-metadata-mismatch", "error",
          "The banner's classification level differs from the metadata 'classification'.",
          "The banner and the WikiLeaks metadata table record the same fact; when they differ "
          "one was transcribed wrongly. Only the level is compared (U and SBU count as one).",
          [_tok() + _META.format(cls="SECRET")],
          [_tok() + _META.format(cls="CONFIDENTIAL//NOFORN"), _tok()], _banner_vs_metadata),
    _meta("C2", "HDR011", "portions-below-banner", "info",
          "Every portion mark is below the banner level (over-classified cable?).",
          "The banner should equal the highest portion. Real cables often mark cover notes "
          "(U) or (SBU), so this is information for review, not an error.",
          [_raw(p2="U").replace("1. (C)", "1. (U)")],
          [_raw(), _raw(p2="U")], _portions_below_banner),
    _meta("V2", "HDR012", "noforn-without-nf-portion", "info",
          "NOFORN is in the header but no portion mark carries /NF.",
          "In a portion-marked cable the NOFORN control should be traceable to a portion; "
          "State drafters often mark portions plain (C), so this stays informational.",
          [_raw()],
          [_raw(p2="C/NF"), _raw(replace=[("NOFORN\n", "")])], _noforn_without_nf_portion),
    _meta("D4", "HDR013", "decl-horizon-too-far", "warning",
          "The declassification date is more than 25 years after the cable date.",
          "The default horizon is 10 years and 25 is the maximum without an exemption code, "
          "so a DECL date beyond that usually has a mistyped year.",
          [_tok(decl="2049/11/19")],
          [_tok(), _tok(decl="2034/11/19"), _tok(decl="2049/11/19", name="doc.txt")],
          _decl_horizon),
    _meta("D6", "HDR014", "classified-without-decl", "error",
          "A classified cable's E.O. line says 'N/A' instead of a declassification date.",
          "Classified text must carry a declassification date (or OADR / an exemption code); "
          "'N/A' belongs to unclassified cables.",
          [_tok(decl="N/A")],
          [_tok(), _tok(banner="UNCLAS", decl="N/A", classified="", p1="U")],
          _classified_without_decl),
    _meta("R3", "HDR015", "reason-section-anachronism", "warning",
          "A reason cites section 1.4 in a cable written before 2003-03-25.",
          "E.O. 13292 (2003-03-25) moved the classification categories from section 1.5 to "
          "1.4; an earlier cable citing 1.4 has a mistyped section or a wrong date. (The reverse,"
          " 1.5 after 2003, is a common stale citation and is not flagged.)",
          [_tok(name="02LIMA1659.txt", order="12958", decl="2012/11/19")],
          [_tok(), _tok(name="02LIMA1659.txt", decl="2012/11/19").replace("1.4 ( B )",
                                                                           "1.5 ( B )")],
          _reason_section_anachronism),
    _meta("D7", "HDR016", "missing-eo-line", "warning",
          "The cable header has no E.O. line ('E.O. 12958: DECL: ...' or 'E.O. 12958: N/A').",
          "Every cable, old ones included ('E.O. 11652: N/A'), states the Executive Order it "
          "was classified under and when it declassifies; a header without one lost the line "
          "or mistyped its keyword. A bare 'DECL: <date>' counts as the line; partial extracts "
          "are not checked.",
          [_raw(replace=[("E.O. 12958: DECL: 2019/11/19\n", "")]),
           _tok().replace("E.O. 12958: [LOC DECL:  ] 2019/11/19 ", "")],
          [_raw(), _tok(), _raw(replace=[("E.O. 12958: DECL:", "DECL:")]),
           _tok(banner="UNCLAS", decl="N/A", classified="", p1="U"),
           _raw(replace=[("E.O. 12958: DECL: 2019/11/19\n",
                          "This record is a partial extract of the original cable.\n")])],
          _missing_eo),
    _meta("C3", "HDR017", "top-secret-marking", "error",
          "A TOP SECRET banner or a (TS) portion mark in a Cablegate cable.",
          "Cablegate came from SIPRNet, which carries nothing above SECRET: none of its 251,287 "
          "cables is TOP SECRET, so such a marking was mistyped or altered. (HDR001 leaves (TS) "
          "marks to this rule.)",
          [_tok(banner="TOP SECRET", p1="TS"), _raw(p2="TS"), _raw(p2="TS//NF"),
           _raw(replace=[("SUBJECT: ", "SUBJECT: (TS) ")])],
          [_raw(), _tok(banner="S E C R E T", p1="S"),
           _raw(replace=[("Observers report more attacks.",
                          "Observers saw a TOP SECRET stamp on the files.")])],
          _top_secret),
    _meta("V4", "HDR018", "caveat-in-tags-or-subject", "error",
          "A caveat (SIPDIS, NOFORN, NODIS...) is listed among the TAGS or written into the "
          "SUBJECT.",
          "Caveats are distribution controls on their own header lines; as a TAGS item "
          "(cablemap notes 'SIPDIS' in the TAGS of 05OTTAWA3726) or inside the subject title "
          "they are field contamination. A caveat line that merely follows the field, and a "
          "'(S//NOFORN)' portion mark on the subject, are not flagged.",
          [_raw(replace=[("<a href='/tag/PE_0.html'>PE</a>",
                          "<a href='/tag/PE_0.html'>PE</a> <a href='/tag/SIPDIS_0.html'>SIPDIS"
                          "</a>")]),
           _tok().replace("<a href='/tag/PTER_0.html'>PTER</a>", "PTER , SIPDIS , PE"),
           _raw(replace=[("SUBJECT: SENDERO", "SUBJECT: NOFORN SENDERO")]),
           _tok().replace("SUBJECT: Sendero Gains", "SUBJECT: Sendero NODIS Gains")],
          [_raw(), _tok(), _raw(replace=[("SUBJECT: ", "SUBJECT: (C//NOFORN) ")]),
           _raw(replace=[("SIPDIS\n", ""), ("\nSUBJECT", "\nSIPDIS\nSUBJECT")]),
           _tok().replace("SIPDIS NOFORN E.O.", "E.O.").replace("REF: LIMA",
                                                                 "SIPDIS REF: LIMA")],
          _caveat_in_field),
    _meta("H5", "HDR019", "malformed-tags", "warning",
          "TAGS is missing or empty, or an item is two codes run together ('EINDETRD'), a "
          "one-letter slip of a subject code ('POGOV') or free text ('Organized Crime').",
          "Every cable needs at least one TAGS code, and each code is a 4-letter subject, a "
          "2-letter country, a K-program or an 'OVIP (NAME, GIVEN)' person tag. Only defects "
          "that are certain are flagged: org tags of other lengths (EUN, ASEAN, MTCRE) and "
          "well-formed 4-letter typos (cablemap's tag fixes) pass, and in the tokenised form "
          "the last item is not judged as free text (the line break after it is lost).",
          [_raw(replace=[("<a href='/tag/PE_0.html'>PE</a>",
                          "<a href='/tag/EINDETRD_0.html'>EINDETRD</a>")]),
           _tok().replace("<a href='/tag/PTER_0.html'>PTER</a>", "PTER , POGOV , PE"),
           _raw(replace=[("TAGS: <a href='/tag/PTER_0.html'>PTER</a> <a href='/tag/PE_0.html'>"
                          "PE</a>", "TAGS PTER, PE, Organized Crime")]),
           _tok().replace("TAGS: <a href='/tag/PTER_0.html'>PTER</a> ", "TAGS: ")],
          [_raw(), _tok(),
           _raw(replace=[("TAGS: <a href='/tag/PTER_0.html'>PTER</a> <a href='/tag/PE_0.html'>"
                          "PE</a>", "TAGS OVIP (CLINTON, HILLARY), PREL, EUN, ASEAN, MTCRE, "
                          "PGOF, pter, pe")]),
           _tok().replace("<a href='/tag/PTER_0.html'>PTER</a>", "PTER , PE , Organized Crime")],
          _bad_tags),
]
