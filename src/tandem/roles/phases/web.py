"""The lifecycle panel on a product's page: its phase, who drives and who navigates each
phase, and who new work goes to; and the forms that change them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from tandem.errors import TandemError
from tandem.platform.feature import Panel
from tandem.registry import RESOURCES
from tandem.roles.phases import service
from tandem.schema import MAX_ID, whole_number
from tandem.scope import Scope
from tandem.web.context import FormDep, form_text, redirect_with, workspace, ws_url

router = APIRouter()


def lifecycle_panel(scope: Scope, kind: str, obj_id: int, params: Any) -> Panel | None:
    if kind != "products":
        return None
    people = [(p.id, p.name) for p in RESOURCES["people"].all(scope)]
    return Panel("phases/_lifecycle.html", {"life": service.lifecycle(scope, obj_id),
                                            "phase_people": people,
                                            "phase_names": service.PHASES}, wide=True)


def _person(form: Any, name: str) -> int | None:
    """The chosen person's id; blank is nobody, anything else unknown reads as id 0 (which
    the service refuses, naming the field)."""
    raw = form_text(form, name).strip()
    return (whole_number(raw, 1, MAX_ID) or 0) if raw else None


def _act(request: Request, slug: str, product_id: int, done: str, action: Any) -> Response:
    back = ws_url(slug, "products", product_id) + "#lifecycle"
    try:
        with workspace(request, slug) as scope:
            text = action(scope)
    except TandemError as exc:
        if exc.status in (403, 404):
            raise
        return redirect_with(request, back, exc.message, "error")
    return redirect_with(request, back, text or done)


@router.post("/w/{slug}/products/{product_id}/lifecycle/phase")
def change_phase(request: Request, slug: str, product_id: int, form: FormDep) -> Response:
    phase = form_text(form, "phase")[:30]

    def run(scope: Scope) -> str:
        life, moved = service.set_phase(scope, product_id, phase)
        extra = f" {moved} open items went to the {phase} driver." if moved else ""
        return f"{life.product} is now in {phase}.{extra}"

    return _act(request, slug, product_id, "", run)


@router.post("/w/{slug}/products/{product_id}/lifecycle/owners")
def change_owners(request: Request, slug: str, product_id: int, form: FormDep) -> Response:
    phase = form_text(form, "phase")[:30]
    driver, navigator = _person(form, "driver_id"), _person(form, "navigator_id")
    return _act(request, slug, product_id, f"Saved who drives and navigates {phase}.",
                lambda scope: service.set_owners(scope, product_id, phase, driver,
                                                 navigator) and None)
