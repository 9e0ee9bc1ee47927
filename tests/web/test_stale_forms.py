"""Feature web forms carry the version they were rendered from: a stale one saves nothing
and answers with the conflict page (409) showing both versions (`tandem.web.stale`)."""

from __future__ import annotations

import inspect
import re

from fastapi.routing import APIRoute

from tandem import features
from tandem.accounts.models import User
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.inbound.release import ReleaseCreate, releases
from tandem.inbound.requirements import service as requirements
from tandem.inbound.requirements.schemas import RequirementBody
from tandem.inbound.strategy import service as strategy
from tandem.inbound.strategy.calc import LifecycleStage
from tandem.inbound.themes import curation
from tandem.inbound.themes import service as themes
from tandem.market.persona import PersonaCreate, personas
from tandem.market.pricing import service as pricing
from tandem.market.pricing.schemas import SurveyCreate, SurveyUpdate
from tandem.market.pricing.survey import Method
from tandem.market.product import ProductCreate, products
from tandem.market.segment import SegmentCreate, segments
from tandem.market.sizing import service as sizing
from tandem.market.sizing.schemas import SizingUpdate
from tandem.outbound.assets import service as assets
from tandem.outbound.assets.models import AssetKind
from tandem.outbound.assets.schemas import AssetEdit, AssetGenerate
from tandem.outbound.checklists import service as checklists
from tandem.outbound.checklists.models import LaunchTask
from tandem.outbound.checklists.schemas import TaskCreate, TaskUpdate
from tandem.outbound.launch import LaunchCreate, launches
from tandem.outbound.messaging import service as messaging
from tandem.outbound.messaging.schemas import (
    HouseCreate,
    HouseUpdate,
    MatrixRowIn,
    PillarIn,
    ProofPointIn,
)
from tandem.outbound.positioning import service as positioning
from tandem.outbound.positioning.schemas import CanvasCreate, DraftUpdate
from tandem.platform.feature import load
from tandem.runtime import Runtime
from tests.inbound.themes.test_service import seed, theme_of
from tests.web import test_stale_clicks as stale_clicks
from tests.web import test_stale_settings as stale_settings
from tests.web.conftest import Browser
from tests.web.test_stale_settings import refused


def _version_in(page: str) -> str:
    found = re.search(r'name="_version" value="(\d+)"', page)
    assert found, "the form carries no version"
    return found.group(1)


def test_positioning_step_stale_isrefused(signed_in: Browser, rt: Runtime,
                                           user: User) -> None:
    with rt.scope(user, "acme") as scope:
        product = products.create(scope, ProductCreate(name="Shiftwell")).id
        canvas = positioning.create(scope, CanvasCreate(product_id=product)).id
    step = f"/w/acme/positioning/{canvas}/step/category"
    version = _version_in(signed_in.get(step).text)
    with rt.scope(user, "acme") as scope:  # someone else saves the step meanwhile
        positioning.update_draft(scope, canvas, DraftUpdate(category="theirs app"))
    stale = signed_in.post(step, {"category": "mine app", "_version": version})
    refused(stale.text, stale.status_code, "mine app", "theirs app")
    with rt.scope(user, "acme") as scope:
        draft = positioning.view(scope, canvas).canvas.draft
        assert draft["category"] == "theirs app"
    fresh = _version_in(stale.text)  # "Save mine" re-posts against the version saved now
    saved = signed_in.post(step, {"category": "mine app", "_version": fresh})
    assert saved.status_code == 303
    with rt.scope(user, "acme") as scope:
        assert positioning.view(scope, canvas).canvas.draft["category"] == "mine app"


def _house(rt: Runtime, user: User) -> dict[str, int]:
    with rt.scope(user, "acme") as scope:
        product = products.create(scope, ProductCreate(name="Shiftwell")).id
        persona = personas.create(scope, PersonaCreate(name="Ops Olivia")).id
        release = releases.create(scope, ReleaseCreate(name="Swap Center")).id
        house = messaging.create(scope, HouseCreate(
            name="Core", product_id=product, core_message="Rotas that run", release_id=release,
            pillars=[PillarIn(title="Payroll in minutes"), PillarIn(title="Cover fast")])).id
        pillar = messaging.view(scope, house).pillars[0].pillar.id
        point = messaging.add_proof_point(scope, pillar, ProofPointIn(
            claim="Two hours saved", kind="metric", metric="2 h/week", source="survey")).id
        row = messaging.add_matrix_row(scope, house, MatrixRowIn(
            persona_id=persona, key_message="Close payroll in minutes")).id
    return {"house": house, "point": point, "row": row}


def _versions(page: str) -> list[str]:
    return re.findall(r'name="_version" value="(\d+)"', page)


def test_messaging_forms_stale_arerefused(signed_in: Browser, rt: Runtime,
                                          user: User) -> None:
    ids = _house(rt, user)
    base = f"/w/acme/messaging/{ids['house']}"
    page = signed_in.get(base).text
    assert len(_versions(page)) >= 4  # status, roof, proof point, matrix row
    with rt.scope(user, "acme") as scope:  # someone else edits all three meanwhile
        messaging.update(scope, ids["house"], HouseUpdate(core_message="Their roof"))
        messaging.update_proof_point(scope, ids["point"], ProofPointIn(
            claim="Their claim", kind="metric", metric="3 h/week", source="survey"))
        messaging.update_matrix_row(scope, ids["row"], MatrixRowIn(
            persona_id=messaging.matrix_row(scope, ids["row"]).persona_id,
            key_message="Their key message", proof_point_id=ids["point"]))

    roof = signed_in.post(base + "/edit", {"core_message": "My roof", "_version": "1"})
    refused(roof.text, roof.status_code, "My roof", "Their roof")
    stale = signed_in.post(f"/w/acme/messaging/points/{ids['point']}", {
        "claim": "My claim", "kind": "metric", "metric": "4 h/week", "source": "survey",
        "_version": "1"})
    refused(stale.text, stale.status_code, "My claim", "Their claim")
    stale = signed_in.post(f"/w/acme/messaging/matrix/{ids['row']}/proof",
                           {"proof_point_id": "", "_version": "1"})
    assert stale.status_code == 409 and "matrix row" in stale.text
    with rt.scope(user, "acme") as scope:
        view = messaging.view(scope, ids["house"])
        assert view.house.core_message == "Their roof"
        assert view.all_points[0].claim == "Their claim"
        assert messaging.matrix_row(scope, ids["row"]).proof_point_id == ids["point"]
    saved = signed_in.post(base + "/edit", {"core_message": "My roof",
                                            "_version": _version_in(roof.text)})
    assert saved.status_code == 303
    with rt.scope(user, "acme") as scope:
        assert messaging.view(scope, ids["house"]).house.core_message == "My roof"


def test_asset_edit_stale_isrefused(signed_in: Browser, rt: Runtime, user: User) -> None:
    ids = _house(rt, user)
    with rt.scope(user, "acme") as scope:
        asset = assets.generate(scope, AssetGenerate(kind=AssetKind.release_notes,
                                                     house_id=ids["house"])).id
    page = f"/w/acme/assets/{asset}"
    version = _version_in(signed_in.get(page).text)
    with rt.scope(user, "acme") as scope:
        assets.edit(scope, asset, AssetEdit(markdown="# Theirs\n\nTheir text."))
    stale = signed_in.post(page + "/edit", {"body": "# Mine\n\nMy text.", "_version": version})
    refused(stale.text, stale.status_code, "My text.", "Their text.")
    status = signed_in.post(page + "/status", {"status": "approved", "_version": version})
    assert status.status_code == 409
    with rt.scope(user, "acme") as scope:
        found = assets.get(scope, asset)
        assert "Their text." in found.body and found.version == 2
        assert found.status != "approved"
    saved = signed_in.post(page + "/edit", {"body": "# Mine\n\nMy text.",
                                            "_version": _version_in(stale.text)})
    assert saved.status_code == 303


def test_requirements_edit_stale_isrefused(signed_in: Browser, rt: Runtime,
                                            user: User) -> None:
    with rt.scope(user, "acme") as scope:
        opp = opportunities.create(scope, OpportunityCreate(
            title="payroll rota", problem="rota payroll retype")).id
    edit = f"/w/acme/opportunities/{opp}/requirements/edit"
    assert _version_in(signed_in.get(edit).text) == "0"  # no document yet
    with rt.scope(user, "acme") as scope:  # someone else writes it first
        requirements.save(scope, opp, RequirementBody(title="Theirs", problem="Their problem"))
    fields = {"title": "Mine", "problem": "My problem", "story_count": "0",
              "metric_count": "0", "_version": "0"}
    stale = signed_in.post(edit, fields)
    refused(stale.text, stale.status_code, "My problem", "Their problem")
    with rt.scope(user, "acme") as scope:
        found = requirements.find(scope, opp)
        assert found is not None and found.title == "Theirs"
    saved = signed_in.post(edit, {**fields, "_version": _version_in(stale.text)})
    assert saved.status_code == 303
    with rt.scope(user, "acme") as scope:
        found = requirements.find(scope, opp)
        assert found is not None and found.title == "Mine"


def test_sizing_edit_stale_isrefused(signed_in: Browser, rt: Runtime, user: User) -> None:
    data = {"method": "bottom_up", "name": "Restaurants", "currency": "EUR"}
    for key, (low, base, high) in {"accounts": ("9k", "12k", "15k"), "seats": ("35", "45", "60"),
                                   "price": ("72", "96", "120"),
                                   "serviceable_share": ("50", "60", "70"),
                                   "adoption": ("2", "4", "6")}.items():
        data.update({f"{key}_low": low, f"{key}_base": base, f"{key}_high": high})
    made = signed_in.post("/w/acme/sizing", data)
    assert made.status_code == 303, made.text[:500]
    url = made.headers["location"]
    model_id = int(url.rsplit("/", 1)[1])
    version = _version_in(signed_in.get(url + "/edit").text)
    with rt.scope(user, "acme") as scope:
        sizing.update(scope, model_id, SizingUpdate(name="Their market"))
    stale = signed_in.post(url + "/edit", {**data, "name": "My market", "_version": version})
    refused(stale.text, stale.status_code, "My market", "Their market")
    with rt.scope(user, "acme") as scope:
        assert sizing.get(scope, model_id).name == "Their market"
    saved = signed_in.post(url + "/edit", {**data, "name": "My market",
                                           "_version": _version_in(stale.text)})
    assert saved.status_code == 303


VW = "TC,cheap,expensive,too_expensive,TC2\n1,2,4,5,1\n2,3,5,6,2\n3,4,6,7,3\n"


def test_pricing_mapping_stale_isrefused(signed_in: Browser, rt: Runtime,
                                          user: User) -> None:
    with rt.scope(user, "acme") as scope:
        survey = pricing.create_survey(scope, SurveyCreate.model_validate({
            "name": "Spring", "method": Method.van_westendorp, "csv": VW,
            "mapping": {"too_cheap": "TC"}})).id
    page = f"/w/acme/pricing/{survey}"
    version = _version_in(signed_in.get(page).text)
    with rt.scope(user, "acme") as scope:
        pricing.update_survey(scope, survey, SurveyUpdate(mapping={"too_cheap": "TC2"}))
    stale = signed_in.post(page + "/mapping", {"map_too_cheap": "TC", "_version": version})
    assert stale.status_code == 409 and "while you were editing" in stale.text
    with rt.scope(user, "acme") as scope:
        assert pricing.get_survey(scope, survey).mapping["too_cheap"] == "TC2"


def test_strategy_vision_stale_isrefused(signed_in: Browser, rt: Runtime,
                                          user: User) -> None:
    with rt.scope(user, "acme") as scope:
        product = products.create(scope, ProductCreate(name="Shiftwell")).id
    assert _version_in(signed_in.get("/w/acme/strategy").text) == "0"  # none saved yet
    with rt.scope(user, "acme") as scope:
        strategy.set_vision(scope, product, "Their vision", LifecycleStage.growth)
    url = f"/w/acme/strategy/products/{product}/vision"
    stale = signed_in.post(url, {"vision": "My vision", "lifecycle_stage": "maturity",
                                 "_version": "0"})
    refused(stale.text, stale.status_code, "My vision", "Their vision")
    with rt.scope(user, "acme") as scope:
        assert strategy.strategy(scope).products[0].vision == "Their vision"
    saved = signed_in.post(url, {"vision": "My vision", "lifecycle_stage": "maturity",
                                 "_version": _version_in(stale.text)})
    assert saved.status_code == 303
    with rt.scope(user, "acme") as scope:
        assert strategy.strategy(scope).products[0].vision == "My vision"


def test_checklist_task_edit_stale_isrefused(signed_in: Browser, rt: Runtime,
                                              user: User) -> None:
    with rt.scope(user, "acme") as scope:
        release = releases.create(scope, ReleaseCreate(name="Payroll Sync")).id
        launch = launches.create(scope, LaunchCreate.model_validate({
            "name": "Payroll launch", "release_id": release, "tier": 3})).id
        task = checklists.add(scope, launch, TaskCreate(title="Blog post")).id
    base = f"/w/acme/launches/{launch}"
    version = _version_in(signed_in.get(base).text)
    with rt.scope(user, "acme") as scope:
        checklists.update(scope, task, TaskUpdate(title="Their blog post"))
    stale = signed_in.post(f"{base}/checklist/tasks/{task}/edit", {
        "title": "My blog post", "_version": version})
    refused(stale.text, stale.status_code, "My blog post", "Their blog post")
    with rt.scope(user, "acme") as scope:
        assert scope.owned(LaunchTask, task).title == "Their blog post"  # type: ignore[union-attr]


def test_theme_rename_stale_isrefused(signed_in: Browser, rt: Runtime, user: User) -> None:
    with rt.scope(user, "acme") as scope:
        groups = seed(scope)
        themes.run(scope, rt.embedder.name)
        pay = theme_of(scope, groups["payroll"][0])
    page = f"/w/acme/themes/{pay}"
    version = _version_in(signed_in.get(page).text)
    with rt.scope(user, "acme") as scope:
        curation.update_theme(scope, pay, label="Their payroll")
    stale = signed_in.post(page + "/rename", {"label": "My payroll", "description": "",
                                              "_version": version})
    refused(stale.text, stale.status_code, "My payroll", "Their payroll")
    with rt.scope(user, "acme") as scope:
        assert themes.get(scope, pay).label == "Their payroll"


def test_segment_criteria_and_persona_profile_stale_arerefused(
        signed_in: Browser, rt: Runtime, user: User) -> None:
    with rt.scope(user, "acme") as scope:
        seg = segments.create(scope, SegmentCreate(name="Retail")).id
        pid = personas.create(scope, PersonaCreate(name="Omar")).id
    criteria = f"/w/acme/segments/{seg}/criteria"
    profile = f"/w/acme/personas/{pid}/profile"
    seg_version = _version_in(signed_in.get(criteria).text)
    persona_version = _version_in(signed_in.get(profile).text)
    with rt.scope(user, "acme") as scope:
        segments.update(scope, seg, segments.update_schema.model_validate(
            {"market_size_source": "Their census"}))
        personas.update(scope, pid, personas.update_schema.model_validate(
            {"goals": ["Their goal"]}))
    stale = signed_in.post(criteria, {"market_size": "12", "market_size_source": "My census",
                                      "_version": seg_version})
    refused(stale.text, stale.status_code, "My census", "Their census")
    stale = signed_in.post(profile, {"type": "user", "goals": "My goal",
                                     "buying_roles": ["champion"], "_version": persona_version})
    refused(stale.text, stale.status_code, "My goal", "Their goal")
    assert 'name="buying_roles" value="champion"' in stale.text  # "Save mine" resends it
    with rt.scope(user, "acme") as scope:
        assert segments.get(scope, seg).market_size_source == "Their census"
        assert personas.get(scope, pid).goals == ["Their goal"]
    saved = signed_in.post(profile, {"type": "user", "goals": "My goal",
                                     "_version": _version_in(stale.text)})
    assert saved.status_code == 303


# Every feature web form that edits a versioned object, with the test above that posts it
# stale. A new form that reads the version must be added here (and tested); a new "/edit"
# form must read it.
VERSIONED = {
    "/w/{slug}/positioning/{canvas_id:int}/step/{key}": "positioning_step",
    "/w/{slug}/messaging/{house_id:int}/edit": "messaging_forms",
    "/w/{slug}/messaging/points/{point_id:int}": "messaging_forms",
    "/w/{slug}/messaging/matrix/{row_id:int}/proof": "messaging_forms",
    "/w/{slug}/assets/{asset_id:int}/edit": "asset_edit",
    "/w/{slug}/assets/{asset_id:int}/status": "asset_edit",
    "/w/{slug}/opportunities/{opportunity_id:int}/requirements/edit": "requirements_edit",
    "/w/{slug}/sizing/{model_id:int}/edit": "sizing_edit",
    "/w/{slug}/pricing/{survey_id:int}/mapping": "pricing_mapping",
    "/w/{slug}/strategy/products/{product_id:int}/vision": "strategy_vision",
    "/w/{slug}/launches/{launch_id:int}/checklist/tasks/{task_id:int}/edit":
        "checklist_task_edit",
    "/w/{slug}/themes/{theme_id}/rename": "theme_rename",
    "/w/{slug}/segments/{segment_id:int}/criteria": "segment_criteria_and_persona_profile",
    "/w/{slug}/personas/{persona_id:int}/profile": "segment_criteria_and_persona_profile",
    "/w/{slug}/products/{product_id:int}/packaging": "(tests/market/test_packaging_web.py)",
    # one-click buttons and settings forms (tests/web/test_stale_settings.py)
    "/w/{slug}/launches/{launch_id:int}/checklist/tasks/{task_id:int}/done":
        "checklist_done_and_reopen",
    "/w/{slug}/launches/{launch_id:int}/checklist/tasks/{task_id:int}/reopen":
        "checklist_done_and_reopen",
    "/w/{slug}/themes/{theme_id}/flags": "theme_pin_and_hide",
    "/w/{slug}/products/{product_id}/lifecycle/phase": "lifecycle_phase_and_owners",
    "/w/{slug}/products/{product_id}/lifecycle/owners": "lifecycle_phase_and_owners",
    "/w/{slug}/roles/preset": "roles_preset_and_catalog",
    "/w/{slug}/roles/catalog/rename": "roles_preset_and_catalog",
    "/w/{slug}/roles/catalog/hide": "roles_preset_and_catalog",
    "/w/{slug}/claims/settings": "settings_forms",
    "/w/{slug}/health/settings": "settings_forms",
    "/w/{slug}/prioritise/weights": "settings_forms",
    # one-click buttons and step forms (tests/web/test_stale_clicks.py)
    "/w/{slug}/opportunities/{opportunity_id:int}/requirements/status":
        "requirements_status_and_handoff",
    "/w/{slug}/opportunities/{opportunity_id:int}/requirements/handoff":
        "requirements_status_and_handoff",
    "/w/{slug}/competitors/{competitor_id:int}/mentions/{mention_id:int}/{status}":
        "competitor_mention_review",
    "/w/{slug}/roadmap/{release_id:int}/move": "roadmap_move_place_and_drag",
    "/w/{slug}/roadmap/{release_id:int}/place": "roadmap_move_place_and_drag",
    "/w/{slug}/workshops/{workshop_id:int}/answer/{person_id:int}": "workshop_steps",
    "/w/{slug}/workshops/{workshop_id:int}/decide": "workshop_steps",
    "/w/{slug}/workshops/{workshop_id:int}/apply": "workshop_steps",
    "/w/{slug}/workshops/{workshop_id:int}/reassess": "workshop_steps",
    "/w/{slug}/prioritise/default": "make_default",
    "/w/{slug}/positioning/{canvas_id:int}/versions": "positioning_versions",
    "/w/{slug}/positioning/{canvas_id:int}/versions/{number:int}/current":
        "positioning_versions",
    "/w/{slug}/positioning/{canvas_id:int}/versions/{number:int}/restore":
        "positioning_versions",
    # delete and remove buttons (tests/web/test_stale_deletes.py)
    "/w/{slug}/messaging/pillars/{pillar_id:int}/delete": "messaging_removals",
    "/w/{slug}/messaging/points/{point_id:int}/delete": "messaging_removals",
    "/w/{slug}/messaging/matrix/{row_id:int}/delete": "messaging_removals",
    "/w/{slug}/launches/{launch_id:int}/checklist/tasks/{task_id:int}/delete":
        "checklist_task_delete",
    "/w/{slug}/pricing/{survey_id:int}/delete": "pricing_survey_and_sizing_model_delete",
    "/w/{slug}/sizing/{model_id:int}/delete": "pricing_survey_and_sizing_model_delete",
    "/w/{slug}/competitors/{competitor_id:int}/prices/{price_id:int}/delete":
        "competitor_price_remove",
    # set operations naming items by id (tests/web/test_stale_curation.py)
    "/w/{slug}/themes/{theme_id}/merge": "theme_merge_and_move",
    "/w/{slug}/themes/{theme_id}/move": "theme_merge_and_move",
    "/w/{slug}/themes/{theme_id}/split": "theme_split",
    "/w/{slug}/evidence/duplicates/merge": "duplicates_merge_and_dismiss",
    "/w/{slug}/evidence/duplicates/dismiss": "duplicates_merge_and_dismiss",
}

# Every other feature POST route, with why it carries no version. A new POST route must join
# VERSIONED (and be tested) or this table, with its reason: the test below fails otherwise.
CREATES = "creates something new (or links a pair); nothing existing is overwritten"
RUNS = "starts a scan, an import or a job over the data as it is; edits no field"
ACCOUNT = "an account or membership step: no workspace object with a version"
UNEDITED = ("removes an entry nobody can edit (an alias, a timeline change, a link's "
            "membership; revoking a shared link only sets it revoked): its version never "
            "moves, so there is nothing to be stale about; a second post finds nothing")
PAIRS = ("adds or removes the link or rejection of one (opportunity, evidence) pair: no "
         "version to compare, harmless twice, reject refuses a linked pair")
BULK = ("a bulk command on the selected items as they are when it runs (add a tag, move, "
        "link, delete), never a resend of what the page showed: docs/reliability.md")
EXEMPT = {
    "/invite/{token}": ACCOUNT, "/password-reset": ACCOUNT, "/reset/{token}": ACCOUNT,
    "/workspaces": CREATES, "/w/{slug}/members": ACCOUNT, "/w/{slug}/members/remove": ACCOUNT,
    "/w/{slug}/members/reset-link": ACCOUNT, "/w/{slug}/invitations": ACCOUNT,
    "/w/{slug}/invitations/{invitation_id:int}/cancel": ACCOUNT,
    "/w/{slug}/assets": CREATES, "/w/{slug}/messaging": CREATES, "/w/{slug}/positioning": CREATES,
    "/w/{slug}/pricing": CREATES, "/w/{slug}/sizing": CREATES, "/w/{slug}/winloss": CREATES,
    "/w/{slug}/workshops": CREATES, "/w/{slug}/roadmap/shares": CREATES,
    "/w/{slug}/roles/catalog": CREATES, "/w/{slug}/prioritise/standard": CREATES,
    "/w/{slug}/roles/members": "adds a person for each member without one; changes nobody",
    "/w/{slug}/roles/preset/apply": "adds the preset's assignments; changes no existing one",
    "/w/{slug}/competitors/{competitor_id:int}/aliases": CREATES,
    "/w/{slug}/competitors/{competitor_id:int}/changes": CREATES,
    "/w/{slug}/competitors/{competitor_id:int}/prices": CREATES,
    "/w/{slug}/launches/{launch_id:int}/checklist/tasks": CREATES,
    "/w/{slug}/launches/{launch_id:int}/checklist/generate":
        "adds the tier's missing tasks; changes no existing task",
    "/w/{slug}/messaging/{house_id:int}/pillars": CREATES,
    "/w/{slug}/messaging/{house_id:int}/matrix": CREATES,
    "/w/{slug}/messaging/pillars/{pillar_id:int}/points": CREATES,
    "/w/{slug}/strategy/initiatives/{initiative_id:int}/items": CREATES,
    "/w/{slug}/themes/{theme_id}/opportunity": CREATES,
    "/w/{slug}/workshops/{workshop_id:int}/actions": CREATES,
    "/w/{slug}/workshops/{workshop_id:int}/agreed":
        "settles only activities nobody has settled yet; never overwrites a decision",
    "/w/{slug}/workshops/{workshop_id:int}/reveal":
        "moves the workshop out of answering once (a second reveal is refused by its stage)",
    "/w/{slug}/opportunities/{opportunity_id:int}/suggestions/accept": PAIRS,
    "/w/{slug}/opportunities/{opportunity_id:int}/suggestions/reject": PAIRS,
    "/w/{slug}/opportunities/{opportunity_id:int}/suggestions/restore": PAIRS,
    "/w/{slug}/companies/import": RUNS, "/w/{slug}/contacts/import": RUNS,
    "/w/{slug}/evidence/import": RUNS, "/w/{slug}/evidence/import/{token}": RUNS,
    "/w/{slug}/evidence/duplicates/scan": RUNS, "/w/{slug}/themes/discover": RUNS,
    "/w/{slug}/search/reindex": RUNS, "/w/{slug}/jobs/{job_id}/cancel": RUNS,
    "/w/{slug}/competitors/{competitor_id:int}/scan": RUNS,
    "/w/{slug}/competitors/{competitor_id:int}/aliases/remove": UNEDITED,
    "/w/{slug}/competitors/{competitor_id:int}/changes/{change_id:int}/delete": UNEDITED,
    "/w/{slug}/roadmap/shares/{share_id:int}/revoke": UNEDITED,
    "/w/{slug}/strategy/initiatives/{initiative_id:int}/items/remove": UNEDITED,
    "/w/{slug}/evidence/bulk": BULK, "/w/{slug}/opportunities/bulk": BULK,
}
# A POST route whose path ends like one of these edits an existing object or a setting in
# place, so its form must carry a version (a new one that does not is caught here) unless
# EXEMPT says why not (restoring a suggestion, applying the roles preset: both only add).
EDITS_IN_PLACE = ("/edit", "/settings", "/flags", "/done", "/reopen", "/rename", "/hide",
                  "/preset", "/weights", "/phase", "/owners", "/status", "/{status}",
                  "/place", "/current", "/restore", "/default", "/decide", "/apply",
                  "/reassess", "/handoff")


def _source_with_helpers(endpoint: object, depth: int = 2) -> str:
    """A handler's source and that of the functions of its module it calls (helpers such as
    a shared `_act`), `depth` calls deep: where a handler may read the form's version."""
    source = inspect.getsource(endpoint)  # type: ignore[arg-type]
    if depth == 0:
        return source
    module = inspect.getmodule(endpoint)
    called = set(re.findall(r"\b(_?[a-z][a-z_0-9]*)\(", source))
    found = [source]
    for name in sorted(called):
        helper = getattr(module, name, None)
        if inspect.isfunction(helper) and helper is not endpoint \
                and helper.__module__ == getattr(module, "__name__", None):
            found.append(_source_with_helpers(helper, depth - 1))
    return "\n".join(found)


def _feature_posts() -> dict[str, str]:
    """Each feature web POST route and the source of its handler."""
    found = {}
    for feature in features.FEATURES:
        if feature.web is None:
            continue
        for route in load(feature.web).routes:
            if isinstance(route, APIRoute) and "POST" in route.methods:
                found[route.path] = _source_with_helpers(route.endpoint)
    return found


def test_the_feature_forms_that_carry_a_version_are_known_and_tested() -> None:
    posts = _feature_posts()
    reads = {path for path, source in posts.items()
             if "form_version(" in source or "form_versions(" in source
             or '"_version"' in source}
    assert reads == set(VERSIONED), (reads ^ set(VERSIONED))
    edits = {path for path in posts if path.endswith(EDITS_IN_PLACE)}
    assert edits - set(EXEMPT) <= reads, edits - set(EXEMPT) - reads
    assert not set(EXEMPT) & reads, set(EXEMPT) & reads  # exempt ones read no version
    assert set(posts) == reads | set(EXEMPT), set(posts) ^ (reads | set(EXEMPT))
    from tests.web import test_stale_curation as stale_curation
    from tests.web import test_stale_deletes as stale_deletes  # it imports this module

    names = {name for name in [*globals(), *vars(stale_settings), *vars(stale_clicks),
                               *vars(stale_deletes), *vars(stale_curation)]
             if name.startswith("test_")}
    for test in VERSIONED.values():
        assert test.startswith("(") or any(test in name for name in names), test
