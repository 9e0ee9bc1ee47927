"""Commands for whoever runs the server: serve, demo, db and user. Local database only."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from sqlalchemy.engine import make_url

from tandem.accounts import service as accounts
from tandem.cli import output
from tandem.cli.state import local_runtime, require_local
from tandem.errors import TandemError
from tandem.platform.actor import LocalAdmin

if TYPE_CHECKING:
    from tandem.runtime import Runtime

db_app = typer.Typer(help="Database schema: upgrade it or show its revision.",
                     no_args_is_help=True)
user_app = typer.Typer(help="People who can sign in.", no_args_is_help=True)


def _masked(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on; 0.0.0.0 for every "
                                      "interface.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
    no_worker: Annotated[bool, typer.Option(
        "--no-worker", help="Run no background-job worker in this process (run `tandem "
        "worker` separately).")] = False,
    init: Annotated[bool, typer.Option(
        "--init", help="Create the SQLite database when there is none (without it, a "
        "missing database is an error, so a mistyped TANDEM_DATA_DIR is caught).")] = False,
) -> None:
    """Run the web app and the API, and a background-job worker (migrates the database
    first)."""
    runtime = local_runtime(ctx, "serve", create=init)
    _refuse_unsafe(runtime, host)
    import uvicorn

    from tandem.server import create_app

    in_process = runtime.settings.worker_in_process and not no_worker
    web = create_app(runtime, worker=in_process, listen_host=host)

    jobs = "background jobs run here too" if in_process else "run `tandem worker` for jobs"
    output.info(f"Tandem at http://{host}:{port} with data in {runtime.settings.data_dir} "
                f"({jobs}). Ctrl+C stops it.", to_stderr=True)
    # Forwarded headers are believed only from TANDEM_TRUSTED_PROXIES (the app's own
    # middleware), never from uvicorn's default of trusting 127.0.0.1.
    uvicorn.run(web, host=host, port=port, log_level=log_level, proxy_headers=False)


def _refuse_unsafe(runtime: Runtime, host: str) -> None:
    """Exit 1 naming every unsafe setting, unless TANDEM_ENVIRONMENT=development (warn only)."""
    from tandem.demo.loader import demo_sign_in_open
    from tandem.safety import problems

    with runtime.session() as session:
        demo_open = demo_sign_in_open(session)  # one password check, at start only
    found = problems(runtime.settings, host, demo_open)
    if runtime.settings.environment == "development":
        for problem in found:
            output.warn(f"Warning: {problem}")
    elif found:
        for problem in found:
            output.error_line(problem)
        raise typer.Exit(1)


def demo(ctx: typer.Context) -> None:
    """Create the demo workspace and its sign-in, once; prints what it holds."""
    runtime = local_runtime(ctx, "demo", create=True)
    try:
        loader = importlib.import_module("tandem.demo.loader")
    except ModuleNotFoundError as exc:
        if exc.name != "tandem.demo.loader":
            raise
        raise TandemError("The demo data (tandem.demo.loader) is missing from this build.") \
            from None
    created = bool(loader.ensure_demo(runtime))
    slug = str(loader.DEMO_SLUG)
    from tandem.loop.overview import overview

    with runtime.scope(LocalAdmin(), slug) as scope:
        counts = overview(scope).counts
        name = scope.workspace.name
    state = "was created" if created else "was already there"
    output.success(f"Demo workspace '{slug}' ({name}) {state}.")
    kinds = ("evidence", "opportunities", "releases", "launches", "messages", "assignments")
    output.info("It holds " + ", ".join(f"{k}: {counts.get(k, 0)}" for k in kinds) + ".")
    output.info(f"Sign in as {loader.DEMO_EMAIL} with password {loader.DEMO_PASSWORD} "
                "(start the server with `tandem serve`).")


@db_app.command("upgrade")
def db_upgrade(ctx: typer.Context) -> None:
    """Bring the database schema up to date (safe to run again)."""
    require_local(ctx, "db upgrade")
    from tandem.settings import load_settings
    from tandem.storage.migrate import head_revision, upgrade

    url = load_settings().database_url
    upgrade(url)
    output.success(f"Database is at revision {head_revision(url)}: {_masked(url)}")


@db_app.command("current")
def db_current(ctx: typer.Context) -> None:
    """Show the schema revision of the database and whether it is the newest."""
    require_local(ctx, "db current")
    from tandem.settings import load_settings
    from tandem.storage.engine import make_engine, missing_sqlite_file
    from tandem.storage.migrate import current_revision, head_revision

    url = load_settings().database_url
    missing = missing_sqlite_file(url)
    if missing is not None:  # looking must not create it
        output.warn(f"Revision none (there is no database file at {missing}), newest is "
                    f"{head_revision(url)}: run `tandem db upgrade`.")
        return
    engine = make_engine(url)
    try:
        current = current_revision(engine)
    finally:
        engine.dispose()
    head = head_revision(url)
    if current == head:
        output.success(f"Revision {current} (newest): {_masked(url)}")
    else:
        output.warn(f"Revision {current or 'none'}, newest is {head}: run `tandem db upgrade`. "
                    f"({_masked(url)})")




def backup(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="File to write (replaced if it exists).")],
    logical: Annotated[bool, typer.Option(
        "--logical", help="Write Tandem's portable format (gzip JSON lines) even where the "
        "engine's own copy is possible; it restores on either engine.")] = False,
) -> None:
    """Write a consistent backup of the whole database while it is in use: a SQLite copy
    (online backup API), a pg_dump archive on PostgreSQL, or the portable logical format."""
    from tandem.settings import load_settings
    from tandem.storage.backup import backup as write_backup

    require_local(ctx, "backup")
    url = load_settings().database_url
    done = write_backup(url, file, logical=logical)
    rows = f", {done.rows:,} rows" if done.rows is not None else ""
    output.success(f"Backed up {_masked(url)} to {done.path} ({BACKUP_KINDS[done.kind]}"
                   f"{rows}).")


def restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A file written by `tandem backup`.")],
    force: Annotated[bool, typer.Option(
        "--force", help="Replace the contents of a database that already holds data.")
    ] = False,
) -> None:
    """Load a backup into the configured database (which must be empty unless --force); stop
    the server and workers first. Then brings the schema up to date."""
    from tandem.settings import load_settings
    from tandem.storage.backup import restore as load_backup

    require_local(ctx, "restore")
    url = load_settings().database_url
    done = load_backup(url, file, force=force)
    rows = f", {done.rows:,} rows" if done.rows is not None else ""
    output.success(f"Restored {done.path} ({BACKUP_KINDS[done.kind]}{rows}) into "
                   f"{_masked(url)}.")


BACKUP_KINDS = {"sqlite": "SQLite database file", "pg_dump": "pg_dump archive",
                "logical": "Tandem logical backup"}


@user_app.command("create")
def user_create(
    ctx: typer.Context,
    email: Annotated[str, typer.Option("--email", help="Email used to sign in.")],
    name: Annotated[str, typer.Option("--name", help="Name shown to others.")] = "",
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="Read the password from the first line of stdin.")] = False,
    workspace_name: Annotated[str | None, typer.Option(
        "--workspace-name", help="Also create a workspace with this name, owned by the user.")
    ] = None,
) -> None:
    """Create a user; prompts twice for the password unless --password-stdin."""
    runtime = local_runtime(ctx, "user create")
    password = output.read_password(password_stdin)
    if workspace_name is None:
        with runtime.session() as session:
            empty = not accounts.workspaces_for(session, LocalAdmin())
        if empty and not password_stdin and sys.stdin.isatty() and typer.confirm(
                "There is no workspace yet. Create one owned by this user?", default=True):
            workspace_name = str(typer.prompt("Workspace name"))
    with runtime.session() as session:
        user = accounts.create_user(session, email, password, name)
        ws = accounts.new_workspace(session, LocalAdmin(), workspace_name,
                                    owner_email=user.email) if workspace_name \
            else None
        email, user_id = user.email, user.id
        empty = ws is None and not accounts.workspaces_for(session, LocalAdmin())
    output.success(f"Created user {email} (id {user_id}).")
    if ws is not None:
        output.success(f"Created workspace '{ws.slug}' ({ws.name}), owned by {email}.")
    elif empty:
        output.info("There is no workspace yet: add one with "
                    f"`tandem workspace create NAME --owner {email}`.")


@user_app.command("reset-link")
def user_reset_link(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="Email of the account.")],
) -> None:
    """Make a single-use password-reset link for any account (at the server's shell)."""
    runtime = local_runtime(ctx, "user reset-link")
    settings = runtime.settings
    with runtime.session() as session:
        user = accounts.get_user_by_email(session, email)
        row, plain = accounts.start_reset(session, user, settings.link_hours)
        expires = row.expires_at
    base = settings.public_url or "http://127.0.0.1:8000"
    hint = "" if settings.public_url else " (TANDEM_PUBLIC_URL sets the real address)"
    output.info(f"Password-reset link for {email}, valid once until "
                f"{expires:%Y-%m-%d %H:%M} UTC{hint}:", to_stderr=True)
    sys.stdout.write(f"{base.rstrip('/')}/reset/{plain}\n")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.command("demo")(demo)
    app.command("backup")(backup)
    app.command("restore")(restore)
    app.add_typer(db_app, name="db")
    app.add_typer(user_app, name="user")
