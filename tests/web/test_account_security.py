"""Sign-in limits, changing a password and asking for a reset, on the web pages."""

from __future__ import annotations

from tandem.accounts import service as accounts
from tandem.accounts.models import User, Workspace
from tandem.runtime import Runtime
from tests.conftest import PASSWORD
from tests.web.conftest import Browser

NEW = "a-fresh-secret-42"


def test_lockout_on_the_sign_in_page(browser: Browser, user: User) -> None:
    for n in range(200):
        answer = browser.post("/signin", {"email": user.email, "password": f"guess-{n}"})
        assert answer.status_code == (401 if n < 10 else 429)
    right = browser.post("/signin", {"email": user.email, "password": PASSWORD})
    assert right.status_code == 429 and int(right.headers["retry-after"]) > 0
    assert "Too many wrong passwords for this email or from this address." in right.text
    assert "reset the password" in right.text and 'href="/password-reset"' in right.text


def test_change_password_on_the_account_page(signed_in: Browser, guest: Browser,
                                             rt: Runtime, user: User) -> None:
    guest.sign_in(user.email)  # another browser, signed in too
    assert guest.get("/account").status_code == 200
    page = signed_in.get("/account")
    assert "Change password" in page.text and 'autocomplete="current-password"' in page.text
    wrong = signed_in.post("/account/password", {"current_password": "nope",
                                                 "new_password": NEW, "new_password2": NEW})
    assert wrong.status_code == 401 and "The current password is wrong." in wrong.text
    differ = signed_in.post("/account/password", {"current_password": PASSWORD,
                                                  "new_password": NEW, "new_password2": "x"})
    assert differ.status_code == 422 and "The two new passwords differ." in differ.text
    spaces = " " * 12
    blank = signed_in.post("/account/password", {"current_password": PASSWORD,
                                                 "new_password": spaces,
                                                 "new_password2": spaces})
    assert blank.status_code == 422 and "The new password must not be only spaces." in blank.text
    done = signed_in.post("/account/password", {"current_password": PASSWORD,
                                                "new_password": NEW, "new_password2": NEW})
    assert done.status_code == 200 and "Password changed." in done.text
    assert signed_in.get("/account").status_code == 200  # this browser stays signed in
    assert guest.get("/account").status_code == 303  # the other one was signed out
    with rt.session() as session:
        assert accounts.authenticate(session, user.email, NEW)


def test_forgot_password_without_mail_points_to_an_owner(browser: Browser, user: User,
                                                         ws: Workspace) -> None:
    signin = browser.get("/signin")
    assert 'href="/password-reset"' in signin.text
    page = browser.get("/password-reset")
    assert page.status_code == 200 and "Ask an owner of your workspace" in page.text
    assert "tandem user reset-link" in page.text


def test_bad_links_explain_themselves(browser: Browser) -> None:
    for path in ("/reset/nope", "/invite/nope"):
        page = browser.get(path)
        assert page.status_code == 404 and "already used, has expired" in page.text
        assert page.headers["referrer-policy"] == "no-referrer"
