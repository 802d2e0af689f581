"""LBL001: the mislabelled minority is flagged; legitimate ambiguity stays quiet."""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import pytest

from linter.rules.lbl.inconsistent_label import judgeable, score_mentions
from linter.rules.lbl import mentions
from linter.rules.lbl import runs, scan
from linter.rules.lbl.mentions import (M_HEADLINE, M_LINE, M_SIBLINGS, R_COLUMN, R_INITIAL,
                                       R_LOWER_SEEN, R_TEXT, left_words, right_words, run_offsets)
from linter.rules.lbl.scan import summarise
from linter.zones import StructuralIndex
from linter.model import Zone
from linter.readers.inline import parse_inline

DATA = Path(__file__).parent / "data" / "lbl"
LABELS = frozenset({"PER", "LOC", "ORG", "MISC"})


def _summaries(files: dict[str, str]):
    return {path: summarise(parse_inline(path, text, labels=LABELS))
            for path, text in files.items()}


def _lbl001(result):
    return [f for f in result.findings if f.rule == "LBL001"]


def test_minority_label_in_its_own_document_is_flagged_with_the_other_paths(lint):
    result = lint({
        "a.txt": "Talks in [LOC Lima  ] went well .\n[LOC Lima  ] is cold .\n",
        "b.txt": "We flew to [LOC Lima  ] today .\nThen [ORG Lima  ] was rainy .\n",
        "c.txt": "[LOC Lima  ] hosts the summit .\n",
    }, select=["LBL001"])
    found = _lbl001(result)
    assert [(f.path, f.line) for f in found] == [("b.txt", 2)]
    finding = found[0]
    assert finding.span == ("Lima", "ORG")
    assert "'Lima' is ORG here but LOC in 4 of 4 other mentions" in finding.message
    assert "a.txt" in finding.message and "c.txt" in finding.message
    assert set(finding.evidence["other_documents"]) == {"a.txt", "c.txt"}
    assert finding.evidence["labels"] == {"LOC": 4, "ORG": 1}
    assert 0.6 <= finding.score <= 1.0
    # the finding covers the whole markup of the entity
    assert (finding.column, finding.end_column) == (6, 6 + len("[ORG Lima  ]"))


def test_documents_that_agree_with_themselves_are_legitimate_ambiguity(lint):
    result = lint({
        "a.txt": "[PER Washington  ] said he would run .\n[PER Washington  ] won .\n",
        "b.txt": "We flew to [LOC Washington  ] .\n[LOC Washington  ] is humid .\n",
        "c.txt": "The summit in [LOC Washington  ] ended .\n",
        "d.txt": "[LOC Washington  ] again .\n",
    }, select=["LBL001"])
    assert _lbl001(result) == []


def test_results_table_context_outweighs_the_corpus_majority():
    """A country in a fixture line where the other teams are ORG: the document and the
    coordination say ORG even though the corpus mostly says LOC."""
    places = {f"p{i}.txt": f"Talks were held in [LOC Japan  ] on day {i} .\n" for i in range(6)}
    sport = ("[ORG Japan  ] 2 [ORG Syria  ] 1\n[ORG Iran  ] 3 [ORG Iraq  ] 0\n"
             "[ORG Qatar  ] 1 [LOC Japan  ] 1\n[ORG Japan  ] beat [ORG Oman  ] .\n"
             "[ORG Japan  ] 0 [ORG Iran  ] 0\n")
    verdicts = score_mentions(_summaries({**places, "sport.txt": sport}), min_score=0.7)
    flagged = [(v.path, v.mention[M_LINE], v.suggested) for v in verdicts]
    assert flagged == [("sport.txt", 3, "ORG")]


def test_allow_list_silences_a_known_ambiguous_string(lint):
    files = {
        "a.txt": "Talks in [LOC Lima  ] went well .\n[LOC Lima  ] is cold .\n",
        "b.txt": "We flew to [LOC Lima  ] today .\nThen [ORG Lima  ] was rainy .\n",
        "c.txt": "[LOC Lima  ] hosts the summit .\n",
    }
    result = lint(files, select=["LBL001"], config_text="allow: [lima]\n")
    assert _lbl001(result) == []


def test_min_count_option_keeps_rare_strings_quiet(lint):
    files = {
        "a.txt": "Talks in [LOC Lima  ] went well .\n[LOC Lima  ] is cold .\n",
        "b.txt": "We flew to [LOC Lima  ] today .\nThen [ORG Lima  ] was rainy .\n",
        "c.txt": "[LOC Lima  ] hosts the summit .\n",
    }
    result = lint(files, select=["LBL001"], config_text="rules:\n  LBL001:\n    min-count: 10\n")
    assert _lbl001(result) == []


def test_all_caps_headline_counts_with_the_body_spelling():
    files = {f"d{i}.txt": f"[LOC Japan  ] is far from [LOC Peru  ] , part {i} .\n" for i in range(4)}
    files["h.txt"] = "SOCCER - [ORG JAPAN  ] WIN IN TOKYO\n"
    # only the corpus disputes it (and a team in a sports heading is often right), so it
    # ranks below the default threshold; the grouping with "Japan" is what is tested here
    verdicts = score_mentions(_summaries(files), min_score=0.3)
    assert [(v.path, v.key) for v in verdicts] == [("h.txt", "Japan")]
    assert verdicts[0].score < 0.65


def test_placeholders_and_redactions_are_never_judged():
    assert not judgeable("@")
    assert not judgeable("XXXXXXXXXXXX")
    assert judgeable("UN")
    files = {f"d{i}.txt": "[PER XXXXXXXXXXXX  ] met [ORG XXXXXXXXXXXX  ] .\n" for i in range(4)}
    files["e.txt"] = "[LOC XXXXXXXXXXXX  ] .\n"
    assert score_mentions(_summaries(files)) == []


def test_real_tweets_flag_an_injected_flip_and_little_else(lint):
    """BTC section E (MH17 tweets): 'Ukraine' is LOC 23 times and ORG once (line 52, the
    corpus's own slip). Flipping line 2's LOC to ORG must be flagged with a high score."""
    text = (DATA / "btc-e-mh17.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    assert "[LOC Ukraine  ]" in lines[1]
    lines[1] = lines[1].replace("[LOC Ukraine  ]", "[ORG Ukraine  ]")
    result = lint({"tweets.txt": "\n".join(lines)}, select=["LBL001"],
                  config_text="profile: none\n")
    found = {(f.line, f.span) for f in _lbl001(result)}
    assert (2, ("Ukraine", "ORG")) in found
    assert (52, ("Ukraine", "ORG")) in found
    ukraine = [f for f in _lbl001(result) if f.span[0] == "Ukraine"]
    assert len(ukraine) == 2 and min(f.score for f in ukraine) > 0.9
    assert len(_lbl001(result)) <= 6  # the rest: a few 'Malaysian' (airline vs adjective)


def test_structural_zones_are_left_out_of_the_summary():
    doc = parse_inline("c.txt", "SUBJECT: [ORG Lima  ] talks\nIn [LOC Lima  ] today .\n",
                       labels=LABELS)
    doc.zones = [Zone("subject", 0, 27)]
    summary = summarise(doc)
    assert [m[:3] for m in summary.mentions] == [("Lima", "LOC", 2)]


def test_summary_is_small_and_picklable(seed_text):
    summary = summarise(parse_inline("seed.txt", seed_text, labels=LABELS))
    data = pickle.dumps(summary)
    assert pickle.loads(data) == summary
    assert len(summary.mentions) > 100
    assert len(data) < len(seed_text.encode("utf-8")) * 1.5


def test_summary_fields_neighbours_siblings_and_runs():
    text = ("In [LOC Lima  ] , [LOC Quito  ] and [ORG Peru  ] 2 met .\n"
            "TALKS IN [LOC LIMA  ]\n"
            "The Bank of Spain said [PER Ziv  ] [LOC Israel  ] left Ziv Baruch .\n")
    summary = summarise(parse_inline("a.txt", text, labels=LABELS))
    lima, quito, peru, head, ziv, israel = summary.mentions
    assert lima == ("Lima", "LOC", 1, 4, 4 + len("[LOC Lima  ]"), "In", None, ",", None,
                    ("LOC", "ORG"), False)
    assert left_words(quito) == (",",) and quito[M_SIBLINGS] == ("LOC", "ORG")
    assert left_words(peru) == ("and",) and right_words(peru) == ("2", "met")
    assert peru[M_SIBLINGS] == ("LOC", "LOC")
    assert head[M_HEADLINE] and left_words(head) == ("IN", "TALKS") and right_words(head) == ()
    # adjacent entities: a split name going right, but a list going left
    assert ziv[M_SIBLINGS] == () and israel[M_SIBLINGS] == ("PER",)
    assert left_words(ziv) == ("said", "Spain") and right_words(israel) == ("left", "Ziv")
    runs = {run[R_TEXT]: run for run in summary.runs}
    # "In" and "The ..." open their lines; "In" alone is a common word and is dropped
    assert set(runs) == {"TALKS IN", "The Bank of Spain", "Ziv Baruch"}
    assert runs["The Bank of Spain"][R_INITIAL] and runs["The Bank of Spain"][R_LOWER_SEEN] \
        is False
    assert run_offsets(runs["The Bank of Spain"]) == (0, 4, 9, 12)
    assert runs["Ziv Baruch"][R_COLUMN] == text.split("\n")[2].index("Ziv Baruch") + 1


@pytest.mark.parametrize("text", [
    "[PER Ziv  ]Foo Bar [LOC Lima  ]\tde\u00a0la Paz , Peru\n  The Ann [ORG UN  ]\n",
    "\u00c9mile \U00010400x of the 'S Y-Z \u2160 [ORG A  ] [LOC B  ] - , [PER C  ]\r\n"
    "@bob #1 #x @ \u01c5x \u24b6 [MISC D  ] vs. [MISC E  ] 2 [ORG F  ] beat 3 [ORG G  ]\n",
    "no entities at all , Just Words Here\n\nand The End",
])
def test_fast_summary_matches_the_general_one(text):
    doc = parse_inline("a.txt", text, labels=LABELS)
    doc.zones = [Zone("subject", 0, 3)]
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    general = scan._build_unordered(doc, text, starts, StructuralIndex(doc).covers)
    assert scan._build(doc) == general


def test_every_upper_case_letter_is_in_the_blocks_the_run_pattern_reads():
    blocks = runs.UPPER_CASE_BLOCKS
    assert [hex(code) for code in range(sys.maxunicode + 1) if chr(code).isupper()
            and not any(start <= code < end for start, end in blocks)] == []


def test_summary_loads_through_the_cache_codec(seed_text):
    from linter import cache_codec as codec

    summary = summarise(parse_inline("seed.txt", seed_text, labels=LABELS))
    data = codec.encode_summary(summary, "LBL001")
    assert codec.decode_summary(data, summary.path, "LBL001") == summary
    with pytest.raises(ValueError):  # a summary claiming another file is refused
        codec.decode_summary(data, "other.txt", "LBL001")


def test_summary_of_another_layout_is_refused_by_the_cache(seed_text, monkeypatch):
    """A cached summary stored with another tuple layout must be relinted, not misread."""
    from linter import cache_codec as codec

    summary = summarise(parse_inline("seed.txt", seed_text, labels=LABELS))
    data = codec.encode_summary(summary, "LBL001")
    monkeypatch.setattr(mentions, "SUMMARY_FORMAT", mentions.SUMMARY_FORMAT + 1)
    with pytest.raises(ValueError):
        codec.decode_summary(data, summary.path, "LBL001")
