"""The API application, mounted at /api/v1 with its own OpenAPI document and docs page."""

from __future__ import annotations

from fastapi import Depends, FastAPI
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

# Swagger UI from the local npm package, started by our own script file (no inline script),
# so the page passes the same Content-Security-Policy as the rest of Tandem.
DOCS_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css">
<link rel="icon" href="/static/favicon.svg">
<title>Tandem API</title>
</head>
<body>
<div id="swagger-ui" data-openapi-url="/api/v1/openapi.json"></div>
<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/api-docs.js"></script>
</body>
</html>
"""


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
        return HTMLResponse(DOCS_PAGE)

    return api
