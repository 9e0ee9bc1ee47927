"""The members page: owners add people, change roles and remove them; others only look."""

from __future__ import annotations

import re

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
    add_member(rt, user, "acme", "pia@example.com", Role.viewer)
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
    assert "&#39;ghost@example.com&#39; is not a member of this workspace: invite them." \
        in unknown.text
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


def _link(page: str, kind: str) -> str:
    found = re.search(rf'value="(http://[^"]+/{kind}/[^"]+)"', page)
    assert found, page
    return "/" + found.group(1).split("/", 3)[3]


def test_an_invitation_makes_an_account_with_the_invitees_own_password(
        signed_in: Browser, rt: Runtime, user: User, guest: Browser) -> None:
    page = signed_in.post("/w/acme/invitations", {"email": "new@example.com", "role": "viewer"})
    assert page.status_code == 200 and "Invitation link for new@example.com" in page.text
    assert page.headers["cache-control"] == "no-store"
    link = _link(page.text, "invite")
    assert "new@example.com" in signed_in.get("/w/acme/members").text  # waiting
    assert "new@example.com" not in _roles(rt, user)
    form = guest.get(link)
    assert form.status_code == 200 and "Join Acme" in form.text and "viewer" in form.text
    assert form.headers["referrer-policy"] == "no-referrer"
    weak = guest.post(link, {"name": "Nia", "password": "password123",
                             "password2": "password123"})
    assert weak.status_code == 422 and "most common passwords" in weak.text
    joined = guest.post(link, {"name": "Nia", "password": "first-pass-1",
                               "password2": "first-pass-1"})
    assert joined.status_code == 303 and joined.headers["location"] == "/signin"
    assert _roles(rt, user)["new@example.com"] is Role.viewer
    with rt.session() as session:
        assert accounts.authenticate(session, "new@example.com", "first-pass-1").name == "Nia"
    again = guest.get(link)  # single use
    assert again.status_code == 404 and "already used" in again.text


def test_an_existing_account_accepts_with_its_password_not_silently(
        signed_in: Browser, rt: Runtime, user: User, guest: Browser) -> None:
    with rt.session() as session:
        accounts.create_user(session, "pia@example.com", PASSWORD, "Pia")
    page = signed_in.post("/w/acme/invitations", {"email": "pia@example.com", "role": "editor"})
    link = _link(page.text, "invite")
    assert "pia@example.com" not in _roles(rt, user)  # not added until she accepts
    assert "You already have an account" in guest.get(link).text
    wrong = guest.post(link, {"password": "not-her-password"})
    assert wrong.status_code == 401 and "The password is wrong." in wrong.text
    assert guest.post(link, {"password": PASSWORD}).status_code == 303
    assert _roles(rt, user)["pia@example.com"] is Role.editor


def test_owner_makes_a_reset_link_for_a_member(signed_in: Browser, rt: Runtime, user: User,
                                               guest: Browser) -> None:
    add_member(rt, user, "acme", "pia@example.com", Role.editor)
    page = signed_in.post("/w/acme/members/reset-link", {"email": "pia@example.com"})
    assert page.status_code == 200 and "Password-reset link for pia@example.com" in page.text
    link = _link(page.text, "reset")
    assert "For <strong>pia@example.com</strong>" in guest.get(link).text
    differ = guest.post(link, {"new_password": "a-new-secret-9", "new_password2": "other"})
    assert differ.status_code == 422 and "The two passwords differ." in differ.text
    short = guest.post(link, {"new_password": "short", "new_password2": "short"})
    assert short.status_code == 422 and "The new password needs at least 10" in short.text
    done = guest.post(link, {"new_password": "a-new-secret-9", "new_password2": "a-new-secret-9"})
    assert done.status_code == 303
    with rt.session() as session:
        assert accounts.authenticate(session, "pia@example.com", "a-new-secret-9")
    assert guest.get(link).status_code == 404
    outsider = signed_in.post("/w/acme/members/reset-link", {"email": "ghost@example.com"})
    assert "is not a member of this workspace" in signed_in.follow(outsider).text


def test_an_owner_cannot_reset_someone_who_belongs_to_workspaces_they_do_not_own(
        signed_in: Browser, rt: Runtime, user: User) -> None:
    boss = add_member(rt, user, "acme", "boss@example.com", Role.editor)
    with rt.session() as session:
        accounts.new_workspace(session, boss, "Boss Co")
    refused = signed_in.post("/w/acme/members/reset-link", {"email": "boss@example.com"})
    assert "also belongs to workspaces you do not own" in signed_in.follow(refused).text


def test_people_outside_the_workspace_get_not_found_from_its_forms(
        browser: Browser, rt: Runtime, user: User, ws: Workspace) -> None:
    """A non-member learns nothing from the members forms: the same 404 as a missing
    workspace, not a redirect with a message."""
    with rt.session() as session:
        accounts.create_user(session, "out@example.com", PASSWORD, "Out")
    browser.sign_in("out@example.com")
    for path, form in (("/w/acme/members", {"email": "out@example.com", "role": "owner"}),
                       ("/w/acme/invitations", {"email": "out@example.com", "role": "owner"}),
                       ("/w/acme/members/reset-link", {"email": user.email}),
                       ("/w/nope/invitations", {"email": "out@example.com", "role": "owner"}),
                       ("/w/acme/members/remove", {"email": user.email})):
        answer = browser.post(path, form)
        assert answer.status_code == 404, (path, answer.status_code)
    assert _roles(rt, user) == {user.email: Role.owner}
