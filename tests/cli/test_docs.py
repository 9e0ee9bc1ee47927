"""docs/cli.md stays honest: every command and every option of the app is described there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer.main

from tandem.cli.main import app

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def _commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    subcommands = getattr(command, "commands", None)
    if subcommands:
        for name, sub in subcommands.items():
            yield from _commands(sub, (*path, name))
    else:
        yield " ".join(path), command


def _all() -> list[tuple[str, Any]]:
    return list(_commands(typer.main.get_command(app)))


def test_every_command_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    found = _all()
    assert len(found) > 20
    missing = [path for path, _ in found if f"tandem {path}`" not in text]
    assert not missing, f"not in docs/cli.md: {missing}"


def test_every_option_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    root = typer.main.get_command(app)
    params = [p for _, command in _all() for p in command.params] + list(root.params)
    options = {opt for p in params for opt in getattr(p, "opts", ())
               if opt.startswith("--") and opt != "--help"}
    missing = sorted(o for o in options if f"`{o}" not in text)
    assert not missing, f"options not in docs/cli.md: {missing}"
