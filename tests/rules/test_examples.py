"""Every rule's metadata examples are executable test cases.

A bad example must fire (at exactly the positions its ``expect`` lists, with those message
fragments, when it lists any); a good example must stay quiet. An :class:`Example` may carry
the rule's options. Only the rule under test runs, so a new rule never breaks these cases.
"""

from __future__ import annotations

import json
import re

import pytest

from linter.registry import all_rules
from linter.rule import Example
from tests.conftest import lint_files, split_example

RULES = [rule for rule in all_rules() if rule.meta.scope != "file"]
_EXPECT = re.compile(r"^(?:(?P<file>[^:\s]+):)?(?P<line>\d+):(?P<column>\d+)(?: (?P<says>.+))?$")


EXTENSIONS = {"conll": ".conll", "conllu": ".conllu", "jsonl": ".jsonl"}


def _files(rule, text: str) -> dict[str, str]:
    """The example's files; a rule about another format writes them in its first one."""
    files = split_example(text)
    ext = EXTENSIONS.get(rule.meta.formats[0]) if rule.meta.formats else None
    if ext and "example.txt" in files:
        files[f"example{ext}"] = files.pop("example.txt")
    return files


def _cases(kind: str):
    for rule in RULES:
        for index, example in enumerate(getattr(rule.meta, kind)):
            if isinstance(example, str):
                example = Example(example)
            yield pytest.param(rule, example, id=f"{rule.code}-{kind}{index}")


def _run(rule, example: Example, tmp_path):
    config = None
    if example.options:
        config = json.dumps({"rules": {rule.code: dict(example.options)}})
    result = lint_files(tmp_path, _files(rule, example.text), select=[rule.code],
                        config_text=config)
    return [f for f in result.findings if f.rule == rule.code]


def check_bad(rule, example: Example, tmp_path) -> None:
    """The bad example fires, at exactly the ``expect`` positions when it lists any."""
    fired = _run(rule, example, tmp_path)
    assert fired, f"{rule.code} did not fire on its bad example:\n{example.text}"
    if not example.expect:
        return
    got = sorted((f.path.rsplit("/", 1)[-1], f.line, f.column) for f in fired)
    wanted = []
    for expect in example.expect:
        match = _EXPECT.match(expect)
        assert match, f"{rule.code}: malformed expect {expect!r} (want '[file:]line:col text')"
        name = match["file"] or next(iter(_files(rule, "x")))
        line, column = int(match["line"]), int(match["column"])
        wanted.append((name, line, column))
        at = [f for f in fired
              if (f.path.rsplit("/", 1)[-1], f.line, f.column) == (name, line, column)]
        assert at, f"{rule.code}: expected a finding at {expect!r}, got {got}"
        if match["says"]:
            assert any(match["says"] in f.message for f in at), (
                f"{rule.code} at {name}:{line}:{column} says {[f.message for f in at]}, "
                f"not {match['says']!r}")
    assert got == sorted(wanted), f"{rule.code}: findings at {got}, expected {sorted(wanted)}"


def check_good(rule, example: Example, tmp_path) -> None:
    fired = _run(rule, example, tmp_path)
    assert not fired, f"{rule.code} fired on its good example: {[f.message for f in fired]}"


@pytest.mark.parametrize(("rule", "example"), list(_cases("bad")))
def test_bad_example_fires(rule, example, tmp_path):
    check_bad(rule, example, tmp_path)


@pytest.mark.parametrize(("rule", "example"), list(_cases("good")))
def test_good_example_is_quiet(rule, example, tmp_path):
    check_good(rule, example, tmp_path)


def test_every_rule_documents_itself():
    for rule in all_rules():
        meta = rule.meta
        assert meta.summary and meta.rationale and meta.fix, meta.code
        assert meta.severity in ("error", "warning", "info"), meta.code
        if meta.scope != "file":
            assert meta.bad and meta.good, f"{meta.code} needs bad and good examples"


def test_rationales_cite_only_what_users_have():
    for rule in all_rules():
        meta = rule.meta
        text = " ".join((meta.summary, meta.rationale, meta.fix)).lower()
        for word in ("brief", "seed", "design/"):
            assert word not in text, f"{meta.code} cites {word!r}, which users do not have"
