"""Domain errors. Services raise these; each face turns them into its own shape."""

from __future__ import annotations


class TandemError(Exception):
    """Base for errors a user can act on. `code` is stable; `message` is for people."""

    code = "error"
    status = 400

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(TandemError):
    code = "not_found"
    status = 404


class Conflict(TandemError):
    code = "conflict"
    status = 409


class Invalid(TandemError):
    code = "invalid"
    status = 422


class Unauthorized(TandemError):
    code = "unauthorized"
    status = 401


class Forbidden(TandemError):
    code = "forbidden"
    status = 403


class Stale(TandemError):
    """The object changed since the version the writer read (`If-Match`, a form's hidden
    version, or a concurrent write the database caught): nothing was written. `current` is
    the version saved now, when known, so a client can re-read and decide."""

    code = "stale"
    status = 412

    def __init__(self, message: str, field: str | None = None,
                 current: int | None = None) -> None:
        super().__init__(message, field)
        self.current = current
