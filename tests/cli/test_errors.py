"""How `tandem` fails: one red line and exit 1, a traceback only with --debug."""

from __future__ import annotations

from pathlib import Path

import pytest

from tandem import __version__
from tandem.cli.main import describe
from tandem.errors import Conflict

from .helpers import Cli


def test_unknown_workspace_is_one_line_without_traceback(acme: Cli) -> None:
    result = acme("--workspace", "nope", "evidence", "list")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "Error: No workspace 'nope'.\n"
    assert "Traceback" not in result.output


def test_debug_shows_the_traceback(acme: Cli) -> None:
    result = acme("--debug", "--workspace", "nope", "evidence", "list")
    assert result.exit_code == 1
    assert "Traceback (most recent call last)" in result.stderr
    assert "NotFound: No workspace" in result.stderr
    assert result.stderr.rstrip().endswith("Error: No workspace 'nope'.")


def test_long_messages_stay_on_one_line(acme: Cli) -> None:
    words = " ".join(["word"] * 60)
    result = acme("workspace", "create", "X", "--slug", f"bad slug {words}")
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("command", [
    ["serve"], ["demo"], ["db", "upgrade"], ["db", "current"],
    ["user", "create", "--email", "a@b.co", "--password-stdin"],
])
def test_local_only_commands_refuse_url(cli: Cli, command: list[str]) -> None:
    result = cli("--url", "http://127.0.0.1:9", "--token", "t", *command, input="x\n")
    assert result.exit_code == 2
    assert "works on the local database only" in result.stderr
    assert result.stderr.count("\n") == 1


def test_unreachable_database(tmp_path: Path) -> None:
    cli = Cli("postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=2", tmp_path)
    result = cli("evidence", "list")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: Database error:")
    assert len(result.stderr.strip().splitlines()) == 1


def test_db_upgrade_and_current(tmp_path: Path) -> None:
    cli = Cli(f"sqlite:///{tmp_path / 'fresh.db'}", tmp_path)
    before = cli.ok("db", "current")
    assert "Revision none" in before.stderr and "tandem db upgrade" in before.stderr
    upgraded = cli.ok("db", "upgrade")
    assert "Database is at revision" in upgraded.stdout
    assert "(newest)" in cli.ok("db", "current").stdout
    cli.ok("db", "upgrade")  # safe to run again


def test_version_and_help(cli: Cli) -> None:
    assert cli.ok("--version").stdout.strip() == f"tandem {__version__}"
    assert "evidence" in cli.ok("--help").stdout
    assert cli("evidence").exit_code == 2  # a group without a command shows its help


def test_unknown_command_is_a_usage_error(cli: Cli) -> None:
    result = cli("evidense", "list")
    assert result.exit_code == 2


def test_describe_turns_failures_into_sentences() -> None:
    assert describe(Conflict("Taken.")) == "Taken."
    assert describe(FileNotFoundError(2, "No such file or directory", "x.csv")) == (
        "No such file or directory: x.csv")
    assert describe(RuntimeError("boom")).startswith("Unexpected RuntimeError: boom")


def test_commands_work_while_this_thread_runs_an_event_loop(acme: Cli) -> None:
    """In-process calls must not depend on there being no loop (Playwright's sync API and
    async hosts keep one running in the calling thread)."""
    import asyncio
    import threading

    async def inside() -> int:
        return acme("workspace", "list").exit_code

    # On a thread of its own: this worker's main thread may already run Playwright's loop
    # (the browser suite's session fixture), where asyncio.run() is refused.
    codes: list[int] = []
    thread = threading.Thread(target=lambda: codes.append(asyncio.run(inside())))
    thread.start()
    thread.join(timeout=120)
    assert codes == [0]
