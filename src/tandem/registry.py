"""Every resource, in loop order. Faces iterate over this instead of naming each kind."""

from __future__ import annotations

from typing import Any

from tandem.crud import Resource
from tandem.errors import NotFound
from tandem.inbound.evidence import evidence
from tandem.inbound.opportunity import opportunities
from tandem.inbound.release import releases
from tandem.market.competitor import competitors
from tandem.market.persona import personas
from tandem.market.product import products
from tandem.market.segment import segments
from tandem.outbound.launch import launches
from tandem.outbound.message import messages
from tandem.roles.assignment import assignments

RESOURCES: dict[str, Resource[Any]] = {
    r.name: r
    for r in (
        evidence,
        opportunities,
        releases,
        launches,
        messages,
        assignments,
        products,
        segments,
        personas,
        competitors,
    )
}

INBOUND = ("evidence", "opportunities", "releases")
OUTBOUND = ("launches", "messages", "assignments")
MARKET = ("products", "segments", "personas", "competitors")


def resource(name: str) -> Resource[Any]:
    try:
        return RESOURCES[name]
    except KeyError:
        raise NotFound(f"Unknown kind of object '{name}'.") from None
