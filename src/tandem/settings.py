"""Every runtime setting in one object, read from TANDEM_* variables once and passed around.

docs/configuration.md is generated from this model (`python -m tandem.settings`), and a test
keeps it equal to the output, so the documentation cannot drift from the code.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from typing import Any, Literal, get_args

from annotated_types import Ge, Le
from pydantic import Field, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, SettingsConfigDict

from tandem.errors import TandemError
from tandem.safety import MIN_SECRET_LENGTH, PUBLISHED_SECRETS

ENV_PREFIX = "TANDEM_"
Environment = Literal["development", "production"]


class SettingsError(TandemError):
    """A TANDEM_* variable has a value Tandem cannot use; the message names the variable."""

    code = "settings"


class Settings(BaseSettings):
    """Where Tandem keeps its data, how it signs cookies and how its background jobs run.

    Keyword arguments win over the environment, which wins over the defaults.
    """

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_ignore_empty=True,
                                      frozen=True, extra="forbid")

    environment: Environment = Field(
        default="production",
        description="`production` makes `tandem serve` refuse to start with unsafe settings "
        "(see below); `development` only warns about them.")
    data_dir: Path = Field(
        default=Path("tandem-data"),
        description="Folder for the SQLite database and the generated secret key; made "
        "absolute and created when missing.")
    database_url: str = Field(
        default="", validate_default=True,
        description="SQLAlchemy URL of the database, such as "
        "`postgresql+psycopg://user:password@host:5432/tandem`. SQLite runs in WAL mode with "
        "foreign keys on.")
    secret_key: str = Field(
        default="", validate_default=True, repr=False,
        description="Secret that signs the cookies Tandem sets. When unset, a random key is "
        "generated once into `<data dir>/secret_key` (mode 0600) and reused after restarts. "
        "Set it to at least 32 random characters, the same on every server of one "
        "installation.")
    cookie_secure: bool = Field(
        default=False,
        description="Mark cookies `Secure` on every response, so browsers send them over "
        "HTTPS only. Without it they are marked `Secure` whenever the request came over "
        "HTTPS (behind a proxy that ends TLS, see `TANDEM_TRUSTED_PROXIES`).")
    trusted_proxies: str = Field(
        default="", max_length=2000,
        description="Comma-separated addresses of the reverse proxies in front of Tandem "
        "(such as `127.0.0.1`; `*` trusts any), whose `X-Forwarded-Proto` and "
        "`X-Forwarded-For` headers are believed. Empty: those headers are ignored, so a "
        "request counts as HTTPS only when it reached Tandem over TLS.")
    demo_beyond_loopback: bool = Field(
        default=False,
        description="Let the demo account sign in with its published password, and show "
        "that password on the sign-in page, even when the server listens on an address "
        "other than loopback or behind a proxy. Off: both only on `127.0.0.1`, `::1` or "
        "`localhost`. In production `tandem serve` still refuses to listen beyond loopback "
        "while the demo password works (see below), so this is for a development demo on a "
        "shared network.")
    session_days: int = Field(
        default=14, ge=1, le=365,
        description="Days a web sign-in lasts before the person has to sign in again.")
    vendor_dir: Path | None = Field(
        default=None,
        description="Folder holding the npm packages the pages use (htmx, swagger-ui-dist). "
        "When unset, the nearest `node_modules` above the installed package.")
    worker_in_process: bool = Field(
        default=True,
        description="`tandem serve` also runs a background-job worker in-process; turn off "
        "when workers run as separate processes.")
    job_nice: int = Field(
        default=10, ge=0, le=19,
        description="CPU priority of background jobs as a Unix nice value (0: the same as "
        "requests). On Linux the worker's threads, in `tandem worker` and in `tandem serve`, "
        "run this much nicer, so a long import leaves the CPU to pages and the API first.")
    job_poll_seconds: float = Field(
        default=1.0, ge=0.05, le=60,
        description="How often an idle worker looks for new background jobs.")
    job_heartbeat_seconds: float = Field(
        default=5.0, ge=0.1, le=300,
        description="How often a worker records that the job it runs is still alive.")
    job_stale_seconds: float = Field(
        default=30.0, ge=1, le=3600,
        description="A running job whose last heartbeat is older than this is taken to be "
        "abandoned and is retried; at least twice the heartbeat interval.")
    embedder: Literal["minilm", "hashing"] = Field(
        default="minilm",
        description="Model that turns text into vectors for semantic search, near-duplicates "
        "and themes. `minilm` is all-MiniLM-L6-v2 (int8 ONNX, offline, checked against its "
        "checksum at start); `hashing` is a word-hashing stand-in with no model file (fast, "
        "but blind to meaning; the test suite uses it). Changing it re-embeds the evidence "
        "in the background.")
    import_max_megabytes: int = Field(
        default=512, ge=1, le=102400,
        description="Largest file an evidence import accepts, in MB (1 MB = 1,048,576 bytes). "
        "Uploads are written to `<data dir>/imports` in chunks and refused with 413 past "
        "this size; the import then reads them row by row.")
    session_purge_minutes: int = Field(
        default=60, ge=1, le=10080,
        description="How often expired web sign-ins are deleted from the database.")
    max_body_bytes: int = Field(
        default=4 * 1024 * 1024, ge=1024, le=1024**3,
        description="Largest request body (bytes) any route accepts; a larger one is "
        "answered 413 before it is read, parsed or authenticated.")
    max_import_bytes: int = Field(
        default=64 * 1024 * 1024, ge=1024, le=16 * 1024**3,
        description="Largest request body (bytes) of the import routes (paths ending in "
        "`/import`), which stream their files.")
    signin_attempts_per_account: int = Field(
        default=10, ge=1, le=10000,
        description="Password attempts one email may have within the sign-in window (the "
        "right password clears its count) before sign-in (web and `POST /api/v1/tokens`) for "
        "that email is refused with 429 until the oldest attempt leaves the window. Unknown "
        "emails count the same way. Counted in the database, across every server process.")
    signin_attempts_per_address: int = Field(
        default=50, ge=1, le=100000,
        description="Password attempts (right or wrong, for any emails) one client address "
        "may make within the sign-in window before it is refused the same way. Counted in "
        "the database, across every server process.")
    signin_window_seconds: int = Field(
        default=900, ge=1, le=86400,
        description="The moving window, in seconds, over which attempts are counted; it is "
        "also the longest a lockout lasts after the last attempt.")
    password_hash_concurrency: int = Field(
        default=4, ge=1, le=256,
        description="Password hashes (argon2id, 64 MiB each) computed at once per process; "
        "further sign-ins wait their turn without holding a worker thread.")
    smtp_host: str = Field(
        default="",
        description="Mail server for password-reset and invitation links. When unset (or "
        "when `TANDEM_PUBLIC_URL` is unset) no mail is sent: owners hand the links over "
        "themselves.")
    smtp_port: int = Field(default=25, ge=1, le=65535,
                           description="Port of the mail server.")
    smtp_from: str = Field(
        default="tandem@localhost",
        description="Sender address of the mails Tandem sends.")
    smtp_starttls: bool = Field(
        default=False,
        description="Upgrade the connection to the mail server with STARTTLS.")
    smtp_username: str = Field(
        default="", description="User name for the mail server, if it needs one.")
    smtp_password: str = Field(
        default="", repr=False, description="Password for the mail server, if it needs one.")
    public_url: str = Field(
        default="",
        description="The address people use to reach this Tandem, such as "
        "`https://tandem.example.com`. Links in mails are built from it (never from the "
        "request's Host header), so mail is sent only when it is set.")
    link_hours: int = Field(
        default=24, ge=1, le=720,
        description="Hours a password-reset link stays valid; invitations last seven times "
        "as long.")

    @property
    def mail_enabled(self) -> bool:
        """Whether links go out by mail (a mail server and the public address are set)."""
        return bool(self.smtp_host and self.public_url)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @field_validator("environment", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("public_url")
    @classmethod
    def _public_url(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value

    @field_validator("data_dir")
    @classmethod
    def _make_data_dir(cls, value: Path) -> Path:
        """Created readable by its owner only: it holds the database and the secret key."""
        path = value.resolve()
        if not path.exists():
            path.mkdir(parents=True, mode=0o700)
        return path

    @field_validator("database_url")
    @classmethod
    def _default_database(cls, value: str, info: ValidationInfo) -> str:
        data_dir = info.data.get("data_dir")
        if value or data_dir is None:
            return value
        return f"sqlite:///{data_dir / 'tandem.db'}"

    @field_validator("secret_key")
    @classmethod
    def _default_secret(cls, value: str, info: ValidationInfo) -> str:
        data_dir = info.data.get("data_dir")
        if value or data_dir is None:
            return value
        return _secret_key_in(data_dir)

    @model_validator(mode="after")
    def _stale_after_heartbeats(self) -> Settings:
        if self.job_stale_seconds < 2 * self.job_heartbeat_seconds:
            raise ValueError(
                f"{env_name('job_stale_seconds')} ({self.job_stale_seconds:g}) must be at "
                f"least twice {env_name('job_heartbeat_seconds')} "
                f"({self.job_heartbeat_seconds:g}), or live jobs would be retried")
        return self


def _secret_key_in(data_dir: Path) -> str:
    """Keep one random key per data folder so signed cookies survive restarts."""
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(48)
    try:  # created private, never readable by others even for a moment
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use theirs
        return path.read_text().strip()
    with os.fdopen(handle, "w") as stream:
        stream.write(key)
    return key


def env_name(field: str) -> str:
    return f"{ENV_PREFIX}{field.upper()}"


def load_settings() -> Settings:
    """Settings from TANDEM_* variables; a bad value raises SettingsError naming the variable."""
    try:
        return Settings()
    except ValidationError as exc:
        raise SettingsError(describe_errors(exc)) from None


def describe_errors(exc: ValidationError) -> str:
    """One line for people: each bad variable, the value given (never the secret) and why."""
    parts = []
    for error in exc.errors():
        message = str(error["msg"]).removeprefix("Value error, ")
        if not error["loc"]:
            parts.append(message)
            continue
        field = str(error["loc"][0])
        given = "" if field in ("secret_key", "smtp_password") else f"={error['input']!r}"
        parts.append(f"{env_name(field)}{given}: {message}")
    return "Invalid setting: " + "; ".join(parts) + "."


# --- docs/configuration.md ------------------------------------------------------------------

_SHOWN_DEFAULTS = {
    "data_dir": "`./tandem-data`",
    "database_url": "`sqlite:///<data dir>/tandem.db`",
    "secret_key": "generated into the data folder",
    "vendor_dir": "nearest `node_modules`",
}

_INTRO = """\
# Configuration

<!-- Generated from src/tandem/settings.py by `python -m tandem.settings`: edit the model,
     then run `python -m tandem.settings > docs/configuration.md`. -->

Tandem reads its settings from environment variables when a command or the server starts.
An empty variable counts as unset. Booleans accept `true`/`false`, `1`/`0`, `yes`/`no` and
`on`/`off`. A value Tandem cannot use stops it with one line naming the variable.
"""

def _outro() -> str:
    published = ", ".join(f"`{v}`" for v in PUBLISHED_SECRETS if v)
    return f"""\
## Unsafe settings

`tandem serve` checks two things before it starts:

- `TANDEM_SECRET_KEY` is shorter than {MIN_SECRET_LENGTH} characters or is a published
  example value ({published}). Fix: unset it to have a random key generated in the data
  folder, or set it to a long random value, such as the output of
  `python -c "import secrets; print(secrets.token_urlsafe(48))"`.
- The demo account (`tandem demo`) still signs in with its published password while the
  server listens on an address other than loopback (`127.0.0.1`, `::1`, `localhost`), so
  anyone who reaches the server can sign in. Fix: serve on `127.0.0.1`, or use a database
  without the demo account.

With `TANDEM_ENVIRONMENT=production` (the default) `tandem serve` prints one error line per
problem and exits with code 1; with `TANDEM_ENVIRONMENT=development` it prints them as
warnings and starts. `make run` serves the demo on `127.0.0.1` with a generated key, which
passes both checks.

## CLI variables

`TANDEM_URL`, `TANDEM_TOKEN` and `TANDEM_WORKSPACE` are options of the `tandem` command, not
server settings: see [cli.md](cli.md).
"""


def _shown_default(name: str, field: FieldInfo) -> str:
    if name in _SHOWN_DEFAULTS:
        return _SHOWN_DEFAULTS[name]
    value = field.default
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    return f"`{value:g}`" if isinstance(value, float) else f"`{value}`"


def _allowed(field: FieldInfo) -> str:
    choices = get_args(field.annotation)
    if choices and all(isinstance(c, str) for c in choices):
        return ", ".join(f"`{c}`" for c in choices)
    if field.annotation is bool:
        return "boolean"
    low = next((f"{m.ge:g}" for m in field.metadata if isinstance(m, Ge)), None)
    high = next((f"{m.le:g}" for m in field.metadata if isinstance(m, Le)), None)
    if low is not None and high is not None:
        return f"{low} to {high}"
    return "path" if Path in (field.annotation, *choices) else "text"


def configuration_markdown() -> str:
    """docs/configuration.md: every setting with its variable, default, range and meaning."""
    rows = ["| variable | default | allowed | meaning |", "|---|---|---|---|"]
    for name, field in Settings.model_fields.items():
        meaning = " ".join((field.description or "").split())
        rows.append(f"| `{env_name(name)}` | {_shown_default(name, field)} | "
                    f"{_allowed(field)} | {meaning} |")
    return f"{_INTRO}\n## Settings\n\n" + "\n".join(rows) + "\n\n" + _outro()


if __name__ == "__main__":
    sys.stdout.write(configuration_markdown())
