"""CLI fixtures for every suite (a plugin of the root conftest): run `tandem` in-process
against a private database, as a person at a terminal would.

`cli` runs commands on a clean SQLite database; `any_cli` runs them on each engine (SQLite
and PostgreSQL) through the shared `engine_url` fixture.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import PASSWORD, Cli


@pytest.fixture
def cli(sqlite_url: str, tmp_path: Path) -> Cli:
    return Cli(sqlite_url, tmp_path)


@pytest.fixture
def any_cli(engine_url: str, tmp_path: Path) -> Cli:
    return Cli(engine_url, tmp_path)


@pytest.fixture
def acme(cli: Cli) -> Cli:
    """A SQLite database with one user (owner@example.com) owning workspace 'acme'."""
    cli.ok("user", "create", "--email", "owner@example.com", "--password-stdin",
           "--workspace-name", "Acme", input=f"{PASSWORD}\n")
    return cli


@pytest.fixture
def any_acme(any_cli: Cli) -> Cli:
    """Like `acme`, on each engine."""
    any_cli.ok("user", "create", "--email", "owner@example.com", "--password-stdin",
               "--workspace-name", "Acme", input=f"{PASSWORD}\n")
    return any_cli
