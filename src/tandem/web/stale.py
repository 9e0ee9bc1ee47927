"""The conflict page of a feature form refused as stale (see `tandem.web.versions`).

A feature's save handler reads `_version` with `form_version`, calls
`crud.require_version` inside the save's transaction (so nothing is written when stale),
and on `Stale` answers with `stale_page`: 409, both versions side by side, "Save mine"
re-posting what was typed against the version saved now, "Keep theirs" going back.
"""

from __future__ import annotations

from fastapi import Request
from starlette.responses import Response

from tandem.web.render import render
from tandem.web.versions import StaleForm


def stale_page(request: Request, found: StaleForm) -> Response:
    lines = found.rows()
    return render(request, "stale.html", {
        "found": found, "rows": lines, "both": sum(1 for r in lines if r.who),
    }, status=409)
