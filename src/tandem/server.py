"""The whole ASGI application: web pages, the JSON API at /api/v1 and static files.

Run it with `uvicorn tandem.server:app_from_env --factory`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from starlette.exceptions import HTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import FileResponse
from starlette.staticfiles import StaticFiles

from tandem import __version__
from tandem.api.app import create_api
from tandem.guard import BodyLimit, WriteIntent
from tandem.runtime import Runtime
from tandem.web import install as install_web
from tandem.web.csrf import CsrfProtect
from tandem.web.errors import csrf_refused
from tandem.web.middleware import SecurityHeaders, proxy_hosts

STATIC_DIR = Path(__file__).parent / "web" / "static"
# Browser scripts installed by npm (package.json) and served under /static/vendor/.
VENDOR_FILES = {"htmx.min.js": Path("htmx.org/dist/htmx.min.js"),
                "sortable.min.js": Path("sortablejs/Sortable.min.js")}
SWAGGER = Path("swagger-ui-dist")


def find_vendor_dir(explicit: Path | None = None) -> Path | None:
    """`explicit` (settings.vendor_dir) when given, else the nearest node_modules above us."""
    if explicit is not None:
        return explicit if explicit.is_dir() else None
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "node_modules"
        if candidate.is_dir():
            return candidate
    return None


def create_app(runtime: Runtime, vendor_dir: Path | None = None,
               worker: bool = False, listen_host: str | None = None) -> FastAPI:
    """Web pages, the API and static files over one runtime; with `worker`, also a
    background-job worker on a thread, from startup to shutdown. `listen_host` is the
    address the server listens on, when known (the demo sign-in depends on it)."""
    vendor = vendor_dir if vendor_dir is not None else find_vendor_dir(runtime.settings.vendor_dir)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        from tandem.platform.jobs.worker import Background, Worker

        background = Background.start(Worker.from_settings(runtime)) if worker else None
        try:
            yield
        finally:
            if background is not None:
                background.stop()

    app = FastAPI(title="Tandem", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url=None, lifespan=lifespan)
    app.state.runtime = runtime
    app.state.listen_host = listen_host
    # Listed innermost first. CSRF reads form bodies, so it sits inside the body limit.
    app.add_middleware(CsrfProtect, refuse=csrf_refused)
    app.add_middleware(GZipMiddleware, minimum_size=2048)  # list pages repeat a lot of markup
    app.add_middleware(SecurityHeaders)  # CSP on every page, Secure cookies over HTTPS
    app.add_middleware(WriteIntent)
    app.add_middleware(BodyLimit)  # 413 before anything reads the body
    hosts = proxy_hosts(runtime.settings)
    if hosts:  # outermost: the scheme and client address, before anything looks at them
        from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=hosts)

    @app.get("/static/vendor/{name}", include_in_schema=False)
    def vendor_script(name: str) -> FileResponse:
        known = VENDOR_FILES.get(name)
        path = vendor / known if vendor is not None and known is not None else None
        if path is None or not path.is_file():
            raise HTTPException(404, f"{name} is not installed: run `npm install`.")
        return FileResponse(path, media_type="text/javascript",
                            headers={"Cache-Control": "public, max-age=86400"})

    swagger = vendor / SWAGGER if vendor is not None else None
    if swagger is not None and swagger.is_dir():
        app.mount("/static/vendor/swagger-ui", StaticFiles(directory=swagger), name="swagger")
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.mount("/api/v1", create_api(runtime), name="api")
    install_web(app, runtime, vendor)
    return app


def app_from_env() -> FastAPI:
    """Factory for uvicorn: settings from TANDEM_* environment variables."""
    runtime = Runtime.from_env()
    return create_app(runtime, worker=runtime.settings.worker_in_process)
