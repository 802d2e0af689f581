"""Baseline without churn: one edit in one file changes at most that file's entries, even
though corpus rules' messages cite corpus-wide counts."""

from __future__ import annotations

import json
import os
from pathlib import Path

from linter.cli import main

LOC = "We flew to [LOC Lima  ] today .\n[LOC Lima  ] is cold .\n"
ORG = "Talks in [LOC Lima  ] went well .\nThen [ORG Lima  ] was rainy .\n"


def _baseline(folder: Path) -> dict:
    old = Path.cwd()
    os.chdir(folder)
    try:
        assert main(["baseline", ".", "--no-cache", "-j", "1", "--no-progress"]) == 0
    finally:
        os.chdir(old)
    return json.loads((folder / "annolint-baseline.json").read_text("utf-8"))["findings"]


def test_one_edit_changes_only_that_files_entries(tmp_path, capsys):
    for name in ("a", "c", "e", "f"):
        (tmp_path / f"{name}.txt").write_text(LOC, encoding="utf-8")
    for name in ("b", "d"):
        (tmp_path / f"{name}.txt").write_text(ORG, encoding="utf-8")
    before = _baseline(tmp_path)
    assert {entry["path"] for entry in before.values()} >= {"b.txt", "d.txt"}
    assert all("message" not in entry for entry in before.values())
    # one more LOC mention in a.txt: every LBL001 message's counts change
    (tmp_path / "a.txt").write_text(LOC + "[LOC Lima  ] again .\n", encoding="utf-8")
    after = _baseline(tmp_path)

    def others(entries):
        return {fp: entry for fp, entry in entries.items() if entry["path"] != "a.txt"}

    assert others(after) == others(before)
    capsys.readouterr()
