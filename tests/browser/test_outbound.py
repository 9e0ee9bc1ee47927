"""The positioning canvas as a new user works it in a real browser: start a canvas, go
through the steps in order, see the generated statement, save a version, edit a step, save
again and compare the two versions side by side; also at phone width."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tandem.accounts import service as accounts
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.market.product import ProductCreate, products
from tandem.runtime import Runtime
from tests.conftest import PASSWORD


def _seed(runtime: Runtime) -> int:
    with runtime.session() as session:
        user = accounts.create_user(session, "pia@example.com", PASSWORD, "Pia")
        accounts.create_workspace(session, "Acme Health", user, "acme")
    with runtime.scope(user, "acme") as scope:
        products.create(scope, ProductCreate(name="Shiftwell"))
        return evidence.create(scope, EvidenceCreate(
            text="Payroll takes ten minutes now", customer_company="Harbor Clinic")).id


def _sign_in(page: Page, live_server: str) -> None:
    page.goto(live_server + "/signin")
    page.fill("#email", "pia@example.com")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(live_server + "/w/acme")


def _next(page: Page) -> None:
    page.click("#step-form button[value=next]")


def test_canvas_flow_from_start_to_compared_versions(page: Page, live_server: str,
                                                     live_runtime: Runtime) -> None:
    quote = _seed(live_runtime)
    _sign_in(page, live_server)
    page.click("nav.sidebar >> text=Positioning")
    page.select_option("#new-product", label="Shiftwell")
    page.click("text=Start the canvas")
    expect(page.locator("h1")).to_have_text("Step 1 of 5: Competitive alternatives")
    expect(page.locator("#f-alternatives")).to_contain_text("Spreadsheets")
    page.fill("#f-alternatives", "Spreadsheets\nDo nothing")
    _next(page)

    expect(page.locator("h1")).to_contain_text("Unique attributes")
    page.fill("#f-attribute-1", "Payroll-ready timesheets")
    page.fill("#f-value-1", "turns payroll day into minutes")
    page.fill("#f-evidence-1", str(quote))
    _next(page)
    expect(page.locator("h1")).to_contain_text("Target customer")
    page.click("#step-form button[value=back]")
    expect(page.locator(".cited")).to_contain_text("Payroll takes ten minutes now")
    _next(page)
    page.fill("#f-target", "clinic managers")
    page.fill("#f-need", "lose hours on payroll")
    _next(page)
    page.fill("#f-category", "scheduling app")
    _next(page)
    expect(page.locator("h1")).to_contain_text("Relevant trends")
    _next(page)

    expect(page).to_have_url(re.compile(r"/positioning/\d+/review$"))
    expect(page.locator("#statement-short")).to_have_text(
        "For clinic managers, Shiftwell is the scheduling app that turns payroll day into "
        "minutes, unlike spreadsheets.")
    page.fill("#f-note", "first cut")
    page.click("#save-version button")
    expect(page.locator(".flash-success")).to_contain_text("Saved version 1")
    expect(page.locator("#statement-long")).to_contain_text("Unlike spreadsheets, we offer")

    page.click("text=Edit the canvas")
    page.click("nav.stepper >> text=Market category")
    page.fill("#f-category", "rota platform")
    _next(page)
    _next(page)
    page.click("#save-version button")
    expect(page.locator(".flash-success")).to_contain_text("Saved version 2")
    changed = page.locator(".diff-row.changed")
    expect(changed).to_have_count(1)
    expect(changed).to_contain_text("scheduling app")
    expect(changed).to_contain_text("rota platform")
    expect(page.locator("#history")).to_contain_text("Version saved")

    page.locator("form[action$='/versions/1/current'] button").click()
    expect(page.locator(".flash-success")).to_contain_text("Version 1 is now current")
    expect(page.locator("#statement-short")).to_contain_text("the scheduling app")

    page.set_viewport_size({"width": 390, "height": 844})
    for path in (page.url, live_server + "/w/acme/positioning",
                 page.url + "/step/attributes", page.url + "/step/target",
                 page.url + "/review", live_server + "/w/acme/claims"):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width}px wide on a 390px screen"


PAYLOADS = ('<script>window.__hit=1</script>', '<img src=x onerror="window.__hit=1">',
            '"><svg onload="window.__hit=1">', "'><iframe src=javascript:window.__hit=1>",
            '<a href="javascript:window.__hit=1">x</a>')


def test_user_text_never_runs_as_script(page: Page, live_server: str,
                                        live_runtime: Runtime) -> None:
    from tandem.market.competitor import CompetitorCreate, competitors
    from tandem.market.persona import PersonaCreate, personas
    from tandem.outbound.assets import service as assets
    from tandem.outbound.assets.models import AssetKind
    from tandem.outbound.assets.schemas import AssetEdit, AssetGenerate
    from tandem.outbound.messaging import service as messaging
    from tandem.outbound.messaging.schemas import HouseCreate, MatrixRowIn, PillarIn, ProofPointIn
    from tandem.outbound.positioning import service as positioning
    from tandem.outbound.positioning.schemas import CanvasCreate, DraftUpdate, VersionCreate
    from tandem.platform.actor import LocalAdmin

    quote = _seed(live_runtime)
    bad = " ".join(PAYLOADS)
    with live_runtime.scope(LocalAdmin(), "acme") as scope:
        canvas = positioning.create(scope, CanvasCreate(product_id=1))
        positioning.update_draft(scope, canvas.id, DraftUpdate.model_validate({
            "alternatives": list(PAYLOADS),
            "attributes": [{"attribute": p[:200], "value": p, "evidence_ids": [quote]}
                           for p in PAYLOADS],
            "target": bad, "need": bad, "category": PAYLOADS[1], "trends": bad}))
        positioning.save_version(scope, canvas.id, VersionCreate(note=PAYLOADS[0]))
        house = messaging.create(scope, HouseCreate(
            name=PAYLOADS[1], product_id=1, core_message=bad,
            pillars=[PillarIn(title=p, body=p) for p in PAYLOADS[:3]]))
        pillar = messaging.view(scope, house.id).pillars[0].pillar.id
        point = messaging.add_proof_point(scope, pillar, ProofPointIn(
            claim=bad, kind="metric", metric=PAYLOADS[2][:200], source=PAYLOADS[3]))
        persona = personas.create(scope, PersonaCreate(name=PAYLOADS[4][:200])).id
        messaging.add_matrix_row(scope, house.id, MatrixRowIn(
            persona_id=persona, pain=bad, key_message=bad, proof_point_id=point.id,
            call_to_action=PAYLOADS[0]))
        competitors.create(scope, CompetitorCreate(name="RotaBoard", strengths=bad,
                                                   weaknesses=bad, description=bad))
        asset = assets.generate(scope, AssetGenerate(kind=AssetKind.battlecard,
                                                     house_id=house.id, competitor="RotaBoard"))
        assets.edit(scope, asset.id, AssetEdit(markdown=asset.body + "\n" + "\n\n".join(
            [*PAYLOADS, "[x](javascript:window.__hit=1)"])))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _sign_in(page, live_server)
    for path in ("/w/acme/positioning", f"/w/acme/positioning/{canvas.id}",
                 f"/w/acme/positioning/{canvas.id}/review",
                 f"/w/acme/positioning/{canvas.id}/step/attributes",
                 f"/w/acme/positioning/{canvas.id}/step/target",
                 "/w/acme/messaging", f"/w/acme/messaging/{house.id}", "/w/acme/claims",
                 "/w/acme/assets", f"/w/acme/assets/{asset.id}"):
        page.goto(live_server + path)
        expect(page.locator("main")).to_contain_text("window.__hit=1")  # shown as text
        assert page.evaluate("window.__hit === undefined"), path
        assert page.locator("main script, main img[src=x], main svg[onload], main iframe, "
                            "main a[href^='javascript' i]").count() == 0, path
    assert dialogs == []
