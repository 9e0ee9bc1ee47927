"""The API application, mounted at /api/v1 with its own OpenAPI document and docs page."""

from __future__ import annotations

from fastapi import Depends, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

from tandem import __version__, features
from tandem.api import errors
from tandem.api.resources import resource_router
from tandem.api.schemas import ERROR_RESPONSES
from tandem.guard import BodyLimit, WriteIntent, clean_parameters
from tandem.platform.feature import load
from tandem.runtime import Runtime

DESCRIPTION = """Tandem's REST API. Authenticate with a personal API token:
`Authorization: Bearer <token>` (create one with `POST /tokens`, in the web UI under
Account, or with `tandem token create`). Every error has the shape
`{"error": {"code", "message", "field"}}`. Lists take `offset` and `limit` (at most 200)."""


def create_api(runtime: Runtime) -> FastAPI:
    api = FastAPI(title="Tandem API", version=__version__, description=DESCRIPTION,
                  openapi_url="/openapi.json", docs_url=None, redoc_url=None,
                  dependencies=[Depends(clean_parameters)])
    api.state.runtime = runtime
    errors.install(api)
    api.add_middleware(WriteIntent)
    api.add_middleware(BodyLimit, json_errors=True)  # outermost: before parsing and auth
    # Each feature's own routes first: fixed paths such as /workspaces/{w}/evidence/import
    # must win over the generic /workspaces/{w}/{kind}/{id} record routes.
    for feature in features.FEATURES:
        if feature.api is not None:
            api.include_router(load(feature.api), responses=ERROR_RESPONSES)
    api.include_router(resource_router(), responses=ERROR_RESPONSES)

    @api.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/api/v1/openapi.json", title="Tandem API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
            swagger_ui_parameters={"validatorUrl": None})  # no calls to outside hosts

    return api
