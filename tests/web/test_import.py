"""Evidence CSV import from the web: all rows or none, with every bad row named."""

from __future__ import annotations

from tandem.accounts.models import User
from tandem.registry import RESOURCES
from tandem.runtime import Runtime
from tests.web.conftest import Browser

GOOD = ("text,source,customer_company,received_on,tags\n"
        'Payroll export takes hours,interview,Maple Dental,2025-03-04,"payroll, export"\n'
        "Swaps get lost,support,Harbor Cafe,,\n")


def upload(browser: Browser, content: bytes, name: str = "feedback.csv") -> object:
    return browser.client.post("/w/acme/evidence/import",
                               data={"csrf_token": browser.csrf},
                               files={"file": (name, content, "text/csv")})


def evidence_count(rt: Runtime, user: User) -> int:
    with rt.scope(user, "acme") as scope:
        return RESOURCES["evidence"].count(scope)


def test_import_page_explains_the_file(signed_in: Browser) -> None:
    page = signed_in.get("/w/acme/evidence/import")
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.text
    assert "sales_call" in page.text and "customer_company" in page.text


def test_good_file_creates_every_row(signed_in: Browser, rt: Runtime, user: User) -> None:
    response = upload(signed_in, GOOD.encode())
    assert response.status_code == 303  # type: ignore[attr-defined]
    page = signed_in.follow(response)  # type: ignore[arg-type]
    assert "Imported 2 pieces of evidence from feedback.csv." in page.text
    assert evidence_count(rt, user) == 2
    with rt.scope(user, "acme") as scope:
        texts = {e.text: e.tags for e in RESOURCES["evidence"].all(scope)}
    assert texts["Payroll export takes hours"] == ["payroll", "export"]


def test_bad_rows_are_listed_and_nothing_is_written(signed_in: Browser, rt: Runtime,
                                                    user: User) -> None:
    bad = GOOD + "Third,carrier pigeon,X,,\n,interview,Y,,\nFifth,email,Z,31/12/2025,\n"
    response = upload(signed_in, bad.encode())
    text = response.text  # type: ignore[attr-defined]
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert "feedback.csv: 3 rows cannot be imported, so nothing was imported." in text
    assert "<strong>Line 4</strong>, column <code>source</code>" in text
    assert "<strong>Line 5</strong>, column <code>text</code>" in text
    assert "<strong>Line 6</strong>, column <code>received_on</code>" in text
    assert evidence_count(rt, user) == 0


def test_unusable_files_get_a_clear_reason(signed_in: Browser, rt: Runtime,
                                           user: User) -> None:
    no_text = upload(signed_in, b"feedback,source\nhello,email\n")
    assert "the header must have a &#39;text&#39; column" in no_text.text  # type: ignore
    latin1 = upload(signed_in, "text\nCaf\xe9 owners\n".encode("latin-1"))
    assert "is not UTF-8 text" in latin1.text  # type: ignore[attr-defined]
    empty = upload(signed_in, b"")
    assert "feedback.csv is empty." in empty.text  # type: ignore[attr-defined]
    header_only = upload(signed_in, b"text,source\n")
    assert "has a header but no rows" in header_only.text  # type: ignore[attr-defined]
    missing = signed_in.post("/w/acme/evidence/import", {})
    assert "Choose a CSV file to upload." in missing.text
    assert evidence_count(rt, user) == 0


def test_bom_from_spreadsheet_exports_is_accepted(signed_in: Browser, rt: Runtime,
                                                  user: User) -> None:
    response = upload(signed_in, b"\xef\xbb\xbf" + GOOD.encode())
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert evidence_count(rt, user) == 2


def test_skip_invalid_imports_the_good_rows_and_lists_the_rest(
        signed_in: Browser, rt: Runtime, user: User) -> None:
    mixed = b"text,source\nGood one,email\nBad one,carrier-pigeon\n"
    response = signed_in.client.post("/w/acme/evidence/import",
                                     data={"csrf_token": signed_in.csrf, "skip_invalid": "1"},
                                     files={"file": ("mixed.csv", mixed, "text/csv")})
    assert response.status_code == 200
    assert "Imported 1 piece of evidence from mixed.csv. Skipped 1 row:" in response.text
    assert "<strong>Line 3</strong>, column <code>source</code>" in response.text
    assert evidence_count(rt, user) == 1
