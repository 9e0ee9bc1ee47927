"""Accounts through the API: sign-in limits, password change, reset by mail (a real SMTP
server on loopback, aiosmtpd) and by an owner, invitations, and what strangers learn."""

from __future__ import annotations

import asyncio
import re
import socket
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller
from fastapi.testclient import TestClient
from sqlalchemy import update

from tandem.accounts import passwords
from tandem.accounts import service as accounts
from tandem.accounts.models import PasswordReset, User, Workspace
from tandem.api.app import create_api
from tandem.runtime import Runtime
from tandem.settings import Settings
from tests.api.conftest import token_for
from tests.conftest import PASSWORD

NEW = "a-fresh-secret-42"


def _token(client: TestClient, email: str, password: str) -> Any:
    return client.post("/tokens", json={"email": email, "password": password})


def test_two_hundred_wrong_passwords_then_the_right_one_is_refused(
        client: TestClient, owner: User) -> None:
    answers = [_token(client, owner.email, f"guess-{n}").status_code for n in range(200)]
    assert answers[:10] == [401] * 10 and set(answers[10:]) == {429}
    right = _token(client, owner.email, PASSWORD)
    assert right.status_code == 429
    assert right.json()["error"]["code"] == "too_many_attempts"
    assert 1 <= int(right.headers["retry-after"]) <= 900
    assert "Too many wrong passwords" in right.json()["error"]["message"]


def test_attempts_sent_at_once_cannot_slip_past_the_limit(runtime: Runtime,
                                                          owner: User) -> None:
    async def storm() -> list[int]:
        transport = httpx.ASGITransport(app=create_api(runtime))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as api:
            answers = await asyncio.gather(*(
                api.post("/tokens", json={"email": owner.email, "password": f"guess-{n}"})
                for n in range(30)))
        return sorted(a.status_code for a in answers)

    assert asyncio.run(storm()) == [401] * 10 + [429] * 20


def test_sign_in_does_the_same_work_for_unknown_emails(
        client: TestClient, owner: User, monkeypatch: pytest.MonkeyPatch) -> None:
    """One argon2 verification either way: the dummy hash stands in for a missing account."""
    checked: list[str] = []
    real = passwords.matches
    monkeypatch.setattr(passwords, "matches",
                        lambda stored, given: checked.append(stored) or real(stored, given))
    assert _token(client, "ghost@example.com", "guess-one").status_code == 401
    assert _token(client, owner.email, "guess-two").status_code == 401
    assert checked[0] == passwords.dummy_hash()
    assert checked[1] == owner.password_hash and len(checked) == 2


def test_unknown_emails_are_limited_the_same_way(client: TestClient, owner: User) -> None:
    answers = [_token(client, "ghost@example.com", "guess").status_code for _ in range(11)]
    assert answers == [401] * 10 + [429]
    assert _token(client, owner.email, "wrong").json()["error"]["message"] == \
        _token(client, "nobody@example.com", "wrong").json()["error"]["message"]


def test_change_password_needs_the_current_one_and_ends_other_sign_ins(
        client: TestClient, runtime: Runtime, owner: User, auth: dict[str, str]) -> None:
    other = token_for(runtime, owner)
    with runtime.session() as session:
        web = accounts.start_web_session(session, session.get(User, owner.id))  # type: ignore[arg-type]
    wrong = client.post("/me/password", headers=auth,
                        json={"current_password": "nope", "new_password": NEW})
    assert wrong.status_code == 401 and wrong.json()["error"]["field"] == "current_password"
    weak = client.post("/me/password", headers=auth,
                       json={"current_password": PASSWORD, "new_password": "1234567890"})
    assert weak.status_code == 422 and weak.json()["error"]["field"] == "new_password"
    long = client.post("/me/password", headers=auth,
                       json={"current_password": PASSWORD, "new_password": "x" * 257})
    assert long.status_code == 422 and long.json()["error"]["field"] == "new_password"
    done = client.post("/me/password", headers=auth,
                       json={"current_password": PASSWORD, "new_password": NEW})
    assert done.status_code == 200
    assert client.get("/me", headers=auth).status_code == 200  # this token keeps working
    assert client.get("/me", headers=other).status_code == 401  # the others ended
    with runtime.session() as session:
        assert accounts.user_for_web_session(session, web) is None
    assert _token(client, owner.email, PASSWORD).status_code == 401
    assert _token(client, owner.email, NEW).status_code == 201


# --- reset and invitations by mail, through a real SMTP server on loopback -------------------


class Inbox:
    def __init__(self) -> None:
        self.mails: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.mails.append(message_from_bytes(envelope.content))
        return "250 OK"

    def wait(self, count: int = 1, seconds: float = 10) -> list[Message]:
        end = time.monotonic() + seconds
        while len(self.mails) < count and time.monotonic() < end:
            time.sleep(0.02)
        return self.mails


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    box, port = Inbox(), _free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    yield box, port
    controller.stop()


@pytest.fixture
def mailing(engine_url: str, tmp_path: Path, inbox: tuple[Inbox, int]) -> Iterator[Runtime]:
    settings = Settings(data_dir=tmp_path, database_url=engine_url, secret_key="test-secret",
                        smtp_host="127.0.0.1", smtp_port=inbox[1],
                        smtp_from="tandem@example.com", public_url="https://tandem.example")
    rt = Runtime(settings, migrate=False)
    yield rt
    rt.close()


@pytest.fixture
def mail_client(mailing: Runtime) -> Iterator[TestClient]:
    with TestClient(create_api(mailing), raise_server_exceptions=False) as test_client:
        yield test_client


def _link(mail: Message, kind: str) -> str:
    body = mail.get_payload(decode=True)
    assert isinstance(body, bytes)
    found = re.search(rf"https://tandem\.example/{kind}/(\S+)", body.decode())
    assert found, body
    return found.group(1)


def test_reset_by_mail_single_use_and_expiring(mailing: Runtime, mail_client: TestClient,
                                                inbox: tuple[Inbox, int]) -> None:
    box = inbox[0]
    with mailing.session() as session:
        accounts.create_user(session, "ann@example.com", PASSWORD, "Ann")
    unknown = mail_client.post("/password-reset", json={"email": "ghost@example.com"})
    asked = mail_client.post("/password-reset", json={"email": "ANN@example.com"})
    assert asked.status_code == unknown.status_code == 202
    assert asked.json() == unknown.json()  # nobody learns whether the email has an account
    [mail] = box.wait(1)
    assert mail["To"] == "ann@example.com" and mail["From"] == "tandem@example.com"
    token = _link(mail, "reset")
    with mailing.session() as session:  # only a hash is stored
        assert session.query(PasswordReset).filter_by(token_hash=token).count() == 0
    done = mail_client.post("/password-reset/confirm", json={"token": token,
                                                             "new_password": NEW})
    assert done.status_code == 200
    assert _token(mail_client, "ann@example.com", NEW).status_code == 201
    again = mail_client.post("/password-reset/confirm", json={"token": token,
                                                              "new_password": NEW + "x"})
    assert again.status_code == 404 and again.json()["error"]["field"] == "token"
    time.sleep(0.2)
    assert len(box.mails) == 1  # the unknown email got nothing
    mail_client.post("/password-reset", json={"email": "ann@example.com"})
    late = _link(box.wait(2)[1], "reset")
    with mailing.session() as session:
        session.execute(update(PasswordReset).values(
            expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    expired = mail_client.post("/password-reset/confirm", json={"token": late,
                                                                "new_password": NEW + "y"})
    assert expired.status_code == 404


def test_an_invitation_is_mailed_and_accepted(mailing: Runtime, mail_client: TestClient,
                                              inbox: tuple[Inbox, int]) -> None:
    with mailing.session() as session:
        owner = accounts.create_user(session, "olive@example.com", PASSWORD, "Olive")
        accounts.create_workspace(session, "Acme", owner)
    auth = token_for(mailing, owner)
    made = mail_client.post("/workspaces/acme/invitations", headers=auth,
                            json={"email": "nia@example.com", "role": "viewer"})
    assert made.status_code == 201 and made.json()["emailed"] is True
    assert made.json()["link"] is None
    [mail] = inbox[0].wait(1)
    assert "Acme" in mail["Subject"]
    token = _link(mail, "invite")
    joined = mail_client.post("/invitations/accept", json={"token": token, "password": NEW,
                                                           "name": "Nia"})
    assert joined.status_code == 201
    assert joined.json() == {"workspace": "acme", "email": "nia@example.com", "role": "viewer"}


# --- without mail: owners hand the links over ------------------------------------------------


def test_invitations_without_mail_and_existing_accounts(
        client: TestClient, runtime: Runtime, auth: dict[str, str]) -> None:
    made = client.post("/workspaces/acme/invitations", headers=auth,
                       json={"email": "new@example.com", "role": "editor"})
    assert made.status_code == 201 and made.json()["emailed"] is False
    token = made.json()["link"].rsplit("/invite/", 1)[1]
    listed = client.get("/workspaces/acme/invitations", headers=auth).json()
    assert [(i["email"], i["role"]) for i in listed] == [("new@example.com", "editor")]
    common = client.post("/invitations/accept", json={"token": token, "password": "qwerty123456"})
    assert common.status_code == 422 and common.json()["error"]["field"] == "password"
    ok = client.post("/invitations/accept", json={"token": token, "password": NEW})
    assert ok.status_code == 201 and ok.json()["role"] == "editor"
    assert client.post("/invitations/accept", json={"token": token, "password": NEW}
                       ).status_code == 404
    assert client.get("/workspaces/acme/invitations", headers=auth).json() == []
    # someone who already has an account is not added until they accept, with their password
    with runtime.session() as session:
        accounts.create_user(session, "pia@example.com", PASSWORD, "Pia")
    made = client.post("/workspaces/acme/invitations", headers=auth,
                       json={"email": "pia@example.com", "role": "viewer"}).json()
    roles = {m["email"] for m in client.get("/workspaces/acme/members", headers=auth).json()}
    assert "pia@example.com" not in roles
    token = made["link"].rsplit("/invite/", 1)[1]
    wrong = client.post("/invitations/accept", json={"token": token, "password": NEW})
    assert wrong.status_code == 401
    assert client.post("/invitations/accept", json={"token": token, "password": PASSWORD}
                       ).status_code == 201
    cancel = client.post("/workspaces/acme/invitations", headers=auth,
                         json={"email": "zed@example.com"}).json()
    assert client.delete(f"/workspaces/acme/invitations/{cancel['id']}",
                         headers=auth).status_code == 204
    gone = cancel["link"].rsplit("/invite/", 1)[1]
    assert client.post("/invitations/accept", json={"token": gone, "password": NEW}
                       ).status_code == 404


def test_owner_reset_link(client: TestClient, runtime: Runtime, owner: User,
                          workspace: Workspace, auth: dict[str, str]) -> None:
    with runtime.session() as session:
        accounts.create_user(session, "pia@example.com", PASSWORD, "Pia")
    with runtime.scope(owner, "acme") as scope:
        accounts.add_member(scope, "pia@example.com", accounts.Role.editor)
    pia = token_for(runtime, session_user(runtime, "pia@example.com"))
    made = client.post("/workspaces/acme/members/reset-link", headers=auth,
                       json={"email": "pia@example.com"})
    assert made.status_code == 201
    token = made.json()["link"].rsplit("/reset/", 1)[1]
    assert client.post("/password-reset/confirm", json={"token": token, "new_password": NEW}
                       ).status_code == 200
    assert client.get("/me", headers=pia).status_code == 401  # her old tokens ended
    assert _token(client, "pia@example.com", NEW).status_code == 201
    editor = client.post("/workspaces/acme/members/reset-link", headers=token_for(
        runtime, session_user(runtime, "pia@example.com")), json={"email": owner.email})
    assert editor.status_code == 403


def session_user(runtime: Runtime, email: str) -> User:
    with runtime.session() as session:
        return accounts.get_user_by_email(session, email)


# --- Found 7: accounts and probing -----------------------------------------------------------


def test_a_user_in_no_workspace_cannot_make_accounts_or_probe(
        client: TestClient, runtime: Runtime, workspace: Workspace) -> None:
    with runtime.session() as session:
        loner = accounts.create_user(session, "loner@example.com", PASSWORD)
    auth = token_for(runtime, loner)
    for tail in ("/members", "/invitations", "/members/reset-link"):
        found = [client.post(f"/workspaces/{slug}{tail}", headers=auth,
                             json={"email": "x@example.com"}) for slug in ("acme", "nope")]
        assert [a.status_code for a in found] == [404, 404], tail
        assert found[0].text.replace("acme", "nope") == found[1].text
    listed = [client.get(f"/workspaces/{slug}/invitations", headers=auth)
              for slug in ("acme", "nope")]
    assert listed[0].status_code == listed[1].status_code == 404
    assert listed[0].text.replace("acme", "nope") == listed[1].text
    # in a workspace of their own, the members route makes no account (passwords refused)
    assert client.post("/workspaces", headers=auth, json={"name": "Mine"}).status_code == 201
    made = client.post("/workspaces/mine/members", headers=auth,
                       json={"email": "victim@example.com", "role": "owner",
                             "password": "chosen-by-attacker"})
    assert made.status_code == 422 and made.json()["error"]["field"] == "password"
    with runtime.session() as session:
        assert accounts.find_user(session, "victim@example.com") is None
    # nor adds an existing person, and the answer is the same for known and unknown emails
    known = client.post("/workspaces/mine/members", headers=auth,
                        json={"email": "owner@example.com", "role": "viewer"}).json()
    unknown = client.post("/workspaces/mine/members", headers=auth,
                          json={"email": "ghost@example.com", "role": "viewer"}).json()
    assert known["error"]["message"].replace("owner@", "ghost@") == unknown["error"]["message"]
    taken = client.post("/workspaces", headers=auth, json={"name": "Acme"})
    assert taken.status_code == 201 and taken.json()["slug"] == "acme-2"
