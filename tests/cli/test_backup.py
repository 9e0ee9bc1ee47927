"""`tandem backup FILE` and `tandem restore FILE [--force]` as a person runs them."""

from __future__ import annotations

import json
from pathlib import Path

from .helpers import Cli


def _total(cli: Cli) -> int:
    return int(json.loads(cli.ok("-w", "acme", "evidence", "list", "--json").stdout)["total"])


def test_backup_and_restore_from_the_command_line(acme: Cli, tmp_path: Path) -> None:
    acme.ok("-w", "acme", "evidence", "add", "Needs SSO")
    file = tmp_path / "backups" / "monday.db"
    made = acme.ok("backup", str(file))
    assert "SQLite database file" in made.stdout and file.is_file()
    acme.ok("-w", "acme", "evidence", "add", "Written later")
    assert _total(acme) == 2

    refused = acme("restore", str(file))
    assert refused.exit_code != 0 and "--force" in refused.output
    assert _total(acme) == 2
    restored = acme.ok("restore", str(file), "--force")
    assert "Restored" in restored.stdout
    assert _total(acme) == 1

    logical = tmp_path / "monday.jsonl.gz"
    assert "logical" in acme.ok("backup", str(logical), "--logical").stdout
    fresh = Cli(f"sqlite:///{tmp_path / 'fresh' / 'tandem.db'}", tmp_path / "fresh")
    (tmp_path / "fresh").mkdir()
    assert "rows" in fresh.ok("restore", str(logical)).stdout
    assert _total(fresh) == 1


def test_backup_is_local_only(acme: Cli, tmp_path: Path) -> None:
    remote = acme("--url", "http://127.0.0.1:9", "backup", str(tmp_path / "x.db"))
    assert remote.exit_code == 2 and "local database only" in remote.output
