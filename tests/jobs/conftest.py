"""Every test here sees the test job kinds, and leaves no handler thread waiting."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tandem import features
from tests.cli.helpers import PASSWORD, Cli

from .support import GATES, RAN, with_test_feature


@pytest.fixture(autouse=True)
def test_jobs(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(features, "FEATURES", with_test_feature())
    GATES.clear()
    RAN.clear()
    yield
    for event in GATES.values():
        event.set()


@pytest.fixture
def cli(sqlite_url: str, tmp_path: Path) -> Cli:
    return Cli(sqlite_url, tmp_path)


@pytest.fixture
def acme(cli: Cli) -> Cli:
    """`tandem` on a SQLite database where owner@example.com owns workspace 'acme'."""
    cli.ok("user", "create", "--email", "owner@example.com", "--password-stdin",
           "--workspace-name", "Acme", input=f"{PASSWORD}\n")
    return cli


@pytest.fixture
def any_acme(engine_url: str, tmp_path: Path) -> Cli:
    """Like `acme`, on each engine."""
    cli = Cli(engine_url, tmp_path)
    cli.ok("user", "create", "--email", "owner@example.com", "--password-stdin",
           "--workspace-name", "Acme", input=f"{PASSWORD}\n")
    return cli
