"""The web face: server-rendered pages over the same services as the API and CLI."""

from __future__ import annotations

from pathlib import Path

from fastapi import Depends, FastAPI

from tandem import features
from tandem.platform.feature import load
from tandem.runtime import Runtime
from tandem.web import auth, edit, errors, evidence, home, loop, members, pages, roadmap
from tandem.web.render import WebState, make_env
from tandem.web.security import check_csrf


def install(app: FastAPI, runtime: Runtime, vendor_dir: Path | None) -> None:
    """Add the web routes, error pages and template state to `app`.

    Order matters: fixed paths (search, export, import, new, each feature's pages) before
    the generic /w/{slug}/{kind} ones. Every route checks CSRF on unsafe methods.
    """
    app.state.web = WebState(runtime=runtime, env=make_env(), vendor_dir=vendor_dir)
    errors.install(app)
    first = [load(f.web) for f in features.FEATURES if f.web and not f.web_last]
    last = [load(f.web) for f in features.FEATURES if f.web and f.web_last]
    own = [m.router for m in (auth, home, members, roadmap, evidence, loop, edit, pages)]
    for router in (*first, *own, *last):
        app.include_router(router, dependencies=[Depends(check_csrf)],
                           include_in_schema=False)
