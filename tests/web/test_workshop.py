"""The workshop pages: start, answer alone, reveal, settle, apply, plan."""

from __future__ import annotations

import html

from tandem.accounts.models import User
from tandem.roles.assignment import PersonCreate, people
from tandem.runtime import Runtime
from tests.web.conftest import Browser


def test_workshop_in_the_browser_faces(signed_in: Browser, rt: Runtime, user: User) -> None:
    with rt.scope(user, "acme") as scope:
        me = people.create(scope, PersonCreate(name="Pia", roles="PM"))
        me.user_id = user.id
        agency = people.create(scope, PersonCreate(name="Agency", roles="Marcom")).id
        pia = me.id
    assert "No workshop yet" in signed_in.get("/w/acme/workshops").text
    started = signed_in.post("/w/acme/workshops", {"title": "Q1",
                                                   "participant": [str(pia), str(agency)]})
    url = started.headers["location"]
    page = html.unescape(signed_in.get(url).text)
    assert "Nobody sees anyone else's answers" in page and f"{url}/answer/{pia}" in page
    form = signed_in.get(f"{url}/answer/{pia}").text
    assert 'name="raci-0"' in form
    answer = {"raci-0": "A", "importance-0": "5", "assessment-0": "1", "hours-0": "6"}
    saved = signed_in.follow(signed_in.post(f"{url}/answer/{pia}", answer)).text
    assert "Answers saved" in saved
    wrong = signed_in.follow(signed_in.post(f"{url}/answer/{agency}", {"importance-0": "9"}))
    assert "Scores go from 0 to 5" in wrong.text
    revealed = html.unescape(signed_in.follow(signed_in.post(f"{url}/reveal")).text)
    assert "Side by side" in revealed and "No R" in revealed
    first = revealed.split('name="activity" value="', 1)[1].split('"', 1)[0]
    settled = signed_in.follow(signed_in.post(f"{url}/decide", {
        "activity": first, "accountable_id": str(pia), "responsible_id": str(agency)}))
    assert "Settled" in settled.text and "by " in settled.text
    missing = signed_in.follow(signed_in.post(f"{url}/decide", {"activity": first}))
    assert "Choose who is accountable" in missing.text
    plan = signed_in.follow(signed_in.post(f"{url}/actions", {
        "activity": first, "fix": "Interview lost deals", "due_on": "2027-01-15"}))
    assert "Interview lost deals" in plan.text
    applied = signed_in.follow(signed_in.post(f"{url}/apply"))
    assert "assignments written" in html.unescape(applied.text)
    png = signed_in.get("/w/acme/roles/matrix.png")
    assert png.content.startswith(b"\x89PNG")
    assert "Workshops" in signed_in.get("/w/acme/roles").text
