"""The in-process `tandem` runner the CLI tests share."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from tandem.cli.main import app
from tandem.runtime import Runtime
from tandem.settings import Settings

PASSWORD = "correct-horse-1"


@dataclass
class Cli:
    """`cli("evidence", "list")` runs `tandem evidence list` with this database."""

    url: str
    data_dir: Path
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def env(self) -> dict[str, str | None]:
        return {"TANDEM_DATABASE_URL": self.url, "TANDEM_DATA_DIR": str(self.data_dir),
                "TANDEM_URL": None, "TANDEM_TOKEN": None, "TANDEM_WORKSPACE": None,
                **self.extra_env}

    def __call__(self, *args: str, input: str | None = None, obj: Any = None) -> Result:
        return CliRunner().invoke(app, list(args), input=input, env=self.env, obj=obj)

    def ok(self, *args: str, input: str | None = None) -> Result:
        """Run and insist on success, showing the output when it fails."""
        result = self(*args, input=input)
        assert result.exit_code == 0, (result.output, result.exception)
        return result

    def runtime(self) -> Runtime:
        """A runtime on the same database, for checking what the CLI wrote."""
        settings = Settings(data_dir=self.data_dir, database_url=self.url, secret_key="test")
        return Runtime(settings, migrate=False)
