"""Whole-workspace export and import: a round trip keeps every object and link."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tandem.accounts.models import User
from tandem.errors import Conflict, Invalid
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.inbound.release import ReleaseCreate, releases
from tandem.loop import links, transfer
from tandem.loop.search import search
from tandem.market.persona import PersonaCreate, personas
from tandem.market.segment import SegmentCreate, segments
from tandem.outbound.campaign import CampaignCreate, campaigns
from tandem.outbound.launch import LaunchCreate, launches
from tandem.outbound.message import MessageCreate, messages
from tandem.platform.actor import Member
from tandem.runtime import Runtime
from tandem.scope import Scope


def _fill(scope: Scope) -> None:
    seg = segments.create(scope, SegmentCreate(name="Clinics"))
    olivia = personas.create(scope, PersonaCreate.model_validate({
        "name": "Ops Olivia", "segment_id": seg.id, "goals": ["Calm rotas"],
        "jobs": [{"when": "someone is sick", "want": "find cover", "so_that": ""}]}))
    ev = evidence.create(scope, EvidenceCreate(text="Need swaps", segment_id=seg.id,
                                               tags=["swaps"]))
    opp = opportunities.create(scope, OpportunityCreate(title="Swaps"))
    rel = releases.create(scope, ReleaseCreate(name="Swap Center"))
    launch = launches.create(scope, LaunchCreate(name="Launch", release_id=rel.id, tier=2))
    msg = messages.create(scope, MessageCreate(title="One tap", body="b", launch_id=launch.id))
    links.link(scope, "evidence", ev.id, "opportunities", opp.id, importance=2)
    links.link(scope, "opportunities", opp.id, "releases", rel.id)
    links.link(scope, "messages", msg.id, "evidence", ev.id)
    links.link(scope, "personas", olivia.id, "launches", launch.id)
    links.link(scope, "segments", seg.id, "opportunities", opp.id)
    webinar = campaigns.create(scope, CampaignCreate.model_validate(
        {"name": "Webinar", "channel": "webinar", "launch_id": launch.id}))
    links.link(scope, "segments", seg.id, "campaigns", webinar.id)


IDS = {"id", "created_at", "updated_at", "segment_id", "release_id", "launch_id", "persona_id"}


def _plain(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Objects without the values that change on import (ids and timestamps)."""
    return [{k: v for k, v in o.items() if k not in IDS and not k.endswith("_id")}
            for o in items]


def _export(runtime: Runtime, owner: User, slug: str) -> dict[str, Any]:
    with runtime.scope(owner, slug) as scope:
        return transfer.export_workspace(scope)


def test_round_trip_keeps_objects_and_links(runtime: Runtime, owner: User, scope: Scope) -> None:
    _fill(scope)
    scope.session.commit()
    data = _export(runtime, owner, "acme")
    assert data["version"] == 2
    with runtime.session() as session:
        transfer.import_workspace(session, data, Member.of(owner), slug="copy")
    again = _export(runtime, owner, "copy")
    assert again["workspace"]["slug"] == "copy"
    for table, rows in data["tables"].items():
        assert _plain(rows) == _plain(again["tables"][table]), table
    counts = {k: len(v) for k, v in again["tables"].items()}
    assert {k: counts[k] for k in ("evidence_opportunities", "opportunity_releases",
                                   "message_evidence", "persona_launches",
                                   "segment_opportunities", "evidence_tags")} == dict.fromkeys(
        ("evidence_opportunities", "opportunity_releases", "message_evidence",
         "persona_launches", "segment_opportunities", "evidence_tags"), 1)
    with runtime.scope(owner, "copy") as copy_scope:
        ev = evidence.all(copy_scope)[0]
        found = links.trace(copy_scope, "evidence", ev.id)
        assert [m.title for m in found.downstream["messages"]] == ["One tap"]
        assert found.downstream["opportunities"][0].importance == 2
        assert ev.tags == ["swaps"]
        assert search(copy_scope, "swaps"), "the search index was rebuilt"


def test_a_version_1_file_still_imports(runtime: Runtime, owner: User, scope: Scope) -> None:
    _fill(scope)
    scope.session.commit()
    with runtime.scope(owner, "acme") as acme:
        data = transfer.export_v1(acme)
    assert data["version"] == 1
    with runtime.session() as session:
        transfer.import_workspace(session, data, Member.of(owner), slug="copy")
    with runtime.scope(owner, "copy") as copy_scope:
        again = transfer.export_v1(copy_scope)
    for kind, items in data["objects"].items():
        assert _plain(items) == _plain(again["objects"][kind]), kind
    counts = {k: len(v) for k, v in again["links"].items()}
    assert {k: n for k, n in counts.items() if n} == {
        "evidence-opportunities": 1, "opportunities-releases": 1, "messages-evidence": 1,
        "personas-launches": 1, "segments-opportunities": 1, "segments-campaigns": 1}
    assert len(counts) == 13  # every kind of link is exported, empty or not
    with runtime.scope(owner, "copy") as copy_scope:
        ev = evidence.all(copy_scope)[0]
        found = links.trace(copy_scope, "evidence", ev.id)
        assert [m.title for m in found.downstream["messages"]] == ["One tap"]
        assert found.downstream["opportunities"][0].importance == 2


def test_invalid_file_imports_nothing(runtime: Runtime, owner: User, scope: Scope) -> None:
    _fill(scope)
    scope.session.commit()
    data = copy.deepcopy(_export(runtime, owner, "acme"))
    data["tables"]["releases"][0]["horizon"] = "someday"
    with pytest.raises(Invalid) as bad, runtime.session() as session:
        transfer.import_workspace(session, data, Member.of(owner), slug="broken")
    assert bad.value.field == "tables.releases[0].horizon"
    with runtime.session() as session:
        from tandem.accounts.service import workspaces_for
        assert [w.slug for w, _ in workspaces_for(session, owner)] == ["acme"]


def test_existing_slug_and_foreign_files_are_refused(runtime: Runtime, owner: User,
                                                      scope: Scope) -> None:
    scope.session.commit()
    data = _export(runtime, owner, "acme")
    with pytest.raises(Conflict), runtime.session() as session:
        transfer.import_workspace(session, data, Member.of(owner))
    with pytest.raises(Invalid, match="Not a Tandem workspace export"), \
            runtime.session() as session:
        transfer.import_workspace(session, {"hello": 1}, Member.of(owner))


@pytest.mark.parametrize(("change", "field"), [
    ({"workspace": "notadict"}, "workspace"),
    ({"objects": ["products"]}, "objects"),
    ({"objects": {"products": [{"id": "abc", "name": "p"}]}}, "objects.products[0].id"),
    ({"objects": {"products": [{"id": None, "name": "p"}]}}, "objects.products[0].id"),
    ({"objects": {"segments": [{"id": 1, "name": "s"}],
                  "personas": [{"id": 1, "name": "p", "segment_id": [1]}]}},
     "objects.personas[0].segment_id"),
    ({"links": "abc"}, "links"),
    ({"links": {"evidence-opportunities": [{"evidence_id": 1, "opportunity_id": 1,
                                             "importance": "high"}]}},
     "links.evidence-opportunities.0.importance"),
    ({"links": {"evidence-opportunities": [{"evidence_id": 1, "opportunity_id": 1,
                                             "importance": 99}]}},
     "links.evidence-opportunities.0.importance"),
    ({"workspace": {"name": "x" * 500}}, "workspace.name"),
])
def test_malformed_files_are_refused_with_the_place_named(
        runtime: Runtime, owner: User, change: dict[str, Any], field: str) -> None:
    data = {"format": "tandem-workspace", "version": 1, **change}
    with pytest.raises(Invalid) as bad, runtime.session() as session:
        transfer.import_workspace(session, data, Member.of(owner), slug="bad")
    assert bad.value.field == field, bad.value.message
    with runtime.session() as session:
        from tandem.accounts.service import workspaces_for
        assert all(w.slug != "bad" for w, _ in workspaces_for(session, owner))


@pytest.mark.parametrize(("change", "field"), [
    ({"tables": {"products": [{"id": "abc", "name": "p"}]}}, "tables.products[0].id"),
    ({"tables": {"products": [{"name": "p"}]}}, "tables.products[0].id"),
    ({"tables": {"products": [{"id": 1, "name": "p", "colour": "red"}]}},
     "tables.products[0].colour"),
    ({"tables": {"products": [{"id": 1, "name": "p\x00"}]}}, "tables.products[0].name"),
    ({"tables": {"releases": [{"id": 1, "name": "r", "target_date": "soon"}]}},
     "tables.releases[0].target_date"),
    ({"tables": {"personas": [{"id": 1, "name": "p", "segment_id": 7}]}},
     "tables.personas[0].segment_id"),
    ({"tables": {"evidence_tags": [{"evidence_id": 3, "tag": "t", "position": 0}]}},
     "tables.evidence_tags[0].evidence_id"),
    ({"tables": {"workshops": [{"id": 1, "title": "w", "facilitator_id": 4}]}},
     "tables.workshops[0].facilitator_id"),
    ({"tables": {"jobs": []}}, "tables"),
    ({"users": {"x": "a@b.c"}}, "users"),
    ({"tables": {"products": [{"id": 1, "name": "p"}, {"id": 1, "name": "q"}]}},
     "tables.products[1].id"),
])
def test_malformed_version_2_files_are_refused_with_the_place_named(
        runtime: Runtime, owner: User, change: dict[str, Any], field: str) -> None:
    data = {"format": "tandem-workspace", "version": 2, **change}
    with pytest.raises(Invalid) as bad, runtime.session() as session:
        transfer.import_workspace(session, data, Member.of(owner), slug="bad")
    assert bad.value.field == field, bad.value.message


def test_two_rows_with_the_same_unique_key_are_refused(runtime: Runtime, owner: User) -> None:
    data = {"format": "tandem-workspace", "version": 2, "tables": {"products": [
        {"id": 1, "name": "Rota"}, {"id": 2, "name": "rota"}]}}
    with pytest.raises(Conflict) as bad, runtime.session() as session:
        transfer.import_workspace(session, data, Member.of(owner), slug="bad")
    assert bad.value.field == "tables.products[1].name"


def test_a_link_listed_twice_is_one_link(runtime: Runtime, owner: User) -> None:
    data = {"format": "tandem-workspace", "version": 1,
            "objects": {"evidence": [{"id": 5, "text": "t"}],
                        "opportunities": [{"id": 9, "title": "o"}]},
            "links": {"evidence-opportunities": [
                {"evidence_id": 5, "opportunity_id": 9, "importance": 2},
                {"evidence_id": 5, "opportunity_id": 9, "importance": 2}]}}
    with runtime.session() as session:
        scope = transfer.import_workspace(session, data, Member.of(owner), slug="twice")
        assert len(transfer.export_workspace(scope)["tables"]["evidence_opportunities"]) == 1


@pytest.mark.parametrize(("row", "field"), [
    ({"id": 1, "name": "p", "goals": "calm rotas"}, "tables.personas[0].goals"),
    ({"id": 1, "name": "p", "goals": [1, 2]}, "tables.personas[0].goals.0"),
    ({"id": 1, "name": "p", "jobs": [{"when": ["x"]}]}, "tables.personas[0].jobs.0.when"),
    ({"id": 1, "name": "p", "created_at": "yesterday"}, "tables.personas[0].created_at"),
])
def test_json_and_times_are_checked_against_the_model(
        runtime: Runtime, owner: User, row: dict[str, Any], field: str) -> None:
    data = {"format": "tandem-workspace", "version": 2, "tables": {"personas": [row]}}
    with pytest.raises(Invalid) as bad, runtime.session() as session:
        transfer.import_workspace(session, data, Member.of(owner), slug="bad")
    assert bad.value.field == field, bad.value.message
