"""The roadmap board in a real browser: drag a release from Next to Now, and reorder."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tandem.accounts import service as accounts
from tandem.inbound.release import ReleaseCreate, releases
from tandem.inbound.roadmap.service import roadmap
from tandem.platform.actor import LocalAdmin
from tandem.runtime import Runtime
from tests.conftest import PASSWORD


def _seed(runtime: Runtime) -> None:
    with runtime.session() as session:
        user = accounts.create_user(session, "pia@example.com", PASSWORD, "Pia")
        accounts.create_workspace(session, "Acme Health", user, "acme")
    with runtime.scope(user, "acme") as scope:
        for name, horizon in (("Swap Center", "now"), ("Payroll export", "next"),
                              ("Kiosk mode", "next")):
            releases.create(scope, ReleaseCreate(name=name, horizon=horizon))


def _names(runtime: Runtime, horizon: str) -> list[str]:
    with runtime.scope(LocalAdmin(), "acme") as scope:
        return [item.release.name for item in roadmap(scope)[horizon]]


def test_drag_a_release_from_next_to_the_top_of_now(page: Page, live_server: str,
                                                    live_runtime: Runtime) -> None:
    _seed(live_runtime)
    page.goto(live_server + "/signin")
    page.fill("#email", "pia@example.com")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(live_server + "/w/acme/roadmap")
    now = page.locator(".horizon-now ul[data-horizon]")
    kiosk = page.locator(".horizon-next li[data-id]", has_text="Kiosk mode")
    with page.expect_response(lambda r: r.url.endswith("/place")) as dropped:
        kiosk.locator(".release-line").drag_to(now.locator("li[data-id]").first,
                                               target_position={"x": 20, "y": 2})
    assert dropped.value.status == 204
    page.wait_for_load_state("load")  # the board reloads with the stored order
    expect(page.locator(".horizon-now li[data-id]").first).to_contain_text("Kiosk mode")
    assert _names(live_runtime, "now") == ["Kiosk mode", "Swap Center"]
    assert _names(live_runtime, "next") == ["Payroll export"]
    # the same from the keyboard: the arrow button beside a release
    page.get_by_role("button", name="Move Swap Center up").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".flash-success")).to_contain_text("is now number 1 in Now")
    assert _names(live_runtime, "now") == ["Swap Center", "Kiosk mode"]
