"""Slow work in a real browser: start rebuilding the search index, watch the job page follow
it live (htmx polling, no reload) until it has finished."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sqlalchemy import delete

from tandem.accounts import service as accounts
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.platform.jobs.worker import Background
from tandem.runtime import Runtime
from tandem.storage.search_index import SearchDocument
from tests.conftest import PASSWORD
from tests.jobs.support import make_worker


def test_rebuild_the_search_index_and_watch_the_job_finish(
        page: Page, live_server: str, live_runtime: Runtime) -> None:
    with live_runtime.session() as session:
        user = accounts.create_user(session, "pia@example.com", PASSWORD, "Pia")
        accounts.create_workspace(session, "Acme Health", user, "acme")
    with live_runtime.scope(user, "acme") as scope:
        opportunities.create(scope, OpportunityCreate(title="Night shift swaps"))
        scope.session.execute(delete(SearchDocument))  # an index that lost everything

    page.goto(live_server + "/signin?next=/w/acme/search%3Fq%3Dswaps")
    page.fill("#email", "pia@example.com")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("main")).to_contain_text("Nothing found")

    page.get_by_role("button", name="Rebuild the search index").click()
    expect(page).to_have_url(re.compile(r"/w/acme/jobs/\d+$"))
    expect(page.locator("main")).to_contain_text("Queued")

    background = Background.start(make_worker(live_runtime))  # the job can run now
    assert background is not None
    try:
        # The status block polls itself: the page changes without being reloaded.
        expect(page.locator("main")).to_contain_text("Succeeded", timeout=15_000)
    finally:
        background.stop()
    expect(page.locator("main")).to_contain_text("indexed")

    page.goto(live_server + "/w/acme/search?q=swaps")
    expect(page.locator("main")).to_contain_text("Night shift swaps")
