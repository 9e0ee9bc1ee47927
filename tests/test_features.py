"""The manifest: every face is built from FEATURES, and kinds choose their generic routes."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tandem import features, registry
from tandem.accounts.models import User
from tandem.api.app import create_api
from tandem.inbound.release import Release
from tandem.market.persona import Persona
from tandem.market.segment import Segment
from tandem.outbound.launch import Launch
from tandem.platform.feature import Routes, load
from tandem.runtime import Runtime
from tandem.server import create_app
from tests.api.conftest import token_for
from tests.web.conftest import Browser


def test_every_kind_is_declared_once_and_every_face_reference_loads() -> None:
    names = [k.name for k in features.kinds()]
    assert len(names) == len(set(names))
    assert list(registry.RESOURCES) == names
    for feature in features.FEATURES:
        for ref in (feature.api, feature.web, feature.cli, *feature.panels,
                    *feature.list_columns):
            if ref is not None:
                assert load(ref) is not None, ref


def test_references_come_from_foreign_keys() -> None:
    resources = registry.RESOURCES
    from tandem.roles.models import Person

    assert resources["launches"].references == {"release_id": Release, "owner_id": Person}
    assert resources["messages"].references == {"launch_id": Launch, "persona_id": Persona}
    assert resources["evidence"].ref_kinds == {"segment_id": "segments",
                                               "company_id": "companies",
                                               "contact_id": "contacts"}
    assert resources["personas"].references == {"segment_id": Segment}
    assert resources["opportunities"].references == {"owner_id": Person}


def test_navigation_comes_from_the_features() -> None:
    groups = dict(features.nav())
    assert [e.label for e in groups["Inbound"]] == [
        "Evidence", "Duplicates", "Themes", "Companies", "Contacts", "Opportunities",
        "Requirements", "Prioritise", "Releases", "Strategy", "Roadmap"]
    declared = {e.label for f in features.FEATURES for e in f.nav}
    assert declared == {e.label for entries in groups.values() for e in entries}


@pytest.fixture
def read_only_releases(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The manifest with releases declared read-only, as a feature with its own commands
    would declare a kind whose rules a generic PATCH must not bypass."""
    changed = []
    for feature in features.FEATURES:
        kinds = tuple(dataclasses.replace(k, routes=Routes.read) if k.name == "releases"
                      else k for k in feature.kinds)
        changed.append(dataclasses.replace(feature, kinds=kinds))
    monkeypatch.setattr(features, "FEATURES", tuple(changed))
    registry.reset()
    yield
    monkeypatch.undo()
    registry.reset()


def test_a_read_only_kind_gets_no_generic_writes(read_only_releases: None,
                                                 sqlite_runtime: Runtime) -> None:
    from tandem.accounts import service as accounts

    with sqlite_runtime.session() as session:
        owner: User = accounts.create_user(session, "o@example.com", "correct-horse-1")
        accounts.create_workspace(session, "Acme", owner)
    auth = token_for(sqlite_runtime, owner)
    with TestClient(create_api(sqlite_runtime)) as api:
        assert api.get("/workspaces/acme/releases", headers=auth).status_code == 200
        assert api.post("/workspaces/acme/releases", json={"name": "R"},
                        headers=auth).status_code == 405
        assert api.patch("/workspaces/acme/releases/1", json={"horizon": "now"},
                         headers=auth).status_code == 405
        assert api.delete("/workspaces/acme/releases/1", headers=auth).status_code == 405
        assert api.post("/workspaces/acme/launches", json={"name": "L", "release_id": 1},
                        headers=auth).status_code == 422  # other kinds keep their writes
    with TestClient(create_app(sqlite_runtime), follow_redirects=False) as web:
        browser = Browser(web)
        browser.sign_in("o@example.com", "correct-horse-1")
        assert browser.get("/w/acme/releases").status_code == 200
        assert "New release" not in browser.get("/w/acme/releases").text
        assert browser.get("/w/acme/releases/new").status_code == 404
        assert browser.post("/w/acme/releases", {"name": "R"}).status_code in (404, 405)


def test_a_read_only_kind_gets_only_list_and_show_in_the_cli(read_only_releases: None) -> None:
    import typer
    from typer.main import get_command

    from tandem.cli import records

    app = typer.Typer()
    records.register(app)
    groups = get_command(app).commands  # type: ignore[attr-defined]
    assert sorted(groups["release"].commands) == ["list", "show"]
    assert sorted(groups["launch"].commands) == ["add", "delete", "list", "show", "update"]
    assert "evidence" not in groups  # evidence brings its own group
