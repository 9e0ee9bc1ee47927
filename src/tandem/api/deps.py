"""Request dependencies: the runtime, and the actor making the request.

An API request acts as the member who owns its Bearer token. The CLI's in-process client
marks its requests as the local administrator's (`LOCAL_ADMIN_KEY` in the ASGI scope); that
mark cannot arrive over the network, because only `tandem.cli.client` puts it there.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from tandem.accounts.service import token_for
from tandem.errors import Unauthorized
from tandem.paging import MAX_LIMIT
from tandem.platform.actor import Actor, LocalAdmin, Member
from tandem.runtime import Runtime
from tandem.schema import MAX_INT, MAX_SEARCH

# Query parameters every list shares, bounded like the columns they end up in.
Offset = Annotated[int, Query(ge=0, le=MAX_INT, description="Skip this many")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="At most this many")]
SearchTerm = Annotated[str, Query(max_length=MAX_SEARCH, description="Words to search for")]
ShortQuery = Annotated[str | None, Query(max_length=254)]

LOCAL_ADMIN_KEY = "tandem.local_admin"
RUNTIME_KEY = "tandem.runtime"  # set by the in-process client, which shares one app


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.scope.get(RUNTIME_KEY) or request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


bearer = HTTPBearer(auto_error=False, description="A personal API token (tdm_...)")


def local_admin(request: Request) -> LocalAdmin | None:
    """The local administrator, when the in-process client sent this request."""
    return LocalAdmin() if request.scope.get(LOCAL_ADMIN_KEY) is True else None


def get_actor(
    request: Request,
    runtime: RuntimeDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)] = None,
) -> Actor:
    admin = local_admin(request)
    if admin is not None:
        return admin
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("Send an API token as 'Authorization: Bearer <token>'.")
    with runtime.session(write=False) as session:
        token = token_for(session, credentials.credentials.strip())
        runtime.token_use.seen(token.id, token.last_used_at)
        return Member.of(token.user)


ActorDep = Annotated[Actor, Depends(get_actor)]
