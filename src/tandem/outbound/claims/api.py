"""The claims audit over the API, and its one workspace setting."""

from __future__ import annotations

from fastapi import APIRouter, Response

from tandem.api.deps import ActorDep, RuntimeDep
from tandem.api.schemas import STALE_RESPONSES
from tandem.api.versions import IfMatch, set_content_etag
from tandem.crud import require_content
from tandem.outbound.claims import service
from tandem.outbound.claims.engine import Share
from tandem.outbound.claims.schemas import (
    AssetAuditPublic,
    AuditPublic,
    ClaimPublic,
    ProofPublic,
    ReleaseSharePublic,
    SettingsPublic,
    SettingsUpdate,
    SharePublic,
)

router = APIRouter(tags=["Claims audit"])
BASE = "/workspaces/{workspace}/claims"


def _share(s: Share) -> SharePublic:
    return SharePublic(supported=s.supported, total=s.total, percent=s.percent)


def public(report: service.Report) -> AuditPublic:
    return AuditPublic(
        evidence_max_age_days=report.max_age_days, overall=_share(report.overall),
        assets=[AssetAuditPublic(
            key=g.group.key, title=g.group.title, kind=g.group.kind, status=g.group.status,
            release_id=g.group.release_id, href=g.group.href, share=_share(g.share),
            claims=[ClaimPublic(
                where=r.claim.where, ref=r.claim.ref, text=r.claim.text, href=r.claim.href,
                supported=r.supported, flags=[f.value for f in r.flags], problems=r.problems,
                proofs=[ProofPublic(kind=p.kind, label=p.label, evidence_id=p.evidence_id,
                                    exists=p.exists) for p in r.claim.proofs])
                for r in g.results]) for g in report.groups],
        releases=[ReleaseSharePublic(release_id=rid, release=name, share=_share(s))
                  for rid, name, s in report.releases],
        blocking=[g.group.title for g in report.blocking], passed=not report.blocking)


@router.get(BASE + "/audit", response_model=AuditPublic,
            summary="Every claim with its proof and flags; share supported per asset and "
            "release")
def get_audit(workspace: str, runtime: RuntimeDep, actor: ActorDep) -> AuditPublic:
    with runtime.scope(actor, workspace) as scope:
        return public(service.audit(scope))


def _settings(days: int, response: Response) -> SettingsPublic:
    found = SettingsPublic(evidence_max_age_days=days)
    set_content_etag(response, found.model_dump())
    return found


@router.get(BASE + "/settings", response_model=SettingsPublic, summary="The audit's setting")
def get_settings(workspace: str, response: Response, runtime: RuntimeDep,
                 actor: ActorDep) -> SettingsPublic:
    with runtime.scope(actor, workspace) as scope:
        return _settings(service.max_age_days(scope), response)


@router.put(BASE + "/settings", response_model=SettingsPublic,
            summary="Set how old evidence may be and still prove a claim",
            description="With If-Match (the ETag of the settings you read), only if nobody "
            "changed them since (412 otherwise).", responses=STALE_RESPONSES)
def put_settings(workspace: str, body: SettingsUpdate, response: Response, version: IfMatch,
                 runtime: RuntimeDep, actor: ActorDep) -> SettingsPublic:
    with runtime.scope(actor, workspace) as scope:
        require_content(scope, lambda: SettingsPublic(
            evidence_max_age_days=service.max_age_days(scope)).model_dump(), version,
            "claims audit settings")
        return _settings(service.update_settings(scope, body), response)
