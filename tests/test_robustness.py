"""Bad input never produces a traceback: one clear finding per bad file, the run goes on."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.readers import read_document
from linter.readers.decode import decode_bytes


def test_random_bytes_binary_latin1_and_empty(lint):
    files = {
        "random.txt": bytes(range(256)) * 4,
        "latin1.txt": "caf\xe9 [LOC Lima  ]\n".encode("latin-1"),
        "empty.txt": b"",
        "good.txt": "[LOC Lima ] x\n",
    }
    result = lint(files)
    by_path = {}
    for finding in result.findings:
        by_path.setdefault(finding.path, []).append(finding.rule)
    assert by_path == {"random.txt": ["FIL002"], "latin1.txt": ["FIL003"],
                       "good.txt": ["BRK005"]}
    latin = next(f for f in result.findings if f.path == "latin1.txt")
    assert (latin.line, latin.column) == (1, 4)
    assert "not valid UTF-8" in latin.message


def test_bom_is_stripped(lint):
    result = lint({"bom.txt": "\ufeff[LOC Lima ] x\n".encode()}, select=["BRK"])
    assert [(f.rule, f.column) for f in result.findings] == [("BRK005", 1)]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(lint, tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("x")
    path.chmod(0)
    try:
        result = lint({"ok.txt": "fine\n"})
    finally:
        path.chmod(0o644)
    assert [f.rule for f in result.findings] == ["FIL001"]


def test_unreadable_entry_does_not_stop_the_run(lint, tmp_path):
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing-target.txt")
    (tmp_path / "adir.txt").mkdir()
    result = lint({"ok.txt": "[ORG x ] y\n"})
    rules = sorted((f.path, f.rule) for f in result.findings)
    assert ("ok.txt", "BRK005") in rules
    assert ("dangling.txt", "FIL001") in rules


def test_fifty_megabyte_single_line(lint):
    """The reader and markup rules on one 50 MB line (a concatenated export).

    Only the markup families run: the corpus rules' cost on a million mentions is measured
    in benchmarks, not in the test suite."""
    line = ("word [ORG Shining Path  ] more words [ refs ] " * 1_100_000)[:50_000_000]
    result = lint({"huge.txt": line + " [LOC broken"}, select=["BRK", "SCH", "FIL"])
    assert result.files[0].chars == len(line) + 12
    assert result.files[0].entities > 1_000_000
    assert [(f.rule, f.line) for f in result.findings] == [("BRK001", 1)]


@settings(max_examples=200)
@given(st.binary(max_size=400))
def test_decode_never_raises(data):
    text, problem = decode_bytes(data)
    assert (text is None) != (problem is None)
    document, problem = read_document("x.txt", data, labels=frozenset({"PER"}))
    assert (document is None) != (problem is None)
