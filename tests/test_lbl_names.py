"""LBL002-005: missed mentions, extents, acronyms and split names, with look-alikes."""

from __future__ import annotations


def _rule(result, code):
    return [f for f in result.findings if f.rule == code]


# ----------------------------------------------------------------------------- the seed

def test_seed_cable_findings(lint, seed_text):
    result = lint({"09LIMA1659.txt": seed_text}, select=["LBL"])
    by_rule = {}
    for finding in result.findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    acronyms = {f.evidence["acronym"]: f for f in by_rule["LBL004"]}
    assert acronyms["VRAE"].span == ("VRAE", "ORG")
    assert acronyms["VRAE"].evidence["expansion_label"] == "LOC"
    assert acronyms["UHV"].evidence["suggested"] == "LOC"
    assert acronyms["UHV"].end_column - acronyms["UHV"].column == 3
    [split] = by_rule["LBL005"]
    assert split.evidence["name"] == "Israel Baruch Ziv"
    [missed] = by_rule["LBL002"]
    assert (missed.line, missed.column, missed.end_column) == (34, 30, 33)
    assert missed.evidence["suggested"] == "PER"
    assert len(result.findings) <= 6  # nothing else of note on the seed


# ----------------------------------------------------------------------------- LBL002

def test_repeat_mention_left_bare_is_flagged(lint):
    result = lint("General [PER Ziv  ] arrived .\nThe press says Ziv will train units .\n",
                  select=["LBL002"])
    [finding] = _rule(result, "LBL002")
    assert finding.line == 2 and finding.span is None
    assert "'Ziv' is not annotated here" in finding.message and "line 1" in finding.message


def test_missed_mention_names_the_documents_that_annotate_it(lint):
    result = lint({
        "a.txt": "She met [PER Kowalski  ] .\n",
        "b.txt": "Later [PER Kowalski  ] left .\n",
        "c.txt": "Reporters asked Kowalski about it .\n",
    }, select=["LBL002"])
    [finding] = _rule(result, "LBL002")
    assert finding.path == "c.txt"
    assert finding.evidence["other_documents"] == ["a.txt", "b.txt"]


def test_missed_mention_look_alikes_stay_quiet(lint):
    result = lint({
        # a longer capitalised name, a sentence-initial common word, other case
        "a.txt": "[LOC Washington  ] is humid .\nThe Washington Post said so .\n"
                 "[PER May  ] spoke .\nMay brings rain , as may June .\n"
                 "[ORG Apple  ] rose .\nan apple a day .\n",
        # a string the corpus leaves bare as often as it annotates it
        "b.txt": "[LOC Kent  ] is green .\nKent said no .\nKent said yes .\nKent left .\n",
    }, select=["LBL002"])
    assert _rule(result, "LBL002") == []


def test_missed_mention_skips_structural_zones():
    from linter.rule import CorpusContext
    from linter.rules.lbl.missed_mention import MISSED_MENTION, find_missed
    from linter.rules.lbl.scan import summarise
    from linter.model import Zone
    from linter.readers.inline import parse_inline

    text = "[PER Ziv  ] arrived .\nZIV signed .\nZiv\n"
    doc = parse_inline("a.txt", text, labels=frozenset({"PER"}))
    doc.zones = [Zone("signature", text.rindex("Ziv"), len(text))]
    report = CorpusContext(MISSED_MENTION.meta, None, frozenset()).report
    assert list(find_missed({"a.txt": summarise(doc)}, report)) == []


# ----------------------------------------------------------------------------- LBL003

def test_span_missing_a_word_the_corpus_includes(lint):
    result = lint({
        "a.txt": "the [ORG 2nd Infantry Brigade  ] left .\n",
        "b.txt": "the [ORG 2nd Infantry Brigade  ] came .\n",
        "c.txt": "soldiers of the 2nd [ORG Infantry Brigade  ] .\n",
    }, select=["LBL003"])
    [finding] = _rule(result, "LBL003")
    assert finding.path == "c.txt" and finding.evidence["kind"] == "short"
    assert finding.evidence["extent"] == "2nd Infantry Brigade"


def test_span_swallowing_lowercase_words(lint):
    result = lint({
        "a.txt": "[LOC London  ] is big .\nin [LOC London  ] today .\n",
        "b.txt": "rain [LOC at London  ] again .\n",
    }, select=["LBL003"])
    [finding] = _rule(result, "LBL003")
    assert finding.path == "b.txt" and finding.evidence["kind"] == "long"


def test_longer_capitalised_names_are_not_boundary_errors(lint):
    result = lint({
        "a.txt": "[LOC Oxford  ] is old .\nwe saw [LOC Oxford  ] .\n",
        "b.txt": "she works at [ORG Oxford University Press  ] now .\n",
        "c.txt": "[ORG VRAE  ] and [ORG VRAE  ] and [ORG VRAE Military Region  ] .\n",
    }, select=["LBL003"])
    assert _rule(result, "LBL003") == []


# ----------------------------------------------------------------------------- LBL004

def test_acronym_look_alikes(lint):
    result = lint(
        "[LOC Washington  ] ( AP ) said .\n"
        "in [LOC Peru  ] ( C ) they said .\n"
        "the [ORG Shining Path  ] ( [ORG SL  ] ) attacked .\n"
        "the [ORG Nationalist Party  ] ( [ORG PNP  ] ) met .\n"
        "[LOC Lima  ] ( [ORG EU  ] ) met .\n",
        select=["LBL004"])
    assert _rule(result, "LBL004") == []


def test_acronym_with_other_label_reports_how_many_mentions_follow(lint):
    result = lint("the [LOC Upper Huallaga Valley  ] ( [ORG UHV  ] ) and the [ORG UHV  ] .\n",
                  select=["LBL004"])
    [finding] = _rule(result, "LBL004")
    assert "1 more times" in finding.message
    assert finding.evidence["acronym_labels_in_document"] == {"ORG": 2}


# ----------------------------------------------------------------------------- LBL005

def test_split_name_look_alikes(lint):
    result = lint(
        "the [ORG Microsoft  ] CEO [PER Satya Nadella  ] spoke .\n"
        "[PER Ziv  ] flew to [LOC Israel  ] .\n"
        "[LOC US  ] [PER President Obama  ] spoke .\n"
        "Ambassador to [LOC Beijing  ] Masood [PER Khan  ] left .\n"
        "[LOC Cleveland  ] Kidnapper [PER Ariel Castro  ] Found Hanging In Prison\n"
        "the [MISC Israeli  ] Baruch [PER Ziv  ] .\n",
        select=["LBL005"])
    assert _rule(result, "LBL005") == []


def test_split_name_is_flagged_once_with_the_whole_name(lint):
    result = lint("General [LOC Israel  ] Baruch [PER Ziv  ] arrived .\n", select=["LBL005"])
    [finding] = _rule(result, "LBL005")
    assert finding.score == 0.9 and "'Israel Baruch Ziv'" in finding.message
