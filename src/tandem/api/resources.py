"""The generic record routes: list, get, create, update, delete, as each kind chose."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, create_model

from tandem.api.deps import ActorDep, Limit, Offset, RuntimeDep, SearchTerm
from tandem.api.schemas import STALE_RESPONSES
from tandem.api.versions import IfMatch, set_etag
from tandem.crud import Resource
from tandem.paging import DEFAULT_LIMIT
from tandem.platform.feature import Routes
from tandem.registry import with_routes

RESERVED = {"q", "offset", "limit", "sort"}


def page_model(res: Resource[Any]) -> type[BaseModel]:
    model: type[BaseModel] = create_model(
        f"{res.public_schema.__name__}Page",
        items=(list[res.public_schema], ...),  # type: ignore[name-defined]
        total=(int, ...),
        offset=(int, ...),
        limit=(int, ...),
        next_offset=(int | None, None),
    )
    return model


def _register(router: APIRouter, res: Resource[Any], routes: Routes) -> None:
    public = res.public_schema
    page = page_model(res)
    tag = res.plural
    base = f"/workspaces/{{workspace}}/{res.name}"
    filter_names = ", ".join(sorted(res.filters)) or "none"
    sorts = (f" `sort` takes {', '.join(res.sorts)} (a leading - is largest first)."
             if res.sorts else "")

    @router.get(base, response_model=page, tags=[tag], name=f"list_{res.name}",
                summary=f"List {res.plural.lower()}",
                description=f"In their usual order.{sorts} Extra query parameters filter: "
                f"{filter_names}.")
    def list_items(
        workspace: str, request: Request, runtime: RuntimeDep, actor: ActorDep,
        q: SearchTerm | None = None,
        offset: Offset = 0,
        limit: Limit = DEFAULT_LIMIT,
        sort: Annotated[str | None, Query(max_length=40, description="Another order, "
                                          "where the kind has one")] = None,
    ) -> Any:
        filters = {k: v for k, v in request.query_params.items() if k not in RESERVED}
        with runtime.scope(actor, workspace) as scope:
            result = res.list(scope, q=q, filters=filters, offset=offset, limit=limit,
                              sort=sort)
            return page(items=[public.model_validate(o) for o in result.items],
                        total=result.total, offset=result.offset, limit=result.limit,
                        next_offset=result.next_offset)

    @router.get(base + "/{item_id}", response_model=public, tags=[tag],
                name=f"get_{res.name}", summary=f"Get one {res.label.lower()}",
                description="Its version is in the ETag header (and `row_version`).")
    def get_item(workspace: str, item_id: int, response: Response, runtime: RuntimeDep,
                 actor: ActorDep) -> Any:
        with runtime.scope(actor, workspace) as scope:
            obj = res.get(scope, item_id)
            set_etag(response, obj)
            return public.model_validate(obj)

    if routes is Routes.full:
        _register_writes(router, res)


def _register_writes(router: APIRouter, res: Resource[Any]) -> None:
    public = res.public_schema
    create_schema = res.create_schema
    update_schema = res.update_schema
    tag = res.plural
    base = f"/workspaces/{{workspace}}/{res.name}"

    @router.post(base, response_model=public, status_code=201, tags=[tag],
                 name=f"create_{res.name}", summary=f"Create {res.label.lower()}")
    def create_item(workspace: str, body: create_schema,  # type: ignore[valid-type]
                    response: Response, runtime: RuntimeDep, actor: ActorDep) -> Any:
        with runtime.scope(actor, workspace) as scope:
            obj = res.create(scope, body)
            set_etag(response, obj)
            return public.model_validate(obj)

    @router.patch(base + "/{item_id}", response_model=public, tags=[tag],
                  name=f"update_{res.name}", summary=f"Update {res.label.lower()}",
                  description="Changes only the fields sent. With If-Match, only if it is "
                  "still at that version (412 otherwise). The new version is in the ETag.",
                  responses=STALE_RESPONSES)
    def update_item(workspace: str, item_id: int, body: update_schema,  # type: ignore[valid-type]
                    response: Response, version: IfMatch, runtime: RuntimeDep,
                    actor: ActorDep) -> Any:
        with runtime.scope(actor, workspace) as scope:
            obj = res.update(scope, item_id, body, expected=version)
            scope.session.flush()  # the new version
            set_etag(response, obj)
            return public.model_validate(obj)

    @router.delete(base + "/{item_id}", status_code=204, tags=[tag],
                   name=f"delete_{res.name}", summary=f"Delete {res.label.lower()}",
                   description="With If-Match, only if it is still at that version (412 "
                   "otherwise).", responses=STALE_RESPONSES)
    def delete_item(workspace: str, item_id: int, version: IfMatch, runtime: RuntimeDep,
                    actor: ActorDep) -> Response:
        with runtime.scope(actor, workspace) as scope:
            res.delete(scope, item_id, expected=version)
        return Response(status_code=204)


_BUILT: dict[tuple[tuple[str, Routes, int], ...], APIRouter] = {}


def resource_router() -> APIRouter:
    """List and get for kinds with full or read-only routes; create, update and delete only
    for kinds with full routes (the others change through their feature's commands).

    Built once per set of kinds: analysing ~90 route signatures costs a tenth of a second,
    paid by every app made (each test makes one); the routes hold no runtime state."""
    kinds = with_routes(Routes.full, Routes.read)
    key = tuple((kind.name, kind.routes, id(kind.resource)) for kind in kinds)
    if key not in _BUILT:
        router = APIRouter()
        for kind in kinds:
            _register(router, kind.resource, kind.routes)
        _BUILT[key] = router
    return _BUILT[key]
