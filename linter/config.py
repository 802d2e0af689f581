"""Configuration: discovery, YAML/TOML loading, validation with exact error positions.

Sources, first found wins, searched upward from the working directory: ``annolint.yaml``,
``.annolint.yaml``, ``pyproject.toml`` with a ``[tool.annolint]`` table. ``--config PATH``
overrides the search. Keys are kebab-case (``fail-on``, ``per-file-ignores``).

Every mistake exits 2 with ``file:line:column: key: problem``, because a linter whose
config typo is silently ignored checks something other than what the user believes.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, ValidationError, field_validator

from linter.kebab import KebabModel, kebab, validated
from linter.model import Severity

from linter.readers.options import ReaderOptions

from linter.config_read import (ConfigError, _has_tool_table, _position, _read_pyproject,
                                 _read_yaml)

CONFIG_NAMES = ("annolint.yaml", ".annolint.yaml", "pyproject.toml")
DEFAULT_LABELS = ("PER", "LOC", "ORG", "MISC")
# .json is not walked by default (reports and baselines are JSON too): add "**/*.json"
# to include, or name a Label Studio export explicitly.
DEFAULT_INCLUDE = ("**/*.txt", "**/*.conll", "**/*.conllu", "**/*.jsonl",
                   "**/*.bio", "**/*.iob")
FormatName = Literal["inline", "conll", "conllu", "jsonl", "labelstudio", "brat"]
FailOn = Literal[Severity, "never"]


class Settings(KebabModel):
    """The validated configuration. Field names are snake_case, YAML keys kebab-case."""

    extends: str | None = None
    include: list[str] = Field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = Field(default_factory=list)
    format: dict[str, FormatName] = Field(default_factory=dict)
    readers: ReaderOptions = Field(default_factory=ReaderOptions.model_construct)
    profile: Literal["auto", "cable", "none"] = "auto"
    labels: list[str] = Field(default_factory=lambda: list(DEFAULT_LABELS))
    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    allow: list[str] = Field(default_factory=list)
    decisions: str | None = None  # the decisions file (default: annolint-decisions.yaml beside)
    fail_on: FailOn = "error"
    follow_external_symlinks: bool = False  # lint symlinks that lead outside the root
    respect_gitignore: bool = True  # walks skip what git ignores (linter.gitignore)
    max_findings_per_file: Annotated[int, Field(ge=0)] = 1000  # per rule; 0: no cap
    annotators: dict[str, str] = Field(default_factory=dict)
    max_findings: dict[str, Annotated[int, Field(ge=0)]] = Field(default_factory=dict)
    max_rate: dict[str, str | float] = Field(default_factory=dict)  # '0.5%' or 0.005
    # declarative rules (linter.custom): inline, and/or one YAML file per rule in a folder
    custom_rules: list[Any] = Field(default_factory=list)
    rules_dir: str | None = None

    @field_validator("max_rate")
    @classmethod
    def _rates_parse(cls, value: dict[str, str | float]) -> dict[str, str | float]:
        from linter.gates import parse_rate

        for selector, rate in value.items():
            try:
                number = parse_rate(rate)
            except ValueError:
                raise ValueError(f"{selector}: expected a rate such as '0.5%' or "
                                 "0.005") from None
            if not 0 <= number <= 1:
                raise ValueError(f"{selector}: expected a rate between 0% and 100%")
        return value

    @field_validator("labels")
    @classmethod
    def _labels_non_empty(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("the label set cannot be empty")
        return value


PRESETS: dict[str, dict[str, Any]] = {
    "default": {},
    "cablegate": {"profile": "cable"},
    "conll": {"profile": "none"},
}


@dataclass
class LoadedConfig:
    """Validated settings plus where they came from (for messages, reports and caching)."""

    settings: Settings
    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    rule_options: dict[str, Any] = field(default_factory=dict)
    custom_rules: tuple[Any, ...] = ()  # the declarative rules, compiled (linter.rule.Rule)


# ---------------------------------------------------------------------------- discovery

def discover(start: Path | None = None) -> Path | None:
    """The nearest config file at or above ``start`` (pyproject only with [tool.annolint])."""
    directory = (start or Path.cwd()).resolve()
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml" and not _has_tool_table(candidate):
                continue
            return candidate
    return None


def _suggest(key: str, choices: list[str]) -> str:
    guess = difflib.get_close_matches(key, choices, n=1, cutoff=0.6)
    return f" (did you mean '{guess[0]}'?)" if guess else ""


def _explain_errors(error: ValidationError, data: Any, path: str, toml_text: str | None,
                    prefix: tuple = (), choices: list[str] | None = None) -> ConfigError:
    first = error.errors()[0]
    loc = prefix + tuple(first["loc"])
    line, column = _position(data, loc, toml_text)
    dotted = ".".join(str(part) for part in loc)
    if first["type"] == "extra_forbidden":
        key = str(first["loc"][-1])
        message = f"{dotted}: unknown key '{key}'{_suggest(key, choices or [])}"
    else:
        message = f"{dotted}: {first['msg']}"
        if "input" in first and first["type"] != "value_error" and not isinstance(
                first["input"], dict | list):  # the type only: never echo a foreign value
            message += f" (got {_type_name(first['input'])})"
    return ConfigError(message, path, line, column)


def _type_name(value: Any) -> str:
    names = {str: "a string", int: "an integer", float: "a number", bool: "a boolean",
             type(None): "null", list: "a list", dict: "a mapping"}
    for kind, name in names.items():
        if type(value) is kind:
            return name
    return "a list" if isinstance(value, list) else "a mapping" if isinstance(
        value, dict) else "a string" if isinstance(value, str) else "another value"


def _check_spelling(data: Any, plain: dict[str, Any], path: str, toml_text: str | None) -> None:
    """Keys are kebab-case only: ``fail_on`` is not accepted beside ``fail-on``."""
    for key in plain:
        if "_" in key and key in Settings.model_fields:
            line, column = _position(data, (key,), toml_text)
            raise ConfigError(f"unknown key '{key}' (did you mean '{kebab(key)}'?)",
                              path, line, column)


def _plain(data: Any) -> Any:
    """ruamel's commented containers → plain dicts and lists."""
    if isinstance(data, dict):
        return {str(key): _plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_plain(value) for value in data]
    if type(data).__name__ == "TaggedScalar":  # "!!str x": only core tags get this far
        return str(data.value)
    return data


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """Child keys override; ``rules``, ``severity`` and similar maps merge one level deep."""
    merged = dict(base)
    for key, value in child.items():
        if key in ("rules", "severity", "per-file-ignores", "annotators", "max-findings",
                   "max-rate") and isinstance(value, dict) and isinstance(base.get(key), dict):
            combined = dict(base[key])
            for name, options in value.items():
                if isinstance(options, dict) and isinstance(combined.get(name), dict):
                    combined[name] = {**combined[name], **options}
                else:
                    combined[name] = options
            merged[key] = combined
        else:
            merged[key] = value
    return merged


def _resolve_extends(data: dict[str, Any], path: Path | None, depth: int = 0) -> dict[str, Any]:
    parent_name = data.get("extends")
    if not parent_name:
        return data
    if depth > 8:
        raise ConfigError("extends: chain is too deep (a cycle?)", str(path) if path else None)
    if parent_name in PRESETS:
        parent = dict(PRESETS[parent_name])
    else:
        parent_path = (path.parent if path else Path.cwd()) / str(parent_name)
        if not parent_path.is_file():
            raise ConfigError(
                f"extends: '{parent_name}' is neither a preset ({', '.join(PRESETS)}) nor a file",
                str(path) if path else None,
            )
        parent_data = _read_yaml(parent_path)
        if not isinstance(parent_data, dict):
            raise ConfigError("the config must be a mapping of keys to values",
                              str(parent_path), 1, 1)
        _check_spelling(parent_data, _plain(parent_data), str(parent_path), None)
        try:  # check the parent on its own, so its mistakes are reported where they are
            Settings.model_validate(_plain(parent_data))
        except ValidationError as error:
            fields = [kebab(name) for name in Settings.model_fields]
            raise _explain_errors(error, parent_data, str(parent_path), None,
                                  choices=fields) from None
        parent = _resolve_extends(_plain(parent_data), parent_path, depth + 1)
    child = {key: value for key, value in data.items() if key != "extends"}
    return _merge(parent, child)


def load_config(explicit: str | Path | None = None, start: Path | None = None) -> LoadedConfig:
    """Find, read and validate the configuration (defaults when there is none)."""
    path = Path(explicit) if explicit else discover(start)
    if explicit and not path.is_file():
        raise ConfigError("config file not found", str(path))
    if path is None:
        return _validated({}, {}, None, None, Path(start or Path.cwd()))
    toml_text = None
    if path.name == "pyproject.toml" or path.suffix == ".toml":
        data, toml_text = _read_pyproject(path)
    else:
        data = _read_yaml(path)
    if not isinstance(data, dict):
        raise ConfigError("the config must be a mapping of keys to values", str(path), 1, 1)
    return _validated(data, _plain(data), path, toml_text, path.parent)


def _validated(data: Any, plain: dict[str, Any], path: Path | None, toml_text: str | None,
               root: Path) -> LoadedConfig:
    from linter.registry import find_rule
    from linter.registry import is_known_selector as known_selector
    from linter.registry import suggest_selector

    shown = str(path) if path else "<defaults>"
    _check_spelling(data, plain, shown, toml_text)
    if "extends" in plain and not isinstance(plain["extends"], str | None):
        line, column = _position(data, ("extends",), toml_text)
        raise ConfigError("extends: expected one preset name or file path (a string), got "
                          f"{_type_name(plain['extends'])}", shown, line, column)
    resolved = _resolve_extends(plain, path)
    fields = [kebab(name) for name in Settings.model_fields]
    try:
        settings = validated(Settings, resolved)
    except ValidationError as error:
        raise _explain_errors(error, data, shown, toml_text, choices=fields) from None
    compiled = _custom_rules(settings, data, shown, root, toml_text)
    custom = tuple(rule for rule, _ in compiled)

    def is_known_selector(selector: str) -> bool:
        return known_selector(selector, custom)

    for key in ("select", "ignore"):
        for index, selector in enumerate(getattr(settings, key) or []):
            if not is_known_selector(selector):
                line, column = _position(data, (key, index), toml_text)
                raise ConfigError(f"{key}: '{selector}' matches no rule code, prefix, name or "
                                  f"family{suggest_selector(selector, custom)} (see 'annolint "
                                  "rules')", shown, line, column)
    for key, values in settings.per_file_ignores.items():
        for selector in values:
            if not is_known_selector(selector):
                line, column = _position(data, ("per-file-ignores", key), toml_text)
                raise ConfigError(f"per-file-ignores.{key}: '{selector}' matches no rule",
                                  shown, line, column)
    for table in ("severity", "max-findings", "max-rate"):
        for key in getattr(settings, table.replace("-", "_")):
            if not is_known_selector(key):
                line, column = _position(data, (table, key), toml_text)
                raise ConfigError(f"{table}.{key}: matches no rule code, prefix, name or "
                                  "family", shown, line, column)

    rule_options: dict[str, Any] = {}
    for key, options in settings.rules.items():
        rule = find_rule(key, custom)
        if rule is None:
            line, column = _position(data, ("rules", key), toml_text)
            raise ConfigError(f"rules.{key}: unknown rule (see 'annolint rules')", shown, line, column)
        model = rule.meta.options
        try:
            rule_options[rule.code] = validated(model, options)
        except ValidationError as error:
            choices = [kebab(name) for name in model.model_fields]  # keys are kebab-case
            raise _explain_errors(error, data, shown, toml_text, prefix=("rules", key),
                                  choices=choices) from None
    rule_options.update((rule.code, options) for rule, options in compiled)
    return LoadedConfig(settings=settings, path=path, root=root, rule_options=rule_options,
                        custom_rules=custom)


def _custom_rules(settings: Settings, data: Any, shown: str, root: Path,
                  toml_text: str | None = None) -> list:
    """The declarative rules of ``custom-rules`` and ``rules-dir``, compiled; a mistake is a
    ConfigError at the file, line and key where it is written."""
    if not settings.custom_rules and not settings.rules_dir:
        return []
    from linter.custom.load import CustomRuleError, RuleSource, load_custom

    sources = [RuleSource(shown, data, ("custom-rules", index), _plain(item), root)
               for index, item in enumerate(settings.custom_rules)]
    if settings.rules_dir:
        folder = root / settings.rules_dir
        if not folder.is_dir():
            line, column = _position(data, ("rules-dir",), toml_text)
            raise ConfigError(f"rules-dir: {settings.rules_dir} is not a folder", shown, line,
                              column)
        for file in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
            file_data = _read_yaml(file)
            sources.append(RuleSource(str(file), file_data, (), _plain(file_data), file.parent))
    try:
        return load_custom(sources, settings.labels)
    except CustomRuleError as error:
        line, column = error.line, None
        if error.line is None:
            line, column = _position(error.data, error.loc,
                                     toml_text if error.data is data else None)
        raise ConfigError(error.message, error.path, line, column) from None


def options_for(config: LoadedConfig, code: str, model: type[BaseModel]) -> BaseModel:
    """The validated options of rule ``code`` (its defaults when not configured)."""
    return config.rule_options.get(code) or validated(model)
