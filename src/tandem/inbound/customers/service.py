"""Customer queries: the company page, sorted lists, and the summary other features use.

Commands on companies and contacts are the generic record commands of `records.py`; the
rules live there. This module only reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select

from tandem.errors import Invalid
from tandem.inbound.customers.models import Company, Contact
from tandem.inbound.customers.records import companies, contacts
from tandem.inbound.customers.schemas import CustomerSummaryPublic, SegmentShare
from tandem.inbound.evidence.models import Evidence, Source
from tandem.inbound.opportunity import Opportunity
from tandem.loop.models import EvidenceOpportunity
from tandem.market.segment import Segment
from tandem.paging import DEFAULT_LIMIT, Page
from tandem.platform.policy import Action
from tandem.scope import Scope

CHUNK = 900  # ids per IN (...) list: well under every engine's limit on bound values
MAX_SUMMARY_IDS = 100_000
NO_SEGMENT = "No segment"

SORTS = companies.sorts  # by name; a leading '-' means largest first
SORT_LABELS = {"name": "Name", "-arr": "ARR, largest first", "arr": "ARR, smallest first",
               "stage": "Lifecycle stage", "-updated": "Recently changed"}


def list_companies(scope: Scope, *, q: str | None = None,
                   filters: dict[str, str] | None = None, sort: str = "name",
                   offset: int = 0, limit: int = DEFAULT_LIMIT) -> Page[Company]:
    """Companies with search, filters (stage, segment_id, plan) and a sort from SORTS."""
    return companies.list(scope, q=q, filters=filters, offset=offset, limit=limit, sort=sort)


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def evidence_counts(scope: Scope, company_ids: Sequence[int]) -> dict[int, int]:
    """Company id -> how many evidence items it has (for list pages)."""
    counts: dict[int, int] = {}
    for chunk in _chunks(list(company_ids)):
        rows = scope.session.execute(
            select(Evidence.company_id, func.count(Evidence.id))
            .where(Evidence.workspace_id == scope.workspace_id, Evidence.company_id.in_(chunk))
            .group_by(Evidence.company_id))
        counts.update({int(cid): int(n) for cid, n in rows})
    return counts


@dataclass
class OpportunityShare:
    id: int
    title: str
    status: str
    evidence: int


@dataclass
class CompanyOverview:
    """Everything the company page shows besides the company's own fields."""

    company: Company
    segment: str | None
    contacts: list[Contact]
    evidence: list[Evidence]
    evidence_total: int
    opportunities: list[OpportunityShare]
    deals: list[Evidence]
    deals_total: int
    personas: dict[int, str] = field(default_factory=dict)


def company_overview(scope: Scope, company_id: int, *, shown: int = 20) -> CompanyOverview:
    """A company with its contacts, its latest evidence, the opportunities that evidence
    supports (most evidence first) and its deals.

    There is no deal record in Tandem yet: a deal is the company's win/loss evidence, which
    is where won and lost deals are recorded today.
    """
    company = companies.get(scope, company_id)
    scope.require(Action.read, contacts)
    session = scope.session
    mine = (Evidence.workspace_id == scope.workspace_id, Evidence.company_id == company.id)
    newest = (Evidence.received_on.desc(), Evidence.id.desc())
    segment = session.get(Segment, company.segment_id) if company.segment_id else None
    people = list(session.scalars(select(Contact).where(
        Contact.workspace_id == scope.workspace_id, Contact.company_id == company.id)
        .order_by(func.lower(Contact.name)).limit(200)))
    total = session.scalar(select(func.count(Evidence.id)).where(*mine)) or 0
    latest = list(session.scalars(select(Evidence).where(*mine).order_by(*newest).limit(shown)))
    won_lost = (*mine, Evidence.source == Source.win_loss.value)
    deals_total = session.scalar(select(func.count(Evidence.id)).where(*won_lost)) or 0
    deals = list(session.scalars(select(Evidence).where(*won_lost).order_by(*newest)
                                 .limit(shown)))
    linked = session.execute(
        select(Opportunity.id, Opportunity.title, Opportunity.status,
               func.count(EvidenceOpportunity.evidence_id))
        .join(EvidenceOpportunity, EvidenceOpportunity.opportunity_id == Opportunity.id)
        .join(Evidence, Evidence.id == EvidenceOpportunity.evidence_id)
        .where(*mine)
        .group_by(Opportunity.id, Opportunity.title, Opportunity.status)
        .order_by(func.count(EvidenceOpportunity.evidence_id).desc(), Opportunity.title))
    opportunities = [OpportunityShare(int(i), str(t), str(s), int(n)) for i, t, s, n in linked]
    return CompanyOverview(company, segment.name if segment else None, people, latest, total,
                           opportunities, deals, deals_total)


def customer_summary(scope: Scope, evidence_ids: Iterable[int]) -> CustomerSummaryPublic:
    """Who stands behind a set of evidence: the query themes and opportunity ranking use.

    Given evidence ids (any order, repeats and ids of other workspaces ignored; at most
    100,000), returns:

    - `evidence`: how many of the ids are evidence in this workspace;
    - `with_company`: how many of those are linked to a company;
    - `companies` and `company_ids`: the distinct companies behind them (ids ascending);
    - `arr`: the sum of those companies' normalised annual revenue, each company counted
      once however many items it gave (unknown revenue counts as 0);
    - `segments`: per segment, the distinct companies and their ARR, largest ARR first.
      A company's segment is its own; evidence without a company is not counted there.
      Companies without a segment are grouped under `segment_id` None ("No segment").

    One query per 900 ids, so it is cheap enough to call once per theme.
    """
    scope.require(Action.read, companies)
    wanted = sorted({int(i) for i in evidence_ids})
    if len(wanted) > MAX_SUMMARY_IDS:
        raise Invalid(f"At most {MAX_SUMMARY_IDS} evidence ids at once.", "evidence_ids")
    found = with_company = 0
    company_ids: set[int] = set()
    for chunk in _chunks(wanted):
        rows = scope.session.execute(
            select(Evidence.id, Evidence.company_id)
            .where(Evidence.workspace_id == scope.workspace_id, Evidence.id.in_(chunk)))
        for _evidence_id, company_id in rows:
            found += 1
            if company_id is not None:
                with_company += 1
                company_ids.add(int(company_id))
    shares: dict[int | None, SegmentShare] = {}
    total_arr = 0
    ordered = sorted(company_ids)
    names = {s.id: s.name for s in scope.session.scalars(
        select(Segment).where(Segment.workspace_id == scope.workspace_id))}
    for chunk in _chunks(ordered):
        for segment_id, arr in scope.session.execute(
                select(Company.segment_id, Company.arr).where(Company.id.in_(chunk))):
            value = int(arr or 0)
            total_arr += value
            share = shares.get(segment_id)
            if share is None:
                share = shares[segment_id] = SegmentShare(
                    segment_id=segment_id, segment=names.get(segment_id, NO_SEGMENT)
                    if segment_id is not None else NO_SEGMENT, companies=0, arr=0)
            share.companies += 1
            share.arr += value
    return CustomerSummaryPublic(
        evidence=found, with_company=with_company, companies=len(company_ids),
        company_ids=ordered, arr=total_arr,
        segments=sorted(shares.values(), key=lambda s: (-s.arr, -s.companies, s.segment)))
