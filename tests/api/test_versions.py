"""ETag and If-Match on the API's record routes; PATCH changes only the fields sent; and
eight writers reading then patching one object lose no update (both engines)."""

from __future__ import annotations

import threading
from typing import Any

from fastapi.testclient import TestClient

from tandem.api.app import create_api
from tandem.api.versions import NEVER, parse_if_match
from tandem.runtime import Runtime

URL = "/workspaces/acme/opportunities"


def _create(client: TestClient, auth: dict[str, str], **body: Any) -> tuple[str, str]:
    made = client.post(URL, json={"title": "Shift swaps", **body}, headers=auth)
    assert made.status_code == 201, made.text
    return f"{URL}/{made.json()['id']}", made.headers["ETag"]


def test_if_match_header_values() -> None:
    assert parse_if_match(None) is None and parse_if_match("*") is None
    assert parse_if_match('"7"') == 7 and parse_if_match('W/"7"') == 7
    assert parse_if_match('"abc"') == NEVER and parse_if_match('"99999999999"') == NEVER


def test_get_and_patch_carry_the_version_as_etag(client: TestClient,
                                                 auth: dict[str, str]) -> None:
    url, created = _create(client, auth)
    assert created == '"1"'
    got = client.get(url, headers=auth)
    assert got.headers["ETag"] == '"1"' and got.json()["row_version"] == 1
    patched = client.patch(url, json={"status": "exploring"},
                           headers={**auth, "If-Match": '"1"'})
    assert patched.status_code == 200, patched.text
    assert patched.headers["ETag"] == '"2"' and patched.json()["row_version"] == 2
    assert client.get(url, headers=auth).headers["ETag"] == '"2"'


def test_a_stale_if_match_gets_412_naming_the_current_version(
        client: TestClient, auth: dict[str, str]) -> None:
    url, etag = _create(client, auth)
    assert client.patch(url, json={"status": "exploring"}, headers=auth).status_code == 200
    stale = client.patch(url, json={"status": "parked"}, headers={**auth, "If-Match": etag})
    assert stale.status_code == 412
    error = stale.json()["error"]
    assert error["code"] == "stale" and error["field"] == "row_version"
    assert "version 2" in error["message"]
    assert stale.headers["ETag"] == '"2"'
    refused = client.delete(url, headers={**auth, "If-Match": etag})
    assert refused.status_code == 412 and refused.json()["error"]["code"] == "stale"
    garbage = client.patch(url, json={"status": "parked"},
                           headers={**auth, "If-Match": '"not-a-version"'})
    assert garbage.status_code == 412
    now = client.get(url, headers=auth).json()
    assert now["status"] == "exploring" and now["row_version"] == 2
    assert client.delete(url, headers={**auth, "If-Match": '"2"'}).status_code == 204


def test_without_if_match_a_write_still_works(client: TestClient,
                                              auth: dict[str, str]) -> None:
    url, _ = _create(client, auth)
    for status in ("exploring", "validated"):
        assert client.patch(url, json={"status": status}, headers=auth).status_code == 200
    assert client.patch(url, json={"status": "parked"},
                        headers={**auth, "If-Match": "*"}).status_code == 200
    assert client.delete(url, headers=auth).status_code == 204


def test_patch_of_one_field_keeps_another_writers_change(client: TestClient,
                                                         auth: dict[str, str]) -> None:
    url, _ = _create(client, auth, problem="Swaps by text message")
    first = client.get(url, headers=auth).json()  # both writers read the same version
    assert client.patch(url, json={"status": "validated"}, headers=auth).status_code == 200
    second = client.patch(url, json={"title": first["title"] + " on phones"}, headers=auth)
    assert second.status_code == 200
    final = client.get(url, headers=auth).json()
    assert final["status"] == "validated" and final["title"] == "Shift swaps on phones"
    assert final["problem"] == "Swaps by text message" and final["row_version"] == 3


def test_eight_writers_with_if_match_lose_no_update(runtime: Runtime,
                                                    auth: dict[str, str]) -> None:
    """Each writer reads the object, appends its own mark to `problem` and PATCHes with
    If-Match, re-reading after a 412. Every accepted write must be in the final text."""
    app = create_api(runtime)
    with TestClient(app) as setup:
        url, _ = _create(setup, auth, problem="")
    writers, rounds = 8, 4
    accepted: list[str] = []
    refused = [0]
    errors: list[str] = []
    lock = threading.Lock()

    def writer(n: int) -> None:
        with TestClient(app, raise_server_exceptions=False) as client:
            for r in range(rounds):
                mark = f"w{n}r{r};"
                for _attempt in range(200):
                    got = client.get(url, headers=auth)
                    body = got.json()
                    answer = client.patch(url, json={"problem": body["problem"] + mark},
                                          headers={**auth, "If-Match": got.headers["ETag"]})
                    if answer.status_code == 200:
                        with lock:
                            accepted.append(mark)
                        break
                    if answer.status_code != 412:
                        with lock:
                            errors.append(f"{answer.status_code} {answer.text[:200]}")
                        return
                    with lock:
                        refused[0] += 1

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with TestClient(app) as client:
        final = client.get(url, headers=auth).json()
    marks = [m + ";" for m in final["problem"].split(";") if m]
    assert sorted(marks) == sorted(accepted) and len(accepted) == writers * rounds
    assert final["row_version"] == 1 + len(accepted)


def test_feature_patch_routes_honour_if_match(client: TestClient,
                                              auth: dict[str, str]) -> None:
    """The feature APIs that edit one object with PATCH: sizing, pricing, messaging house,
    positioning draft."""
    from tandem.demo.market import CLINICS_TOP_DOWN

    w = "/workspaces/acme"
    product = client.post(f"{w}/products", json={"name": "Shiftwell"}, headers=auth).json()
    made = {
        "sizing": client.post(f"{w}/sizing", headers=auth, json={
            "name": "Clinics", "method": "top_down", "inputs": CLINICS_TOP_DOWN}),
        "pricing/surveys": client.post(f"{w}/pricing/surveys", headers=auth, json={
            "name": "Q3", "method": "van_westendorp",
            "csv": "too_cheap,cheap,expensive,too_expensive\n5,10,20,30\n6,12,22,35\n"}),
        "messaging": client.post(f"{w}/messaging", headers=auth, json={
            "name": "Core", "product_id": product["id"], "core_message": "Rotas in minutes",
            "pillars": [{"title": "Fast"}, {"title": "Fair"}]}),
        "positioning": client.post(f"{w}/positioning", headers=auth,
                                   json={"product_id": product["id"]}),
    }
    changes = {"sizing": ({"name": "Clinics EU"}, {"name": "Clinics NA"}),
               "pricing/surveys": ({"name": "Q3 survey"}, {"name": "Q3 again"}),
               "messaging": ({"name": "Core house"}, {"name": "Other"}),
               "positioning": ({"category": "Scheduling software"}, {"category": "Rota"})}
    for path, answer in made.items():
        assert answer.status_code == 201, (path, answer.text)
        url = f"{w}/{path}/{answer.json()['id']}"
        patch_url = url + "/draft" if path == "positioning" else url
        got = client.get(url, headers=auth)
        assert got.headers["ETag"] == '"1"' and got.json()["row_version"] == 1, path
        first, second = changes[path]
        fresh = client.patch(patch_url, json=first, headers={**auth, "If-Match": '"1"'})
        assert fresh.status_code == 200, (path, fresh.text)
        assert fresh.headers["ETag"] == '"2"' and fresh.json()["row_version"] == 2, path
        stale = client.patch(patch_url, json=second, headers={**auth, "If-Match": '"1"'})
        assert stale.status_code == 412, (path, stale.text)
        assert stale.json()["error"]["code"] == "stale" and stale.headers["ETag"] == '"2"'
        assert client.patch(patch_url, json=second, headers=auth).status_code == 200, path


def test_asset_puts_honour_if_match(client: TestClient, auth: dict[str, str]) -> None:
    w = "/workspaces/acme"
    made = client.post(f"{w}/competitors", json={"name": "RotaBoard"}, headers=auth)
    assert made.status_code == 201
    card = client.post(f"{w}/assets", json={"kind": "battlecard", "competitor": "RotaBoard"},
                       headers=auth)
    assert card.status_code == 201, card.text
    url = f"{w}/assets/{card.json()['id']}"
    etag = client.get(url, headers=auth).headers["ETag"]
    edited = client.put(url + "/body", json={"markdown": "# Short card\n"},
                        headers={**auth, "If-Match": etag})
    assert edited.status_code == 200, edited.text
    assert edited.headers["ETag"] != etag and edited.json()["row_version"] > 1
    stale = client.put(url + "/status", json={"status": "approved"},
                       headers={**auth, "If-Match": etag})
    assert stale.status_code == 412 and stale.json()["error"]["code"] == "stale"
    fresh = client.put(url + "/status", json={"status": "approved"},
                       headers={**auth, "If-Match": edited.headers["ETag"]})
    assert fresh.status_code == 200 and fresh.json()["status"] == "approved"
