"""Create, edit and delete for every resource, with forms generated from the create schema.

Validation happens twice on purpose: the schema checks each field (so errors sit next to it,
with the input kept), then the service checks what only the database knows (references,
duplicates). Either way the form comes back with a clear message instead of an error page.
An edit saves only the fields the person changed, and only on the version they saw (see
`web/versions.py`), so it never undoes someone else's change.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel
from starlette.responses import Response

from tandem.crud import Resource
from tandem.errors import Conflict, Invalid, Stale
from tandem.platform.policy import Action
from tandem.registry import editable
from tandem.web import kinds
from tandem.web.context import FormDep, redirect_with, workspace, ws_url
from tandem.web.forms import fields_for, initial_values, own_fields, submitted, validate
from tandem.web.render import render, shorten
from tandem.web.stale import stale_page
from tandem.web.versions import (
    Rendered,
    changed,
    clashes,
    form_version,
    merged,
    rendered_from,
    rows,
    shown,
    stale_removal,
)

router = APIRouter()


def _form_page(request: Request, slug: str, res: Resource[Any], values: dict[str, str],
               errors: dict[str, str], obj_id: int | None = None, problem: str | None = None,
               status: int = 200, rendered: Rendered | None = None) -> Response:
    with workspace(request, slug) as scope:
        scope.require(Action.update if obj_id is not None else Action.create, res)
        title = None
        if obj_id is not None:
            title = res.title_of(res.get(scope, obj_id))
        return render(request, "form.html", {
            "res": res, "kind": res.name, "current": res.name, "obj_id": obj_id,
            "title": title,
            "fields": fields_for(res.create_schema, scope, values, errors, res.ref_kinds),
            "problem": problem, "view": kinds.view(res.name), "rendered": rendered,
            "action": ws_url(slug, res.name, obj_id, "edit") if obj_id is not None
            else ws_url(slug, res.name),
            "cancel": ws_url(slug, res.name, obj_id) if obj_id is not None
            else ws_url(slug, res.name),
        }, status=status)


def _failed(request: Request, slug: str, res: Resource[Any], values: dict[str, str],
            exc: Invalid | Conflict, obj_id: int | None = None,
            rendered: Rendered | None = None) -> Response:
    """Back to the form with the service's message, next to its field when it names one."""
    errors = {exc.field: exc.message} if exc.field in res.create_schema.model_fields else {}
    problem = "Not saved: see the marked field." if errors else f"Not saved: {exc.message}"
    return _form_page(request, slug, res, values, errors, obj_id,
                      problem=problem, status=exc.status, rendered=rendered)


def fix_fields(errors: dict[str, str]) -> str:
    return ("Please fix the field marked below." if len(errors) == 1
            else "Please fix the fields marked below.")


@router.get("/w/{slug}/{kind}/new")
def new_form(request: Request, slug: str, kind: str) -> Response:
    res = editable(kind)
    values = initial_values(res.create_schema)
    for name in res.create_schema.model_fields:  # prefill from links like ?release_id=3
        if request.query_params.get(name):
            values[name] = request.query_params[name]
    return _form_page(request, slug, res, values, {})


@router.post("/w/{slug}/{kind}")
def create(request: Request, slug: str, kind: str, form: FormDep) -> Response:
    res = editable(kind)
    values = submitted(res.create_schema, form)
    body, errors = validate(res.create_schema, values)
    if body is None:
        return _form_page(request, slug, res, values, errors,
                          problem=fix_fields(errors), status=422)
    try:
        with workspace(request, slug) as scope:
            obj = res.create(scope, body)
            new_id, title = obj.id, res.title_of(obj)
    except (Invalid, Conflict) as exc:
        return _failed(request, slug, res, values, exc)
    return redirect_with(request, ws_url(slug, kind, new_id),
                         f"{res.label} '{shorten(title, 60)}' created.")


@router.get("/w/{slug}/{kind}/{item_id:int}/edit")
def edit_form(request: Request, slug: str, kind: str, item_id: int) -> Response:
    res = editable(kind)
    with workspace(request, slug) as scope:
        obj = res.get(scope, item_id)
        values = initial_values(res.create_schema, obj)
        rendered = Rendered(obj.row_version, dict(values))
    return _form_page(request, slug, res, values, {}, item_id, rendered=rendered)


@router.post("/w/{slug}/{kind}/{item_id:int}/edit")
def update(request: Request, slug: str, kind: str, item_id: int, form: FormDep) -> Response:
    res = editable(kind)
    values = submitted(res.create_schema, form)
    rendered = rendered_from(form)
    body, errors = validate(res.create_schema, values)
    if body is None:
        return _form_page(request, slug, res, values, errors, item_id,
                          problem=fix_fields(errors), status=422, rendered=rendered)
    own = own_fields(res.create_schema)  # edited on the feature's own form, never here
    sent = [name for name in changed(values, rendered.original) if name not in own]
    changes: BaseModel = res.update_schema.model_validate(body.model_dump(include=set(sent)))
    kept: list[str] = []
    clash: _Clash | None = None
    try:
        with workspace(request, slug) as scope:
            obj = res.get(scope, item_id, lock=True)
            expected = rendered.version
            if expected is not None and obj.row_version != expected:
                current = initial_values(res.create_schema, obj)
                if clashes(values, sent, rendered.original, current):
                    raise _Clash(obj.row_version, current)
                kept = [n for n in changed(current, rendered.original) if n not in sent]
                expected = obj.row_version  # nothing of theirs is overwritten: merge
            obj = res.update(scope, item_id, changes, expected=expected)
            title = res.title_of(obj)
    except _Clash as found:
        clash = found
    except Stale:  # changed in the instant between reading and writing: show both
        with workspace(request, slug) as scope:
            obj = res.get(scope, item_id)
            clash = _Clash(obj.row_version, initial_values(res.create_schema, obj))
    except (Invalid, Conflict) as exc:
        return _failed(request, slug, res, values, exc, item_id, rendered)
    if clash is not None:
        return _conflict_page(request, slug, res, item_id, values, sent, rendered, clash)
    message = f"Saved {res.label.lower()} '{shorten(title, 60)}'."
    if kept:
        labels = [str(res.create_schema.model_fields[n].title or n) for n in kept]
        message += (f" Someone else changed {', '.join(labels)} meanwhile; "
                    "that was kept.")
    return redirect_with(request, ws_url(slug, kind, item_id), message)


class _Clash(Exception):
    """The object moved on and someone else changed a field this person changed too."""

    def __init__(self, version: int, current: dict[str, str]) -> None:
        super().__init__("edit clash")
        self.version = version
        self.current = current


def _conflict_page(request: Request, slug: str, res: Resource[Any], item_id: int,
                   mine: dict[str, str], sent: list[str], rendered: Rendered,
                   clash: _Clash) -> Response:
    """Both versions side by side (409), nothing saved. "Save mine" posts the fields this
    person changed over the current version; "Keep theirs" goes back to the object."""
    with workspace(request, slug) as scope:
        specs = fields_for(res.create_schema, scope, mine, {}, res.ref_kinds)
        title = res.title_of(res.get(scope, item_id))
        lines = rows(specs, mine, sent, rendered.original, clash.current)
        return render(request, "conflict.html", {
            "res": res, "kind": res.name, "current": res.name, "obj_id": item_id,
            "title": title, "view": kinds.view(res.name), "rows": lines,
            "both": sum(1 for r in lines if r.who == "both"),
            "mine": merged(mine, sent, clash.current), "clash": clash,
            "rendered": Rendered(clash.version, clash.current),
            "action": ws_url(slug, res.name, item_id, "edit"),
            "cancel": ws_url(slug, res.name, item_id),
        }, status=409)


@router.get("/w/{slug}/{kind}/{item_id:int}/delete")
def confirm_delete(request: Request, slug: str, kind: str, item_id: int) -> Response:
    res = editable(kind)
    with workspace(request, slug) as scope:
        scope.require(Action.delete, res)
        obj = res.get(scope, item_id)
        return render(request, "delete.html", {
            "res": res, "kind": kind, "obj": obj, "current": kind,
            "title": res.title_of(obj), "view": kinds.view(kind),
        })


@router.post("/w/{slug}/{kind}/{item_id:int}/delete")
def delete(request: Request, slug: str, kind: str, item_id: int, form: FormDep) -> Response:
    """Delete as confirmed: the confirm page carries the version it showed, so a record
    someone changed since is not deleted unseen (409: it as saved now, "Remove anyway")."""
    res = editable(kind)
    seen = form_version(form)
    try:
        with workspace(request, slug) as scope:
            title = res.title_of(res.get(scope, item_id))
            res.delete(scope, item_id, expected=seen)
    except Stale:
        with workspace(request, slug) as scope:
            obj = res.get(scope, item_id)
            values = initial_values(res.create_schema, obj)
            specs = fields_for(res.create_schema, scope, values, {}, res.ref_kinds)
            now = {s.label: shown(s, values.get(s.name, "")) for s in specs
                   if values.get(s.name)}
            return stale_page(request, stale_removal(
                res.label.lower(), res.title_of(obj), ws_url(slug, kind, item_id),
                ws_url(slug, kind, item_id, "delete"), obj.row_version, seen, now))
    return redirect_with(request, ws_url(slug, kind),
                         f"Deleted {res.label.lower()} '{shorten(title, 60)}'.")
