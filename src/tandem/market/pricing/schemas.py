"""The pricing API's shapes: a survey to upload or change, and a survey with its analysis.

The standalone CLI prints the same `analysis` shape, so scripts read one format whether the
survey went through a workspace or not.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from tandem.market.pricing import calc
from tandem.market.pricing.survey import Analysis, Method
from tandem.schema import VERSION_FIELD, Id, Multiline, Name, ShortText, Strict, long_text
from tandem.schema import Text as TextField

MAX_CSV = 5 * 1024 * 1024  # characters
Column = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Currency = Annotated[str, StringConstraints(strip_whitespace=True, max_length=8)]
Mapping = Annotated[dict[Annotated[str, StringConstraints(max_length=40)], Column],
                    Field(max_length=12)]


class SurveyCreate(Strict):
    name: Name
    method: Method
    csv: Annotated[str, StringConstraints(min_length=1, max_length=MAX_CSV), Multiline()] = Field(
        description="The survey as CSV text with a header row")
    mapping: Mapping = Field(default_factory=dict, description=(
        "Field -> column of the file, for fields whose column is named otherwise "
        "(e.g. {\"too_cheap\": \"TC\"})"))
    source_name: ShortText = ""
    currency: Currency = ""
    notes: TextField = long_text("Notes")
    product_id: Id | None = None
    segment_id: Id | None = None


class SurveyUpdate(Strict):
    name: Name | None = None
    mapping: Mapping | None = None
    currency: Currency | None = None
    notes: TextField | None = None
    product_id: Id | None = None
    segment_id: Id | None = None


class Problem(BaseModel):
    line: int
    column: str | None
    message: str


class Analysed(BaseModel):
    """One analysis. Van Westendorp points use the narrow definition for pmc / pme and
    the original 1976 one for pmc_original / pme_original; null with `missing[point]`
    saying why when a point cannot be found."""

    method: Method
    respondents: int
    dropped: int
    mapping: dict[str, str]
    problems: list[Problem]
    opp: float | None = None
    ipp: float | None = None
    pmc: float | None = None
    pme: float | None = None
    pmc_original: float | None = None
    pme_original: float | None = None
    acceptable_range: tuple[float, float] | None = None
    optimal_zone: tuple[float, float] | None = None
    missing: dict[str, str] = Field(default_factory=dict)
    curves: dict[str, list[float]] | None = None
    newton_miller_smith: dict[str, Any] | None = None
    optimal_price: float | None = None
    demand: list[dict[str, float]] | None = None
    revenue: list[dict[str, float]] | None = None


class SurveyPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str
    method: Method
    source_name: str
    mapping: dict[str, str]
    currency: str
    notes: str
    product_id: int | None
    segment_id: int | None
    respondents: int
    dropped: int
    created_at: datetime
    updated_at: datetime
    row_version: int = VERSION_FIELD


class SurveyWithAnalysis(SurveyPublic):
    analysis: Analysed


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def analysed(result: Analysis) -> Analysed:
    """An analysis as the API and `--json` show it (prices rounded to 4 decimals)."""
    out = Analysed(method=result.method, respondents=result.respondents,
                   dropped=result.dropped, mapping=result.mapping,
                   problems=[Problem(line=p.line, column=p.field, message=p.message)
                             for p in result.problems])
    vw = result.van_westendorp
    if vw is not None:
        for name in calc.POINTS:
            setattr(out, name, _r(vw.price(name)))
        out.missing = {n: p.reason for n, p in vw.points.items() if p.price is None}
        span, zone = vw.acceptable_range, vw.optimal_zone
        out.acceptable_range = (round(span[0], 4), round(span[1], 4)) if span else None
        out.optimal_zone = (round(zone[0], 4), round(zone[1], 4)) if zone else None
        if vw.curves is not None:
            c = vw.curves
            out.curves = {"price": c.prices, "too_cheap": c.too_cheap, "cheap": c.cheap,
                          "expensive": c.expensive, "too_expensive": c.too_expensive}
        if vw.nms is not None:
            out.newton_miller_smith = {
                "trial_price": _r(vw.nms.trial_price), "revenue_price": _r(vw.nms.revenue_price),
                "price": [round(p, 4) for p in vw.nms.prices],
                "trial": [round(t, 6) for t in vw.nms.trial],
                "revenue": [round(r, 6) for r in vw.nms.revenue]}
    gg = result.gabor_granger
    if gg is not None:
        out.optimal_price = _r(gg.optimal_price)
        if gg.optimal_price is None:
            out.missing = {"optimal_price": gg.reason}
        out.demand = [{"price": p.price, "raw": round(p.raw, 6), "demand": round(p.demand, 6),
                       "respondents": p.respondents} for p in gg.points]
        out.revenue = [{"price": p.price, "revenue": round(p.revenue, 6)} for p in gg.points]
    return out
