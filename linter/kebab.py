"""The one pydantic base for everything a user writes in YAML or TOML: snake_case fields,
kebab-case keys (``min-count``), unknown keys rejected.

Models are built lazily (``defer_build``): building pydantic's validators for every rule's
options costs a tenth of a second at import, on the pre-commit path, for models that a run
without those options never validates (:func:`validated`)."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict

M = TypeVar("M", bound=BaseModel)


def kebab(name: str) -> str:
    """``min_count`` -> ``min-count``."""
    return name.replace("_", "-")


class KebabModel(BaseModel):
    model_config = ConfigDict(extra="forbid", alias_generator=kebab, populate_by_name=True,
                              defer_build=True)


def validated(model: type[M], data: dict[str, Any] | None = None) -> M:
    """``model.model_validate(data or {})``; with nothing to validate, the defaults without
    building the model's validator. The two are equal: pydantic validates given values only
    (defaults are not validated unless a field asks for it), so an empty input runs no field
    validator; a model with model validators or ``validate_default`` is always validated."""
    if data or getattr(model, "__pydantic_complete__", True) or _validates_defaults(model):
        return model.model_validate(data or {})
    return model.model_construct()


def _validates_defaults(model: type[BaseModel]) -> bool:
    decorators = model.__pydantic_decorators__
    return bool(model.model_config.get("validate_default") or decorators.model_validators
                or decorators.root_validators
                or any(field.validate_default for field in model.model_fields.values()))


def plain(value: Any, by_alias: bool = False) -> Any:
    """``model.model_dump(by_alias=...)`` for the models users write (fields of plain types,
    lists, dicts and nested models), without building a deferred model's serializer."""
    if isinstance(value, BaseModel):
        model = type(value)
        generator = model.model_config.get("alias_generator")
        return {(field.alias or (generator(name) if callable(generator) else name)
                 if by_alias else name): plain(getattr(value, name), by_alias)
                for name, field in model.model_fields.items()}
    if isinstance(value, dict):
        return {key: plain(item, by_alias) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(plain(item, by_alias) for item in value)
    return value
