"""Importing evidence in a real browser: upload a file, map a column with the preview,
watch the progress follow the job live, read the report, then see the evidence."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tandem.accounts import service as accounts
from tandem.platform.jobs.worker import Background
from tandem.runtime import Runtime
from tests.conftest import PASSWORD
from tests.jobs.support import make_worker

SURVEY = ("Answer,Submitted,Company\n"
          "Exporting the rota to payroll takes two hours a week,2026-03-02,Harbor Cafe\n"
          "Shift swaps stall when no manager is online,2026-03-03,Luna Taqueria\n"
          "Too many clicks to approve leave,2026-03-04,Maple Grocer\n")


def test_upload_map_watch_the_progress_and_read_the_report(
        page: Page, live_server: str, live_runtime: Runtime, tmp_path: Path) -> None:
    with live_runtime.session() as session:
        user = accounts.create_user(session, "pia@example.com", PASSWORD, "Pia")
        accounts.create_workspace(session, "Acme Health", user, "acme")
    survey = tmp_path / "survey.csv"
    survey.write_text(SURVEY, encoding="utf-8")

    page.goto(live_server + "/signin?next=/w/acme/evidence/import")
    page.fill("#email", "pia@example.com")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.set_input_files("#file", str(survey))
    page.get_by_role("button", name="Upload and map columns").click()

    expect(page).to_have_url(re.compile(r"/w/acme/evidence/import/[0-9a-f]{32}$"))
    expect(page.locator("h1")).to_contain_text("survey.csv")
    preview = page.locator("table.table-preview")
    # "Answer" is no name Tandem knows: nothing feeds the text until the person says so.
    expect(page.locator("main")).to_contain_text("No column was recognised as the text")
    page.select_option("#map_text", "Answer")
    page.select_option("#map_received_on", "Submitted")
    page.get_by_role("button", name="Update the preview").click()
    expect(preview).to_contain_text("Exporting the rota to payroll")
    expect(preview).to_contain_text("2026-03-02")
    expect(preview).to_contain_text("Harbor Cafe")

    page.get_by_role("button", name="Import", exact=True).click()
    expect(page).to_have_url(re.compile(r"/w/acme/evidence/imports/\d+$"))
    expect(page.locator("#import-report")).to_contain_text("Waiting")

    background = Background.start(make_worker(live_runtime))  # the job can run now
    assert background is not None
    try:
        # The report block polls itself: it changes without a reload.
        expect(page.locator("#import-report")).to_contain_text("Done", timeout=15_000)
    finally:
        background.stop()
    counts = page.locator(".report-counts")
    expect(counts).to_contain_text("New")
    expect(counts.locator("div").first).to_contain_text("3")

    page.get_by_role("link", name="See the evidence").click()
    expect(page.locator("main")).to_contain_text("Too many clicks to approve leave")
