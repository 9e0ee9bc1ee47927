"""Pure claims-audit rules: which flags a claim gets from the proof it cites.

A claim is supported when at least one of its proofs stands: evidence that still exists and
is younger than the workspace's age limit (a win/loss record is evidence with source
win_loss), a metric with its source, or a third-party validation with a URL. Flags say what
is wrong. `single_customer` is a warning, not a failure: the claim stands but rests on one
customer's word. No database here: table-driven tests cover every rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Flag(StrEnum):
    no_proof = "no_proof"
    evidence_deleted = "evidence_deleted"
    evidence_stale = "evidence_stale"
    single_customer = "single_customer"
    metric_no_source = "metric_no_source"


FLAG_TEXT = {
    Flag.no_proof: "no proof cited",
    Flag.evidence_deleted: "cited evidence was deleted",
    Flag.evidence_stale: "cited evidence is older than the age limit",
    Flag.single_customer: "all its evidence comes from a single customer",
    Flag.metric_no_source: "a metric with no source",
}
WARNINGS = frozenset({Flag.single_customer})


@dataclass(frozen=True)
class Proof:
    """What a claim cites, as the audit needs it. For evidence, `exists` False means the
    cited evidence is gone; `customer` is who said it (None when unknown)."""

    kind: str  # evidence | win_loss | metric | third_party
    label: str = ""
    evidence_id: int | None = None
    exists: bool = True
    received_on: date | None = None
    customer: str | None = None
    metric: str = ""
    source: str = ""
    url: str = ""

    @property
    def is_evidence(self) -> bool:
        return self.kind in ("evidence", "win_loss")


@dataclass(frozen=True)
class Claim:
    where: str  # canvas | house | matrix | asset
    ref: str  # what a person recognises, e.g. "Pillar 'Less admin' · proof point 2"
    text: str
    proofs: tuple[Proof, ...] = ()
    href: str = ""
    group: str = ""  # the asset it belongs to ("house:3", "canvas:1")
    # Other proof behind the same pillar: it counts for the single-customer rule only, so a
    # proof point quoting one customer is fine when its pillar also quotes others.
    context: tuple[Proof, ...] = ()


@dataclass
class Audited:
    claim: Claim
    flags: list[Flag] = field(default_factory=list)
    supported: bool = False

    @property
    def problems(self) -> list[str]:
        return [FLAG_TEXT[f] for f in self.flags]


def proof_flags(proof: Proof, today: date, max_age_days: int) -> list[Flag]:
    """What is wrong with one proof (empty when it stands)."""
    if proof.is_evidence:
        if not proof.exists:
            return [Flag.evidence_deleted]
        if proof.received_on is not None and (today - proof.received_on).days > max_age_days:
            return [Flag.evidence_stale]
        return []
    if proof.kind == "metric":
        return [] if proof.source.strip() else [Flag.metric_no_source]
    if proof.kind == "third_party":
        return [] if proof.url.strip() else [Flag.no_proof]
    return [Flag.no_proof]


def audit_claim(claim: Claim, today: date, max_age_days: int) -> Audited:
    if not claim.proofs:
        return Audited(claim, [Flag.no_proof], False)
    flags: list[Flag] = []
    standing = 0
    for proof in claim.proofs:
        found = proof_flags(proof, today, max_age_days)
        standing += not found
        flags.extend(f for f in found if f not in flags)
    standing_proofs = [p for p in (*claim.proofs, *claim.context)
                       if not proof_flags(p, today, max_age_days)]
    evidence = [p for p in standing_proofs if p.is_evidence]
    others = [p for p in standing_proofs if not p.is_evidence]
    customers = {p.customer or f"unknown#{p.evidence_id}" for p in evidence}
    own_evidence = any(p.is_evidence for p in claim.proofs)
    if own_evidence and evidence and not others and len(customers) == 1:
        flags.append(Flag.single_customer)
    return Audited(claim, flags, standing > 0)


@dataclass(frozen=True)
class Share:
    supported: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.supported / self.total) if self.total else 100

    @property
    def unsupported(self) -> int:
        return self.total - self.supported


def share(results: Iterable[Audited]) -> Share:
    items = list(results)
    return Share(sum(1 for r in items if r.supported), len(items))


def audit(claims: Iterable[Claim], today: date, max_age_days: int) -> list[Audited]:
    return [audit_claim(c, today, max_age_days) for c in claims]
