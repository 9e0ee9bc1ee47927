"""Request and response shapes of the account routes."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from tandem.accounts.models import Role
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
