"""Segments and personas over the API and the CLI: the new fields on Create / Update /
Public, links made through /links, and the profile routes."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from tests.api.conftest import auth, client  # noqa: F401  (fixtures)
from tests.cli.helpers import Cli

WS = "/workspaces/acme"


def test_api_fields_links_and_profiles(client: TestClient,  # noqa: F811
                                       auth: dict[str, str]) -> None:  # noqa: F811
    seg = client.post(f"{WS}/segments", headers=auth, json={
        "name": "Clinics", "market_size": 1200, "market_size_source": "Register",
        "criteria": [{"field": "industry", "op": "is", "value": "Dental"}]})
    assert seg.status_code == 201, seg.text
    seg_id = seg.json()["id"]
    assert seg.json()["criteria"] == [{"field": "industry", "op": "is", "value": "Dental"}]
    bad = client.patch(f"{WS}/segments/{seg_id}", headers=auth, json={"criteria": [
        {"field": "employees", "op": "at_least", "value": "many"}]})
    assert bad.status_code == 422
    assert bad.json()["error"]["field"] == "criteria[0].value"
    persona = client.post(f"{WS}/personas", headers=auth, json={
        "name": "Olivia", "type": "buyer", "segment_id": seg_id, "goals": ["Staffed clinics"],
        "jobs": [{"when": "someone is sick", "want": "find cover", "so_that": "we open"}],
        "objections": ["We have a rota"], "channels": ["Trade shows"],
        "buying_roles": ["champion"]})
    assert persona.status_code == 201, persona.text
    pid = persona.json()["id"]
    assert persona.json()["jobs"][0]["want"] == "find cover"
    changed = client.patch(f"{WS}/personas/{pid}", headers=auth,
                           json={"pains": ["Texts at night"], "type": "user"})
    assert changed.json()["pains"] == ["Texts at night"]
    assert changed.json()["goals"] == ["Staffed clinics"]  # untouched
    assert client.patch(f"{WS}/personas/{pid}", headers=auth,
                        json={"buying_roles": ["boss"]}).status_code == 422
    company = client.post(f"{WS}/companies", headers=auth, json={
        "name": "Harbor", "revenue": 9000, "industry": "dental", "employees": 40})
    assert company.status_code == 201, company.text
    ev = client.post(f"{WS}/evidence", headers=auth, json={"text": "Cover takes hours"})
    linked = client.post(f"{WS}/links", headers=auth, json={
        "from_type": "personas", "from_id": pid, "to_type": "evidence",
        "to_id": ev.json()["id"]})
    assert linked.status_code == 201, linked.text
    profile = client.get(f"{WS}/personas/{pid}/profile", headers=auth).json()
    assert profile["inbound"]["evidence"] == 1
    assert profile["linked"]["evidence"][0]["id"] == ev.json()["id"]
    assert profile["market"]["segment_id"] == seg_id
    seg_profile = client.get(f"{WS}/segments/{seg_id}/profile", headers=auth).json()
    assert seg_profile["market"]["companies"] == [{
        "id": company.json()["id"], "name": "Harbor", "arr": 9000, "assigned": False,
        "meets_criteria": True}]
    assert seg_profile["market"]["market_size"] == 1200
    assert seg_profile["market"]["win_loss"]["win_rate_excluding_no_decision"] is None
    assert client.get(f"{WS}/segments/999999/profile", headers=auth).status_code == 404


def test_cli_show_by_name_or_id(acme: Cli) -> None:
    seg = json.loads(acme.ok("segment", "add", "name=Restaurant groups", "market_size=3800",
                             'criteria=[{"field": "industry", "op": "one_of", '
                             '"value": "Restaurants, Cafes"}]', "--json").stdout)
    acme.ok("persona", "add", "name=Owner Omar", f"segment_id={seg['id']}",
            'jobs=[{"when": "I plan the week", "want": "see covers", "so_that": "I cut"}]',
            "goals=Labour under 30%, Fewer hours")
    acme.ok("company", "add", "name=Slice Group", "industry=Cafes", "revenue=1000")
    shown = acme.ok("segments", "show", "restaurant groups").stdout
    assert "Market: 1 company (0 assigned, 1 meeting the criteria)" in shown
    assert "Industry is one of Restaurants, Cafes" in shown and "3,800" in shown
    persona = acme.ok("personas", "show", "Owner Omar").stdout
    assert "When I plan the week, I want to see covers" in persona
    assert "goal: Labour under 30%" in persona
    data = json.loads(acme.ok("segments", "show", str(seg["id"]), "--json").stdout)
    assert data["profile"]["market"]["companies"][0]["name"] == "Slice Group"
    opp = json.loads(acme.ok("opportunity", "add", "title=Covers forecast", "--json").stdout)
    omar = json.loads(acme.ok("persona", "list", "--json").stdout)["items"][0]["id"]
    acme.ok("link", "persona", str(omar), "opportunity", str(opp["id"]))
    assert "Covers forecast" in acme.ok("personas", "show", str(omar)).stdout
    missing = acme("personas", "show", "Nobody")
    assert missing.exit_code != 0 and "No persona named 'Nobody'" in missing.output
