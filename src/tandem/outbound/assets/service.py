"""Assets: generate battlecards, release notes, changelog entries, launch emails, one-pagers,
FAQs, pitch outlines and plan comparisons from the house, competitor, release and product;
edit (each edit a new version, its claims re-read from the body); approve.

Events go on the asset ("assets", asset id), so its History shows edits and approvals.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from tandem import documents
from tandem.errors import Conflict, Invalid, NotFound
from tandem.inbound.evidence.models import Evidence, Source
from tandem.inbound.opportunity import Opportunity
from tandem.inbound.release import Release, releases
from tandem.loop.models import OpportunityRelease
from tandem.market.competitor import Competitor
from tandem.market.competitors import prices as competitor_prices
from tandem.market.packaging import service as packaging
from tandem.market.product import Product, products
from tandem.outbound.assets import engine
from tandem.outbound.assets.models import Asset, AssetClaim, AssetKind, AssetVersion
from tandem.outbound.assets.schemas import AssetEdit, AssetGenerate, AssetStatusChange
from tandem.outbound.messaging import service as messaging
from tandem.outbound.messaging.models import HouseStatus, MessagingHouse, ProofKind, ProofPoint
from tandem.outbound.positioning import service as positioning
from tandem.platform.events import service as events
from tandem.platform.policy import Action
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
    if body.release_id is not None:  # whatever the kind, a named release must exist
        _release_facts(scope, body.kind, body.release_id)
    product_id = body.product_id
    if product_id is not None:  # whatever the kind, a named product must exist
        try:
            products.get(scope, product_id)
        except NotFound as exc:
            raise Invalid(exc.message, "product_id") from None
    if body.kind is AssetKind.battlecard:
        competitor = _competitor(scope, body.competitor)
        competitor_id = competitor.id
        wins, losses = _win_loss(scope, competitor.name)
        ours, theirs = _pricing(scope, house, competitor.id)
        written = engine.battlecard(engine.CompetitorFacts(
            competitor.name, competitor.website, competitor.description,
            competitor.strengths, competitor.weaknesses), facts, product, wins, losses,
            ours, theirs)
    elif body.kind is AssetKind.plan_comparison:
        product_id, written = _plan_comparison(scope, body.product_id, house, facts)
    elif body.kind in RELEASE_KINDS:
        written = RELEASE_KINDS[body.kind](_release_facts(scope, body.kind, release_id),
                                           facts, product)
    else:
        if house is None:
            raise Invalid(f"A {body.kind.value.replace('_', '-')} is written from a messaging "
                          "house: choose one.", "house_id")
        written = _from_house(scope, body.kind, house, facts, product)
    asset = Asset(workspace_id=scope.workspace_id, kind=body.kind.value,
                  title=written.title[:200], house_id=house.id if house else None,
                  release_id=release_id, competitor_id=competitor_id,
                  product_id=product_id, body=written.markdown, version=1)
    scope.session.add(asset)
    scope.session.flush()
    scope.session.add(AssetVersion(workspace_id=scope.workspace_id, asset_id=asset.id,
                                   number=1, body=written.markdown,
                                   author_label=scope.actor.label[:254]))
    _set_claims(scope, asset, written.point_ids)
    events.record(scope, "created", KIND, asset.id, asset.title,
                  {"kind": [None, asset.kind], "version": [None, 1]})
    return asset


def _pricing(scope: Scope, house: MessagingHouse | None, competitor_id: int
             ) -> tuple[tuple[engine.PriceFacts, ...], tuple[engine.PriceFacts, ...]]:
    """Our plans (the house's product, else the first product with plans) and the
    competitor's, for the battlecard's pricing comparison."""
    _name, ours = packaging.plan_lines(scope, house.product_id if house else None)
    if not ours and house is not None:
        _name, ours = packaging.plan_lines(scope)
    theirs = competitor_prices.lines(scope, competitor_id)
    return (tuple(engine.PriceFacts(p.plan, p.price, p.included) for p in ours),
            tuple(engine.PriceFacts(plan, price, included, f"{plan} seen {seen}")
                  for plan, price, included, seen in theirs))


def _plan_comparison(scope: Scope, product_id: int | None, house: MessagingHouse | None,
                     facts: engine.HouseFacts | None) -> tuple[int, engine.Written]:
    """The product's plan comparison table (the product named, else the house's, else the
    only one), with the house's core message above it when there is a house."""
    if product_id is None and house is not None:
        product_id = house.product_id
    if product_id is None:
        found = products.all(scope)
        if len(found) != 1:
            raise Invalid("A plan comparison is of one product: choose it.", "product_id")
        product_id = found[0].id
    try:
        found_packaging = packaging.get(scope, product_id)
    except NotFound as exc:
        raise Invalid(exc.message, "product_id") from None
    if not found_packaging.plans:
        raise Invalid(f"{found_packaging.product.name} has no plans yet: add them on its "
                      "packaging page first.", "product_id")
    return product_id, engine.plan_comparison(
        found_packaging.product.name, found_packaging.markdown(),
        facts.core_message if facts else "")


RELEASE_KINDS = {AssetKind.release_notes: engine.release_notes,
                 AssetKind.changelog: engine.changelog,
                 AssetKind.launch_email: engine.launch_email}


def _release_facts(scope: Scope, kind: AssetKind, release_id: int | None
                   ) -> engine.ReleaseFacts:
    if release_id is None:
        raise Invalid(f"A {kind.value.replace('_', ' ')} needs a release (or a house tied to "
                      "one).", "release_id")
    try:
        release: Release = releases.get(scope, release_id)
    except NotFound as exc:
        raise Invalid(exc.message, "release_id") from None
    return engine.ReleaseFacts(
        release.name, release.version, release.description,
        release.shipped_on.isoformat() if release.shipped_on else "",
        _addresses(scope, release.id))


def _addresses(scope: Scope, release_id: int) -> tuple[str, ...]:
    return tuple(scope.session.scalars(select(Opportunity.title).join(
        OpportunityRelease, OpportunityRelease.opportunity_id == Opportunity.id).where(
        OpportunityRelease.release_id == release_id).order_by(Opportunity.title)).all())


def _from_house(scope: Scope, kind: AssetKind, house: MessagingHouse,
                facts: engine.HouseFacts | None, product: str) -> engine.Written:
    """The assets written from a house alone: one-pager, FAQ, pitch outline."""
    if kind is AssetKind.one_pager:
        problems = _addresses(scope, house.release_id) if house.release_id else ()
        statement = positioning.current_statement(scope, house.product_id)
        return engine.one_pager(facts, product, statement, problems)
    if kind is AssetKind.faq:
        names = tuple(scope.session.scalars(select(Competitor.name).where(
            Competitor.workspace_id == scope.workspace_id).order_by(Competitor.name)).all())
        return engine.faq(facts, product, names)
    view = messaging.view(scope, house.id)
    rows = []
    for row in view.matrix:
        point = view.proof_point(row.proof_point_id)
        rows.append(engine.PersonaRow(
            view.persona_names.get(row.persona_id, "A persona"), row.pain, row.key_message,
            engine.Point(point.id, point.claim, _citation(point, view.quotes))
            if point is not None else None, row.call_to_action))
    return engine.pitch_outline(facts, product, tuple(rows))


def _set_claims(scope: Scope, asset: Asset, point_ids: tuple[int, ...]) -> None:
    scope.session.execute(delete(AssetClaim).where(AssetClaim.asset_id == asset.id))
    for pid in dict.fromkeys(point_ids):
        scope.session.add(AssetClaim(workspace_id=scope.workspace_id, asset_id=asset.id,
                                     proof_point_id=pid))
    scope.session.flush()


def get(scope: Scope, asset_id: int) -> Asset:
    scope.require(Action.read)
    asset = scope.owned(Asset, asset_id)
    if asset is None:
        raise NotFound(f"No asset {asset_id} in this workspace.")
    return asset


def all_assets(scope: Scope, *, release_id: int | None = None,
               competitor_id: int | None = None, status: str | None = None) -> list[Asset]:
    """Every asset, newest first; or only a release's, a competitor's battlecards, or those
    in one approval status."""
    scope.require(Action.read)
    query = select(Asset).where(Asset.workspace_id == scope.workspace_id)
    if status is not None:
        query = query.where(Asset.status == status)
    if release_id is not None:
        query = query.where(Asset.release_id == release_id)
    if competitor_id is not None:
        query = query.where(Asset.competitor_id == competitor_id)
    return list(scope.session.scalars(query.order_by(Asset.id.desc())).all())


def count_by_status(scope: Scope, status: str) -> int:
    scope.require(Action.read)
    return int(scope.session.scalar(select(func.count()).select_from(Asset).where(
        Asset.workspace_id == scope.workspace_id, Asset.status == status)) or 0)


def claim_ids(scope: Scope, asset_id: int) -> list[int]:
    return list(scope.session.scalars(select(AssetClaim.proof_point_id).where(
        AssetClaim.asset_id == asset_id).order_by(AssetClaim.id)).all())


def versions(scope: Scope, asset_id: int) -> list[AssetVersion]:
    get(scope, asset_id)
    return list(scope.session.scalars(select(AssetVersion).where(
        AssetVersion.asset_id == asset_id).order_by(AssetVersion.number.desc())).all())


def compare(scope: Scope, asset_id: int, left: int | None = None, right: int | None = None
            ) -> tuple[AssetVersion, AssetVersion, list[engine.DiffLine]]:
    """Two versions of an asset and the lines that changed between them; by default the
    one before the latest against the latest."""
    found = {v.number: v for v in versions(scope, asset_id)}
    newest = max(found)
    right = newest if right is None else right
    left = max(right - 1, 1) if left is None else left
    for number, field in ((left, "left"), (right, "right")):
        if number not in found:
            raise Invalid(f"This asset has no version {number} (it has 1 to {newest}).", field)
    return found[left], found[right], engine.compare(found[left].body, found[right].body)


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


FORMATS = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8",
           "pdf": "application/pdf"}


def render(asset: Asset, fmt: str) -> tuple[bytes, str]:
    """(content, media type) of the asset as Markdown, a whole HTML page, or PDF (fonts
    embedded; blocking, so faces call it off the event loop)."""
    fmt = "md" if fmt == "markdown" else fmt
    if fmt not in FORMATS:
        raise Invalid(f"Format '{fmt}' is not md, html or pdf.", "format")
    if fmt == "md":
        return asset.body.encode(), FORMATS[fmt]
    status = asset.status.replace("_", " ")
    meta = f"Version {asset.version} · {status}" + (
        f" · approved by {asset.approved_by}" if asset.approved_by else "")
    page = documents.page(asset.title, engine.to_html(asset.body), meta)
    return (documents.pdf(page) if fmt == "pdf" else page.encode()), FORMATS[fmt]
