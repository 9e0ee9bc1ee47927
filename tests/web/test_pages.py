"""Generic list, detail and form pages, for evidence in depth and for every kind at least once."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from tandem.accounts.models import Role, User, Workspace
from tandem.accounts.service import create_workspace
from tandem.crud import Resource
from tandem.registry import RESOURCES
from tandem.runtime import Runtime
from tandem.web.forms import own_fields
from tests.web.conftest import Browser, add_member, shown


def make(rt: Runtime, user: User, kind: str, slug: str = "acme", **values: Any) -> int:
    res: Resource[Any] = RESOURCES[kind]
    with rt.scope(user, slug) as scope:
        return int(res.create(scope, res.create_schema.model_validate(values)).id)


def one_of_each(rt: Runtime, user: User, slug: str = "acme") -> dict[str, int]:
    ids: dict[str, int] = {}
    ids["products"] = make(rt, user, "products", slug, name="Shiftwell")
    ids["segments"] = make(rt, user, "segments", slug, name="Restaurant groups")
    ids["personas"] = make(rt, user, "personas", slug, name="Ops Olivia",
                           segment_id=ids["segments"])
    ids["competitors"] = make(rt, user, "competitors", slug, name="RotaBoard",
                              website="https://rotaboard.example")
    ids["companies"] = make(rt, user, "companies", slug, name="Harbor Cafe", revenue=900,
                            segment_id=ids["segments"])
    ids["contacts"] = make(rt, user, "contacts", slug, name="Mia Chen",
                           email="mia@harbor.example", company_id=ids["companies"])
    ids["evidence"] = make(rt, user, "evidence", slug, text="Swaps happen in group chats",
                           customer_company="Harbor Cafe", tags="swaps, chat",
                           segment_id=ids["segments"])
    ids["opportunities"] = make(rt, user, "opportunities", slug, title="Swap chaos")
    ids["releases"] = make(rt, user, "releases", slug, name="Swap Center", horizon="now")
    ids["launches"] = make(rt, user, "launches", slug, name="Swap Center launch",
                           release_id=ids["releases"], tier=2)
    ids["messages"] = make(rt, user, "messages", slug, title="Coverage without chaos",
                           body="Every swap in one place.", launch_id=ids["launches"],
                           persona_id=ids["personas"])
    ids["people"] = make(rt, user, "people", slug, name="Hannah", roles="PMM")
    ids["campaigns"] = make(rt, user, "campaigns", slug, name="Swap Center emails",
                            channel="email", launch_id=ids["launches"], budget=800,
                            owner_id=ids["people"])
    ids["assignments"] = make(rt, user, "assignments", slug, activity="Launch",
                              person_id=ids["people"], raci="A")
    ids["scoring-models"] = make(rt, user, "scoring-models", slug, name="Reach per month",
                                 method="formula", formula="reach / effort")
    ids["objectives"] = make(rt, user, "objectives", slug, title="Win multi-site clinics",
                             product_id=ids["products"])
    ids["key-results"] = make(rt, user, "key-results", slug, objective_id=ids["objectives"],
                              title="Multi-site accounts", start=4, target=24, current=9)
    ids["initiatives"] = make(rt, user, "initiatives", slug, title="Regions",
                              objective_id=ids["objectives"])
    return ids


def count(rt: Runtime, user: User, kind: str, slug: str = "acme") -> int:
    with rt.scope(user, slug) as scope:
        return RESOURCES[kind].count(scope)


@pytest.mark.parametrize("kind", list(RESOURCES))
def test_every_kind_has_list_detail_and_form_pages(
        kind: str, signed_in: Browser, rt: Runtime, user: User) -> None:
    ids = one_of_each(rt, user)
    res = RESOURCES[kind]
    listing = signed_in.get(f"/w/acme/{kind}")
    assert listing.status_code == 200
    assert f"<h1>{res.plural}</h1>" in listing.text
    assert f'href="/w/acme/{kind}/{ids[kind]}"' in listing.text
    assert shown(1, 1, 1) in listing.text

    detail = signed_in.get(f"/w/acme/{kind}/{ids[kind]}")
    assert detail.status_code == 200
    with rt.scope(user, "acme") as scope:
        title = res.title_of(res.get(scope, ids[kind]))
    assert title in detail.text

    form = signed_in.get(f"/w/acme/{kind}/new")
    assert form.status_code == 200
    own = own_fields(res.create_schema)  # edited on the feature's own form instead
    for name in res.create_schema.model_fields:
        assert (f'name="{name}"' in form.text) is (name not in own), name
        assert (f'<label for="f-{name}">' in form.text) is (name not in own), name
    edit = signed_in.get(f"/w/acme/{kind}/{ids[kind]}/edit")
    assert edit.status_code == 200


def test_empty_list_says_what_to_do(signed_in: Browser) -> None:
    page = signed_in.get("/w/acme/evidence")
    assert "No evidence yet — add the first piece or import a file." in page.text
    assert 'href="/w/acme/evidence/import"' in page.text


def test_create_edit_and_delete_evidence_through_forms(
        signed_in: Browser, rt: Runtime, user: User) -> None:
    seg = make(rt, user, "segments", name="Dental practices")
    created = signed_in.post("/w/acme/evidence", {
        "text": "  Payroll export takes two hours  ", "source": "interview",
        "customer_company": "Maple Dental", "customer_contact": "", "segment_id": str(seg),
        "received_on": "2025-03-04", "tags": "Payroll, export, payroll"})
    assert created.status_code == 303
    location = created.headers["location"]
    ev_id = int(location.rsplit("/", 1)[1])
    detail = signed_in.follow(created)
    assert "Evidence &#39;Payroll export takes two hours&#39; created." in detail.text
    assert f'<a href="/w/acme/segments/{seg}">Dental practices</a>' in detail.text
    assert "4 Mar 2025" in detail.text
    with rt.scope(user, "acme") as scope:
        ev = RESOURCES["evidence"].get(scope, ev_id)
        assert (ev.text, ev.source, ev.tags, ev.segment_id, ev.received_on) == (
            "Payroll export takes two hours", "interview", ["payroll", "export"], seg,
            date(2025, 3, 4))

    form = signed_in.get(f"/w/acme/evidence/{ev_id}/edit")
    assert 'value="payroll, export"' in form.text
    assert f'<option value="{seg}" selected>' in form.text
    saved = signed_in.post(f"/w/acme/evidence/{ev_id}/edit", {
        "text": "Payroll export takes three hours", "source": "support",
        "customer_company": "Maple Dental", "segment_id": "", "received_on": "2025-03-05",
        "tags": ""})
    assert saved.status_code == 303
    assert "Saved evidence" in signed_in.follow(saved).text
    with rt.scope(user, "acme") as scope:
        ev = RESOURCES["evidence"].get(scope, ev_id)
        assert (ev.text, ev.source, ev.segment_id, ev.tags) == (
            "Payroll export takes three hours", "support", None, [])

    confirm = signed_in.get(f"/w/acme/evidence/{ev_id}/delete")
    assert "Delete this evidence?" in confirm.text
    deleted = signed_in.post(f"/w/acme/evidence/{ev_id}/delete")
    assert deleted.headers["location"] == "/w/acme/evidence"
    assert "Deleted evidence" in signed_in.follow(deleted).text
    assert count(rt, user, "evidence") == 0
    assert signed_in.get(f"/w/acme/evidence/{ev_id}").status_code == 404


def test_validation_errors_sit_next_to_their_field_and_keep_the_input(
        signed_in: Browser, rt: Runtime, user: User) -> None:
    response = signed_in.post("/w/acme/evidence", {
        "text": "   ", "source": "interview", "customer_company": "Maple <Dental>",
        "received_on": "next tuesday", "tags": "ok"})
    assert response.status_code == 422
    assert "Please fix the fields marked below." in response.text
    text_field = response.text.split('<label for="f-text">', 1)[1].split("</div>", 1)[0]
    assert '<p class="field-error" id="e-text">Feedback must not be empty.</p>' in text_field
    date_field = response.text.split('<label for="f-received_on">', 1)[1].split("</div>", 1)[0]
    assert "Received on must be a date like 2025-03-31, not &#39;next tuesday&#39;." in date_field
    assert 'value="next tuesday"' in date_field
    assert 'value="Maple &lt;Dental&gt;"' in response.text  # kept, and escaped
    assert '<option value="interview" selected>' in response.text
    assert count(rt, user, "evidence") == 0


def test_number_bounds_and_required_references_are_checked(
        signed_in: Browser, rt: Runtime, user: User) -> None:
    response = signed_in.post("/w/acme/launches", {"name": "Big bang", "tier": "9",
                                                   "release_id": ""})
    assert response.status_code == 422
    assert "Tier must be 4 or less." in response.text
    assert "Release must not be empty." in response.text
    assert 'min="1"' in response.text and 'max="4"' in response.text


def test_reference_from_another_workspace_is_rejected_on_its_field(
        signed_in: Browser, rt: Runtime, user: User) -> None:
    with rt.session() as session:
        create_workspace(session, "Other", user)
    foreign = make(rt, user, "segments", "other", name="Their segment")
    response = signed_in.post("/w/acme/personas", {"name": "Pat",
                                                   "segment_id": str(foreign)})
    assert response.status_code == 422
    field = response.text.split('<label for="f-segment_id">', 1)[1].split("</div>", 1)[0]
    assert f"No segment {foreign} in this workspace." in field


def test_duplicate_title_gives_a_clear_conflict_message(
        signed_in: Browser, rt: Runtime, user: User) -> None:
    make(rt, user, "opportunities", title="Swap chaos")
    response = signed_in.post("/w/acme/opportunities", {"title": "swap CHAOS",
                                                        "problem": "Again", "status": "new"})
    assert response.status_code == 409
    assert "An opportunity with title &#39;swap CHAOS&#39; already exists." in response.text
    assert 'value="swap CHAOS"' in response.text
    assert count(rt, user, "opportunities") == 1

    other = make(rt, user, "opportunities", title="Other")
    renamed = signed_in.post(f"/w/acme/opportunities/{other}/edit", {
        "title": "Swap chaos", "status": "new"})
    assert renamed.status_code == 409
    assert "already exists" in renamed.text


def test_list_search_filters_and_pagination(signed_in: Browser, rt: Runtime,
                                             user: User) -> None:
    with rt.scope(user, "acme") as scope:
        res = RESOURCES["evidence"]
        for n in range(60):
            res.create(scope, res.create_schema.model_validate({
                "text": f"Note {n:02d} about {'payroll' if n % 3 == 0 else 'rotas'}",
                "source": "survey" if n % 2 else "interview", "tags": "alpha" if n < 5 else ""}))
    first = signed_in.get("/w/acme/evidence")
    assert shown(1, 50, 60) in first.text
    assert 'href="/w/acme/evidence?offset=50" rel="next"' in first.text
    second = signed_in.get("/w/acme/evidence?offset=50")
    assert shown(51, 60, 60) in second.text and 'rel="prev"' in second.text

    searched = signed_in.get("/w/acme/evidence?q=payroll")
    assert shown(1, 20, 20) in searched.text
    both = signed_in.get("/w/acme/evidence?q=payroll&source=interview")
    assert shown(1, 10, 10) in both.text
    assert '<option value="interview" selected>' in both.text
    assert shown(1, 5, 5) in signed_in.get("/w/acme/evidence?tag=alpha").text
    assert shown(1, 60, 60) in signed_in.get("/w/acme/evidence?linked=no&limit=100").text
    assert "Nothing matches." in signed_in.get("/w/acme/evidence?q=zebra").text

    bad = signed_in.get("/w/acme/evidence?linked=maybe")
    assert bad.status_code == 200
    assert "Filter &#39;linked&#39; takes yes or no." in bad.text


def test_detail_shows_references_by_title_as_links(signed_in: Browser, rt: Runtime,
                                                   user: User) -> None:
    ids = one_of_each(rt, user)
    page = signed_in.get(f"/w/acme/messages/{ids['messages']}")
    assert f'<a href="/w/acme/launches/{ids["launches"]}">Swap Center launch</a>' in page.text
    assert f'<a href="/w/acme/personas/{ids["personas"]}">Ops Olivia</a>' in page.text
    launch = signed_in.get(f"/w/acme/launches/{ids['launches']}")
    assert f'<a href="/w/acme/releases/{ids["releases"]}">Swap Center</a>' in launch.text
    assert "Tier 2" in launch.text


def test_another_workspaces_objects_are_not_found(signed_in: Browser, rt: Runtime,
                                                  user: User) -> None:
    with rt.session() as session:
        create_workspace(session, "Other", user)
    theirs = make(rt, user, "opportunities", "other", title="Their secret plan")
    for url in (f"/w/acme/opportunities/{theirs}", f"/w/acme/opportunities/{theirs}/edit",
                f"/w/acme/opportunities/{theirs}/delete"):
        response = signed_in.get(url)
        assert response.status_code == 404, url
        assert "Their secret plan" not in response.text
    post = signed_in.post(f"/w/acme/opportunities/{theirs}/delete")
    assert post.status_code == 404
    assert count(rt, user, "opportunities", "other") == 1
    assert signed_in.get("/w/nowhere").status_code == 404
    assert signed_in.get("/w/acme/widgets").status_code == 404
    assert "There is no page at this address" in signed_in.get("/no/such/page").text


def test_a_workspace_you_are_not_in_looks_missing(browser: Browser, rt: Runtime, user: User,
                                                 ws: Workspace) -> None:
    add_member(rt, user, "acme", "stranger@example.com", Role.viewer)
    with rt.session() as session:
        from tandem.accounts.service import get_user_by_email
        stranger = get_user_by_email(session, "stranger@example.com")
        create_workspace(session, "Private", None)
    browser.sign_in(stranger.email)
    assert browser.get("/w/private").status_code == 404
    assert browser.get("/w/acme").status_code == 200


def test_viewer_sees_no_edit_buttons_and_cannot_write(browser: Browser, rt: Runtime,
                                                     user: User, ws: Workspace) -> None:
    ids = one_of_each(rt, user)
    add_member(rt, user, "acme", "vera@example.com", Role.viewer)
    browser.sign_in("vera@example.com")
    listing = browser.get("/w/acme/evidence")
    assert listing.status_code == 200
    assert "New evidence" not in listing.text and "/evidence/import\"" not in listing.text
    assert "+ Link" not in listing.text
    detail = browser.get(f"/w/acme/evidence/{ids['evidence']}")
    assert "/edit" not in detail.text and "Delete" not in detail.text
    assert "links/remove" not in detail.text
    assert browser.get("/w/acme/evidence/new").status_code == 403
    assert browser.get(f"/w/acme/evidence/{ids['evidence']}/edit").status_code == 403
    refused = browser.post("/w/acme/evidence", {"text": "Viewer was here"})
    assert refused.status_code == 403
    assert "This needs the editor role" in refused.text
    assert browser.post(f"/w/acme/evidence/{ids['evidence']}/delete").status_code == 403
    link = browser.post(f"/w/acme/evidence/{ids['evidence']}/links",
                        {"kind": "opportunities", "id": str(ids["opportunities"])})
    assert link.status_code == 403
    assert count(rt, user, "evidence") == 1


def test_new_form_can_be_prefilled_from_a_link(signed_in: Browser, rt: Runtime,
                                               user: User) -> None:
    release = make(rt, user, "releases", name="Swap Center")
    page = signed_in.get(f"/w/acme/launches/new?release_id={release}")
    assert re.search(rf'<option value="{release}" selected>Swap Center</option>', page.text)
    detail = signed_in.get(f"/w/acme/releases/{release}")
    assert f"/w/acme/launches/new?release_id={release}" in detail.text


def test_assignment_form_offers_the_activity_catalog(signed_in: Browser) -> None:
    page = signed_in.get("/w/acme/assignments/new")
    assert '<optgroup label="Programs (outbound)">' in page.text
    assert '<option value="Launch">Launch</option>' in page.text
