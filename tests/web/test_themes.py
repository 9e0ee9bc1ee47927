"""The Themes pages: the list (sorted, hidden ones on request), a theme's page, and curation
through its forms."""

from __future__ import annotations

from tandem.accounts.models import User
from tandem.inbound.themes import service as themes
from tandem.runtime import Runtime
from tests.inbound.themes.test_service import seed, theme_of
from tests.web.conftest import Browser


def test_theme_pages_and_curation(signed_in: Browser, rt: Runtime, user: User) -> None:
    empty = signed_in.get("/w/acme/themes")
    assert empty.status_code == 200 and "No themes yet" in empty.text
    with rt.scope(user, "acme") as scope:
        groups = seed(scope)
        themes.run(scope, rt.embedder.name)
        pay, cal, inv = (theme_of(scope, groups[g][0])
                         for g in ("payroll", "calendar", "invoice"))
    page = signed_in.get("/w/acme/themes", params={"sort": "arr"})
    assert page.status_code == 200 and "3 themes" in page.text
    assert page.text.count('class="spark"') == 3 and f"/w/acme/themes/{pay}" in page.text
    detail = signed_in.get(f"/w/acme/themes/{pay}")
    assert detail.status_code == 200 and "In their words" in detail.text
    assert "Make an opportunity" in detail.text and "Payroll Co 0" in detail.text
    done = signed_in.post(f"/w/acme/themes/{pay}/rename",
                          {"label": "Payroll exports", "description": "Rota to payroll"})
    assert "Payroll exports" in signed_in.follow(done).text
    done = signed_in.post(f"/w/acme/themes/{cal}/merge", {"other": str(inv)})
    assert "Merged" in signed_in.follow(done).text
    assert signed_in.get(f"/w/acme/themes/{inv}").status_code == 404
    done = signed_in.post(f"/w/acme/themes/{pay}/split",
                          {"ids": [str(i) for i in groups["payroll"][:2]]})
    assert "Split 2 items into this new theme" in signed_in.follow(done).text
    done = signed_in.post(f"/w/acme/themes/{pay}/move",
                          {"ids": [str(groups["payroll"][4])], "to": str(cal)})
    assert "Moved 1 item" in signed_in.follow(done).text
    done = signed_in.post(f"/w/acme/themes/{pay}/flags", {"hidden": "1"})
    listed = signed_in.follow(done)
    assert "Hidden" in listed.text and "Payroll exports" not in listed.text
    assert "Payroll exports" in signed_in.get("/w/acme/themes", params={"hidden": "1"}).text
    done = signed_in.post(f"/w/acme/themes/{pay}/opportunity")
    opportunity = signed_in.follow(done)
    assert "Opportunity created from the theme" in opportunity.text
    bad = signed_in.post(f"/w/acme/themes/{cal}/merge", {"other": "x"})
    assert bad.status_code == 422
    bad = signed_in.post(f"/w/acme/themes/{cal}/move", {"to": str(pay)})
    assert bad.status_code == 422 and "Tick at least one item" in bad.text
    run = signed_in.post("/w/acme/themes/discover")
    assert run.status_code == 303 and "/w/acme/jobs/" in run.headers["location"]
    unsorted = signed_in.get("/w/acme/evidence", params={"theme_id": "none"})
    assert unsorted.status_code == 200
    audit = signed_in.get("/w/acme/audit")  # theme events read like any other
    assert audit.status_code == 200 and "Payroll exports" in audit.text
