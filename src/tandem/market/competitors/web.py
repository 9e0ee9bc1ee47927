"""Competitor intelligence on the competitor's page (aliases, mentions to review, timeline)
and on each piece of evidence (which competitors it names)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from tandem.market.competitor import competitors
from tandem.market.competitors import prices, service
from tandem.market.competitors.matching import highlight, pattern
from tandem.market.competitors.models import ChangeKind, MentionStatus
from tandem.market.competitors.schemas import AliasCreate, ChangeCreate, PriceObserved
from tandem.market.packaging import service as packaging
from tandem.market.packaging.models import BillingPeriod, PriceUnit
from tandem.market.winloss import service as winloss
from tandem.market.winloss.calc import percent
from tandem.platform.feature import Panel
from tandem.platform.policy import Action
from tandem.scope import Scope
from tandem.web.actions import act
from tandem.web.context import FormDep, form_text, ws_url
from tandem.web.render import humanize, plural
from tandem.web.versions import StaleForm, form_version, stale_removal

router = APIRouter()
SHOWN = 50


def competitor_panel(scope: Scope, kind: str, obj_id: int, params: Mapping[str, str]
                     ) -> Panel | None:
    """On a competitor: aliases, mentions with a reject button, and the timeline. On a
    piece of evidence: the competitors it names."""
    if kind == "evidence":
        named = service.competitors_named_in(scope, obj_id)
        return Panel("competitors/_named.html", {"intel_named": named}) if named else None
    if kind != "competitors":
        return None
    names = [competitors.get(scope, obj_id).name, *service.aliases(scope, obj_id)]
    compiled = pattern(names)
    linked = service.mentions(scope, obj_id, MentionStatus.linked, SHOWN)
    rejected = service.mentions(scope, obj_id, MentionStatus.rejected, SHOWN)
    context: dict[str, Any] = {
        "competitor_id": obj_id, "aliases": names[1:], "counts": service.counts(scope, obj_id),
        "linked": [(m, highlight(m.evidence.text[:400], compiled)) for m in linked],
        "rejected": rejected, "timeline": service.timeline(scope, obj_id),
        "change_kinds": [k.value for k in ChangeKind], "today": date.today().isoformat(),
        "can_link": scope.can(Action.link), "shown": SHOWN,
        "against": winloss.report(scope, obj_id), "percent": percent,
    }
    # Panels share the page's context: everything goes under one key of our own.
    return Panel("competitors/_panel.html", {"intel": context}, wide=True)


def pricing_panel(scope: Scope, kind: str, obj_id: int, params: Mapping[str, str]
                  ) -> Panel | None:
    """On a competitor's page: their plans and prices beside ours, and a form to record
    what their pricing page says."""
    if kind != "competitors":
        return None
    product, ours = packaging.plan_lines(scope)
    return Panel("competitors/_pricing.html", {"pricing": {
        "competitor_id": obj_id, "rows": [(p, prices.label(p))
                                          for p in prices.prices(scope, obj_id)],
        "product": product, "ours": ours, "today": date.today().isoformat(),
        "periods": [(p.value, humanize(p.value)) for p in BillingPeriod],
        "units": [(u.value, humanize(u.value)) for u in PriceUnit]}}, wide=True)


def _back(slug: str, competitor_id: int, anchor: str = "intel") -> str:
    return ws_url(slug, "competitors", competitor_id) + f"#{anchor}"


def _act(request: Request, slug: str, competitor_id: int, done: str, action: Any,
         anchor: str = "intel") -> Response:
    """Run one command on a competitor's page; the command may return its own message."""
    return act(request, slug, _back(slug, competitor_id, anchor), action,
               lambda message: message or done)


@router.post("/w/{slug}/competitors/{competitor_id:int}/aliases")
def add_alias(request: Request, slug: str, competitor_id: int, form: FormDep) -> Response:
    alias = form_text(form, "alias")[:200]
    return _act(request, slug, competitor_id, f"Added the alias '{alias.strip()}'.",
                lambda scope: service.add_alias(scope, competitor_id,
                                                AliasCreate(alias=alias)) and None)


@router.post("/w/{slug}/competitors/{competitor_id:int}/aliases/remove")
def remove_alias(request: Request, slug: str, competitor_id: int, form: FormDep) -> Response:
    alias = form_text(form, "alias")[:100]
    return _act(request, slug, competitor_id, f"Removed the alias '{alias}'.",
                lambda scope: service.remove_alias(scope, competitor_id, alias) and None)


@router.post("/w/{slug}/competitors/{competitor_id:int}/scan")
def scan(request: Request, slug: str, competitor_id: int) -> Response:
    """This competitor's names against all evidence, now (one pattern: quick); the scan of
    every competitor at once is the background job on the API and CLI."""
    def run(scope: Scope) -> str:
        scanned, linked = service.scan(scope, competitor_id=competitor_id)
        return (f"Read {plural(scanned, 'piece')} of evidence: "
                f"{plural(linked, 'new mention')} linked.")
    return _act(request, slug, competitor_id, "", run)


@router.post("/w/{slug}/competitors/{competitor_id:int}/mentions/{mention_id:int}/{status}")
def review(request: Request, slug: str, competitor_id: int, mention_id: int,
           status: str, form: FormDep) -> Response:
    """Reject a false match or restore it: the button carries the mention's version, so a
    decision someone else made since the page was loaded is not silently overturned (409,
    both versions, nothing written)."""
    expected = form_version(form)

    def run(scope: Scope) -> str:
        row = service.review(scope, mention_id, service.check_status(status), expected)
        return ("Rejected: it no longer counts as a mention." if row.status == "rejected"
                else "Restored the mention.")

    def conflict(scope: Scope) -> StaleForm:
        row = service.mention(scope, mention_id)
        return StaleForm(
            "mention", f"matched “{row.matched}”", _back(slug, competitor_id, "mentions"),
            ws_url(slug, "competitors", competitor_id, "mentions", mention_id, status),
            row.row_version, {"status": MENTION_LABELS[service.check_status(status).value]},
            {"status": MENTION_LABELS.get(row.status, row.status)}, {"status": "Mention"}, [])
    return act(request, slug, _back(slug, competitor_id, "mentions"), run,
               lambda message: message, conflict)


MENTION_LABELS = {"linked": "Counts as a mention", "rejected": "Rejected as a false match"}


@router.post("/w/{slug}/competitors/{competitor_id:int}/changes")
def add_change(request: Request, slug: str, competitor_id: int, form: FormDep) -> Response:
    def run(scope: Scope) -> str:
        body = ChangeCreate.model_validate({
            "happened_on": form_text(form, "happened_on") or None,
            "kind": form_text(form, "kind") or "other",
            "summary": form_text(form, "summary")[:600],
            "source": form_text(form, "source")[:600]})
        service.add_change(scope, competitor_id, body)
        return "Added to the timeline."
    return _act(request, slug, competitor_id, "", run, "timeline")


@router.post("/w/{slug}/competitors/{competitor_id:int}/changes/{change_id:int}/delete")
def delete_change(request: Request, slug: str, competitor_id: int, change_id: int) -> Response:
    return _act(request, slug, competitor_id, "Removed from the timeline.",
                lambda scope: service.delete_change(scope, competitor_id, change_id),
                "timeline")


@router.post("/w/{slug}/competitors/{competitor_id:int}/prices")
def observe_price(request: Request, slug: str, competitor_id: int, form: FormDep) -> Response:
    def run(scope: Scope) -> str:
        amount = form_text(form, "amount").strip().replace(",", "")[:20]
        body = PriceObserved.model_validate({
            "plan": form_text(form, "plan")[:200], "amount": amount or None,
            "currency": form_text(form, "currency")[:10],
            "period": form_text(form, "period") or "monthly",
            "unit": form_text(form, "unit") or "flat",
            "included": form_text(form, "included")[:1200],
            "source_url": form_text(form, "source_url")[:600],
            "observed_on": form_text(form, "observed_on") or None})
        row = prices.observe(scope, competitor_id, body)
        return f"Recorded {row.plan} at {prices.label(row)}; the timeline has it."
    return _act(request, slug, competitor_id, "", run, "pricing")


@router.post("/w/{slug}/competitors/{competitor_id:int}/prices/{price_id:int}/delete")
def remove_price(request: Request, slug: str, competitor_id: int, price_id: int,
                 form: FormDep) -> Response:
    """Remove a price point as it was shown: recording the same plan again updates it, so
    the button carries its version (409, the price as it is now, when it moved)."""
    seen = form_version(form)

    def conflict(scope: Scope) -> StaleForm:
        row = prices.price(scope, competitor_id, price_id)
        return stale_removal("price", row.plan, _back(slug, competitor_id, "pricing"),
                             ws_url(slug, "competitors", competitor_id, "prices", price_id,
                                    "delete"), row.row_version, seen, {
                                 "Plan": row.plan, "Price": prices.label(row),
                                 "Included": row.included,
                                 "Seen on": row.observed_on.isoformat()})

    return act(request, slug, _back(slug, competitor_id, "pricing"),
               lambda scope: prices.remove(scope, competitor_id, price_id, seen),
               "Removed the price.", conflict)
