"""Accounts: personal API tokens, workspaces and their members, on every face."""

from __future__ import annotations

from tandem.platform.feature import Feature, NavEntry

feature = Feature(
    name="accounts",
    api="tandem.accounts.api:router",
    web="tandem.accounts.web:router",
    cli="tandem.accounts.cli:register",
    nav=(NavEntry("Members", "members", "Workspace", order=10),),
)
