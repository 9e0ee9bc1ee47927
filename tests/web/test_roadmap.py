"""The roadmap page: a Now / Next / Later board where editors move releases."""

from __future__ import annotations

from datetime import date

from tandem.accounts.models import Role, User, Workspace
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.inbound.release import ReleaseCreate, releases
from tandem.loop import links
from tandem.runtime import Runtime
from tests.web.conftest import Browser, add_member


def _board(rt: Runtime, user: User) -> dict[str, int]:
    with rt.scope(user, "acme") as scope:
        opp = opportunities.create(scope, OpportunityCreate(title="Shift swaps"))
        ev = evidence.create(scope, EvidenceCreate(text="We text all weekend to swap"))
        links.link(scope, "evidence", ev.id, "opportunities", opp.id)
        rel = releases.create(scope, ReleaseCreate(name="Swap Center", horizon="now",
                                                   target_date=date(2026, 12, 15)))
        links.link(scope, "releases", rel.id, "opportunities", opp.id)
        later = releases.create(scope, ReleaseCreate(name="Regions", horizon="later"))
        return {"release": rel.id, "later": later.id, "opportunity": opp.id}


def _column(html: str, horizon: str) -> str:
    return html.split(f'class="horizon horizon-{horizon}"', 1)[1].split('class="horizon ', 1)[0]


def test_board_shows_columns_backing_and_missing_launch(signed_in: Browser, rt: Runtime,
                                                        user: User) -> None:
    ids = _board(rt, user)
    page = signed_in.get("/w/acme/roadmap")
    assert page.status_code == 200
    now = _column(page.text, "now")
    assert "Swap Center" in now and "Shift swaps" in now
    assert "1 piece of evidence behind it" in now
    assert "no launch plan yet" in now
    assert f"/w/acme/launches/new?release_id={ids['release']}" in now
    later = _column(page.text, "later")
    assert "Regions" in later and "no launch plan" not in later
    assert 'href="/w/acme/roadmap"' in signed_in.get("/w/acme").text


def test_editor_moves_a_release(signed_in: Browser, rt: Runtime, user: User) -> None:
    ids = _board(rt, user)
    moved = signed_in.post(f"/w/acme/roadmap/{ids['later']}/move", {"horizon": "next"})
    assert "Moved &#39;Regions&#39; to Next." in signed_in.follow(moved).text
    with rt.scope(user, "acme") as scope:
        assert releases.get(scope, ids["later"]).horizon == "next"
    bad = signed_in.post(f"/w/acme/roadmap/{ids['later']}/move", {"horizon": "someday"})
    assert "is not now, next or later" in signed_in.follow(bad).text
    assert signed_in.post("/w/acme/roadmap/9999/move", {"horizon": "now"}).status_code == 404


def test_viewer_sees_the_board_without_move_controls(browser: Browser, rt: Runtime,
                                                     user: User, ws: Workspace) -> None:
    ids = _board(rt, user)
    add_member(rt, user, "acme", "vera@example.com", Role.viewer)
    browser.sign_in("vera@example.com")
    page = browser.get("/w/acme/roadmap")
    assert "Swap Center" in page.text and "move-form" not in page.text
    denied = browser.post(f"/w/acme/roadmap/{ids['release']}/move", {"horizon": "later"})
    assert denied.status_code == 403


def test_arrow_buttons_and_drops_place_releases(signed_in: Browser, rt: Runtime,
                                                user: User) -> None:
    ids = _board(rt, user)
    with rt.scope(user, "acme") as scope:
        other = releases.create(scope, ReleaseCreate(name="Kiosk", horizon="now")).id
    page = signed_in.get("/w/acme/roadmap").text
    assert "data-roadmap-board" in page and "/static/vendor/sortable.min.js" in page
    assert 'aria-label="Move Kiosk up"' in page  # the keyboard way to do what dragging does
    up = signed_in.post(f"/w/acme/roadmap/{other}/place", {"horizon": "now", "position": "1"})
    assert "is now number 1 in Now" in signed_in.follow(up).text
    now = _column(signed_in.get("/w/acme/roadmap").text, "now")
    assert now.index("Kiosk") < now.index("Swap Center")
    dropped = signed_in.post(f"/w/acme/roadmap/{ids['later']}/place",
                             {"horizon": "now", "position": "2"},
                             headers={"Accept": "application/json"})
    assert dropped.status_code == 204
    now = _column(signed_in.get("/w/acme/roadmap").text, "now")
    assert now.index("Kiosk") < now.index("Regions") < now.index("Swap Center")
    bad = signed_in.post(f"/w/acme/roadmap/{other}/place", {"horizon": "now", "position": "²"},
                         headers={"Accept": "application/json"})
    assert bad.status_code == 422 and "a place from 1" in bad.json()["message"]


def test_timeline_page_and_downloads(signed_in: Browser, rt: Runtime, user: User) -> None:
    _board(rt, user)
    page = signed_in.get("/w/acme/roadmap/timeline")
    assert page.status_code == 200
    assert 'src="/w/acme/roadmap/timeline.svg"' in page.text
    assert "No date yet, so not on the timeline: Regions" in page.text
    pdf = signed_in.get("/w/acme/roadmap/timeline.pdf")
    assert pdf.content.startswith(b"%PDF") and "attachment" in pdf.headers["content-disposition"]
    assert signed_in.get("/w/acme/roadmap/timeline.bmp").status_code in (404, 422)
