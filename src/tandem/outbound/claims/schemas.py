"""The claims audit's API shapes and its one setting."""

from __future__ import annotations

from pydantic import BaseModel, Field

from tandem.schema import Strict


class SettingsUpdate(Strict):
    evidence_max_age_days: int = Field(ge=1, le=3650, title="Evidence older than this many "
                                       "days no longer proves a claim")


class SettingsPublic(BaseModel):
    evidence_max_age_days: int


class ProofPublic(BaseModel):
    kind: str
    label: str
    evidence_id: int | None
    exists: bool


class ClaimPublic(BaseModel):
    where: str
    ref: str
    text: str
    href: str
    supported: bool
    flags: list[str]
    problems: list[str]
    proofs: list[ProofPublic]


class SharePublic(BaseModel):
    supported: int
    total: int
    percent: int


class AssetAuditPublic(BaseModel):
    key: str = Field(description="e.g. house:3 or canvas:1")
    title: str
    kind: str
    status: str
    release_id: int | None
    href: str
    share: SharePublic
    claims: list[ClaimPublic]


class ReleaseSharePublic(BaseModel):
    release_id: int
    release: str
    share: SharePublic


class AuditPublic(BaseModel):
    evidence_max_age_days: int
    overall: SharePublic
    assets: list[AssetAuditPublic]
    releases: list[ReleaseSharePublic]
    blocking: list[str] = Field(description="Approved assets with an unsupported claim: "
                                "`tandem claims audit` exits 1 while any are listed")
    passed: bool
