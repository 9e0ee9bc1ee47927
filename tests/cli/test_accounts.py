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
    assert result.stderr.strip() == "Error: The password needs at least 10 characters."


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
    dup = acme("workspace", "create", "Other", "--slug", "acme")
    assert dup.exit_code == 1
    assert "The address 'acme' is not available: choose another." in dup.stderr
    assert "'acme-2'" in acme.ok("workspace", "create", "Acme").stdout  # a free one is made


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


def test_invite_set_role_and_remove_member(acme: Cli) -> None:
    acme.ok("user", "create", "--email", "ed@example.com", "--name", "Ed", "--password-stdin",
            input=f"{PASSWORD}\n")
    not_yet = acme("workspace", "set-role", "ed@example.com", "--role", "viewer")
    assert not_yet.exit_code == 1
    assert "'ed@example.com' is not a member of this workspace: invite them." in not_yet.stderr
    unknown = acme("workspace", "set-role", "nobody@example.com")
    assert unknown.stderr.replace("nobody", "ed") == not_yet.stderr.replace("viewer", "editor")
    invited = acme.ok("workspace", "invite", "ed@example.com", "--role", "viewer")
    link = invited.stdout.strip()
    assert "/invite/" in link and "not shown again" in invited.stderr
    waiting = json.loads(acme.ok("workspace", "invitations", "--json").stdout)
    assert [(i["email"], i["role"]) for i in waiting] == [("ed@example.com", "viewer")]
    with acme.runtime().session() as session:  # Ed accepts with his own password
        ed = accounts.authenticate(session, "ed@example.com", PASSWORD)
        accounts.accept_invitation(session, link.rsplit("/", 1)[1], ed)
    members = json.loads(acme.ok("workspace", "members", "--json").stdout)
    assert members == [
        {"email": "ed@example.com", "name": "Ed", "role": "viewer"},
        {"email": "owner@example.com", "name": "", "role": "owner"},
    ]
    assert "ed@example.com is now editor" in acme.ok(
        "workspace", "set-role", "ed@example.com", "--role", "editor").stdout
    bad_role = acme("workspace", "set-role", "ed@example.com", "--role", "boss")
    assert bad_role.exit_code == 1
    assert "role must be one of 'owner', 'editor' or 'viewer', not 'boss'" in bad_role.stderr
    assert "was removed" in acme.ok("workspace", "remove-member", "ed@example.com").stdout
    last = acme("workspace", "remove-member", "owner@example.com")
    assert last.exit_code == 1 and "at least one owner" in last.stderr


def test_invitation_cancel_and_reset_links(acme: Cli) -> None:
    acme.ok("workspace", "invite", "nia@example.com")
    [waiting] = json.loads(acme.ok("workspace", "invitations", "--json").stdout)
    assert "Cancelled invitation" in acme.ok("workspace", "cancel-invitation",
                                             str(waiting["id"])).stdout
    assert "No invitations waiting." in acme.ok("workspace", "invitations").stdout
    link = acme.ok("user", "reset-link", "owner@example.com").stdout.strip()
    assert "/reset/" in link
    owner_link = acme.ok("workspace", "reset-link", "owner@example.com").stdout.strip()
    assert "/reset/" in owner_link and owner_link != link
    with acme.runtime().session() as session:
        accounts.finish_reset(session, owner_link.rsplit("/", 1)[1], "a-brand-new-secret")
        assert accounts.authenticate(session, "owner@example.com", "a-brand-new-secret")
    local = acme("account", "password")
    assert local.exit_code == 1 and "tandem user reset-link" in local.stderr


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
