"""Linking along the loop from the web: forms, the htmx quick link, the trace panel, home."""

from __future__ import annotations

from tandem.accounts.models import User
from tandem.loop import links
from tandem.runtime import Runtime
from tests.web.conftest import Browser, shown
from tests.web.test_pages import make


def trace_panel(html: str) -> str:
    return html.split('id="loop"', 1)[1]


def test_link_evidence_to_opportunity_shows_in_trace_and_home(
        signed_in: Browser, rt: Runtime, user: User) -> None:
    ev = make(rt, user, "evidence", text="Swaps get lost in WhatsApp", customer_company="Cafe")
    opp = make(rt, user, "opportunities", title="Swap chaos")
    rel = make(rt, user, "releases", name="Swap Center", horizon="now")
    make(rt, user, "launches", name="Swap launch", release_id=rel)

    home = signed_in.get("/w/acme")
    assert "1 evidence item is not linked" in home.text
    assert f'href="/w/acme/evidence?opportunity_id={opp}">0 pieces' in home.text

    detail = signed_in.get(f"/w/acme/evidence/{ev}")
    assert "Supports opportunity" in detail.text
    response = signed_in.post(f"/w/acme/evidence/{ev}/links",
                              {"kind": "opportunities", "id": str(opp), "importance": "3"})
    assert response.headers["location"] == f"/w/acme/evidence/{ev}#loop"
    page = signed_in.follow(response)
    assert "Linked to opportunity &#39;Swap chaos&#39;." in page.text
    panel = trace_panel(page.text)
    assert f'<a href="/w/acme/opportunities/{opp}">Swap chaos</a>' in panel
    assert "Critical" in panel

    # Linking the opportunity to a release carries the trace on to its launch.
    signed_in.post(f"/w/acme/opportunities/{opp}/links", {"kind": "releases", "id": str(rel)})
    panel = trace_panel(signed_in.get(f"/w/acme/evidence/{ev}").text)
    assert "Swap Center" in panel and "Swap launch" in panel
    upstream = trace_panel(signed_in.get(f"/w/acme/releases/{rel}").text)
    assert "Swaps get lost in WhatsApp" in upstream and "Swap chaos" in upstream

    home = signed_in.get("/w/acme")
    assert "not linked to any opportunity" not in home.text
    assert f'href="/w/acme/evidence?opportunity_id={opp}">1 piece<' in home.text
    assert "opportunities have no evidence" not in home.text
    listed = signed_in.get(f"/w/acme/evidence?opportunity_id={opp}")
    assert shown(1, 1, 1) in listed.text and "Opportunity: Swap chaos" in listed.text


def test_linking_twice_or_to_nothing_is_a_clear_message(
        signed_in: Browser, rt: Runtime, user: User) -> None:
    ev = make(rt, user, "evidence", text="Swaps get lost")
    opp = make(rt, user, "opportunities", title="Swap chaos")
    signed_in.post(f"/w/acme/evidence/{ev}/links", {"kind": "opportunities", "id": str(opp)})
    again = signed_in.post(f"/w/acme/evidence/{ev}/links",
                           {"kind": "opportunities", "id": str(opp)})
    assert "is already linked" in signed_in.follow(again).text
    missing = signed_in.post(f"/w/acme/evidence/{ev}/links",
                             {"kind": "opportunities", "id": "9999"})
    assert "No opportunity 9999 in this workspace." in signed_in.follow(missing).text
    garbage = signed_in.post(f"/w/acme/evidence/{ev}/links",
                             {"kind": "opportunities", "id": "abc"})
    assert "give its number" in signed_in.follow(garbage).text


def test_unlink_removes_the_link(signed_in: Browser, rt: Runtime, user: User) -> None:
    ev = make(rt, user, "evidence", text="Swaps get lost")
    opp = make(rt, user, "opportunities", title="Swap chaos")
    with rt.scope(user, "acme") as scope:
        links.link(scope, "evidence", ev, "opportunities", opp, 2)
    page = signed_in.get(f"/w/acme/opportunities/{opp}")
    assert "Unlink Swaps get lost" in page.text
    response = signed_in.post(f"/w/acme/opportunities/{opp}/links/remove",
                              {"kind": "evidence", "id": str(ev)})
    assert "Link removed." in signed_in.follow(response).text
    with rt.scope(user, "acme") as scope:
        assert links.trace(scope, "evidence", ev).downstream == {}
    twice = signed_in.post(f"/w/acme/opportunities/{opp}/links/remove",
                           {"kind": "evidence", "id": str(ev)})
    assert "is not linked" in signed_in.follow(twice).text


def test_quick_link_answers_htmx_with_the_updated_control(
        signed_in: Browser, rt: Runtime, user: User) -> None:
    ev = make(rt, user, "evidence", text="Swaps get lost")
    opp = make(rt, user, "opportunities", title="Swap chaos")
    listing = signed_in.get("/w/acme/evidence")
    assert f'hx-post="/w/acme/evidence/{ev}/quick-link"' in listing.text
    assert f'hx-target="#quick-{ev}"' in listing.text

    fragment = signed_in.post(f"/w/acme/evidence/{ev}/quick-link",
                              {"opportunity_id": str(opp), "importance": "2"},
                              headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert fragment.text.lstrip().startswith(f'<div class="quick" id="quick-{ev}">')
    assert "<html" not in fragment.text
    assert f'href="/w/acme/opportunities/{opp}"' in fragment.text
    assert "Important" in fragment.text

    duplicate = signed_in.post(f"/w/acme/evidence/{ev}/quick-link",
                               {"opportunity_id": str(opp)}, headers={"HX-Request": "true"})
    assert duplicate.status_code == 200
    assert "is already linked" in duplicate.text


def test_quick_link_without_javascript_redirects_back(
        signed_in: Browser, rt: Runtime, user: User) -> None:
    ev = make(rt, user, "evidence", text="Swaps get lost")
    opp = make(rt, user, "opportunities", title="Swap chaos")
    response = signed_in.post(f"/w/acme/evidence/{ev}/quick-link",
                              {"opportunity_id": str(opp), "importance": "1",
                               "next": "/w/acme/evidence?linked=no"})
    assert response.headers["location"] == "/w/acme/evidence?linked=no"
    assert "Linked." in signed_in.follow(response).text
    with rt.scope(user, "acme") as scope:
        found = links.trace(scope, "evidence", ev).downstream["opportunities"]
    assert [(o.id, o.importance) for o in found] == [(opp, 1)]
    offsite = signed_in.post(f"/w/acme/evidence/{ev}/quick-link",
                             {"opportunity_id": str(opp), "next": "https://evil.example"})
    assert offsite.headers["location"] == f"/w/acme/evidence/{ev}"


def test_message_backing_evidence_by_search_and_by_number(
        signed_in: Browser, rt: Runtime, user: User) -> None:
    ev1 = make(rt, user, "evidence", text="Payroll takes two hours", customer_company="Maple")
    ev2 = make(rt, user, "evidence", text="Swaps get lost")
    msg = make(rt, user, "messages", title="Payroll in minutes", body="Export in one click.")
    found = signed_in.get(f"/w/acme/messages/{msg}?find=maple")
    assert "Payroll takes two hours" in found.text and "Swaps get lost" not in found.text
    assert "No evidence backs this claim yet" in found.text
    signed_in.post(f"/w/acme/messages/{msg}/links", {"kind": "evidence", "id": str(ev1)})
    signed_in.post(f"/w/acme/messages/{msg}/links", {"kind": "evidence", "id": f"#{ev2}"})
    page = signed_in.get(f"/w/acme/messages/{msg}")
    backing = page.text.split("Backed by evidence", 1)[1]
    assert "Payroll takes two hours" in backing and "Swaps get lost" in backing
    evidence_page = signed_in.get(f"/w/acme/evidence/{ev1}")
    assert "Payroll in minutes" in evidence_page.text.split("Backs these messages", 1)[1]


def test_long_link_lists_fold_away(signed_in: Browser, rt: Runtime, user: User) -> None:
    opp = make(rt, user, "opportunities", title="Swap chaos")
    with rt.scope(user, "acme") as scope:
        from tandem.registry import RESOURCES
        res = RESOURCES["evidence"]
        for n in range(9):
            ev = res.create(scope, res.create_schema.model_validate({"text": f"Note {n}"}))
            links.link(scope, "evidence", ev.id, "opportunities", opp, n % 4)
    page = signed_in.get(f"/w/acme/opportunities/{opp}")
    assert "Show 3 more" in page.text
    assert f'href="/w/acme/evidence?opportunity_id={opp}">Open as a list' in page.text
    assert "9 pieces of evidence" in page.text
