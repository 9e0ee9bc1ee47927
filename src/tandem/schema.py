"""Pydantic helpers shared by every resource: trimmed text types and derived schemas.

Each resource writes one Create schema by hand; its Update (every field optional, only
the sent ones applied) and Public (Create plus id and timestamps) shapes are derived here so
the three stay in step.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20000)]
RequiredText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20000)
]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]


class Strict(BaseModel):
    """Unknown fields are errors, so a typo in a request never passes silently."""

    model_config = ConfigDict(extra="forbid")


MAX_ID = 2**63 - 1  # the largest id a 64-bit integer column holds

Id = Annotated[int, Field(ge=1, le=MAX_ID)]


def ref(title: str) -> Any:
    """An optional field holding the id of another object in the same workspace; which kind
    it points at comes from the model's foreign key (see `Resource.references`)."""
    return Field(default=None, title=title, ge=1, le=MAX_ID)


def nullable(info: FieldInfo) -> bool:
    """Whether a field accepts None (its annotation is `X | None`)."""
    return type(None) in get_args(info.annotation)


def long_text(title: str, default: Any = "", **extra: Any) -> Any:
    return Field(default=default, title=title, json_schema_extra={"widget": "textarea", **extra})


def update_model(create: type[BaseModel]) -> type[BaseModel]:
    """Every field of `create`, each optional to send; only sent fields are applied.

    Constraints and validators stay. A field that cannot be None on create cannot be set to
    null either (its default of None means "not sent" and is never validated).
    """
    fields: dict[str, Any] = {}
    for name, info in create.model_fields.items():
        annotation: Any = info.annotation
        if info.metadata:
            annotation = Annotated[(annotation, *info.metadata)]
        fields[name] = (annotation, Field(default=None, title=info.title,
                                          description=info.description,
                                          json_schema_extra=info.json_schema_extra))
    name = create.__name__.replace("Create", "Update")
    return create_model(name, __base__=create, **fields)


def public_model(create: type[BaseModel], **extra: Any) -> type[BaseModel]:
    """What the API returns: the create fields plus id and timestamps (and `extra`)."""
    fields: dict[str, Any] = {
        "id": (int, ...),
        **{name: (info.annotation, None) for name, info in create.model_fields.items()},
        "created_at": (datetime, ...),
        "updated_at": (datetime, ...),
        **extra,
    }
    name = create.__name__.replace("Create", "Public")
    model: type[BaseModel] = create_model(
        name, __config__=ConfigDict(from_attributes=True), **fields
    )
    return model


def friendly_error(err: ErrorDetails, label: str | None = None) -> str:
    """One pydantic error as a sentence a person can act on, naming the field by `label`."""
    label = label or ".".join(str(p) for p in err.get("loc", ())) or "Value"
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "missing" or (kind == "string_too_short" and ctx.get("min_length") == 1):
        return f"{label} must not be empty."
    if kind.endswith("_type") and err.get("input", ...) is None:
        return f"{label} cannot be null."
    if kind == "string_too_long":
        return f"{label} is too long: at most {ctx.get('max_length')} characters."
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return f"{label} must be a whole number."
    if kind == "greater_than_equal":
        return f"{label} must be {ctx.get('ge')} or more."
    if kind == "less_than_equal":
        return f"{label} must be {ctx.get('le')} or less."
    if kind.startswith("date"):
        return f"{label} must be a date like 2025-03-31, not '{err.get('input')}'."
    if kind == "enum":
        return f"{label} must be one of {ctx.get('expected', '')}, not '{err.get('input')}'."
    if kind == "extra_forbidden":
        return f"{label} is not a known field."
    if kind == "too_long":
        return f"{label}: at most {ctx.get('max_length')} entries."
    message = str(err.get("msg", "is not valid"))
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    return f"{label}: {message[:1].lower()}{message[1:]}"
