"""The bulk action bar on the evidence and opportunities lists: checkboxes for editors only,
the delete confirmation listing what goes, the result message, and a viewer's 403."""

from __future__ import annotations

import html

from tandem.accounts.models import Role, User, Workspace
from tandem.runtime import Runtime
from tests.web.conftest import Browser, add_member
from tests.web.test_pages import count, make


def test_bulk_bar_link_and_delete(signed_in: Browser, rt: Runtime, user: User) -> None:
    ids = [make(rt, user, "evidence", text=f"Swap request {i}") for i in range(3)]
    opp = make(rt, user, "opportunities", title="Shift swaps")
    page = signed_in.get("/w/acme/evidence")
    assert 'id="bulk-form"' in page.text and 'data-select-all="bulk-form"' in page.text
    for i in ids:
        assert f'name="ids" value="{i}" form="bulk-form"' in page.text
    assert f'<option value="{opp}">Shift swaps</option>' in page.text

    back = "/w/acme/evidence?q=swap"
    linked = signed_in.post("/w/acme/evidence/bulk", {
        "action": "link", "ids": [str(i) for i in ids[:2]], "opportunity_id": str(opp),
        "back": back})
    assert linked.headers["location"] == back
    shown = html.unescape(signed_in.follow(linked).text)
    assert "Linked 2 pieces of evidence to 'Shift swaps'." in shown
    again = signed_in.follow(signed_in.post("/w/acme/evidence/bulk", {
        "action": "link", "ids": [str(i) for i in ids], "opportunity_id": str(opp),
        "back": "https://elsewhere.example/"}))
    assert "Linked 1 piece of evidence to 'Shift swaps'; 2 were already linked." in \
        html.unescape(again.text)

    nothing = signed_in.follow(signed_in.post("/w/acme/evidence/bulk", {"action": "tag",
                                                                       "tag": "x"}))
    assert "Select at least one row first." in nothing.text

    confirm = signed_in.post("/w/acme/evidence/bulk", {
        "action": "delete", "ids": [str(i) for i in ids[:2]]})
    assert confirm.status_code == 200 and "Delete 2 pieces of evidence?" in confirm.text
    assert "Swap request 0" in confirm.text and "Swap request 2" not in confirm.text
    assert count(rt, user, "evidence") == 3  # only asked so far
    gone = signed_in.follow(signed_in.post("/w/acme/evidence/bulk", {
        "action": "delete", "confirm": "yes", "ids": [str(i) for i in ids[:2]]}))
    assert "Deleted 2 pieces of evidence." in gone.text
    assert count(rt, user, "evidence") == 1

    opps = signed_in.get("/w/acme/opportunities")
    assert 'action="/w/acme/opportunities/bulk"' in opps.text and "Move to status" in opps.text
    moved = signed_in.follow(signed_in.post("/w/acme/opportunities/bulk", {
        "action": "move", "ids": [str(opp)], "status": "planned"}))
    assert "Moved 1 opportunity to planned." in moved.text
    refused = signed_in.follow(signed_in.post("/w/acme/opportunities/bulk", {
        "action": "move", "ids": [str(opp)], "status": "sideways"}))
    assert "flash-error" in refused.text


def test_viewer_gets_no_checkboxes_and_a_403(browser: Browser, rt: Runtime, user: User,
                                            ws: Workspace) -> None:
    item = make(rt, user, "evidence", text="Keep me")
    add_member(rt, user, "acme", "vera@example.com", Role.viewer)
    browser.sign_in("vera@example.com")
    page = browser.get("/w/acme/evidence")
    assert page.status_code == 200 and 'name="ids"' not in page.text
    assert "bulk-form" not in page.text
    opps = browser.get("/w/acme/opportunities")  # the ranked view is for readers too
    assert 'href="/w/acme/prioritise">Rank and compare' in opps.text
    assert "New opportunity" not in opps.text
    for action in ("delete", "tag"):
        refused = browser.post("/w/acme/evidence/bulk", {"action": action, "tag": "x",
                                                         "ids": [str(item)]})
        assert refused.status_code == 403
    assert browser.post("/w/acme/evidence/bulk", {"action": "link"}).status_code == 403
    assert count(rt, user, "evidence") == 1
