"""Scope.owned: a row of this workspace by id, or None (another workspace's, missing, or an
id no column can hold)."""

from __future__ import annotations

from tandem.accounts import service as accounts
from tandem.accounts.models import User
from tandem.market.product import Product, ProductCreate, products
from tandem.runtime import Runtime
from tandem.scope import Scope


def test_owned_finds_only_this_workspace_s_rows(scope: Scope, runtime: Runtime,
                                                owner: User) -> None:
    mine = products.create(scope, ProductCreate(name="Shiftwell"))
    scope.session.commit()
    with runtime.session() as session:
        accounts.create_workspace(session, "Elsewhere", owner, "elsewhere")
    with runtime.scope(owner, "elsewhere") as other:
        theirs = products.create(other, ProductCreate(name="Other")).id
    assert scope.owned(Product, mine.id) is mine
    assert scope.owned(Product, theirs) is None
    for missing in (0, -1, 2**31, 10**30, 999_999):
        assert scope.owned(Product, missing) is None
