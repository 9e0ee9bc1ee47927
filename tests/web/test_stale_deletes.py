"""Delete and remove buttons on feature pages carry the version of what they remove: when
it changed after the page was rendered nothing is removed and the answer is the conflict
page (409) showing it as saved now, with "Remove anyway" (against the current version) and
a way back. Both engines."""

from __future__ import annotations

import html
from datetime import date

from tandem.accounts.models import User
from tandem.inbound.opportunity import Opportunity, OpportunityCreate, opportunities
from tandem.market.competitor import CompetitorCreate, competitors
from tandem.market.competitors import prices
from tandem.market.competitors.models import CompetitorPrice
from tandem.market.competitors.schemas import PriceObserved
from tandem.market.pricing import service as pricing
from tandem.market.pricing.models import PricingSurvey
from tandem.market.pricing.schemas import SurveyCreate, SurveyUpdate
from tandem.market.pricing.survey import Method
from tandem.market.sizing import service as sizing
from tandem.market.sizing.models import SizingModel
from tandem.market.sizing.schemas import SizingUpdate
from tandem.outbound.checklists import service as checklists
from tandem.outbound.checklists.models import LaunchTask
from tandem.outbound.checklists.schemas import TaskUpdate
from tandem.outbound.messaging import service as messaging
from tandem.outbound.messaging.models import MatrixRow, Pillar, ProofKind, ProofPoint
from tandem.outbound.messaging.schemas import MatrixRowIn, PillarIn, ProofPointIn
from tandem.runtime import Runtime
from tests.web.conftest import Browser
from tests.web.engines import rt_on_both_engines  # noqa: F401 - `rt` on both engines
from tests.web.test_stale_forms import VW, _house
from tests.web.test_stale_settings import _launch_with_task, version_of


def removal_refused(answer_text: str, status: int, theirs: str) -> str:
    """Asserts the conflict page of a refused removal; the version "Remove anyway" sends."""
    text = html.unescape(answer_text)
    assert status == 409, text[:300]
    assert "Nothing was removed" in text and "Remove anyway" in text and theirs in text
    return version_of(answer_text, _action_of(answer_text))


def _action_of(page: str) -> str:
    start = page.index('class="form-actions conflict-actions"')
    return page[page.rindex('action="', 0, start) + 8:page.index('"', page.rindex(
        'action="', 0, start) + 8)]


def _there(rt: Runtime, user: User, model: type, obj_id: int) -> bool:
    with rt.scope(user, "acme") as scope:
        return scope.owned(model, obj_id) is not None


def test_messaging_removals_stale_are_refused(signed_in: Browser, rt: Runtime,
                                             user: User) -> None:
    ids = _house(rt, user)
    with rt.scope(user, "acme") as scope:  # a third pillar, so one may go
        pillar = messaging.add_pillar(scope, ids["house"], PillarIn(title="Swap shifts")).id
    base = f"/w/acme/messaging/{ids['house']}"
    page = signed_in.get(base).text
    urls = {"pillar": f"/w/acme/messaging/pillars/{pillar}/delete",
            "point": f"/w/acme/messaging/points/{ids['point']}/delete",
            "row": f"/w/acme/messaging/matrix/{ids['row']}/delete"}
    seen = {name: version_of(page, url) for name, url in urls.items()}
    with rt.scope(user, "acme") as scope:  # someone else edits all three meanwhile
        messaging.update_pillar(scope, pillar, PillarIn(title="Their swap pillar"))
        messaging.update_proof_point(scope, ids["point"], ProofPointIn(
            claim="Their claim", kind=ProofKind.metric, metric="3 h/week", source="survey"))
        row = messaging.matrix_row(scope, ids["row"])
        messaging.update_matrix_row(scope, ids["row"], MatrixRowIn(
            persona_id=row.persona_id, key_message="Their key message"))
    fresh = {}
    for name, theirs in (("pillar", "Their swap pillar"), ("point", "Their claim"),
                         ("row", "Their key message")):
        stale = signed_in.post(urls[name], {"_version": seen[name]})
        fresh[name] = removal_refused(stale.text, stale.status_code, theirs)
        assert fresh[name] != seen[name]
    assert _there(rt, user, Pillar, pillar) and _there(rt, user, ProofPoint, ids["point"])
    assert _there(rt, user, MatrixRow, ids["row"])
    for name, url in urls.items():  # "Remove anyway"
        assert signed_in.post(url, {"_version": fresh[name]}).status_code == 303
    assert not _there(rt, user, Pillar, pillar)
    assert not _there(rt, user, MatrixRow, ids["row"])


def test_checklist_task_delete_stale_is_refused(signed_in: Browser, rt: Runtime,
                                                user: User) -> None:
    base, task = _launch_with_task(rt, user)
    url = f"{base}/checklist/tasks/{task}/delete"
    seen = version_of(signed_in.get(base).text, url)
    with rt.scope(user, "acme") as scope:
        checklists.update(scope, task, TaskUpdate(title="Their blog post"))
    stale = signed_in.post(url, {"_version": seen})
    fresh = removal_refused(stale.text, stale.status_code, "Their blog post")
    assert _there(rt, user, LaunchTask, task)
    assert signed_in.post(url, {"_version": fresh}).status_code == 303
    assert not _there(rt, user, LaunchTask, task)


def test_pricing_survey_and_sizing_model_delete_stale_are_refused(
        signed_in: Browser, rt: Runtime, user: User) -> None:
    with rt.scope(user, "acme") as scope:
        survey = pricing.create_survey(scope, SurveyCreate.model_validate({
            "name": "Spring", "method": Method.van_westendorp, "csv": VW,
            "mapping": {"too_cheap": "TC"}})).id
    data = {"method": "bottom_up", "name": "Restaurants", "currency": "EUR"}
    for key, (low, mid, high) in {"accounts": ("9k", "12k", "15k"),
                                  "seats": ("35", "45", "60"), "price": ("72", "96", "120"),
                                  "serviceable_share": ("50", "60", "70"),
                                  "adoption": ("2", "4", "6")}.items():
        data.update({f"{key}_low": low, f"{key}_base": mid, f"{key}_high": high})
    made = signed_in.post("/w/acme/sizing", data)
    assert made.status_code == 303, made.text[:300]
    model = int(made.headers["location"].rsplit("/", 1)[1])
    survey_url, model_url = f"/w/acme/pricing/{survey}", f"/w/acme/sizing/{model}"
    survey_seen = version_of(signed_in.get(survey_url).text, survey_url + "/delete")
    model_seen = version_of(signed_in.get(model_url).text, model_url + "/delete")
    with rt.scope(user, "acme") as scope:
        pricing.update_survey(scope, survey, SurveyUpdate(name="Their spring"))
        sizing.update(scope, model, SizingUpdate(name="Their market"))
    stale = signed_in.post(survey_url + "/delete", {"_version": survey_seen})
    survey_fresh = removal_refused(stale.text, stale.status_code, "Their spring")
    stale = signed_in.post(model_url + "/delete", {"_version": model_seen})
    model_fresh = removal_refused(stale.text, stale.status_code, "Their market")
    assert _there(rt, user, PricingSurvey, survey) and _there(rt, user, SizingModel, model)
    assert signed_in.post(survey_url + "/delete",
                          {"_version": survey_fresh}).status_code == 303
    assert signed_in.post(model_url + "/delete", {"_version": model_fresh}).status_code == 303
    assert not _there(rt, user, PricingSurvey, survey)
    assert not _there(rt, user, SizingModel, model)


def test_competitor_price_remove_stale_is_refused(signed_in: Browser, rt: Runtime,
                                                  user: User) -> None:
    with rt.scope(user, "acme") as scope:
        rival = competitors.create(scope, CompetitorCreate(name="Punchline")).id
        price = prices.observe(scope, rival, PriceObserved(
            plan="Pro", amount=29, currency="EUR", observed_on=date(2026, 3, 1))).id
    page = f"/w/acme/competitors/{rival}"
    url = f"{page}/prices/{price}/delete"
    seen = version_of(signed_in.get(page).text, url)
    with rt.scope(user, "acme") as scope:  # their pricing page changed: recorded again
        prices.observe(scope, rival, PriceObserved(
            plan="Pro", amount=35, currency="EUR", included="Their new limits",
            observed_on=date(2026, 4, 1)))
    stale = signed_in.post(url, {"_version": seen})
    fresh = removal_refused(stale.text, stale.status_code, "Their new limits")
    assert _there(rt, user, CompetitorPrice, price)
    assert signed_in.post(url, {"_version": fresh}).status_code == 303
    assert not _there(rt, user, CompetitorPrice, price)


def test_record_delete_stale_is_refused(signed_in: Browser, rt: Runtime, user: User) -> None:
    """The generic delete (any record's confirm page) carries the version it showed."""
    with rt.scope(user, "acme") as scope:
        opp = opportunities.create(scope, OpportunityCreate(
            title="payroll rota", problem="rota payroll retype")).id
    url = f"/w/acme/opportunities/{opp}/delete"
    seen = version_of(signed_in.get(url).text, url)
    with rt.scope(user, "acme") as scope:
        opportunities.update(scope, opp, opportunities.update_schema.model_validate(
            {"problem": "Their sharper problem"}))
    stale = signed_in.post(url, {"_version": seen})
    fresh = removal_refused(stale.text, stale.status_code, "Their sharper problem")
    assert _there(rt, user, Opportunity, opp)
    assert signed_in.post(url, {"_version": fresh}).status_code == 303
    assert not _there(rt, user, Opportunity, opp)
