"""The roles pages: the RACI matrix as a heatmap with its findings and the preset (seen
through a lens: RACI, DACI or RAPID), the exports, and the workspace's activity catalog."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import PlainTextResponse, Response

from tandem.crud import content_version, require_content
from tandem.errors import Invalid, NotFound
from tandem.roles import lenses, presets, service
from tandem.roles.catalog import COLUMNS, Direction
from tandem.roles.export import matrix_csv, matrix_markdown, matrix_png
from tandem.roles.schemas import ActivityPublic, PresetBody
from tandem.scope import Scope
from tandem.web.actions import act
from tandem.web.context import FormDep, form_text, workspace, ws_url
from tandem.web.render import render
from tandem.web.versions import StaleForm, form_pairs, form_version

router = APIRouter()


def _lens(request: Request) -> lenses.Lens:
    raw = request.query_params.get("lens")
    try:
        return lenses.parse(raw)
    except ValueError:
        raise Invalid(f"There is no lens '{(raw or '')[:20]}': choose raci, daci or rapid.",
                      "lens") from None


@router.get("/w/{slug}/roles")
def roles_page(request: Request, slug: str) -> Response:
    with workspace(request, slug) as scope:
        lens = _lens(request)
        m = service.matrix(scope)
        columns: list[tuple[str, list[service.CatalogEntry]]] = []
        for activity in m.activities:
            if not columns or columns[-1][0] != activity.column:
                columns.append((activity.column, []))
            columns[-1][1].append(activity)
        return render(request, "roles/roles.html", {
            "current": "roles", "m": m, "columns": columns, "preset_labels": presets.LABELS,
            "flagged": {f.activity for f in m.findings if f.activity},
            "lens": lenses.SPECS[lens], "lenses": list(lenses.SPECS.values()),
            "role_names": {r.letter: r.name for r in lenses.SPECS[lens].roles},
            "cells": m.cells(lens), "lens_notes": m.lens_notes(lens),
            "preset_version": _preset_version(m.preset),
            "lens_query": "" if lens == lenses.Lens.raci else f"?lens={lens.value}"})


def _download(text: str, name: str, media: str) -> Response:
    return PlainTextResponse(text, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/w/{slug}/roles/matrix.csv")
def matrix_csv_file(request: Request, slug: str) -> Response:
    with workspace(request, slug) as scope:
        lens = _lens(request)
        return _download(matrix_csv(service.matrix(scope), lens), f"{lens}-{slug}.csv",
                         "text/csv")


@router.get("/w/{slug}/roles/matrix.png")
def matrix_png_file(request: Request, slug: str) -> Response:
    with workspace(request, slug) as scope:
        lens = _lens(request)
        data = matrix_png(service.matrix(scope), lens)
    return Response(data, media_type="image/png",
                    headers={"Content-Disposition": f'attachment; filename="{lens}-{slug}.png"'})


@router.get("/w/{slug}/roles/matrix.md")
def matrix_md_file(request: Request, slug: str) -> Response:
    with workspace(request, slug) as scope:
        lens = _lens(request)
        return _download(matrix_markdown(service.matrix(scope), lens), f"{lens}-{slug}.md",
                         "text/markdown")


def _act(request: Request, slug: str, back: str, done: str, action: Any,
         conflict: Callable[[Scope], StaleForm] | None = None) -> Response:
    """Run one command; `done` may name the command's result as {result}."""
    return act(request, slug, back, action, lambda result: done.format(result=result),
               conflict)


# The preset and each catalog entry are versioned by content, like their ETag in the API
# (`crud.content_version` of what GET shows): the forms carry that checksum as `_version`.


def _preset_version(preset: str) -> int:
    return content_version(PresetBody(preset=preset).model_dump())


def _entry_state(scope: Scope, name: str) -> dict[str, Any] | None:
    """An activity as the API shows it; None when no activity has that name (any more)."""
    try:
        return ActivityPublic(**vars(service.entry(scope, name))).model_dump()
    except NotFound:
        return None


@router.post("/w/{slug}/roles/preset")
def choose_preset(request: Request, slug: str, form: FormDep) -> Response:
    chosen = form_text(form, "preset")
    label = presets.LABELS.get(chosen, chosen)

    def run(scope: Scope) -> str:
        require_content(scope, lambda: PresetBody(preset=service.preset_of(scope)).model_dump(),
                        form_version(form), "roles preset")
        return service.set_preset(scope, chosen)

    def conflict(scope: Scope) -> StaleForm:
        now = service.preset_of(scope)
        return StaleForm("roles preset", "Preset by company stage", ws_url(slug, "roles"),
                         ws_url(slug, "roles", "preset"), _preset_version(now),
                         {"preset": label}, {"preset": presets.LABELS.get(now, now)},
                         {"preset": "This workspace follows"}, [("preset", chosen)],
                         checksum=True)

    return _act(request, slug, ws_url(slug, "roles"), f"This workspace now follows: {label}.",
                run, conflict)


@router.post("/w/{slug}/roles/preset/apply")
def apply_preset(request: Request, slug: str) -> Response:
    return _act(request, slug, ws_url(slug, "roles"),
                "Added {result} assignments from the preset; adapt them to your team.",
                service.apply_preset)


@router.post("/w/{slug}/roles/members")
def add_members(request: Request, slug: str) -> Response:
    return _act(request, slug, ws_url(slug, "people"), "Added people for the members.",
                service.add_members)


@router.get("/w/{slug}/roles/catalog")
def catalog_page(request: Request, slug: str) -> Response:
    with workspace(request, slug) as scope:
        entries = service.catalog(scope)
        return render(request, "roles/catalog.html", {
            "current": "roles", "entries": entries, "columns": COLUMNS,
            "directions": [d.value for d in Direction],
            "versions": {e.name: content_version(ActivityPublic(**vars(e)).model_dump())
                         for e in entries}})


@router.post("/w/{slug}/roles/catalog")
def add_activity(request: Request, slug: str, form: FormDep) -> Response:
    name = form_text(form, "name")[:200]
    return _act(request, slug, ws_url(slug, "roles", "catalog"), f"Added '{name}'.",
                lambda scope: service.add_activity(
                    scope, name, form_text(form, "column"), form_text(form, "direction"),
                    form_text(form, "description")[:2000]))


def _catalog_change(request: Request, slug: str, form: Any, done: str, what: str,
                    action: Callable[[Scope, str], object],
                    mine: dict[str, str], shown: Callable[[dict[str, Any]], dict[str, str]],
                    labels: dict[str, str]) -> Response:
    """Rename, hide or show one activity, unless it changed since the page was rendered."""
    name = form_text(form, "name")[:200]

    def run(scope: Scope) -> object:
        require_content(scope, lambda: _entry_state(scope, name), form_version(form),
                        "activity")
        return action(scope, name)

    def conflict(scope: Scope) -> StaleForm:
        now = _entry_state(scope, name)
        theirs = shown(now) if now else {n: "(no activity by this name now)" for n in mine}
        return StaleForm("activity", name, ws_url(slug, "roles", "catalog"),
                         ws_url(slug, "roles", "catalog", what), content_version(now),
                         mine, theirs, labels,
                         [(k, v) for k, v in form_pairs(form) if k in {"name", *mine}],
                         checksum=True)

    return _act(request, slug, ws_url(slug, "roles", "catalog"), done, run, conflict)


@router.post("/w/{slug}/roles/catalog/rename")
def rename_activity(request: Request, slug: str, form: FormDep) -> Response:
    new = form_text(form, "new_name")[:200]
    return _catalog_change(request, slug, form, f"Renamed to '{new}'.", "rename",
                           lambda scope, old: service.rename_activity(scope, old, new),
                           {"new_name": new}, lambda now: {"new_name": now["name"]},
                           {"new_name": "Name"})


@router.post("/w/{slug}/roles/catalog/hide")
def hide_activity(request: Request, slug: str, form: FormDep) -> Response:
    name, hidden = form_text(form, "name")[:200], form_text(form, "hidden") == "yes"
    word = "Hid" if hidden else "Showed"

    def state(is_hidden: bool) -> str:
        return "Hidden" if is_hidden else "Shown"

    return _catalog_change(request, slug, form, f"{word} '{name}'.", "hide",
                           lambda scope, old: service.hide_activity(scope, old, hidden),
                           {"hidden": state(hidden)},
                           lambda now: {"hidden": state(now["hidden"])},
                           {"hidden": "Hidden or shown"})
