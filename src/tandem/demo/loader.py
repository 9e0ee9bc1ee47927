"""Load the demo workspace: a fictional startup with a living loop, from demo/content.py."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from tandem.accounts import service as accounts
from tandem.accounts.models import User, Workspace
from tandem.crud import Resource
from tandem.demo import content, profiles
from tandem.demo import outbound as outbound_demo
from tandem.demo.checklists import load_checklists
from tandem.demo.customers import load_customers
from tandem.demo.market import load_market
from tandem.demo.packaging import load_packaging
from tandem.demo.phases import load_lifecycle
from tandem.demo.requirements import load_requirements
from tandem.demo.roles import load_roles
from tandem.demo.scoring import load_scoring
from tandem.demo.strategy import load_strategy
from tandem.inbound.evidence.service import evidence
from tandem.inbound.opportunity import opportunities
from tandem.inbound.release import releases
from tandem.loop.models import EvidenceOpportunity, MessageEvidence, OpportunityRelease
from tandem.market.competitor import competitors
from tandem.market.persona import personas
from tandem.market.product import products
from tandem.market.segment import segments
from tandem.outbound.launch import launches
from tandem.outbound.message import messages
from tandem.platform.actor import LocalAdmin
from tandem.runtime import Runtime
from tandem.scope import Scope

DEMO_SLUG = "demo"
DEMO_NAME = "Shiftwell (demo)"
DEMO_EMAIL = "demo@tandem.local"
DEMO_PASSWORD = "tandem-demo"


def _make(scope: Scope, res: Resource[Any], values: dict[str, Any]) -> Any:
    body: BaseModel = res.create_schema.model_validate(values)
    return res.create(scope, body)


def load_demo(session: Session, owner: User | None, today: date | None = None) -> Workspace:
    """Create the demo workspace in `session` (the caller commits)."""
    workspace = accounts.new_workspace(session, LocalAdmin(), DEMO_NAME, DEMO_SLUG,
                                       owner.email if owner is not None else None)
    # The demo is written by the local administrator, whoever ends up owning it.
    scope = Scope(session, workspace, LocalAdmin())
    _make(scope, products, dict(content.PRODUCT))
    segment_ids = {s["name"]: _make(scope, segments, {**s, **profiles.SEGMENTS[s["name"]]}).id
                   for s in content.SEGMENTS}
    persona_ids: dict[str, int] = {}
    for p in content.PERSONAS:
        values = {k: v for k, v in p.items() if k != "segment"} | profiles.PERSONAS[p["name"]]
        values["segment_id"] = segment_ids.get(p["segment"])
        persona_ids[p["name"]] = _make(scope, personas, values).id
    for c in content.COMPETITORS:
        _make(scope, competitors, dict(c))
    load_customers(scope, segment_ids, persona_ids)
    opp_ids = {o["key"]: _make(scope, opportunities, {k: v for k, v in o.items() if k != "key"}).id
               for o in content.OPPORTUNITIES}
    release_ids: dict[str, int] = {}
    for r in content.RELEASES:
        values = {k: v for k, v in r.items() if k not in ("key", "opportunities")}
        release_ids[r["key"]] = rel_id = _make(scope, releases, values).id
        for key in r["opportunities"]:
            session.add(OpportunityRelease(workspace_id=workspace.id, release_id=rel_id,
                                           opportunity_id=opp_ids[key]))
    launch_ids: dict[str, int] = {}
    for launch in content.LAUNCHES:
        values = {k: v for k, v in launch.items() if k != "release"}
        values["release_id"] = release_ids[launch["release"]]
        launch_ids[launch["release"]] = _make(scope, launches, values).id
    items = content.generate_evidence(today=today or date.today())
    evidence_ids: list[int] = []
    for item in items:
        values = {k: v for k, v in item.items() if k not in ("opportunity", "importance")}
        values["customer_contact"] = item["customer_contact"] or ""
        ev = _make(scope, evidence, values)
        evidence_ids.append(ev.id)
        if item["opportunity"]:
            session.add(EvidenceOpportunity(workspace_id=workspace.id, evidence_id=ev.id,
                                            opportunity_id=opp_ids[item["opportunity"]],
                                            importance=item["importance"]))
    backing = _launch_backing(items, evidence_ids)
    for m in content.MESSAGES:
        values = {k: v for k, v in m.items() if k not in ("launch", "persona")}
        values["launch_id"] = launch_ids.get(m["launch"]) if m["launch"] else None
        values["persona_id"] = persona_ids.get(m["persona"]) if m["persona"] else None
        msg = _make(scope, messages, values)
        # Messages for the shipped launch cite the strongest evidence behind its release;
        # the others are left unbacked so the home page shows that gap.
        for ev_id in backing if m["launch"] else []:
            session.add(MessageEvidence(workspace_id=workspace.id, message_id=msg.id,
                                        evidence_id=ev_id))
    profiles.load_links(scope, segment_ids, persona_ids, opp_ids, launch_ids)
    # Before the assets, so the demo battlecards compare real prices.
    load_packaging(scope, today or date.today())
    outbound_demo.load(scope, items, evidence_ids, release_ids)
    load_roles(scope)
    load_scoring(scope, opp_ids)
    load_strategy(scope, opp_ids, release_ids)
    load_requirements(scope, opp_ids, persona_ids)
    load_market(scope, today)
    load_lifecycle(scope, today or date.today())
    load_checklists(scope, today or date.today())
    session.flush()
    return workspace


def _launch_backing(items: list[content.EvidenceSeed], ids: list[int], n: int = 3) -> list[int]:
    """Ids of the most important evidence for the opportunities of launched releases."""
    launched = {launch["release"] for launch in content.LAUNCHES
                if launch["status"] == "launched"}
    keys = {k for r in content.RELEASES if r["key"] in launched for k in r["opportunities"]}
    ranked = sorted((-(item["importance"] or 0), ev_id) for item, ev_id in zip(items, ids,
                                                                             strict=True)
                    if item["opportunity"] in keys)
    return [ev_id for _, ev_id in ranked[:n]]


def demo_sign_in_open(session: Session) -> bool:
    """True while the demo account still signs in with the published demo password.

    The sign-in page asks on every visit, so the slow password check runs once per stored
    hash and the answer is remembered; a visit then costs one small query.
    """
    password_hash = session.scalar(select(User.password_hash).where(User.email == DEMO_EMAIL))
    return password_hash is not None and _is_demo_password(password_hash)


@lru_cache(maxsize=8)
def _is_demo_password(password_hash: str) -> bool:
    return accounts.password_matches(password_hash, DEMO_PASSWORD)


def ensure_demo(runtime: Runtime) -> bool:
    """Create the demo user and workspace unless they exist. True when something was made."""
    with runtime.session() as session:
        if session.scalar(select(Workspace).where(Workspace.slug == DEMO_SLUG)) is not None:
            return False
        user = session.scalar(select(User).where(User.email == DEMO_EMAIL))
        if user is None:
            user = accounts.create_user(session, DEMO_EMAIL, DEMO_PASSWORD, "Demo Founder")
        load_demo(session, user)
    _themes(runtime)
    return True


def _themes(runtime: Runtime) -> None:
    """Embed the demo evidence and find its themes now (a few seconds with the real model),
    so the Themes page has something to show on first sign-in."""
    from tandem.inbound.embeddings.service import embed_missing
    from tandem.inbound.themes.service import run

    embedder = runtime.embedder
    embed_missing(lambda: runtime.scope(LocalAdmin(), DEMO_SLUG), embedder)
    with runtime.scope(LocalAdmin(), DEMO_SLUG) as scope:
        run(scope, embedder.name)
