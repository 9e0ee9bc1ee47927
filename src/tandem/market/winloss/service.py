"""Win/loss deals: recorded one by one or from CSV; every reason and quote becomes evidence
on the inbound side (source win_loss, the deal's company and segment), linked to the deal,
so the loop closes. The report reads the deals (calc.py does the arithmetic).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from pydantic import ValidationError
from sqlalchemy import select

from tandem import documents
from tandem.errors import Invalid
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.market.competitor import Competitor
from tandem.market.segment import Segment
from tandem.market.winloss import calc
from tandem.market.winloss.models import Deal, DealEvidence
from tandem.market.winloss.schemas import DealCreate
from tandem.outbound.assets.engine import to_html
from tandem.platform.events import service as events
from tandem.platform.policy import Action
from tandem.schema import friendly_error
from tandem.scope import Scope

KIND = "deals"
CSV_COLUMNS = ("name", "outcome", "company", "competitor", "segment", "amount", "closed_on",
               "reasons", "quote", "interviewee_role")
MAX_ROWS = 5_000


@dataclass
class Report:
    overall: calc.WinRate
    by_competitor: list[tuple[str, calc.WinRate]]
    by_segment: list[tuple[str, calc.WinRate]]
    by_size: list[tuple[str, calc.WinRate]]
    by_quarter: list[tuple[str, calc.WinRate]]
    why_we_win: list[calc.Reason]
    why_we_lose: list[calc.Reason]


def _check_refs(scope: Scope, body: DealCreate) -> None:
    for field, label, value, row in (
            ("competitor_id", "competitor", body.competitor_id,
             body.competitor_id and scope.session.get(Competitor, body.competitor_id)),
            ("segment_id", "segment", body.segment_id,
             body.segment_id and scope.session.get(Segment, body.segment_id))):
        if value is not None and (not row or row.workspace_id != scope.workspace_id):
            raise Invalid(f"No {label} {value} in this workspace.", field)


def record(scope: Scope, body: DealCreate) -> Deal:
    """The deal, and a piece of evidence for each reason and for the quote."""
    scope.require(Action.create)
    _check_refs(scope, body)
    deal = Deal(workspace_id=scope.workspace_id, name=body.name, outcome=body.outcome.value,
                company=body.company, competitor_id=body.competitor_id,
                segment_id=body.segment_id, amount=body.amount, closed_on=body.closed_on,
                reasons="\n".join(body.reasons), quote=body.quote,
                interviewee_role=body.interviewee_role)
    scope.session.add(deal)
    scope.session.flush()
    word = {"won": "Why we won", "lost": "Why we lost", "no_decision": "Why no decision"}
    texts = [f"{word[body.outcome.value]} {body.name}: {r}" for r in body.reasons]
    if body.quote:
        texts.append(body.quote)
    contact = body.interviewee_role[:200]
    for text in texts:
        values: dict[str, object] = {
            "text": text, "source": "win_loss", "customer_company": body.company,
            "customer_contact": contact, "segment_id": body.segment_id,
            "tags": ["win-loss", body.outcome.value.replace("_", "-")]}
        if body.closed_on is not None:
            values["received_on"] = body.closed_on
        item = evidence.create(scope, EvidenceCreate.model_validate(values))
        scope.session.add(DealEvidence(workspace_id=scope.workspace_id, deal_id=deal.id,
                                       evidence_id=item.id))
    scope.session.flush()
    events.record(scope, "created", KIND, deal.id, deal.name,
                  {"outcome": [None, body.outcome.value], "evidence": [None, len(texts)]})
    return deal


def evidence_of(scope: Scope, deal_ids: list[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {d: [] for d in deal_ids}
    if deal_ids:
        for deal_id, ev_id in scope.session.execute(
                select(DealEvidence.deal_id, DealEvidence.evidence_id)
                .where(DealEvidence.deal_id.in_(deal_ids))
                .order_by(DealEvidence.evidence_id)).all():
            found[deal_id].append(ev_id)
    return found


def deals(scope: Scope, competitor_id: int | None = None) -> list[Deal]:
    """The workspace's deals, newest first; only those against one competitor if given."""
    scope.require(Action.read)
    stmt = select(Deal).where(Deal.workspace_id == scope.workspace_id)
    if competitor_id is not None:
        stmt = stmt.where(Deal.competitor_id == competitor_id)
    return list(scope.session.scalars(stmt.order_by(Deal.closed_on.desc(),
                                                    Deal.id.desc())).all())


def import_csv(scope: Scope, text: str) -> list[Deal]:
    """All rows or none: every row is checked first, problems named by line and column.
    `competitor` and `segment` are names; `reasons` are separated by semicolons."""
    scope.require(Action.import_data)
    if "\x00" in text:
        raise Invalid("The file holds NUL characters, so it is not a text CSV.", "file")
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if unknown or "name" not in header or "outcome" not in header:
        raise Invalid(f"Columns must be among {', '.join(CSV_COLUMNS)}, with name and "
                      f"outcome (found: {', '.join(header) or 'none'}).", "file")
    names = {kind: {n.lower(): i for i, n in scope.session.execute(
        select(model.id, model.name).where(model.workspace_id == scope.workspace_id)).all()}
        for kind, model in (("competitor", Competitor), ("segment", Segment))}
    bodies: list[DealCreate] = []
    problems: list[str] = []
    for raw in reader:
        line = reader.line_num
        if len(bodies) + len(problems) >= MAX_ROWS:
            raise Invalid(f"More than {MAX_ROWS} rows: split the file.", "file")
        values = {k.strip(): (v or "").strip() for k, v in raw.items() if k}
        data: dict[str, object] = {k: v for k, v in values.items()
                                   if v and k not in ("competitor", "segment", "reasons")}
        data["reasons"] = [r for r in values.get("reasons", "").split(";") if r.strip()]
        for kind in ("competitor", "segment"):
            wanted = values.get(kind, "")
            if wanted and wanted.lower() not in names[kind]:
                problems.append(f"line {line}, column '{kind}': no {kind} named '{wanted[:60]}'")
                break
            if wanted:
                data[f"{kind}_id"] = names[kind][wanted.lower()]
        else:
            try:
                bodies.append(DealCreate.model_validate(data))
            except ValidationError as exc:
                err = exc.errors()[0]
                column = str(err["loc"][0]) if err["loc"] else "row"
                problems.append(f"line {line}, column '{column}': "
                                f"{friendly_error(err, column)}")
    if problems:
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise Invalid(f"{len(problems)} invalid row(s), nothing imported: "
                      f"{'; '.join(problems[:5])}{more}.", "file")
    return [record(scope, body) for body in bodies]


def report(scope: Scope, competitor_id: int | None = None) -> Report:
    """The win/loss report; against one competitor only when `competitor_id` is given (its
    page shows that one)."""
    scope.require(Action.read)
    comps = {i: n for i, n in scope.session.execute(select(Competitor.id, Competitor.name)
                                                     .where(Competitor.workspace_id ==
                                                            scope.workspace_id)).all()}
    segs = {i: n for i, n in scope.session.execute(select(Segment.id, Segment.name).where(
        Segment.workspace_id == scope.workspace_id)).all()}
    facts = [calc.DealFacts(
        outcome=calc.Outcome(d.outcome), competitor=comps.get(d.competitor_id or 0, ""),
        segment=segs.get(d.segment_id or 0, ""), amount=d.amount, closed_on=d.closed_on,
        reasons=tuple(d.reasons.splitlines()), quote=d.quote, company=d.company)
        for d in deals(scope, competitor_id)]
    return Report(
        overall=calc.win_rate(facts),
        by_competitor=calc.breakdown(facts, lambda d: d.competitor or "no competitor"),
        by_segment=calc.breakdown(facts, lambda d: d.segment or "no segment"),
        by_size=calc.breakdown(facts, lambda d: calc.size_band(d.amount)),
        by_quarter=calc.by_quarter(facts),
        why_we_win=calc.top_reasons(facts, calc.Outcome.won),
        why_we_lose=calc.top_reasons(facts, calc.Outcome.lost))


def markdown(name: str, found: Report) -> str:
    """The report as Markdown: summary and trend, rates by group, why we win and lose."""
    def rates(title: str, rows: list[tuple[str, calc.WinRate]]) -> list[str]:
        out = [f"## {title}", "", "| | Won | Lost | No decision | Win rate | Counting no "
               "decision |", "|---|---:|---:|---:|---:|---:|"]
        out += [f"| {label} | {r.won} | {r.lost} | {r.no_decision} | "
                f"{calc.percent(r.excluding)} | {calc.percent(r.including)} |"
                for label, r in rows]
        return [*out, ""]

    def reasons(title: str, found_reasons: list[calc.Reason]) -> list[str]:
        out = [f"## {title}", ""]
        for reason in found_reasons:
            out.append(f"- **{reason.text}** ({reason.count})")
            out += [f"  > {q} ({c})" if c else f"  > {q}" for q, c in reason.quotes]
        return [*out, "" if found_reasons else "None recorded.", ""]

    o = found.overall
    lines = [f"# Win/loss report: {name}", "",
             f"{o.deals} deals: {o.won} won, {o.lost} lost, {o.no_decision} no decision. "
             f"Win rate {calc.percent(o.excluding)} excluding no decision, "
             f"{calc.percent(o.including)} counting no decision as not won.", ""]
    lines += rates("Trend by quarter", found.by_quarter)
    lines += rates("By competitor", found.by_competitor)
    lines += rates("By segment", found.by_segment)
    lines += rates("By deal size", found.by_size)
    lines += reasons("Why we win", found.why_we_win)
    lines += reasons("Why we lose", found.why_we_lose)
    return "\n".join(lines)


# Print touches for the report: figures right-aligned, the first column wide enough to read,
# quotes set off, the summary line standing out.
REPORT_CSS = """
td:not(:first-child), th:not(:first-child) { text-align: right; white-space: nowrap; }
td:first-child { width: 38%; }
blockquote { margin: 2pt 0 4pt 10pt; padding-left: 6pt; border-left: 1.5pt solid #d9dce1;
             color: #3f4651; font-style: italic; }
blockquote p { margin: 0; }
h1 + .meta + p, h1 + p:not(.meta) { font-size: 11pt; background: #f4f5f7; padding: 6pt 8pt; }
"""


def pdf(name: str, found: Report, generated: str) -> bytes:
    """The report as a PDF to send (blocking: faces call it off the event loop)."""
    page = documents.page(f"Win/loss report: {name}", to_html(markdown(name, found)),
                          generated, REPORT_CSS)
    return documents.pdf(page)
