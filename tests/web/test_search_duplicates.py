"""The search page (hybrid evidence search with filters) and the duplicates queue page."""

from __future__ import annotations

from tandem.accounts.models import Role, User
from tandem.inbound.duplicates import service as duplicates
from tandem.runtime import Runtime
from tests.inbound.support import add
from tests.web.conftest import Browser, add_member

COPY = "Exporting the rota to payroll takes me two hours every week"


def test_search_page_keyword_then_meaning_filters_and_errors(signed_in: Browser, rt: Runtime,
                                                             user: User) -> None:
    with rt.scope(user, "acme") as scope:
        first = add(scope, "payroll export <i>broken</i>", embed=False, source="support").id
    page = signed_in.get("/w/acme/search", params={"q": "payroll"})
    assert page.status_code == 200
    assert "keyword matches only" in page.text  # no vectors yet: says so
    assert "<mark>payroll</mark> export &lt;i&gt;broken&lt;/i&gt;" in page.text
    assert 'name="received_from"' in page.text and 'name="theme"' in page.text
    with rt.scope(user, "acme") as scope:
        near = add(scope, "payroll export").id
        add(scope, "payroll export broken")
    page = signed_in.get("/w/acme/search", params={"q": "payroll export broken"})
    assert "keyword matches only" not in page.text
    assert f'href="/w/acme/evidence/{near}">payroll export</a>' in page.text
    assert "by meaning" in page.text and "keyword + meaning" in page.text
    page = signed_in.get("/w/acme/search", params={"q": "payroll", "source": "support",
                                                   "mode": "keyword"})
    assert f"/w/acme/evidence/{first}" in page.text and f"/w/acme/evidence/{near}" not in page.text
    bad = signed_in.get("/w/acme/search", params={"q": "payroll", "received_from": "soon"})
    assert bad.status_code == 422 and "YYYY-MM-DD" in bad.text
    assert signed_in.get("/w/acme/search", params={"q": "x", "mode": "zz"}).status_code == 422


def test_duplicates_page_merge_and_dismiss(signed_in: Browser, rt: Runtime, user: User) -> None:
    empty = signed_in.get("/w/acme/evidence/duplicates")
    assert empty.status_code == 200 and "Nothing to review" in empty.text
    with rt.scope(user, "acme") as scope:
        a, b = add(scope, COPY, customer_company="Harbor Cafe").id, add(scope, COPY + "!").id
        c, d = add(scope, "the calendar is lovely").id, add(scope, "the calendar is lovely!").id
        duplicates.scan(scope, rt.embedder.name)
    page = signed_in.get("/w/acme/evidence/duplicates")
    assert "2 groups to review" in page.text and "Harbor Cafe" in page.text
    done = signed_in.post("/w/acme/evidence/duplicates/merge",
                          {"ids": [str(a), str(b)], "keep": str(b)})
    page = signed_in.follow(done)
    assert f"Merged 1 item into evidence {b}" in page.text and "1 group to review" in page.text
    detail = signed_in.get(f"/w/acme/evidence/{b}")
    assert "Merged duplicates" in detail.text and "Harbor Cafe" in detail.text
    page = signed_in.follow(signed_in.post("/w/acme/evidence/duplicates/dismiss",
                                           {"ids": [str(c), str(d)]}))
    assert "Dismissed 1 pair" in page.text and "Nothing to review" in page.text
    bad = signed_in.post("/w/acme/evidence/duplicates/merge", {"ids": ["x"], "keep": "1"})
    assert bad.status_code == 422
    bad = signed_in.post("/w/acme/evidence/duplicates/merge", {"ids": [str(b), str(c)]})
    assert bad.status_code == 422 and "Choose which item to keep" in bad.text
    scan = signed_in.post("/w/acme/evidence/duplicates/scan")
    assert scan.status_code == 303 and "/w/acme/jobs/" in scan.headers["location"]


def test_viewers_see_the_queue_but_cannot_merge(browser: Browser, rt: Runtime,
                                                user: User, ws: object) -> None:
    add_member(rt, user, "acme", "vera@example.com", Role.viewer)
    with rt.scope(user, "acme") as scope:
        a, b = add(scope, COPY).id, add(scope, COPY + "!").id
        duplicates.scan(scope, rt.embedder.name)
    browser.sign_in("vera@example.com")
    page = browser.get("/w/acme/evidence/duplicates")
    assert "Merge into the chosen one" not in page.text and "Scan all evidence" not in page.text
    refused = browser.post("/w/acme/evidence/duplicates/merge",
                           {"ids": [str(a), str(b)], "keep": str(a)})
    assert refused.status_code == 403
