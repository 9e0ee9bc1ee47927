"""The lifecycle panel on a product's page: its phase, who drives and who navigates each
phase, and who new work goes to; and the forms that change them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from tandem.crud import content_version, require_content
from tandem.errors import Stale, TandemError
from tandem.platform.feature import Panel
from tandem.registry import RESOURCES
from tandem.roles.phases import service
from tandem.schema import MAX_ID, whole_number
from tandem.scope import Scope
from tandem.web.context import FormDep, form_text, redirect_with, workspace, ws_url
from tandem.web.stale import stale_page
from tandem.web.versions import StaleForm, form_version

router = APIRouter()


def lifecycle_panel(scope: Scope, kind: str, obj_id: int, params: Any) -> Panel | None:
    if kind != "products":
        return None
    people = [(p.id, p.name) for p in RESOURCES["people"].all(scope)]
    life = service.lifecycle(scope, obj_id)
    return Panel("phases/_lifecycle.html", {"life": life, "life_version": _version(life),
                                            "phase_people": people,
                                            "phase_names": service.PHASES}, wide=True)


def _version(life: service.Lifecycle) -> int:
    """The lifecycle's forms carry the checksum the API uses as its ETag (one for the
    phase and every phase's owners)."""
    return content_version(asdict(life))


def _person(form: Any, name: str) -> int | None:
    """The chosen person's id; blank is nobody, anything else unknown reads as id 0 (which
    the service refuses, naming the field)."""
    raw = form_text(form, name).strip()
    return (whole_number(raw, 1, MAX_ID) or 0) if raw else None


def _act(request: Request, slug: str, product_id: int, form: Any, done: str, action: Any,
         conflict: Callable[[Scope, service.Lifecycle], StaleForm]) -> Response:
    """Run `action` unless the lifecycle changed since the form was rendered (then nothing
    is written and the conflict page shows both, 409)."""
    back = ws_url(slug, "products", product_id) + "#lifecycle"
    try:
        with workspace(request, slug) as scope:
            require_content(scope, lambda: asdict(service.lifecycle(scope, product_id)),
                            form_version(form), "product's lifecycle")
            text = action(scope)
    except Stale:
        with workspace(request, slug) as scope:
            return stale_page(request, conflict(scope, service.lifecycle(scope, product_id)))
    except TandemError as exc:
        if exc.status in (403, 404):
            raise
        return redirect_with(request, back, exc.message, "error")
    return redirect_with(request, back, text or done)


def _stale(slug: str, life: service.Lifecycle, what: str, mine: dict[str, str],
           theirs: dict[str, str], labels: dict[str, str],
           repost: list[tuple[str, str]]) -> StaleForm:
    return StaleForm("product's lifecycle", life.product,
                     ws_url(slug, "products", life.product_id) + "#lifecycle",
                     ws_url(slug, "products", life.product_id, "lifecycle", what),
                     _version(life), mine, theirs, labels, repost, checksum=True)


@router.post("/w/{slug}/products/{product_id}/lifecycle/phase")
def change_phase(request: Request, slug: str, product_id: int, form: FormDep) -> Response:
    phase = form_text(form, "phase")[:30]

    def run(scope: Scope) -> str:
        life, moved = service.set_phase(scope, product_id, phase)
        extra = f" {moved} open items went to the {phase} driver." if moved else ""
        return f"{life.product} is now in {phase}.{extra}"

    def conflict(scope: Scope, life: service.Lifecycle) -> StaleForm:
        return _stale(slug, life, "phase", {"phase": phase}, {"phase": life.phase or ""},
                      {"phase": "Phase"}, [("phase", phase)])

    return _act(request, slug, product_id, form, "", run, conflict)


@router.post("/w/{slug}/products/{product_id}/lifecycle/owners")
def change_owners(request: Request, slug: str, product_id: int, form: FormDep) -> Response:
    phase = form_text(form, "phase")[:30]
    driver, navigator = _person(form, "driver_id"), _person(form, "navigator_id")

    def conflict(scope: Scope, life: service.Lifecycle) -> StaleForm:
        row = next((r for r in life.phases if r.phase == phase), None)
        names = {p.id: p.name for p in RESOURCES["people"].all(scope)}
        mine = {"driver": names.get(driver or 0, ""), "navigator": names.get(navigator or 0, "")}
        theirs = {"driver": row.driver if row else "", "navigator": row.navigator if row else ""}
        return _stale(slug, life, "owners", mine, theirs,
                      {"driver": f"Driver in {phase}", "navigator": f"Navigator in {phase}"},
                      [("phase", phase), ("driver_id", form_text(form, "driver_id")),
                       ("navigator_id", form_text(form, "navigator_id"))])

    return _act(request, slug, product_id, form, f"Saved who drives and navigates {phase}.",
                lambda scope: service.set_owners(scope, product_id, phase, driver,
                                                 navigator) and None, conflict)
