"""The pricing pages: upload with the columns found, pick columns the file names otherwise,
read the points and rows left out, the chart as an image."""

from __future__ import annotations

from httpx import Response

from tandem.accounts.models import User
from tandem.market.segment import SegmentCreate, segments
from tandem.runtime import Runtime
from tests.web.conftest import Browser, owner_scope

CSV = ("TC,cheap,expensive,too_expensive\n1,2,4,5\n1,2,4,5\n2,3,5,6\n2,3,5,6\n"
       "3,4,6,7\n5,4,6,7\n")


def _upload(page: Browser, data: dict[str, str], text: str | None = CSV) -> Response:
    files = {"file": ("spring.csv", text.encode(), "text/csv")} if text is not None else None
    return page.post("/w/acme/pricing", {"method": "van_westendorp", **data}, files=files)


def test_upload_pick_a_column_and_read_the_survey(signed_in: Browser, rt: Runtime,
                                                   user: User) -> None:
    with owner_scope(rt, user) as scope:
        segment = segments.create(scope, SegmentCreate(name="Clinics")).id
    page = signed_in.get("/w/acme/pricing")
    assert page.status_code == 200 and "No pricing surveys yet" in page.text

    first = _upload(signed_in, {"name": "Spring"})
    assert first.status_code == 422
    text = first.text
    assert "No column for too_cheap" in text and 'name="map_too_cheap"' in text
    assert '<option value="TC">TC</option>' in text and 'name="csv_text"' in text

    # The file rides along: choose the column and send again, without the file.
    done = _upload(signed_in, {"name": "Spring", "csv_text": CSV, "source_name": "spring.csv",
                               "map_too_cheap": "TC", "segment_id": str(segment)}, text=None)
    assert done.status_code == 303, done.text[:300]
    survey = signed_in.follow(done)
    assert "Survey imported. 1 row left out" in survey.text
    assert "Optimal price point (OPP)" in survey.text and "3.00" in survey.text
    assert "Clinics · 5 respondents analysed" in survey.text
    assert "Line 7</strong>, column <code>cheap</code>: out of order" in survey.text
    url = survey.url.path
    assert f'src="{url}/chart.svg"' in survey.text
    image = signed_in.get(url + "/chart.svg")
    assert image.headers["content-type"] == "image/svg+xml" and b"<svg" in image.content
    download = signed_in.get(url + "/chart.png?download=1")
    assert download.headers["content-disposition"].endswith('.png"')
    assert signed_in.get(url + "/chart.bmp").status_code == 422
    listing = signed_in.get("/w/acme/pricing").text
    assert "Spring" in listing and "5 respondents" in listing


def test_an_empty_or_missing_file_is_a_clear_error(signed_in: Browser) -> None:
    missing = _upload(signed_in, {}, text=None)
    assert missing.status_code == 422
    assert "Choose a CSV file" in missing.text
    empty = _upload(signed_in, {}, text="")
    assert empty.status_code == 422
    assert signed_in.get("/w/acme/pricing/999").status_code == 404
