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
