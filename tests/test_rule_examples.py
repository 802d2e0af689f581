"""Every rule's metadata examples are executable: bad ones fire, good ones stay quiet."""

from __future__ import annotations

import pytest

from linter.registry import all_rules
from tests.conftest import lint_files, split_example

RULES = [rule for rule in all_rules() if rule.meta.scope != "file"]


EXTENSIONS = {"conll": ".conll", "conllu": ".conllu", "jsonl": ".jsonl"}


def _files(rule, example: str) -> dict[str, str]:
    """The example's files; a rule about another format writes them in its first one."""
    files = split_example(example)
    ext = EXTENSIONS.get(rule.meta.formats[0]) if rule.meta.formats else None
    if ext and "example.txt" in files:
        files[f"example{ext}"] = files.pop("example.txt")
    return files


def _cases(kind: str):
    for rule in RULES:
        for index, example in enumerate(getattr(rule.meta, kind)):
            yield pytest.param(rule, example, id=f"{rule.code}-{kind}{index}")


@pytest.mark.parametrize(("rule", "example"), list(_cases("bad")))
def test_bad_example_fires(rule, example, tmp_path):
    result = lint_files(tmp_path, _files(rule, example), select=[rule.code])
    assert any(f.rule == rule.code for f in result.findings), (
        f"{rule.code} did not fire on its bad example:\n{example}"
    )


@pytest.mark.parametrize(("rule", "example"), list(_cases("good")))
def test_good_example_is_quiet(rule, example, tmp_path):
    result = lint_files(tmp_path, _files(rule, example), select=[rule.code])
    fired = [f for f in result.findings if f.rule == rule.code]
    assert not fired, f"{rule.code} fired on its good example: {[f.message for f in fired]}"


def test_every_rule_documents_itself():
    for rule in all_rules():
        meta = rule.meta
        assert meta.summary and meta.rationale, meta.code
        assert meta.severity in ("error", "warning", "info"), meta.code
        if meta.scope != "file":
            assert meta.bad and meta.good, f"{meta.code} needs bad and good examples"
