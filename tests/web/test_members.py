"""The members page: owners add people, change roles and remove them; others only look."""

from __future__ import annotations

from tandem.accounts import service as accounts
from tandem.accounts.models import Role, User, Workspace
from tandem.runtime import Runtime
from tests.conftest import PASSWORD
from tests.web.conftest import Browser, add_member


def _roles(rt: Runtime, user: User) -> dict[str, Role]:
    with rt.scope(user, "acme") as scope:
        return {u.email: r for u, r in accounts.members(scope)}


def test_owner_adds_changes_and_removes_a_member(signed_in: Browser, rt: Runtime,
                                                 user: User) -> None:
    with rt.session() as session:
        accounts.create_user(session, "pia@example.com", PASSWORD, "Pia")
    page = signed_in.get("/w/acme/members")
    assert page.status_code == 200 and "olive@example.com" in page.text
    added = signed_in.post("/w/acme/members", {"email": "pia@example.com", "role": "editor"})
    assert "pia@example.com is now editor." in signed_in.follow(added).text
    assert _roles(rt, user)["pia@example.com"] is Role.editor
    signed_in.post("/w/acme/members", {"email": "pia@example.com", "role": "viewer"})
    assert _roles(rt, user)["pia@example.com"] is Role.viewer
    removed = signed_in.post("/w/acme/members/remove", {"email": "pia@example.com"})
    assert "pia@example.com was removed." in signed_in.follow(removed).text
    assert "pia@example.com" not in _roles(rt, user)


def test_unknown_email_and_last_owner_are_explained(signed_in: Browser, rt: Runtime,
                                                    user: User) -> None:
    unknown = signed_in.post("/w/acme/members", {"email": "ghost@example.com",
                                                 "role": "editor"})
    assert unknown.status_code == 404
    assert "No user with email &#39;ghost@example.com&#39;: give a first password" in unknown.text
    assert 'value="ghost@example.com"' in unknown.text
    demote = signed_in.post("/w/acme/members", {"email": user.email, "role": "viewer"})
    assert demote.status_code == 422 and "at least one owner" in demote.text
    leave = signed_in.post("/w/acme/members/remove", {"email": user.email})
    assert "at least one owner" in signed_in.follow(leave).text
    assert _roles(rt, user) == {user.email: Role.owner}


def test_editors_see_members_but_cannot_manage_them(browser: Browser, rt: Runtime,
                                                    user: User, ws: Workspace) -> None:
    add_member(rt, user, "acme", "ed@example.com", Role.editor)
    browser.sign_in("ed@example.com")
    page = browser.get("/w/acme/members")
    assert page.status_code == 200 and "olive@example.com" in page.text
    assert "Add a member" not in page.text and "members/remove" not in page.text
    refused = browser.post("/w/acme/members", {"email": "ed@example.com", "role": "owner"})
    assert refused.status_code == 403
    assert _roles(rt, user)["ed@example.com"] is Role.editor


def test_owner_creates_an_account_for_someone_new(signed_in: Browser, rt: Runtime,
                                                  user: User) -> None:
    short = signed_in.post("/w/acme/members", {"email": "new@example.com", "role": "editor",
                                               "password": "short"})
    assert short.status_code == 422 and "at least 8 characters" in short.text
    made = signed_in.post("/w/acme/members", {"email": "new@example.com", "role": "editor",
                                              "name": "Nia", "password": "first-pass-1"})
    assert made.status_code == 303
    assert _roles(rt, user)["new@example.com"] is Role.editor
    with rt.session() as session:
        assert accounts.authenticate(session, "new@example.com", "first-pass-1").name == "Nia"


def test_people_outside_the_workspace_get_not_found_from_its_forms(
        browser: Browser, rt: Runtime, user: User, ws: Workspace) -> None:
    """A non-member learns nothing from the members forms: the same 404 as a missing
    workspace, not a redirect with a message."""
    with rt.session() as session:
        accounts.create_user(session, "out@example.com", PASSWORD, "Out")
    browser.sign_in("out@example.com")
    for path, form in (("/w/acme/members", {"email": "out@example.com", "role": "owner"}),
                       ("/w/acme/members/remove", {"email": user.email})):
        answer = browser.post(path, form)
        assert answer.status_code == 404, (path, answer.status_code)
    assert _roles(rt, user) == {user.email: Role.owner}
