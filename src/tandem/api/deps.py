"""Request dependencies: the runtime and the caller identified by a Bearer token."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from tandem.accounts.models import User
from tandem.accounts.service import user_for_token
from tandem.errors import Unauthorized
from tandem.runtime import Runtime


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


bearer = HTTPBearer(auto_error=False, description="A personal API token (tdm_...)")


def get_user(
    runtime: RuntimeDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)] = None,
) -> User:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("Send an API token as 'Authorization: Bearer <token>'.")
    with runtime.session() as session:
        return user_for_token(session, credentials.credentials.strip())


UserDep = Annotated[User, Depends(get_user)]
