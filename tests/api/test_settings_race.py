"""Settings versioned by their content (a checksum ETag, `crud.require_content`): writers
sending the same If-Match at the same moment, exactly one wins and the others get 412; the
value saved is the winner's. On PostgreSQL (READ COMMITTED) this needs the workspace lock
taken before the checksum is compared; both engines."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tandem.api.app import create_api
from tandem.runtime import Runtime

WS = "/workspaces/acme"
WRITERS = 5
ROUNDS = 3

# (the setting's URL, the field each writer sets, values to choose from: each round the
# writers send different values, none of them the one saved now)
CASES: dict[str, tuple[str, str, list[Any]]] = {
    "weights": (WS + "/importance-weights", "critical", [10.0 + n for n in range(20)]),
    "health": (WS + "/health/settings", "due_weeks", list(range(20, 40))),
    "claims": (WS + "/claims/settings", "evidence_max_age_days", list(range(100, 120))),
    "preset": (WS + "/roles/preset", "preset",
               ["solo", "merged", "split", "split_marcom", "split_se", "custom"]),
    "lifecycle": ("{product}/lifecycle/phase", "phase",
                  ["discovery", "definition", "development", "launch", "growth",
                   "maturity"]),
}


def _race(app: Any, url: str, auth: dict[str, str], tag: str,
          bodies: list[dict[str, Any]]) -> dict[int, int]:
    """Every body PUT at once with the same If-Match; the status each writer got."""
    barrier = threading.Barrier(len(bodies))
    answers: dict[int, int] = {}
    texts: list[str] = []
    lock = threading.Lock()

    def writer(n: int) -> None:
        with TestClient(app, raise_server_exceptions=False) as client:
            barrier.wait(timeout=60)
            got = client.put(url, json=bodies[n], headers={**auth, "If-Match": tag})
        with lock:
            answers[n] = got.status_code
            if got.status_code not in (200, 412):
                texts.append(got.text[:300])

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(len(bodies))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert texts == []
    return answers


@pytest.mark.parametrize("case", list(CASES))
def test_writers_with_the_same_if_match_one_wins(runtime: Runtime, auth: dict[str, str],
                                                 case: str) -> None:
    url, field, values = CASES[case]
    app = create_api(runtime)
    with TestClient(app) as setup:
        if "{product}" in url:
            made = setup.post(WS + "/products", json={"name": "Shiftwell"}, headers=auth)
            assert made.status_code == 201, made.text
            url = url.format(product=f"{WS}/products/{made.json()['id']}")
    read = url.removesuffix("/phase")  # the lifecycle is read as a whole
    for round_ in range(ROUNDS):
        with TestClient(app) as client:
            got = client.get(read, headers=auth)
        tag = got.headers["ETag"]
        others = [v for v in values if v != got.json()[field]]
        sent = (others[round_:] + others[:round_])[:WRITERS]
        assert len(sent) == WRITERS
        answers = _race(app, url, auth, tag, [{field: v} for v in sent])
        won = [n for n, status in answers.items() if status == 200]
        assert len(won) == 1, answers
        assert sorted(answers.values()) == [200] + [412] * (WRITERS - 1)
        with TestClient(app) as client:
            final = client.get(read, headers=auth)
        assert final.json()[field] == sent[won[0]]
        assert final.headers["ETag"] != tag
