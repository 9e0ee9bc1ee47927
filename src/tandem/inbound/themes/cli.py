"""`tandem themes ...`: a workspace's themes (a client of the API: list, show, run, curate,
make an opportunity) and standalone discovery on a CSV file (`discover`: no workspace, no
server)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from tandem.cli import output
from tandem.cli.jobs import NoWaitOpt, follow, wait_for, worker_here
from tandem.cli.state import JsonOpt, WorkspaceOpt, client, workspace_of
from tandem.inbound.themes.standalone import discover_file
from tandem.storage.embedder import load_embedder

themes_app = typer.Typer(help="Themes: the market problems in the evidence, found "
                         "automatically.", no_args_is_help=True)


@themes_app.command("discover")
def discover(
    file: Annotated[Path, typer.Argument(metavar="FILE.csv", help="UTF-8 CSV with a header.")],
    out: Annotated[Path, typer.Option("--out", metavar="OUT.csv",
                                      help="Where to write the rows with their themes.")],
    text_column: Annotated[str, typer.Option(
        "--text-column", metavar="NAME", help="The column holding the text.")] = "text",
    embedder: Annotated[str, typer.Option(
        "--embedder", envvar="TANDEM_EMBEDDER", metavar="NAME",
        help="minilm (the real model) or hashing (the fast stand-in).")] = "minilm",
) -> None:
    """Find themes in a CSV file on this machine; no workspace or server is used."""
    if embedder not in {"minilm", "hashing"}:
        raise typer.BadParameter("choose minilm or hashing.", param_hint="--embedder")
    if out.resolve() == file.resolve():
        raise typer.BadParameter("write to another file than the input.", param_hint="--out")
    model = load_embedder(embedder)
    with output.working("Embedding") as advance:
        def progress(step: str, done: int, total: int) -> None:
            advance(done, total)

        outcome = discover_file(file, out, text_column, model, progress)
    output.success(f"{outcome.rows:,} rows, {outcome.themes} themes, {outcome.unsorted:,} "
                   f"unsorted: written to {out}.")


ThemeArg = Annotated[int, typer.Argument(metavar="THEME", min=1, help="The theme's id.")]
EvidenceIds = Annotated[list[int], typer.Argument(metavar="EVIDENCE...", min=1,
                                                  help="Evidence ids.")]


def _show_theme(theme: dict[str, Any], json_out: bool, done: str = "") -> None:
    if json_out:
        output.print_json(theme)
        return
    if done:
        output.success(done)
    segments = ", ".join(f"{s['segment']} ({s['companies']})" for s in theme["top_segments"])
    flags = [name for name in ("pinned", "hidden", "merged") if theme[name]]
    output.details({
        "id": theme["id"], "label": theme["label"], "description": theme["description"],
        "items": theme["size"], "companies": theme["companies"], "arr": f"{theme['arr']:,}",
        "top segments": segments or "—",
        "weekly trend": " ".join(str(n) for n in theme["trend"]) + f" (from {theme['trend_from']})",
        "flags": ", ".join(flags) or "—",
        "opportunity": theme["opportunity_id"] or "—",
        "quotes": "\n".join(f"“{q['text']}”" for q in theme["quotes"]) or "—"},
        title=f"Theme {theme['id']}")


@themes_app.command("list")
def themes_list(
    ctx: typer.Context,
    sort: Annotated[str, typer.Option(metavar="size|arr", help="Most items or most ARR first.")
                    ] = "size",
    hidden: Annotated[bool, typer.Option("--hidden", help="Include hidden themes.")] = False,
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """The workspace's themes with their size, customers, ARR and trend."""
    if sort not in {"size", "arr"}:
        raise typer.BadParameter("choose size or arr.", param_hint="--sort")
    api = client(ctx)
    found = api.json("GET", api.ws(workspace_of(ctx, workspace), "/themes"),
                     params={"sort": sort, "hidden": str(hidden).lower()})
    if json_out:
        output.print_json(found)
        return
    if not found["themes"]:
        output.info("No themes yet. Find them with `tandem themes run`.")
        return
    output.table(["ID", "Theme", "Items", "Companies", "ARR", "Trend"], [
        (t["id"], t["label"] + (" (hidden)" if t["hidden"] else ""), t["size"],
         t["companies"], f"{t['arr']:,}", " ".join(str(n) for n in t["trend"][-6:]))
        for t in found["themes"]], wide=["Theme"])
    output.info(f"{found['unsorted']:,} unsorted of {found['embedded']:,} embedded items"
                + (f"; {found['hidden']} hidden theme(s) (--hidden)" if found["hidden"] else ""))


@themes_app.command("show")
def themes_show(ctx: typer.Context, theme: ThemeArg, workspace: WorkspaceOpt = None,
                json_out: JsonOpt = False) -> None:
    """One theme: label, description, quotes, customers, ARR, trend and segments."""
    api = client(ctx)
    _show_theme(api.json("GET", api.ws(workspace_of(ctx, workspace), f"/themes/{theme}")),
                json_out)


@themes_app.command("run")
def themes_run(ctx: typer.Context, no_wait: NoWaitOpt = False, workspace: WorkspaceOpt = None,
               json_out: JsonOpt = False) -> None:
    """Find themes in all embedded evidence, in the background, with a progress bar.
    What people decided (names, merges, splits, moves, pins, hides) is kept."""
    api = client(ctx)
    job = api.json("POST", api.ws(workspace_of(ctx, workspace), "/themes/discover"))
    if no_wait:
        wait_for(api, job, True, json_out=json_out)
        return
    with worker_here(ctx):  # locally, run it here unless `tandem serve` runs a worker
        job = follow(api, job)
    wait_for(api, job, json_out=json_out)


def _patch(ctx: typer.Context, workspace: str | None, theme: int, body: dict[str, Any],
           json_out: bool, done: str) -> None:
    api = client(ctx)
    found = api.json("PATCH", api.ws(workspace_of(ctx, workspace), f"/themes/{theme}"),
                     json=body)
    _show_theme(found, json_out, done)


@themes_app.command("rename")
def themes_rename(
    ctx: typer.Context, theme: ThemeArg,
    label: Annotated[str, typer.Argument(metavar="LABEL", help="The new name.")],
    description: Annotated[str | None, typer.Option(
        metavar="TEXT", help="A new one-line description.")] = None,
    workspace: WorkspaceOpt = None, json_out: JsonOpt = False,
) -> None:
    """Rename a theme; the name stays on every re-run."""
    body: dict[str, Any] = {"label": label}
    if description is not None:
        body["description"] = description
    _patch(ctx, workspace, theme, body, json_out, "Renamed.")


def _flag(name: str, value: bool, summary: str) -> None:
    def command(ctx: typer.Context, theme: ThemeArg, workspace: WorkspaceOpt = None,
                json_out: JsonOpt = False) -> None:
        _patch(ctx, workspace, theme, {name: value}, json_out, summary)

    command.__doc__ = summary
    verb = {("pinned", True): "pin", ("pinned", False): "unpin",
            ("hidden", True): "hide", ("hidden", False): "unhide"}[(name, value)]
    themes_app.command(verb)(command)


_flag("pinned", True, "Pin a theme: its items stay in it on every re-run.")
_flag("pinned", False, "Unpin a theme.")
_flag("hidden", True, "Hide a theme from the list; it stays hidden on every re-run.")
_flag("hidden", False, "Show a hidden theme in the list again.")


@themes_app.command("merge")
def themes_merge(
    ctx: typer.Context, theme: ThemeArg,
    others: Annotated[list[int], typer.Argument(metavar="OTHER...", min=1,
                                                help="Themes merged into THEME.")],
    workspace: WorkspaceOpt = None, json_out: JsonOpt = False,
) -> None:
    """Merge other themes into THEME; re-runs keep them together."""
    api = client(ctx)
    found = api.json("POST", api.ws(workspace_of(ctx, workspace), f"/themes/{theme}/merge"),
                     json={"themes": others})
    _show_theme(found, json_out, f"Merged {', '.join(map(str, others))} into theme {theme}.")


@themes_app.command("split")
def themes_split(
    ctx: typer.Context, theme: ThemeArg,
    evidence: Annotated[list[int] | None, typer.Argument(
        metavar="[EVIDENCE...]", help="Items that become the new theme; none: split the "
        "theme in two by meaning.")] = None,
    label: Annotated[str | None, typer.Option(metavar="LABEL",
                                              help="The new theme's name.")] = None,
    workspace: WorkspaceOpt = None, json_out: JsonOpt = False,
) -> None:
    """Split a theme: the given items (or the smaller half by meaning) become a new theme."""
    api = client(ctx)
    body: dict[str, Any] = {}
    if evidence:
        body["evidence_ids"] = evidence
    if label:
        body["label"] = label
    found = api.json("POST", api.ws(workspace_of(ctx, workspace), f"/themes/{theme}/split"),
                     json=body)
    _show_theme(found, json_out, f"Split into new theme {found['id']}.")


@themes_app.command("move")
def themes_move(ctx: typer.Context, theme: ThemeArg, evidence: EvidenceIds,
                workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """Put evidence in THEME (from another theme or unsorted); re-runs leave it there."""
    api = client(ctx)
    found = api.json("POST", api.ws(workspace_of(ctx, workspace), f"/themes/{theme}/move"),
                     json={"evidence_ids": evidence})
    _show_theme(found, json_out, f"Moved {len(evidence)} item(s) to theme {theme}.")


@themes_app.command("opportunity")
def themes_opportunity(
    ctx: typer.Context, theme: ThemeArg,
    title: Annotated[str | None, typer.Option(
        metavar="TITLE", help="The opportunity's title (default: the theme's name).")] = None,
    workspace: WorkspaceOpt = None, json_out: JsonOpt = False,
) -> None:
    """Turn a theme into an opportunity with all its evidence linked."""
    api = client(ctx)
    made = api.json("POST", api.ws(workspace_of(ctx, workspace), f"/themes/{theme}/opportunity"),
                    json={"title": title} if title else {})
    if json_out:
        output.print_json(made)
        return
    output.success(f"Opportunity {made['id']} “{made['title']}” created with "
                   f"{made['linked']} piece(s) of evidence linked.")


def register(app: typer.Typer) -> None:
    app.add_typer(themes_app, name="themes")
