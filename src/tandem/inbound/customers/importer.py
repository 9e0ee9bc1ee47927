"""Companies and contacts from CSV: every row checked first, then all written or none.

Rows match existing records, so importing the same file again (or a newer export from the
CRM) updates them instead of adding copies: a company by its domain, else its name; a
contact by its email. With `skip_invalid` the valid rows are written and every other row is
reported with its line, column and reason.

Company columns: name (required), domain, arr or mrr (one of them; mrr is stored as entered
and counted as twelve months), plan, segment (a segment's name), stage, industry,
employees, region.
Contact columns: email or name (one is required), title, persona (a persona's name),
company (a company's name: found or created; when empty, the email's domain finds it).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import func, select

from tandem.crud import Resource
from tandem.errors import Invalid
from tandem.inbound.customers.models import Company, Contact, Period
from tandem.inbound.customers.records import companies, company_by_domain, company_by_name
from tandem.inbound.customers.records import contacts as contact_records
from tandem.inbound.customers.resolve import find_or_create_company, forget
from tandem.inbound.customers.schemas import CompanyCreate, ContactCreate
from tandem.market.persona import Persona
from tandem.market.segment import Segment
from tandem.platform.policy import Action
from tandem.schema import friendly_error
from tandem.scope import Scope

COMPANY_COLUMNS = ("name", "domain", "arr", "mrr", "plan", "segment", "stage", "industry",
                   "employees", "region")
CONTACT_COLUMNS = ("email", "name", "title", "persona", "company")
MAX_ROWS = 50_000
MAX_FIELD = 10_000  # characters in one cell; longer is a broken file, not a value


@dataclass
class RowProblem:
    line: int
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column '{self.field}'" if self.field else "")
        return f"{where}: {self.message}"


@dataclass
class CustomersImport:
    created: int = 0
    updated: int = 0
    skipped: list[RowProblem] = field(default_factory=list)


def _records(text: str, source_name: str, columns: tuple[str, ...],
             required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, {column: trimmed value}) per non-empty row; Invalid for a bad header/file."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    except csv.Error as exc:
        raise Invalid(f"{source_name}: line 1: {exc}.") from None
    if not header:
        raise Invalid(f"{source_name} is empty: it needs a header row "
                      f"({', '.join(columns)}).")
    unknown = [h for h in header if h not in columns]
    if unknown:
        raise Invalid(f"{source_name}: unknown column '{unknown[0][:40]}' "
                      f"(known: {', '.join(columns)}).", unknown[0][:40])
    if not any(r in header for r in required):
        raise Invalid(f"{source_name}: the header needs a "
                      f"{' or '.join(repr(r) for r in required)} column.", required[0])
    reader.fieldnames = header
    count = 0
    while True:
        try:
            raw = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise Invalid(f"{source_name}: line {reader.line_num + 1}: {exc}.") from None
        count += 1
        if count > MAX_ROWS:
            raise Invalid(f"{source_name}: more than {MAX_ROWS:,} rows; split the file.")
        if None in raw:
            yield reader.line_num, {"__extra__": "1"}
            continue
        values = {k: (v or "").strip() for k, v in raw.items()}
        if any(values.values()):
            yield reader.line_num, values


def _validated(schema: type[BaseModel], data: dict[str, Any], line: int,
               problems: list[RowProblem], columns: dict[str, str]) -> Any:
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        name = str(err["loc"][0]) if err["loc"] else None
        column = columns.get(name or "", name)
        problems.append(RowProblem(line, column, friendly_error(err, "value")))
        return None


def _by_name(scope: Scope, model: type[Segment] | type[Persona]) -> dict[str, int]:
    return {name.lower(): int(i) for i, name in scope.session.execute(
        select(model.id, model.name).where(model.workspace_id == scope.workspace_id))}


class ImportRejected(Invalid):
    """Some rows are invalid, so nothing was imported; `problems` lists every one."""

    def __init__(self, message: str, field: str | None, problems: list[RowProblem]) -> None:
        super().__init__(message, field)
        self.problems = problems


def _named(raw: str, known: dict[str, int], noun: str, line: int,
           problems: list[RowProblem]) -> int | None:
    """The id of the segment or persona a cell names; None (and a problem) when unknown."""
    found = known.get(raw.lower())
    if found is None:
        names = ", ".join(sorted(known)) or "none yet"
        problems.append(RowProblem(line, noun, f"no {noun} named '{raw[:80]}' (known: "
                                   f"{names})"))
    return found


def _upsert(scope: Scope, res: Resource[Any], values: dict[str, Any], existing: int | None,
            line: int, source_name: str) -> bool:
    """Create the record, or update `existing` with the values sent; True when created."""
    try:
        if existing is None:
            res.create(scope, res.create_schema(**values))
            return True
        res.update(scope, existing, res.update_schema(**values))
        return False
    except Invalid as exc:
        raise Invalid(f"{source_name}: line {line}: {exc.message} Nothing was imported.",
                      exc.field) from None


def _finish(problems: list[RowProblem], source_name: str, skip_invalid: bool) -> None:
    if problems and not skip_invalid:
        shown = "; ".join(str(p).rstrip(".") for p in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise ImportRejected(f"{source_name}: {len(problems)} invalid row(s), nothing "
                             f"imported: {shown}{more}.", problems[0].field, problems)


def _extra(line: int, problems: list[RowProblem]) -> None:
    problems.append(RowProblem(line, None, "more values than the header has columns (is a "
                               "comma inside unquoted text?)"))


def import_companies(scope: Scope, text: str, source_name: str = "CSV",
                     skip_invalid: bool = False,
                     progress: Callable[[int, int], None] | None = None) -> CustomersImport:
    """Create or update companies from CSV text (see the module docstring)."""
    scope.require(Action.import_data)
    segments = _by_name(scope, Segment)
    problems: list[RowProblem] = []
    rows: list[tuple[int, CompanyCreate]] = []
    seen: dict[str, int] = {}
    for line, values in _records(text, source_name, COMPANY_COLUMNS, ("name",)):
        if "__extra__" in values:
            _extra(line, problems)
            continue
        data: dict[str, Any] = {"name": values.get("name", "")}
        if values.get("arr") and values.get("mrr"):
            problems.append(RowProblem(line, "mrr", "give arr or mrr, not both"))
            continue
        for column, period in (("arr", Period.annual), ("mrr", Period.monthly)):
            amount = values.get(column, "").replace(",", "").replace("_", "")
            if amount:
                data["revenue"], data["revenue_period"] = amount, period
        for key in ("domain", "plan", "stage", "industry", "employees", "region"):
            if values.get(key):
                data[key] = values[key]
        if values.get("segment"):
            data["segment_id"] = _named(values["segment"], segments, "segment", line, problems)
            if data["segment_id"] is None:
                continue
        body = _validated(CompanyCreate, data, line, problems,
                          {"revenue": "arr" if values.get("arr") else "mrr"})
        if body is None:
            continue
        keys = [f"name:{body.name.lower()}"] + ([f"domain:{body.domain}"] if body.domain else [])
        repeated = next((k for k in keys if k in seen), None)
        if repeated is not None:
            problems.append(RowProblem(line, repeated.split(":")[0], f"the same company as "
                                       f"line {seen[repeated]}"))
            continue
        seen.update({k: line for k in keys})
        rows.append((line, body))
    _finish(problems, source_name, skip_invalid)
    result = CustomersImport(skipped=problems)
    for done, (line, body) in enumerate(rows, start=1):
        existing = (company_by_domain(scope, body.domain) if body.domain else None) \
            or company_by_name(scope, body.name)
        created = _upsert(scope, companies, body.model_dump(exclude_unset=True),
                          existing.id if existing is not None else None, line, source_name)
        result.created += created
        result.updated += not created
        if progress is not None:
            progress(done, len(rows))
    forget(scope)
    return result


def import_contacts(scope: Scope, text: str, source_name: str = "CSV",
                    skip_invalid: bool = False,
                    progress: Callable[[int, int], None] | None = None) -> CustomersImport:
    """Create or update contacts from CSV text (see the module docstring)."""
    scope.require(Action.import_data)
    personas = _by_name(scope, Persona)
    problems: list[RowProblem] = []
    rows: list[tuple[int, ContactCreate, str]] = []
    seen: dict[str, int] = {}
    for line, values in _records(text, source_name, CONTACT_COLUMNS, ("email", "name")):
        if "__extra__" in values:
            _extra(line, problems)
            continue
        if not values.get("email") and not values.get("name"):
            problems.append(RowProblem(line, "email", "give an email or a name"))
            continue
        data: dict[str, Any] = {k: values[k] for k in ("email", "name", "title")
                                if values.get(k)}
        if values.get("persona"):
            data["persona_id"] = _named(values["persona"], personas, "persona", line, problems)
            if data["persona_id"] is None:
                continue
        company = values.get("company", "")
        if len(company) > 200:
            problems.append(RowProblem(line, "company", "value is too long: at most 200 "
                                       "characters."))
            continue
        body = _validated(ContactCreate, data, line, problems, {})
        if body is None:
            continue
        if body.email:
            if body.email in seen:
                problems.append(RowProblem(line, "email", f"the same email as line "
                                           f"{seen[body.email]}"))
                continue
            seen[body.email] = line
        rows.append((line, body, company))
    _finish(problems, source_name, skip_invalid)
    result = CustomersImport(skipped=problems)
    for done, (line, body, company) in enumerate(rows, start=1):
        sent = body.model_dump(exclude_unset=True)
        if company:
            sent["company_id"] = find_or_create_company(scope, company)
        existing = _contact_match(scope, body, sent.get("company_id"))
        created = _upsert(scope, contact_records, sent,
                          existing.id if existing is not None else None, line, source_name)
        result.created += created
        result.updated += not created
        if progress is not None:
            progress(done, len(rows))
    forget(scope)
    return result


def _contact_match(scope: Scope, body: ContactCreate, company_id: int | None
                   ) -> Contact | None:
    """The contact a row updates: the one with its email; a row without an email, the
    contact of that name at that company who has no email either."""
    stmt = select(Contact).where(Contact.workspace_id == scope.workspace_id)
    if body.email:
        stmt = stmt.where(func.lower(Contact.email) == body.email)
    else:
        stmt = stmt.where(func.lower(Contact.name) == body.name.lower(),
                          Contact.email.is_(None), Contact.company_id.is_(company_id)
                          if company_id is None else Contact.company_id == company_id)
    return scope.session.scalars(stmt.order_by(Contact.id)).first()


__all__ = ["COMPANY_COLUMNS", "CONTACT_COLUMNS", "Company", "CustomersImport",
           "ImportRejected", "RowProblem", "import_companies", "import_contacts"]
