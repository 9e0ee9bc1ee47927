"""Sign-up, sign-in and out, sessions, CSRF and API tokens through the web face."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from tandem.accounts import service as accounts
from tandem.accounts.models import User, WebSession, Workspace
from tandem.runtime import Runtime
from tandem.server import create_app
from tandem.settings import Settings
from tests.conftest import PASSWORD
from tests.web.conftest import Browser


def test_signup_works_only_while_no_user_exists(browser: Browser, rt: Runtime) -> None:
    assert browser.get("/signin").headers["location"] == "/signup"
    assert browser.get("/signup").status_code == 200

    response = browser.post("/signup", {
        "name": "Ada", "email": "Ada@Example.com", "password": PASSWORD,
        "password2": PASSWORD, "workspace": "Acme Robotics"})
    assert response.status_code == 303
    assert response.headers["location"] == "/signin"
    assert "account and workspace are ready" in browser.follow(response).text
    with rt.session() as session:
        ada = accounts.get_user_by_email(session, "ada@example.com")
        spaces = accounts.workspaces_for(session, ada)
    assert [(w.slug, w.name, r.value) for w, r in spaces] == [
        ("acme-robotics", "Acme Robotics", "owner")]

    # Afterwards sign-up is closed, for the page and for a direct POST.
    assert browser.get("/signup").headers["location"] == "/signin"
    again = browser.post("/signup", {"email": "eve@example.com", "password": PASSWORD,
                                     "password2": PASSWORD, "workspace": "Evil"})
    assert again.headers["location"] == "/signin"
    with rt.session() as session:
        assert accounts.user_count(session) == 1


def test_signup_errors_are_shown_next_to_fields(browser: Browser, rt: Runtime) -> None:
    response = browser.post("/signup", {"email": "ada@example.com", "password": "short",
                                        "password2": "short", "workspace": "Acme"})
    assert response.status_code == 422
    assert "The password needs at least 10 characters." in response.text
    assert 'value="ada@example.com"' in response.text  # input kept

    mismatch = browser.post("/signup", {"email": "ada@example.com", "password": PASSWORD,
                                        "password2": PASSWORD + "x", "workspace": ""})
    assert "The two passwords differ." in mismatch.text
    assert "Name your first workspace" in mismatch.text
    with rt.session() as session:
        assert accounts.user_count(session) == 0


def test_sign_in_sets_a_strict_session_cookie_and_sign_out_ends_it(
        browser: Browser, user: User, ws: Workspace) -> None:
    wrong = browser.post("/signin", {"email": user.email, "password": "nope-nope"})
    assert wrong.status_code == 401
    assert "Email or password is wrong." in wrong.text

    response = browser.sign_in(user.email)
    cookie = next(h for h in response.headers.get_list("set-cookie")
                  if h.startswith("tandem_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    assert browser.get("/").headers["location"] == "/w/acme"
    assert browser.get("/w/acme").status_code == 200

    out = browser.post("/signout")
    assert out.headers["location"] == "/signin"
    assert "You are signed out." in browser.follow(out).text
    assert browser.get("/w/acme").headers["location"] == "/signin?next=/w/acme"


def test_old_session_token_is_useless_after_sign_out(
        client: TestClient, browser: Browser, user: User, ws: Workspace) -> None:
    browser.sign_in(user.email)
    token = client.cookies.get("tandem_session")
    browser.post("/signout")
    client.cookies.set("tandem_session", token or "")
    assert browser.get("/w/acme").status_code == 303


def test_sign_in_returns_to_the_page_asked_for_but_never_off_site(
        browser: Browser, user: User, ws: Workspace) -> None:
    first = browser.get("/w/acme/evidence?q=pay")
    assert first.headers["location"] == "/signin?next=/w/acme/evidence%3Fq%3Dpay"
    page = browser.get(first.headers["location"])
    assert 'name="next" value="/w/acme/evidence?q=pay"' in page.text
    response = browser.post("/signin", {"email": user.email, "password": PASSWORD,
                                        "next": "/w/acme/evidence?q=pay"})
    assert response.headers["location"] == "/w/acme/evidence?q=pay"

    browser.post("/signout")
    for evil in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        response = browser.post("/signin", {"email": user.email, "password": PASSWORD,
                                            "next": evil})
        assert response.headers["location"] == "/"
        browser.post("/signout")


def test_cookies_are_secure_when_configured(sqlite_url: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url=sqlite_url, secret_key="k",
                        cookie_secure=True)
    runtime = Runtime(settings, migrate=False)
    with runtime.session() as session:
        accounts.create_user(session, "a@example.com", PASSWORD)
    with TestClient(create_app(runtime), follow_redirects=False) as client:
        page = client.get("/signin")
        assert "Secure" in page.headers["set-cookie"]
        response = Browser(client).post("/signin", {"email": "a@example.com",
                                                    "password": PASSWORD})
        assert all("Secure" in c for c in response.headers.get_list("set-cookie"))
    runtime.close()


def test_sign_ins_last_the_configured_days(sqlite_url: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url=sqlite_url, secret_key="k",
                        session_days=2)
    runtime = Runtime(settings, migrate=False)
    with runtime.session() as session:
        accounts.create_user(session, "a@example.com", PASSWORD)
    with TestClient(create_app(runtime), follow_redirects=False) as client:
        response = Browser(client).post("/signin", {"email": "a@example.com",
                                                    "password": PASSWORD})
        cookie = next(c for c in response.headers.get_list("set-cookie")
                      if c.startswith("tandem_session="))
        assert "Max-Age=172800" in cookie
    with runtime.session() as session:
        expires = session.scalar(select(WebSession.expires_at))
    assert expires is not None
    assert timedelta(days=2) - timedelta(minutes=5) < expires - datetime.now(UTC) \
        <= timedelta(days=2)
    runtime.close()


def test_posts_without_the_csrf_token_are_refused(
        client: TestClient, signed_in: Browser, rt: Runtime, user: User) -> None:
    body = {"text": "Sneaky feedback", "source": "other"}
    missing = client.post("/w/acme/evidence", data=body)
    assert missing.status_code == 403
    assert "Form expired or not sent from Tandem" in missing.text
    wrong = client.post("/w/acme/evidence", data={**body, "csrf_token": "x" * 43})
    assert wrong.status_code == 403
    assert client.post("/signout").status_code == 403
    with rt.scope(user, "acme") as scope:
        from tandem.inbound.evidence.service import evidence
        assert evidence.count(scope) == 0

    # htmx sends the token as a header instead of a form field.
    ok = client.post("/w/acme/evidence", data=body,
                     headers={"X-CSRF-Token": signed_in.csrf})
    assert ok.status_code == 303


def test_sign_in_form_itself_needs_the_token(client: TestClient, user: User) -> None:
    response = client.post("/signin", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 403
    assert "tandem_session" not in response.headers.get("set-cookie", "")


def test_csrf_token_is_rotated_at_sign_in(
        client: TestClient, browser: Browser, user: User, ws: Workspace) -> None:
    before = browser.csrf
    browser.sign_in(user.email)
    after = browser.csrf
    assert after and after != before
    page = client.get("/w/acme").text
    assert after in page and before not in page
    stale = client.post("/w/acme/evidence", data={"text": "x", "csrf_token": before})
    assert stale.status_code == 403


def test_account_page_creates_shows_once_and_revokes_api_tokens(
        client: TestClient, signed_in: Browser) -> None:
    page = signed_in.get("/account")
    assert "No tokens yet." in page.text

    blank = signed_in.post("/account/tokens", {"name": "  "})
    assert blank.status_code == 422 and "Name the token" in blank.text

    created = signed_in.post("/account/tokens", {"name": "laptop CLI"})
    assert created.status_code == 200
    assert created.headers["cache-control"] == "no-store"
    plain = created.text.split('id="new-token"', 1)[1].split('value="', 1)[1].split('"', 1)[0]
    assert plain.startswith("tdm_")
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {plain}"})
    assert me.status_code == 200 and me.json()["email"] == "olive@example.com"

    listed = signed_in.get("/account")
    assert "laptop CLI" in listed.text and plain[:10] in listed.text
    assert plain not in listed.text  # shown once only

    token_id = listed.text.split("/account/tokens/", 1)[1].split("/revoke", 1)[0]
    revoked = signed_in.post(f"/account/tokens/{token_id}/revoke")
    assert "Token revoked" in signed_in.follow(revoked).text
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {plain}"}
                      ).status_code == 401


def test_pages_carry_a_content_security_policy(signed_in: Browser) -> None:
    response = signed_in.get("/w/acme")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert 'hx-headers=\'{"X-CSRF-Token": "' in response.text


def test_a_form_posted_after_the_session_ended_returns_to_its_page(
        browser: Browser, user: User, ws: Workspace) -> None:
    response = browser.post("/w/acme/evidence", {"text": "Lost?"},
                            headers={"Referer": "http://testserver/w/acme/evidence/new"})
    assert response.headers["location"] == "/signin?next=/w/acme/evidence/new"
    offsite = browser.post("/w/acme/evidence", {"text": "Lost?"},
                           headers={"Referer": "https://evil.example/w/acme"})
    assert offsite.headers["location"] == "/signin?next=/"


def test_sign_in_page_offers_the_demo_account_only_while_it_works(browser: Browser,
                                                                 rt: Runtime) -> None:
    from tandem.demo.loader import DEMO_EMAIL, DEMO_PASSWORD, ensure_demo

    with rt.session() as session:
        accounts.create_user(session, "someone@example.com", PASSWORD)
    assert DEMO_EMAIL not in browser.get("/signin").text
    ensure_demo(rt)
    browser.client.app.state.listen_host = "127.0.0.1"  # type: ignore[attr-defined]
    page = browser.get("/signin").text
    assert DEMO_EMAIL in page and DEMO_PASSWORD in page
    with rt.session() as session:
        demo = accounts.get_user_by_email(session, DEMO_EMAIL)
        other = accounts.create_user(session, "tmp@example.com", "another-secret")
        demo.password_hash = other.password_hash
    assert DEMO_EMAIL not in browser.get("/signin").text
