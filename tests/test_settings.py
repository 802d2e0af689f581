"""Issue 15: TOML error positions under their own table, ``check --show-settings`` and
``annolint init``."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings as hypothesis_settings, strategies as st

from linter.cli import main
from linter.config import ConfigError, load_config
from linter.config_read import toml_key_positions


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def toml_error(tmp_path, text: str, name: str = "pyproject.toml") -> ConfigError:
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / name)
    return caught.value


# ---------------------------------------------------------------- 1. TOML positions

BLACK_FIRST = """\
[tool.black]
style = "fast"
line-length = 100

[tool.annolint]
labels = ["PER", "LOC", "ORG", "MISC"]
rules.BRK005.style = "sideways"
"""


def test_error_under_tool_annolint_is_not_found_in_another_tools_table(tmp_path, capsys):
    error = toml_error(tmp_path, BLACK_FIRST)
    assert (error.line, error.column) == (7, 14)
    assert error.message.startswith("rules.BRK005.style:")
    assert main(["check", "."]) == 2
    assert f"{tmp_path / 'pyproject.toml'}:7:14: rules.BRK005.style:" in capsys.readouterr().err


def test_unknown_key_in_a_nested_table_header(tmp_path):
    error = toml_error(tmp_path, """\
[tool.black]
stlye = 1
[tool.annolint.rules.BRK005]
# the spacing rule
stlye = "illinois"
""")
    assert (error.line, error.column) == (5, 1)
    assert "unknown key 'stlye'" in error.message and "did you mean 'style'" in error.message


def test_bad_value_in_an_inline_table(tmp_path):
    error = toml_error(tmp_path, """\
[tool.other]
rules = {BRK005 = {style = "x"}}
[tool.annolint]
fail-on = "warning"
rules = { BRK005 = { style = "illinois" }, BRK001 = {}, SCH001 = { bogus = 1 } }
""")
    assert (error.line, error.column) == (5, 68)
    assert error.message.startswith("rules.SCH001.bogus: unknown key 'bogus'")


def test_select_item_position_in_a_multiline_array(tmp_path):
    error = toml_error(tmp_path, """\
[tool.ruff]
select = ["E", "NOPE"]
[tool.annolint]
select = [
    "BRK",  # brackets
    "NOPE",
]
""")
    assert (error.line, error.column) == (6, 5)
    assert "'NOPE' matches no rule" in error.message


def test_dotted_keys_from_the_tool_table_and_quoted_keys(tmp_path):
    error = toml_error(tmp_path, """\
[tool]
black.severity = "x"
annolint.fail-on = "warning"
annolint."severity" = { "BRK005" = "loud" }
""")
    assert (error.line, error.column) == (4, 25)
    assert error.message.startswith("severity.BRK005:")


def test_misspelt_snake_case_key_after_a_multiline_string(tmp_path):
    error = toml_error(tmp_path, '''\
[tool.annolint]
allow = ["""
fail_on = "not this one"
"""]
fail_on = "warning"
''')
    assert (error.line, error.column) == (5, 1)
    assert "did you mean 'fail-on'" in error.message


def test_a_plain_toml_config_holds_the_settings_at_the_top(tmp_path):
    (tmp_path / "annolint.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    assert load_config(tmp_path / "annolint.toml").settings.fail_on == "warning"
    error = toml_error(tmp_path, 'labels = ["PER"]\n[rules.BRK005]\nstyle = 1\n',
                       "annolint.toml")
    assert (error.line, error.column) == (3, 1) and "annolint.toml" in str(error)


def test_custom_rule_mistake_in_an_array_of_tables(tmp_path):
    error = toml_error(tmp_path, """\
[[tool.other.custom-rules]]
strngs = ["x"]
[tool.annolint]
fail-on = "error"
[[tool.annolint.custom-rules]]
code = "ACME001"
name = "sl-is-org"
kind = "label-of"
label = "ORG"
bad = ["[LOC SL  ]\\n"]
good = ["[ORG SL  ]\\n"]
strngs = ["SL"]
""")
    assert (error.line, error.column) == (12, 1)
    assert "unknown key 'strngs'" in error.message


def test_array_of_tables_elements_have_their_own_positions():
    positions = toml_key_positions("""\
[[a]]
x = 1
[[a]]
x = 2
[a.sub]
y = 3
[[a.list]]
z = 4
""")
    assert positions[("a", 0, "x")] == (2, 1)
    assert positions[("a", 1, "x")] == (4, 1)
    assert positions[("a", 1, "sub", "y")] == (6, 1)
    assert positions[("a", 1, "list", 0, "z")] == (8, 1)


def _paths(value, prefix=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield prefix + (key,)
            yield from _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield prefix + (index,)
            yield from _paths(item, prefix + (index,))


_keys = st.sampled_from(["a", "b-c", "d_1", '"q.k"', "'lit #'", '"[x]"', '"e\\u00e9"'])
_strings = st.sampled_from(['"s"', "'#'", '"]}"', '"""m\n[t]\nk = 1"""', "'''x'''",
                            '"a\\"b"', '""""q""""'])
_scalars = _strings | st.sampled_from(["1", "-2.5", "true", "1979-05-27 07:32:00Z", "inf"])
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3).map(
    lambda items: "[" + ", ".join(items) + "]") | st.dictionaries(_keys, inner, max_size=3).map(
    lambda table: "{" + ", ".join(f"{k} = {v}" for k, v in table.items()) + "}"), max_leaves=6)


@hypothesis_settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", "[t]", "[t.u]", "[[arr]]", '[ "h k" . x ]']),
                          st.dictionaries(_keys, _values, max_size=3)), max_size=4))
def test_every_path_tomllib_sees_is_found_where_its_key_is_written(sections):
    text = "".join(f"{header}\n" + "".join(f"{key} = {value}  # c\n"
                                             for key, value in body.items())
                   for header, body in sections)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return  # a duplicate table or key: not a document the scanner is given
    positions = toml_key_positions(text)
    assert set(_paths(document)) == set(positions)
    lines = text.split("\n")
    for path, (line, column) in positions.items():
        assert line >= 1 and column >= 1 and column <= len(lines[line - 1])


# ---------------------------------------------------------------- 2. check --show-settings

def show_settings(capsys, *argv: str) -> dict:
    from ruamel.yaml import YAML

    assert main(["check", "--show-settings", *argv]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# annolint effective settings")
    return YAML(typ="safe").load(out)


def test_show_settings_without_a_config_shows_the_defaults(tmp_path, capsys):
    shown = show_settings(capsys)
    assert shown["config-file"] is None
    settings = shown["settings"]
    assert settings["labels"] == ["PER", "LOC", "ORG", "MISC"]
    assert settings["fail-on"] == "error" and settings["profile"] == "auto"
    assert "**/*.txt" in settings["include"] and settings["max-findings-per-file"] == 1000
    assert "BRK001" in shown["enabled-rules"] and shown["command-line"] == {}
    assert settings["rules"]["LBL001"]["min-count"] == 3  # rule options' defaults too
    assert settings["rules"]["BRK005"] == {"style": "auto"}
    assert "DEC001" not in settings["rules"] and shown["decisions-file"] is None


def test_show_settings_merges_the_config_file_and_the_command_line(tmp_path, capsys):
    (tmp_path / "annolint.yaml").write_text(
        "labels: [PER, LOC]\nignore: [BRK002]\nrules:\n  BRK005: {style: illinois}\n",
        encoding="utf-8")
    (tmp_path / "broken.txt").write_text("[PER x\n", encoding="utf-8")
    (tmp_path / "annolint-decisions.yaml").write_text("strings: {Lima: LOC}\n")
    shown = show_settings(capsys, "--select", "BRK", "--ignore", "BRK003",
                          "--fail-on", "warning", "broken.txt")
    assert shown["config-file"] == str((tmp_path / "annolint.yaml").resolve())
    assert shown["decisions-file"] == str((tmp_path / "annolint-decisions.yaml").resolve())
    settings = shown["settings"]
    assert settings["labels"] == ["PER", "LOC"]
    assert settings["select"] == ["BRK"] and settings["ignore"] == ["BRK002", "BRK003"]
    assert settings["fail-on"] == "warning"
    assert settings["rules"] == {"BRK005": {"style": "illinois"}}
    assert shown["command-line"] == {"select": ["BRK"], "ignore": ["BRK003"],
                                     "fail-on": "warning"}
    enabled = shown["enabled-rules"]
    assert "BRK001" in enabled and "BRK002" not in enabled and "BRK003" not in enabled
    assert not any(code.startswith("LBL") for code in enabled)


def test_show_settings_reads_pyproject_and_its_settings_are_a_valid_config(tmp_path, capsys):
    from ruamel.yaml import YAML

    (tmp_path / "pyproject.toml").write_text(
        '[tool.black]\nline-length = 1\n[tool.annolint]\nallow = ["Washington"]\n'
        'rules.BRK005.style = "trimmed"\n', encoding="utf-8")
    shown = show_settings(capsys)
    assert shown["config-file"].endswith("pyproject.toml")
    assert shown["settings"]["allow"] == ["Washington"]
    saved = tmp_path / "copy" / "annolint.yaml"
    saved.parent.mkdir()
    with saved.open("w", encoding="utf-8") as handle:
        YAML(typ="safe").dump(shown["settings"], handle)
    again = load_config(saved)
    assert again.settings.allow == ["Washington"]
    assert again.rule_options["BRK005"].style == "trimmed"


def test_show_settings_refuses_an_unknown_selector_and_a_broken_config(tmp_path, capsys):
    assert main(["check", "--show-settings", "--select", "NOPE"]) == 2
    assert "--select: 'NOPE' matches no rule" in capsys.readouterr().err
    (tmp_path / "annolint.yaml").write_text("fial-on: warning\n", encoding="utf-8")
    assert main(["check", "--show-settings"]) == 2
    assert "annolint.yaml:1:1: " in capsys.readouterr().err


# ---------------------------------------------------------------- 3. annolint init

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def corpus_copy(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, folder)
    return folder


def test_init_writes_the_examples_labels_and_the_cable_profile(tmp_path, capsys):
    folder = corpus_copy(tmp_path)
    assert main(["init", str(folder)]) == 0
    assert "wrote" in capsys.readouterr().out
    text = (folder / "annolint.yaml").read_text(encoding="utf-8")
    assert "# The label set" in text and "# Document structure" in text
    config = load_config(folder / "annolint.yaml")  # the project's own loader
    assert sorted(config.settings.labels) == ["LOC", "MISC", "ORG", "PER"]
    assert config.settings.labels[0] == "ORG"  # the most frequent first (63 in the cable)
    assert "ORG   # 63 entities in 1 file" in text
    assert config.settings.profile == "cable"
    assert not list(folder.glob(".annolint.yaml.*.tmp"))


def test_check_runs_with_the_written_config(tmp_path, monkeypatch, capsys):
    folder = corpus_copy(tmp_path)
    assert main(["init", str(folder)]) == 0
    monkeypatch.chdir(folder)
    capsys.readouterr()
    shown = show_settings(capsys)
    assert shown["config-file"] == str((folder / "annolint.yaml").resolve())
    assert shown["settings"]["profile"] == "cable"
    assert main(["check", "--output-format", "json", "-o", "report.json", "."]) in (0, 1)
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    summary = report["summary"]
    assert summary["files"] == 1 and summary["entities"]["total"] == 123
    assert "SCH001" not in summary["by_rule"]  # every label of the corpus is in the set


def test_init_refuses_to_overwrite_and_force_replaces(tmp_path, capsys):
    folder = corpus_copy(tmp_path)
    (folder / "annolint.yaml").write_text("labels: [X]\n", encoding="utf-8")
    assert main(["init", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "annolint.yaml already exists; not overwritten (use --force" in err
    assert (folder / "annolint.yaml").read_text(encoding="utf-8") == "labels: [X]\n"
    assert main(["init", str(folder), "--force"]) == 0
    assert load_config(folder / "annolint.yaml").settings.labels != ["X"]


def test_init_refuses_when_another_config_would_be_shadowed(tmp_path, capsys):
    folder = corpus_copy(tmp_path)
    (folder / "pyproject.toml").write_text("[tool.annolint]\nfail-on = 'info'\n")
    assert main(["init", str(folder)]) == 2
    assert "pyproject.toml already configures annolint here" in capsys.readouterr().err
    assert not (folder / "annolint.yaml").exists()
    (folder / "pyproject.toml").write_text("[project]\nname = 'corpus'\n")
    assert main(["init", str(folder)]) == 0  # a pyproject without [tool.annolint] is no config


def test_init_on_an_empty_folder_is_a_clear_message(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.md").write_text("no corpus here\n")
    assert main(["init", str(empty)]) == 2
    err = capsys.readouterr().err
    assert f"annolint: {empty}: init: no corpus files here" in err and "**/*.txt" in err
    assert "Traceback" not in err and not (empty / "annolint.yaml").exists()
    assert main(["init", str(tmp_path / "missing")]) == 2
    assert "not found" in capsys.readouterr().err


def test_init_defaults_to_the_working_folder_and_keeps_rare_typos_out(tmp_path, capsys):
    many = " ".join(f"[PER N{index}  ]" for index in range(12))
    (tmp_path / "a.txt").write_text(f"{many} and [PERS Typo  ] and [GPE Lima  ] .\n")
    assert main(["init"]) == 0
    text = (tmp_path / "annolint.yaml").read_text(encoding="utf-8")
    assert "  # - PERS  # 1 entity in 1 file: a typo of PER?" in text
    config = load_config(tmp_path / "annolint.yaml")
    assert config.settings.labels == ["PER", "GPE"] and config.settings.profile == "none"


def test_init_quotes_labels_that_yaml_would_misread(tmp_path):
    (tmp_path / "a.conll").write_text("Lima\tB-NO\nPeru\tB-ON\nx\tO\nJohn\tB-PER\n")
    assert main(["init"]) == 0
    assert load_config(tmp_path / "annolint.yaml").settings.labels == ["NO", "ON", "PER"]


def test_init_does_not_read_a_link_that_leads_out_of_the_folder(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("[SECRET x  ] [SECRET y  ] [SECRET z  ]\n")
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("[PER Ann  ] met [LOC Lima  ] .\n")
    (folder / "link.txt").symlink_to(outside)
    assert main(["init", str(folder)]) == 0
    text = (folder / "annolint.yaml").read_text(encoding="utf-8")
    assert "SECRET" not in text
    assert load_config(folder / "annolint.yaml").settings.labels == ["LOC", "PER"]
