"""The "what every side knows" panel on segment and persona pages."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import APIRouter

from tandem.market.profile import service
from tandem.market.sizing.calc import Unit, compact
from tandem.platform.feature import Panel
from tandem.scope import Scope

router = APIRouter()  # no pages of its own: the panel below, and its template folder


def known_panel(scope: Scope, kind: str, obj_id: int, params: Mapping[str, str]
                ) -> Panel | None:
    if kind == "segments":
        known = service.for_segment(scope, obj_id)
    elif kind == "personas":
        known = service.for_persona(scope, obj_id)
    else:
        return None
    # Panels share the page's context: everything under one key of our own.
    return Panel("market-profile/_known.html", {"known": {
        "data": known, "kind": kind, "obj_id": obj_id, "compact": compact,
        "money": Unit.money}}, wide=True)
