"""The `tandem` program: global options, command groups, and one way to report failure.

Any error a person can act on (a TandemError from the services or the API, an unreachable
server or database, a file problem) prints one red line on stderr and exits with 1; usage
mistakes exit with 2 as usual. `--debug` adds the traceback.
"""

from __future__ import annotations

import traceback
from typing import Annotated, Any

import typer
from sqlalchemy.exc import DBAPIError
from typer.core import TyperGroup, TyperOption
from typer.exceptions import TyperException

from tandem import __version__
from tandem.cli import admin, output, records
from tandem.cli.state import State
from tandem.errors import TandemError


def describe(exc: BaseException) -> str:
    """The one line a person reads for an exception."""
    if isinstance(exc, TandemError):
        return exc.message
    if isinstance(exc, DBAPIError):
        first = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        return f"Database error: {first}"
    if isinstance(exc, OSError):
        where = f": {exc.filename}" if exc.filename else ""
        return f"{exc.strerror or exc}{where}"
    return (f"Unexpected {type(exc).__name__}: {exc} (run with --debug to see the "
            "traceback).")


class TandemGroup(TyperGroup):
    """The root group: turns every failure under it into one line and exit code 1."""

    def invoke(self, ctx: Any) -> Any:  # typer.Context; Any keeps the override compatible
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, TyperException):
            raise
        except Exception as exc:
            found = ctx.find_object(State)
            if found is not None and found.debug:
                output.err.print(traceback.format_exc(), markup=False, highlight=False,
                                 soft_wrap=True)
            output.error_line(describe(exc))
            raise typer.Exit(1) from None


def _flags_show_no_value() -> None:
    """Help lists a flag (--json, --skip-invalid, --yes, --help) with no value after it.

    Typer 0.2x prints the type of every option in help, flags included, so `--json <bool>`
    read as if the flag took a value. An option that is a flag has no value to show; every
    other option keeps its type or metavar.
    """
    shown = TyperOption.display_type_rich
    if getattr(shown, "tandem_flags", False):
        return

    def display_type_rich(self: TyperOption, ctx: Any) -> str | None:
        return None if self.is_flag else shown(self, ctx)

    display_type_rich.tandem_flags = True  # type: ignore[attr-defined]
    TyperOption.display_type_rich = display_type_rich  # type: ignore[method-assign]


_flags_show_no_value()

app = typer.Typer(
    cls=TandemGroup,
    name="tandem",
    help="Tandem: product management and product marketing as one loop.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        output.info(f"tandem {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    url: Annotated[str | None, typer.Option(
        "--url", envvar="TANDEM_URL", metavar="URL",
        help="Use the Tandem server at URL instead of the local database.")] = None,
    token: Annotated[str | None, typer.Option(
        "--token", envvar="TANDEM_TOKEN", metavar="TOKEN",
        help="Personal API token for --url.")] = None,
    workspace: Annotated[str | None, typer.Option(
        "--workspace", "-w", envvar="TANDEM_WORKSPACE", metavar="SLUG",
        help="Workspace to use when there are several.")] = None,
    debug: Annotated[bool, typer.Option(
        "--debug", help="Show the full traceback when something fails.")] = False,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Show the version.")] = False,
) -> None:
    """Local database by default (TANDEM_DATA_DIR, TANDEM_DATABASE_URL); a server with --url."""
    given = ctx.obj if isinstance(ctx.obj, State) else State()
    ctx.obj = State(url=url or None, token=token or None, workspace=workspace or None,
                    debug=debug, http_client=given.http_client, api_path=given.api_path)


def _register_commands() -> None:
    """The server commands, each feature's own commands, then the generic record groups."""
    from tandem.features import FEATURES
    from tandem.platform.feature import load

    admin.register(app)
    for feature in FEATURES:
        if feature.cli is not None:
            load(feature.cli)(app)
    records.register(app)


_register_commands()


def run() -> None:
    """Console-script entry point."""
    app()
