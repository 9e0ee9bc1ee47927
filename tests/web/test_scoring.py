"""The Prioritise page: the standard models in one click, the ranking and its chart, the
default model and the weights; viewers read it without the controls."""

from __future__ import annotations

from tandem.accounts.models import Role, User, Workspace
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.inbound.scoring import service
from tandem.roles.assignment import PersonCreate, people
from tandem.runtime import Runtime
from tests.web.conftest import Browser, add_member


def _estimated(rt: Runtime, user: User) -> None:
    with rt.scope(user, "acme") as scope:
        for title, reach, effort in (("Swaps", 1000, 4.0), ("Payroll", 600, 2.0)):
            opportunities.create(scope, OpportunityCreate.model_validate(
                {"title": title, "reach": reach, "impact": "high", "confidence": 80,
                 "effort": effort}))
        opportunities.create(scope, OpportunityCreate(title="Tips"))


def test_editor_ranks_charts_and_sets_the_default(signed_in: Browser, rt: Runtime,
                                                  user: User) -> None:
    _estimated(rt, user)
    empty = signed_in.get("/w/acme/prioritise")
    assert "No scoring model yet" in empty.text
    page = signed_in.follow(signed_in.post("/w/acme/prioritise/standard", {}))
    assert "Added RICE, WSJF" in page.text
    table = page.text.split("table-scores", 1)[1]
    assert table.index("Payroll") < table.index("Swaps") < table.index("Tips")
    assert "<svg" in page.text and page.text.count('class="dot') == 2
    assert "needs reach, impact, confidence, effort" in page.text
    with rt.scope(user, "acme") as scope:
        wsjf = next(m for m in service.scoring_models.all(scope) if m.method == "wsjf")
    done = signed_in.follow(signed_in.post("/w/acme/prioritise/default", {"model": wsjf.id}))
    assert "is now the default" in done.text
    saved = signed_in.follow(signed_in.post("/w/acme/prioritise/weights",
                                            {"critical": "4", "important": "2",
                                             "nice_to_have": "1", "not_important": "0"}))
    assert "Importance weights saved." in saved.text
    bad = signed_in.follow(signed_in.post("/w/acme/prioritise/weights", {"critical": "-3"}))
    assert "a number from 0 to 1000" in bad.text
    assert signed_in.get("/w/acme/prioritise?model=999999").status_code == 404
    assert signed_in.get("/w/acme/prioritise?model=%C2%B2&sort=x").status_code == 200


def test_owner_column_sort_and_filter(signed_in: Browser, rt: Runtime, user: User) -> None:
    _estimated(rt, user)
    with rt.scope(user, "acme") as scope:
        service.add_standard_models(scope)
        pia = people.create(scope, PersonCreate(name="Pia Owner")).id
        opportunities.update(scope, 3, opportunities.update_schema.model_validate(
            {"owner_id": pia}))
    page = signed_in.get("/w/acme/prioritise?sort=owner")
    table = page.text.split("table-scores", 1)[1]
    assert "Owner ▾" in table and table.index("Tips") < table.index("Payroll")
    assert f'<option value="{pia}">Pia Owner</option>' in page.text
    mine = signed_in.get(f"/w/acme/prioritise?owner={pia}").text.split("table-scores", 1)[1]
    assert "Tips" in mine and "Payroll" not in mine and "Swaps" not in mine
    assert f"owner={pia}" in mine  # the sort links keep the filter
    nobody = signed_in.get("/w/acme/prioritise?owner=0").text.split("table-scores", 1)[1]
    assert "Tips" not in nobody and "Payroll" in nobody
    assert signed_in.get("/w/acme/prioritise?owner=%C2%B2").status_code == 200


def test_formula_errors_show_at_the_field(signed_in: Browser) -> None:
    page = signed_in.post("/w/acme/scoring-models", {
        "name": "Mine", "method": "formula", "formula": "reach * impakt", "description": ""})
    shown = signed_in.follow(page).text if page.status_code in (302, 303) else page.text
    assert "Unknown field &#39;impakt&#39;" in shown and "position 9" in shown


def test_viewer_reads_without_controls(browser: Browser, rt: Runtime, user: User,
                                       ws: Workspace) -> None:
    _estimated(rt, user)
    with rt.scope(user, "acme") as scope:
        service.add_standard_models(scope)
    add_member(rt, user, "acme", "vera@example.com", Role.viewer)
    browser.sign_in("vera@example.com")
    page = browser.get("/w/acme/prioritise")
    assert "Payroll" in page.text and "Make default" not in page.text
    assert "Save weights" not in page.text
    assert browser.post("/w/acme/prioritise/standard", {}).status_code == 403
