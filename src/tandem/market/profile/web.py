"""Segment and persona pages: their structured profile (a segment's criteria and size, a
persona's goals, pains, jobs to be done, objections, channels and buying roles) with its own
form, and the "what every side knows" panel with links made by hand."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from pydantic import ValidationError
from starlette.datastructures import FormData
from starlette.responses import Response

from tandem.errors import Conflict, Invalid, Stale
from tandem.loop import links
from tandem.market import criteria as rules
from tandem.market.persona import (
    MAX_JOBS,
    BuyingRole,
    PersonaType,
    job_sentence,
    personas,
)
from tandem.market.profile import service
from tandem.market.segment import segments
from tandem.market.sizing.calc import Unit, compact
from tandem.platform.feature import Panel
from tandem.platform.policy import Action
from tandem.registry import RESOURCES
from tandem.schema import friendly_error
from tandem.scope import Scope
from tandem.web.context import FormDep, form_text, redirect_with, workspace, ws_url
from tandem.web.forms import ref_options
from tandem.web.render import humanize, render
from tandem.web.stale import stale_page
from tandem.web.versions import StaleForm, form_pairs, form_version

router = APIRouter()
BLANK_ROWS = 3  # empty rows offered under the filled ones
LIST_FIELDS = ("goals", "pains", "objections", "channels")
LINK_TARGETS = ("evidence", "opportunities", "messages", "launches", "campaigns")


def _link_forms(scope: Scope) -> list[dict[str, Any]]:
    """One small form per kind a segment or persona links to; evidence by number (there are
    too many to list), the others picked from a list."""
    forms = []
    for target in LINK_TARGETS:
        res = RESOURCES[target]
        options = [] if target == "evidence" else ref_options(scope, target)
        forms.append({"kind": target, "label": res.label, "options": options})
    return forms


def profile_panel(scope: Scope, kind: str, obj_id: int, params: Mapping[str, str]
                  ) -> Panel | None:
    """Beside the details: a segment's criteria and size, or a persona's profile."""
    if kind == "segments":
        segment = segments.get(scope, obj_id)
        found = rules.check(segment.criteria or [])
        return Panel("market-profile/_segment_card.html", {"seg": {
            "segment": segment, "criteria": [c.describe() for c in found],
            "can_edit": scope.can(Action.update, segments)}})
    if kind == "personas":
        persona = personas.get(scope, obj_id)
        return Panel("market-profile/_persona_card.html", {"pc": {
            "persona": persona, "jobs": [job_sentence(j) for j in persona.jobs or []],
            "roles": [humanize(r) for r in persona.buying_roles or []],
            "can_edit": scope.can(Action.update, personas)}})
    return None


def linked_panel(scope: Scope, kind: str, obj_id: int, params: Mapping[str, str]
                 ) -> Panel | None:
    """On evidence, opportunity, message, launch and campaign pages: the segments and
    personas linked
    to it by hand (shown only when there are some)."""
    if kind not in LINK_TARGETS:
        return None
    found = {market: links.linked(scope, kind, {obj_id}, market)[obj_id]
             for market in ("segments", "personas")}
    if not any(found.values()):
        return None
    return Panel("market-profile/_linked.html", {"market_links": found})


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
        "money": Unit.money, "shown": service.SHOWN,
        "link_forms": _link_forms(scope) if scope.can(Action.link) else [],
        "labels": {k: RESOURCES[k].plural for k in LINK_TARGETS}}}, wide=True)


# --- a segment's criteria and size ------------------------------------------------------


def _criteria_rows(form: FormData) -> list[dict[str, str]]:
    rows = []
    for index in range(rules.MAX_ROWS):
        row = {part: form_text(form, f"c{index}_{part}").strip()
               for part in ("field", "op", "value")}
        if row["value"] or (row["field"] and row["op"]):
            rows.append(row)
    return rows


def _criteria_page(request: Request, slug: str, segment_id: int, values: dict[str, Any],
                   errors: dict[str, str], status: int = 200) -> Response:
    with workspace(request, slug) as scope:
        scope.require(Action.update, segments)
        segment = segments.get(scope, segment_id)
        rows = list(values["criteria"])
        rows += [{"field": "", "op": "", "value": ""}] * min(
            BLANK_ROWS, rules.MAX_ROWS - len(rows))
        return render(request, "market-profile/criteria.html", {
            "current": "segments", "segment": segment, "rows": rows, "values": values,
            "errors": errors, "fields": [(f.value, rules.FIELD_LABELS[f])
                                         for f in rules.CriterionField],
            "ops": [(o.value, rules.OP_LABELS[o]) for o in rules.Operator],
            "numeric": sorted(f.value for f in rules.NUMERIC),
            "preview": service.companies_of(scope, segment) if not errors else None,
        }, status=status)


@router.get("/w/{slug}/segments/{segment_id:int}/criteria")
def criteria_form(request: Request, slug: str, segment_id: int) -> Response:
    with workspace(request, slug) as scope:
        segment = segments.get(scope, segment_id)
        values = {"criteria": list(segment.criteria or []),
                  "market_size": "" if segment.market_size is None else str(segment.market_size),
                  "market_size_source": segment.market_size_source}
    return _criteria_page(request, slug, segment_id, values, {})


def _error_key(loc: tuple[Any, ...] | list[Any], prefix: str) -> str:
    """A validation error's place as the form names it: criteria.2.value -> c2_value."""
    parts = [str(p) for p in loc]
    if len(parts) >= 3 and parts[1].isdigit():
        return f"{prefix}{parts[1]}_{parts[2]}"
    return parts[0] if parts else "__all__"


@router.post("/w/{slug}/segments/{segment_id:int}/criteria")
def save_criteria(request: Request, slug: str, segment_id: int, form: FormDep) -> Response:
    values: dict[str, Any] = {"criteria": _criteria_rows(form),
                              "market_size": form_text(form, "market_size").strip(),
                              "market_size_source": form_text(form, "market_size_source"),
                              "_version": form_text(form, "_version")}
    errors: dict[str, str] = {}
    try:
        body = segments.update_schema.model_validate({
            "criteria": values["criteria"],
            "market_size": values["market_size"].replace(",", "") or None,
            "market_size_source": values["market_size_source"]})
        with workspace(request, slug) as scope:
            segments.update(scope, segment_id, body, expected=form_version(form))
    except Stale:
        with workspace(request, slug) as scope:
            segment = segments.get(scope, segment_id)
            back = ws_url(slug, "segments", segment_id)
            return stale_page(request, StaleForm(
                "segment", segment.name, back, back + "/criteria", segment.row_version,
                _criteria_shown(values), _criteria_shown({
                    "criteria": list(segment.criteria or []),
                    "market_size": "" if segment.market_size is None
                    else str(segment.market_size),
                    "market_size_source": segment.market_size_source}),
                CRITERIA_LABELS, form_pairs(form)))
    except ValidationError as exc:
        for err in exc.errors():
            key = _error_key(err["loc"], "c")
            errors.setdefault(key, friendly_error(err, humanize(str(err["loc"][-1]))))
    except (Invalid, Conflict) as exc:
        field = exc.field or "__all__"
        if field.startswith("criteria["):  # criteria[2].value -> c2_value
            index, _, part = field[len("criteria["):].partition("].")
            field = f"c{index}_{part}"
        errors[field] = exc.message
    if errors:
        return _criteria_page(request, slug, segment_id, values, errors, status=422)
    return redirect_with(request, ws_url(slug, "segments", segment_id),
                         "Saved the segment's criteria and size.")


CRITERIA_LABELS = {"criteria": "Criteria", "market_size": "Market size",
                   "market_size_source": "Source of the size"}


def _criteria_shown(values: Mapping[str, Any]) -> dict[str, str]:
    return {"criteria": "\n".join(f"{r.get('field', '')} {r.get('op', '')} {r.get('value', '')}"
                                  for r in values["criteria"]),
            "market_size": str(values["market_size"] or ""),
            "market_size_source": str(values["market_size_source"] or "")}


# --- a persona's profile ----------------------------------------------------------------


def _jobs(form: FormData) -> list[dict[str, str]]:
    rows = []
    for index in range(MAX_JOBS):
        row = {part: form_text(form, f"j{index}_{part}").strip()
               for part in ("when", "want", "so_that")}
        if any(row.values()):
            rows.append(row)
    return rows


def _persona_page(request: Request, slug: str, persona_id: int, values: dict[str, Any],
                  errors: dict[str, str], status: int = 200) -> Response:
    with workspace(request, slug) as scope:
        scope.require(Action.update, personas)
        persona = personas.get(scope, persona_id)
        jobs = list(values["jobs"])
        jobs += [{"when": "", "want": "", "so_that": ""}] * min(2, MAX_JOBS - len(jobs))
        return render(request, "market-profile/persona_form.html", {
            "current": "personas", "persona": persona, "values": values, "jobs": jobs,
            "errors": errors, "types": [(t.value, humanize(t.value)) for t in PersonaType],
            "roles": [(r.value, humanize(r.value)) for r in BuyingRole],
            "list_fields": [(name, personas.create_schema.model_fields[name])
                            for name in LIST_FIELDS],
        }, status=status)


def _profile_of(persona: Any) -> dict[str, Any]:
    values: dict[str, Any] = {name: "\n".join(getattr(persona, name) or [])
                              for name in LIST_FIELDS}
    values.update(type=persona.type, jobs=list(persona.jobs or []),
                  buying_roles=list(persona.buying_roles or []))
    return values


def _profile_shown(values: Mapping[str, Any]) -> dict[str, str]:
    shown = {name: str(values[name] or "") for name in ("type", *LIST_FIELDS)}
    shown["jobs"] = "\n".join(f"When {j.get('when', '')}, I want to {j.get('want', '')}, so "
                              f"I can {j.get('so_that', '')}" for j in values["jobs"])
    shown["buying_roles"] = ", ".join(str(r) for r in values["buying_roles"])
    return shown


@router.get("/w/{slug}/personas/{persona_id:int}/profile")
def persona_form(request: Request, slug: str, persona_id: int) -> Response:
    with workspace(request, slug) as scope:
        persona = personas.get(scope, persona_id)
        values = _profile_of(persona)
    return _persona_page(request, slug, persona_id, values, {})


@router.post("/w/{slug}/personas/{persona_id:int}/profile")
def save_persona(request: Request, slug: str, persona_id: int, form: FormDep) -> Response:
    values: dict[str, Any] = {name: form_text(form, name) for name in LIST_FIELDS}
    values.update(type=form_text(form, "type"), jobs=_jobs(form),
                  buying_roles=[str(r) for r in form.getlist("buying_roles")],
                  _version=form_text(form, "_version"))
    errors: dict[str, str] = {}
    try:
        body = personas.update_schema.model_validate(
            {k: v for k, v in values.items() if k != "_version"})
        with workspace(request, slug) as scope:
            personas.update(scope, persona_id, body, expected=form_version(form))
    except Stale:
        with workspace(request, slug) as scope:
            persona = personas.get(scope, persona_id)
            back = ws_url(slug, "personas", persona_id)
            return stale_page(request, StaleForm(
                "persona", persona.name, back, back + "/profile", persona.row_version,
                _profile_shown(values), _profile_shown(_profile_of(persona)),
                {"type": "Type", **{n: humanize(n) for n in LIST_FIELDS}, "jobs": "Jobs",
                 "buying_roles": "Buying roles"}, form_pairs(form)))
    except ValidationError as exc:
        for err in exc.errors():
            loc = err["loc"]
            key = _error_key(loc, "j") if loc and loc[0] == "jobs" else str(loc[0])
            label = humanize(str(loc[0]))
            if len(loc) >= 2 and str(loc[1]).isdigit():
                label = f"{label}, item {int(loc[1]) + 1}"
            if loc[0] == "jobs" and len(loc) >= 3:
                part = {"when": "When", "want": "I want to", "so_that": "So I can"}
                label = f"Job {int(loc[1]) + 1}, “{part.get(str(loc[2]), loc[2])}”"
            errors.setdefault(key, friendly_error(err, label))
    except (Invalid, Conflict) as exc:
        errors[exc.field or "__all__"] = exc.message
    if errors:
        return _persona_page(request, slug, persona_id, values, errors, status=422)
    return redirect_with(request, ws_url(slug, "personas", persona_id), "Saved the profile.")
