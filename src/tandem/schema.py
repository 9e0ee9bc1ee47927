"""Pydantic helpers shared by every resource: bounded input types and derived schemas.

Each resource writes one Create schema by hand; its Update (every field optional, only
the sent ones applied) and Public (Create plus id and timestamps) shapes are derived here so
the three stay in step.

Every request shape derives from `Strict`, which is where input is bounded, once, for every
face (API bodies, web forms, imports): unknown fields are refused; text may hold no control
characters (tab and newline only in long text, marked `Multiline`); whole numbers must fit
the 32-bit integer columns (`MAX_INT`); dates come as ISO strings, never as numbers. String
lengths are declared on the fields and equal their column's length (a test compares them).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import Annotated, Any, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    create_model,
    field_validator,
)
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails, PydanticCustomError

from tandem.errors import Invalid

# Ids and whole numbers: every integer column is 32-bit on PostgreSQL (INTEGER), so values
# are capped there on every engine (docs/architecture.md, "Bounds", says why not 64-bit).
MAX_INT = 2**31 - 1
MIN_INT = -(2**31)
MAX_ID = MAX_INT  # the largest id an INTEGER primary key holds
LONG_TEXT = 20000  # the bound of Text columns, which have none of their own
MAX_SEARCH = 200  # characters of a search term (q=)


class Multiline:
    """Marks long text, where tab, newline and carriage return are allowed."""

    def __repr__(self) -> str:
        return "Multiline()"


Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=LONG_TEXT),
                 Multiline()]
RequiredText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=LONG_TEXT),
    Multiline()]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=254)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]

# C0 and C1 control characters, DEL, and lone surrogates (which no database can store).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_MULTILINE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def control_character(text: str, multiline: bool = False) -> str | None:
    """The first character `text` may not hold, as U+XXXX; None when it is clean."""
    found = (_CONTROL_MULTILINE if multiline else _CONTROL).search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def refuse_control(text: str, multiline: bool = False) -> str:
    found = control_character(text, multiline)
    if found is not None:
        raise PydanticCustomError("control_character",
                                  "must not contain control characters (found {char})",
                                  {"char": found})
    return text


def whole_number(raw: str, low: int = 0, high: int = MAX_INT) -> int | None:
    """`raw` as an int when it is ASCII digits (an optional leading minus) within bounds;
    None otherwise. `str.isdigit` alone would let '²' through to a failing `int()`."""
    digits = raw[1:] if raw.startswith("-") else raw
    if not digits or len(digits) > 12 or not (digits.isascii() and digits.isdigit()):
        return None
    value = int(raw)
    return value if low <= value <= high else None


def search_term(text: str) -> str:
    """A search term as every face takes it: at most MAX_SEARCH characters, no control
    characters (Invalid naming `q` otherwise)."""
    if len(text) > MAX_SEARCH:
        raise Invalid(f"The search is too long: at most {MAX_SEARCH} characters.", "q")
    found = control_character(text)
    if found is not None:
        raise Invalid(f"The search must not contain control characters (found {found}).", "q")
    return text


def _multiline(info: FieldInfo) -> bool:
    return any(isinstance(m, Multiline) for m in info.metadata)


def _is_date(info: FieldInfo) -> bool:
    return info.annotation is date or date in get_args(info.annotation)


def _check_value(value: Any, multiline: bool) -> Any:
    if isinstance(value, str):  # surrounding whitespace is trimmed later, so it may pass
        refuse_control(value if multiline else value.strip(" \t\r\n"), multiline)
    elif isinstance(value, int) and not isinstance(value, bool) and \
            not MIN_INT <= value <= MAX_INT:
        raise PydanticCustomError("int_range", "must be between {low} and {high}",
                                  {"low": MIN_INT, "high": MAX_INT})
    elif isinstance(value, list):
        for item in value:
            _check_value(item, multiline)
    return value


class Strict(BaseModel):
    """The base of every request shape: unknown fields are errors, so a typo in a request
    never passes silently, and every value is bounded (see the module docstring)."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _bounded_input(cls, value: Any, info: ValidationInfo) -> Any:
        kind = _field_kind(cls, info.field_name or "")
        if kind is None:
            return value
        is_date, multiline = kind
        if is_date and not isinstance(value, str | date | None):
            raise PydanticCustomError("date_type", "must be a date like 2025-03-31")
        return _check_value(value, multiline)


@lru_cache(maxsize=4096)
def _field_kind(model: type[BaseModel], name: str) -> tuple[bool, bool] | None:
    """(is a date, is multiline) of a field, None for no such field: asked once per field
    and model, not for every value (an import validates each of thousands of rows)."""
    field = model.model_fields.get(name)
    return None if field is None else (_is_date(field), _multiline(field))


def ref(title: str) -> Any:
    """An optional field holding the id of another object in the same workspace; which kind
    it points at comes from the model's foreign key (see `Resource.references`)."""
    return Field(default=None, title=title, ge=1, le=MAX_ID)


def nullable(info: FieldInfo) -> bool:
    """Whether a field accepts None (its annotation is `X | None`)."""
    return type(None) in get_args(info.annotation)


def long_text(title: str, default: Any = "", **extra: Any) -> Any:
    return Field(default=default, title=title, json_schema_extra={"widget": "textarea", **extra})


def update_model(create: type[BaseModel]) -> type[BaseModel]:
    """Every field of `create`, each optional to send; only sent fields are applied.

    Constraints and validators stay. A field that cannot be None on create cannot be set to
    null either (its default of None means "not sent" and is never validated).
    """
    fields: dict[str, Any] = {}
    for name, info in create.model_fields.items():
        annotation: Any = info.annotation
        if info.metadata:
            annotation = Annotated[(annotation, *info.metadata)]
        fields[name] = (annotation, Field(default=None, title=info.title,
                                          description=info.description,
                                          json_schema_extra=info.json_schema_extra))
    name = create.__name__.replace("Create", "Update")
    return create_model(name, __base__=create, **fields)


VERSION_FIELD: Any = Field(
    ge=1, description="How many times the object has been saved: its ETag. Send it back in "
    "If-Match to change it only if nobody else has since (docs/reliability.md).")


def public_model(create: type[BaseModel], **extra: Any) -> type[BaseModel]:
    """What the API returns: the create fields plus id, timestamps and version (and
    `extra`)."""
    fields: dict[str, Any] = {
        "id": (int, ...),
        **{name: (info.annotation, None) for name, info in create.model_fields.items()},
        "created_at": (datetime, ...),
        "updated_at": (datetime, ...),
        "row_version": (int, VERSION_FIELD),
        **extra,
    }
    name = create.__name__.replace("Create", "Public")
    model: type[BaseModel] = create_model(
        name, __config__=ConfigDict(from_attributes=True), **fields
    )
    return model


def friendly_error(err: ErrorDetails, label: str | None = None) -> str:
    """One pydantic error as a sentence a person can act on, naming the field by `label`."""
    label = label or ".".join(str(p) for p in err.get("loc", ())) or "Value"
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "missing" or (kind == "string_too_short" and ctx.get("min_length") == 1):
        return f"{label} must not be empty."
    if kind.endswith("_type") and err.get("input", ...) is None:
        return f"{label} cannot be null."
    if kind == "string_too_long":
        return f"{label} is too long: at most {ctx.get('max_length')} characters."
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return f"{label} must be a whole number."
    if kind == "greater_than_equal":
        return f"{label} must be {ctx.get('ge')} or more."
    if kind == "less_than_equal":
        return f"{label} must be {ctx.get('le')} or less."
    if kind.startswith("date"):
        shown = str(err.get("input"))[:40]
        return f"{label} must be a date like 2025-03-31, not '{shown}'."
    if kind == "enum":
        return f"{label} must be one of {ctx.get('expected', '')}, not '{err.get('input')}'."
    if kind == "extra_forbidden":
        return f"{label} is not a known field."
    if kind == "control_character":
        return f"{label} must not contain control characters (found {ctx.get('char')})."
    if kind == "int_range":
        return f"{label} must be between {ctx.get('low')} and {ctx.get('high')}."
    if kind == "too_long":
        return f"{label}: at most {ctx.get('max_length')} entries."
    message = str(err.get("msg", "is not valid"))
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    return f"{label}: {message[:1].lower()}{message[1:]}"
