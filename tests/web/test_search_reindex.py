"""Rebuilding the search index from the web: a button, then the job's live page."""

from __future__ import annotations

from sqlalchemy import delete

from tandem.accounts.models import Role, User
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.runtime import Runtime
from tandem.storage.search_index import SearchDocument
from tests.jobs.support import make_worker
from tests.web.conftest import Browser, add_member


def test_web_button_starts_it_and_the_job_page_shows_the_outcome(
        signed_in: Browser, rt: Runtime, user: User) -> None:
    with rt.scope(user, "acme") as scope:
        opportunities.create(scope, OpportunityCreate(title="Payroll export"))
        scope.session.execute(delete(SearchDocument))
    page = signed_in.get("/w/acme/search?q=payroll")
    assert "Rebuild the search index" in page.text and "Payroll export" not in page.text
    started = signed_in.post("/w/acme/search/reindex")
    assert started.status_code == 303
    job_page = started.headers["location"]
    assert job_page.startswith("/w/acme/jobs/")
    assert "Queued" in signed_in.follow(started).text
    assert make_worker(rt).run_once()
    finished = signed_in.get(job_page).text
    assert "Succeeded" in finished and "indexed" in finished.lower()
    assert "Payroll export" in signed_in.get("/w/acme/search?q=payroll").text
    add_member(rt, user, "acme", "vera@example.com", Role.viewer)


