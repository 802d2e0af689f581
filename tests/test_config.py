"""Config discovery, validation and error positions."""

from __future__ import annotations

import pytest

from linter.config import ConfigError, discover, load_config


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_config(tmp_path):
    config = load_config(start=tmp_path)
    assert config.path is None
    assert config.settings.labels == ["PER", "LOC", "ORG", "MISC"]
    assert config.settings.fail_on == "error"


def test_discovery_walks_upward(tmp_path):
    write(tmp_path / ".annolint.yaml", "fail-on: warning\n")
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    assert discover(nested) == tmp_path / ".annolint.yaml"
    assert load_config(start=nested).settings.fail_on == "warning"


def test_pyproject_needs_the_tool_table(tmp_path):
    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    assert discover(tmp_path) is None
    write(tmp_path / "pyproject.toml", "[tool.annolint]\nlabels = ['PER']\n")
    assert load_config(start=tmp_path).settings.labels == ["PER"]


def test_yaml_wins_over_pyproject_in_the_same_folder(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.annolint]\nlabels = ['PER']\n")
    write(tmp_path / "annolint.yaml", "labels: [LOC]\n")
    assert load_config(start=tmp_path).settings.labels == ["LOC"]


def test_typo_names_file_line_and_suggestion(tmp_path):
    path = write(tmp_path / "annolint.yaml", "labels: [PER]\nfial-on: warning\n")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    text = str(error.value)
    assert text.startswith(f"{path}:2:1:")
    assert "unknown key 'fial-on'" in text and "did you mean 'fail-on'" in text


def test_bad_value_is_reported_with_its_key(tmp_path):
    path = write(tmp_path / "annolint.yaml", "labels: [PER]\nfail-on: loud\n")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert ":2:1: fail-on:" in str(error.value)


def test_rule_option_typo_is_located(tmp_path):
    path = write(tmp_path / "annolint.yaml", "rules:\n  BRK005:\n    stlye: trimmed\n")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    text = str(error.value)
    assert ":3:5: rules.BRK005.stlye: unknown key 'stlye' (did you mean 'style'?)" in text


def test_unknown_rule_and_selector(tmp_path):
    path = write(tmp_path / "annolint.yaml", "rules:\n  XYZ999: {}\n")
    with pytest.raises(ConfigError, match="rules.XYZ999: unknown rule"):
        load_config(path)
    path = write(tmp_path / "annolint.yaml", "ignore: [BRK, NOPE]\n")
    with pytest.raises(ConfigError, match="ignore: 'NOPE' matches no rule"):
        load_config(path)


def test_invalid_yaml_is_located(tmp_path):
    path = write(tmp_path / "annolint.yaml", "labels: [PER\nfail-on: x\n")
    with pytest.raises(ConfigError, match="invalid YAML"):
        load_config(path)


def test_extends_preset_and_file(tmp_path):
    write(tmp_path / "base.yaml", "labels: [PER, LOC]\nseverity: {BRK005: info}\n")
    path = write(tmp_path / "annolint.yaml",
                 "extends: base.yaml\nseverity: {BRK001: warning}\n")
    settings = load_config(path).settings
    assert settings.labels == ["PER", "LOC"]
    assert settings.severity == {"BRK005": "info", "BRK001": "warning"}
    path = write(tmp_path / "annolint.yaml", "extends: cablegate\n")
    assert load_config(path).settings.profile == "cable"
    path = write(tmp_path / "annolint.yaml", "extends: nowhere\n")
    with pytest.raises(ConfigError, match="neither a preset"):
        load_config(path)


def test_threshold_values_and_selectors_are_validated(tmp_path):
    path = write(tmp_path / "annolint.yaml", "max-rate:\n  LBL: abc\n")
    with pytest.raises(ConfigError, match="max-rate.*LBL: expected a rate"):
        load_config(path)
    path = write(tmp_path / "annolint.yaml", "max-findings:\n  NOPE: 0\n")
    with pytest.raises(ConfigError, match=r":2:3: max-findings.NOPE: matches no rule"):
        load_config(path)
    path = write(tmp_path / "annolint.yaml", "max-findings:\n  BRK: -1\n")
    with pytest.raises(ConfigError, match="greater than or equal to 0"):
        load_config(path)


def test_glob_paths_keep_leading_dots():
    from linter.globs import matches

    assert matches("./.drafts/x.txt", ".drafts/**")
    assert not matches("./.drafts/x.txt", "drafts/**")


def test_a_mistake_in_an_extended_file_is_reported_there(tmp_path):
    base = write(tmp_path / "base.yaml", "labels: [PER]\nlables: [LOC]\n")
    path = write(tmp_path / "annolint.yaml", "extends: base.yaml\n")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert str(error.value).startswith(f"{base}:2:1: lables: unknown key")


def test_max_rate_takes_numbers_and_percent_strings(tmp_path):
    from linter.config import load_config

    path = tmp_path / "annolint.yaml"
    path.write_text("max-rate: {LBL: 0.005, BRK: '0.5%'}\n", encoding="utf-8")
    assert load_config(path).settings.max_rate == {"LBL": 0.005, "BRK": "0.5%"}
    path.write_text("max-rate: {LBL: 5}\n", encoding="utf-8")
    from linter.config import ConfigError

    with pytest.raises(ConfigError, match="between 0% and 100%"):
        load_config(path)


def test_did_you_mean_for_a_rule_option_is_kebab_case(tmp_path):
    from linter.config import ConfigError, load_config

    path = tmp_path / "annolint.yaml"
    path.write_text("rules:\n  LBL001:\n    min-scor: 0.5\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert "min-score" in str(error.value) and "min_score" not in str(error.value)


# ---------------------------------------------------------------- deferred models (pre-commit)

def _every_options_model():
    from linter.registry import all_rules

    return {rule.meta.options for rule in all_rules()}


def test_defaults_equal_a_validated_empty_config_for_every_options_model():
    """A rule's defaults are constructed without building its validator: the same values
    (and the same dump, which keys the corpus index) as validating an empty mapping."""
    from linter.config import Settings
    from linter.kebab import plain, validated

    for model in [Settings, *_every_options_model()]:
        constructed, checked = validated(model), model.model_validate({})
        assert constructed == checked, model
        for by_alias in (False, True):
            assert plain(constructed, by_alias) == checked.model_dump(by_alias=by_alias), model


def test_a_populated_config_dumps_as_pydantic_does(tmp_path):
    from linter.kebab import plain

    write(tmp_path / ".annolint.yaml", "include: ['**/*.txt']\nreaders: {tag-column: 2}\n"
          "severity: {LBL001: error}\nmax-rate: {LBL: 0.5%}\nrules: {LBL001: {min-count: 3}}\n")
    config = load_config(start=tmp_path)
    for by_alias in (False, True):
        assert plain(config.settings, by_alias) == config.settings.model_dump(by_alias=by_alias)
    options = config.rule_options["LBL001"]
    assert plain(options) == options.model_dump() and options.min_count == 3


def test_a_run_without_options_builds_no_rule_options_validator(tmp_path):
    """The pre-commit path: building pydantic's validators for every rule's options cost
    a tenth of a second per run; none is needed when no options are configured."""
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text("[LOC Lima  ] is cold .\n", encoding="utf-8")
    probe = (
        "import sys\nfrom linter.cli import main\nsys.argv = ['annolint', 'check', 'a.txt', "
        "'--no-cache', '--output-format', 'json']\ntry:\n    main()\nexcept SystemExit:\n"
        "    pass\nfrom linter.rule import RuleOptions\n"
        "def subs(c):\n    for s in c.__subclasses__():\n        yield s\n"
        "        yield from subs(s)\n"
        "built = [m.__name__ for m in subs(RuleOptions) if m.__pydantic_complete__]\n"
        "print('BUILT', built, file=sys.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    line = [row for row in proc.stderr.splitlines() if row.startswith("BUILT")]
    assert line == ["BUILT []"], proc.stderr
