"""One-click buttons and small step forms carry the version they were rendered with: the
requirements flow, a competitor mention's review, the roadmap's moves (the drag too), the
workshop's steps, the default scoring model and the positioning versions. A stale post
writes nothing and answers 409: the conflict page, or JSON for the board's drag. Both
engines."""

from __future__ import annotations

import html
import re

from tandem.accounts.models import User
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.inbound.release import Horizon, ReleaseCreate, releases
from tandem.inbound.requirements import service as requirements
from tandem.inbound.requirements.engine import Status
from tandem.inbound.requirements.schemas import RequirementBody
from tandem.inbound.roadmap import service as roadmap
from tandem.inbound.scoring import service as scoring
from tandem.market.competitor import CompetitorCreate, competitors
from tandem.market.competitors import service as intel
from tandem.market.competitors.models import MentionStatus
from tandem.market.product import ProductCreate, products
from tandem.outbound.positioning import service as positioning
from tandem.outbound.positioning.schemas import CanvasCreate, DraftUpdate, VersionCreate
from tandem.roles.assignment import PersonCreate, people
from tandem.roles.workshop import service as workshops
from tandem.roles.workshop.schemas import AnswerIn, AnswersIn, DecisionIn, WorkshopCreate
from tandem.runtime import Runtime
from tests.web.conftest import Browser
from tests.web.engines import rt_on_both_engines  # noqa: F401 - `rt` on both engines
from tests.web.test_stale_settings import refused, version_of


def _fresh(page: str) -> str:
    """The version the conflict page's "Save mine" sends."""
    found = re.findall(r'name="_version" value="(\d+)"', page)
    assert found, "the conflict page carries no version"
    return str(found[0])


def test_requirements_status_and_handoff_stale_are_refused(signed_in: Browser, rt: Runtime,
                                                           user: User) -> None:
    with rt.scope(user, "acme") as scope:
        opp = opportunities.create(scope, OpportunityCreate(
            title="payroll rota", problem="rota payroll retype")).id
        requirements.save(scope, opp, RequirementBody(title="Rota", problem="Retyping"))
    base = f"/w/acme/opportunities/{opp}/requirements"
    version = version_of(signed_in.get(base).text, base + "/status")
    with rt.scope(user, "acme") as scope:  # someone else rewrites it meanwhile
        requirements.save(scope, opp, RequirementBody(title="Rota", problem="Their text"))
    stale = signed_in.post(base + "/status", {"status": "in_review", "_version": version})
    refused(stale.text, stale.status_code, "In review", "Draft")
    with rt.scope(user, "acme") as scope:
        assert requirements.find(scope, opp).status == "draft"  # type: ignore[union-attr]
    saved = signed_in.post(base + "/status", {"status": "in_review",
                                              "_version": _fresh(stale.text)})
    assert saved.status_code == 303

    with rt.scope(user, "acme") as scope:
        requirements.set_status(scope, opp, Status.approved)
    handoff = {"what": "All stories", "to_name": "Dev",
               "tracker_url": "https://tracker.example/P-7"}
    version = version_of(signed_in.get(base).text, base + "/handoff")
    with rt.scope(user, "acme") as scope:  # sent back and approved again meanwhile
        requirements.set_status(scope, opp, Status.draft)
        requirements.set_status(scope, opp, Status.in_review)
        requirements.set_status(scope, opp, Status.approved)
    stale = signed_in.post(base + "/handoff", {**handoff, "_version": version})
    refused(stale.text, stale.status_code, "Handed to development", "Approved")
    with rt.scope(user, "acme") as scope:
        assert requirements.find(scope, opp).status == "approved"  # type: ignore[union-attr]
    assert 'name="tracker_url" value="https://tracker.example/P-7"' in stale.text
    saved = signed_in.post(base + "/handoff", {**handoff, "_version": _fresh(stale.text)})
    assert saved.status_code == 303
    with rt.scope(user, "acme") as scope:
        assert requirements.find(scope, opp).status == "handed_off"  # type: ignore[union-attr]


def test_competitor_mention_review_stale_is_refused(signed_in: Browser, rt: Runtime,
                                                    user: User) -> None:
    with rt.scope(user, "acme") as scope:
        rival = competitors.create(scope, CompetitorCreate(name="Punchline")).id
        evidence.create(scope, EvidenceCreate(text="Punchline is slow to schedule"))
        intel.scan(scope, competitor_id=rival)
        mention = intel.mentions(scope, rival, MentionStatus.linked)[0].row.id
    page = f"/w/acme/competitors/{rival}"
    reject = f"{page}/mentions/{mention}/rejected"
    version = version_of(signed_in.get(page).text, reject)
    with rt.scope(user, "acme") as scope:  # someone rejects it and then restores it
        intel.review(scope, mention, MentionStatus.rejected)
        intel.review(scope, mention, MentionStatus.linked)
    stale = signed_in.post(reject, {"_version": version})
    refused(stale.text, stale.status_code, "Rejected as a false match",
            "Counts as a mention")
    with rt.scope(user, "acme") as scope:
        assert intel.mention(scope, mention).status == "linked"
    saved = signed_in.post(reject, {"_version": _fresh(stale.text)})
    assert saved.status_code == 303
    with rt.scope(user, "acme") as scope:
        assert intel.mention(scope, mention).status == "rejected"


def test_roadmap_move_place_and_drag_stale_are_refused(signed_in: Browser, rt: Runtime,
                                                       user: User) -> None:
    with rt.scope(user, "acme") as scope:
        first = releases.create(scope, ReleaseCreate(name="Swap Center", horizon=Horizon.now)).id
        second = releases.create(scope, ReleaseCreate(name="Kiosk", horizon=Horizon.now)).id
        roadmap.place(scope, first, Horizon.now, 1)  # Swap Center first, Kiosk second
    board = signed_in.get("/w/acme/roadmap").text
    move = f"/w/acme/roadmap/{first}/move"
    place = f"/w/acme/roadmap/{first}/place"
    version = version_of(board, move)
    assert f'data-id="{first}" data-version="{version}"' in board  # what the drag sends
    assert version_of(board, place) == version
    with rt.scope(user, "acme") as scope:  # someone else reorders the column meanwhile
        roadmap.place(scope, second, Horizon.now, 1)
    stale = signed_in.post(move, {"horizon": "later", "_version": version})
    refused(stale.text, stale.status_code, "Later", "Now")
    stale = signed_in.post(place, {"horizon": "now", "position": "2", "_version": version})
    assert stale.status_code == 409 and "Place in the column" in stale.text
    dragged = signed_in.post(place, {"horizon": "next", "position": "1", "_version": version},
                             headers={"Accept": "application/json"})
    assert dragged.status_code == 409 and "nothing was moved" in dragged.json()["message"]
    with rt.scope(user, "acme") as scope:
        assert releases.get(scope, first).horizon == "now"
        assert releases.get(scope, second).rank == 1
    fresh = version_of(signed_in.get("/w/acme/roadmap").text, place)
    done = signed_in.post(place, {"horizon": "next", "position": "1", "_version": fresh},
                          headers={"Accept": "application/json"})
    assert done.status_code == 204
    with rt.scope(user, "acme") as scope:
        assert releases.get(scope, first).horizon == "next"


def test_workshop_steps_stale_are_refused(signed_in: Browser, rt: Runtime,
                                          user: User) -> None:
    with rt.scope(user, "acme") as scope:
        me = people.create(scope, PersonCreate(name="Pia", roles="PM"))
        me.user_id = user.id
        agency = people.create(scope, PersonCreate(name="Agency", roles="Marcom")).id
        pia = me.id
        shop = workshops.create(scope, WorkshopCreate(title="Q1",
                                                      participant_ids=[pia, agency])).id
        activity = workshops.view(scope, shop).activities[0]
    url = f"/w/acme/workshops/{shop}"
    answer = f"{url}/answer/{pia}"
    version = version_of(signed_in.get(answer).text, answer)
    with rt.scope(user, "acme") as scope:  # answered in another tab meanwhile
        workshops.submit(scope, shop, pia, AnswersIn(answers=[
            AnswerIn(activity=activity, raci="R")]))
    stale = signed_in.post(answer, {"raci-0": "A", "_version": version})
    refused(stale.text, stale.status_code, "A", "R")
    assert html.escape(activity) in stale.text  # rows named by activity
    with rt.scope(user, "acme") as scope:
        assert [a.raci for a in workshops.answers_of(scope, shop, pia)] == ["R"]
        workshops.reveal(scope, shop)

    page = signed_in.get(url).text
    decide = version_of(page, f"{url}/decide")
    assert decide == "0"  # nobody has settled it yet
    with rt.scope(user, "acme") as scope:  # someone settles it meanwhile
        workshops.decide(scope, shop, DecisionIn(activity=activity, accountable_id=agency))
    stale = signed_in.post(f"{url}/decide", {"activity": activity,
                                             "accountable_id": str(pia), "_version": decide})
    refused(stale.text, stale.status_code, "Pia", "Agency")
    with rt.scope(user, "acme") as scope:
        found = workshops.decision(scope, shop, activity)
        assert found is not None and found.accountable_id == agency

    page = signed_in.get(url).text
    apply, reassess = version_of(page, f"{url}/apply"), version_of(page, f"{url}/reassess")
    with rt.scope(user, "acme") as scope:  # someone sets the re-assessment date meanwhile
        workshops.set_reassess(scope, shop, None)
        workshops.get(scope, shop).title = "Q1 roles"
    stale = signed_in.post(f"{url}/apply", {"_version": apply})
    refused(stale.text, stale.status_code, "Applied to the RACI", "Revealed")
    stale = signed_in.post(f"{url}/reassess", {"reassess_on": "2027-03-01",
                                               "_version": reassess})
    refused(stale.text, stale.status_code, "2027-03-01", "Revealed")
    with rt.scope(user, "acme") as scope:
        shown = workshops.get(scope, shop)
        assert shown.stage == "revealed" and shown.reassess_on is None
    applied = signed_in.post(f"{url}/apply", {"_version": _fresh(stale.text)})
    assert applied.status_code == 303
    with rt.scope(user, "acme") as scope:
        assert workshops.get(scope, shop).stage == "closed"


def test_make_default_stale_is_refused(signed_in: Browser, rt: Runtime, user: User) -> None:
    with rt.scope(user, "acme") as scope:
        scoring.add_standard_models(scope)
        wsjf = next(m for m in scoring.scoring_models.all(scope) if m.method == "wsjf")
        assert not wsjf.is_default
        wsjf_id = wsjf.id
    action = "/w/acme/prioritise/default"
    version = version_of(signed_in.get(f"/w/acme/prioritise?model={wsjf_id}").text, action)
    with rt.scope(user, "acme") as scope:  # someone else edits the model meanwhile
        scoring.scoring_models.get(scope, wsjf_id).description = "Their reading of WSJF"
    stale = signed_in.post(action, {"model": str(wsjf_id), "_version": version})
    refused(stale.text, stale.status_code, "Default", "Not the default")
    with rt.scope(user, "acme") as scope:
        assert not scoring.scoring_models.get(scope, wsjf_id).is_default
    saved = signed_in.post(action, {"model": str(wsjf_id), "_version": _fresh(stale.text)})
    assert saved.status_code == 303
    with rt.scope(user, "acme") as scope:
        assert scoring.scoring_models.get(scope, wsjf_id).is_default


DRAFT = {"target": "operations leads at clinics", "need": "lose hours on rotas",
         "category": "scheduling platform",
         "attributes": [{"attribute": "Payroll-ready timesheets",
                         "value": "cuts payroll to minutes", "evidence_ids": []}]}


def test_positioning_versions_stale_are_refused(signed_in: Browser, rt: Runtime,
                                                user: User) -> None:
    with rt.scope(user, "acme") as scope:
        product = products.create(scope, ProductCreate(name="Shiftwell")).id
        canvas = positioning.create(scope, CanvasCreate(product_id=product)).id
        positioning.update_draft(scope, canvas, DraftUpdate.model_validate(DRAFT))
        positioning.save_version(scope, canvas, VersionCreate(note="first"))
        positioning.update_draft(scope, canvas, DraftUpdate(category="rota app"))
        positioning.save_version(scope, canvas, VersionCreate(note="second"))
    base = f"/w/acme/positioning/{canvas}"
    page = signed_in.get(base).text
    current, restore = f"{base}/versions/1/current", f"{base}/versions/1/restore"
    version = version_of(page, current)
    assert version_of(page, restore) == version
    review = version_of(signed_in.get(base + "/review").text, f"{base}/versions")
    with rt.scope(user, "acme") as scope:  # someone else edits the draft meanwhile
        positioning.update_draft(scope, canvas, DraftUpdate(category="their category"))
    stale = signed_in.post(current, {"_version": version})
    refused(stale.text, stale.status_code, "Version 1", "Version 2")
    stale = signed_in.post(restore, {"_version": version})
    refused(stale.text, stale.status_code, "Version 1, to edit from", "their category")
    stale = signed_in.post(f"{base}/versions", {"note": "mine", "_version": review})
    refused(stale.text, stale.status_code, "as you reviewed it", "their category")
    with rt.scope(user, "acme") as scope:
        view = positioning.view(scope, canvas)
        assert view.canvas.current_version == 2 and len(view.versions) == 2
        assert view.canvas.draft["category"] == "their category"
    saved = signed_in.post(current, {"_version": _fresh(stale.text)})
    assert saved.status_code == 303
    with rt.scope(user, "acme") as scope:
        assert positioning.view(scope, canvas).canvas.current_version == 1
