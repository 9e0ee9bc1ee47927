"""The win/loss page: record a deal, read the rates, follow its evidence."""

from __future__ import annotations

import re
from html import unescape

from tests.web.conftest import Browser, browser, client, rt, signed_in, user, ws  # noqa: F401


def test_record_a_deal_and_read_the_report(signed_in: Browser) -> None:  # noqa: F811
    assert "No deals yet" in signed_in.get("/w/acme/winloss").text
    bad = signed_in.post("/w/acme/winloss", {"name": "Harbor", "outcome": "won",
                                             "amount": "lots"})
    assert bad.status_code == 422 and "amount" in unescape(bad.text).lower()
    done = signed_in.post("/w/acme/winloss", {
        "name": "Harbor", "outcome": "won", "company": "Harbor Kitchen",
        "reasons": "Payroll export\nMulti-site view", "quote": "Saved us hours"})
    page = signed_in.follow(done)
    assert "3 pieces of evidence added" in page.text
    assert "100.0%" in page.text and "Payroll export" in page.text
    found = re.search(r'href="/w/acme/evidence/(\d+)"', page.text)  # a piece, not a nav link
    assert found is not None
    evidence_link = found.group(1)
    assert "Why we won Harbor" in signed_in.get(f"/w/acme/evidence/{evidence_link}").text
    md = signed_in.get("/w/acme/winloss/report.md")
    assert md.headers["content-disposition"].endswith('win-loss.md"')
