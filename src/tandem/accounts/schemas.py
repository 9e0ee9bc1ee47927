"""Request and response shapes of the account routes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from tandem.accounts.models import ApiToken, Invitation, Role, User, Workspace
from tandem.accounts.passwords import MAX_LENGTH
from tandem.schema import Email, Name, ShortText, Strict

# Person and workspace names are 120 characters in their tables (items are 200).
AccountName = Annotated[Name, Field(max_length=120)]
Password = Annotated[str, Field(max_length=1024)]
NewPassword = Annotated[str, Field(max_length=MAX_LENGTH, description=(
    "10 to 256 characters, not only spaces, not one of the most common passwords."))]
LinkToken = Annotated[str, Field(max_length=128, description="The secret part of the link.")]


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


class MemberEmail(Strict):
    stored_in: ClassVar[type] = User
    email: Email


class MemberPublic(BaseModel):
    email: str
    name: str
    role: Role


class InvitationCreate(Strict):
    stored_in: ClassVar[type] = Invitation
    email: Email
    role: Role = Role.editor


class InvitationPublic(BaseModel):
    id: int
    email: str
    role: Role
    expires_at: datetime


class InvitationCreated(InvitationPublic):
    emailed: bool = Field(description="Whether the link was mailed to the person.")
    link: str | None = Field(description="When not mailed: the link to hand over, shown "
                             "only this once.")


class InvitationAccept(Strict):
    token: LinkToken
    password: Password = Field(description="For an email with no account yet, its new "
                               "password (10 to 256 characters, not a common one); for an "
                               "existing account, its current password.")
    name: Annotated[ShortText, Field(max_length=120)] = ""


class Joined(BaseModel):
    workspace: str
    email: str
    role: Role


class PasswordChange(Strict):
    current_password: Password
    new_password: NewPassword


class ResetRequest(Strict):
    stored_in: ClassVar[type] = User
    email: Email


class ResetFinish(Strict):
    token: LinkToken
    new_password: NewPassword


class ResetLink(BaseModel):
    link: str = Field(description="Hand it to the person; it works once.")
    expires_at: datetime


class Message(BaseModel):
    message: str
