"""Accounts: users, workspaces and membership scoping, tokens and web sessions."""

from __future__ import annotations

import pytest

from tandem.accounts import service as accounts
from tandem.accounts.models import Role, User, Workspace
from tandem.errors import Conflict, Forbidden, Invalid, NotFound, Unauthorized
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.platform.actor import LocalAdmin
from tandem.runtime import Runtime
from tests.conftest import PASSWORD


def test_password_is_stored_hashed_and_verifies(runtime: Runtime, owner: User) -> None:
    with runtime.session() as session:
        assert owner.password_hash.startswith("$argon2id$")
        assert PASSWORD not in owner.password_hash
        assert accounts.authenticate(session, "OWNER@example.com", PASSWORD).id == owner.id
        with pytest.raises(Unauthorized):
            accounts.authenticate(session, "owner@example.com", "wrong-password")


def test_user_input_is_checked(runtime: Runtime, owner: User) -> None:
    with runtime.session() as session:
        with pytest.raises(Invalid) as bad_email:
            accounts.create_user(session, "not-an-email", PASSWORD)
        assert bad_email.value.field == "email"
        with pytest.raises(Invalid) as short:
            accounts.create_user(session, "x@example.com", "short")
        assert short.value.field == "password"
        with pytest.raises(Conflict):
            accounts.create_user(session, "Owner@Example.com", PASSWORD)


def test_workspace_slugs_are_unique_and_valid(runtime: Runtime, owner: User,
                                              workspace: Workspace) -> None:
    assert workspace.slug == "acme"
    with runtime.session() as session:
        assert accounts.create_workspace(session, "ACME", owner).slug == "acme-2"
        with pytest.raises(Conflict) as taken:
            accounts.create_workspace(session, "Other", owner, slug="acme")
        assert taken.value.message == "The address 'acme' is not available: choose another."
        with pytest.raises(Invalid) as bad:
            accounts.create_workspace(session, "Other", owner, slug="Bad Slug!")
        assert bad.value.field == "slug"


def test_scope_hides_workspaces_the_user_is_not_in(runtime: Runtime, owner: User,
                                                   workspace: Workspace) -> None:
    with runtime.session() as session:
        stranger = accounts.create_user(session, "stranger@example.com", PASSWORD)
        accounts.create_workspace(session, "Theirs", stranger)
    with runtime.session() as session, pytest.raises(NotFound):
        accounts.open_scope(session, owner, "theirs")
    with runtime.session() as session:
        assert accounts.open_scope(session, stranger, None).workspace.slug == "theirs"
        assert accounts.open_scope(session, LocalAdmin(), "theirs").actor == LocalAdmin()
        with pytest.raises(Invalid) as several:
            accounts.open_scope(session, LocalAdmin(), None)
        assert "acme" in several.value.message and "theirs" in several.value.message


def test_viewer_can_read_but_not_write(runtime: Runtime, owner: User,
                                       workspace: Workspace) -> None:
    with runtime.session() as session:
        viewer = accounts.create_user(session, "viewer@example.com", PASSWORD)
    with runtime.scope(owner, "acme") as scope:
        accounts.add_member(scope, "viewer@example.com", Role.viewer)
        evidence.create(scope, EvidenceCreate(text="Exports are slow"))
    with runtime.scope(viewer, "acme") as scope:
        assert evidence.list(scope).total == 1
        with pytest.raises(Forbidden):
            evidence.create(scope, EvidenceCreate(text="nope"))
        with pytest.raises(Forbidden):
            accounts.add_member(scope, "owner@example.com", Role.viewer)


def test_api_tokens_are_hashed_and_revocable(runtime: Runtime, owner: User) -> None:
    with runtime.session() as session:
        token, plain = accounts.create_token(session, owner, "laptop")
        assert plain.startswith("tdm_") and token.token_hash != plain
        assert plain not in token.token_hash
    with runtime.session() as session:
        assert accounts.user_for_token(session, plain).id == owner.id
        accounts.revoke_token(session, owner, token.id)
    with runtime.session() as session, pytest.raises(Unauthorized):
        accounts.user_for_token(session, plain)


def test_web_sessions_start_resolve_and_end(runtime: Runtime, owner: User) -> None:
    with runtime.session() as session:
        plain = accounts.start_web_session(session, owner)
    with runtime.session() as session:
        found = accounts.user_for_web_session(session, plain)
        assert found is not None and found.id == owner.id
        assert accounts.user_for_web_session(session, "forged") is None
        accounts.end_web_session(session, plain)
    with runtime.session() as session:
        assert accounts.user_for_web_session(session, plain) is None


def test_roles_change_and_members_leave_but_one_owner_stays(
        runtime: Runtime, owner: User, workspace: Workspace) -> None:
    with runtime.session() as session:
        accounts.create_user(session, "pia@example.com", PASSWORD)
    with runtime.scope(owner, "acme") as scope:
        accounts.add_member(scope, "pia@example.com", Role.editor)
        accounts.add_member(scope, "pia@example.com", Role.viewer)
        assert dict((u.email, r) for u, r in accounts.members(scope))["pia@example.com"] \
            is Role.viewer
        with pytest.raises(Invalid, match="at least one owner"):
            accounts.add_member(scope, "owner@example.com", Role.editor)
        with pytest.raises(Invalid, match="at least one owner"):
            accounts.remove_member(scope, "owner@example.com")
        accounts.remove_member(scope, "pia@example.com")
        assert [u.email for u, _ in accounts.members(scope)] == ["owner@example.com"]
        with pytest.raises(NotFound):
            accounts.remove_member(scope, "pia@example.com")


def test_first_sign_up_only_while_nobody_exists(runtime: Runtime) -> None:
    with runtime.session() as session:
        user, ws = accounts.sign_up_first(session, "first@example.com", PASSWORD, "First",
                                          "First Co")
        assert ws.slug == "first-co"
        assert accounts.workspaces_for(session, user)[0][1] is Role.owner
    with pytest.raises(Conflict, match="Sign-up is closed"), runtime.session() as session:
        accounts.sign_up_first(session, "second@example.com", PASSWORD, "", "Second Co")
    with runtime.session() as session:
        assert accounts.user_count(session) == 1


def test_concurrent_first_sign_ups_leave_one_owner(runtime: Runtime) -> None:
    """Two first-run forms at once: exactly one succeeds, nothing of the other remains."""
    import threading

    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def attempt(n: int) -> None:
        try:
            with runtime.session() as session:
                accounts.user_count(session)  # both look before either writes
                barrier.wait(timeout=5)
                accounts.sign_up_first(session, f"p{n}@example.com", PASSWORD, "", f"Co {n}")
            outcomes.append("ok")
        except Exception as exc:  # a Conflict, or the engine refusing a stale write
            outcomes.append(type(exc).__name__)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert outcomes.count("ok") == 1, outcomes
    with runtime.session() as session:
        assert accounts.user_count(session) == 1
        assert len(accounts.workspaces_for(session, LocalAdmin())) == 1
