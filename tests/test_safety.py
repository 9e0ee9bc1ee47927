"""Which settings make `tandem serve` unsafe: the rules as a table."""

from __future__ import annotations

from pathlib import Path

import pytest

from tandem.safety import is_loopback, problems
from tandem.settings import Settings

GOOD_KEY = "k" * 32


def _settings(tmp_path: Path, key: str) -> Settings:
    return Settings(data_dir=tmp_path, database_url="sqlite:///x.db", secret_key=key)


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.1.2.3", True), ("::1", True), ("[::1]", True),
    ("localhost", True), ("LocalHost", True), ("::ffff:127.0.0.1", True),
    ("0.0.0.0", False), ("::", False), ("", False), ("192.168.1.10", False),
    ("10.0.0.1", False), ("tandem.example.com", False), ("128.0.0.1", False),
])
def test_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.mark.parametrize(("key", "host", "demo", "expected"), [
    (GOOD_KEY, "127.0.0.1", False, []),
    (GOOD_KEY, "0.0.0.0", False, []),
    (GOOD_KEY, "127.0.0.1", True, []),
    (GOOD_KEY, "localhost", True, []),
    (GOOD_KEY, "::1", True, []),
    (GOOD_KEY, "0.0.0.0", True, ["demo"]),
    (GOOD_KEY, "192.168.1.10", True, ["demo"]),
    ("change-me", "127.0.0.1", False, ["published"]),
    ("changeme", "127.0.0.1", False, ["published"]),
    ("secret", "127.0.0.1", False, ["published"]),
    ("tandem", "127.0.0.1", False, ["published"]),
    ("test-secret", "127.0.0.1", False, ["published"]),
    ("dev", "127.0.0.1", False, ["published"]),
    (" Change-Me ", "127.0.0.1", False, ["published"]),
    ("", "127.0.0.1", False, ["published"]),
    ("k" * 31, "127.0.0.1", False, ["short"]),
    ("short", "0.0.0.0", True, ["short", "demo"]),
])
def test_problems(tmp_path: Path, key: str, host: str, demo: bool,
                  expected: list[str]) -> None:
    settings = _settings(tmp_path, "placeholder").model_copy(update={"secret_key": key})
    found = problems(settings, host, demo)
    markers = {"published": "TANDEM_SECRET_KEY is a published example value",
               "short": "TANDEM_SECRET_KEY has ", "demo": "The demo account"}
    assert len(found) == len(expected), found
    for line, kind in zip(found, expected, strict=True):
        assert line.startswith(markers[kind]), line


def test_each_problem_says_how_to_fix_it(tmp_path: Path) -> None:
    key, demo = problems(_settings(tmp_path, "zqxj"), "0.0.0.0", True)
    assert "fewer than 32" in key and "set it to a long random value" in key
    assert "0.0.0.0" in demo and "serve on 127.0.0.1" in demo
    assert "zqxj" not in key  # the key itself is never printed
