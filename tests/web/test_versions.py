"""The edit form saves only what the person changed, on the version they saw: a change made
meanwhile to another field is kept, one to the same field brings the conflict page."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from tandem.accounts.models import User, Workspace
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.runtime import Runtime
from tests.web.conftest import Browser


def _hidden(page: str, after: str = "") -> dict[str, str]:
    """The hidden inputs of the form that follows `after` in the page, as a browser would
    send them."""
    part = page.split(after, 1)[1] if after else page
    form = part.split("</form>", 1)[0]
    found = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form)
    return {name: html.unescape(value) for name, value in found}


def _opportunity(rt: Runtime, user: User, **values: Any) -> int:
    with rt.scope(user, "acme") as scope:
        return int(opportunities.create(scope, OpportunityCreate(**values)).id)


def _someone_else_sets(rt: Runtime, user: User, opp_id: int, **values: Any) -> None:
    with rt.scope(user, "acme") as scope:
        opportunities.update(scope, opp_id, opportunities.update_schema.model_validate(values))


def _edit_form(browser: Browser, opp_id: int) -> dict[str, str]:
    """What the edit form shows, with its hidden fields: the post a browser would make."""
    page = browser.get(f"/w/acme/opportunities/{opp_id}/edit")
    assert page.status_code == 200
    hidden = _hidden(page.text, "class=\"card form-card\"")
    assert hidden["_version"] == "1"
    return {**json.loads(hidden["_original"]), **hidden}


def test_saving_a_title_keeps_a_status_changed_meanwhile(
        signed_in: Browser, rt: Runtime, user: User, ws: Workspace) -> None:
    opp_id = _opportunity(rt, user, title="Shift swaps", problem="By text message")
    form = _edit_form(signed_in, opp_id)
    _someone_else_sets(rt, user, opp_id, status="validated")
    form["title"] = "Shift swaps on phones"
    saved = signed_in.post(f"/w/acme/opportunities/{opp_id}/edit", form)
    assert saved.status_code == 303, saved.text[:500]
    shown = signed_in.follow(saved)
    assert "Someone else changed Status meanwhile; that was kept." in shown.text
    with rt.scope(user, "acme") as scope:
        now = opportunities.get(scope, opp_id)
        assert (now.title, now.status, now.problem) == ("Shift swaps on phones", "validated",
                                                         "By text message")
        assert now.row_version == 3


def test_a_field_both_changed_brings_the_conflict_page(
        signed_in: Browser, rt: Runtime, user: User, ws: Workspace) -> None:
    opp_id = _opportunity(rt, user, title="Shift swaps", problem="By text message")
    form = _edit_form(signed_in, opp_id)
    _someone_else_sets(rt, user, opp_id, title="Swapping shifts", status="exploring")
    form["title"] = "Shift swaps on phones"
    form["problem"] = "Managers approve swaps by text\r\nand lose track"
    clash = signed_in.post(f"/w/acme/opportunities/{opp_id}/edit", form)
    assert clash.status_code == 409
    page = clash.text
    assert "Someone else changed this opportunity while you were editing" in page
    row = page.split('class="row-clash"', 1)[1].split("</tr>", 1)[0]
    assert "Title" in row and "Shift swaps on phones" in row and "Swapping shifts" in row
    assert page.count('class="row-clash"') == 1  # problem: only mine changed it
    assert page.count('class="row-differs"') == 2  # problem (mine), status (theirs)
    assert "Keep theirs" in page and f'href="/w/acme/opportunities/{opp_id}"' in page
    with rt.scope(user, "acme") as scope:
        assert opportunities.get(scope, opp_id).title == "Swapping shifts"  # nothing saved

    save_mine = _hidden(page, 'class="form-actions conflict-actions"')
    assert save_mine["_version"] == "2" and save_mine["title"] == "Shift swaps on phones"
    saved = signed_in.post(f"/w/acme/opportunities/{opp_id}/edit", save_mine)
    assert saved.status_code == 303, saved.text[:500]
    with rt.scope(user, "acme") as scope:
        now = opportunities.get(scope, opp_id)
        assert now.title == "Shift swaps on phones"
        assert now.problem.replace("\r\n", "\n") == "Managers approve swaps by text\nand lose track"
        assert now.status == "exploring"  # theirs, which this person never touched
        assert now.row_version == 3


def test_saving_the_form_unchanged_writes_nothing(
        signed_in: Browser, rt: Runtime, user: User, ws: Workspace) -> None:
    opp_id = _opportunity(rt, user, title="Shift swaps", problem="Line one\nline two")
    form = _edit_form(signed_in, opp_id)
    form["problem"] = form["problem"].replace("\n", "\r\n")  # as a browser sends it
    saved = signed_in.post(f"/w/acme/opportunities/{opp_id}/edit", form)
    assert saved.status_code == 303
    with rt.scope(user, "acme") as scope:
        assert opportunities.get(scope, opp_id).row_version == 1
