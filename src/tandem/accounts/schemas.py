"""Request and response shapes of the account routes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from tandem.accounts.models import ApiToken, Role, User, Workspace
from tandem.schema import Email, Name, ShortText, Strict

# Person and workspace names are 120 characters in their tables (items are 200).
AccountName = Annotated[Name, Field(max_length=120)]
Password = Annotated[str, Field(max_length=1024)]


class TokenRequest(Strict):
    stored_in: ClassVar[type] = ApiToken
    email: Email
    password: Password | None = Field(default=None,
                                      description="Required, except for the local administrator.")
    name: Annotated[ShortText, Field(max_length=120)] = "api"


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
    stored_in: ClassVar[type] = Workspace
    name: AccountName
    slug: Annotated[ShortText, Field(max_length=64)] | None = None
    owner: Email | None = Field(default=None,
                                description="Local administrator only: the owner's email.")


class WorkspacePublic(BaseModel):
    id: int
    slug: str
    name: str
    role: Role


class MemberAdd(Strict):
    stored_in: ClassVar[type] = User
    email: Email
    role: Role = Role.editor
    password: Password | None = Field(default=None, description="Creates the account if the "
                                      "email has none; pass it on to the person.")
    name: Annotated[ShortText, Field(max_length=120)] = ""


class MemberPublic(BaseModel):
    email: str
    name: str
    role: Role
