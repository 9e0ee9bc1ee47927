"""Web security (issue 11, Deliver 5 and Found 8): CSRF tied to the session, Secure cookies
over HTTPS, a CSP on every page, and the demo password kept to loopback-only servers."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tandem.accounts import service as accounts
from tandem.accounts.models import User, Workspace
from tandem.demo.loader import DEMO_EMAIL, DEMO_PASSWORD
from tandem.inbound.evidence.service import evidence
from tandem.inbound.roadmap.share import create_share
from tandem.runtime import Runtime
from tandem.server import create_app
from tandem.settings import Settings
from tandem.web.csrf import PRESESSION_COOKIE
from tests.conftest import PASSWORD
from tests.web.conftest import Browser, csrf_of

FEEDBACK = {"text": "Forged feedback", "source": "other"}


def _evidence_count(rt: Runtime, user: User) -> int:
    with rt.scope(user, "acme") as scope:
        return evidence.count(scope)


def test_an_attacker_chosen_csrf_cookie_and_form_value_are_refused(
        client: TestClient, signed_in: Browser, rt: Runtime, user: User) -> None:
    """The victim's session cookie rides along; the attacker plants a CSRF cookie of their
    choosing (the old double-submit cookie, or a pre-session cookie) and sends the same value
    in the form. Neither is what the server derives from the session, so both are refused."""
    chosen = "attacker-chosen-value-" + "x" * 30
    real = csrf_of(client)
    client.cookies.set("tandem_csrf", chosen)
    assert client.post("/w/acme/evidence", data={**FEEDBACK, "csrf_token": chosen}
                       ).status_code == 403
    client.cookies.set(PRESESSION_COOKIE, f"{chosen}.{'0' * 64}")
    assert client.post("/w/acme/evidence", data={**FEEDBACK, "csrf_token": chosen}
                       ).status_code == 403
    assert client.post("/w/acme/evidence", data=FEEDBACK,
                       headers={"X-CSRF-Token": chosen}).status_code == 403
    assert _evidence_count(rt, user) == 0
    assert client.post("/w/acme/evidence", data={**FEEDBACK, "csrf_token": real}
                       ).status_code == 303


def test_the_token_is_an_hmac_of_the_session_and_the_secret(
        rt: Runtime, user: User, ws: Workspace) -> None:
    """Two sessions of the same person get different tokens, neither works for the other,
    and the token is not any cookie's value."""
    app = create_app(rt)
    with TestClient(app, follow_redirects=False) as first, \
            TestClient(app, follow_redirects=False) as second:
        Browser(first).sign_in(user.email)
        Browser(second).sign_in(user.email)
        one, two = csrf_of(first), csrf_of(second)
        assert one != two
        assert one not in first.cookies.values()
        session = first.cookies["tandem_session"]
        assert one == hmac.new(rt.settings.secret_key.encode(),
                               f"csrf-session\x00{session}".encode(),
                               hashlib.sha256).hexdigest()
        assert one in first.get("/w/acme").text  # what the page carries
        assert first.post("/w/acme/evidence", data={**FEEDBACK, "csrf_token": two}
                          ).status_code == 403
        assert second.post("/w/acme/evidence", data={**FEEDBACK, "csrf_token": two}
                           ).status_code == 303


def test_sign_in_uses_a_signed_pre_session_cookie(client: TestClient, user: User,
                                                  ws: Workspace) -> None:
    page = client.get("/signin")
    cookie = client.cookies[PRESESSION_COOKIE]
    token = csrf_of(client)
    assert f'value="{token}"' in page.text
    nonce = cookie.rsplit(".", 1)[0]
    client.cookies.clear()
    client.cookies.set(PRESESSION_COOKIE, f"{nonce}.{'f' * 64}")  # signature tampered with
    refused = client.post("/signin", data={"email": user.email, "password": PASSWORD,
                                           "csrf_token": token})
    assert refused.status_code == 403 and "tandem_session" not in refused.headers.get(
        "set-cookie", "")
    client.cookies.clear()
    client.cookies.set(PRESESSION_COOKIE, cookie)
    signed = client.post("/signin", data={"email": user.email, "password": PASSWORD,
                                          "csrf_token": token})
    assert signed.status_code == 303


def test_multipart_forms_and_htmx_headers_carry_the_token(
        client: TestClient, signed_in: Browser, rt: Runtime, user: User) -> None:
    files = {"file": ("f.csv", b"text,source\nNeeds SSO,sales_call\n", "text/csv")}
    refused = client.post("/w/acme/evidence/import", files=files, data={"csrf_token": "no"})
    assert refused.status_code == 403
    accepted = client.post("/w/acme/evidence/import", files=files,
                           data={"csrf_token": signed_in.csrf})
    assert accepted.status_code == 303, accepted.text[:300]
    htmx = client.post("/w/acme/evidence", data=FEEDBACK,
                       headers={"X-CSRF-Token": signed_in.csrf, "HX-Request": "true"})
    assert htmx.status_code in (200, 303)
    assert _evidence_count(rt, user) == 1


@pytest.fixture
def https_settings(sqlite_url: str, tmp_path: Path) -> Iterator[dict[str, object]]:
    yield {"data_dir": tmp_path, "database_url": sqlite_url, "secret_key": "k" * 40}


def _cookies_after_sign_in(settings: Settings, base_url: str,
                           headers: dict[str, str] | None = None) -> list[str]:
    runtime = Runtime(settings, migrate=False)
    try:
        with runtime.session() as session:
            if accounts.user_count(session) == 0:
                accounts.create_user(session, "a@example.com", PASSWORD)
        with TestClient(create_app(runtime), base_url=base_url, follow_redirects=False,
                        headers=headers or {}) as client:
            page = client.get("/signin")
            response = Browser(client).post("/signin", {"email": "a@example.com",
                                                        "password": PASSWORD})
            assert response.status_code == 303
            return [*page.headers.get_list("set-cookie"),
                    *response.headers.get_list("set-cookie")]
    finally:
        runtime.close()


def test_cookies_are_secure_over_https(https_settings: dict[str, object]) -> None:
    over_http = _cookies_after_sign_in(Settings(**https_settings), "http://testserver")
    assert over_http and not any("Secure" in c for c in over_http)
    over_https = _cookies_after_sign_in(Settings(**https_settings), "https://testserver")
    assert over_https and all(c.endswith("; Secure") or "; Secure;" in c for c in over_https)


def test_forwarded_proto_counts_only_from_a_trusted_proxy(
        https_settings: dict[str, object]) -> None:
    forwarded = {"X-Forwarded-Proto": "https"}
    untrusted = _cookies_after_sign_in(Settings(**https_settings), "http://testserver",
                                       forwarded)
    assert not any("Secure" in c for c in untrusted)
    runtime = Runtime(Settings(**https_settings, trusted_proxies="*"), migrate=False)
    try:
        with TestClient(create_app(runtime), follow_redirects=False) as client:
            trusted = client.get("/signin", headers=forwarded).headers.get_list("set-cookie")
            plain = client.get("/signin").headers.get_list("set-cookie")
        assert trusted and all("Secure" in c for c in trusted)
        assert plain and not any("Secure" in c for c in plain)
    finally:
        runtime.close()


def test_every_page_has_a_content_security_policy(
        client: TestClient, signed_in: Browser, rt: Runtime, user: User) -> None:
    with rt.scope(user, "acme") as scope:
        _share, token = create_share(scope, "Board")
    client.cookies.clear()
    for path in ("/signin", "/api/v1/docs", f"/share/roadmap/{token}", "/no-such-page"):
        answer = client.get(path)
        assert answer.headers["content-type"].startswith("text/html"), path
        policy = answer.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy, path
        assert "<script>" not in answer.text, path  # no inline script to allow
    assert "/static/api-docs.js" in client.get("/api/v1/docs").text


def _demo_account(rt: Runtime) -> None:
    """The demo's sign-in alone (what matters here), without loading its whole workspace."""
    with rt.session() as session:
        accounts.create_user(session, DEMO_EMAIL, DEMO_PASSWORD, "Demo Founder")


def _demo_client(rt: Runtime, listen_host: str | None, base_url: str) -> TestClient:
    app = create_app(rt, listen_host=listen_host)
    return TestClient(app, base_url=base_url, follow_redirects=False)


@pytest.mark.parametrize(("listen_host", "base_url", "open_"), [
    ("127.0.0.1", "http://testserver", True),
    ("::1", "http://testserver", True),
    ("0.0.0.0", "http://127.0.0.1", False),  # listening everywhere: even local visits
    ("192.168.1.20", "http://192.168.1.20", False),
    (None, "http://127.0.0.1:8000", True),  # unknown: the address the request came in on
    (None, "http://203.0.113.7", False),
])
def test_the_demo_password_is_shown_and_accepted_only_on_loopback(
        rt: Runtime, listen_host: str | None, base_url: str, open_: bool) -> None:
    _demo_account(rt)
    with _demo_client(rt, listen_host, base_url) as client:
        page = client.get("/signin").text
        assert (DEMO_PASSWORD in page) is open_
        answer = Browser(client).post("/signin", {"email": DEMO_EMAIL,
                                                  "password": DEMO_PASSWORD})
        assert answer.status_code == (303 if open_ else 403)
        if not open_:
            assert "TANDEM_DEMO_BEYOND_LOOPBACK" in answer.text
            assert "tandem_session" not in answer.headers.get("set-cookie", "")


def test_a_setting_allows_the_demo_beyond_loopback(sqlite_url: str, tmp_path: Path) -> None:
    runtime = Runtime(Settings(data_dir=tmp_path, database_url=sqlite_url, secret_key="k" * 40,
                               demo_beyond_loopback=True), migrate=False)
    try:
        _demo_account(runtime)
        with _demo_client(runtime, "0.0.0.0", "http://203.0.113.7") as client:
            assert DEMO_PASSWORD in client.get("/signin").text
            assert Browser(client).post("/signin", {"email": DEMO_EMAIL,
                                                    "password": DEMO_PASSWORD}
                                        ).status_code == 303
    finally:
        runtime.close()
