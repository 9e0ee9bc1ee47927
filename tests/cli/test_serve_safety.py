"""`tandem serve` refuses unsafe settings in production and only warns in development."""

from __future__ import annotations

from typing import Any

import pytest
import uvicorn
from argon2 import PasswordHasher

from tandem.accounts import service as accounts
from tandem.demo.loader import DEMO_EMAIL, DEMO_PASSWORD

from .helpers import Cli

UNSAFE = ["serve", "--host", "0.0.0.0", "--port", "8123"]


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Calls to uvicorn.run, which records its arguments instead of serving."""
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    return calls


@pytest.fixture
def with_demo_user(cli: Cli) -> Cli:
    """The demo account with its published password (the workspace is not needed)."""
    runtime = cli.runtime()
    with runtime.session() as session:
        accounts.create_user(session, DEMO_EMAIL, DEMO_PASSWORD, "Demo Founder")
    runtime.close()
    return cli


def test_production_refuses_and_says_why(with_demo_user: Cli,
                                         started: list[dict[str, Any]]) -> None:
    with_demo_user.extra_env.update(TANDEM_ENVIRONMENT="production",
                                    TANDEM_SECRET_KEY="change-me")
    result = with_demo_user(*UNSAFE)
    assert result.exit_code == 1
    assert started == []
    lines = result.stderr.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith("Error: TANDEM_SECRET_KEY is a published example value")
    assert "set it to a long random value" in lines[0]
    assert lines[1].startswith("Error: The demo account still signs in with its published "
                               "password and the server would listen on 0.0.0.0")
    assert "serve on 127.0.0.1" in lines[1]
    assert "change-me" not in result.stderr


def test_development_warns_and_starts(with_demo_user: Cli,
                                      started: list[dict[str, Any]]) -> None:
    with_demo_user.extra_env.update(TANDEM_ENVIRONMENT="development",
                                    TANDEM_SECRET_KEY="short")
    result = with_demo_user(*UNSAFE)
    assert result.exit_code == 0, result.output
    assert [call["host"] for call in started] == ["0.0.0.0"]
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning: ")]
    assert len(warnings) == 2, result.stderr
    assert "TANDEM_SECRET_KEY has 5 characters" in warnings[0]
    assert "The demo account" in warnings[1]


def test_safe_settings_start_without_warnings(with_demo_user: Cli,
                                              started: list[dict[str, Any]]) -> None:
    """The generated key and the demo account on loopback: what `make run` does."""
    with_demo_user.extra_env.update(TANDEM_ENVIRONMENT="production", TANDEM_SECRET_KEY="")
    result = with_demo_user("serve", "--port", "8123")
    assert result.exit_code == 0, result.output
    assert [(call["host"], call["port"]) for call in started] == [("127.0.0.1", 8123)]
    assert "Error" not in result.stderr and "Warning" not in result.stderr


def test_a_changed_demo_password_may_serve_everywhere(
        with_demo_user: Cli, started: list[dict[str, Any]]) -> None:
    runtime = with_demo_user.runtime()
    with runtime.session() as session:
        user = accounts.get_user_by_email(session, DEMO_EMAIL)
        user.password_hash = PasswordHasher().hash("a-private-password")
    runtime.close()
    with_demo_user.extra_env.update(TANDEM_ENVIRONMENT="production", TANDEM_SECRET_KEY="")
    result = with_demo_user(*UNSAFE)
    assert result.exit_code == 0, result.output
    assert len(started) == 1
