"""The claims audit over the workspace: every claim in the current positioning, the messaging
houses and their persona matrices, with the proof each cites, judged by `engine`.

Claims, and what proves them:
- canvas (current version): each unique attribute's value, proved by its evidence;
- house: each proof point (its one citation), and each pillar with no proof point at all;
- matrix: each row's key message, proved by the proof point it cites;
- asset (battlecard, release notes): each proof point whose claim its text states.

The launch gate (`blocking`) is any approved house or asset with an unsupported claim.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from tandem.inbound.evidence.models import Evidence
from tandem.inbound.release import Release
from tandem.outbound.assets import service as assets
from tandem.outbound.claims import engine
from tandem.outbound.claims.models import DEFAULT_MAX_AGE_DAYS, ClaimsSettings
from tandem.outbound.claims.schemas import SettingsUpdate
from tandem.outbound.messaging import service as messaging
from tandem.outbound.messaging.models import HouseStatus, ProofKind, ProofPoint
from tandem.outbound.positioning import engine as positioning_engine
from tandem.outbound.positioning import service as positioning
from tandem.platform.events import service as events
from tandem.platform.policy import Action
from tandem.scope import Scope

SETTINGS_KIND = "claims_settings"


# --- the one setting ------------------------------------------------------------------------

def max_age_days(scope: Scope) -> int:
    scope.require(Action.read)
    row = scope.session.scalar(select(ClaimsSettings).where(
        ClaimsSettings.workspace_id == scope.workspace_id))
    return row.evidence_max_age_days if row else DEFAULT_MAX_AGE_DAYS


def update_settings(scope: Scope, body: SettingsUpdate) -> int:
    scope.require(Action.update)
    row = scope.session.scalar(select(ClaimsSettings).where(
        ClaimsSettings.workspace_id == scope.workspace_id))
    if row is None:
        row = ClaimsSettings(workspace_id=scope.workspace_id,
                             evidence_max_age_days=DEFAULT_MAX_AGE_DAYS)
        scope.session.add(row)
    before = row.evidence_max_age_days
    row.evidence_max_age_days = body.evidence_max_age_days
    scope.session.flush()
    if before != body.evidence_max_age_days:
        events.record(scope, "updated", SETTINGS_KIND, row.id, "Claims audit settings",
                      {"evidence max age (days)": [before, body.evidence_max_age_days]})
    return row.evidence_max_age_days


# --- who said it ------------------------------------------------------------------------------

def customer_key(item: Evidence) -> str | None:
    """The customer a piece of evidence comes from, for the single-customer rule.

    HOOK: today this is the free-text company on the evidence (case and spacing ignored).
    When company records land (evidence pointing at a company row), return that row's id
    here instead; nothing else in the audit needs to change.
    """
    name = " ".join(item.customer_company.split()).lower()
    return name or None


# --- collecting claims ------------------------------------------------------------------------

@dataclass
class Group:
    """An asset whose claims are audited together: a canvas or a house (later, assets)."""

    key: str
    title: str
    kind: str  # positioning | messaging house
    status: str
    release_id: int | None
    href: str
    claims: list[engine.Claim] = field(default_factory=list)


class _Facts:
    """Evidence facts for many ids, in one query."""

    def __init__(self, scope: Scope, ids: Iterable[int]) -> None:
        wanted = {i for i in ids if i}
        rows = scope.session.scalars(select(Evidence).where(
            Evidence.workspace_id == scope.workspace_id, Evidence.id.in_(wanted))).all() \
            if wanted else []
        self.rows = {e.id: e for e in rows}

    def proof(self, kind: str, evidence_id: int) -> engine.Proof:
        found = self.rows.get(evidence_id)
        if found is None:
            return engine.Proof(kind, f"Evidence #{evidence_id} (deleted)", evidence_id,
                                exists=False)
        who = found.customer_company or "unknown customer"
        return engine.Proof(kind, f"Evidence #{evidence_id} · {who} · "
                            f"{found.received_on.isoformat()}", evidence_id, True,
                            found.received_on, customer_key(found))


def _point_proof(point: ProofPoint, facts: _Facts) -> engine.Proof:
    if point.kind in (ProofKind.evidence.value, ProofKind.win_loss.value):
        return facts.proof(point.kind, point.cited_evidence_id or 0)
    if point.kind == ProofKind.metric.value:
        return engine.Proof("metric", f"{point.metric} ({point.source or 'no source'})",
                            metric=point.metric, source=point.source)
    return engine.Proof("third_party", f"{point.source or 'Third party'}: {point.url}",
                        source=point.source, url=point.url)


def collect(scope: Scope) -> list[Group]:
    base = f"/w/{scope.workspace.slug}"
    canvases = positioning.all_views(scope)
    houses = [messaging.view(scope, h.id) for h in messaging.houses(scope)]
    cited: set[int] = set()
    for cv in canvases:
        if cv.current is not None:
            for a in positioning_engine.normalised(cv.current.content)["attributes"]:
                cited.update(a["evidence_ids"])
    for hv in houses:
        cited.update(p.cited_evidence_id for p in hv.all_points if p.cited_evidence_id)
    facts = _Facts(scope, cited)
    proofs = {p.id: _point_proof(p, facts) for hv in houses for p in hv.all_points}
    siblings = {pt.id: tuple(proofs[o.id] for o in pv.proof_points if o.id != pt.id)
                for hv in houses for pv in hv.pillars for pt in pv.proof_points}
    claims_text = {p.id: p.claim for hv in houses for p in hv.all_points}
    groups: list[Group] = []
    for cv in canvases:
        if cv.current is None:
            continue
        href = f"{base}/positioning/{cv.canvas.id}"
        group = Group(f"canvas:{cv.canvas.id}", f"Positioning: {cv.title}", "positioning",
                      f"version {cv.current.number}", None, href)
        for i, a in enumerate(positioning_engine.normalised(cv.current.content)["attributes"],
                              1):
            group.claims.append(engine.Claim(
                "canvas", f"Attribute {i}: {a['attribute']}", a["value"],
                tuple(facts.proof("evidence", e) for e in a["evidence_ids"]), href,
                group.key))
        groups.append(group)
    for hv in houses:
        house = hv.house
        href = f"{base}/messaging/{house.id}"
        group = Group(f"house:{house.id}", house.name, "messaging house", house.status,
                      house.release_id, href)
        points = {p.id: p for p in hv.all_points}
        for pv in hv.pillars:
            if not pv.proof_points:
                group.claims.append(engine.Claim(
                    "house", f"Pillar '{pv.pillar.title}'", pv.pillar.title, (), href,
                    group.key))
            for n, point in enumerate(pv.proof_points, 1):
                group.claims.append(engine.Claim(
                    "house", f"Pillar '{pv.pillar.title}' · proof point {n}", point.claim,
                    (proofs[point.id],), href + f"#point-{point.id}", group.key,
                    siblings[point.id]))
        for row in hv.matrix:
            persona = hv.persona_names.get(row.persona_id, "?")
            segment = hv.segment_names.get(row.segment_id) if row.segment_id else None
            cited_point = points.get(row.proof_point_id) if row.proof_point_id else None
            group.claims.append(engine.Claim(
                "matrix", f"Matrix: {persona}" + (f" · {segment}" if segment else ""),
                row.key_message, (proofs[cited_point.id],) if cited_point else (),
                href + "#matrix", group.key,
                siblings[cited_point.id] if cited_point else ()))
        groups.append(group)
    for asset in assets.all_assets(scope):
        href = f"{base}/assets/{asset.id}"
        group = Group(f"asset:{asset.id}", asset.title, asset.kind.replace("_", " "),
                      asset.status, asset.release_id, href)
        for n, pid in enumerate(assets.claim_ids(scope, asset.id), 1):
            group.claims.append(engine.Claim(
                "asset", f"Claim {n}", claims_text.get(pid, ""), (proofs[pid],)
                if pid in proofs else (), href, group.key, siblings.get(pid, ())))
        groups.append(group)
    return groups


# --- the audit --------------------------------------------------------------------------------

@dataclass
class GroupAudit:
    group: Group
    results: list[engine.Audited]

    @property
    def share(self) -> engine.Share:
        return engine.share(self.results)


@dataclass
class Report:
    max_age_days: int
    groups: list[GroupAudit]
    releases: list[tuple[int, str, engine.Share]]

    @property
    def overall(self) -> engine.Share:
        return engine.share(r for g in self.groups for r in g.results)

    @property
    def blocking(self) -> list[GroupAudit]:
        """Approved assets with an unsupported claim: a launch gated on the audit waits."""
        return [g for g in self.groups if g.group.status == HouseStatus.approved.value
                and g.share.unsupported]

    def of(self, key: str) -> GroupAudit | None:
        return next((g for g in self.groups if g.group.key == key), None)


def audit(scope: Scope, today: date | None = None) -> Report:
    today = today or date.today()
    limit = max_age_days(scope)
    audited = [GroupAudit(g, engine.audit(g.claims, today, limit)) for g in collect(scope)]
    per_release: dict[int, list[engine.Audited]] = defaultdict(list)
    for g in audited:
        if g.group.release_id is not None:
            per_release[g.group.release_id].extend(g.results)
    names = dict(scope.session.execute(select(Release.id, Release.name).where(
        Release.id.in_(per_release))).tuples().all()) if per_release else {}
    releases = sorted(((rid, names.get(rid, "?"), engine.share(results))
                       for rid, results in per_release.items()), key=lambda r: r[1].lower())
    return Report(limit, audited, releases)
