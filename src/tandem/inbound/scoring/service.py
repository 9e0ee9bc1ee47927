"""Ranking opportunities: scoring models, importance weights and the prioritisation table.

Scoring models are workspace records (`scoring_models`, generic routes) whose rules live
here: a custom formula must parse against FIELDS. `rank` computes every opportunity's
demand metrics from its linked evidence in one query, then the chosen model's score.

Customers: a customer is the evidence's company record (`company:<id>`); evidence with no
company counts by its free-text company or contact name, compared case-insensitively. ARR
is the company record's normalised annual figure.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update

from tandem.crud import Resource, require_version
from tandem.errors import Invalid
from tandem.inbound.customers.models import Company
from tandem.inbound.evidence.models import Evidence
from tandem.inbound.opportunity import Opportunity, opportunities
from tandem.inbound.scoring import calc
from tandem.inbound.scoring.formula import Formula, FormulaError, parse
from tandem.inbound.scoring.models import ImportanceWeights, ScoringModel
from tandem.inbound.scoring.schemas import (
    METHOD_LABELS,
    FormulaCheckResult,
    Method,
    ScoredRow,
    ScoringModelCreate,
    WeightsBody,
)
from tandem.loop.models import EvidenceOpportunity
from tandem.market.segment import Segment
from tandem.platform.events import service as events
from tandem.platform.policy import Action
from tandem.roles.models import Person
from tandem.scope import Scope

# The names a custom formula may read, with what each means.
FIELDS: dict[str, str] = {
    "reach": "RICE reach: people or accounts per quarter",
    "impact": "RICE impact as a number: 3, 2, 1, 0.5 or 0.25",
    "confidence": "RICE confidence in percent, 0 to 100",
    "effort": "RICE effort in person-months",
    "business_value": "WSJF business value",
    "time_criticality": "WSJF time criticality",
    "risk_reduction": "WSJF risk reduction / opportunity enablement",
    "job_size": "WSJF job size",
    "evidence": "pieces of evidence linked",
    "customers": "distinct customers among them",
    "arr": "annual recurring revenue of those customers",
    "importance": "customer importance score",
    "demand": "ARR-weighted demand",
    "rice": "the RICE score",
    "wsjf": "the WSJF score",
}
INPUTS = ("reach", "impact", "confidence", "effort", "business_value", "time_criticality",
          "risk_reduction", "job_size")
SORTS = ("rank", "score", "title", "evidence", "customers", "arr", "importance", "demand",
         "effort", "status", "owner")


def _formula_rule(values: Mapping[str, Any]) -> None:
    if values.get("method") != Method.formula:
        return
    try:
        parse(values.get("formula") or "", FIELDS)
    except FormulaError as exc:
        raise Invalid(str(exc), "formula") from None


scoring_models: Resource[ScoringModel] = Resource(
    name="scoring-models",
    label="Scoring model",
    plural="Scoring models",
    model=ScoringModel,
    create_schema=ScoringModelCreate,
    title_field="name",
    unique=("name",),
    search=("name", "description", "formula"),
    filters={"method": ScoringModel.method},
    order_by=(ScoringModel.name,),
    rules=(_formula_rule,),
)


def check_formula(text: str) -> FormulaCheckResult:
    """Whether `text` is a valid formula, and if not, what is wrong and where."""
    try:
        formula = parse(text, FIELDS)
    except FormulaError as exc:
        return FormulaCheckResult(ok=False, message=exc.message, position=exc.position)
    return FormulaCheckResult(ok=True, fields=sorted(formula.fields))


STANDARD_MODELS = (
    ("RICE", Method.rice, "", "Reach x impact x confidence / effort (Intercom)."),
    ("WSJF", Method.wsjf, "", "Cost of delay / job size (SAFe)."),
    ("Customer importance", Method.importance, "",
     "Each customer once, with the weight of their latest stated importance."),
    ("ARR-weighted demand", Method.demand, "",
     "Each customer's ARR times the weight of their latest stated importance."),
)


def add_standard_models(scope: Scope) -> list[ScoringModel]:
    """Create the built-in models the workspace does not have yet (by name); the first
    becomes the default when none is."""
    scope.require(Action.create, scoring_models)
    have = {m.name.lower() for m in scoring_models.all(scope)}
    made = [scoring_models.create(scope, ScoringModelCreate(
                name=name, method=method, formula=formula, description=about))
            for name, method, formula, about in STANDARD_MODELS if name.lower() not in have]
    if made and default_model(scope) is None:
        make_default(scope, made[0].id)
    return made


def default_model(scope: Scope) -> ScoringModel | None:
    """The model marked as default, else the first one made, else None."""
    models = scoring_models.all(scope)
    marked = [m for m in models if m.is_default]
    if marked:
        return marked[0]
    return min(models, key=lambda m: m.id) if models else None


def make_default(scope: Scope, model_id: int, expected: int | None = None) -> ScoringModel:
    """Mark one model as the workspace's default (and no other). `expected` is the model's
    version the writer saw: a model whose formula changed since is not made the default
    unseen."""
    scope.require(Action.update, scoring_models)
    chosen = scoring_models.get(scope, model_id)
    require_version(chosen, expected, "scoring model")
    scope.session.execute(update(ScoringModel)
                          .where(ScoringModel.workspace_id == scope.workspace_id)
                          .values(is_default=ScoringModel.id == chosen.id))
    scope.session.refresh(chosen)
    events.record(scope, "updated", scoring_models.name, chosen.id, chosen.name,
                  {"is_default": [False, True]})
    return chosen


def weights(scope: Scope) -> dict[int, float]:
    """Points per importance level (3 critical .. 0 not important)."""
    scope.require(Action.read)
    row = scope.session.get(ImportanceWeights, scope.workspace_id)
    if row is None:
        return dict(calc.DEFAULT_WEIGHTS)
    return {3: row.critical, 2: row.important, 1: row.nice_to_have, 0: row.not_important}


def set_weights(scope: Scope, body: WeightsBody) -> dict[int, float]:
    scope.require(Action.update)
    row = scope.session.get(ImportanceWeights, scope.workspace_id)
    before = weights(scope)
    if row is None:
        row = ImportanceWeights(workspace_id=scope.workspace_id)
        scope.session.add(row)
    for name, value in body.model_dump().items():
        setattr(row, name, value)
    scope.session.flush()
    after = weights(scope)
    changes = {str(k): [before[k], after[k]] for k in after if before[k] != after[k]}
    if changes:
        events.record(scope, "updated", "importance-weights", scope.workspace_id,
                      "Importance weights", changes)
    return after


def customer_arr(scope: Scope, customers: Collection[str]) -> dict[str, float]:
    """ARR per customer key, for the keys that are company records with a known ARR."""
    ids = {int(c.split(":", 1)[1]) for c in customers if c.startswith("company:")}
    if not ids:
        return {}
    rows = scope.session.execute(select(Company.id, Company.arr).where(
        Company.workspace_id == scope.workspace_id, Company.id.in_(ids))).all()
    return {f"company:{cid}": float(arr) for cid, arr in rows if arr}


def _customer_of(company_id: int | None, company: str, contact: str) -> str:
    if company_id is not None:
        return f"company:{company_id}"
    return (company or contact).strip().lower()


@dataclass
class Demand:
    """What the evidence linked to one opportunity says about demand."""

    mentions: list[calc.Mention] = field(default_factory=list)
    segments: Counter[str] = field(default_factory=Counter)

    @property
    def evidence(self) -> int:
        return len({m.evidence_id for m in self.mentions})

    def customers(self) -> list[calc.Mention]:
        return [m for m in self.mentions if m.customer]


def demand_by_opportunity(scope: Scope) -> dict[int, Demand]:
    """One query over the links: each opportunity's mentions and segment counts."""
    rows = scope.session.execute(
        select(EvidenceOpportunity.opportunity_id, Evidence.id, Evidence.company_id,
               Evidence.customer_company,
               Evidence.customer_contact, Evidence.received_on, EvidenceOpportunity.importance,
               Segment.name)
        .join(Evidence, Evidence.id == EvidenceOpportunity.evidence_id)
        .outerjoin(Segment, Segment.id == Evidence.segment_id)
        .where(EvidenceOpportunity.workspace_id == scope.workspace_id)).all()
    found: dict[int, Demand] = defaultdict(Demand)
    for opp_id, ev_id, company_id, company, contact, received, importance, segment in rows:
        entry = found[opp_id]
        entry.mentions.append(calc.Mention(_customer_of(company_id, company, contact),
                                           importance, received, ev_id))
        if segment:
            entry.segments[segment] += 1
    return found


@dataclass
class Row:
    """One opportunity ranked: its demand metrics, inputs and score (or what it lacks)."""

    opportunity: Opportunity
    evidence: int = 0
    customers: int = 0
    arr: float = 0.0
    importance: float = 0.0
    demand: float = 0.0
    segments: dict[str, int] = field(default_factory=dict)
    score: float | None = None
    missing: list[str] = field(default_factory=list)
    error: str = ""
    value: float | None = None  # for the value-versus-effort chart
    effort: float | None = None
    rank: int | None = None
    owner: str = ""  # the owner's name; "" when nobody owns it

    def inputs(self) -> dict[str, float | str | None]:
        return {name: getattr(self.opportunity, name) for name in INPUTS}


def _values(opp: Opportunity, row: Row) -> dict[str, float | None]:
    impact = calc.IMPACT_VALUE.get(opp.impact) if opp.impact else None
    return {
        "reach": opp.reach, "impact": impact, "confidence": opp.confidence,
        "effort": opp.effort, "business_value": opp.business_value,
        "time_criticality": opp.time_criticality, "risk_reduction": opp.risk_reduction,
        "job_size": opp.job_size, "evidence": row.evidence, "customers": row.customers,
        "arr": row.arr, "importance": row.importance, "demand": row.demand,
        "rice": calc.rice(opp.reach, opp.impact, opp.confidence, opp.effort),
        "wsjf": calc.wsjf(opp.business_value, opp.time_criticality, opp.risk_reduction,
                          opp.job_size),
    }


_NEEDS: dict[str, tuple[str, ...]] = {
    "rice": ("reach", "impact", "confidence", "effort"),
    "wsjf": ("business_value", "time_criticality", "risk_reduction", "job_size"),
}


def _score(row: Row, method: str, formula: Formula | None) -> None:
    opp = row.opportunity
    values = _values(opp, row)
    if method in _NEEDS:
        row.missing = [n for n in _NEEDS[method] if values[n] is None]
        row.score = values[method]
        if method == "rice":
            row.value = calc.rice_value(opp.reach, opp.impact, opp.confidence)
            row.effort = opp.effort
        else:
            row.value = calc.cost_of_delay(opp.business_value, opp.time_criticality,
                                           opp.risk_reduction)
            row.effort = float(opp.job_size) if opp.job_size else None
        return
    row.effort = opp.effort
    if method == "importance":
        row.score = row.importance
    elif method == "demand":
        row.score = row.demand
    elif formula is not None:
        needed = sorted(n for n in formula.fields if values[n] is None)
        row.missing = [n.replace("rice", "rice inputs").replace("wsjf", "wsjf inputs")
                       for n in needed]
        if not needed:
            try:
                row.score = formula.evaluate({k: float(v) for k, v in values.items()
                                              if v is not None})
            except FormulaError as exc:
                row.error = str(exc)
    row.value = row.score


def _sort_key(sort: str) -> Any:
    if sort in ("score", "rank"):
        return lambda r: (r.score is None, -(r.score or 0.0), r.opportunity.title.lower())
    if sort == "title":
        return lambda r: r.opportunity.title.lower()
    if sort == "status":
        return lambda r: (r.opportunity.status, r.opportunity.title.lower())
    if sort == "owner":  # by name, the unowned last
        return lambda r: (not r.owner, r.owner.lower(), r.opportunity.title.lower())
    if sort == "effort":
        return lambda r: (r.opportunity.effort is None, r.opportunity.effort or 0.0,
                          r.opportunity.title.lower())
    return lambda r: (-getattr(r, sort), r.opportunity.title.lower())


def rank(scope: Scope, model: ScoringModel, sort: str = "score",
         status: str | None = None, owner: int | None = None) -> list[Row]:
    """Every opportunity with its metrics and `model`'s score, sorted by `sort`; only those
    with `status`, and only those `owner` (a person's id; 0 for nobody) owns, when given.

    Rank 1 is the best score; opportunities the model cannot score have no rank.
    """
    if sort not in SORTS:
        raise Invalid(f"Sort by one of {', '.join(SORTS)}, not '{sort}'.", "sort")
    formula = None
    if model.method == Method.formula:
        try:
            formula = parse(model.formula, FIELDS)
        except FormulaError as exc:  # saved before a field was renamed, say
            raise Invalid(f"The model's formula no longer works: {exc}", "formula") from None
    level_weights = weights(scope)
    demand = demand_by_opportunity(scope)
    all_customers = {m.customer for d in demand.values() for m in d.customers()}
    arr = customer_arr(scope, all_customers)
    names = dict(scope.session.execute(select(Person.id, Person.name).where(
        Person.workspace_id == scope.workspace_id)).tuples().all())
    rows = []
    for opp in opportunities.all(scope):
        if status and opp.status != status:
            continue
        if owner is not None and (opp.owner_id or 0) != owner:
            continue
        found = demand.get(opp.id, Demand())
        named = found.customers()
        row = Row(opp, evidence=found.evidence, customers=len({m.customer for m in named}),
                  arr=sum(arr.get(c, 0.0) for c in {m.customer for m in named}),
                  importance=calc.importance_score(named, level_weights),
                  demand=calc.demand(named, arr, level_weights),
                  segments=dict(found.segments.most_common()),
                  owner=names.get(opp.owner_id, "") if opp.owner_id else "")
        _score(row, model.method, formula)
        rows.append(row)
    by_score = sorted((r for r in rows if r.score is not None), key=_sort_key("score"))
    for position, row in enumerate(by_score, start=1):
        row.rank = position
    return sorted(rows, key=_sort_key(sort))


def model_label(model: ScoringModel) -> str:
    return METHOD_LABELS.get(model.method, model.method)


def chosen_model(scope: Scope, model_id: int | None) -> ScoringModel:
    """The model asked for, else the default; Invalid when the workspace has none."""
    if model_id is not None:
        return scoring_models.get(scope, model_id)
    found = default_model(scope)
    if found is None:
        raise Invalid("This workspace has no scoring model yet: add the standard ones "
                      "(RICE, WSJF, importance, demand) or a custom formula.", "model")
    return found


def public_row(row: Row) -> ScoredRow:
    return ScoredRow(
        rank=row.rank, opportunity_id=row.opportunity.id, title=row.opportunity.title,
        status=row.opportunity.status, evidence=row.evidence, customers=row.customers,
        arr=row.arr, importance=row.importance, demand=row.demand, segments=row.segments,
        inputs=row.inputs(), score=row.score, missing=row.missing, error=row.error,
        value=row.value, effort=row.effort, owner_id=row.opportunity.owner_id,
        owner=row.owner)
