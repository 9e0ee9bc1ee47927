"""Request and response shapes of the API routes that are not plain resource CRUD."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from tandem.accounts.models import Role
from tandem.loop.links import LinkedPublic
from tandem.schema import Name, Strict


class TokenRequest(Strict):
    email: str = Field(max_length=254)
    password: str | None = Field(default=None, max_length=1024,
                                 description="Required, except for the local administrator.")
    name: str = Field(default="api", max_length=120)


class TokenCreated(BaseModel):
    id: int
    name: str
    token: str = Field(description="Shown once; store it now.")


class TokenPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None


class UserPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    email: str
    name: str


class WorkspaceCreate(Strict):
    name: Name
    slug: str | None = Field(default=None, max_length=64)
    owner: str | None = Field(default=None, max_length=254,
                              description="Local administrator only: the owner's email.")


class WorkspacePublic(BaseModel):
    id: int
    slug: str
    name: str
    role: Role


class MemberAdd(Strict):
    email: str
    role: Role = Role.editor
    password: str | None = Field(default=None, description="Creates the account if the email "
                                 "has none; pass it on to the person.")
    name: str = ""


class MemberPublic(BaseModel):
    email: str
    name: str
    role: Role


class LinkRequest(Strict):
    from_type: str
    from_id: int
    to_type: str
    to_id: int
    importance: int | None = Field(default=None, ge=0, le=3)


class TracePublic(BaseModel):
    upstream: dict[str, list[LinkedPublic]]
    downstream: dict[str, list[LinkedPublic]]
    backing: list[LinkedPublic]


class HitPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    type: str
    label: str
    id: int
    title: str


class AttentionPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    side: str
    message: str
    href: str


class OverviewPublic(BaseModel):
    counts: dict[str, int]
    roadmap: dict[str, list[str]]
    attention: list[AttentionPublic]


class ImportReport(BaseModel):
    created: int
    skipped: list[str]



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
