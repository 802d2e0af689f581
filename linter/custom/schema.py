"""The YAML schema of a declarative rule: one pydantic model per ``kind``.

Every model rejects unknown keys (kebab-case, as everywhere in ``annolint.yaml``). Checks that
need the run's settings (labels, built-in codes, files) are made by :mod:`linter.custom.load`.
"""

from __future__ import annotations

import re
import string
from typing import ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from linter.kebab import KebabModel
from linter.model import Severity

CODE = re.compile(r"^([A-Z]{2,8})([0-9]{1,4})$")
NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class ExampleSpec(KebabModel):
    """An example with expected findings, each ``"[file:]line:column[ message fragment]"``."""

    text: str
    expect: list[str] = Field(default_factory=list)


class RuleBase(KebabModel):
    """What every declarative rule has."""

    code: str
    name: str
    summary: str | None = None
    rationale: str = ""
    fix: str = ""
    message: str | None = None
    severity: Severity = "warning"
    enabled: bool = True
    ignore_case: bool = False
    bad: list[str | ExampleSpec] = Field(min_length=1)
    good: list[str | ExampleSpec] = Field(default_factory=list)

    # placeholders a message template may use besides the common ones
    EXTRA_FIELDS: ClassVar[tuple[str, ...]] = ()

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        if not CODE.match(value):
            raise ValueError(f"{value!r} is not a rule code: 2 to 8 capital letters, then 1 to "
                             "4 digits (e.g. ACME001)")
        return value

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not NAME.match(value):
            raise ValueError(f"{value!r} is not a kebab-case name (e.g. ministries-are-org)")
        return value

    @field_validator("message")
    @classmethod
    def _template(cls, value: str | None) -> str | None:
        return check_template(value, (*COMMON_FIELDS, *cls.EXTRA_FIELDS))


def check_template(value: str | None, allowed: tuple[str, ...]) -> str | None:
    """Refuse a message template with a placeholder the rule cannot fill."""
    if value is None:
        return value
    try:
        names = [field for _, field, _, _ in string.Formatter().parse(value) if field is not None]
    except ValueError as error:
        raise ValueError(f"bad message template: {error}") from None
    for name in names:
        if name not in allowed:
            raise ValueError(f"unknown placeholder {{{name}}} in the message; use "
                             + ", ".join(f"{{{n}}}" for n in sorted(allowed)))
    return value


COMMON_FIELDS = ("text", "label", "expected", "code", "name")


def _regexes(values: list[str]) -> list[str]:
    for value in values:
        try:
            re.compile(value)
        except re.error as error:
            raise ValueError(f"{value!r} is not a regular expression: {error}") from None
    return values


class LabelOf(RuleBase):
    """Strings, regexes or a gazetteer whose mentions must carry a label."""

    kind: Literal["label-of"]
    label: str | None = None
    strings: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    gazetteer: str | None = None
    unannotated: bool = False
    unannotated_message: str | None = None

    @field_validator("patterns")
    @classmethod
    def _patterns(cls, value: list[str]) -> list[str]:
        return _regexes(value)

    @model_validator(mode="after")
    def _sources(self) -> "LabelOf":
        if not (self.strings or self.patterns or self.gazetteer):
            raise ValueError("a label-of rule needs strings, patterns or a gazetteer")
        if (self.strings or self.patterns) and not self.label:
            raise ValueError("strings and patterns need the label they must carry ('label:')")
        if self.unannotated_message is not None:
            check_template(self.unannotated_message, COMMON_FIELDS)
        return self


class NeverAnnotate(RuleBase):
    """Words or patterns that are never entities, or never inside an entity of a label."""

    kind: Literal["never-annotate"]
    words: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    labels: list[str] = Field(default_factory=list)
    inside: bool = False
    EXTRA_FIELDS: ClassVar[tuple[str, ...]] = ("match",)

    @field_validator("patterns")
    @classmethod
    def _patterns(cls, value: list[str]) -> list[str]:
        return _regexes(value)

    @model_validator(mode="after")
    def _something(self) -> "NeverAnnotate":
        if not (self.words or self.patterns):
            raise ValueError("a never-annotate rule needs words or patterns")
        return self


class PatternRule(RuleBase):
    """An entity of a label must (not) match a regex (searched anywhere in its text)."""

    kind: Literal["pattern"]
    label: str
    must_match: str | None = None
    must_not_match: str | None = None
    EXTRA_FIELDS: ClassVar[tuple[str, ...]] = ("pattern", "match")

    @model_validator(mode="after")
    def _one(self) -> "PatternRule":
        given = [p for p in (self.must_match, self.must_not_match) if p is not None]
        if len(given) != 1:
            raise ValueError("a pattern rule needs exactly one of must-match, must-not-match")
        _regexes(given)
        return self


class ContextRule(RuleBase):
    """Words right before or after an entity that imply its label."""

    kind: Literal["context"]
    label: str
    before: list[str] = Field(default_factory=list)
    after: list[str] = Field(default_factory=list)
    window: int = Field(default=1, ge=1, le=10)
    EXTRA_FIELDS: ClassVar[tuple[str, ...]] = ("word", "where")

    @model_validator(mode="after")
    def _words(self) -> "ContextRule":
        if not (self.before or self.after):
            raise ValueError("a context rule needs before or after words")
        if any(not phrase.split() for phrase in self.before + self.after):
            raise ValueError("context words cannot be empty")
        return self


class Consistency(RuleBase):
    """Strings of one group name one thing: one label for all their mentions in the corpus."""

    kind: Literal["consistency"]
    groups: list[list[str]] = Field(min_length=1)
    label: str | None = None
    EXTRA_FIELDS: ClassVar[tuple[str, ...]] = ("count", "total", "group")

    @field_validator("groups")
    @classmethod
    def _groups(cls, value: list[list[str]]) -> list[list[str]]:
        if any(not group for group in value):
            raise ValueError("a group needs at least one string")
        return value


class Cooccurrence(RuleBase):
    """Spelling variants: either A or B in one corpus, not both (the majority wins)."""

    kind: Literal["cooccurrence"]
    either: list[list[str]] = Field(min_length=1)
    EXTRA_FIELDS: ClassVar[tuple[str, ...]] = ("count", "group")

    @field_validator("either")
    @classmethod
    def _pairs(cls, value: list[list[str]]) -> list[list[str]]:
        if any(len(group) < 2 for group in value):
            raise ValueError("each 'either' group needs at least two variants")
        return value


KINDS: dict[str, type[RuleBase]] = {
    "label-of": LabelOf, "never-annotate": NeverAnnotate, "pattern": PatternRule,
    "context": ContextRule, "consistency": Consistency, "cooccurrence": Cooccurrence,
}
CORPUS_KINDS = frozenset({"consistency", "cooccurrence"})


class Definition:
    """A validated rule plus what the loader resolved for it: the gazetteer's entries
    (string -> label) and where the rule was written (for messages and ``annolint rules``)."""

    __slots__ = ("spec", "entries", "source")

    def __init__(self, spec: RuleBase, entries: dict[str, str], source: str) -> None:
        self.spec, self.entries, self.source = spec, entries, source
