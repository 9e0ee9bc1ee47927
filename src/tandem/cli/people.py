"""Naming a person on the command line: by id or by name, as people are listed."""

from __future__ import annotations

import typer

from tandem.cli import output
from tandem.cli.client import ApiClient


def person_id(api: ApiClient, workspace: str | None, name: str) -> int:
    """The id of the person named `name` (or whose id it is); a red line and exit 1 when
    there is none, pointing at `tandem person list`."""
    if name.isascii() and name.isdigit():
        return int(api.get_item("people", workspace, int(name))["id"])
    for person in api.list_items("people", workspace, q=name, limit=200).items:
        if name.lower() == str(person["name"]).lower():
            return int(person["id"])
    output.error_line(f"There is no person '{name}': `tandem person list`.")
    raise typer.Exit(1)
