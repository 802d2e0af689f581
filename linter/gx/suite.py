"""The annolint expectation-suite file: a small, hand-editable JSON or YAML format.

Why our own format instead of great-expectations' suite JSON: a GX suite file is long, full
of ids and ``meta`` noise, and its kwargs change between GX releases. Users keep this file
in their corpus repository and review it in diffs, so it says only what matters::

    {
      "annolint-gx-suite": 1,
      "documents": {"count": {"min": 1}, "no-empty-annotated": true,
                    "columns": {"density": {"min": 0.02, "max": 0.3}}},
      "labels": {"set": ["LOC", "MISC", "ORG", "PER"],
                 "share": {"MISC": {"min": 0.05, "max": 0.3}}},
      "corpus": {"columns": {"entities": {"min": 100}}},
      "gx": [{"table": "documents", "type": "expect_column_mean_to_be_between",
              "kwargs": {"column": "density", "min_value": 0.05}}]
    }

Each entry becomes one :class:`Check` (a GX expectation type, its kwargs and the sentence a
user reads when it fails); ``gx`` is the escape hatch to any GX expectation. This module
never imports great-expectations: loading, deriving and writing a suite is cheap and works
without the extra installed. ``linter.gx`` turns checks into GX expectations.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, model_validator

from linter.kebab import KebabModel

from linter.atomic import atomic_writer
from linter.config import ConfigError
from linter.gx.stats import corpus_table, label_table
from linter.result import RunResult

FORMAT_KEY = "annolint-gx-suite"
TABLES = ("documents", "labels", "corpus")


class SuiteError(ConfigError):
    """A suite file that cannot be read or makes no sense; the CLI exits 2 on it."""


_Model = KebabModel


class Bounds(_Model):
    """An inclusive range; either end may be left open."""

    min: float | None = None
    max: float | None = None

    @model_validator(mode="after")
    def _sane(self) -> Bounds:
        if self.min is None and self.max is None:
            raise ValueError("give at least one of 'min' and 'max'")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"'min' ({self.min:g}) is greater than 'max' ({self.max:g})")
        return self

    def phrase(self) -> str:
        if self.max is None:
            return f"at least {self.min:g}"
        if self.min is None:
            return f"at most {self.max:g}"
        return f"between {self.min:g} and {self.max:g}"

    def kwargs(self) -> dict[str, float]:
        return {key: value for key, value in (("min_value", self.min), ("max_value", self.max))
                if value is not None}


class DocumentsSection(_Model):
    count: Bounds | None = None
    no_empty_annotated: bool = False
    columns: dict[str, Bounds] = Field(default_factory=dict)


class LabelsSection(_Model):
    set: list[str] | None = None
    share: dict[str, Bounds] = Field(default_factory=dict)
    count: dict[str, Bounds] = Field(default_factory=dict)


class CorpusSection(_Model):
    columns: dict[str, Bounds] = Field(default_factory=dict)


class RawExpectation(_Model):
    """Any great-expectations expectation, by its snake_case type, on one of our tables."""

    table: Literal["documents", "labels", "corpus"]
    type: str
    kwargs: dict[str, Any] = Field(default_factory=dict)
    description: str | None = None


class Suite(_Model):
    version: Literal[1] = Field(alias=FORMAT_KEY)
    description: str = ""
    documents: DocumentsSection = Field(default_factory=DocumentsSection)
    labels: LabelsSection = Field(default_factory=LabelsSection)
    corpus: CorpusSection = Field(default_factory=CorpusSection)
    gx: list[RawExpectation] = Field(default_factory=list)


@dataclass(frozen=True)
class Check:
    """One expectation to run: GX type and kwargs on a table, and the sentence users read."""

    table: str
    type: str
    kwargs: dict[str, Any]
    description: str


def suite_checks(suite: Suite) -> list[Check]:
    """Translate a suite into checks, in file order."""
    checks: list[Check] = []
    docs = suite.documents
    if docs.count is not None:
        checks.append(Check("documents", "expect_table_row_count_to_be_between",
                            docs.count.kwargs(), f"the corpus has {docs.count.phrase()} "
                            "documents"))
    if docs.no_empty_annotated:
        checks.append(Check("documents", "expect_column_values_to_be_between",
                            {"column": "annotated_entities", "min_value": 1},
                            "no annotated document has zero entities"))
    for column, bounds in docs.columns.items():
        checks.append(Check("documents", "expect_column_values_to_be_between",
                            {"column": column, **bounds.kwargs()},
                            f"every document's {column} is {bounds.phrase()}"))
    labels = suite.labels
    if labels.set is not None:
        shown = ", ".join(sorted(labels.set))
        checks.append(Check("labels", "expect_column_distinct_values_to_equal_set",
                            {"column": "label", "value_set": sorted(labels.set)},
                            f"the labels used are exactly {{{shown}}}"))
    for label, bounds in labels.share.items():
        checks.append(Check("corpus", "expect_column_values_to_be_between",
                            {"column": f"share_{label}", **bounds.kwargs()},
                            f"the share of {label} among all entities is {bounds.phrase()}"))
    for label, bounds in labels.count.items():
        checks.append(Check("corpus", "expect_column_values_to_be_between",
                            {"column": f"count_{label}", **bounds.kwargs()},
                            f"the corpus has {bounds.phrase()} {label} entities"))
    for column, bounds in suite.corpus.columns.items():
        checks.append(Check("corpus", "expect_column_values_to_be_between",
                            {"column": column, **bounds.kwargs()},
                            f"the corpus's {column} is {bounds.phrase()}"))
    for raw in suite.gx:
        checks.append(Check(raw.table, raw.type, dict(raw.kwargs),
                            raw.description or f"{raw.type} on {raw.table} {raw.kwargs}"))
    return checks


def _read_data(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise SuiteError(f"cannot read the suite: {error.strerror or error}", str(path)) from None
    if path.suffix.lower() in (".yaml", ".yml"):
        from ruamel.yaml import YAML, YAMLError

        try:
            return YAML(typ="safe").load(text)
        except YAMLError as error:
            raise SuiteError(f"not valid YAML: {error}", str(path)) from None
    try:
        return json.loads(text)
    except ValueError as error:
        line = getattr(error, "lineno", None)
        column = getattr(error, "colno", None)
        raise SuiteError(f"not valid JSON: {getattr(error, 'msg', error)}", str(path),
                         line, column) from None


def load_suite(path: Path) -> Suite:
    """Read and validate a suite file (JSON, or YAML for ``.yaml``/``.yml``)."""
    data = _read_data(Path(path))
    if not isinstance(data, dict) or FORMAT_KEY not in data:
        raise SuiteError(f"not an annolint suite: the top level needs \"{FORMAT_KEY}\": 1",
                         str(path))
    try:
        return Suite.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "<top level>"
        message = first["msg"].removeprefix("Value error, ")
        if first["type"] == "extra_forbidden":
            message = f"unknown key '{first['loc'][-1]}'"
        raise SuiteError(f"{where}: {message}", str(path)) from None


def _floor(value: float, places: int = 3) -> float:
    return math.floor(value * 10**places) / 10**places


def _ceil(value: float, places: int = 3) -> float:
    return math.ceil(value * 10**places) / 10**places


def derive_suite(result: RunResult, base: Path | None = None) -> dict[str, Any]:
    """A starting suite from the observed corpus: the label set, each label's share within
    a margin (half its value, at least 0.05), document density within [half, 1.5x] of the
    observed range, and no empty annotated documents if there are none now."""
    documents = corpus_table(result, base)
    columns: dict[str, Any] = {}
    densities = [row["density"] for row in documents if row["density"] is not None]
    if densities:
        columns["density"] = {"min": _floor(min(densities) * 0.5),
                              "max": min(1.0, _ceil(max(densities) * 1.5))}
    share: dict[str, Any] = {}
    for row in label_table(result):
        margin = max(0.05, row["share"] * 0.5)
        share[row["label"]] = {"min": max(0.0, _floor(row["share"] - margin)),
                               "max": min(1.0, _ceil(row["share"] + margin))}
    no_empty = all(row["entities"] > 0 for row in documents if row["annotated"])
    return {
        FORMAT_KEY: 1,
        "description": (f"Starting suite written by 'annolint gx-suite' from {len(documents)} "
                        f"document{'' if len(documents) == 1 else 's'}: bounds are the observed values with margins; tighten or "
                        "widen them by hand."),
        "documents": {"count": {"min": 1}, "no-empty-annotated": bool(documents) and no_empty,
                      "columns": columns},
        "labels": {"set": sorted(share), "share": share},
    }


def write_suite(result: RunResult, path: Path, base: Path | None = None) -> dict[str, Any]:
    """Write :func:`derive_suite` to ``path`` (YAML for ``.yaml``/``.yml``, else JSON),
    atomically, and return what was written."""
    data = derive_suite(result, base)
    path = Path(path)
    with atomic_writer(path) as handle:
        if path.suffix.lower() in (".yaml", ".yml"):
            from ruamel.yaml import YAML

            yaml = YAML(typ="safe", pure=True)
            yaml.default_flow_style = False
            yaml.sort_base_mapping_type_on_output = False
            yaml.dump(data, handle)
        else:
            handle.write(_compact_json(data) + "\n")
    return data


def _compact_json(value: Any, indent: str = "") -> str:
    """JSON with one line per bound and per label list, so the file reads like a table
    and a diff shows exactly which bound moved."""
    scalar = (str, int, float, bool, type(None))
    if isinstance(value, dict) and value and not all(isinstance(v, scalar) for v in value.values()):
        inner = indent + "  "
        items = [f"{inner}{json.dumps(key)}: {_compact_json(item, inner)}"
                 for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    return json.dumps(value)
