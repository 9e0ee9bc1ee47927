"""The one error shape every API route documents and returns."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable machine-readable code, e.g. not_found, conflict")
    message: str = Field(description="What went wrong, for people")
    field: str | None = Field(description="The request field it concerns, if any")


class ErrorBody(BaseModel):
    """The one shape of every API error."""

    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text}
    for status, text in ((401, "No valid API token"), (403, "Your role does not allow this"),
                         (404, "No such workspace or object (or not yours)"),
                         (409, "Clashes with an existing object"),
                         (422, "Invalid input; `field` names it"))
}

# For routes that honour If-Match (api/versions.py).
STALE_RESPONSES: dict[int | str, dict[str, Any]] = {
    412: {"model": ErrorBody, "description": "If-Match names a version that is no longer "
          "current (code `stale`): nothing was written; the current version is in the "
          "message and the ETag header"},
}
