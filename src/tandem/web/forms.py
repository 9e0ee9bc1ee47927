"""HTML form fields derived from a resource's pydantic create schema.

The schema already says everything a form needs: titles, which text is long, which ids point
at other resources, enums, dates, number bounds. So no form is written by hand: `fields_for`
turns the schema into widgets, `parse_form` turns what the browser sent back into values, and
`validate` reports problems per field in words a person understands.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any, Union, get_args, get_origin

from annotated_types import Ge, Le, MaxLen
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from tandem.registry import RESOURCES
from tandem.roles.service import catalog
from tandem.schema import friendly_error
from tandem.scope import Scope
from tandem.web.render import humanize, shorten

OPTION_TITLE = 90


@dataclass
class Option:
    value: str
    label: str
    group: str = ""


@dataclass
class FieldSpec:
    """One form control. `widget` is text, textarea, select, date, number or tags."""

    name: str
    label: str
    widget: str
    required: bool
    help: str = ""
    options: list[Option] = field(default_factory=list)
    ref: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    maxlength: int | None = None
    value: str = ""
    error: str | None = None

    @property
    def grouped(self) -> list[tuple[str, list[Option]]]:
        """Options by group, in first-seen order (for <optgroup>)."""
        groups: dict[str, list[Option]] = {}
        for option in self.options:
            groups.setdefault(option.group, []).append(option)
        return list(groups.items())


def _inner(annotation: Any) -> tuple[Any, bool]:
    """The annotation without `| None`, and whether None was allowed."""
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        return (args[0] if len(args) == 1 else annotation), True
    return annotation, False


def _extra(info: FieldInfo) -> dict[str, Any]:
    extra = info.json_schema_extra
    return dict(extra) if isinstance(extra, dict) else {}


def label_of(name: str, info: FieldInfo) -> str:
    if info.title:
        return info.title
    base = name[:-3] if name.endswith("_id") else name
    return humanize(base)


def _bounds(info: FieldInfo) -> tuple[int | None, int | None, int | None]:
    low = high = length = None
    for item in info.metadata:
        if isinstance(item, Ge):
            low = int(item.ge)  # type: ignore[call-overload]
        elif isinstance(item, Le):
            high = int(item.le)  # type: ignore[call-overload]
        elif isinstance(item, MaxLen):
            length = item.max_length
        elif getattr(item, "max_length", None) is not None:
            length = int(item.max_length)
    return low, high, length


def ref_options(scope: Scope, ref: str) -> list[Option]:
    """This workspace's objects of kind `ref`, by title, for a <select>."""
    res = RESOURCES[ref]
    return [Option(str(obj.id), shorten(res.title_of(obj), OPTION_TITLE)) for obj in res.all(scope)]


def activity_options(scope: Scope) -> list[Option]:
    """The workspace's visible activities, grouped by column of the activity map."""
    return [Option(a.name, a.name, f"{a.column} ({a.direction})")
            for a in catalog(scope) if not a.hidden]


def enum_options(enum: type[Enum]) -> list[Option]:
    return [Option(str(m.value), humanize(m.value)) for m in enum]


def text_value(value: Any) -> str:
    """A python value as an <input> shows it."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def spec_for(name: str, info: FieldInfo, scope: Scope, ref: str | None = None) -> FieldSpec:
    """The widget for one schema field (options filled from the workspace when needed);
    `ref` names the kind a reference field points at."""
    annotation, _nullable = _inner(info.annotation)
    extra = _extra(info)
    low, high, length = _bounds(info)
    spec = FieldSpec(name=name, label=label_of(name, info), widget="text",
                     required=info.is_required(), help=info.description or "",
                     minimum=low, maximum=high, maxlength=length)
    if ref is not None:
        spec.widget, spec.ref = "select", ref
        spec.options = ref_options(scope, ref)
    elif extra.get("choices") == "activities":
        spec.widget, spec.options = "select", activity_options(scope)
    elif isinstance(annotation, type) and issubclass(annotation, Enum):
        spec.widget, spec.options = "select", enum_options(annotation)
    elif annotation is date:
        spec.widget = "date"
    elif annotation is int:
        spec.widget = "number"
    elif get_origin(annotation) is list:
        spec.widget, spec.maxlength = "tags", None
        spec.help = spec.help or "Separate with commas, e.g. onboarding, pricing"
    elif extra.get("widget") == "textarea":
        spec.widget = "textarea"
    return spec


def own_form(info: FieldInfo) -> bool:
    """A field its feature edits on a form of its own (structured rows, such as a segment's
    criteria): the generic form and detail card leave it out, and never overwrite it."""
    return _extra(info).get("widget") == "own"


def own_fields(schema: type[BaseModel]) -> set[str]:
    return {name for name, info in schema.model_fields.items() if own_form(info)}


def fields_for(schema: type[BaseModel], scope: Scope, values: Mapping[str, str],
               errors: Mapping[str, str] | None = None,
               refs: Mapping[str, str] | None = None) -> list[FieldSpec]:
    """Every field of `schema` (but those edited on their own form), filled with `values`
    and annotated with `errors`; `refs` maps reference fields to the kind they point at."""
    specs = []
    for name, info in schema.model_fields.items():
        if own_form(info):
            continue
        spec = spec_for(name, info, scope, (refs or {}).get(name))
        spec.value = values.get(name, "")
        spec.error = (errors or {}).get(name)
        if spec.widget == "select" and spec.value and spec.value not in {
                o.value for o in spec.options}:
            spec.options.append(Option(spec.value, spec.value, "Other"))
        specs.append(spec)
    return specs


def initial_values(schema: type[BaseModel], obj: Any = None) -> dict[str, str]:
    """Form values for a new object (schema defaults) or an existing one."""
    values: dict[str, str] = {}
    for name, info in schema.model_fields.items():
        if obj is not None:
            values[name] = text_value(getattr(obj, name, None))
        elif not info.is_required():
            values[name] = text_value(info.get_default(call_default_factory=True))
    return values


def submitted(schema: type[BaseModel], form: Mapping[str, Any]) -> dict[str, str]:
    """The raw strings the browser sent for `schema`'s fields (to refill the form)."""
    out: dict[str, str] = {}
    for name in schema.model_fields:
        raw = form.get(name)
        out[name] = raw if isinstance(raw, str) else ""
    return out


def parse_form(schema: type[BaseModel], raw: Mapping[str, str]) -> dict[str, Any]:
    """Form strings -> input for the schema: blanks become None, '' or the field default."""
    values: dict[str, Any] = {}
    for name, info in schema.model_fields.items():
        text = raw.get(name, "")
        annotation, nullable = _inner(info.annotation)
        if text.strip():
            values[name] = text
        elif nullable:
            values[name] = None
        elif annotation is str:
            values[name] = text  # the schema decides whether blank text is allowed
        # else leave it out: the default applies, or a required field reports "missing"
    return values


def validate(schema: type[BaseModel], raw: Mapping[str, str]
             ) -> tuple[BaseModel | None, dict[str, str]]:
    """Validate a submitted form; on failure returns one message per field."""
    try:
        return schema.model_validate(parse_form(schema, raw)), {}
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for err in exc.errors():
            name = str(err["loc"][0]) if err["loc"] else "__all__"
            info = schema.model_fields.get(name)
            label = label_of(name, info) if info is not None else humanize(name)
            errors.setdefault(name, friendly_error(err, label))
        return None, errors
