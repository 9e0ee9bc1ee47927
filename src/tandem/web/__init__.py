"""The web face: server-rendered pages over the same services as the API and CLI."""

from __future__ import annotations

from pathlib import Path

from fastapi import Depends, FastAPI

from tandem.runtime import Runtime
from tandem.web import auth, edit, errors, evidence, home, loop, members, pages, roadmap
from tandem.web.render import WebState, make_env
from tandem.web.security import check_csrf


def install(app: FastAPI, runtime: Runtime, vendor_dir: Path | None) -> None:
    """Add the web routes, error pages and template state to `app`.

    Order matters: fixed paths (search, export, import, new) before the generic
    /w/{slug}/{kind} ones. Every route checks CSRF on unsafe methods.
    """
    app.state.web = WebState(runtime=runtime, env=make_env(), vendor_dir=vendor_dir)
    errors.install(app)
    for module in (auth, home, members, roadmap, evidence, loop, edit, pages):
        app.include_router(module.router, dependencies=[Depends(check_csrf)],
                           include_in_schema=False)
