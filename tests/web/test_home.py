"""Landing pages: workspace picker, the loop at a glance, search, export, static files."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from tandem.accounts import service as accounts
from tandem.accounts.models import User, Workspace
from tandem.loop import links
from tandem.runtime import Runtime
from tandem.server import create_app
from tests.web.conftest import Browser
from tests.web.test_pages import make, one_of_each


def test_root_goes_to_the_only_workspace_or_the_picker(
        signed_in: Browser, rt: Runtime, user: User) -> None:
    assert signed_in.get("/").headers["location"] == "/w/acme"
    with rt.session() as session:
        accounts.create_workspace(session, "Beta Labs", user)
    assert signed_in.get("/").headers["location"] == "/workspaces"
    picker = signed_in.get("/workspaces")
    assert 'href="/w/acme"' in picker.text and 'href="/w/beta-labs"' in picker.text


def test_create_workspace_from_the_picker(signed_in: Browser, rt: Runtime,
                                          user: User) -> None:
    response = signed_in.post("/workspaces", {"name": "Gamma Co", "slug": ""})
    assert response.headers["location"] == "/w/gamma-co"
    assert "Workspace &#39;Gamma Co&#39; created." in signed_in.follow(response).text
    clash = signed_in.post("/workspaces", {"name": "Acme", "slug": "acme"})
    assert clash.status_code == 409
    assert "The address &#39;acme&#39; is not available: choose another." in clash.text
    bad = signed_in.post("/workspaces", {"name": "X", "slug": "Not OK!"})
    assert bad.status_code == 422 and "is not a valid address (slug)" in bad.text


def test_home_of_an_empty_workspace_says_where_to_start(signed_in: Browser) -> None:
    page = signed_in.get("/w/acme")
    assert page.status_code == 200
    assert "No evidence yet" in page.text
    assert "No opportunities yet" in page.text
    assert "Nobody is accountable for any outbound activity" in page.text


def test_home_shows_both_sides_of_the_loop(signed_in: Browser, rt: Runtime,
                                           user: User) -> None:
    ids = one_of_each(rt, user)
    make(rt, user, "releases", name="Regions", horizon="later")
    with rt.scope(user, "acme") as scope:
        links.link(scope, "evidence", ids["evidence"], "opportunities", ids["opportunities"])
    page = signed_in.get("/w/acme").text
    inbound, outbound = page.split('id="out-h"', 1)
    outbound, roadmap = outbound.split('id="road-h"', 1)
    assert "Swaps happen in group chats" in inbound
    assert "Swap chaos" in inbound
    now = roadmap.split("horizon-now", 1)[1].split("horizon-next", 1)[0]
    later = roadmap.split("horizon-later", 1)[1]
    assert "Swap Center" in now and "Regions" in later
    assert "Swap Center launch</a> · tier 2 · planning" in now  # the hand-off to outbound
    assert "no launch plan" not in later
    assert "Swap Center launch" in outbound and "Tier 2" in outbound
    assert "Coverage without chaos" in outbound
    assert "Hannah" in outbound
    assert "1 message makes a claim with no evidence linked." in page
    assert 'href="/w/acme/messages"' in page


def test_search_groups_hits_by_kind(signed_in: Browser, rt: Runtime, user: User) -> None:
    one_of_each(rt, user)
    page = signed_in.get("/w/acme/search?q=swap")
    assert "results for “swap”" in page.text
    for plural in ("Evidence", "Opportunities", "Releases", "Launches"):
        assert f'?q=swap">{plural}</a>' in page.text
    assert 'value="swap"' in page.text  # the header box keeps the query
    nothing = signed_in.get("/w/acme/search?q=zebra")
    assert "Nothing found for “zebra”" in nothing.text
    assert signed_in.get("/w/acme/search").status_code == 200


def test_export_downloads_the_workspace_as_json(signed_in: Browser, rt: Runtime,
                                                user: User) -> None:
    one_of_each(rt, user)
    response = signed_in.get("/w/acme/export")
    assert response.headers["content-type"].startswith("application/json")
    assert 'attachment; filename="tandem-acme-' in response.headers["content-disposition"]
    data = json.loads(response.text)
    assert data["format"] == "tandem-workspace"
    assert [o["title"] for o in data["tables"]["opportunities"]] == ["Swap chaos"]


def test_static_files_and_vendored_htmx(signed_in: Browser, client: TestClient) -> None:
    css = client.get("/static/app.css")
    assert css.status_code == 200 and "--in:" in css.text
    depth = 0  # every block closes: a lost brace hides every rule after it in a media query
    for number, line in enumerate(css.text.splitlines(), 1):
        depth += line.count("{") - line.count("}")
        assert 0 <= depth <= 2, f"app.css line {number}: braces out of step"
        assert not (depth == 2 and line.lstrip().startswith("/*")), \
            f"app.css line {number}: a section starts inside an unclosed block"
    assert depth == 0
    assert client.get("/static/favicon.svg").status_code == 200
    page = signed_in.get("/w/acme")
    if client.get("/static/vendor/htmx.min.js").status_code == 200:
        assert '<script src="/static/vendor/htmx.min.js" defer></script>' in page.text


def test_pages_work_without_node_modules(rt: Runtime, user: User, ws: Workspace,
                                         tmp_path: Path) -> None:
    app = create_app(rt, vendor_dir=tmp_path / "missing")
    with TestClient(app, follow_redirects=False) as client:
        browser = Browser(client)
        browser.sign_in(user.email)
        page = browser.get("/w/acme/evidence")
        assert page.status_code == 200
        assert "htmx.min.js" not in page.text
        assert client.get("/static/vendor/htmx.min.js").status_code == 404
        created = browser.post("/w/acme/evidence", {"text": "Works without JS"})
        assert created.status_code == 303


def test_unexpected_errors_show_a_calm_page(rt: Runtime) -> None:
    app = create_app(rt)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("kaboom")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/boom")
    assert response.status_code == 500
    assert "unexpected error" in response.text and "kaboom" not in response.text
