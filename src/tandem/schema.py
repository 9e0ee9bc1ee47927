"""Pydantic helpers shared by every resource: trimmed text types and derived schemas.

Each resource writes one Create schema by hand; its Update (every field optional, only
the sent ones applied) and Public (Create plus id and timestamps) shapes are derived here so
the three stay in step.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Optional

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20000)]
RequiredText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20000)
]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]


class Strict(BaseModel):
    """Unknown fields are errors, so a typo in a request never passes silently."""

    model_config = ConfigDict(extra="forbid")


def ref(resource: str, title: str) -> Any:
    """A field holding the id of another resource in the same workspace."""
    return Field(default=None, title=title, json_schema_extra={"ref": resource})


def long_text(title: str, default: Any = "", **extra: Any) -> Any:
    return Field(default=default, title=title, json_schema_extra={"widget": "textarea", **extra})


def update_model(create: type[BaseModel]) -> type[BaseModel]:
    """Every field of `create`, optional and defaulting to None; its validators still apply."""
    fields: dict[str, Any] = {
        name: (Optional[info.annotation], Field(default=None, title=info.title))  # noqa: UP045
        for name, info in create.model_fields.items()
    }
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
