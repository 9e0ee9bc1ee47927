"""The home page's numbers and warnings come from real workspace state."""

from __future__ import annotations

from datetime import date

from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.inbound.release import ReleaseCreate, releases
from tandem.loop import links
from tandem.loop.overview import overview
from tandem.outbound.launch import LaunchCreate, launches
from tandem.roles.assignment import AssignmentCreate, PersonCreate, assignments, people
from tandem.scope import Scope

TODAY = date(2026, 11, 25)


def test_counts_and_triage(scope: Scope) -> None:
    old = evidence.create(scope, EvidenceCreate(text="old", received_on=date(2026, 1, 1)))
    evidence.create(scope, EvidenceCreate(text="new", received_on=date(2026, 11, 20)))
    opp = opportunities.create(scope, OpportunityCreate(title="Payroll"))
    opportunities.create(scope, OpportunityCreate(title="Unbacked"))
    links.link(scope, "evidence", old.id, "opportunities", opp.id)
    view = overview(scope, TODAY)
    assert view.counts["evidence"] == 2
    assert view.counts["evidence_recent"] == 1
    assert view.counts["evidence_unlinked"] == 1
    assert view.counts["opportunities_unbacked"] == 1
    texts = [a.message for a in view.attention]
    assert "1 evidence item is not linked to any opportunity yet." in texts
    assert "1 opportunity has no evidence behind it." in texts


def test_release_without_launch_is_flagged_until_it_has_one(scope: Scope) -> None:
    rel = releases.create(scope, ReleaseCreate(name="Swap Center", horizon="now",
                                               status="in_progress",
                                               target_date=date(2026, 12, 15)))
    releases.create(scope, ReleaseCreate(name="Someday", horizon="later"))
    view = overview(scope, TODAY)
    flagged = [a for a in view.attention if "Swap Center" in a.message]
    assert len(flagged) == 1 and flagged[0].side == "outbound"
    assert flagged[0].href.endswith(f"/releases/{rel.id}")
    assert not any("Someday" in a.message for a in view.attention)
    assert [i.release.name for i in view.board["now"]] == ["Swap Center"]
    launches.create(scope, LaunchCreate(name="Swap launch", release_id=rel.id, tier=2))
    assert not any("Swap Center" in a.message for a in overview(scope, TODAY).attention)


def test_outbound_owner_warnings(scope: Scope) -> None:
    assert any("no marketing owner" in a.message for a in overview(scope, TODAY).attention)
    pia = people.create(scope, PersonCreate(name="Pia", roles="PMM")).id
    assignments.create(scope, AssignmentCreate(activity="Launch", person_id=pia, raci="A"))
    assignments.create(scope, AssignmentCreate(activity="Sales tools", person_id=pia, raci="R"))
    texts = [a.message for a in overview(scope, TODAY).attention]
    assert not any("no marketing owner" in t for t in texts)
    assert any(t == "No one is accountable for: Sales tools." for t in texts)


def test_a_launch_after_its_release_is_flagged(scope: Scope) -> None:
    rel = releases.create(scope, ReleaseCreate(name="Payroll Sync", horizon="now",
                                               target_date=date(2027, 4, 15)))
    launch = launches.create(scope, LaunchCreate(name="Payroll launch", release_id=rel.id,
                                                 launch_date=date(2027, 4, 20)))
    texts = [a.message for a in overview(scope, TODAY).attention]
    assert ("Launch 'Payroll launch' (20 Apr 2027) comes after its release 'Payroll Sync' "
            "is due (15 Apr 2027).") in texts
    launches.update(scope, launch.id, launches.update_schema.model_validate(
        {"launch_date": "2027-04-14"}))
    assert not any("comes after" in a.message for a in overview(scope, TODAY).attention)


def test_a_renamed_outbound_activity_still_needs_an_owner(scope: Scope) -> None:
    from tandem.roles import service as roles
    roles.rename_activity(scope, "Launch", "Go-live")
    pia = people.create(scope, PersonCreate(name="Pia", roles="PMM")).id
    assignments.create(scope, AssignmentCreate(activity="Go-live", person_id=pia, raci="R"))
    alarms = [a for a in overview(scope, TODAY).attention if a.side == "roles"]
    assert [a.message for a in alarms] == [
        "Nobody is accountable for any outbound activity: the product has no marketing owner."]
    assert alarms[0].href.endswith("/roles")


def test_the_reminder_to_assess_roles_again(scope: Scope) -> None:
    from datetime import timedelta

    from tandem.roles.workshop import service as workshops
    from tandem.roles.workshop.schemas import WorkshopCreate

    pia = people.create(scope, PersonCreate(name="Pia", roles="PMM")).id
    w = workshops.create(scope, WorkshopCreate(title="Spring roles", participant_ids=[pia])).id
    workshops.set_reassess(scope, w, TODAY + timedelta(days=20))

    def reminders() -> list[tuple[str, str]]:
        return [(a.message, a.href) for a in overview(scope, TODAY).attention
                if a.message.startswith("Time to assess")]

    assert reminders() == []
    workshops.set_reassess(scope, w, TODAY + timedelta(days=5))
    assert reminders() == [("Time to assess roles again: Spring roles, due 30 Nov 2026.",
                            f"/w/{scope.workspace.slug}/workshops/{w}")]


def test_outbound_counts_approved_assets_and_unsupported_claims(scope: Scope) -> None:
    from tandem.market.product import ProductCreate, products
    from tandem.outbound.assets import service as assets
    from tandem.outbound.assets.models import AssetKind
    from tandem.outbound.assets.schemas import AssetGenerate, AssetStatusChange
    from tandem.outbound.messaging import service as messaging
    from tandem.outbound.messaging.models import HouseStatus
    from tandem.outbound.messaging.schemas import HouseCreate, PillarIn, ProofPointIn

    empty = overview(scope, TODAY).counts
    assert (empty["assets_approved"], empty["claims_unsupported"]) == (0, 0)
    product = products.create(scope, ProductCreate(name="Shiftwell")).id
    release = releases.create(scope, ReleaseCreate(name="Kiosk")).id
    house = messaging.create(scope, HouseCreate(
        name="Core", product_id=product, core_message="Rotas that run", release_id=release,
        pillars=[PillarIn(title="Payroll in minutes"), PillarIn(title="Cover found fast")]))
    pillars = [p.pillar.id for p in messaging.view(scope, house.id).pillars]
    messaging.add_proof_point(scope, pillars[0], ProofPointIn(
        claim="Two hours saved", kind="metric", metric="2 h/week", source="2026 survey"))
    counts = overview(scope, TODAY).counts
    assert counts["claims_unsupported"] == 1  # the second pillar has no proof point
    notes = assets.generate(scope, AssetGenerate(kind=AssetKind.release_notes,
                                                 release_id=release, house_id=house.id))
    assets.generate(scope, AssetGenerate(kind=AssetKind.changelog, release_id=release))
    assert overview(scope, TODAY).counts["assets_approved"] == 0
    assets.set_status(scope, notes.id, AssetStatusChange(status=HouseStatus.approved))
    messaging.add_proof_point(scope, pillars[1], ProofPointIn(
        claim="Cover in an hour", kind="metric", metric="58 min"))  # a metric with no source
    counts = overview(scope, TODAY).counts
    assert counts["assets_approved"] == 1
    assert counts["claims_unsupported"] == 1  # the pillar is covered, its proof is not
