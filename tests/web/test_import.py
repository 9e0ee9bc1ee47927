"""Evidence import from the web: upload, the mapping page with its preview, then the job."""

from __future__ import annotations

from typing import Any

from tandem.accounts.models import Role, User
from tandem.registry import RESOURCES
from tandem.runtime import Runtime
from tests.inbound import make_samples
from tests.jobs.support import make_worker
from tests.web.conftest import Browser, add_member

GOOD = ("Body,Date,Company,Stars\n"
        "Payroll export takes hours,2025-03-04,Maple Dental,2\n"
        "Swaps get lost,2025-03-05,Harbor Cafe,5\n"
        "Third item,31/12/2025,Luna,4\n")


def upload(browser: Browser, content: bytes, name: str = "feedback.csv",
           **fields: str) -> Any:
    return browser.client.post("/w/acme/evidence/import",
                               data={"csrf_token": browser.csrf, **fields},
                               files={"file": (name, content, "text/csv")})


def evidence_count(rt: Runtime, user: User) -> int:
    with rt.scope(user, "acme") as scope:
        return RESOURCES["evidence"].count(scope)


def test_upload_page_offers_presets_and_formats(signed_in: Browser) -> None:
    page = signed_in.get("/w/acme/evidence/import")
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.text
    assert "Zendesk tickets (JSON)" in page.text and "Fider posts (CSV)" in page.text
    assert "sales_call" in page.text


def test_mapping_page_previews_the_first_rows_as_evidence(signed_in: Browser, rt: Runtime,
                                                          user: User) -> None:
    uploaded = upload(signed_in, GOOD.encode())
    assert uploaded.status_code == 303
    mapping_url = uploaded.headers["location"]
    assert mapping_url.startswith("/w/acme/evidence/import/")
    page = signed_in.follow(uploaded).text
    assert "Map the columns of" in page and "feedback.csv" in page
    assert '<option value="Body" selected>' in page  # detected: Body feeds the text
    assert '<option value="Stars" selected>' in page
    assert "Payroll export takes hours" in page and "Maple Dental" in page
    assert "2-stars" in page and "5-stars" in page
    assert "Cannot be imported:" in page and "&#39;31/12/2025&#39; is not a date" in page
    # Changing the mapping updates the preview: Company as the text now.
    again = signed_in.get(mapping_url, params={"map_text": "Company", "map_customer_company": ""})
    assert '<option value="Company" selected>' in again.text
    assert '<td class="preview-text">Maple Dental</td>' in again.text
    assert evidence_count(rt, user) == 0  # nothing is written before the import starts


def test_import_runs_as_a_job_and_reports(signed_in: Browser, rt: Runtime,
                                          user: User) -> None:
    mapping_url = upload(signed_in, GOOD.encode()).headers["location"]
    started = signed_in.post(mapping_url, {"map_text": "Body", "map_received_on": "Date",
                                           "map_rating": "Stars", "skip_invalid": "1"})
    assert started.status_code == 303
    job_url = started.headers["location"]
    assert job_url.startswith("/w/acme/evidence/imports/")
    assert "Waiting for a worker" in signed_in.follow(started).text
    assert make_worker(rt).run_once()
    report = signed_in.get(job_url).text
    assert "Done" in report and "Already there" in report and "Rows skipped" in report
    assert "<li>line 4, column &#39;Date&#39;: &#39;31/12/2025&#39; is not a date" in report
    assert "<dt>New</dt><dd>2</dd>" in report
    assert evidence_count(rt, user) == 2
    gone = signed_in.get(mapping_url)
    assert gone.status_code == 404 and "That upload is gone" in gone.text


def test_presets_and_bad_files_get_a_clear_reason(signed_in: Browser, rt: Runtime,
                                                  user: User) -> None:
    zendesk = upload(signed_in, make_samples.content("zendesk"), "tickets.json",
                     preset="zendesk")
    page = signed_in.follow(zendesk).text
    assert "Zendesk tickets (JSON)" in page and "Payroll export misses overtime" in page
    no_text = signed_in.follow(upload(signed_in, b"words,when\nhello,now\n"))
    assert "No column was recognised as the text" in no_text.text
    assert '<option value="words">' in no_text.text  # to be picked on the mapping page
    refused = signed_in.post(no_text.url.path, {})
    assert refused.status_code == 422
    assert "no text column found (its columns: words, when)" in refused.text
    latin1 = upload(signed_in, "text\nCaf\xe9 owners\n".encode("latin-1"))
    assert "feedback.csv: line 2: not UTF-8 text" in latin1.text
    assert "feedback.csv is empty." in upload(signed_in, b"").text
    wrong = upload(signed_in, b"text\nhi\n", preset="zendesk")
    assert "preset reads JSON" in wrong.text
    missing = signed_in.post("/w/acme/evidence/import", {})
    assert missing.status_code == 422 and "Choose a file to upload." in missing.text
    assert signed_in.get("/w/acme/evidence/import/" + "0" * 32).status_code == 404
    assert signed_in.get("/w/acme/evidence/import/nonsense").status_code == 404
    assert evidence_count(rt, user) == 0


def test_bad_rows_fail_the_job_with_every_line_named(signed_in: Browser, rt: Runtime,
                                                     user: User) -> None:
    mapping_url = upload(signed_in, GOOD.encode()).headers["location"]
    job_url = signed_in.post(mapping_url, {}).headers["location"]
    assert make_worker(rt).run_once()
    page = signed_in.get(job_url + "/status").text
    assert "Nothing imported" in page
    assert "feedback.csv: 1 invalid row(s), nothing imported:</p>" in page
    assert "<li>line 4, column &#39;Date&#39;: &#39;31/12/2025&#39; is not a date" in page
    assert evidence_count(rt, user) == 0


def test_viewers_get_403_on_every_import_page(signed_in: Browser, browser: Browser,
                                              rt: Runtime, user: User) -> None:
    mapping_url = upload(signed_in, GOOD.encode()).headers["location"]
    add_member(rt, user, "acme", "vera@example.com", Role.viewer)
    signed_in.client.cookies.clear()
    browser.sign_in("vera@example.com")
    assert browser.get("/w/acme/evidence/import").status_code == 403
    assert upload(browser, b"").status_code == 403
    assert upload(browser, GOOD.encode()).status_code == 403
    assert browser.get(mapping_url).status_code == 403
    assert browser.post(mapping_url, {}).status_code == 403
    assert evidence_count(rt, user) == 0
