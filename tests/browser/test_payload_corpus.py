"""No script from user text reaches an asset page, an asset's HTML export, the launch email or
a PDF, proved with a corpus of XSS payloads in a real browser.

The corpus goes into every user text that flows into assets (the positioning canvas, the
house's roof, pillars and proof points, the evidence a proof point or a battlecard quotes, the
customer who said it, competitors, personas and the matrix, releases and the opportunities
they address), every asset kind is generated, and the corpus is also typed straight into
each asset's Markdown. Then, in headless Chromium: each asset's page, its HTML export and the
launch email's HTML (both loaded as a mail client would, with no Content-Security-Policy to
fall back on) run nothing (a flag the payloads set stays unset, no dialog opens) and keep no
dangerous markup (no script-capable element, no event-handler or style attribute, no URL
other than http(s), mailto or relative). Each PDF has no JavaScript, launch, form or
open action and no link other than http(s), mailto or relative, and still shows the
payloads as text.
"""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any

from playwright.sync_api import Page, expect
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from tandem.accounts import service as accounts
from tandem.runtime import Runtime
from tests.conftest import PASSWORD

FLAG = "window.__hit=1"
B64_SCRIPT = "PHNjcmlwdD53aW5kb3cuX19oaXQ9MTwvc2NyaXB0Pg=="  # <script>window.__hit=1</script>
PAYLOADS = (
    # script elements, plain and smuggled
    f"<script>{FLAG}</script>",
    f"<svg><script>{FLAG}</script></svg>",
    f"<scr<script>ipt>{FLAG}</scr</script>ipt>",
    f"</textarea></title><script>{FLAG}</script>",
    # event handlers
    f'<img src=x onerror="{FLAG}">',
    f'"><svg onload="{FLAG}">',
    f"<body onload={FLAG}>",
    f"<details open ontoggle={FLAG}>d</details>",
    f"<input autofocus onfocus={FLAG}>",
    f"<video><source onerror={FLAG}></video>",
    # javascript: URLs, spelt every way
    f'<a href="javascript:{FLAG}">j1</a>',
    f'<a href="JaVaScRiPt:{FLAG}">j2</a>',
    f'<a href="&#106;avascript:{FLAG}">j3</a>',
    f"'><iframe src=javascript:{FLAG}>",
    f'<form action="javascript:{FLAG}"><button>f</button></form>',
    f'<meta http-equiv="refresh" content="0;url=javascript:{FLAG}">',
    f'<base href="javascript:{FLAG}//">',
    # style and expression()
    f'<div style="background:url(javascript:{FLAG});width:expression({FLAG})">s</div>',
    f'<style>body{{background:url("javascript:{FLAG}")}}</style>',
    # data: URLs
    f'<object data="data:text/html;base64,{B64_SCRIPT}"></object>',
    f'<a href="data:text/html;base64,{B64_SCRIPT}">d1</a>',
    f'<embed src="data:image/svg+xml,<svg onload={FLAG}>">',
    # broken and mutating markup
    f"<img src=x onerror={FLAG}//",
    f"<!--<img src=x onerror={FLAG}>-->",
    f"<math><mtext><table><mglyph><style><img src=x onerror={FLAG}>",
    f'<noscript><p title="</noscript><img src=x onerror={FLAG}>">',
    # Markdown link and image tricks
    f"[md1](javascript:{FLAG})",
    f"![md2](javascript:{FLAG})",
    f"[md3](JAVASCRIPT:{FLAG})",
    f"[md4](&#x6A;avascript:{FLAG})",
    f"[md5](data:text/html;base64,{B64_SCRIPT})",
    f'![md6](x" onerror="{FLAG})',
    f"<javascript:{FLAG}>",
    f"[md7]\n\n[md7]: javascript:{FLAG}",
)
SCHEME = re.compile(r"\s*[a-zA-Z][a-zA-Z0-9+.-]*:")  # a URL with a scheme, not a relative one
ONE_LINE = tuple(p for p in PAYLOADS if "\n" not in p)

# Run in the page: what is left of dangerous markup under `root` (empty when nothing).
DANGER = """(root) => {
  const tags = new Set(["SCRIPT", "IFRAME", "FRAME", "OBJECT", "EMBED", "APPLET", "BASE",
    "META", "LINK", "STYLE", "MATH", "SVG", "FORM", "INPUT", "BUTTON", "TEXTAREA", "SELECT",
    "VIDEO", "AUDIO", "SOURCE", "DETAILS", "NOSCRIPT", "TEMPLATE", "BODY"]);
  const urls = ["href", "src", "action", "data", "formaction", "xlink:href", "poster",
    "background", "cite", "srcset", "ping"];
  const found = [];
  for (const el of root.querySelectorAll("*")) {
    const tag = el.tagName.toUpperCase();
    if (tags.has(tag)) found.push(tag);
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      const value = a.value.replace(/[\\s\\u0000-\\u001f]/g, "").toLowerCase();
      if (name.startsWith("on") || name === "style" || name === "srcdoc") {
        found.push(tag + "@" + name);
      }
      if (urls.includes(name) && /^[a-z][a-z0-9+.-]*:/.test(value)
          && !/^(https?|mailto):/.test(value)) {
        found.push(tag + "@" + name + "=" + value.slice(0, 40));
      }
    }
  }
  return found;
}"""
# App markup the asset page itself has in <main> (its forms), left out of the page check.
PAGE_DANGER = DANGER.replace('"FORM", "INPUT", "BUTTON", "TEXTAREA", "SELECT",', "")


def _mix(start: int, limit: int, sep: str = " ") -> str:
    """As many one-line payloads as fit in `limit` characters, from the `start`th on."""
    out: list[str] = []
    for i in range(len(ONE_LINE)):
        payload = ONE_LINE[(start + i) % len(ONE_LINE)]
        if len(sep.join([*out, payload])) > limit:
            break
        out.append(payload)
    return sep.join(out)


def _seed(runtime: Runtime) -> dict[str, Any]:
    """Every user text an asset is written from, full of payloads; every asset kind."""
    from datetime import date, timedelta

    from tandem.inbound.evidence.schemas import EvidenceCreate
    from tandem.inbound.evidence.service import evidence
    from tandem.inbound.opportunity import OpportunityCreate, opportunities
    from tandem.inbound.release import ReleaseCreate, releases
    from tandem.loop import links
    from tandem.market.competitor import CompetitorCreate, competitors
    from tandem.market.packaging import service as packaging
    from tandem.market.packaging.models import FEATURE_NAME, LIMIT_TEXT, PLAN_NAME
    from tandem.market.packaging.schemas import PackagingIn
    from tandem.market.persona import PersonaCreate, personas
    from tandem.market.product import ProductCreate, products
    from tandem.outbound.assets import service as assets
    from tandem.outbound.assets.models import AssetKind
    from tandem.outbound.assets.schemas import AssetEdit, AssetGenerate
    from tandem.outbound.messaging import service as messaging
    from tandem.outbound.messaging.schemas import (
        HouseCreate,
        MatrixRowIn,
        PillarIn,
        ProofPointIn,
    )
    from tandem.outbound.positioning import service as positioning
    from tandem.outbound.positioning.schemas import CanvasCreate, DraftUpdate, VersionCreate

    with runtime.session() as session:
        user = accounts.create_user(session, "pia@example.com", PASSWORD, "Pia")
        accounts.create_workspace(session, "Acme Health", user, "acme")
    everything = "\n\n".join(PAYLOADS)
    rival = ONE_LINE[4]  # the competitor's name is a payload too
    with runtime.scope(user, "acme") as scope:
        product = products.create(scope, ProductCreate(name="Shiftwell")).id
        release = releases.create(scope, ReleaseCreate(
            name=ONE_LINE[0], version=ONE_LINE[4][:50], description=everything)).id
        for i in (1, 5, 9):
            opp = opportunities.create(scope, OpportunityCreate(title=ONE_LINE[i]))
            links.link(scope, "opportunities", opp.id, "releases", release)
        today = date.today()
        quotes = [evidence.create(scope, EvidenceCreate(
            text=_mix(i, 900), customer_company=ONE_LINE[i][:200],
            received_on=today - timedelta(days=3))).id for i in (2, 6, 10)]
        for i, verdict in ((3, "Won"), (7, "Lost")):  # win/loss quotes naming the rival
            evidence.create(scope, EvidenceCreate(
                text=f"{verdict} against {rival}: {_mix(i, 600)}", source="win_loss",
                customer_company=ONE_LINE[i + 1][:200], received_on=today))
        competitors.create(scope, CompetitorCreate(
            name=rival, website=ONE_LINE[10][:200], description=_mix(0, 800),
            strengths=_mix(8, 800), weaknesses=_mix(16, 800)))
        competitors.create(scope, CompetitorCreate(name=ONE_LINE[11]))
        canvas = positioning.create(scope, CanvasCreate(product_id=product))
        positioning.update_draft(scope, canvas.id, DraftUpdate.model_validate({
            "alternatives": list(ONE_LINE[:6]),
            "attributes": [{"attribute": p, "value": _mix(i, 900), "evidence_ids": quotes}
                           for i, p in enumerate(ONE_LINE[6:9])],
            "target": _mix(12, 900), "need": _mix(16, 900), "category": ONE_LINE[20],
            "trends": _mix(22, 900)}))
        positioning.save_version(scope, canvas.id, VersionCreate(note=ONE_LINE[0]))
        house = messaging.create(scope, HouseCreate(
            name=ONE_LINE[1], product_id=product, release_id=release,
            core_message=everything,
            pillars=[PillarIn(title=ONE_LINE[i], body=_mix(i, 2000)) for i in (2, 3, 12)]))
        pillars = [p.pillar.id for p in messaging.view(scope, house.id).pillars]
        cited = messaging.add_proof_point(scope, pillars[0], ProofPointIn(
            claim=_mix(24, 900), kind="evidence", evidence_id=quotes[0]))
        messaging.add_proof_point(scope, pillars[1], ProofPointIn(
            claim=_mix(5, 1500), kind="metric", metric=ONE_LINE[13], source=ONE_LINE[14]))
        messaging.add_proof_point(scope, pillars[2], ProofPointIn(
            claim=_mix(9, 1500), kind="third_party", source=ONE_LINE[15],
            url="https://example.org/review?q=%3Cscript%3E"))
        persona = personas.create(scope, PersonaCreate(name=ONE_LINE[16])).id
        messaging.add_matrix_row(scope, house.id, MatrixRowIn(
            persona_id=persona, pain=_mix(3, 900), key_message=_mix(18, 1500),
            proof_point_id=cited.id, call_to_action=ONE_LINE[19]))

        plans = [ONE_LINE[i][:PLAN_NAME] for i in (21, 22, 23)]
        packaging.replace(scope, product, PackagingIn.model_validate({
            "plans": [{"name": name, "description": _mix(i, 400),
                       "prices": [{"amount": 9 * (i + 1), "currency": "EUR"}]}
                      for i, name in enumerate(plans)],
            "features": [{"name": ONE_LINE[i][:FEATURE_NAME], "cells": {
                plans[0]: {"state": "limit", "limit": ONE_LINE[i + 1][:LIMIT_TEXT]},
                plans[2]: {"state": "included"}}} for i in (24, 26, 28)]}))

        made: dict[str, int] = {}
        for kind in AssetKind:
            body = AssetGenerate(kind=kind, house_id=house.id, release_id=release,
                                 competitor=rival if kind is AssetKind.battlecard else "",
                                 product_id=product if kind.value == "plan_comparison" else None)
            asset = assets.generate(scope, body)
            assert "__hit" in asset.body, f"no user text reached the {kind.value}"
            assert len(asset.body) + len(everything) < 19_000, kind.value
            assets.edit(scope, asset.id, AssetEdit(markdown=asset.body + "\n\n" + everything))
            made[kind.value] = asset.id
    return made


def _pdf_dangers(data: bytes) -> list[str]:
    """JavaScript, launch, form and open actions, and links that are not http(s)/mailto,
    anywhere in the PDF's object graph."""
    actions = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/ResetForm",
               "/GoToR", "/GoToE", "/RichMediaExecute"}
    keys = {"/JS", "/JavaScript", "/AA", "/OpenAction", "/AcroForm", "/XFA", "/EmbeddedFiles",
            "/RichMedia"}
    found: list[str] = []
    seen: set[tuple[int, int]] = set()

    def walk(obj: Any) -> None:
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                return
            seen.add((obj.idnum, obj.generation))
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            for key, value in obj.items():
                if key in keys:
                    found.append(str(key))
                if key == "/S" and isinstance(value, NameObject) and value in actions:
                    found.append(str(value))
                if key == "/URI" and SCHEME.match(str(value)) and not str(
                        value).lower().startswith(("http:", "https:", "mailto:")):
                    found.append(f"/URI {value}")
                walk(value)
        elif isinstance(obj, ArrayObject):
            for value in obj:
                walk(value)

    walk(PdfReader(BytesIO(data)).trailer)
    return found


def test_no_payload_runs_or_survives_in_any_asset_page_export_email_or_pdf(
        page: Page, live_server: str, live_runtime: Runtime) -> None:
    made = _seed(live_runtime)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(live_server + "/signin")
    page.fill("#email", "pia@example.com")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(live_server + "/w/acme")

    for kind, asset_id in made.items():
        url = f"{live_server}/w/acme/assets/{asset_id}"
        page.goto(url)
        preview = page.locator(".asset-preview")
        expect(preview).to_contain_text(FLAG)  # the payloads are there, as text
        assert page.evaluate("window.__hit === undefined"), kind
        assert preview.evaluate(DANGER) == [], kind
        assert page.locator("main").evaluate(PAGE_DANGER) == [], kind

        # The HTML export, opened as a mail client or a browser would open a saved file:
        # no Content-Security-Policy, so only the sanitiser stands between it and a script.
        export = page.request.get(url + "/download?format=html")
        assert export.ok, kind
        page.goto("about:blank")
        page.set_content(export.text(), wait_until="load")
        page.wait_for_timeout(50)  # let any onerror/onload/ontoggle fire
        assert page.evaluate("window.__hit === undefined"), f"{kind} export ran a payload"
        assert FLAG in page.inner_text("body"), kind
        assert page.locator("body").evaluate(DANGER) == [], kind
        head = page.evaluate("[...document.head.children].map(e => e.tagName)")
        assert sorted(head) == ["META", "STYLE", "TITLE"], (kind, head)
        assert "__hit" not in page.evaluate("document.head.querySelector('style')"
                                            ".textContent"), kind

        pdf = page.request.get(url + "/download?format=pdf")
        assert pdf.ok and pdf.body().startswith(b"%PDF"), kind
        assert _pdf_dangers(pdf.body()) == [], kind
        text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.body())).pages)
        assert "__hit" in text, f"the {kind} PDF lost the text it was given"
    assert "launch_email" in made
    assert dialogs == []
