"""`tandem --url --token`: the same commands against the real API app.

The API runs in-process: a FastAPI TestClient (an httpx.Client) is handed to the CLI, which
then speaks HTTP to it exactly as to a server, with the API mounted at /api/v1.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import Result

from tandem.accounts import service as accounts
from tandem.accounts.models import Role
from tandem.api.app import create_api
from tandem.cli.client import remote_client
from tandem.cli.state import State
from tandem.errors import Forbidden, NotFound, Unauthorized
from tandem.platform.jobs.worker import Background
from tandem.runtime import Runtime
from tests.inbound import make_samples
from tests.jobs.support import make_worker

from .helpers import PASSWORD, Cli
from .test_evidence import BAD_CSV, GOOD_CSV

SERVER = "http://tandem.test"


@dataclass
class Remote:
    cli: Cli
    client: TestClient
    token: str
    runtime: Runtime

    def __call__(self, *args: str, token: str | None = None, input: str | None = None
                 ) -> Result:
        chosen = self.token if token is None else token
        auth = ["--token", chosen] if chosen else []
        return self.cli("--url", SERVER, *auth, *args, input=input,
                        obj=State(http_client=self.client))

    def ok(self, *args: str, input: str | None = None) -> Result:
        result = self(*args, input=input)
        assert result.exit_code == 0, (result.output, result.exception)
        return result

    def token_for(self, email: str) -> str:
        with self.runtime.session() as session:
            user = accounts.get_user_by_email(session, email)
            return accounts.create_token(session, user, "test")[1]


@pytest.fixture
def remote(any_acme: Cli) -> Iterator[Remote]:
    runtime = any_acme.runtime()
    outer = FastAPI()
    outer.mount("/api/v1", create_api(runtime))
    client = TestClient(outer, base_url=SERVER)
    helper = Remote(any_acme, client, "", runtime)
    helper.token = helper.token_for("owner@example.com")
    yield helper
    client.close()
    runtime.close()


def test_evidence_add_list_import_export_remotely(remote: Remote, tmp_path: Path) -> None:
    # Nothing local is touched: point the local settings somewhere that must stay empty.
    remote.cli.extra_env["TANDEM_DATA_DIR"] = str(tmp_path / "never")
    remote.cli.extra_env["TANDEM_DATABASE_URL"] = "postgresql+psycopg://nobody@127.0.0.1:9/x"

    made = remote.ok("evidence", "add", "Exports are slow", "--source", "support",
                     "-t", "export")
    assert made.stdout.strip() == "Created evidence 1."
    listed = json.loads(remote.ok("evidence", "list", "--json", "--tag", "export").stdout)
    assert [e["text"] for e in listed["items"]] == ["Exports are slow"]
    assert "Exports are slow" in remote.ok("evidence", "list").stdout

    good = tmp_path / "good.csv"
    good.write_text(GOOD_CSV, encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD_CSV, encoding="utf-8")
    background = Background.start(make_worker(remote.runtime))  # the server's worker
    assert background is not None
    try:
        assert "Imported 3 new evidence from good.csv" in remote.ok(
            "evidence", "import", str(good)).stdout
        refused = remote("evidence", "import", str(bad))
        assert refused.exit_code == 1
        assert refused.stderr.startswith("Error: bad.csv: 2 invalid row(s), nothing "
                                         "imported: line 4, column 'source'")
        skipped = remote.ok("evidence", "import", str(bad), "--skip-invalid")
        assert "Imported 2 new evidence" in skipped.stdout and "line 5" in skipped.stderr
        canny = remote.ok("evidence", "import", str(make_samples.path("canny")),
                          "--preset", "canny")
        assert "Imported 4 new evidence from canny_posts.csv" in canny.stdout
    finally:
        background.stop()
    assert json.loads(remote.ok("evidence", "list", "--json").stdout)["total"] == 10

    remote.ok("opportunity", "add", "title=Fast exports")
    remote.ok("link", "evidence", "1", "opportunity", "1", "--importance", "2")
    export = tmp_path / "acme.json"
    remote.ok("export", "-o", str(export))
    background = Background.start(make_worker(remote.runtime))  # imports are a job
    try:
        imported = remote.ok("import", str(export), "--slug", "acme-remote")
    finally:
        if background is not None:
            background.stop()
    assert "Imported workspace 'acme-remote'" in imported.stdout
    copy = json.loads(remote.ok("-w", "acme-remote", "evidence", "list", "--linked", "yes",
                                "--json").stdout)
    assert [e["text"] for e in copy["items"]] == ["Exports are slow"]
    assert not (tmp_path / "never").exists()


def test_workspaces_and_selection_remotely(remote: Remote) -> None:
    assert "Created workspace 'beta'" in remote.ok("workspace", "create", "Beta").stdout
    slugs = [w["slug"] for w in json.loads(remote.ok("workspace", "list", "--json").stdout)]
    assert slugs == ["acme", "beta"]
    several = remote("evidence", "list")
    assert several.exit_code == 1
    assert "Several workspaces exist (acme, beta)" in several.stderr
    remote.ok("-w", "beta", "evidence", "add", "In beta")
    assert json.loads(remote.ok("evidence", "list", "-w", "beta", "--json").stdout)[
        "total"] == 1
    missing = remote("-w", "nope", "evidence", "list")
    assert missing.exit_code == 1
    assert missing.stderr == "Error: No workspace 'nope'.\n"
    owner = remote("workspace", "create", "Gamma", "--owner", "x@example.com")
    assert owner.exit_code == 1 and "Only the local administrator" in owner.stderr


def test_tokens_remotely(remote: Remote) -> None:
    made = remote.ok("token", "create", "--email", "owner@example.com", "--name", "ci",
                     "--password-stdin", input=f"{PASSWORD}\n")
    plain = made.stdout.strip()
    assert plain.startswith("tdm_")
    names = [t["name"] for t in json.loads(remote.ok("token", "list", "--json").stdout)]
    assert names == ["test", "ci"]
    other = remote("token", "list", "--email", "someone@example.com")
    assert other.exit_code == 1 and "You can only manage your own API tokens" in other.stderr
    wrong = remote("token", "create", "--email", "owner@example.com", "--password-stdin",
                   input="wrong-password\n")
    assert wrong.exit_code == 1
    assert wrong.stderr == "Error: Email or password is wrong.\n"
    token_id = json.loads(remote.ok("token", "list", "--json").stdout)[-1]["id"]
    remote.ok("token", "revoke", str(token_id))
    revoked = remote("workspace", "list", token=plain)
    assert revoked.exit_code == 1
    assert revoked.stderr == "Error: The API token is not valid.\n"


def test_auth_and_role_errors_remotely(remote: Remote) -> None:
    no_token = remote("workspace", "list", token="")
    assert no_token.exit_code == 1
    assert "needs an API token: pass --token or set TANDEM_TOKEN" in no_token.stderr
    bad = remote("workspace", "list", token="tdm_not-a-real-token")
    assert bad.exit_code == 1 and "The API token is not valid." in bad.stderr

    remote.cli.ok("user", "create", "--email", "viewer@example.com", "--password-stdin",
                  input=f"{PASSWORD}\n")
    link = remote.ok("workspace", "invite", "viewer@example.com", "--role", "viewer")
    with remote.runtime.session() as session:  # the viewer accepts with their password
        accounts.accept_invitation(session, link.stdout.strip().rsplit("/", 1)[1],
                                   accounts.get_user_by_email(session, "viewer@example.com"))
    viewer = remote.token_for("viewer@example.com")
    assert json.loads(remote("evidence", "list", "--json", token=viewer).stdout)["total"] == 0
    denied = remote("evidence", "add", "Not allowed", token=viewer)
    assert denied.exit_code == 1
    assert denied.stderr == "Error: This needs the editor role in workspace 'acme'.\n"


def test_account_password_remotely(remote: Remote) -> None:
    other = remote.token_for("owner@example.com")
    wrong = remote("account", "password", "--password-stdin", input="nope\nbrand-new-pass-9\n")
    assert wrong.exit_code == 1 and "The current password is wrong." in wrong.stderr
    done = remote.ok("account", "password", "--password-stdin",
                     input=f"{PASSWORD}\nbrand-new-pass-9\n")
    assert "Password changed." in done.stdout
    assert remote.ok("workspace", "list")  # the token used keeps working
    assert remote("workspace", "list", token=other).exit_code == 1  # others ended
    with remote.runtime.session() as session:
        assert accounts.authenticate(session, "owner@example.com", "brand-new-pass-9")


def test_local_only_commands_say_so(remote: Remote) -> None:
    result = remote("user", "create", "--email", "x@example.com", "--password-stdin",
                    input=f"{PASSWORD}\n")
    assert result.exit_code == 2
    assert "`tandem user create` works on the local database only" in result.stderr


def test_remote_client_directly(remote: Remote) -> None:
    """The client itself, on the bare API app (no /api/v1 prefix)."""
    bare = TestClient(create_api(remote.runtime))
    backend = remote_client("http://testserver", remote.token, http=bare, api_path="")
    assert [w.slug for w in backend.workspaces()] == ["acme"]
    item = backend.create_item("evidence", None, {"text": "Direct", "tags": "a, b"})
    assert item["tags"] == ["a", "b"]
    assert backend.get_item("evidence", "acme", item["id"])["text"] == "Direct"
    updated = backend.update_item("evidence", None, item["id"], {"source": "email"})
    assert updated["source"] == "email"
    with pytest.raises(NotFound, match="No evidence 999"):
        backend.get_item("evidence", None, 999)
    with pytest.raises(Unauthorized):
        remote_client("http://testserver", "tdm_bad", http=bare, api_path="").workspaces()
    with pytest.raises(Forbidden):
        backend.list_tokens("somebody@example.com")
    backend.delete_item("evidence", None, item["id"])
    assert backend.list_items("evidence", None).total == 0
    bare.close()


def test_unreachable_server_is_one_line(cli: Cli) -> None:
    result = cli("--url", "http://127.0.0.1:9", "--token", "t", "workspace", "list")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: Cannot reach http://127.0.0.1:9:")
    assert len(result.stderr.strip().splitlines()) == 1


def test_not_a_tandem_server(cli: Cli) -> None:
    stranger = TestClient(FastAPI(), base_url=SERVER)
    result = cli("--url", SERVER, "--token", "t", "workspace", "list",
                 obj=State(http_client=stranger))
    assert result.exit_code == 1
    assert "answered 404 Not Found; is it a Tandem server?" in result.stderr


def test_bad_url(cli: Cli) -> None:
    result = cli("--url", "tandem.example.com", "workspace", "list")
    assert result.exit_code == 1
    assert "must start with http:// or https://" in result.stderr


def test_url_may_name_the_api_root(remote: Remote) -> None:
    backend = remote_client(SERVER + "/api/v1/", remote.token, http=remote.client)
    assert backend.root == SERVER + "/api/v1"
    assert [w.slug for w in backend.workspaces()] == ["acme"]


def test_roadmap_remotely_matches_local(remote: Remote) -> None:
    remote.ok("release", "add", "name=Swap Center", "horizon=next")
    board = json.loads(remote.ok("roadmap", "--json").stdout)
    local = json.loads(remote.cli.ok("roadmap", "--json").stdout)
    assert board == local and board["next"][0]["needs_launch"] is True


def test_a_viewer_cannot_import_remotely(remote: Remote, tmp_path: Path) -> None:
    with remote.runtime.session() as session:
        owner = accounts.get_user_by_email(session, "owner@example.com")
        accounts.create_user(session, "vera@example.com", PASSWORD)
    with remote.runtime.scope(owner, "acme") as scope:
        accounts.add_member(scope, "vera@example.com", Role.viewer)
    path = tmp_path / "good.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    refused = remote("evidence", "import", str(path), token=remote.token_for("vera@example.com"))
    assert refused.exit_code == 1
    assert refused.stderr == "Error: This needs the editor role in workspace 'acme'.\n"
    assert json.loads(remote.ok("evidence", "list", "--json").stdout)["total"] == 0
