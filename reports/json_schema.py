"""The JSON report, schema version 1, as pydantic models.

Other tools read this format; the models are the contract. Keep field names stable and
add only optional fields; a breaking change bumps ``schema_version``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from linter.model import Severity


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ToolInfo(_Strict):
    name: Literal["annolint"]
    version: str


class EntityCounts(_Strict):
    total: int = Field(ge=0)
    by_label: dict[str, int]


class Summary(_Strict):
    files: int = Field(ge=0)
    documents: int = Field(ge=0)
    findings: int = Field(ge=0)
    by_severity: dict[Severity, int]
    by_rule: dict[str, int]
    # Added in 0.1 (optional, additive): what was read, so a gate shows what it checked.
    entities: EntityCounts | None = None


class SpanInfo(_Strict):
    text: str
    label: str


class FindingRecord(_Strict):
    # 2-8 capitals then 1-4 digits: a config's declarative rules (ACME001) too, as
    # linter/custom/schema.py allows (was ^[A-Z]{3}\d{3}$, which refused their findings)
    rule: str = Field(pattern=r"^[A-Z]{2,8}\d{1,4}$")
    name: str
    severity: Severity
    path: str
    line: int = Field(ge=1)
    column: int = Field(ge=1)
    end_line: int = Field(ge=1)
    end_column: int = Field(ge=1)
    message: str
    span: SpanInfo | None
    score: float | None = Field(ge=0.0, le=1.0)
    evidence: dict[str, Any] | None
    fingerprint: str
    # Added in 0.1 without a version bump (optional, additive): the rule's documentation,
    # its anchored section of docs/rules.md (``linter.docs.rule_url``); null for a plugin's
    # or a config's declarative rule, which have no section there.
    url: str | None = None


class Report(_Strict):
    schema_version: Literal[1]
    tool: ToolInfo
    summary: Summary
    findings: list[FindingRecord]
    # Added in 0.1 without a version bump (optional, additive): why a run failed beyond
    # its findings (gate thresholds, expectation suites) and what the baseline hid.
    notes: list[str] = Field(default_factory=list)
