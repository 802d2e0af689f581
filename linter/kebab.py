"""The one pydantic base for everything a user writes in YAML or TOML: snake_case fields,
kebab-case keys (``min-count``), unknown keys rejected."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


def kebab(name: str) -> str:
    """``min_count`` -> ``min-count``."""
    return name.replace("_", "-")


class KebabModel(BaseModel):
    model_config = ConfigDict(extra="forbid", alias_generator=kebab, populate_by_name=True)
