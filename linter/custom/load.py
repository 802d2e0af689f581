"""Validate declarative rules and compile them, with errors that name file, line and key.

The config loader hands over every rule it found (inline under ``custom-rules:`` or one per
file in ``rules-dir:``) with the YAML document it came from; a mistake raises
:class:`CustomRuleError` carrying that document and the key path, which the loader turns into
``file:line:column: key: problem``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from linter import registry
from linter.custom.examples import example_problem
from linter.custom.gazetteer import GazetteerError, read_gazetteer
from linter.custom.schema import KINDS, Definition, RuleBase
from linter.kebab import kebab
from linter.rule import Rule

class CustomRuleError(Exception):
    """A problem in a declarative rule: ``loc`` is the key path inside ``data`` (the YAML
    document of ``path``); ``line`` is set instead when the problem is in another file."""

    def __init__(self, message: str, path: str, data: Any = None, loc: tuple = (),
                 line: int | None = None) -> None:
        self.message, self.path, self.data, self.loc, self.line = message, path, data, loc, line
        super().__init__(message)


@dataclass
class RuleSource:
    """One declarative rule as written: ``item`` (plain data) sits at ``loc`` in ``data``
    (the ruamel document of ``path``); relative file names resolve against ``folder``."""

    path: str
    data: Any
    loc: tuple
    item: Any
    folder: Path


def _dotted(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "rule"


def _validate(source: RuleSource) -> RuleBase:
    def fail(message: str, *loc: Any) -> CustomRuleError:
        full = source.loc + loc
        return CustomRuleError(f"{_dotted(full)}: {message}", source.path, source.data, full)

    item = source.item
    if not isinstance(item, dict):
        raise fail("a rule is a mapping of keys (code, name, kind, ...)")
    kind = item.get("kind")
    if kind not in KINDS:
        shown = "missing" if kind is None else f"unknown kind {kind!r}"
        raise fail(f"{shown}; use one of {', '.join(KINDS)}", *(("kind",) if kind else ()))
    model = KINDS[kind]
    try:
        return model.model_validate(item)
    except ValidationError as error:
        first = error.errors()[0]
        loc = tuple(first["loc"])
        if first["type"] == "extra_forbidden":
            key = str(loc[-1])
            guess = difflib.get_close_matches(key, [kebab(n) for n in model.model_fields], 1)
            hint = f" (did you mean '{guess[0]}'?)" if guess else ""
            raise fail(f"unknown key '{key}' for a {kind} rule{hint}", *loc) from None
        message = first["msg"].removeprefix("Value error, ")
        if "input" in first and not isinstance(first["input"], dict | list):
            message += f" (got {first['input']!r})"
        raise fail(message, *loc) from None


def _shown(path: str) -> str:
    """A rule's file as ``annolint rules`` shows it: relative to the working directory when
    it is below it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return path


def _labels_used(spec: RuleBase) -> list[tuple[tuple, str]]:
    """(key path, label) of every label the rule names."""
    used = []
    if getattr(spec, "label", None):
        used.append((("label",), spec.label))
    for index, label in enumerate(getattr(spec, "labels", ())):
        used.append((("labels", index), label))
    return used


def load_custom(sources: list[RuleSource], labels: list[str]) -> list[tuple[Rule, Any]]:
    """Validate, compile and example-check every declarative rule; ``(rule, options)``."""
    builtin = {rule.code: rule for rule in registry.all_rules()}
    names = {rule.meta.name: rule for rule in builtin.values()}
    label_set = set(labels)
    seen: dict[str, str] = {}
    definitions: list[Definition] = []
    where: dict[str, RuleSource] = {}
    for source in sources:
        spec = _validate(source)

        def fail(message: str, *loc: Any) -> CustomRuleError:
            full = source.loc + loc
            return CustomRuleError(f"{_dotted(full)}: {message}", source.path, source.data, full)

        # a code may not start with a family of annolint's own, or a selector such as 'LBL'
        # would silently take it in
        reserved = tuple(registry.family_names())
        if spec.code.startswith(reserved):
            raise fail(f"{spec.code}: codes starting with {', '.join(reserved)} belong "
                       "to annolint; pick your own prefix (e.g. ACME001)", "code")
        if spec.code in builtin:
            owner = builtin[spec.code].meta.source or "annolint"
            raise fail(f"{spec.code} is already a rule of {owner}", "code")
        if spec.code in seen:
            raise fail(f"{spec.code} is defined twice (also in {seen[spec.code]})", "code")
        if spec.name in names:
            raise fail(f"name '{spec.name}' is already taken by {names[spec.name].code}", "name")
        if spec.name in {d.spec.name for d in definitions}:
            raise fail(f"name '{spec.name}' is used by two declarative rules", "name")
        for loc, label in _labels_used(spec):
            if label not in label_set:
                raise fail(f"label {label!r} is not in the label set ({', '.join(labels)})", *loc)
        entries: dict[str, str] = {}
        if getattr(spec, "gazetteer", None):
            path = source.folder / spec.gazetteer
            try:
                entries = read_gazetteer(path, label_set)
            except GazetteerError as error:
                if error.line is None:
                    raise fail(f"{error.path}: {error.message}", "gazetteer") from None
                raise CustomRuleError(f"gazetteer of {spec.code}: {error.message}", error.path,
                                      line=error.line) from None
        seen[spec.code] = source.path
        where[spec.code] = source
        definitions.append(Definition(spec, entries, _shown(source.path)))
    if not definitions:
        return []
    compiled = registry.compile_custom(definitions)
    frozen = frozenset(labels)
    for rule, options in compiled:
        source = where[rule.code]
        for kind in ("bad", "good"):
            for index, example in enumerate(getattr(rule.meta, kind)):
                problem = example_problem(rule, options, kind, example, frozen)
                if problem:
                    loc = source.loc + (kind, index)
                    raise CustomRuleError(f"{_dotted(loc)}: {rule.code} example fails: {problem}",
                                          source.path, source.data, loc)
    return compiled
