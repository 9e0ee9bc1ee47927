"""In a real browser: find evidence by meaning and by keyword, then merge a duplicate."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tandem.accounts import service as accounts
from tandem.inbound.duplicates import service as duplicates
from tandem.runtime import Runtime
from tests.conftest import PASSWORD
from tests.inbound.support import add

COPY = "Exporting the rota to payroll takes me two hours every week"


def _seed(runtime: Runtime) -> dict[str, int]:
    with runtime.session() as session:
        user = accounts.create_user(session, "pia@example.com", PASSWORD, "Pia")
        accounts.create_workspace(session, "Acme Health", user, "acme")
    with runtime.scope(user, "acme") as scope:
        ids = {
            "both": add(scope, "payroll export broken", customer_company="Harbor Cafe").id,
            "meaning": add(scope, "payroll export", customer_company="Lakeside Gym").id,
            "keep": add(scope, COPY, customer_company="Harbor Cafe").id,
            "copy": add(scope, COPY + "!", customer_company="North Clinic").id,
        }
        duplicates.scan(scope, runtime.embedder.name, threshold=0.95)
    return ids


def test_search_by_meaning_and_keyword_then_merge_a_duplicate(
        page: Page, live_server: str, live_runtime: Runtime) -> None:
    ids = _seed(live_runtime)
    page.goto(live_server + "/signin?next=/w/acme/search")
    page.fill("#email", "pia@example.com")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")

    page.fill("#search-q", "payroll export broken")
    page.click("form[role=search] button[type=submit]")
    hits = page.locator(".evidence-hits .hit")
    expect(hits.first).to_contain_text("keyword + meaning")
    expect(hits.first.locator("mark").first).to_have_text("payroll")
    found_by_meaning = page.locator(f'.hit:has(a[href="/w/acme/evidence/{ids["meaning"]}"])')
    expect(found_by_meaning).to_contain_text("by meaning")

    page.select_option("#search-mode", "keyword")
    page.click("form[role=search] button[type=submit]")
    expect(page.locator(".evidence-hits .hit")).to_have_count(1)
    expect(page.locator(".evidence-hits")).not_to_contain_text("Lakeside Gym")

    page.click("nav >> text=Duplicates")
    group = page.locator(".dup-group")
    expect(group).to_have_count(1)
    expect(group).to_contain_text("North Clinic")
    page.check(f'input[name=keep][value="{ids["keep"]}"]')
    page.click("text=Merge into the chosen one")
    expect(page.locator(".flash-success")).to_contain_text(
        f"Merged 1 item into evidence {ids['keep']}")
    expect(page.locator("main")).to_contain_text("Nothing to review")

    page.goto(live_server + f"/w/acme/evidence/{ids['keep']}")
    expect(page.locator("section[aria-label='Merged duplicates']")).to_contain_text(
        "North Clinic")
