"""LBL002 stays quiet on words the corpus labels inconsistently (tagger noise on common
nouns), yet still reports a consistently labelled name left bare."""

from __future__ import annotations


def corpus(word: str, labels: list[str]) -> dict[str, str]:
    files = {f"a{index}.txt": f"Yesterday the [{label} {word}  ] said so .\n"
             for index, label in enumerate(labels)}
    files["bare.txt"] = f"Later the {word} said more .\n"
    return files


def test_mixed_labels_do_not_make_a_missed_mention(lint):
    result = lint(corpus("Embassy", ["PER", "PER", "PER", "ORG", "ORG", "ORG"]),
                  select=["LBL002"])
    assert [f for f in result.findings if f.path == "bare.txt"] == []


def test_a_consistently_labelled_name_left_bare_is_reported(lint):
    result = lint(corpus("Zelaya", ["PER"] * 6), select=["LBL002"])
    assert [f.path for f in result.findings] == ["bare.txt"]
