"""The pricing API on both engines: upload, read the points by name, chart, errors as 4xx."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import auth, client  # noqa: F401  (fixtures)

BASE = "/workspaces/acme/pricing/surveys"
CSV = ("too_cheap,cheap,expensive,too_expensive\n1,2,4,5\n1,2,4,5\n2,3,5,6\n2,3,5,6\n"
       "3,4,6,7\nx,4,6,7\n")


def test_upload_read_chart_remap_delete(client: TestClient,  # noqa: F811
                                        auth: dict[str, str]) -> None:  # noqa: F811
    made = client.post(BASE, headers=auth, json={
        "name": "Spring", "method": "van_westendorp", "csv": CSV, "currency": "EUR"})
    assert made.status_code == 201, made.text
    body = made.json()
    analysis = body["analysis"]
    assert analysis["opp"] == 3.0 and analysis["pme"] == 4.0
    assert analysis["pmc_original"] == 1.75 and analysis["pme_original"] == 4.75
    assert (analysis["respondents"], analysis["dropped"]) == (5, 1)
    assert analysis["problems"] == [{"line": 7, "column": "too_cheap",
                                     "message": "too cheap 'x' is not a price"}]
    survey = f"{BASE}/{body['id']}"
    assert client.get(BASE, headers=auth).json()[0]["name"] == "Spring"
    png = client.get(survey + "/chart.png", headers=auth)
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    assert client.get(survey + "/chart.svg", headers=auth).text.lstrip().startswith("<?xml")
    assert client.get(survey + "/chart.gif", headers=auth).status_code == 422
    moved = client.patch(survey, headers=auth, json={"mapping": {"too_cheap": "cheap"}})
    assert moved.status_code == 200 and moved.json()["analysis"]["dropped"] == 0
    assert client.delete(survey, headers=auth).status_code == 204
    assert client.get(survey, headers=auth).status_code == 404


def test_bad_requests_are_4xx(client: TestClient, auth: dict[str, str]) -> None:  # noqa: F811
    def post(body: dict[str, object]) -> tuple[int, dict[str, object]]:
        response = client.post(BASE, headers=auth, json=body)
        return response.status_code, response.json()["error"]

    status, error = post({"name": "A", "method": "van_westendorp", "csv": "a,b\n1,2\n"})
    assert status == 422 and error["field"] == "too_cheap"
    status, error = post({"name": "A", "method": "guess", "csv": CSV})
    assert status == 422 and error["field"] == "method"
    status, error = post({"name": "A", "method": "gabor_granger", "csv": CSV,
                          "mapping": {"price": "cheap", "bogus": "x"}})
    assert status == 422 and error["field"] == "bogus"
    status, _ = post({"name": "A" * 201, "method": "gabor_granger", "csv": CSV})
    assert status == 422
    assert client.get(BASE + "/99999999999999999999", headers=auth).status_code in (404, 422)
    assert client.get(BASE).status_code == 401
