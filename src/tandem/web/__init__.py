"""The web face: server-rendered pages over the same services as the API and CLI."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Depends, FastAPI

from tandem import features
from tandem.guard import clean_parameters
from tandem.platform.feature import load
from tandem.runtime import Runtime
from tandem.web import auth, edit, errors, pages
from tandem.web.render import WebState, make_env


def install(app: FastAPI, runtime: Runtime, vendor_dir: Path | None) -> None:
    """Add the web routes, error pages and template state to `app`.

    Order matters: sign-in, then each feature's pages (fixed paths such as /w/{slug}/roadmap),
    then the generic record pages, whose /w/{slug}/{kind} would otherwise catch them.
    CSRF is checked before any route, by `tandem.web.csrf.CsrfProtect` (see the server).
    """
    app.state.web = WebState(runtime=runtime, env=make_env(), vendor_dir=vendor_dir)
    errors.install(app)
    routers: list[APIRouter] = [auth.router]
    routers += [load(f.web) for f in features.FEATURES if f.web is not None]
    routers += [edit.router, pages.router]
    for router in routers:
        app.include_router(router, dependencies=[Depends(clean_parameters)],
                           include_in_schema=False)
