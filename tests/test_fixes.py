"""check --fix / --unsafe-fixes / --diff: every rule's fixed examples, the fix passes, and
properties (bytes outside the edits unchanged, the result parses, a second --fix is a no-op).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.cli import main
from linter.fixes import plan_text
from linter.model import Finding
from linter.readers import read_document
from linter.registry import all_rules
from linter.rule import Example
from tests.conftest import split_example


def _cases():
    for rule in all_rules():
        for index, example in enumerate(rule.meta.bad):
            if isinstance(example, Example) and example.fixed is not None:
                yield pytest.param(rule, example, id=f"{rule.code}-bad{index}")


def _write(folder: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


def _check(folder: Path, *args: str, config: dict | None = None) -> int:
    if config is not None:
        (folder / "annolint.yaml").write_text(json.dumps(config), encoding="utf-8")
    old = Path.cwd()
    os.chdir(folder)
    try:
        return main(["check", ".", "--no-cache", "--no-progress", "-j", "1", *args])
    finally:
        os.chdir(old)


def _texts(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.txt"))}


def test_every_fixable_rule_has_a_fixed_example():
    fixable = {rule.code for rule in all_rules() if rule.meta.fixable != "never"}
    with_example = {param.values[0].code for param in _cases()}
    assert fixable <= with_example, f"fixable rules without a fixed example: " \
                                    f"{sorted(fixable - with_example)}"
    for rule in all_rules():
        assert rule.meta.fixable in ("always", "sometimes", "never"), rule.code
        assert rule.meta.fix_safety in ("safe", "unsafe"), rule.code


@pytest.mark.parametrize(("rule", "example"), list(_cases()))
def test_fix_turns_bad_example_into_fixed(rule, example, tmp_path, capsys):
    files = split_example(example.text)
    _write(tmp_path, files)
    config = {"rules": {rule.code: dict(example.options)}} if example.options else None
    extra = ["--unsafe-fixes"] if rule.meta.fix_safety == "unsafe" else []
    _check(tmp_path, "--fix", "--select", rule.code, *extra, config=config)
    wanted = split_example(example.fixed)
    got = {name: (tmp_path / name).read_text("utf-8") for name in wanted}
    assert got == wanted, capsys.readouterr().err
    # a second --fix changes nothing
    before = _texts(tmp_path)
    _check(tmp_path, "--fix", "--select", rule.code, *extra)
    assert _texts(tmp_path) == before


def test_safe_fix_leaves_unsafe_ones(tmp_path, capsys):
    text = ("Brigadier General [PER Ziv  ] arrived .\nAccording to the press , Ziv will "
            "train units .\n")
    _write(tmp_path, {"a.txt": text})
    _check(tmp_path, "--fix", "--select", "LBL002")
    assert (tmp_path / "a.txt").read_text("utf-8") == text
    assert "1 more fixes are available with --unsafe-fixes" in capsys.readouterr().out


def test_diff_writes_nothing_and_exits_1(tmp_path, capsys):
    text = "[ORG Shining Path  ] and [ORG SL ] and [LOC Peru  ] and [ORG  ] here\n"
    _write(tmp_path, {"a.txt": text})
    assert _check(tmp_path, "--diff", "--select", "BRK") == 1
    out = capsys.readouterr().out
    assert "-[ORG Shining Path  ] and [ORG SL ] and" in out
    assert "+[ORG Shining Path  ] and [ORG SL  ] and [LOC Peru  ] and here" in out
    assert (tmp_path / "a.txt").read_text("utf-8") == text
    _check(tmp_path, "--fix", "--select", "BRK")
    capsys.readouterr()
    assert _check(tmp_path, "--diff", "--select", "BRK") == 0
    assert capsys.readouterr().out == ""


def test_adjacent_fixes_apply_together(tmp_path, capsys):
    # SCH001 relabels and BRK005 respaces the same entity: the edits touch, both apply
    _write(tmp_path, {"a.txt": "[PERSON  Abimael Guzman  ] and [ORG SL  ] and [LOC Peru  ]\n"})
    _check(tmp_path, "--fix", "--show-fixes", "--select", "SCH001,BRK005",
           config={"rules": {"SCH001": {"label-map": {"PERSON": "PER"}}}})
    assert (tmp_path / "a.txt").read_text("utf-8") == (
        "[PER Abimael Guzman  ] and [ORG SL  ] and [LOC Peru  ]\n")
    captured = capsys.readouterr()
    assert "SCH001" in captured.err and "BRK005" in captured.err


def test_overlapping_fixes_wait_for_the_next_pass():
    text = "a [ORG SBU ] b\n"
    untag = Finding("SPN005", "a.txt", 1, 3, 1, 13, "m",
                    edits=((1, 3, 1, 8, "", "[ORG "), (1, 11, 1, 13, "", " ]")))
    respace = Finding("BRK005", "a.txt", 1, 3, 1, 13, "m", edits=((1, 11, 1, 12, "  ", " "),))
    new, fixed, stale, deferred = plan_text(text, [respace, untag])
    assert (new, [f.rule for f in fixed], stale, deferred) == ("a SBU b\n", ["SPN005"], 0, 1)


def test_portion_mark_untagged_over_its_spacing(tmp_path, capsys):
    from linter.rules.spn._shared import header_like

    _write(tmp_path, {"a.txt": header_like(mark="[ORG SBU ]")})
    _check(tmp_path, "--fix", "--show-fixes", "--select", "SPN005,BRK005")
    assert (tmp_path / "a.txt").read_text("utf-8") == header_like(mark="SBU")


def test_bom_and_crlf_survive(tmp_path):
    data = "\ufeff[ORG SL ] and [ORG X  ] and [LOC Peru  ]\r\nsecond line\r\n".encode()
    _write(tmp_path, {"a.txt": data})
    _check(tmp_path, "--fix", "--select", "BRK005")
    assert (tmp_path / "a.txt").read_bytes() == (
        "\ufeff[ORG SL  ] and [ORG X  ] and [LOC Peru  ]\r\nsecond line\r\n".encode())


def test_stale_edit_is_skipped():
    finding = Finding("BRK005", "a.txt", 1, 1, 1, 9, "m", edits=((1, 8, 1, 8, "  ", " "),))
    text, fixed, stale, _ = plan_text("[ORG SL] x\n", [finding])
    assert (text, fixed, stale) == ("[ORG SL] x\n", [], 1)


def test_sarif_carries_fixes(tmp_path, capsys):
    _write(tmp_path, {"a.txt": "[ORG SL ] and [ORG X  ] and [LOC Peru  ]\n"})
    _check(tmp_path, "--select", "BRK005", "--output-format", "sarif")
    sarif = json.loads(capsys.readouterr().out)
    run = sarif["runs"][0]
    (result,) = run["results"]
    (change,) = result["fixes"][0]["artifactChanges"]
    (replacement,) = change["replacements"]
    assert replacement["deletedRegion"] == {"startLine": 1, "startColumn": 8,
                                            "endLine": 1, "endColumn": 9}
    assert replacement["insertedContent"] == {"text": "  "}
    rule = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "BRK005")
    assert rule["properties"]["fixable"] == "always"
    assert rule["properties"]["fixSafety"] == "safe"


# --- properties -------------------------------------------------------------------------

_LABELS = st.sampled_from(["PER", "ORG", "LOC", "MISC", "PERSON"])
_WORD = st.sampled_from(["Lima", "Peru", "Shining", "Path", "the", "of", "SL", "said", ",",
                         "[", "]", "(", ")", "C", "x"])


@st.composite
def _entity(draw):
    words = " ".join(draw(st.lists(_WORD.filter(lambda w: w not in "[]"), min_size=0,
                                   max_size=3)))
    lead = draw(st.sampled_from([" ", "  ", "   "]))
    trail = draw(st.sampled_from(["", " ", "  ", "   "]))
    return f"[{draw(_LABELS)}{lead}{words}{trail}]"


_LINE = st.lists(st.one_of(_WORD, _entity()), max_size=8).map(" ".join)
_DOC = st.lists(_LINE, min_size=1, max_size=4).map(lambda lines: "\n".join(lines) + "\n")


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_DOC, unsafe=st.just(False))
def test_fix_is_idempotent_and_parses(tmp_path_factory, text, unsafe):
    """Safe fixes reach a fixed point in one run. Unsafe fixes are judgements against the
    evidence, which each fix changes: a second run may judge again (not asserted here)."""
    folder = tmp_path_factory.mktemp("prop")
    _write(folder, {"a.txt": text})
    extra = ["--unsafe-fixes"] if unsafe else []
    config = {"rules": {"SCH001": {"label-map": {"PERSON": "PER"}}}}
    _check(folder, "--fix", "--select", "BRK,SCH,LBL", *extra, config=config)
    once = (folder / "a.txt").read_bytes()
    before, _ = read_document("a.txt", text.encode(), fmt="inline")
    after, problem = read_document("a.txt", once, fmt="inline")
    assert after is not None, problem
    assert len(after.problems) <= len(before.problems)
    _check(folder, "--fix", "--select", "BRK,SCH,LBL", *extra)
    assert (folder / "a.txt").read_bytes() == once


@st.composite
def _edits(draw):
    text = draw(st.text(alphabet="ab [ ]\n", min_size=1, max_size=40))
    lines = text.split("\n")
    findings = []
    for _ in range(draw(st.integers(0, 6))):
        line = draw(st.integers(1, len(lines)))
        width = len(lines[line - 1])
        column = draw(st.integers(1, width + 1))
        end = draw(st.integers(column, width + 1))
        expect = lines[line - 1][column - 1:end - 1]
        findings.append(Finding("X", "a.txt", line, column, line, end, "m",
                                edits=((line, column, line, end, draw(st.text("xy", max_size=3)),
                                        expect),)))
    return text, findings


@settings(max_examples=200, deadline=None)
@given(case=_edits())
def test_bytes_outside_the_edits_are_unchanged(case):
    text, findings = case
    new, fixed, stale, deferred = plan_text(text, findings)
    assert stale == 0 and len(fixed) + deferred == len(findings)
    # rebuild from the original: everything between the applied edits is copied as is
    from linter.fixes import resolve_edits
    from linter.model import LineIndex

    spans = sorted(resolve_edits(f, text, LineIndex(text))[0] for f in fixed)
    pieces, at = [], 0
    for start, end, replacement in spans:
        assert start >= at  # applied edits never overlap
        pieces += [text[at:start], replacement]
        at = end
    assert new == "".join(pieces) + text[at:]


def test_fix_through_a_symlink_rewrites_the_target_and_keeps_the_link(tmp_path):
    from linter.atomic import atomic_write_bytes

    target = tmp_path / "real.txt"
    target.write_bytes(b"old\n")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    atomic_write_bytes(link, b"new\n")
    assert link.is_symlink() and target.read_bytes() == b"new\n"
