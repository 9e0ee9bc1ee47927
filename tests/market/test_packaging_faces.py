"""Packaging, competitor prices, campaigns and the win/loss PDF over the API and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from tests.api.conftest import auth, client  # noqa: F401  (fixtures)
from tests.cli.helpers import Cli

WS = "/workspaces/acme"
BODY = {"plans": [{"name": "Free", "prices": [{"amount": 0, "currency": "EUR"}]},
                  {"name": "Team", "prices": [{"amount": 8, "currency": "EUR",
                                               "unit": "per_seat"}]}],
        "features": [{"name": "Rota", "cells": {"Free": {}, "Team": {}}},
                     {"name": "Sites", "cells": {"Free": {"state": "limit", "limit": "1"},
                                                 "Team": {"state": "limit", "limit": "5"}}}]}


def test_api(client: TestClient, auth: dict[str, str]) -> None:  # noqa: F811
    product = client.post(WS + "/products", headers=auth, json={"name": "Shiftwise"}).json()
    one = f"{WS}/products/{product['id']}/packaging"
    empty = client.get(one, headers=auth)
    assert empty.json()["plans"] == [] and empty.headers["etag"] == '"1"'
    saved = client.put(one, headers={**auth, "If-Match": '"1"'}, json=BODY)
    assert saved.status_code == 200, saved.text
    data = saved.json()
    assert [p["name"] for p in data["plans"]] == ["Free", "Team"]
    assert data["plans"][1]["prices"][0]["label"] == "8 EUR / seat / month"
    assert data["features"][1]["cells"]["Team"] == {"state": "limit", "limit": "5"}
    assert saved.headers["etag"] == f'"{data["row_version"]}"' != '"1"'
    stale = client.put(one, headers={**auth, "If-Match": '"1"'}, json={"plans": []})
    assert stale.status_code == 412
    bad = client.put(one, headers=auth, json={"plans": [{"name": "Pro", "prices": [
        {"amount": 5, "currency": "EURO"}]}]})
    assert bad.status_code == 422
    dup = client.put(one, headers=auth, json={"plans": [{"name": "Pro"}, {"name": "pro"}]})
    assert dup.status_code == 422 and dup.json()["error"]["field"] == "plans[1].name"
    md = client.get(one + ".md", headers=auth)
    assert md.headers["content-type"].startswith("text/markdown")
    assert "| Sites | 1 | 5 |" in md.text
    assert client.get(f"{WS}/products/999/packaging", headers=auth).status_code == 404

    asset = client.post(WS + "/assets", headers=auth, json={
        "kind": "plan_comparison", "product_id": product["id"]})
    assert asset.status_code == 201 and asset.json()["product_id"] == product["id"]
    pdf = client.get(f"{WS}/assets/{asset.json()['id']}/render?format=pdf", headers=auth)
    assert pdf.content.startswith(b"%PDF")

    rival = client.post(WS + "/competitors", headers=auth, json={"name": "RotaBoard"}).json()
    prices = f"{WS}/competitors/{rival['id']}/prices"
    seen = client.post(prices, headers=auth, json={
        "plan": "Pro", "amount": 10, "currency": "USD", "unit": "per_seat",
        "source_url": "https://example.com/pricing", "observed_on": "2026-03-01"})
    assert seen.status_code == 201 and seen.json()["label"] == "10 USD / seat / month"
    assert client.post(prices, headers=auth, json={
        "plan": "Pro", "amount": -1, "currency": "USD", "observed_on": "2026-03-01"}
    ).status_code == 422
    assert [p["plan"] for p in client.get(prices, headers=auth).json()] == ["Pro"]
    changes = client.get(f"{WS}/competitors/{rival['id']}/changes", headers=auth).json()
    assert changes[0]["kind"] == "pricing"
    assert "Price seen: Pro, 10 USD" in changes[0]["summary"]
    assert client.delete(f"{prices}/{seen.json()['id']}", headers=auth).status_code == 204
    assert client.delete(f"{prices}/{seen.json()['id']}", headers=auth).status_code == 404

    made = client.post(WS + "/campaigns", headers=auth, json={
        "name": "Clinic webinar", "channel": "webinar", "start_on": "2026-04-01",
        "end_on": "2026-03-01"})
    assert made.status_code == 422 and made.json()["error"]["field"] == "end_on"
    made = client.post(WS + "/campaigns", headers=auth, json={
        "name": "Clinic webinar", "channel": "webinar", "budget": 1500})
    assert made.status_code == 201 and made.json()["status"] == "planned"
    segment = client.post(WS + "/segments", headers=auth, json={"name": "Clinics"}).json()
    linked = client.post(WS + "/links", headers=auth, json={
        "from_type": "segments", "from_id": segment["id"], "to_type": "campaigns",
        "to_id": made.json()["id"]})
    assert linked.status_code in (200, 201), linked.text
    shown = client.get(f"{WS}/segments/{segment['id']}/profile", headers=auth).json()
    assert shown["outbound"]["campaigns"] == [{"id": made.json()["id"],
                                               "title": "Clinic webinar"}]

    client.post(WS + "/deals", headers=auth, json={"name": "Harbor", "outcome": "won"})
    report = client.get(WS + "/winloss/report.pdf", headers=auth)
    assert report.status_code == 200 and report.content.startswith(b"%PDF")
    assert report.headers["content-type"] == "application/pdf"


def test_cli(acme: Cli, tmp_path: Path) -> None:
    acme.ok("product", "add", "name=Shiftwise")
    body = tmp_path / "plans.json"
    body.write_text(json.dumps(BODY))
    assert "2 plan(s), 2 feature(s)" in acme.ok("packaging", "set", "1", str(body)).stdout
    shown = acme.ok("packaging", "show", "1").stdout
    assert "8 EUR / seat / month" in shown and "Sites" in shown
    assert "| Sites | 1 | 5 |" in acme.ok("packaging", "show", "1", "--markdown").stdout
    data = json.loads(acme.ok("packaging", "show", "1", "--json").stdout)
    assert acme("packaging", "set", "1", str(body), "--if-version", "1").exit_code == 1
    assert data["row_version"] > 1
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert acme("packaging", "set", "1", str(bad)).exit_code == 1
    out = tmp_path / "plans.md"
    acme.ok("assets", "generate", "plan_comparison", "--product", "1", "-o", str(out))
    assert "# Shiftwise: plans compared" in out.read_text()

    acme.ok("competitor", "add", "name=RotaBoard")
    assert "10 USD / seat / month" in acme.ok(
        "intel", "price-add", "1", "--plan", "Pro", "--amount", "10", "--currency", "USD",
        "--unit", "per_seat", "--date", "2026-03-01").stdout
    found = json.loads(acme.ok("intel", "prices", "1", "--json").stdout)
    assert found[0]["plan"] == "Pro"
    assert "Pro" in acme.ok("intel", "prices", "1").stdout
    assert "Price seen: Pro" in acme.ok("intel", "profile", "1").stdout
    acme.ok("intel", "price-remove", "1", str(found[0]["id"]))
    assert "No prices recorded" in acme.ok("intel", "prices", "1").stdout

    acme.ok("campaign", "add", "name=Clinic webinar", "channel=webinar")
    assert "Clinic webinar" in acme.ok("campaign", "list").stdout

    acme.ok("winloss", "add", "--name", "Harbor", "--outcome", "won")
    pdf = tmp_path / "wl.pdf"
    assert "written to" in acme.ok("winloss", "report", "--pdf", str(pdf)).stdout
    assert pdf.read_bytes().startswith(b"%PDF")
