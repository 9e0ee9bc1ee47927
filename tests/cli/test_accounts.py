"""Users, workspaces, members and API tokens from the command line (local database)."""

from __future__ import annotations

import json

from tandem.accounts import service as accounts

from .helpers import PASSWORD, Cli


def test_user_create_prompts_twice_and_can_make_the_first_workspace(cli: Cli) -> None:
    result = cli.ok("user", "create", "--email", "Ann@Example.com", "--name", "Ann",
                    "--workspace-name", "Acme Labs", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert "Created user ann@example.com" in result.stdout
    assert "Created workspace 'acme-labs' (Acme Labs)" in result.stdout
    assert PASSWORD not in result.output  # hidden input is never echoed
    runtime = cli.runtime()
    with runtime.session() as session:
        user = accounts.authenticate(session, "ann@example.com", PASSWORD)
        assert user.name == "Ann"
        assert [(w.slug, r.value) for w, r in accounts.workspaces_for(session, user)] == [
            ("acme-labs", "owner")]
    runtime.close()


def test_user_create_rejects_mismatched_passwords_and_writes_nothing(cli: Cli) -> None:
    result = cli("user", "create", "--email", "ann@example.com",
                 input=f"{PASSWORD}\nsomething-else\n")
    assert result.exit_code != 0
    assert "do not match" in result.output
    runtime = cli.runtime()
    with runtime.session() as session:
        assert accounts.user_count(session) == 0
    runtime.close()


def test_user_create_without_workspace_says_how_to_make_one(cli: Cli) -> None:
    result = cli.ok("user", "create", "--email", "ann@example.com", "--password-stdin",
                    input=f"{PASSWORD}\n")
    assert "tandem workspace create NAME --owner ann@example.com" in result.stdout


def test_user_create_short_password_is_one_line_error(cli: Cli) -> None:
    result = cli("user", "create", "--email", "ann@example.com", "--password-stdin",
                 input="short\n")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: Password must have at least 8 characters."


def test_duplicate_user_is_reported(acme: Cli) -> None:
    result = acme("user", "create", "--email", "owner@example.com", "--password-stdin",
                  input=f"{PASSWORD}\n")
    assert result.exit_code == 1
    assert "A user with email 'owner@example.com' already exists." in result.stderr


def test_workspace_create_and_list(acme: Cli) -> None:
    result = acme.ok("workspace", "create", "Beta Corp", "--owner", "owner@example.com")
    assert "Created workspace 'beta-corp' (Beta Corp)." in result.stdout
    acme.ok("workspace", "create", "Gamma", "--slug", "g3")
    listed = json.loads(acme.ok("workspace", "list", "--json").stdout)
    assert [(w["slug"], w["name"]) for w in listed] == [
        ("acme", "Acme"), ("beta-corp", "Beta Corp"), ("g3", "Gamma")]
    table = acme.ok("workspace", "list").stdout
    assert "beta-corp" in table and "Gamma" in table


def test_workspace_create_bad_slug_and_duplicate(acme: Cli) -> None:
    bad = acme("workspace", "create", "X", "--slug", "Not Valid")
    assert bad.exit_code == 1
    assert "is not a valid address (slug)" in bad.stderr
    dup = acme("workspace", "create", "Acme")
    assert dup.exit_code == 1
    assert "The address 'acme' is taken by another workspace." in dup.stderr


def test_workspace_selection_by_option_and_env(acme: Cli) -> None:
    acme.ok("workspace", "create", "Beta", "--owner", "owner@example.com")
    several = acme("evidence", "list")
    assert several.exit_code == 1
    assert several.stderr.strip() == (
        "Error: Several workspaces exist (acme, beta): name one with --workspace or "
        "TANDEM_WORKSPACE.")
    assert "Traceback" not in several.output
    acme.ok("--workspace", "beta", "evidence", "add", "Only in beta")
    acme.ok("evidence", "add", "Only in acme", "-w", "acme")
    beta = json.loads(acme.ok("-w", "beta", "evidence", "list", "--json").stdout)
    assert [e["text"] for e in beta["items"]] == ["Only in beta"]
    acme.extra_env["TANDEM_WORKSPACE"] = "acme"
    from_env = json.loads(acme.ok("evidence", "list", "--json").stdout)
    assert [e["text"] for e in from_env["items"]] == ["Only in acme"]
    # The command's own --workspace wins over the environment.
    chosen = json.loads(acme.ok("evidence", "list", "-w", "beta", "--json").stdout)
    assert chosen["total"] == 1 and chosen["items"][0]["text"] == "Only in beta"


def test_no_workspace_yet(cli: Cli) -> None:
    result = cli("evidence", "list")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: There is no workspace yet: create one first."


def test_members_and_add_member(acme: Cli) -> None:
    acme.ok("user", "create", "--email", "ed@example.com", "--name", "Ed", "--password-stdin",
            input=f"{PASSWORD}\n")
    result = acme.ok("workspace", "add-member", "ed@example.com", "--role", "viewer")
    assert "ed@example.com is now viewer" in result.stdout
    members = json.loads(acme.ok("workspace", "members", "--json").stdout)
    assert members == [
        {"email": "ed@example.com", "name": "Ed", "role": "viewer"},
        {"email": "owner@example.com", "name": "", "role": "owner"},
    ]
    unknown = acme("workspace", "add-member", "nobody@example.com")
    assert unknown.exit_code == 1
    assert "No user with email 'nobody@example.com': give a first password" in unknown.stderr
    bad_role = acme("workspace", "add-member", "ed@example.com", "--role", "boss")
    assert bad_role.exit_code == 1
    assert "role must be one of 'owner', 'editor' or 'viewer', not 'boss'" in bad_role.stderr


def test_add_member_creates_an_account_and_remove_member(acme: Cli) -> None:
    acme.ok("workspace", "add-member", "nia@example.com", "--create", "--name", "Nia",
            "--password-stdin", input="first-pass-1\n")
    roles = {m["email"]: m["role"]
             for m in json.loads(acme.ok("workspace", "members", "--json").stdout)}
    assert roles == {"nia@example.com": "editor", "owner@example.com": "owner"}
    token = acme.ok("token", "create", "--email", "nia@example.com").stdout.strip()
    assert token.startswith("tdm_")
    assert "was removed" in acme.ok("workspace", "remove-member", "nia@example.com").stdout
    last = acme("workspace", "remove-member", "owner@example.com")
    assert last.exit_code == 1 and "at least one owner" in last.stderr


def test_token_create_list_revoke(acme: Cli) -> None:
    made = acme.ok("token", "create", "--email", "owner@example.com", "--name", "laptop")
    plain = made.stdout.strip()
    assert plain.startswith("tdm_")
    assert "not shown again" in made.stderr
    runtime = acme.runtime()
    with runtime.session() as session:
        assert accounts.user_for_token(session, plain).email == "owner@example.com"
    listed = json.loads(acme.ok("token", "list", "--email", "owner@example.com",
                                "--json").stdout)
    assert [(t["name"], t["prefix"]) for t in listed] == [("laptop", plain[:10])]
    assert plain not in acme.ok("token", "list", "--email", "owner@example.com").stdout
    acme.ok("token", "revoke", str(listed[0]["id"]), "--email", "owner@example.com")
    assert json.loads(acme.ok("token", "list", "--email", "owner@example.com",
                              "--json").stdout) == []
    missing = acme("token", "revoke", str(listed[0]["id"]), "--email", "owner@example.com")
    assert missing.exit_code == 1
    assert f"No API token {listed[0]['id']}." in missing.stderr
    runtime.close()


def test_token_create_locally_needs_email(acme: Cli) -> None:
    result = acme("token", "create")
    assert result.exit_code == 1
    assert "--email" in result.stderr
