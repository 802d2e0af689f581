"""Each declarative kind fires on its bad text at exact positions and stays quiet on good."""

from __future__ import annotations

import pytest

from tests.custom.helpers import lint_with, positions

BAD = ["flagged by the test itself"]  # every rule needs a bad example; these fire on it


def rule(kind: str, code: str = "ACME001", **keys) -> dict:
    return {"code": code, "name": f"rule-{code.lower()}", "kind": kind, **keys}


def test_label_of_strings_flag_other_labels_and_unannotated(tmp_path):
    spec = rule("label-of", label="ORG", strings=["Sendero Luminoso", "SL"], unannotated=True,
                bad=["[LOC SL  ]\n"])
    text = ("the [ORG Sendero Luminoso  ] ( [LOC SL  ] ) and SL again\n"
            "SLOW is no SL-like match, [ORG SL  ] is fine\n")
    result = lint_with(tmp_path, {"doc.txt": text}, spec)
    assert positions(result) == [
        ("doc.txt", 1, 32, "'SL' is LOC; the guideline says ORG"),
        ("doc.txt", 1, 49, "'SL' is not annotated; the guideline says ORG"),
        ("doc.txt", 2, 12, "'SL' is not annotated; the guideline says ORG"),
    ]


def test_label_of_regexes_match_the_whole_entity_and_honour_ignore_case(tmp_path):
    spec = rule("label-of", label="ORG", patterns=[r"ministry of \w+"], ignore_case=True,
                message="{text}: {label} -> {expected}", bad=["[LOC Ministry of Defense  ]\n"])
    text = "[LOC Ministry of Defense  ] [LOC Ministry of Defense Annex  ] [ORG ministry of X  ]\n"
    result = lint_with(tmp_path, {"doc.txt": text}, spec)
    assert positions(result) == [("doc.txt", 1, 1, "Ministry of Defense: LOC -> ORG")]


@pytest.mark.parametrize(("name", "content"), [
    ("gaz.tsv", "string\tlabel\nShining Path\tORG\nLima\tLOC\n"),
    ("gaz.csv", "Shining Path,ORG\n\"Lima\",LOC\n"),
    ("gaz.jsonl", '{"string": "Shining Path", "label": "ORG"}\n{"string": "Lima", "label": "LOC"}\n'),
])
def test_label_of_gazetteer_formats(tmp_path, name, content):
    (tmp_path / name).write_text(content, encoding="utf-8")
    spec = rule("label-of", gazetteer=name, bad=["[PER Lima  ]\n"], good=["[LOC Lima  ]\n"])
    text = "[PER Shining Path  ] in [LOC Lima  ] and [ORG Lima  ]\n"
    result = lint_with(tmp_path, {"doc.txt": text}, spec)
    assert positions(result) == [
        ("doc.txt", 1, 1, "'Shining Path' is PER; the guideline says ORG"),
        ("doc.txt", 1, 42, "'Lima' is ORG; the guideline says LOC"),
    ]


def test_never_annotate_whole_words_and_labels(tmp_path):
    spec = rule("never-annotate", words=["Ambassador", "he"], ignore_case=True,
                bad=["[PER Ambassador  ]\n"], good=["the Ambassador\n"])
    text = "[PER Ambassador  ] said [PER He  ] met [PER Ambassador Smith  ]\n"
    result = lint_with(tmp_path, {"doc.txt": text}, spec)
    assert [p[:3] for p in positions(result)] == [("doc.txt", 1, 1), ("doc.txt", 1, 25)]
    assert "never an entity" in positions(result)[0][3]


def test_never_annotate_inside_a_label_points_at_the_match(tmp_path):
    spec = rule("never-annotate", patterns=[r"\d+"], labels=["PER"], inside=True,
                bad=["[PER Jo 2  ]\n"], good=["[ORG Group 7  ]\n"])
    text = "[PER John 23 Smith  ] and [ORG G 8  ]\n"
    result = lint_with(tmp_path, {"doc.txt": text}, spec)
    assert positions(result) == [
        ("doc.txt", 1, 11, "'23' inside the PER entity 'John 23 Smith'; the guideline says it "
                           "never is")]


def test_pattern_must_not_and_must_match(tmp_path):
    must_not = rule("pattern", label="ORG", **{"must-not-match": "'s$"},
                    bad=["[ORG SL 's  ]\n"], good=["[ORG SL  ] 's\n"])
    must = rule("pattern", code="ACME002", label="PER", **{"must-match": r"^[A-Z]"},
                bad=["[PER smith  ]\n"], good=["[PER Smith  ]\n"])
    text = "[ORG SL 's  ] [ORG SL  ] [PER jose  ] [PER Jose  ]\n"
    result = lint_with(tmp_path, {"doc.txt": text}, must_not, must)
    assert positions(result) == [
        ("doc.txt", 1, 1, "ORG entity 'SL 's' matches /'s$/ (''s')"),
        ("doc.txt", 1, 26, "PER entity 'jose' does not match /^[A-Z]/"),
    ]


def test_context_words_before_and_after_with_a_window(tmp_path):
    spec = rule("context", label="ORG", before=["Minister of"], after=["party"], window=2,
                bad=["the Minister of [LOC Defense  ]\n"],
                good=["the Minister of [ORG Defense  ]\n"])
    text = ("the Minister of [LOC Interior  ] said\n"       # right before: flagged
            "Minister of the [LOC Interior  ] said\n"       # one word between: window 2
            "Minister of big old [LOC Interior  ] said\n"   # two words between: too far
            "the [MISC Aprista  ] party and [LOC Lima  ]\n"  # after
            "the [ORG Aprista  ] party\n")                   # already ORG
    result = lint_with(tmp_path, {"doc.txt": text}, spec)
    assert positions(result) == [
        ("doc.txt", 1, 17, "'Interior' is LOC, but it follows 'Minister of', which implies ORG"),
        ("doc.txt", 2, 17, "'Interior' is LOC, but it follows 'Minister of', which implies ORG"),
        ("doc.txt", 4, 5, "'Aprista' is MISC, but it precedes 'party', which implies ORG"),
    ]


def test_consistency_holds_a_group_to_its_corpus_majority(tmp_path):
    spec = rule("consistency", groups=[["Sendero Luminoso", "Shining Path"]],
                bad=["=== a.txt ===\n[ORG Shining Path  ] [ORG Shining Path  ]\n"
                     "=== b.txt ===\n[MISC Sendero Luminoso  ]\n"])
    files = {"a.txt": "[ORG Sendero Luminoso  ] and [ORG Shining Path  ]\n",
             "b.txt": "x\n[MISC Shining Path  ] and [ORG Sendero Luminoso  ]\n",
             "c.txt": "[LOC Lima  ]\n"}
    result = lint_with(tmp_path, files, spec)
    assert positions(result) == [
        ("b.txt", 2, 1, "'Shining Path' is MISC, but Sendero Luminoso / Shining Path is ORG in "
                        "3 of 4 mentions in the corpus")]


def test_consistency_with_a_declared_label_and_a_tie(tmp_path):
    tie = rule("consistency", groups=[["SL"]], bad=[
        "=== a.txt ===\n[ORG SL  ] [ORG SL  ]\n=== b.txt ===\n[LOC SL  ]\n"])
    fixed = rule("consistency", code="ACME002", groups=[["SL"]], label="ORG",
                 bad=["[LOC SL  ]\n"])
    files = {"a.txt": "[ORG SL  ]\n", "b.txt": "[LOC SL  ]\n"}
    result = lint_with(tmp_path, files, tie, fixed)
    assert positions(result) == [("b.txt", 1, 1, "'SL' is LOC, but SL is ORG in 1 of 2 "
                                                 "mentions in the corpus")]
    assert [f.rule for f in result.findings] == ["ACME002"]  # a tie has no majority


def test_cooccurrence_flags_the_minority_variant_across_files(tmp_path):
    spec = rule("cooccurrence", either=[["Shining Path", "Sendero Luminoso"]],
                bad=["=== a.txt ===\nSendero Luminoso\n=== b.txt ===\nShining Path Shining Path\n"],
                good=["=== a.txt ===\nShining Path\n=== b.txt ===\n[ORG Shining Path  ]\n"])
    files = {"a.txt": "the [ORG Sendero Luminoso  ] and Sendero Luminoso\n",
             "b.txt": "then Shining Path\n"}
    result = lint_with(tmp_path, files, spec)
    assert positions(result) == [
        ("b.txt", 1, 6, "'Shining Path' and 'Sendero Luminoso' are variants of one name; the "
                        "corpus writes 'Sendero Luminoso' 2 times: use one")]


def test_one_pass_serves_every_rule_and_findings_keep_their_codes(tmp_path):
    rules = [rule("never-annotate", code=f"ACME{n:03d}", words=[f"W{n}"],
                  bad=[f"[PER W{n}  ]\n"]) for n in range(1, 21)]
    text = "".join(f"[PER W{n}  ]\n" for n in range(1, 21))
    result = lint_with(tmp_path, {"doc.txt": text}, *rules)
    assert [(f.rule, f.line) for f in result.findings] == [
        (f"ACME{n:03d}", n) for n in range(1, 21)]


def test_text_search_prefers_the_longest_string_and_falls_back_at_word_ends(tmp_path):
    spec = rule("label-of", label="LOC", strings=["Lima", "Lima City"], unannotated=True,
                unannotated_message="{text}", bad=["Lima\n"])
    text = "Lima Citywide and Lima  City , Limassol\n"
    result = lint_with(tmp_path, {"doc.txt": text}, spec)
    assert positions(result) == [("doc.txt", 1, 1, "Lima"), ("doc.txt", 1, 19, "Lima  City")]
