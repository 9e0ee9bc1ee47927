"""The claims-audit rules, one case a row, with no database."""

from __future__ import annotations

from datetime import date

import pytest

from tandem.outbound.claims.engine import Claim, Flag, Proof, audit_claim, share

TODAY = date(2026, 11, 25)
FRESH = date(2026, 10, 1)
OLD = date(2024, 1, 1)


def ev(customer: str | None = "harbor", received: date = FRESH, exists: bool = True,
       n: int = 1, kind: str = "evidence") -> Proof:
    return Proof(kind, evidence_id=n, exists=exists, received_on=received, customer=customer)


@pytest.mark.parametrize(("proofs", "flags", "supported"), [
    ((), [Flag.no_proof], False),
    ((ev(),), [Flag.single_customer], True),
    ((ev("harbor", n=1), ev("elm", n=2)), [], True),
    ((ev("harbor", n=1), ev("harbor", n=2)), [Flag.single_customer], True),
    ((ev(None, n=1), ev(None, n=2)), [], True),  # unknown customers are not assumed equal
    ((ev(exists=False),), [Flag.evidence_deleted], False),
    ((ev(received=OLD),), [Flag.evidence_stale], False),
    ((ev(received=OLD, n=1), ev("elm", n=2)), [Flag.evidence_stale, Flag.single_customer],
     True),
    ((Proof("metric", metric="2h saved a week", source="Customer survey 2026"),), [], True),
    ((Proof("metric", metric="2h saved a week"),), [Flag.metric_no_source], False),
    ((Proof("third_party", url="https://example.org/review"),), [], True),
    ((Proof("third_party"),), [Flag.no_proof], False),
    ((ev(kind="win_loss"),), [Flag.single_customer], True),
    ((ev(), Proof("metric", metric="30%", source="Billing data")), [], True),
    ((ev(exists=False), Proof("metric", metric="30%")),
     [Flag.evidence_deleted, Flag.metric_no_source], False),
])
def test_flags_and_support(proofs: tuple[Proof, ...], flags: list[Flag],
                           supported: bool) -> None:
    result = audit_claim(Claim("house", "ref", "claim", proofs), TODAY, max_age_days=365)
    assert result.flags == flags
    assert result.supported is supported


@pytest.mark.parametrize(("age_limit", "stale"), [(30, True), (54, True), (55, False),
                                                  (365, False)])
def test_age_limit_is_the_workspace_setting(age_limit: int, stale: bool) -> None:
    result = audit_claim(Claim("house", "r", "c", (ev(),)), TODAY, age_limit)  # 55 days old
    assert (Flag.evidence_stale in result.flags) is stale


def test_share_counts_supported_claims() -> None:
    results = [audit_claim(Claim("house", "r", "c", p), TODAY, 365)
               for p in ((), (ev(),), (ev(),), ())]
    s = share(results)
    assert (s.supported, s.total, s.percent, s.unsupported) == (2, 4, 50, 2)
    assert share([]).percent == 100


@pytest.mark.parametrize(("context", "flagged"), [
    ((), True),
    ((ev("elm", n=2),), False),  # the pillar also quotes another customer
    ((ev("harbor", n=2),), True),
    ((ev("elm", n=2, exists=False),), True),  # a deleted sibling corroborates nothing
    ((Proof("metric", metric="30%", source="Billing"),), False),
])
def test_single_customer_looks_at_the_whole_pillar(context: tuple[Proof, ...],
                                                   flagged: bool) -> None:
    claim = Claim("house", "r", "c", (ev("harbor"),), context=context)
    result = audit_claim(claim, TODAY, 365)
    assert (Flag.single_customer in result.flags) is flagged
    assert result.supported
