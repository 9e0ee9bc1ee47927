"""Invitations in a real browser: an owner invites, the invitee chooses a password, joins and
signs in; the owner hands a reset link over and the member chooses a new password."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tandem.accounts import service as accounts
from tandem.runtime import Runtime
from tests.conftest import PASSWORD

NEW = "nia-own-secret-7"


def _sign_in(page: Page, live_server: str, email: str, password: str) -> None:
    page.goto(live_server + "/signin")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("button[type=submit]")


def test_invite_accept_and_reset(page: Page, browser: Browser, live_server: str,
                                 live_runtime: Runtime) -> None:
    with live_runtime.session() as session:
        owner = accounts.create_user(session, "olive@example.com", PASSWORD, "Olive")
        accounts.create_workspace(session, "Acme", owner, "acme")
    _sign_in(page, live_server, "olive@example.com", PASSWORD)
    page.goto(live_server + "/w/acme/members")
    page.fill("#member-email", "nia@example.com")
    page.select_option("#member-role", "viewer")
    page.click("button:has-text('Invite')")
    expect(page.locator("main")).to_contain_text("Invitation link for nia@example.com")
    link = page.input_value("#shown-link")

    nia = browser.new_context().new_page()
    nia.goto(link)
    expect(nia.locator("h1")).to_have_text("Join Acme")
    nia.fill("#name", "Nia")
    nia.fill("#password", NEW)
    nia.fill("#password2", NEW)
    nia.click("button:has-text('Accept and join')")
    expect(nia.locator("main")).to_contain_text("You joined the workspace: sign in to open it.")
    _sign_in(nia, live_server, "nia@example.com", NEW)
    expect(nia).to_have_url(live_server + "/w/acme")

    page.goto(live_server + "/w/acme/members")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("tr", has_text="nia@example.com").locator(
        "button:has-text('Reset link')").click()
    expect(page.locator("main")).to_contain_text("Password-reset link for nia@example.com")
    reset = page.input_value("#shown-link")
    fresh = browser.new_context().new_page()
    fresh.goto(reset)
    fresh.fill("#new_password", NEW + "-b")
    fresh.fill("#new_password2", NEW + "-b")
    fresh.click("button:has-text('Save the new password')")
    expect(fresh.locator("main")).to_contain_text("Password changed: sign in with the new one.")
    nia.goto(live_server + "/w/acme")  # the old sign-in ended with the reset
    expect(nia.locator("h1")).to_have_text("Sign in to Tandem")
