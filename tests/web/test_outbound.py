"""The outbound pages: the guided canvas, the messaging house and the claims audit."""

from __future__ import annotations

import html

from tandem.accounts.models import Role, User, Workspace
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.inbound.release import ReleaseCreate, releases
from tandem.market.persona import PersonaCreate, personas
from tandem.market.product import ProductCreate, products
from tandem.outbound.claims import service as claims
from tandem.outbound.messaging import service as messaging
from tandem.outbound.messaging.models import HouseStatus
from tandem.outbound.positioning import service as positioning
from tandem.outbound.positioning.schemas import CanvasCreate, DraftUpdate, VersionCreate
from tandem.runtime import Runtime
from tests.web.conftest import Browser, add_member


def _seed(rt: Runtime, user: User) -> dict[str, int]:
    with rt.scope(user, "acme") as scope:
        return {"product": products.create(scope, ProductCreate(name="Shiftwell")).id,
                "persona": personas.create(scope, PersonaCreate(name="Ops Olivia")).id,
                "release": releases.create(scope, ReleaseCreate(name="Swap Center")).id,
                "quote": evidence.create(scope, EvidenceCreate(
                    text="Payroll takes ten minutes now", customer_company="Harbor")).id}


def test_guided_canvas_to_a_saved_version(signed_in: Browser, rt: Runtime,
                                          user: User) -> None:
    ids = _seed(rt, user)
    assert "No positioning canvas yet" in signed_in.get("/w/acme/positioning").text
    started = signed_in.post("/w/acme/positioning", {"product_id": str(ids["product"])})
    assert started.headers["location"].endswith("/step/alternatives")
    canvas = started.headers["location"].split("/")[4]
    base = f"/w/acme/positioning/{canvas}"
    step = signed_in.follow(started).text
    assert "Step 1 of 5: Competitive alternatives" in step and "Spreadsheets" in step

    moved = signed_in.post(base + "/step/alternatives",
                           {"alternatives": "Spreadsheets\nDo nothing\n"})
    assert moved.headers["location"] == base + "/step/attributes"
    bad = signed_in.post(base + "/step/attributes", {
        "attribute_1": "Payroll export", "value_1": "payroll in minutes", "evidence_1": "999"})
    assert bad.status_code == 422 and "No evidence #999 in this workspace" in bad.text
    assert 'value="999"' in bad.text  # what the person typed stays
    half = signed_in.post(base + "/step/attributes", {"attribute_1": "Payroll export"})
    assert half.status_code == 422 and "Attribute 1: give both" in html.unescape(half.text)
    signed_in.post(base + "/step/attributes", {
        "attribute_1": "Payroll export", "value_1": "payroll in minutes",
        "evidence_1": f"#{ids['quote']}"})
    review = signed_in.get(base + "/review").text
    assert "Target customer is empty" in review and f"{base}/step/target" in review
    signed_in.post(base + "/step/target", {"target": "clinic managers",
                                           "need": "lose hours on payroll"})
    signed_in.post(base + "/step/category", {"category": "scheduling app"})
    done = signed_in.post(base + "/step/trends", {"trends": ""})
    assert done.headers["location"] == base + "/review"
    review = html.unescape(signed_in.get(base + "/review").text)
    assert ("For clinic managers who lose hours on payroll, Shiftwell is a scheduling app "
            "that payroll in minutes. Unlike spreadsheets, we offer payroll export.") in review
    saved = signed_in.follow(signed_in.post(base + "/versions", {"note": "first"}))
    page = html.unescape(saved.text)
    assert "Saved version 1; it is now current." in page
    assert "Version 1 is current — saved by olive@example.com" in page
    assert "Version saved" in page and "History" in page
    with rt.scope(user, "acme") as scope:
        assert positioning.view(scope, int(canvas)).canvas.current_version == 1


def test_house_page_flags_and_clears_a_claim(signed_in: Browser, rt: Runtime,
                                             user: User) -> None:
    ids = _seed(rt, user)
    refused = signed_in.post("/w/acme/messaging", {
        "name": "Core", "product_id": str(ids["product"]), "core_message": "Rotas that run",
        "pillars": "Only one"})
    assert "at least 2" in html.unescape(signed_in.follow(refused).text)
    built = signed_in.post("/w/acme/messaging", {
        "name": "Core", "product_id": str(ids["product"]), "core_message": "Rotas that run",
        "pillars": "Payroll in minutes\nCover found fast", "release_id": str(ids["release"])})
    house_url = built.headers["location"]
    with rt.scope(user, "acme") as scope:
        house = messaging.houses(scope)[0]
        pillars = [p.pillar.id for p in messaging.view(scope, house.id).pillars]
    signed_in.post(f"/w/acme/messaging/pillars/{pillars[0]}/points", {
        "claim": "Two hours saved", "kind": "metric", "metric": "2 h/week"})
    page = html.unescape(signed_in.get(house_url).text)
    assert "0 of 2 claims supported (0%)" in page
    assert "a metric with no source" in page and "No proof points yet" in page
    with rt.scope(user, "acme") as scope:
        point = messaging.view(scope, house.id).all_points[0].id
    signed_in.post(f"/w/acme/messaging/points/{point}", {
        "claim": "Two hours saved", "kind": "evidence", "evidence_id": str(ids["quote"])})
    signed_in.post(f"/w/acme/messaging/pillars/{pillars[1]}/points", {
        "claim": "Rated easiest", "kind": "third_party", "url": "https://example.org/review"})
    bad_url = signed_in.post(f"/w/acme/messaging/pillars/{pillars[1]}/points", {
        "claim": "x", "kind": "third_party", "url": "javascript:alert(1)"})
    assert "must start with http" in html.unescape(signed_in.follow(bad_url).text)
    signed_in.post(house_url + "/matrix", {"persona_id": str(ids["persona"]),
                                           "key_message": "Payroll in minutes"})
    assert "2 of 3 claims supported" in html.unescape(signed_in.get(house_url).text)
    with rt.scope(user, "acme") as scope:
        row = messaging.view(scope, house.id).matrix[0].id
    cited = signed_in.post(f"/w/acme/messaging/matrix/{row}/proof",
                           {"proof_point_id": str(point)})
    assert "Proof cited" in html.unescape(signed_in.follow(cited).text)
    approved = html.unescape(signed_in.follow(signed_in.post(house_url + "/edit",
                                                             {"status": "approved"})).text)
    assert "3 of 3 claims supported (100%)" in approved
    assert "approved by olive@example.com" in approved
    audit = html.unescape(signed_in.get("/w/acme/claims").text)
    assert "3 of 3 claims supported" in audit and "Core" in audit
    release = html.unescape(signed_in.get(f"/w/acme/releases/{ids['release']}").text)
    assert "Pillars: Payroll in minutes · Cover found fast" in release
    assert "3 of 3 claims supported (100%)" in release
    assert "Positioning:" not in release  # the product has no current positioning yet
    with rt.scope(user, "acme") as scope:
        canvas = positioning.create(scope, CanvasCreate(product_id=ids["product"])).id
        positioning.update_draft(scope, canvas, DraftUpdate.model_validate({
            "alternatives": ["Spreadsheets"], "attributes": [{
                "attribute": "Payroll export", "value": "payroll in minutes",
                "evidence_ids": [ids["quote"]]}],
            "target": "clinic managers", "need": "lose hours on payroll",
            "category": "scheduling app"}))
        positioning.save_version(scope, canvas, VersionCreate(note="first"))
    release = html.unescape(signed_in.get(f"/w/acme/releases/{ids['release']}").text)
    assert "Positioning: For clinic managers who lose hours on payroll, Shiftwell is a " \
        "scheduling app" in release
    assert signed_in.post("/w/acme/messaging/points/99999/delete").status_code == 404


def test_viewer_reads_but_cannot_change(browser: Browser, rt: Runtime, user: User,
                                        ws: Workspace) -> None:
    ids = _seed(rt, user)
    add_member(rt, user, "acme", "vera@example.com", Role.viewer)
    browser.sign_in("vera@example.com")
    page = browser.get("/w/acme/positioning")
    assert page.status_code == 200 and "Start a canvas" not in page.text
    denied = browser.post("/w/acme/positioning", {"product_id": str(ids["product"])})
    assert denied.status_code == 403
    assert browser.get("/w/acme/claims").status_code == 200
    assert browser.get("/w/acme/positioning/1/step/bogus").status_code == 422


def test_asset_page_generates_edits_and_downloads(signed_in: Browser, rt: Runtime,
                                                  user: User) -> None:
    from tandem.market.competitor import CompetitorCreate, competitors

    _seed(rt, user)
    with rt.scope(user, "acme") as scope:
        competitors.create(scope, CompetitorCreate(name="RotaBoard", strengths="Cheap"))
    refused = signed_in.post("/w/acme/assets", {"kind": "battlecard", "competitor": ""})
    assert "A battlecard needs a competitor" in html.unescape(signed_in.follow(refused).text)
    made = signed_in.post("/w/acme/assets", {"kind": "battlecard", "competitor": "RotaBoard"})
    page = html.unescape(signed_in.follow(made).text)
    assert "<h2>Why we lose</h2>" in page and "Version 1" in page
    url = made.headers["location"]
    body = "# Card\n\n<script>alert(1)</script>\n"
    saved = signed_in.follow(signed_in.post(url + "/edit", {"body": body})).text
    assert "Saved as version 2" in saved and "<script>alert(1)</script>" not in saved
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>" in saved  # shown, not run
    download = signed_in.get(url + "/download?format=md")
    assert download.text == body.strip() and "attachment" in download.headers["content-disposition"]
    pdf = signed_in.get(url + "/download?format=pdf")
    assert pdf.content.startswith(b"%PDF") and 'filename="asset-' in pdf.headers[
        "content-disposition"] and ".pdf" in pdf.headers["content-disposition"]
    assert signed_in.get(url + "/download?format=docx").status_code == 422
    compared = html.unescape(signed_in.get(url + "/compare").text)
    assert "Version 1 → version 2" in compared
    assert '<span class="diff-added"><span class="sr-only">added: </span>+ # Card' in compared
    assert "what changed" in html.unescape(signed_in.get(url).text)
    wrong = signed_in.get(url + "/compare?left=1&right=9")
    assert "has no version 9" in html.unescape(signed_in.follow(wrong).text)


def test_release_and_competitor_pages_list_their_assets(signed_in: Browser, rt: Runtime,
                                                        user: User) -> None:
    from tandem.inbound.release import ReleaseCreate, releases
    from tandem.market.competitor import CompetitorCreate, competitors
    from tandem.outbound.assets import service as assets
    from tandem.outbound.assets.models import AssetKind
    from tandem.outbound.assets.schemas import AssetGenerate

    _seed(rt, user)
    with rt.scope(user, "acme") as scope:
        rival = competitors.create(scope, CompetitorCreate(name="RotaBoard")).id
        release = releases.create(scope, ReleaseCreate(name="Kiosk")).id
        assets.generate(scope, AssetGenerate(kind=AssetKind.changelog, release_id=release))
    page = html.unescape(signed_in.get(f"/w/acme/releases/{release}").text)
    assert "Sales assets" in page and "Changelog: Shiftwell Kiosk" in page
    empty = html.unescape(signed_in.get(f"/w/acme/competitors/{rival}").text)
    assert "Battlecards" in empty and "None yet." in empty


def test_home_counts_approved_assets_and_unsupported_claims_each_linking_to_them(
        signed_in: Browser, rt: Runtime, user: User) -> None:
    from tandem.outbound.assets import service as assets
    from tandem.outbound.assets.models import AssetKind
    from tandem.outbound.assets.schemas import AssetGenerate, AssetStatusChange
    from tandem.outbound.messaging.schemas import HouseCreate, PillarIn, ProofPointIn

    ids = _seed(rt, user)
    with rt.scope(user, "acme") as scope:
        house = messaging.create(scope, HouseCreate(
            name="Core", product_id=ids["product"], core_message="Rotas that run",
            release_id=ids["release"],
            pillars=[PillarIn(title="Payroll in minutes"), PillarIn(title="Cover found fast")]))
        first = messaging.view(scope, house.id).pillars[0].pillar.id
        messaging.add_proof_point(scope, first, ProofPointIn(
            claim="Two hours saved", kind="metric", metric="2 h/week"))  # no source
        notes = assets.generate(scope, AssetGenerate(kind=AssetKind.release_notes,
                                                     house_id=house.id))
        assets.generate(scope, AssetGenerate(kind=AssetKind.changelog, house_id=house.id))
        assets.set_status(scope, notes.id, AssetStatusChange(status=HouseStatus.approved))
        unsupported = claims.audit(scope).overall.unsupported
    assert unsupported >= 2  # the unsourced metric, the pillar with no proof (and the asset's)

    home = signed_in.get("/w/acme").text
    card = home.split('id="home-assets"', 1)[1].split("</article>", 1)[0]
    assert ('<a class="stat" href="/w/acme/assets?status=approved"><strong>1</strong>'
            '<span>approved asset</span>') in card
    assert (f'href="/w/acme/claims?show=gaps"><strong>{unsupported}</strong>'
            '<span>unsupported claims</span>') in card

    approved = html.unescape(signed_in.get("/w/acme/assets?status=approved").text)
    assert "Showing approved assets only (1)" in approved
    assert "Release notes: Shiftwell Swap Center" in approved
    assert "Changelog: Shiftwell Swap Center" not in approved  # the draft is left out
    everything = html.unescape(signed_in.get("/w/acme/assets").text)
    assert "Changelog: Shiftwell Swap Center" in everything
    gaps = signed_in.get("/w/acme/claims?show=gaps").text
    table_rows = gaps.count('<tr class="unsupported">')
    assert table_rows == unsupported and gaps.count('<tr class="">') == 0
    assert "a metric with no source" in gaps and "Pillar &#39;Cover found fast&#39;" in gaps
    bogus = signed_in.get("/w/acme/assets?status=bogus")  # an unknown status shows all
    assert bogus.status_code == 200 and "Changelog: Shiftwell Swap Center" in html.unescape(
        bogus.text)
