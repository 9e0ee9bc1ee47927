"""Pricing surveys in a workspace: upload, map columns, analyse, chart, change and delete.

The only place with the rules: a survey is checked (its columns found, every row read)
before it is stored, so a stored survey always analyses; mapping it again is checked the
same way. Each change records an event; the CSV itself never goes into the audit log.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from tandem.crud import require_version
from tandem.errors import Conflict, Invalid, NotFound
from tandem.market.pricing import charts
from tandem.market.pricing.models import PricingSurvey
from tandem.market.pricing.schemas import SurveyCreate, SurveyUpdate
from tandem.market.pricing.survey import Analysis, Method, analyse
from tandem.market.product import Product
from tandem.market.segment import Segment
from tandem.platform.events import service as events
from tandem.platform.policy import Action
from tandem.scope import Scope

KIND = "pricing_surveys"
SurveyInput = SurveyCreate
CHARTS = {"curves", "trial"}  # Van Westendorp curves, or Newton-Miller-Smith trial/revenue
_LOGGED = ("name", "method", "source_name", "mapping", "currency", "notes", "product_id",
           "segment_id", "respondents", "dropped")


def _snapshot(survey: PricingSurvey) -> dict[str, Any]:
    return {name: getattr(survey, name) for name in _LOGGED}


def _check_refs(scope: Scope, product_id: int | None, segment_id: int | None) -> None:
    for field, label, row, value in (
            ("product_id", "product", product_id and scope.session.get(Product, product_id),
             product_id),
            ("segment_id", "segment", segment_id and scope.session.get(Segment, segment_id),
             segment_id)):
        if value is not None and (not row or row.workspace_id != scope.workspace_id):
            raise Invalid(f"No {label} {value} in this workspace.", field)


def _check_name(scope: Scope, name: str, current: int | None = None) -> None:
    stmt = select(PricingSurvey.id).where(PricingSurvey.workspace_id == scope.workspace_id,
                                          func.lower(PricingSurvey.name) == name.lower())
    found = scope.session.scalar(stmt)
    if found is not None and found != current:
        raise Conflict(f"A survey named '{name}' already exists.", "name")


def create_survey(scope: Scope, body: SurveyCreate) -> PricingSurvey:
    """Store a survey whose columns are all found; bad rows are kept out and reported."""
    scope.require(Action.import_data)
    _check_name(scope, body.name)
    _check_refs(scope, body.product_id, body.segment_id)
    result = analyse(body.method, body.csv, body.mapping)
    survey = PricingSurvey(
        workspace_id=scope.workspace_id, name=body.name, method=body.method.value,
        source_name=body.source_name, csv_text=body.csv, mapping=result.mapping,
        currency=body.currency, notes=body.notes, product_id=body.product_id,
        segment_id=body.segment_id, respondents=result.respondents, dropped=result.dropped)
    scope.session.add(survey)
    scope.session.flush()
    events.record(scope, "created", KIND, survey.id, survey.name,
                  events.created(_snapshot(survey)))
    return survey


def list_surveys(scope: Scope) -> list[PricingSurvey]:
    scope.require(Action.read)
    stmt = (select(PricingSurvey).where(PricingSurvey.workspace_id == scope.workspace_id)
            .order_by(PricingSurvey.created_at.desc(), PricingSurvey.id.desc()))
    return list(scope.session.scalars(stmt).all())


def get_survey(scope: Scope, survey_id: int) -> PricingSurvey:
    scope.require(Action.read)
    survey = scope.owned(PricingSurvey, survey_id)
    if survey is None:
        raise NotFound(f"No pricing survey {survey_id} in this workspace.")
    return survey


def analysis_of(survey: PricingSurvey) -> Analysis:
    return analyse(Method(survey.method), survey.csv_text, survey.mapping)


def update_survey(scope: Scope, survey_id: int, body: SurveyUpdate) -> PricingSurvey:
    """Rename, re-map columns (checked and re-analysed), or change the notes and links."""
    scope.require(Action.update)
    survey = get_survey(scope, survey_id)
    before = _snapshot(survey)
    sent = body.model_dump(exclude_unset=True)
    for field in ("name", "currency", "notes", "mapping"):
        if field in sent and sent[field] is None:
            raise Invalid(f"{field} cannot be null.", field)
    if "name" in sent:
        _check_name(scope, sent["name"], survey.id)
    _check_refs(scope, sent.get("product_id"), sent.get("segment_id"))
    if "mapping" in sent:
        result = analyse(Method(survey.method), survey.csv_text, sent["mapping"])
        sent["mapping"] = result.mapping
        survey.respondents, survey.dropped = result.respondents, result.dropped
    for field, value in sent.items():
        setattr(survey, field, value)
    scope.session.flush()
    changes = events.diff(before, _snapshot(survey))
    if changes:
        events.record(scope, "updated", KIND, survey.id, survey.name, changes)
    return survey


def delete_survey(scope: Scope, survey_id: int, expected: int | None = None) -> None:
    """Delete a survey; `expected` is the version the deleter saw (a stale one deletes
    nothing)."""
    scope.require(Action.delete)
    survey = get_survey(scope, survey_id)
    require_version(survey, expected, "survey")
    events.record(scope, "deleted", KIND, survey.id, survey.name,
                  events.deleted(_snapshot(survey)))
    scope.session.delete(survey)
    scope.session.flush()


def chart(survey: PricingSurvey, fmt: str, which: str = "curves") -> bytes:
    """The survey's chart as SVG or PNG bytes: the method's curves, or (Van Westendorp
    with intent columns) the Newton-Miller-Smith trial and revenue."""
    if fmt not in charts.FORMATS:
        raise Invalid(f"Charts come as svg or png, not '{fmt[:20]}'.", "format")
    if which not in CHARTS:
        raise Invalid(f"Chart must be curves or trial, not '{which[:20]}'.", "chart")
    return chart_of(analysis_of(survey), fmt, which, survey.currency)


def chart_of(result: Analysis, fmt: str, which: str = "curves", currency: str = "") -> bytes:
    if result.gabor_granger is not None:
        return charts.gabor_granger_chart(result.gabor_granger, fmt, currency)
    assert result.van_westendorp is not None
    if which == "trial":
        return charts.newton_miller_smith_chart(result.van_westendorp, fmt, currency)
    return charts.van_westendorp_chart(result.van_westendorp, fmt, currency)
