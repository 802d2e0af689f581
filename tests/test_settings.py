"""Issue 15: TOML error positions under their own table, ``check --show-settings`` and
``annolint init``."""

from __future__ import annotations

import tomllib

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
