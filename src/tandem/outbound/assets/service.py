"""Assets: generate a battlecard or release notes from the house, competitor and release;
edit (each edit a new version, its claims re-read from the body); approve.

Events go on the asset ("assets", asset id), so its History shows edits and approvals.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from tandem.errors import Conflict, Invalid, NotFound
from tandem.inbound.evidence.models import Evidence, Source
from tandem.inbound.opportunity import Opportunity
from tandem.inbound.release import Release, releases
from tandem.loop.models import OpportunityRelease
from tandem.market.competitor import Competitor
from tandem.market.product import Product
from tandem.outbound.assets import engine
from tandem.outbound.assets.models import Asset, AssetClaim, AssetKind, AssetVersion
from tandem.outbound.assets.schemas import AssetEdit, AssetGenerate, AssetStatusChange
from tandem.outbound.messaging import service as messaging
from tandem.outbound.messaging.models import HouseStatus, MessagingHouse, ProofKind, ProofPoint
from tandem.platform.events import service as events
from tandem.platform.policy import Action
from tandem.schema import MAX_ID
from tandem.scope import Scope
from tandem.storage.base import utcnow

KIND = "assets"
WIN_LOSS_QUOTES = 5


def _citation(point: ProofPoint, quotes: dict[int, Evidence]) -> str:
    if point.kind in (ProofKind.evidence.value, ProofKind.win_loss.value):
        found = quotes.get(point.evidence_id or 0)
        return (f"{'win/loss' if point.kind == 'win_loss' else 'quote'}, "
                f"{found.customer_company or 'a customer'}") if found else "evidence deleted"
    if point.kind == ProofKind.metric.value:
        return f"{point.metric}; source: {point.source or 'none yet'}"
    return f"{point.source or 'third party'}: {point.url}"


def house_facts(scope: Scope, house_id: int) -> engine.HouseFacts:
    view = messaging.view(scope, house_id)
    return engine.HouseFacts(view.house.name, view.house.core_message, tuple(
        engine.PillarFacts(p.pillar.title, p.pillar.body, tuple(
            engine.Point(pt.id, pt.claim, _citation(pt, view.quotes))
            for pt in p.proof_points)) for p in view.pillars))


def _competitor(scope: Scope, name: str) -> Competitor:
    if not name.strip():
        raise Invalid("A battlecard needs a competitor: name one.", "competitor")
    found = scope.session.scalar(select(Competitor).where(
        Competitor.workspace_id == scope.workspace_id,
        func.lower(Competitor.name) == name.strip().lower()))
    if found is None:
        raise Invalid(f"No competitor named '{name.strip()}' in this workspace.", "competitor")
    return found


def _win_loss(scope: Scope, name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Win/loss evidence that names the competitor: quotes starting "Won"/"Lost" (or
    mentioning a loss) split into wins and losses."""
    rows = scope.session.scalars(select(Evidence).where(
        Evidence.workspace_id == scope.workspace_id,
        Evidence.source == Source.win_loss.value,
        func.lower(Evidence.text).contains(name.lower()))
        .order_by(Evidence.received_on.desc()).limit(4 * WIN_LOSS_QUOTES)).all()
    lost = tuple(e.text for e in rows if e.text.lower().lstrip().startswith(("lost", "loss"))
                 )[:WIN_LOSS_QUOTES]
    won = tuple(e.text for e in rows if e.text not in lost)[:WIN_LOSS_QUOTES]
    return won, lost


def _product_name(scope: Scope, house: MessagingHouse | None) -> str:
    if house is not None:
        product = scope.session.get(Product, house.product_id)
        if product is not None:
            return product.name
    first = scope.session.scalar(select(Product.name).where(
        Product.workspace_id == scope.workspace_id).order_by(Product.id))
    return first or "Our product"


def generate(scope: Scope, body: AssetGenerate) -> Asset:
    """Write an asset from the structured data (the same data gives the same text)."""
    scope.require(Action.create)
    house = None
    if body.house_id is not None:
        try:
            house = messaging.view(scope, body.house_id).house
        except NotFound as exc:
            raise Invalid(exc.message, "house_id") from None
    facts = house_facts(scope, house.id) if house else None
    product = _product_name(scope, house)
    competitor_id = None
    release_id = body.release_id if body.release_id is not None else (
        house.release_id if house else None)
    if body.kind is AssetKind.battlecard:
        competitor = _competitor(scope, body.competitor)
        competitor_id = competitor.id
        wins, losses = _win_loss(scope, competitor.name)
        written = engine.battlecard(engine.CompetitorFacts(
            competitor.name, competitor.website, competitor.description,
            competitor.strengths, competitor.weaknesses), facts, product, wins, losses)
    else:
        if release_id is None:
            raise Invalid("Release notes need a release (or a house tied to one).",
                          "release_id")
        try:
            release: Release = releases.get(scope, release_id)
        except NotFound as exc:
            raise Invalid(exc.message, "release_id") from None
        addresses = tuple(scope.session.scalars(select(Opportunity.title).join(
            OpportunityRelease, OpportunityRelease.opportunity_id == Opportunity.id).where(
            OpportunityRelease.release_id == release.id).order_by(Opportunity.title)).all())
        written = engine.release_notes(engine.ReleaseFacts(
            release.name, release.version, release.description,
            release.shipped_on.isoformat() if release.shipped_on else "", addresses),
            facts, product)
    asset = Asset(workspace_id=scope.workspace_id, kind=body.kind.value,
                  title=written.title[:200], house_id=house.id if house else None,
                  release_id=release_id, competitor_id=competitor_id,
                  body=written.markdown, version=1)
    scope.session.add(asset)
    scope.session.flush()
    scope.session.add(AssetVersion(workspace_id=scope.workspace_id, asset_id=asset.id,
                                   number=1, body=written.markdown,
                                   author_label=scope.actor.label[:254]))
    _set_claims(scope, asset, written.point_ids)
    events.record(scope, "created", KIND, asset.id, asset.title,
                  {"kind": [None, asset.kind], "version": [None, 1]})
    return asset


def _set_claims(scope: Scope, asset: Asset, point_ids: tuple[int, ...]) -> None:
    scope.session.execute(delete(AssetClaim).where(AssetClaim.asset_id == asset.id))
    for pid in dict.fromkeys(point_ids):
        scope.session.add(AssetClaim(workspace_id=scope.workspace_id, asset_id=asset.id,
                                     proof_point_id=pid))
    scope.session.flush()


def get(scope: Scope, asset_id: int) -> Asset:
    scope.require(Action.read)
    asset = scope.session.get(Asset, asset_id) if 1 <= asset_id <= MAX_ID else None
    if asset is None or asset.workspace_id != scope.workspace_id:
        raise NotFound(f"No asset {asset_id} in this workspace.")
    return asset


def all_assets(scope: Scope) -> list[Asset]:
    scope.require(Action.read)
    return list(scope.session.scalars(select(Asset).where(
        Asset.workspace_id == scope.workspace_id).order_by(Asset.id.desc())).all())


def claim_ids(scope: Scope, asset_id: int) -> list[int]:
    return list(scope.session.scalars(select(AssetClaim.proof_point_id).where(
        AssetClaim.asset_id == asset_id).order_by(AssetClaim.id)).all())


def versions(scope: Scope, asset_id: int) -> list[AssetVersion]:
    get(scope, asset_id)
    return list(scope.session.scalars(select(AssetVersion).where(
        AssetVersion.asset_id == asset_id).order_by(AssetVersion.number.desc())).all())


def edit(scope: Scope, asset_id: int, body: AssetEdit) -> Asset:
    """Save an edit as the next version; the claims it makes are read again from the text
    (a proof point's claim removed from the body no longer counts), so its audit re-runs."""
    scope.require(Action.update)
    asset = get(scope, asset_id)
    if body.markdown == asset.body:
        return asset
    asset.version += 1
    asset.body = body.markdown
    scope.session.add(AssetVersion(workspace_id=scope.workspace_id, asset_id=asset.id,
                                   number=asset.version, body=body.markdown,
                                   author_label=scope.actor.label[:254]))
    try:
        scope.session.flush()
    except IntegrityError:  # a concurrent edit took this version number
        scope.session.rollback()
        raise Conflict(f"Version {asset.version} was just saved by someone else: reload and "
                       "edit again.", "markdown") from None
    known: dict[int, str] = {}
    if asset.house_id is not None:
        known = {pt.id: pt.claim for pt in messaging.view(scope, asset.house_id).all_points}
    _set_claims(scope, asset, engine.used_points(body.markdown, known))
    events.record(scope, "updated", KIND, asset.id, asset.title,
                  {"version": [asset.version - 1, asset.version]})
    return asset


def set_status(scope: Scope, asset_id: int, body: AssetStatusChange) -> Asset:
    scope.require(Action.update)
    asset = get(scope, asset_id)
    before = asset.status
    if before == body.status.value:
        return asset
    asset.status = body.status.value
    approved = body.status is HouseStatus.approved
    asset.approved_by = scope.actor.label[:254] if approved else ""
    asset.approved_at = utcnow() if approved else None
    scope.session.flush()
    changes: dict[str, list[str | None]] = {"status": [before, asset.status]}
    if approved:
        changes["approved by"] = [None, asset.approved_by]
    events.record(scope, "updated", KIND, asset.id, asset.title, changes)
    return asset


def render(asset: Asset, fmt: str) -> tuple[str, str]:
    """(content, media type) of the asset in Markdown or HTML."""
    if fmt in ("md", "markdown"):
        return asset.body, "text/markdown; charset=utf-8"
    if fmt == "html":
        page = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>"
                + engine.escape(asset.title) + "</title></head><body>"
                + engine.to_html(asset.body) + "</body></html>\n")
        return page, "text/html; charset=utf-8"
    raise Invalid(f"Format '{fmt}' is not md or html (PDF is not available yet).", "format")
