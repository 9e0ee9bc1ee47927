"""Every action for every kind of actor, against the rules written out as a table."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tandem.accounts.models import Role
from tandem.errors import Forbidden
from tandem.platform.actor import ACTOR_KINDS, Actor, LocalAdmin, Member, SystemJob, Visitor
from tandem.platform.policy import Action, can, reason, require

A = Action
ACCOUNT = {A.create_workspace, A.manage_tokens}  # any member, for their own account
VIEWER_CAN = {A.read, A.export, A.read_audit}
EDITOR_CAN = VIEWER_CAN | {A.create, A.update, A.delete, A.link, A.import_data, A.run_job,
                           A.cancel_job}
OWNER_CAN = EDITOR_CAN | {A.manage_members}
JOB_CAN = EDITOR_CAN  # workspace work, never people or tokens

ACTORS: dict[str, tuple[Actor, set[Action]]] = {
    "viewer": (Member(1, "v@example.com", Role.viewer), VIEWER_CAN | ACCOUNT),
    "editor": (Member(2, "e@example.com", Role.editor), EDITOR_CAN | ACCOUNT),
    "owner": (Member(3, "o@example.com", Role.owner), OWNER_CAN | ACCOUNT),
    "signed in, outside a workspace": (Member(4, "m@example.com"), ACCOUNT),
    "local administrator": (LocalAdmin(), set(Action)),
    "system job": (SystemJob("search.reindex", 7, requested_by=2), JOB_CAN),
    "visitor": (Visitor("c@example.com"), {A.submit_feedback}),
}


def test_the_table_covers_every_actor_kind() -> None:
    assert {actor.kind for actor, _ in ACTORS.values()} == set(ACTOR_KINDS)


@pytest.mark.parametrize("who", list(ACTORS))
@pytest.mark.parametrize("action", list(Action))
def test_every_action_for_every_actor(who: str, action: Action) -> None:
    actor, allowed = ACTORS[who]
    assert can(actor, action) is (action in allowed)
    if action in allowed:
        require(actor, action)
    else:
        with pytest.raises(Forbidden):
            require(actor, action)


@dataclass
class Owned:
    requested_by_id: int | None = None
    user_id: int | None = None
    public: bool = False


def test_a_viewer_may_cancel_only_a_job_they_started() -> None:
    viewer = Member(1, "v@example.com", Role.viewer)
    assert can(viewer, A.cancel_job, Owned(requested_by_id=1))
    assert not can(viewer, A.cancel_job, Owned(requested_by_id=2))
    assert not can(viewer, A.cancel_job)


def test_members_manage_only_their_own_tokens() -> None:
    member = Member(4, "m@example.com")
    assert can(member, A.manage_tokens, Owned(user_id=4))
    assert not can(member, A.manage_tokens, Owned(user_id=5))
    assert can(LocalAdmin(), A.manage_tokens, Owned(user_id=5))
    assert not can(SystemJob("x"), A.manage_tokens, Owned(user_id=5))


def test_visitors_read_only_what_is_published() -> None:
    visitor = Visitor()
    assert can(visitor, A.read, Owned(public=True))
    assert not can(visitor, A.read, Owned(public=False))
    assert not can(visitor, A.read)


def test_reasons_name_the_role_or_the_actor() -> None:
    viewer = Member(1, "v@example.com", Role.viewer)
    assert reason(viewer, A.update, "acme") == "This needs the editor role in workspace 'acme'."
    assert reason(viewer, A.manage_members, "acme") == \
        "This needs the owner role in workspace 'acme'."
    assert "local administrator" in reason(Member(4, "m@example.com"), A.assign_owner)
    assert reason(Visitor(), A.create) == "A visitor cannot create objects."
    assert reason(SystemJob("search.reindex", 3), A.manage_members) == \
        "A job 3 (search.reindex) cannot manage members."
