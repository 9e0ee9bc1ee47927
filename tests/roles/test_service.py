"""Roles on both engines: the workspace catalog (rename, hide, add), assignments that must
name a person and a catalog activity, the matrix with its findings, and presets."""

from __future__ import annotations

import pytest

from tandem.accounts.models import Role
from tandem.errors import Conflict, Forbidden, Invalid, NotFound
from tandem.platform.actor import Member
from tandem.roles import service
from tandem.roles.assignment import AssignmentCreate, PersonCreate, assignments, people
from tandem.scope import Scope


def _assign(scope: Scope, activity: str, person_id: int, raci: str) -> None:
    assignments.create(scope, AssignmentCreate(activity=activity, person_id=person_id,
                                               raci=raci))


def test_catalog_changes_are_the_workspaces_own(scope: Scope) -> None:
    names = [e.name for e in service.catalog(scope)]
    assert len(names) == 48 and names[0] == "Market problems"
    pia = people.create(scope, PersonCreate(name="Pia", roles="PMM")).id
    _assign(scope, "Launch", pia, "A")
    renamed = service.rename_activity(scope, "launch", "Go-live")
    assert (renamed.name, renamed.builtin) == ("Go-live", "Launch")
    assert [a.activity for a in assignments.all(scope)] == ["Go-live"]  # they follow
    service.hide_activity(scope, "Awareness")
    assert service.entry(scope, "Awareness").hidden
    added = service.add_activity(scope, "Trade shows", "Programs", "outbound")
    assert added.builtin == "" and service.catalog(scope)[-1].column == "Support"
    service.add_activity(scope, "Beta programme", "Planning", "inbound")
    assert {"Trade shows", "Beta programme"} <= {e.name for e in service.catalog(scope)}
    with pytest.raises(Conflict):
        service.add_activity(scope, "trade shows", "Programs", "outbound")
    with pytest.raises(Conflict):
        service.rename_activity(scope, "Go-live", "Pricing")
    with pytest.raises(Invalid):
        service.add_activity(scope, "X", "Nowhere", "outbound")
    with pytest.raises(NotFound):
        service.hide_activity(scope, "No such activity")


def test_assignments_name_a_person_and_a_catalog_activity(scope: Scope) -> None:
    pia = people.create(scope, PersonCreate(name="Pia")).id
    with pytest.raises(Invalid) as typo:
        _assign(scope, "Lauch", pia, "A")
    assert typo.value.field == "activity"
    with pytest.raises(Invalid) as nobody:
        _assign(scope, "Launch", 999_999, "A")
    assert nobody.value.field == "person_id"
    service.hide_activity(scope, "Advocacy")
    with pytest.raises(Invalid):
        _assign(scope, "Advocacy", pia, "A")
    _assign(scope, "Launch", pia, "A")


def test_matrix_findings_gaps_and_preset_departures(scope: Scope) -> None:
    dan = people.create(scope, PersonCreate(name="Dan", roles="PM")).id
    hana = people.create(scope, PersonCreate(name="Hana", roles="PMM")).id
    _assign(scope, "Launch", dan, "A")
    _assign(scope, "Launch", hana, "R")
    _assign(scope, "Sales tools", hana, "R")
    m = service.matrix(scope)
    assert m.letters["Launch"] == {dan: "A", hana: "R"}
    assert [(f.code, f.activity) for f in m.findings] == [("no_accountable", "Sales tools")]
    assert len(m.gaps) == 46 and m.errors == 1
    assert m.preset == "custom" and m.departures == []
    service.set_preset(scope, "split")
    departures = service.matrix(scope).departures
    assert [(d.activity, d.role, d.expected) for d in departures] == [
        ("Launch", "PMM", "A"), ("Sales tools", "PMM", "A")]
    with pytest.raises(Invalid):
        service.set_preset(scope, "anarchy")


def test_applying_a_preset_fills_only_the_gaps(scope: Scope) -> None:
    hana = people.create(scope, PersonCreate(name="Hana", roles="PMM")).id
    _assign(scope, "Launch", hana, "R")  # the team's choice stays as it is
    service.set_preset(scope, "split_marcom")
    made = service.apply_preset(scope)
    m = service.matrix(scope)
    assert m.gaps == [] and made > 47
    names = {p.name: p.id for p in people.all(scope)}
    assert set(names) == {"Hana", "Founder", "PM", "Marcom"}  # named roles for the rest
    assert m.letters["Campaigns"] == {names["Hana"]: "A", names["PM"]: "I",
                                      names["Marcom"]: "R"}
    assert m.letters["Launch"] == {hana: "R"}
    assert not [f for f in m.findings if f.code != "no_responsible" and
                f.activity != "Launch"]  # the preset itself breaks no rule
    assert service.apply_preset(scope) == 0


def test_solo_founder_is_not_nagged(scope: Scope) -> None:
    maya = people.create(scope, PersonCreate(name="Maya", roles="Founder")).id
    for activity in ("Launch", "Pricing", "Requirements", "Positioning", "Content",
                     "Campaigns", "Market problems"):
        _assign(scope, activity, maya, "A")
    assert {f.code for f in service.matrix(scope).findings} == {"no_responsible",
                                                                "overloaded"}
    service.set_preset(scope, "solo")
    assert service.matrix(scope).findings == []


def test_members_become_people_once(scope: Scope) -> None:
    made = service.add_members(scope)
    assert len(made) == 1 and made[0].user_id == scope.user_id
    assert service.add_members(scope) == []


def test_viewers_cannot_change_roles(scope: Scope) -> None:
    assert isinstance(scope.actor, Member)
    scope.actor = scope.actor.in_role(Role.viewer)
    service.matrix(scope)  # reading is fine
    for change in (lambda: service.set_preset(scope, "split"),
                   lambda: service.apply_preset(scope),
                   lambda: service.rename_activity(scope, "Launch", "Go"),
                   lambda: service.add_members(scope)):
        with pytest.raises(Forbidden):
            change()
