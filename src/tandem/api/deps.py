"""Request dependencies: the runtime and the caller identified by a Bearer token."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request

from tandem.accounts.models import User
from tandem.accounts.service import user_for_token
from tandem.errors import Unauthorized
from tandem.runtime import Runtime


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def get_user(
    runtime: RuntimeDep,
    authorization: Annotated[str | None, Header(description="Bearer <API token>")] = None,
) -> User:
    if not authorization or not authorization.lower().startswith("bearer "):
        raise Unauthorized("Send an API token as 'Authorization: Bearer <token>'.")
    with runtime.session() as session:
        return user_for_token(session, authorization.split(" ", 1)[1].strip())


UserDep = Annotated[User, Depends(get_user)]
