"""`tandem checklist ...`: a launch's checklist from the shell, a thin client of the API."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import typer

from tandem.cli import output
from tandem.cli.client import ApiClient
from tandem.cli.people import person_id
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of

checklist_app = typer.Typer(
    help="Launch checklists: the tasks of a launch, from its tier's template.",
    no_args_is_help=True)
LaunchArg = Annotated[int, typer.Argument(metavar="LAUNCH", help="The launch's id.",
                                          min=1)]
TaskArg = Annotated[int, typer.Argument(metavar="TASK", help="The task's id (from "
                                        "`tandem checklist show`).", min=1)]
OwnerOpt = Annotated[str | None, typer.Option(
    "--owner", metavar="PERSON", help="A person's name or id (`tandem person list`).")]
DueOpt = Annotated[str | None, typer.Option(
    "--due", metavar="DATE", help="Due date, YYYY-MM-DD; it then stays when the launch "
    "date moves.")]


def _person(api: ApiClient, ws: str | None, name: str | None) -> int | None:
    if not name:
        return None
    return person_id(api, ws, name)


def _date(raw: str) -> str:
    try:
        return date.fromisoformat(raw).isoformat()
    except ValueError:
        raise typer.BadParameter("a date like 2026-12-31", param_hint="--due") from None


def _show(data: dict[str, Any]) -> None:
    when = data["launch_date"] or "no launch date"
    output.info(f"{data['launch']} (tier {data['tier']}, {when}): {data['done']} of "
                f"{data['total']} done ({data['percent']}%)")
    output.table(["Id", "Task", "Owner", "Due", "State"], [
        (t["id"], t["title"] + (" [critical]" if t["critical"] else ""), t["owner"] or "-",
         t["due_date"] or "-",
         f"done by {t['done_by']}" if t["done"] else ("LATE" if t["late"] else "open"))
        for t in data["tasks"]])
    if data["late"]:
        output.warn(f"{data['late']} late, {data['critical_late']} of them critical.")
    if data["missing"]:
        output.info(f"{data['missing']} tasks of the tier's template are missing: "
                    f"`tandem checklist generate {data['launch_id']}` adds them.")


@checklist_app.command("show")
def show(ctx: typer.Context, launch: LaunchArg, workspace: WorkspaceOpt = None,
         json_out: JsonOpt = False) -> None:
    """The launch's tasks with owner, due date and state, and its progress."""
    api = client(ctx)
    data = api.json("GET", api.ws(workspace_of(ctx, workspace),
                                  f"/launches/{launch}/checklist"))
    if json_out:
        output.print_json(data)
        return
    _show(data)


@checklist_app.command("generate")
def generate(ctx: typer.Context, launch: LaunchArg, workspace: WorkspaceOpt = None,
             json_out: JsonOpt = False) -> None:
    """Add the tier's template tasks the launch does not have yet (edits are kept)."""
    api = client(ctx)
    data = api.json("POST", api.ws(workspace_of(ctx, workspace),
                                   f"/launches/{launch}/checklist/generate"))
    if json_out:
        output.print_json(data)
        return
    output.success(f"Added {data['added']} tasks.")
    _show(data["checklist"])


@checklist_app.command("add")
def add(ctx: typer.Context, launch: LaunchArg,
        title: Annotated[str, typer.Argument(help="What has to be done.")],
        owner: OwnerOpt = None, due: DueOpt = None,
        critical: Annotated[bool, typer.Option(help="The launch cannot go out without "
                                                    "it.")] = False,
        workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """Add a task of your own to a launch's checklist."""
    api = client(ctx)
    ws = workspace_of(ctx, workspace)
    body: dict[str, Any] = {"title": title, "critical": critical,
                            "owner_id": _person(api, ws, owner)}
    if due:
        body["due_date"] = _date(due)
    task = api.json("POST", api.ws(ws, f"/launches/{launch}/checklist/tasks"), json=body)
    if json_out:
        output.print_json(task)
        return
    output.success(f"Added task {task['id']}: {task['title']} ({task['owner'] or 'nobody'}, "
                   f"due {task['due_date'] or '-'}).")


@checklist_app.command("update")
def update(ctx: typer.Context, task: TaskArg,
           title: Annotated[str | None, typer.Option(help="A new title.")] = None,
           owner: OwnerOpt = None, due: DueOpt = None,
           follow: Annotated[bool, typer.Option(
               "--follow-launch", help="Let the due date follow the launch date again.")
                             ] = False,
           critical: Annotated[bool | None, typer.Option(
               "--critical/--not-critical", help="Whether the launch needs it.")] = None,
           workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """Change a task's title, owner, due date or criticality."""
    api = client(ctx)
    ws = workspace_of(ctx, workspace)
    body: dict[str, Any] = {}
    if title is not None:
        body["title"] = title
    if owner is not None:
        body["owner_id"] = _person(api, ws, owner)
    if follow:
        body["due_date"] = None
    elif due:
        body["due_date"] = _date(due)
    if critical is not None:
        body["critical"] = critical
    found = api.json("PATCH", api.ws(ws, f"/launch-tasks/{task}"), json=body)
    if json_out:
        output.print_json(found)
        return
    output.success(f"Saved task {found['id']}: {found['title']}.")


def _state(ctx: typer.Context, task: int, workspace: str | None, json_out: bool,
           verb: str) -> None:
    api = client(ctx)
    found = api.json("POST", api.ws(workspace_of(ctx, workspace), f"/launch-tasks/{task}/{verb}"))
    if json_out:
        output.print_json(found)
        return
    output.success(f"{'Done' if found['done'] else 'Open again'}: {found['title']}.")


@checklist_app.command("done")
def done(ctx: typer.Context, task: TaskArg, workspace: WorkspaceOpt = None,
         json_out: JsonOpt = False) -> None:
    """Mark a task done (records who and when)."""
    _state(ctx, task, workspace, json_out, "done")


@checklist_app.command("reopen")
def reopen(ctx: typer.Context, task: TaskArg, workspace: WorkspaceOpt = None,
           json_out: JsonOpt = False) -> None:
    """Open a done task again."""
    _state(ctx, task, workspace, json_out, "reopen")


@checklist_app.command("delete")
def delete(ctx: typer.Context, task: TaskArg, workspace: WorkspaceOpt = None) -> None:
    """Delete a task."""
    api = client(ctx)
    api.send("DELETE", api.ws(workspace_of(ctx, workspace), f"/launch-tasks/{task}"))
    output.success(f"Deleted task {task}.")


def register(app: typer.Typer) -> None:
    app.add_typer(checklist_app, name="checklist")
