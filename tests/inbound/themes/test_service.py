"""Themes in a workspace on both engines: the full run, re-runs that keep what people
decided, new evidence joining the nearest theme, curation, and theme -> opportunity."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from sqlalchemy import select

from tandem.errors import Conflict, Invalid, NotFound
from tandem.inbound.embeddings.service import embed_batch
from tandem.inbound.evidence.models import Evidence
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.inbound.themes import curation, service
from tandem.inbound.themes.models import Theme, ThemeMember
from tandem.loop.models import EvidenceOpportunity
from tandem.scope import Scope
from tests.inbound.support import EMBEDDER, add

MODEL = EMBEDDER.name
WORDS = {"payroll": ["payroll", "rota", "export", "overtime", "wages"],
         "calendar": ["calendar", "google", "sync", "shifts", "appointments"],
         "invoice": ["invoice", "pdf", "download", "vat", "billing"]}


def text(group: str, i: int) -> str:
    w = WORDS[group]
    return f"{w[i % 5]} {w[(i + 1) % 5]} {w[(i + 2) % 5]} {w[(i + 3) % 5]} problem {i}"


def seed(scope: Scope, per_group: int = 8) -> dict[str, list[int]]:
    """Three clearly separate groups of evidence, embedded."""
    out: dict[str, list[int]] = {}
    for group in WORDS:
        out[group] = [add(scope, text(group, i), customer_company=f"{group.title()} Co {i % 3}",
                          received_on=date.today() - timedelta(days=7 * (i % 4))).id
                      for i in range(per_group)]
    return out


def theme_of(scope: Scope, evidence_id: int) -> int | None:
    return scope.session.scalar(select(ThemeMember.theme_id).where(
        ThemeMember.evidence_id == evidence_id))


def themes(scope: Scope) -> list[Theme]:
    return list(scope.session.scalars(select(Theme).order_by(Theme.id)))


def test_a_run_finds_one_theme_per_group_with_figures(scope: Scope) -> None:
    groups = seed(scope)
    outcome = service.run(scope, MODEL)
    assert outcome.items == 24 and outcome.themes == 3 and outcome.new_themes == 3
    for ids in groups.values():
        assert len({theme_of(scope, i) for i in ids}) == 1
    found = service.overview(scope, MODEL)
    assert sorted(v.theme.size for v in found.themes) == [8, 8, 8]
    assert found.unsorted == 0 and found.embedded == 24
    payroll = next(v for v in found.themes if "payroll" in v.theme.label
                   or "rota" in v.theme.label or "export" in v.theme.label)
    assert len(payroll.quotes) == 3
    assert payroll.customers.companies == 3  # Payroll Co 0, 1, 2
    assert sum(payroll.trend) == 8 and len(payroll.trend) == service.TREND_WEEKS
    assert payroll.trend[-1] == 2  # i = 0, 4 received this week
    assert payroll.theme.description.startswith("Customers talk about")


def test_rerun_keeps_labels_merges_pins_hides_and_moves(scope: Scope) -> None:
    groups = seed(scope)
    service.run(scope, MODEL)
    pay, cal, inv = (theme_of(scope, groups[g][0]) for g in ("payroll", "calendar", "invoice"))
    assert pay and cal and inv
    curation.update_theme(scope, pay, label="Payroll exports", hidden=True)
    curation.merge(scope, cal, [inv])  # a person decided these are one problem
    moved = groups["payroll"][1]
    curation.move(scope, cal, [moved])
    outcome = service.run(scope, MODEL)
    assert outcome.new_themes == 0
    assert {t.id for t in themes(scope)} == {pay, cal}
    renamed = scope.session.get(Theme, pay)
    assert renamed is not None and renamed.label == "Payroll exports" and renamed.hidden
    assert all(theme_of(scope, i) == cal for i in groups["calendar"] + groups["invoice"])
    assert theme_of(scope, moved) == cal
    assert all(theme_of(scope, i) == pay for i in groups["payroll"] if i != moved)
    listed = service.overview(scope, MODEL)
    assert [v.theme.id for v in listed.themes] == [cal] and listed.hidden == 1


def test_rerun_keeps_a_split_and_a_pinned_theme(scope: Scope) -> None:
    groups = seed(scope)
    service.run(scope, MODEL)
    pay = theme_of(scope, groups["payroll"][0])
    assert pay
    chosen = groups["payroll"][:3]
    new = curation.split(scope, pay, chosen, label="Rota exports")
    assert new.size == 3 and scope.session.get(Theme, pay).size == 5  # type: ignore[union-attr]
    cal = theme_of(scope, groups["calendar"][0])
    assert cal
    curation.update_theme(scope, cal, pinned=True)
    stray = add(scope, "calendar google sync shifts payroll invoice", embed=True)
    curation.move(scope, cal, [stray.id])
    service.run(scope, MODEL)
    assert [theme_of(scope, i) for i in chosen] == [new.id] * 3
    assert all(theme_of(scope, i) == pay for i in groups["payroll"][3:])
    assert theme_of(scope, stray.id) == cal
    assert scope.session.get(Theme, new.id).label == "Rota exports"  # type: ignore[union-attr]


def test_split_in_two_by_reclustering(scope: Scope) -> None:
    groups = seed(scope)
    service.run(scope, MODEL)
    cal = theme_of(scope, groups["calendar"][0])
    inv = theme_of(scope, groups["invoice"][0])
    assert cal and inv
    curation.merge(scope, cal, [inv])
    new = curation.split(scope, cal)
    assert new.size == 8 and scope.session.get(Theme, cal).size == 8  # type: ignore[union-attr]
    halves = {theme_of(scope, i) for i in groups["invoice"]}, \
        {theme_of(scope, i) for i in groups["calendar"]}
    assert {len(h) for h in halves} == {1} and halves[0] != halves[1]
    with pytest.raises(Invalid):
        curation.split(scope, cal, [groups["payroll"][0]])  # not in this theme


def test_new_evidence_joins_the_nearest_theme_or_stays_unsorted(scope: Scope) -> None:
    groups = seed(scope)
    service.run(scope, MODEL)
    inv = theme_of(scope, groups["invoice"][0])
    near = evidence.create(scope, EvidenceCreate(text=text("invoice", 2)))
    far = evidence.create(scope, EvidenceCreate(text="zebra quartz lantern"))
    assert embed_batch(scope, EMBEDDER) == [near.id, far.id]  # the hook runs after a batch
    assert theme_of(scope, near.id) == inv
    assert theme_of(scope, far.id) is None
    assert scope.session.get(Theme, inv).size == 9  # type: ignore[union-attr]
    assert service.overview(scope, MODEL).unsorted == 1


def test_a_theme_centre_follows_the_evidence_that_joins_it(scope: Scope) -> None:
    """After each batch the centre is the normalised mean of all members' vectors, so the
    next batch is judged against the theme as it now is."""
    groups = seed(scope)
    service.run(scope, MODEL)
    inv = theme_of(scope, groups["invoice"][0])
    theme = scope.session.get(Theme, inv)
    assert theme is not None
    before = np.asarray(theme.centroid)
    typical = [scope.session.get(Evidence, i).text  # type: ignore[union-attr]
               for i in service.member_ids(scope, inv)[:2]]
    for batch in (typical, typical[:1]):
        for body in batch:
            evidence.create(scope, EvidenceCreate(text=body))
        joined = embed_batch(scope, EMBEDDER)
        assert {theme_of(scope, i) for i in joined} == {inv}
        members = service.member_ids(scope, inv)
        found, vectors = service.member_vectors(scope, MODEL, members)
        mean = vectors.mean(axis=0)
        mean /= np.linalg.norm(mean)
        assert np.allclose(theme.centroid, mean, atol=2e-3)
        stored = scope.session.scalars(select(ThemeMember.similarity).where(
            ThemeMember.evidence_id.in_(joined)))
        assert sorted(stored) == pytest.approx(sorted(vectors[[found.index(i) for i in joined]]
                                                      @ np.asarray(theme.centroid)), abs=1e-4)
    assert theme.size == 11
    assert float(np.asarray(theme.centroid) @ before) < 0.9999  # it moved


def test_theme_becomes_an_opportunity_with_its_evidence_linked(scope: Scope) -> None:
    groups = seed(scope)
    service.run(scope, MODEL)
    pay = theme_of(scope, groups["payroll"][0])
    assert pay
    made = curation.to_opportunity(scope, pay, "Fix payroll exports")
    linked = set(scope.session.scalars(select(EvidenceOpportunity.evidence_id).where(
        EvidenceOpportunity.opportunity_id == made.id)))
    assert linked == set(groups["payroll"])
    assert made.title == "Fix payroll exports" and made.problem.startswith("Customers talk")
    with pytest.raises(Conflict):
        curation.to_opportunity(scope, pay)


def test_curation_refuses_bad_input(scope: Scope) -> None:
    groups = seed(scope, 4)
    service.run(scope, MODEL)
    some = themes(scope)[0].id
    with pytest.raises(NotFound):
        curation.update_theme(scope, 10**6, label="x")
    with pytest.raises(Invalid):
        curation.update_theme(scope, some, label="   ")
    with pytest.raises(Invalid):
        curation.merge(scope, some, [some])
    with pytest.raises(Invalid):
        curation.move(scope, some, [10**6])
    one = evidence.create(scope, EvidenceCreate(text="lonely"))
    lone = curation.move(scope, some, [one.id])
    assert theme_of(scope, one.id) == lone.id
    assert scope.session.scalar(select(Evidence.id).where(Evidence.id == groups["payroll"][0]))


def test_deleted_evidence_leaves_its_theme(scope: Scope) -> None:
    groups = seed(scope, 6)
    service.run(scope, MODEL)
    pay = theme_of(scope, groups["payroll"][0])
    assert pay
    evidence.delete(scope, groups["payroll"][0])
    scope.session.flush()
    found = service.view(scope, pay)
    assert found.size == 5 and groups["payroll"][0] not in service.member_ids(scope, pay)


def test_one_run_at_a_time(scope: Scope) -> None:
    first = service.start(scope, MODEL)
    assert service.start(scope, MODEL).id == first.id  # still queued: the same job
