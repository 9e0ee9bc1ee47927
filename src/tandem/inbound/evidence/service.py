"""Evidence: one piece of customer feedback, the raw material of the whole loop.

The record kind with its filters (source, segment, company, tag, linked, opportunity, theme)
and
the rule that evidence cannot come from the future.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any, cast

from sqlalchemy import Table, exists, insert, select
from sqlalchemy.sql import ColumnElement

from tandem.crud import Resource
from tandem.errors import Invalid
from tandem.inbound.customers.resolve import prefetch, resolve_customer
from tandem.inbound.evidence.models import Evidence, EvidenceTag
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.themes.models import ThemeMember
from tandem.loop.models import EvidenceOpportunity
from tandem.schema import MAX_ID, whole_number
from tandem.scope import Scope


def _has_tag(raw: str) -> ColumnElement[bool]:
    tag = raw.strip().lower()
    if not tag or '"' in tag:
        raise Invalid(f"'{raw}' is not a tag.", "tag")
    return Evidence.id.in_(select(EvidenceTag.evidence_id).where(EvidenceTag.tag == tag))


def _linked(raw: str) -> ColumnElement[bool]:
    if raw not in {"yes", "no"}:
        raise Invalid("Filter 'linked' takes yes or no.", "linked")
    linked = exists().where(EvidenceOpportunity.evidence_id == Evidence.id)
    return linked if raw == "yes" else ~linked


def _for_opportunity(raw: str) -> ColumnElement[bool]:
    wanted = whole_number(raw, 1, MAX_ID)
    if wanted is None:
        raise Invalid(f"Filter 'opportunity_id' needs an id (a whole number from 1 to "
                      f"{MAX_ID}), not '{raw[:40]}'.", "opportunity_id")
    return Evidence.id.in_(
        select(EvidenceOpportunity.evidence_id).where(
            EvidenceOpportunity.opportunity_id == wanted
        )
    )


def _in_theme(raw: str) -> ColumnElement[bool]:
    """theme_id=N: evidence in theme N; theme_id=none: evidence in no theme (unsorted)."""
    if raw == "none":
        return ~exists().where(ThemeMember.evidence_id == Evidence.id)
    wanted = whole_number(raw, 1, MAX_ID)
    if wanted is None:
        raise Invalid(f"Filter 'theme_id' needs a theme id or 'none', not '{raw[:40]}'.",
                      "theme_id")
    return Evidence.id.in_(select(ThemeMember.evidence_id).where(
        ThemeMember.theme_id == wanted))


FUTURE_SLACK = timedelta(days=1)  # time zones: "today" somewhere may be tomorrow here


def _not_from_the_future(item: Mapping[str, Any]) -> None:
    received = item.get("received_on")
    if isinstance(received, date) and received > date.today() + FUTURE_SLACK:
        raise Invalid(f"Received on {received.isoformat()} is in the future.", "received_on")


def _insert_tags(scope: Scope, ids: Sequence[int], items: Sequence[Mapping[str, Any]]
                 ) -> None:
    """`Resource.insert_many`'s tags: the rows `Evidence.tags` would make, in one INSERT."""
    rows = [{"evidence_id": i, "tag": tag, "position": position}
            for i, item in zip(ids, items, strict=True)
            for position, tag in enumerate(item.get("tags") or ())]
    if rows:
        scope.session.execute(insert(cast(Table, EvidenceTag.__table__)), rows)


evidence: Resource[Evidence] = Resource(
    name="evidence",
    label="Evidence",
    plural="Evidence",
    model=Evidence,
    create_schema=EvidenceCreate,
    title_field="text",
    search=("text", "customer_company", "customer_contact"),
    filters={
        "source": Evidence.source,
        "segment_id": Evidence.segment_id,
        "customer_company": Evidence.customer_company,
        "company_id": Evidence.company_id,
        "contact_id": Evidence.contact_id,
        "tag": _has_tag,
        "linked": _linked,
        "opportunity_id": _for_opportunity,
        "theme_id": _in_theme,
    },
    order_by=(Evidence.received_on.desc(), Evidence.id.desc()),
    rules=(_not_from_the_future,),
    prepare=resolve_customer,
    insert_related=_insert_tags,
    prepare_many=prefetch,
)
