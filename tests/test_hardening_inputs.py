"""Issue 16 reproductions: hostile configs, names and sidecars get a clear error, not exit 3."""

from __future__ import annotations

import json
import os
import time

import pytest

from linter.cli import main
from linter.config import ConfigError, load_config

BROKEN = "intro\n[LOC Lima ] is big\nthe [ORG Shining Path attacked\n"


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def config_error(tmp_path, text, name="annolint.yaml") -> ConfigError:
    (tmp_path / name).write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / name)
    return caught.value


# ---------------------------------------------------------------- YAML

def test_yaml_aliases_are_refused_before_they_expand(tmp_path):
    lines = ["a0: &a0 [x, x]"] + [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]" for i in range(1, 40)]
    started = time.perf_counter()
    error = config_error(tmp_path, "\n".join(lines + ["include: *a39"]) + "\n")
    assert time.perf_counter() - started < 2
    assert (error.line, error.column) == (1, 5) and "anchors" in error.message


def test_yaml_alias_position_is_reported(tmp_path):
    (tmp_path / "annolint.yaml").write_text("include: ['*.txt']\nexclude: *x\n")
    assert main(["check", "."]) == 2


def test_yaml_unknown_tags_are_refused(tmp_path):
    error = config_error(tmp_path, "include: !!python/object/apply:os.system [ls]\n")
    assert (error.line, error.column) == (1, 10) and "tags" in error.message
    assert "!!str" in error.message
    assert load_config(_write(tmp_path, "fail-on: !!str error\n")).settings.fail_on == "error"


def _write(tmp_path, text):
    (tmp_path / "annolint.yaml").write_text(text)
    return tmp_path / "annolint.yaml"


# ---------------------------------------------------------------- TOML and keys

def test_invalid_toml_under_tool_annolint_is_exit_2_with_position(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text("[tool.annolint]\nfail-on = 'never\n")
    assert main(["check", "."]) == 2
    assert "pyproject.toml:2:" in capsys.readouterr().err


def test_tool_not_a_table_is_exit_2(tmp_path, capsys):
    error = config_error(tmp_path, "tool = 5\n", "pyproject.toml")
    assert error.line == 1 and "expected a table" in error.message
    error = config_error(tmp_path, "[tool]\nannolint = 'x'\n", "pyproject.toml")
    assert "tool.annolint: expected a table" in error.message


def test_snake_case_keys_are_not_accepted_beside_kebab_case(tmp_path):
    error = config_error(tmp_path, "fail_on: never\n")
    assert "fail_on" in error.message and "fail-on" in error.message and error.line == 1


def test_extends_a_list_is_a_clear_error(tmp_path, capsys):
    (tmp_path / "annolint.yaml").write_text("extends: [a, b]\n")
    assert main(["check", "."]) == 2
    assert "expected one preset name or file path" in capsys.readouterr().err


def test_messages_about_an_extended_file_do_not_echo_its_values(tmp_path):
    (tmp_path / "base.yaml").write_text("fail-on: s3cr3t-value-456\n")
    error = config_error(tmp_path, "extends: base.yaml\n")
    assert "s3cr3t" not in str(error) and "fail-on" in str(error)
    (tmp_path / "base.yaml").write_text("labels: s3cr3t-too\n")
    error = config_error(tmp_path, "extends: base.yaml\n")
    assert "s3cr3t" not in str(error) and "labels" in str(error) and "a string" in str(error)


# ---------------------------------------------------------------- names, text, sidecars

FORMATS = ["json", "sarif", "github", "html", "console", "junit"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_non_utf8_file_names_render_with_escapes(tmp_path, fmt):
    name = os.fsencode(tmp_path) + b"/bad\xff.txt"
    with open(name, "w") as handle:
        handle.write(BROKEN)
    assert main(["check", ".", "--output-format", fmt, "-o", f"out.{fmt}"]) == 1
    text = (tmp_path / f"out.{fmt}").read_text("utf-8")
    assert "xff.txt" in text


def test_control_characters_are_escaped_in_console_and_github(tmp_path, capsys):
    (tmp_path / "x.txt").write_text("a \x1b[2J\x1b]8;;http://e\x07[LOC Lima ] \x9b x\n")
    for fmt in ("console", "github"):
        main(["check", ".", "--output-format", fmt])
        out = capsys.readouterr().out
        assert "BRK005" in out
        assert not any(ord(c) < 32 and c not in "\n" or 0x7F <= ord(c) < 0xA0 for c in out)


def test_deeply_nested_sidecars_are_a_finding(tmp_path, capsys):
    (tmp_path / "x.txt").write_text("fine\n")
    (tmp_path / "x.meta.json").write_text("[" * 5000 + "]" * 5000)
    (tmp_path / "y.txt").write_text("fine\n")
    (tmp_path / "metadata.jsonl").write_text('{"id": "y", "a": ' + "[" * 3000 + "]" * 3000
                                             + "}\n")
    assert main(["check", ".", "--output-format", "json"]) == 1
    messages = {f["path"]: f["message"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert "nested deeper" in messages["x.txt"] and "nested deeper" in messages["y.txt"]


def test_lone_surrogate_annotator_with_by_annotator(tmp_path, capsys):
    (tmp_path / "x.txt").write_text(BROKEN)
    (tmp_path / "x.meta.json").write_text('{"annotator": "a\\udc00b"}')
    assert main(["check", ".", "--by-annotator", "pages", "-o", "r.html",
                 "--output-format", "html"]) == 1
    assert (tmp_path / "pages").is_dir()


def test_baseline_into_a_read_only_folder_is_exit_2(tmp_path, capsys):
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    (tmp_path / "x.txt").write_text(BROKEN)
    (tmp_path / "ro").mkdir(mode=0o555)
    assert main(["baseline", ".", "--baseline", "ro/b.json"]) == 2


def test_baseline_into_a_missing_place_is_exit_2(tmp_path, capsys):
    (tmp_path / "x.txt").write_text(BROKEN)
    (tmp_path / "file").write_text("")
    assert main(["baseline", "x.txt", "--baseline", "file/b.json"]) == 2
    assert "cannot write the baseline" in capsys.readouterr().err


def test_findings_are_capped_per_file_and_rule(tmp_path, capsys):
    (tmp_path / "x.txt").write_text("a  ]" * 5000 + "\n")
    main(["check", ".", "--output-format", "json"])
    data = json.loads(capsys.readouterr().out)
    brk = [f for f in data["findings"] if f["rule"] == "BRK002"]
    assert len(brk) == 1001
    assert "4000 more BRK002 findings in this file were left out" in brk[-1]["message"]
    assert any("left out" in note for note in data["notes"])
    (tmp_path / "annolint.yaml").write_text("max-findings-per-file: 0\n")
    main(["check", ".", "--output-format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert len([f for f in data["findings"] if f["rule"] == "BRK002"]) == 5000
