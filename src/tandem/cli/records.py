"""list / show / add / update / delete for every record kind, as its declared routes allow.

The commands are made from each resource's schemas, so a new kind of object gets its CLI
for free. Values are given as FIELD=VALUE and checked by the same schemas as the API.
"""

import json
import types
from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any, Union, get_args, get_origin

import typer

from tandem.cli import output
from tandem.cli.client import Item
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of
from tandem.crud import Resource
from tandem.errors import Invalid
from tandem.paging import DEFAULT_LIMIT, MAX_LIMIT
from tandem.platform.feature import Routes
from tandem.registry import with_routes

IdArg = Annotated[int, typer.Argument(metavar="ID", help="The object's id.")]
IfVersionOpt = Annotated[int | None, typer.Option(
    "--if-version", min=1, metavar="N",
    help="Only if it is still at version N (its row_version, shown by show --json); "
    "refused if someone has changed it since.")]
PairsArg = Annotated[list[str], typer.Argument(metavar="FIELD=VALUE...",
                                               help="Fields to set, e.g. title='Faster export'.")]
QOpt = Annotated[str | None, typer.Option("--q", "-q", help="Text search.")]
LimitOpt = Annotated[int, typer.Option(min=1, max=MAX_LIMIT, help="At most this many.")]
OffsetOpt = Annotated[int, typer.Option(min=0, help="Skip this many (for the next page).")]
MAX_COLUMNS = 5


def cli_name(res: Resource[Any]) -> str:
    """The command group for a kind: its singular label, e.g. `opportunity`."""
    return res.label.lower().replace(" ", "-")


def _choices(annotation: Any) -> list[str]:
    """Allowed values when a field is an Enum (or an optional one)."""
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [str(m.value) for m in annotation]
    if get_origin(annotation) in (Union, types.UnionType):
        for arg in get_args(annotation):
            found = _choices(arg)
            if found:
                return found
    return []


def fields_help(res: Resource[Any]) -> str:
    parts = []
    for name, info in res.create_schema.model_fields.items():
        note = " (required)" if info.is_required() else ""
        choices = _choices(info.annotation)
        parts.append(f"{name}{note}" + (f" ({'|'.join(choices)})" if choices else ""))
    return "Fields: " + ", ".join(parts) + "."


def parse_pairs(res: Resource[Any], pairs: list[str]) -> Item:
    """FIELD=VALUE words as a dict; an empty VALUE clears an optional field.

    List fields (such as tags) take comma-separated values: `tags=a, b`, or a JSON list
    when the items have commas or fields of their own: `jobs='[{"want": "..."}]'`.
    """
    known = res.create_schema.model_fields
    data: Item = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise Invalid(f"'{pair}' is not FIELD=VALUE.", key or None)
        info = known.get(key)
        if info is None:
            raise Invalid(f"Unknown field '{key}' for {res.plural.lower()} "
                          f"(known: {', '.join(known)}).", key)
        if get_origin(info.annotation) is list and value.lstrip().startswith("["):
            try:
                data[key] = json.loads(value)
            except ValueError as exc:
                raise Invalid(f"{key}: not a JSON list ({exc}).", key) from None
        elif get_origin(info.annotation) is list:
            data[key] = [part.strip() for part in value.split(",") if part.strip()]
        else:
            data[key] = None if value == "" and info.default is None else value
    return data


def _columns(res: Resource[Any]) -> list[str]:
    """id, the title, then short one-line fields (no long text, no lists)."""
    chosen = ["id", res.title_field]
    for name, info in res.create_schema.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        if name in chosen or extra.get("widget") == "textarea":
            continue
        if get_origin(info.annotation) is list:
            continue
        chosen.append(name)
        if len(chosen) >= MAX_COLUMNS:
            break
    return chosen


def _filters(res: Resource[Any], raw: list[str] | None) -> dict[str, str]:
    found: dict[str, str] = {}
    for pair in raw or []:
        key, sep, value = pair.partition("=")
        if not sep:
            raise Invalid(f"'{pair}' is not KEY=VALUE (filters for {res.plural.lower()}: "
                          f"{', '.join(sorted(res.filters)) or 'none'}).", "filter")
        found[key.strip()] = value.strip()
    return found


def show_item(res: Resource[Any], item: Item, json_out: bool) -> None:
    if json_out:
        output.print_json(item)
    else:
        output.details(item, title=f"{res.label} {item.get('id')}")


def make_group(res: Resource[Any], commands: tuple[str, ...]) -> typer.Typer:
    """A command group for one kind with the named commands (list, show, add, ...)."""
    group = typer.Typer(help=f"{res.plural}: list, show, add, update, delete.\n\n"
                        f"{fields_help(res)}", no_args_is_help=True)
    add_commands(group, res, commands)
    return group


def add_commands(group: typer.Typer, res: Resource[Any], commands: tuple[str, ...]) -> None:
    """Register the named generic commands for `res` on `group`."""
    kind, label = res.name, res.label.lower()

    def list_cmd(ctx: typer.Context, q: QOpt = None,
                 filter_: Annotated[list[str] | None, typer.Option(
                     "--filter", metavar="KEY=VALUE",
                     help=f"Filter; repeatable. Keys: {', '.join(sorted(res.filters)) or 'none'}."
                 )] = None,
                 limit: LimitOpt = DEFAULT_LIMIT, offset: OffsetOpt = 0,
                 workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
        page = client(ctx).list_items(kind, workspace_of(ctx, workspace), q=q,
                                       filters=_filters(res, filter_), offset=offset,
                                       limit=limit)
        if json_out:
            output.print_json(page.as_json())
            return
        columns = _columns(res)
        if page.items:
            output.table(columns, [[item.get(c) for c in columns] for item in page.items],
                         wide=[res.title_field])
        output.page_footer(len(page.items), page.total, page.offset, page.next_offset)

    def show_cmd(ctx: typer.Context, item_id: IdArg, workspace: WorkspaceOpt = None,
                 json_out: JsonOpt = False) -> None:
        show_item(res, client(ctx).get_item(kind, workspace_of(ctx, workspace), item_id),
                  json_out)

    def add_cmd(ctx: typer.Context, pairs: PairsArg, workspace: WorkspaceOpt = None,
                json_out: JsonOpt = False) -> None:
        item = client(ctx).create_item(kind, workspace_of(ctx, workspace),
                                        parse_pairs(res, pairs))
        if json_out:
            output.print_json(item)
        else:
            output.success(f"Created {label} {item['id']}.")

    def update_cmd(ctx: typer.Context, item_id: IdArg, pairs: PairsArg,
                   workspace: WorkspaceOpt = None, json_out: JsonOpt = False,
                   if_version: IfVersionOpt = None) -> None:
        item = client(ctx).update_item(kind, workspace_of(ctx, workspace), item_id,
                                        parse_pairs(res, pairs), if_version)
        if json_out:
            output.print_json(item)
        else:
            output.success(f"Updated {label} {item_id}.")

    def delete_cmd(ctx: typer.Context, item_id: IdArg,
                   yes: Annotated[bool, typer.Option("--yes", "-y",
                                                     help="Do not ask first.")] = False,
                   workspace: WorkspaceOpt = None, if_version: IfVersionOpt = None) -> None:
        if not yes:
            typer.confirm(f"Delete {label} {item_id}?", abort=True)
        client(ctx).delete_item(kind, workspace_of(ctx, workspace), item_id, if_version)
        output.success(f"Deleted {label} {item_id}.")

    made: dict[str, tuple[Callable[..., None], str]] = {
        "list": (list_cmd, f"List {res.plural.lower()}, with search and filters."),
        "show": (show_cmd, f"Show one {label} with every field."),
        "add": (add_cmd, f"Create {res.a_label.lower()} from FIELD=VALUE pairs. "
                f"{fields_help(res)}"),
        "update": (update_cmd, f"Change fields of {label} ID; the others stay as they are."),
        "delete": (delete_cmd, f"Delete {label} ID (asks first unless --yes)."),
    }
    for name in commands:
        fn, text = made[name]
        group.command(name, help=text)(fn)


FULL = ("list", "show", "add", "update", "delete")
READ = ("list", "show")


def register(app: typer.Typer) -> None:
    """A group per kind, with the commands its declared routes allow; kinds whose feature
    brings its own group (generic_cli=False) are left to it."""
    for kind in with_routes(Routes.full, Routes.read):
        if kind.generic_cli:
            commands = FULL if kind.routes is Routes.full else READ
            app.add_typer(make_group(kind.resource, commands), name=cli_name(kind.resource))
