"""The decisions file: string decisions silence what they settle and drive --fix, accepted
findings are not reported, unused decisions are DEC002 findings, ``annolint decide``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from linter.cli import main
from tests.test_fixes import _check, _write

SEED = Path(__file__).resolve().parent.parent / "examples" / "09LIMA1659.txt"


def _json(folder: Path, capsys, *args: str) -> list[dict]:
    capsys.readouterr()
    _check(folder, "--output-format", "json", *args)
    return json.loads(capsys.readouterr().out)["findings"]


def test_vrae_loc_on_the_seed_cable(tmp_path, capsys):
    shutil.copy(SEED, tmp_path / SEED.name)
    before = _json(tmp_path, capsys)
    assert any(f["rule"] == "LBL004" and "'VRAE'" in f["message"] for f in before)
    (tmp_path / "annolint-decisions.yaml").write_text("strings:\n  VRAE: LOC\n", "utf-8")
    after = _json(tmp_path, capsys)
    assert not any(f["rule"].startswith("LBL") and "VRAE" in f["message"] for f in after)
    decided = [f for f in after if f["rule"] == "DEC001"]
    assert decided and all("settles it as LOC" in f["message"] for f in decided)
    _check(tmp_path, "--fix", "--unsafe-fixes", "--select", "DEC")
    text = (tmp_path / SEED.name).read_text("utf-8")
    assert "[ORG VRAE  ]" not in text
    assert "( [LOC VRAE  ] )" in text and text.count("[LOC VRAE  ]") == len(decided)
    # nothing else changed
    assert text.replace("[LOC VRAE  ]", "[ORG VRAE  ]") == SEED.read_text("utf-8")
    assert not [f for f in _json(tmp_path, capsys) if f["rule"].startswith("DEC")]


def test_none_untags_and_silences_missed_mentions(tmp_path, capsys):
    files = {"a.txt": "the [ORG Embassy  ] said .\nthe [ORG Embassy  ] agreed .\n",
             "b.txt": "the [ORG Embassy  ] left .\nthe Embassy stayed .\n"}
    _write(tmp_path, files)
    assert any(f["rule"] == "LBL002" for f in _json(tmp_path, capsys))
    (tmp_path / "annolint-decisions.yaml").write_text("strings:\n  Embassy: none\n", "utf-8")
    found = _json(tmp_path, capsys)
    assert {f["rule"] for f in found} == {"DEC001"} and len(found) == 3
    _check(tmp_path, "--fix", "--unsafe-fixes")
    assert (tmp_path / "a.txt").read_text("utf-8") == "the Embassy said .\nthe Embassy agreed .\n"


def test_scoped_decision(tmp_path, capsys):
    _write(tmp_path, {"peru/a.txt": "in [ORG VRAE  ] .\n", "other/b.txt": "in [ORG VRAE  ] .\n"})
    (tmp_path / "annolint-decisions.yaml").write_text(
        "strings:\n  VRAE: {label: LOC, files: ['peru/*.txt']}\n", "utf-8")
    found = _json(tmp_path, capsys)
    assert [f["path"] for f in found if f["rule"] == "DEC001"] == ["peru/a.txt"]


def test_unused_decisions_are_reported(tmp_path, capsys):
    _write(tmp_path, {"a.txt": "the [LOC VRAE  ] is far .\n"})
    (tmp_path / "annolint-decisions.yaml").write_text(
        "# reviewed 2026-11\nstrings:\n  VRAE: LOC\n  Sendero: ORG\naccept:\n"
        "  - fingerprint: 0000aaaa0000aaaa0000\n    rule: LBL001\n    file: a.txt\n"
        "    text: VRAE\n", "utf-8")
    found = [f for f in _json(tmp_path, capsys) if f["rule"] == "DEC002"]
    assert [(f["path"], f["line"]) for f in found] == [
        ("annolint-decisions.yaml", 4), ("annolint-decisions.yaml", 6)]
    assert "'Sendero: ORG' matches no mention" in found[0]["message"]
    assert "0000aaaa0000aaaa0000" in found[1]["message"]


def test_accept_by_fingerprint_and_decide(tmp_path, capsys):
    _write(tmp_path, {"a.txt": "Brigadier General [PER Ziv  ] arrived .\n"
                               "According to the press , Ziv will train units .\n"})
    (finding,) = [f for f in _json(tmp_path, capsys) if f["rule"] == "LBL002"]
    decisions = tmp_path / "annolint-decisions.yaml"
    decisions.write_text("# kept comment\nstrings:\n  VRAE: LOC  # the valley\n", "utf-8")
    import os

    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        assert main(["decide", "--accept", finding["fingerprint"], "--no-cache"]) == 0
        assert main(["decide", "Embassy", "none"]) == 0
        assert main(["decide", "Lima", "LOC", "--files", "peru/*.txt"]) == 0
        assert main(["decide", "Embassy", "none"]) == 2  # already decided
    finally:
        os.chdir(old)
    text = decisions.read_text("utf-8")
    assert text.startswith("# kept comment\nstrings:\n  VRAE: LOC  # the valley\n"
                           "  Embassy: none\n  Lima: {label: LOC, files: [\"peru/*.txt\"]}\n")
    assert f"fingerprint: {finding['fingerprint']}" in text and 'text: "Ziv"' in text
    found = _json(tmp_path, capsys)
    assert not [f for f in found if f["rule"] == "LBL002"]
    # the decisions for strings that occur nowhere are reported, the accepted one is used
    assert sorted(f["message"].split("'")[1] for f in found if f["rule"] == "DEC002") == [
        "Embassy: none", "Lima: LOC", "VRAE: LOC"]
