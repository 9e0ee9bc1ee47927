"""Running one command from a form: the pattern every feature's form handlers share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Request
from pydantic import ValidationError
from starlette.responses import Response

from tandem.errors import Stale, TandemError
from tandem.schema import friendly_error
from tandem.scope import Scope
from tandem.web.context import redirect_with, workspace
from tandem.web.stale import stale_page
from tandem.web.versions import StaleForm


def act(request: Request, slug: str, back: str, action: Callable[[Scope], Any],
        done: str | Callable[[Any], str],
        conflict: Callable[[Scope], StaleForm] | None = None) -> Response:
    """Run `action` in the workspace and go back to `back` with a message: `done` (or the
    text it makes from the action's result), or why the input was refused, naming the field.
    Never a 500 for bad input; 403 and 404 still answer as pages of their own.

    An action that edits a versioned object checks the form's version first
    (`crud.require_version(obj, form_version(form), ...)`); when it is stale nothing is
    written and `conflict` says what the conflict page shows (both versions, 409)."""
    try:
        with workspace(request, slug) as scope:
            result = action(scope)
    except Stale as exc:
        if conflict is None:
            return redirect_with(request, back, exc.message, "error")
        with workspace(request, slug) as scope:
            return stale_page(request, conflict(scope))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or None
        label = where.replace("_", " ").capitalize() if where else None
        return redirect_with(request, back, friendly_error(first, label), "error")
    except TandemError as exc:
        if exc.status in (403, 404):
            raise
        return redirect_with(request, back, exc.message, "error")
    return redirect_with(request, back, done(result) if callable(done) else done)
