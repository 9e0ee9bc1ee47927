"""The demo product's lifecycle (who drives and who navigates each phase; it is in
development), and event times spread over the releases' history, so the parallelism index
reads as a team's would rather than as one load at one instant."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, or_, select, update

from tandem.inbound.release import Release, ReleaseStatus
from tandem.loop.models import OpportunityRelease
from tandem.market.product import Product
from tandem.outbound.assets.models import Asset
from tandem.outbound.launch import Launch
from tandem.outbound.message import Message
from tandem.outbound.messaging.models import MessagingHouse
from tandem.platform.events.models import Event
from tandem.roles.models import Person
from tandem.roles.phases import service as phases
from tandem.scope import Scope

# phase -> (driver, navigator), by the demo people's names
OWNERS = {
    "discovery": ("Daniel Reyes", "Maya Okafor"),
    "definition": ("Daniel Reyes", "Hannah Lindqvist"),
    "development": ("Daniel Reyes", "Hannah Lindqvist"),
    "launch": ("Hannah Lindqvist", "Daniel Reyes"),
    "growth": ("Hannah Lindqvist", "Daniel Reyes"),
    "maturity": ("Hannah Lindqvist", "Maya Okafor"),
    "retirement": ("Maya Okafor", "Hannah Lindqvist"),
}
INBOUND_LEAD_DAYS = 110  # inbound work on a release starts this long before it is done
OUTBOUND_LEAD_DAYS = 45  # and outbound work on a shipped one this long before


def load_lifecycle(scope: Scope, today: date) -> None:
    s = scope.session
    ids = dict(s.execute(select(Person.name, Person.id).where(
        Person.workspace_id == scope.workspace_id)).tuples().all())
    product = s.scalars(select(Product).where(Product.workspace_id == scope.workspace_id)
                        .order_by(Product.id)).first()
    if product is None:
        return
    for phase, (driver, navigator) in OWNERS.items():
        phases.set_owners(scope, product.id, phase, ids.get(driver), ids.get(navigator))
    phases.set_phase(scope, product.id, "development", today - timedelta(days=40))
    _spread_events(scope, today)


def _at(day: date, now: datetime) -> datetime:
    return min(datetime.combine(day, time(10, 0), tzinfo=UTC), now)


def _spread_events(scope: Scope, today: date) -> None:
    s = scope.session
    ws = scope.workspace_id
    now = datetime.now(UTC)
    for r in s.scalars(select(Release).where(Release.workspace_id == ws)).all():
        done = r.shipped_on or r.target_date
        if done is None:
            continue
        opps = s.scalars(select(OpportunityRelease.opportunity_id).where(
            OpportunityRelease.release_id == r.id)).all()
        inbound = or_(and_(Event.kind == "releases", Event.object_id == r.id),
                      and_(Event.kind == "opportunities", Event.object_id.in_(opps)))
        s.execute(update(Event).where(Event.workspace_id == ws, inbound).values(
            occurred_at=_at(done - timedelta(days=INBOUND_LEAD_DAYS), now)))
        if r.status != ReleaseStatus.shipped.value:
            continue
        launches = s.scalars(select(Launch.id).where(Launch.release_id == r.id)).all()
        messages = s.scalars(select(Message.id).where(Message.launch_id.in_(launches))).all()
        houses = s.scalars(select(MessagingHouse.id).where(
            MessagingHouse.release_id == r.id)).all()
        assets = s.scalars(select(Asset.id).where(Asset.release_id == r.id)).all()
        outbound = or_(and_(Event.kind == "launches", Event.object_id.in_(launches)),
                       and_(Event.kind == "messages", Event.object_id.in_(messages)),
                       and_(Event.kind == "messaging_houses", Event.object_id.in_(houses)),
                       and_(Event.kind == "assets", Event.object_id.in_(assets)))
        s.execute(update(Event).where(Event.workspace_id == ws, outbound).values(
            occurred_at=_at(done - timedelta(days=OUTBOUND_LEAD_DAYS), now)))
