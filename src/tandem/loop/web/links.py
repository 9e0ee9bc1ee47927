"""The loop on a page: the trace panel, link/unlink forms and the quick "link to opportunity".

Every link goes through tandem.loop.links, so the web shows exactly the chain the API and CLI
see: evidence -> opportunities -> releases -> launches -> messages, plus evidence backing
messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from tandem import registry
from tandem.errors import Conflict, Invalid, NotFound
from tandem.loop import links
from tandem.loop.links import CHAIN, Linked, Trace
from tandem.platform.feature import ListColumn, Panel
from tandem.registry import RESOURCES, resource
from tandem.schema import MAX_ID, whole_number
from tandem.scope import Scope
from tandem.web.context import FormDep, form_text, redirect_with, workspace, ws_url
from tandem.web.forms import Option, ref_options
from tandem.web.render import render
from tandem.web.security import safe_next

router = APIRouter()

SHOWN = 6  # linked items shown per loop step before "show N more"


@dataclass
class Step:
    """One column of the loop strip: a kind, and what of it is linked to this object."""

    kind: str
    label: str
    items: list[Linked] = field(default_factory=list)
    here: bool = False
    direct: bool = False  # a hand-made link the user may remove
    more: list[Linked] = field(default_factory=list)  # beyond SHOWN, folded away
    all_href: str | None = None  # the full list page, when there is one


@dataclass
class LinkForm:
    """A form to link this object to one more object of `kind`."""

    kind: str
    label: str
    options: list[Option] = field(default_factory=list)
    searched: bool = False
    importance: bool = False
    all_linked: bool = False  # options exist, but every one is linked already


@dataclass
class LoopPanel:
    steps: list[Step]
    backing: list[Linked]
    backing_label: str
    backing_kind: str
    forms: list[LinkForm]
    empty: bool


def panel(scope: Scope, kind: str, obj_id: int) -> LoopPanel | None:
    """The loop strip for one object, or None for kinds outside the loop."""
    if kind not in CHAIN:
        return None
    found: Trace = links.trace(scope, kind, obj_id)
    manual = links.linkable(scope, kind, market=False)
    position = CHAIN.index(kind)
    steps = []
    weighted = kind in ("evidence", "opportunities")  # importance means something here
    for index, name in enumerate(CHAIN):
        items = found.upstream.get(name, []) + found.downstream.get(name, [])
        if weighted:
            items.sort(key=lambda it: -1 if it.importance is None else -it.importance)
        else:
            items = [Linked(it.type, it.id, it.title) for it in items]
        adjacent = abs(index - position) == 1
        step = Step(name, RESOURCES[name].plural, items[:SHOWN], here=name == kind,
                    direct=adjacent and name in manual, more=items[SHOWN:])
        if kind == "opportunities" and name == "evidence":
            step.all_href = f"/w/{scope.workspace.slug}/evidence?opportunity_id={obj_id}"
        steps.append(step)
    other = "messages" if kind == "evidence" else "evidence"
    taken = {(it.type, it.id) for step in steps if step.direct for it in step.items + step.more}
    taken |= {(it.type, it.id) for it in found.backing}
    forms = [_form(scope, kind, target, taken) for target in manual]
    return LoopPanel(
        steps=steps, backing=found.backing,
        backing_label="Backs these messages" if kind == "evidence" else "Backed by evidence",
        backing_kind=other if kind in ("evidence", "messages") else "",
        forms=forms,
        empty=not found.backing and not any(s.items for s in steps if not s.here),
    )


def _form(scope: Scope, kind: str, target: str, taken: set[tuple[str, int]]) -> LinkForm:
    res = RESOURCES[target]
    label = {("evidence", "opportunities"): "Supports opportunity",
             ("evidence", "messages"): "Backs message",
             ("opportunities", "evidence"): "Add evidence",
             ("opportunities", "releases"): "Add to release",
             ("releases", "opportunities"): "Addresses opportunity",
             ("messages", "evidence"): "Add backing evidence"}.get((kind, target), res.label)
    searched = registry.kind(target).view.searched  # too many for a <select>
    every = [] if searched else ref_options(scope, target)
    options = [o for o in every if (target, int(o.value)) not in taken]
    return LinkForm(target, label, options, all_linked=bool(every) and not options,
                    searched=searched,
                    importance={kind, target} == {"evidence", "opportunities"})


def loop_panel(scope: Scope, kind: str, obj_id: int, params: Mapping[str, str]
               ) -> Panel | None:
    """The loop strip as a detail-page panel; with ?find= it also lists evidence to link."""
    found_panel = panel(scope, kind, obj_id)
    if found_panel is None:
        return None
    find = (params.get("find") or "").strip()
    found: list[tuple[int, str]] = []
    if find and any(f.searched for f in found_panel.forms):
        hits = RESOURCES["evidence"].list(scope, q=find, limit=10)
        found = [(e.id, e.text) for e in hits.items]
    return Panel("loop/_loop.html", {"lp": found_panel, "find": find, "found": found})


def quick_column(scope: Scope, kind: str, ids: list[int]) -> ListColumn | None:
    """The "link to opportunity" control on list rows of a kind that declares one."""
    target = registry.kind(kind).view.quick_link
    if target is None:
        return None
    cells = quick_contexts(scope, ids)
    return ListColumn(RESOURCES[target].plural, "loop/_quick_cell.html", dict(cells))


def quick_contexts(scope: Scope, evidence_ids: list[int],
                   opportunities: list[Option] | None = None) -> dict[int, dict[str, Any]]:
    """The quick-link controls of many evidence rows, with one query for their links."""
    options = opportunities if opportunities is not None else ref_options(scope, "opportunities")
    found = links.linked(scope, "evidence", set(evidence_ids), "opportunities")
    return {ev_id: _quick(ev_id, found[ev_id], options, None) for ev_id in evidence_ids}


def quick_context(scope: Scope, evidence_id: int, opportunities: list[Option] | None = None,
                  error: str | None = None) -> dict[str, Any]:
    """What the quick-link control of one evidence row needs (the `q` of _quicklink.html)."""
    options = opportunities if opportunities is not None else ref_options(scope, "opportunities")
    linked = links.linked(scope, "evidence", {evidence_id}, "opportunities")[evidence_id]
    return _quick(evidence_id, linked, options, error)


def _quick(evidence_id: int, linked: list[Linked], options: list[Option],
           error: str | None) -> dict[str, Any]:
    taken = {str(o.id) for o in linked}
    return {"ev_id": evidence_id, "linked": linked, "error": error,
            "options": [o for o in options if o.value not in taken]}


def _int(raw: Any, name: str) -> int:
    text = raw.strip() if isinstance(raw, str) else ""
    number = whole_number(text.lstrip("#"), 1, MAX_ID)
    if number is None:
        raise Invalid(f"Pick one, or give its number (not '{text[:40]}').", name)
    return number


def _importance(raw: Any) -> int | None:
    text = raw.strip() if isinstance(raw, str) else ""
    return whole_number(text, 0, 3)


@router.post("/w/{slug}/evidence/{item_id:int}/quick-link")
def quick_link(request: Request, slug: str, item_id: int, form: FormDep) -> Response:
    """Link evidence to an opportunity from a list row; answers htmx with the updated row part."""
    is_htmx = bool(request.headers.get("hx-request"))
    back = safe_next(str(form.get("next") or ""), ws_url(slug, "evidence", item_id))
    error: str | None = None
    try:
        with workspace(request, slug) as scope:
            links.link(scope, "evidence", item_id, "opportunities",
                       _int(form.get("opportunity_id"), "opportunity_id"),
                       _importance(form.get("importance")))
    except (Invalid, Conflict) as exc:
        error = exc.message
    if is_htmx:
        with workspace(request, slug) as scope:
            return render(request, "loop/_quicklink.html", {
                "q": quick_context(scope, item_id, error=error), "back": back})
    if error:
        return redirect_with(request, back, error, "error")
    return redirect_with(request, back, "Linked.")


@router.post("/w/{slug}/{kind}/{item_id:int}/links")
def add_link(request: Request, slug: str, kind: str, item_id: int, form: FormDep) -> Response:
    resource(kind)
    target = str(form.get("kind") or "")
    back = safe_next(form_text(form, "next"), ws_url(slug, kind, item_id) + "#loop")
    try:
        with workspace(request, slug) as scope:
            other_id = _int(form.get("id"), "id")
            links.link(scope, kind, item_id, target, other_id, _importance(form.get("importance")))
            title = resource(target).title_of(resource(target).get(scope, other_id))
    except (Invalid, Conflict) as exc:
        return redirect_with(request, back, exc.message, "error")
    return redirect_with(request, back, f"Linked to {RESOURCES[target].label.lower()} "
                         f"'{_short(title)}'.")


@router.post("/w/{slug}/{kind}/{item_id:int}/links/remove")
def remove_link(request: Request, slug: str, kind: str, item_id: int,
                form: FormDep) -> Response:
    resource(kind)
    target = str(form.get("kind") or "")
    back = safe_next(form_text(form, "next"), ws_url(slug, kind, item_id) + "#loop")
    problem: str | None = None
    with workspace(request, slug) as scope:
        try:
            links.unlink(scope, kind, item_id, target, _int(form.get("id"), "id"))
        except (Invalid, NotFound) as exc:  # nothing was written when these are raised
            problem = exc.message
    if problem:
        return redirect_with(request, back, problem, "error")
    return redirect_with(request, back, "Link removed.")


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:59] + "…"
