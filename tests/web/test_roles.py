"""The roles page: the heatmap with its checks, the preset and its departures, exports,
and the catalog; viewers see it without the controls."""

from __future__ import annotations

from tandem.accounts.models import Role, User, Workspace
from tandem.roles.assignment import AssignmentCreate, PersonCreate, assignments, people
from tandem.runtime import Runtime
from tests.web.conftest import Browser, add_member


def _team(rt: Runtime, user: User) -> None:
    with rt.scope(user, "acme") as scope:
        dan = people.create(scope, PersonCreate(name="Dan", roles="PM")).id
        tom = people.create(scope, PersonCreate(name="Tom", roles="Sales")).id
        assignments.create(scope, AssignmentCreate(activity="Launch", person_id=dan,
                                                   raci="A"))
        assignments.create(scope, AssignmentCreate(activity="Sales tools", person_id=tom,
                                                   raci="R"))


def test_matrix_checks_preset_and_catalog(signed_in: Browser, rt: Runtime,
                                          user: User) -> None:
    empty = signed_in.get("/w/acme/roles")
    assert "No people hold roles yet" in empty.text
    _team(rt, user)
    page = signed_in.get("/w/acme/roles")
    assert 'class="raci-cell raci-A" title="Dan: Accountable">A<' in page.text
    assert "Nobody is accountable for &#39;Sales tools&#39;" in page.text
    followed = signed_in.follow(signed_in.post("/w/acme/roles/preset", {"preset": "split"}))
    assert "the preset expects the PMM as A, the team has Dan as A" in followed.text
    filled = signed_in.follow(signed_in.post("/w/acme/roles/preset/apply", {}))
    assert "from the preset" in filled.text
    download = signed_in.get("/w/acme/roles/matrix.csv")
    assert download.headers["content-disposition"].startswith("attachment")
    bad = signed_in.follow(signed_in.post("/w/acme/roles/preset", {"preset": "x"}))
    assert "The preset is one of" in bad.text
    renamed = signed_in.follow(signed_in.post("/w/acme/roles/catalog/rename",
                                              {"name": "Launch", "new_name": "Go-live"}))
    assert "Renamed to &#39;Go-live&#39;" in renamed.text and "was Launch" in renamed.text
    hidden = signed_in.follow(signed_in.post("/w/acme/roles/catalog/hide",
                                             {"name": "Advocacy", "hidden": "yes"}))
    assert "Hid &#39;Advocacy&#39;" in hidden.text


def test_the_lens_switch(signed_in: Browser, rt: Runtime, user: User) -> None:
    _team(rt, user)
    with rt.scope(user, "acme") as scope:
        ann = people.create(scope, PersonCreate(name="Ann")).id
        assignments.create(scope, AssignmentCreate(activity="Launch", person_id=ann, raci="I"))
    plain = signed_in.get("/w/acme/roles")
    assert 'aria-current="page">RACI<' in plain.text
    assert 'href="/w/acme/roles?lens=daci#matrix"' in plain.text
    daci = signed_in.get("/w/acme/roles?lens=daci")
    assert 'aria-current="page">DACI<' in daci.text
    assert 'class="raci-cell raci-R" title="Tom: Driver">D<' in daci.text
    assert 'class="raci-cell raci-A" title="Dan: Approver">A<' in daci.text
    assert "Contributor" in daci.text and "matrix.csv?lens=daci" in daci.text
    rapid = signed_in.get("/w/acme/roles?lens=rapid")
    assert 'class="raci-cell raci-R" title="Tom: Perform">P<' in rapid.text  # Enablement
    assert 'class="raci-cell raci-A" title="Dan: Decide">D<' in rapid.text
    assert 'lens-none" title="Ann: no RAPID role (RACI I)">•<' in rapid.text
    assert "Agree" in rapid.text and "Agree has no RACI letter" in rapid.text
    assert "Nobody is accountable for &#39;Sales tools&#39;" in rapid.text  # checks stay
    assert signed_in.get("/w/acme/roles?lens=rasci").status_code == 422
    export = signed_in.get("/w/acme/roles/matrix.csv?lens=rapid")
    assert export.headers["content-disposition"] == 'attachment; filename="rapid-acme.csv"'
    assert "Launch,Programs,outbound,,D,\r\n" in export.text


def test_viewer_reads_without_controls(browser: Browser, rt: Runtime, user: User,
                                       ws: Workspace) -> None:
    _team(rt, user)
    add_member(rt, user, "acme", "vera@example.com", Role.viewer)
    browser.sign_in("vera@example.com")
    page = browser.get("/w/acme/roles")
    assert "Dan" in page.text and "Edit the catalog" not in page.text
    assert browser.post("/w/acme/roles/preset", {"preset": "solo"}).status_code == 403
