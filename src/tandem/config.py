"""Runtime settings, read from the environment once and passed around explicitly."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    """Where Tandem keeps its data and how it signs cookies."""

    data_dir: Path
    database_url: str
    secret_key: str
    cookie_secure: bool = False

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def _secret_key(data_dir: Path) -> str:
    """Keep one random key per data folder so sessions survive restarts."""
    explicit = os.environ.get("TANDEM_SECRET_KEY")
    if explicit:
        return explicit
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key


def load_settings() -> Settings:
    """Build settings from TANDEM_* variables; creates the data folder when missing."""
    data_dir = Path(os.environ.get("TANDEM_DATA_DIR", "./tandem-data")).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    url = os.environ.get("TANDEM_DATABASE_URL") or f"sqlite:///{data_dir / 'tandem.db'}"
    return Settings(
        data_dir=data_dir,
        database_url=url,
        secret_key=_secret_key(data_dir),
        cookie_secure=os.environ.get("TANDEM_COOKIE_SECURE", "") in {"1", "true", "yes"},
    )
