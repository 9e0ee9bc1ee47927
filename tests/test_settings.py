"""Settings: TANDEM_* parsing, init arguments over the environment, and the generated docs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tandem.accounts.service import SESSION_DAYS
from tandem.server import find_vendor_dir
from tandem.settings import Settings, SettingsError, configuration_markdown, load_settings

DOCS = Path(__file__).resolve().parents[1] / "docs" / "configuration.md"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """A clean TANDEM_* environment with the data folder in tmp_path."""
    for name in Settings.model_fields:
        monkeypatch.delenv(f"TANDEM_{name.upper()}", raising=False)
    monkeypatch.setenv("TANDEM_DATA_DIR", str(tmp_path / "data"))
    return monkeypatch


def test_defaults(env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    settings = load_settings()
    assert settings.environment == "production"
    assert settings.data_dir == (tmp_path / "data").resolve()
    assert settings.is_sqlite and not settings.cookie_secure
    assert settings.session_days == SESSION_DAYS
    assert settings.vendor_dir is None and settings.worker_in_process
    assert (settings.job_poll_seconds, settings.job_heartbeat_seconds,
            settings.job_stale_seconds) == (1.0, 5.0, 30.0)
    assert settings.session_purge_minutes == 60
    key_file = settings.data_dir / "secret_key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert len(settings.secret_key) >= 32
    assert settings.secret_key not in repr(settings)


def test_relative_data_dir_is_resolved_and_created(env: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    env.chdir(tmp_path)
    env.setenv("TANDEM_DATA_DIR", "nested/data")
    settings = load_settings()
    assert settings.data_dir == tmp_path.resolve() / "nested" / "data"
    assert settings.data_dir.is_dir()


def test_environment_variables_are_read(env: pytest.MonkeyPatch) -> None:
    env.setenv("TANDEM_ENVIRONMENT", "development")
    env.setenv("TANDEM_SECRET_KEY", "from-the-environment")
    env.setenv("TANDEM_COOKIE_SECURE", "1")
    env.setenv("TANDEM_SESSION_DAYS", "2")
    env.setenv("TANDEM_WORKER_IN_PROCESS", "false")
    env.setenv("TANDEM_JOB_POLL_SECONDS", "0.25")
    env.setenv("TANDEM_JOB_STALE_SECONDS", "45")
    settings = load_settings()
    assert settings.environment == "development"
    assert settings.secret_key == "from-the-environment"
    assert settings.cookie_secure and not settings.worker_in_process
    assert (settings.session_days, settings.job_poll_seconds, settings.job_stale_seconds) == (
        2, 0.25, 45)
    assert not (settings.data_dir / "secret_key").exists()


def test_empty_variables_count_as_unset(env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("DATABASE_URL", "SECRET_KEY", "COOKIE_SECURE", "VENDOR_DIR", "ENVIRONMENT"):
        env.setenv(f"TANDEM_{name}", "")
    settings = load_settings()
    assert settings.database_url == f"sqlite:///{(tmp_path / 'data').resolve() / 'tandem.db'}"
    assert settings.secret_key == (tmp_path / "data" / "secret_key").read_text()
    assert settings.environment == "production" and settings.vendor_dir is None


def test_keyword_arguments_win_over_the_environment(env: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    env.setenv("TANDEM_DATABASE_URL", "postgresql+psycopg://x@localhost/y")
    env.setenv("TANDEM_SECRET_KEY", "from-the-environment")
    env.setenv("TANDEM_SESSION_DAYS", "3")
    settings = Settings(data_dir=tmp_path / "mine", database_url="sqlite:///mine.db",
                        secret_key="mine", session_days=9)
    assert settings.data_dir == (tmp_path / "mine").resolve()
    assert (settings.database_url, settings.secret_key, settings.session_days) == (
        "sqlite:///mine.db", "mine", 9)


@pytest.mark.parametrize(("name", "value", "expected"), [
    ("TANDEM_ENVIRONMENT", "staging",
     "TANDEM_ENVIRONMENT='staging': Input should be 'development' or 'production'"),
    ("TANDEM_COOKIE_SECURE", "maybe", "TANDEM_COOKIE_SECURE='maybe': Input should be a valid "
     "boolean"),
    ("TANDEM_SESSION_DAYS", "0", "TANDEM_SESSION_DAYS='0': Input should be greater than or "
     "equal to 1"),
    ("TANDEM_SESSION_DAYS", "two", "TANDEM_SESSION_DAYS='two': Input should be a valid integer"),
    ("TANDEM_JOB_POLL_SECONDS", "0", "TANDEM_JOB_POLL_SECONDS='0': Input should be greater"),
    ("TANDEM_SESSION_PURGE_MINUTES", "99999",
     "TANDEM_SESSION_PURGE_MINUTES='99999': Input should be less"),
    ("TANDEM_JOB_STALE_SECONDS", "6", "TANDEM_JOB_STALE_SECONDS (6) must be at least twice "
     "TANDEM_JOB_HEARTBEAT_SECONDS (5)"),
])
def test_bad_values_name_the_variable(env: pytest.MonkeyPatch, name: str, value: str,
                                      expected: str) -> None:
    env.setenv(name, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert caught.value.message.startswith("Invalid setting: ")
    assert expected in caught.value.message
    assert "\n" not in caught.value.message


def test_environment_names_are_not_case_sensitive(env: pytest.MonkeyPatch) -> None:
    env.setenv("TANDEM_ENVIRONMENT", " Development ")
    assert load_settings().environment == "development"


def test_unknown_keyword_arguments_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="secret"):
        Settings(data_dir=tmp_path, secret="typo")


def test_the_vendor_dir_setting_replaces_the_search(tmp_path: Path) -> None:
    assert find_vendor_dir(tmp_path) == tmp_path
    assert find_vendor_dir(tmp_path / "missing") is None


def test_bad_settings_stop_the_cli_with_one_line(env: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from tandem.cli.main import app

    env.setenv("TANDEM_SESSION_DAYS", "-1")
    result = CliRunner().invoke(app, ["db", "current"], env={"TANDEM_URL": None})
    assert result.exit_code == 1
    assert result.stderr == ("Error: Invalid setting: TANDEM_SESSION_DAYS='-1': Input should be "
                             "greater than or equal to 1.\n")


# --- docs/configuration.md --------------------------------------------------------------------


def test_docs_match_the_settings() -> None:
    assert DOCS.read_text(encoding="utf-8") == configuration_markdown(), (
        "docs/configuration.md is stale: run `python -m tandem.settings > "
        "docs/configuration.md`")


def test_every_setting_is_documented_with_its_meaning() -> None:
    text = configuration_markdown()
    for name, field in Settings.model_fields.items():
        assert field.description and len(field.description) > 20, name
        assert f"| `TANDEM_{name.upper()}` |" in text


def test_python_m_prints_the_docs() -> None:
    done = subprocess.run([sys.executable, "-m", "tandem.settings"], capture_output=True,
                          text=True, check=True, timeout=60)
    assert done.stdout == configuration_markdown()


def test_public_url_must_be_an_http_address(tmp_path: Path) -> None:
    assert Settings(data_dir=tmp_path, public_url="https://t.example/").public_url == \
        "https://t.example"
    with pytest.raises(ValueError, match="http:// or https://"):
        Settings(data_dir=tmp_path, public_url="t.example")
    assert not Settings(data_dir=tmp_path, smtp_host="mail").mail_enabled
    assert Settings(data_dir=tmp_path, smtp_host="mail", public_url="https://t").mail_enabled
