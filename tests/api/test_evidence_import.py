"""The evidence import in the API: 202 with the job, its report, idempotency, bad input as
4xx (422 for a file that cannot be read, 413 past the size limit), 403 for a viewer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tandem.accounts import service as accounts
from tandem.accounts.models import Role, User, Workspace
from tandem.runtime import Runtime
from tests.api.conftest import token_for
from tests.inbound import make_samples
from tests.jobs.support import make_worker

BASE = "/workspaces/acme"
GOOD = b"text,source\nNeeds SSO,sales_call\nLoves the app,review\n"


def _import(client: TestClient, auth: dict[str, str], body: bytes, **params: Any) -> Any:
    return client.post(f"{BASE}/evidence/import", content=body, params=params,
                       headers={**auth, "Content-Type": "application/octet-stream"})


def _run(client: TestClient, runtime: Runtime, auth: dict[str, str],
         job: dict[str, Any]) -> dict[str, Any]:
    assert make_worker(runtime).run_once()
    done: dict[str, Any] = client.get(job["url"].removeprefix("/api/v1"), headers=auth).json()
    return done


def _uploads(runtime: Runtime) -> list[Path]:
    return list((runtime.settings.data_dir / "imports").glob("*/*"))


def test_import_answers_202_with_the_job_whose_result_is_the_report(
        client: TestClient, runtime: Runtime, auth: dict[str, str]) -> None:
    started = _import(client, auth, GOOD, name="feedback.csv")
    assert started.status_code == 202
    job = started.json()
    assert job["status"] == "queued" and job["label"] == "Import evidence"
    assert started.headers["location"] == job["url"]
    done = _run(client, runtime, auth, job)
    assert done["status"] == "succeeded"
    assert {k: done["result"][k] for k in ("file", "rows", "new", "duplicates",
                                           "rejected")} == {
        "file": "feedback.csv", "rows": 2, "new": 2, "duplicates": 0, "rejected": 0}
    assert client.get(f"{BASE}/evidence", headers=auth).json()["total"] == 2
    again = _run(client, runtime, auth, _import(client, auth, GOOD, name="f.csv").json())
    assert (again["result"]["new"], again["result"]["duplicates"]) == (0, 2)
    assert client.get(f"{BASE}/evidence", headers=auth).json()["total"] == 2
    assert _uploads(runtime) == []


def test_presets_mapping_and_skip_invalid(client: TestClient, runtime: Runtime,
                                          auth: dict[str, str]) -> None:
    zendesk = _import(client, auth, make_samples.content("zendesk"), name="t.json",
                      preset="zendesk")
    assert _run(client, runtime, auth, zendesk.json())["result"]["new"] == 4
    survey = b"Answer,When\nToo slow,2026-01-02\nbad,someday\n"
    mapped = _import(client, auth, survey, name="s.csv", skip_invalid="true",
                     map=["text=Answer", "received_on=When"])
    done = _run(client, runtime, auth, mapped.json())
    assert (done["result"]["new"], done["result"]["rejected"]) == (1, 1)
    assert done["result"]["problems"] == [
        "line 3, column 'When': 'someday' is not a date: use 2025-03-31 or an ISO date and time"]


def test_bad_rows_fail_the_job_and_import_nothing(client: TestClient, runtime: Runtime,
                                                  auth: dict[str, str]) -> None:
    bad = b"text,source\nok,email\nbad,carrier-pigeon\n"
    done = _run(client, runtime, auth, _import(client, auth, bad, name="b.csv").json())
    assert done["status"] == "failed" and done["attempts"] == 1
    assert "b.csv: 1 invalid row(s), nothing imported: line 3, column 'source'" in \
        done["error"]
    assert client.get(f"{BASE}/evidence", headers=auth).json()["total"] == 0


def test_files_that_cannot_be_imported_are_4xx_with_the_reason(
        client: TestClient, runtime: Runtime, auth: dict[str, str]) -> None:
    cases = [
        (b"", {"name": "e.csv"}, 422, "e.csv is empty"),
        ("text\nCaf\xe9\n".encode("latin-1"), {"name": "l.csv"}, 422,
         "l.csv: line 2: not UTF-8 text"),
        (b"words\nhi\n", {"name": "w.csv"}, 422, "w.csv: no text column found"),
        (b'[{"text": "a"},\n{"text": }]', {"name": "m.json"}, 422,
         "m.json: line 2: malformed JSON"),
        (GOOD, {"preset": "jira"}, 422, "Unknown preset 'jira'"),
        (GOOD, {"map": "colour=Body"}, 422, "Unknown field 'colour'"),
        (GOOD, {"format": "xlsx"}, 422, None),
        (GOOD, {"name": "x" * 201}, 422, None),
    ]
    for body, params, status, message in cases:
        answer = _import(client, auth, body, **params)
        assert answer.status_code == status, (params, answer.text)
        if message:
            assert message in answer.json()["error"]["message"], answer.json()
    assert client.get(f"{BASE}/jobs", headers=auth).json()["total"] == 0
    assert _uploads(runtime) == []


def test_over_the_size_limit_is_413_before_anything_is_kept(
        client: TestClient, runtime: Runtime, auth: dict[str, str]) -> None:
    limit = runtime.settings.import_max_megabytes * 1024 * 1024
    declared = client.post(f"{BASE}/evidence/import", content=b"text\nx\n",
                           headers={**auth, "Content-Length": str(limit + 1)})
    assert declared.status_code == 413
    object.__setattr__(runtime.settings, "import_max_megabytes", 1)  # frozen settings

    def chunks() -> Any:  # no Content-Length: counted while it streams
        yield b"text\n"
        for _ in range(3):
            yield b"x" * 600_000 + b"\n"

    streamed = client.post(f"{BASE}/evidence/import", content=chunks(), headers=auth)
    assert streamed.status_code == 413
    assert "larger than the import limit of 1 MB" in streamed.json()["error"]["message"]
    assert _uploads(runtime) == []


def test_a_viewer_gets_403_even_for_an_empty_file(client: TestClient, runtime: Runtime,
                                                  owner: User, workspace: Workspace) -> None:
    with runtime.session() as session:
        viewer = accounts.create_user(session, "vera@example.com", "correct-horse-1")
    with runtime.scope(owner, "acme") as scope:
        accounts.add_member(scope, viewer.email, Role.viewer)
    auth = token_for(runtime, viewer)
    for body in (b"", GOOD):
        assert _import(client, auth, body).status_code == 403
    assert client.post(f"{BASE}/evidence/import", content=GOOD).status_code == 401
    assert _uploads(runtime) == []


def test_openapi_documents_the_import(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    post = spec["paths"]["/workspaces/{workspace}/evidence/import"]["post"]
    assert {"202", "403", "413", "422"} <= set(post["responses"])
    assert "application/octet-stream" in post["requestBody"]["content"]
    assert {p["name"] for p in post["parameters"]} >= {"name", "format", "preset", "map",
                                                      "skip_invalid"}
