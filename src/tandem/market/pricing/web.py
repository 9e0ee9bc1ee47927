"""Pricing research pages: the surveys, the upload with column mapping, one survey's chart.

An upload whose columns cannot all be found comes back with a picker per field, listing the
file's columns; the file's text rides along in the form so nothing has to be chosen again.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request
from pydantic import ValidationError
from starlette.datastructures import FormData, UploadFile
from starlette.responses import Response

from tandem.crud import require_version
from tandem.errors import Invalid, Stale
from tandem.market.pricing import calc, service
from tandem.market.pricing.charts import FORMATS
from tandem.market.pricing.schemas import MAX_CSV, SurveyCreate, SurveyUpdate
from tandem.market.pricing.survey import FIELDS, METHOD_LABELS, Method, header_of
from tandem.market.product import products
from tandem.market.segment import segments
from tandem.platform.policy import Action
from tandem.schema import friendly_error
from tandem.scope import Scope
from tandem.web.actions import act
from tandem.web.context import FormDep, form_text, redirect_with, workspace, ws_url
from tandem.web.render import plural, render
from tandem.web.stale import stale_page
from tandem.web.versions import StaleForm, form_version, stale_removal

router = APIRouter()
SHOWN_PROBLEMS = 200
POINT_NAMES = {
    "opp": "Optimal price point (OPP)", "ipp": "Indifference price point (IPP)",
    "pmc": "Marginal cheapness (PMC)", "pme": "Marginal expensiveness (PME)",
    "pmc_original": "PMC, original 1976", "pme_original": "PME, original 1976",
}
BLANK: dict[str, Any] = {"name": "", "method": Method.van_westendorp.value, "currency": "",
                         "csv_text": "", "source_name": "", "mapping": {}, "segment_id": "",
                         "product_id": ""}
EXAMPLES = {
    Method.van_westendorp: "too_cheap,cheap,expensive,too_expensive\n5,8,14,20\n3,6,10,15\n",
    Method.gabor_granger: "price,share\n10,0.62\n15,0.48\n20,0.31\n",
}


def _method(raw: str) -> Method:
    try:
        return Method(raw)
    except ValueError:
        raise Invalid("Choose Van Westendorp or Gabor-Granger.", "method") from None


def _ref(raw: str) -> int | None:
    return int(raw) if raw.isdigit() and len(raw) < 19 else None


def _mapping_from(form: FormData, method: Method) -> dict[str, str]:
    return {name: form_text(form, f"map_{name}") for name in FIELDS[method]
            if form_text(form, f"map_{name}")}


def _list_page(request: Request, slug: str, values: dict[str, Any] | None = None,
               error: str | None = None, header: list[str] | None = None,
               status: int = 200) -> Response:
    with workspace(request, slug) as scope:
        surveys = service.list_surveys(scope)
        return render(request, "pricing/surveys.html", {
            "current": "pricing", "surveys": surveys, "labels": METHOD_LABELS,
            "segments": segments.all(scope), "products": products.all(scope),
            "fields": FIELDS, "methods": list(Method), "examples": EXAMPLES,
            "values": {**BLANK, **(values or {})}, "error": error, "header": header,
            "can_import": scope.can(Action.import_data),
        }, status=status)


@router.get("/w/{slug}/pricing")
def surveys_page(request: Request, slug: str) -> Response:
    return _list_page(request, slug)


def _uploaded(form: FormData) -> tuple[str, str]:
    """The CSV text and file name: a fresh upload, or the text carried by a mapping form."""
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        data = upload.file.read(MAX_CSV + 1)
        if len(data) > MAX_CSV:
            raise Invalid(f"The file is larger than {MAX_CSV // (1024 * 1024)} MB.", "file")
        try:
            return data.decode("utf-8-sig"), upload.filename[:200]
        except UnicodeDecodeError:
            raise Invalid(f"{upload.filename} is not UTF-8 text: save it as 'CSV UTF-8'.",
                          "file") from None
    carried = form_text(form, "csv_text")
    if carried:
        return carried, form_text(form, "source_name")[:200]
    raise Invalid("Choose a CSV file to upload.", "file")


@router.post("/w/{slug}/pricing")
def upload(request: Request, slug: str, form: FormDep) -> Response:
    values: dict[str, Any] = {k: form_text(form, k) for k in
                              ("name", "method", "currency", "segment_id", "product_id")}
    header: list[str] | None = None
    try:
        method = _method(values["method"])
        text, source = _uploaded(form)
        values.update(csv_text=text, source_name=source,
                      mapping=_mapping_from(form, method))
        header = header_of(text)
        body = SurveyCreate(name=values["name"] or source or "Survey", method=method, csv=text,
                            mapping=values["mapping"], source_name=source,
                            currency=values["currency"],
                            segment_id=_ref(values["segment_id"]),
                            product_id=_ref(values["product_id"]))
        with workspace(request, slug) as scope:
            survey = service.create_survey(scope, body)
            survey_id, dropped = survey.id, survey.dropped
    except ValidationError as exc:
        first = exc.errors()[0]
        return _list_page(request, slug, values, friendly_error(first, str(first["loc"][0])),
                          header, 422)
    except Invalid as exc:
        return _list_page(request, slug, values, exc.message, header, 422)
    note = f" {plural(dropped, 'row')} left out: see below." if dropped else ""
    return redirect_with(request, ws_url(slug, "pricing", survey_id),
                         f"Survey imported.{note}")


@router.get("/w/{slug}/pricing/{survey_id:int}")
def survey_page(request: Request, slug: str, survey_id: int) -> Response:
    with workspace(request, slug) as scope:
        survey = service.get_survey(scope, survey_id)
        result = service.analysis_of(survey)
        return render(request, "pricing/survey.html", {
            "current": "pricing", "survey": survey, "result": result,
            "method_label": METHOD_LABELS[Method(survey.method)],
            "point_names": POINT_NAMES, "descriptions": {k: v[2] for k, v in
                                                         calc.POINTS.items()},
            "problems": result.problems[:SHOWN_PROBLEMS],
            "more": max(len(result.problems) - SHOWN_PROBLEMS, 0),
            "fields": FIELDS[Method(survey.method)], "header": header_of(survey.csv_text),
            "about": ", ".join(row.name for row in (
                survey.segment_id and segments.get(scope, survey.segment_id),
                survey.product_id and products.get(scope, survey.product_id)) if row),
        })


@router.post("/w/{slug}/pricing/{survey_id:int}/mapping")
def remap(request: Request, slug: str, survey_id: int, form: FormDep) -> Response:
    back = ws_url(slug, "pricing", survey_id)
    try:
        with workspace(request, slug) as scope:
            survey = service.get_survey(scope, survey_id)
            require_version(survey, form_version(form), "pricing survey")
            mapping = _mapping_from(form, Method(survey.method))
            service.update_survey(scope, survey_id, SurveyUpdate(mapping=mapping))
    except Stale:
        with workspace(request, slug) as scope:
            survey = service.get_survey(scope, survey_id)
            names = FIELDS[Method(survey.method)]
            return stale_page(request, StaleForm(
                "pricing survey", survey.name, back, back + "/mapping", survey.row_version,
                {f"map_{n}": form_text(form, f"map_{n}") for n in names},
                {f"map_{n}": survey.mapping.get(n, "") for n in names},
                {f"map_{n}": f"Column for {n}" for n in names}))
    except Invalid as exc:
        return redirect_with(request, back, exc.message, "error")
    return redirect_with(request, back, "Columns mapped again; the analysis is updated.")


@router.post("/w/{slug}/pricing/{survey_id:int}/delete")
def delete(request: Request, slug: str, survey_id: int, form: FormDep) -> Response:
    """Delete a survey as it was shown: the button carries its version (409, the survey as
    it is now, when someone changed it since the page was loaded)."""
    seen = form_version(form)

    def run(scope: Scope) -> str:
        name = service.get_survey(scope, survey_id).name
        service.delete_survey(scope, survey_id, seen)
        return f"Deleted the survey '{name}'."

    def conflict(scope: Scope) -> StaleForm:
        survey = service.get_survey(scope, survey_id)
        return stale_removal("survey", survey.name, ws_url(slug, "pricing", survey_id),
                             ws_url(slug, "pricing", survey_id, "delete"),
                             survey.row_version, seen, {
                                 "Name": survey.name, "Notes": survey.notes,
                                 "Columns": ", ".join(f"{k}: {v}" for k, v in
                                                      sorted(survey.mapping.items())),
                                 "Respondents": str(survey.respondents)})

    return act(request, slug, ws_url(slug, "pricing", survey_id), run, str, conflict)


@router.get("/w/{slug}/pricing/{survey_id:int}/chart.{fmt}")
def chart(request: Request, slug: str, survey_id: int, fmt: str,
          chart: str = "curves") -> Response:
    with workspace(request, slug) as scope:
        survey = service.get_survey(scope, survey_id)
        data = service.chart(survey, fmt, chart[:10])
        name = re.sub(r"[^A-Za-z0-9._-]+", "-", f"{survey.name[:60]}-{chart[:10]}.{fmt}")
    download = request.query_params.get("download") == "1"
    headers = {"Cache-Control": "private, max-age=60",
               # An SVG opened on its own may style itself, never run anything.
               "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"}
    if download:
        headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return Response(data, media_type=FORMATS[fmt], headers=headers)
