"""Shared set-up for the search-index tests: a workspace whose index lost its documents."""

from __future__ import annotations

from sqlalchemy import delete

from tandem.accounts import service as accounts
from tandem.accounts.models import User
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.loop.search import search
from tandem.runtime import Runtime
from tandem.storage.search_index import SearchDocument

TITLES = ("Payroll export", "Shift swaps", "Holiday requests")


def seed(runtime: Runtime, who: User | None = None) -> None:
    """Three opportunities, then an index that lost every document."""
    with runtime.scope(who or owner_of(runtime), "acme") as scope:
        for title in TITLES:
            opportunities.create(scope, OpportunityCreate(title=title))
        scope.session.execute(delete(SearchDocument))


def owner_of(runtime: Runtime) -> User:
    with runtime.session() as session:
        return accounts.get_user_by_email(session, "owner@example.com")


def finds(runtime: Runtime, word: str) -> list[str]:
    with runtime.scope(owner_of(runtime), "acme") as scope:
        return [hit.title for hit in search(scope, word)]
