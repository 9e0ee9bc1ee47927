"""The suggestions panel and the requirements pages: accept by htmx, the structured form
with its errors at the row, the status buttons, the hand-off and the downloads."""

from __future__ import annotations

from tandem.accounts.models import User
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.market.persona import PersonaCreate, personas
from tandem.roles.assignment import PersonCreate, people
from tandem.runtime import Runtime
from tests.inbound.support import add
from tests.web.conftest import Browser

QUOTE = "retype the rota into payroll"


def test_suggestions_then_requirements_on_the_web(signed_in: Browser, rt: Runtime,
                                                  user: User) -> None:
    with rt.scope(user, "acme") as scope:
        opp = opportunities.create(scope, OpportunityCreate(
            title="payroll rota", problem="rota payroll retype")).id
        near = add(scope, f"I {QUOTE} every week", customer_company="Harbor Cafe").id
        other = add(scope, "payroll rota retype slow").id
        persona = personas.create(scope, PersonaCreate(name="Store manager")).id
    page = signed_in.get(f"/w/acme/opportunities/{opp}")
    assert 'id="suggestions"' in page.text and "Write requirements" in page.text
    base = f"/w/acme/opportunities/{opp}"
    frag = signed_in.get(f"{base}/suggestions", headers={"HX-Request": "true"})
    assert frag.status_code == 200 and "<html" not in frag.text
    assert f'value="{near}"' in frag.text and "Accept" in frag.text
    frag = signed_in.post(f"{base}/suggestions/accept", {"evidence_id": str(near)},
                          headers={"HX-Request": "true"})
    assert frag.status_code == 200 and f"suggestion-{near}" not in frag.text
    assert "Harbor Cafe" in frag.text  # now among the ranked quotes
    done = signed_in.follow(signed_in.post(f"{base}/suggestions/reject",
                                           {"evidence_id": str(other)}))
    assert "will not be suggested here again" in done.text and "Suggest again" in done.text

    with rt.scope(user, "acme") as scope:
        olu = people.create(scope, PersonCreate(name="Olu Writer")).id
    form = signed_in.get(f"{base}/requirements/edit")
    assert form.status_code == 200 and 'name="story_0_i_want"' in form.text
    assert f'<option value="{olu}">Olu Writer</option>' in form.text
    assert f'<option value="{near}">' in form.text  # linked evidence to cite
    assert "Best customer quotes to cite" in form.text and "Harbor Cafe" in form.text
    fields = {"title": "Rota to payroll", "problem": "Managers retype the rota.",
              "story_count": "2", "metric_count": "1", "persona_ids": str(persona),
              "story_0_as_a": "manager", "story_0_i_want": "the rota sent to payroll",
              "story_0_acceptance": "Nightly\n\nOn save",
              "story_0_cite_evidence_0": str(near), "story_0_cite_quote_0": "not said",
              "metric_0_name": "Hours saved", "metric_0_target": "2 a week",
              "non_goals": "Timesheets"}
    bad = signed_in.post(f"{base}/requirements/edit", fields)
    assert bad.status_code == 422
    assert "Story 1, citation 1, quote" in bad.text and "does not say" in bad.text
    assert 'value="the rota sent to payroll"' in bad.text  # nothing typed is lost
    fields["story_0_cite_quote_0"] = QUOTE
    fields["owner_id"] = str(olu)
    doc = signed_in.follow(signed_in.post(f"{base}/requirements/edit", fields))
    assert "Requirements saved." in doc.text and "Store manager" in doc.text
    assert "owner Olu Writer" in doc.text
    assert "Harbor Cafe" in doc.text and "Submit for review" in doc.text
    for status, shown in (("in_review", "Approve"), ("approved", "Hand off")):
        doc = signed_in.follow(signed_in.post(f"{base}/requirements/status",
                                              {"status": status}))
        assert shown in doc.text
    assert f"approved by {user.email}" in doc.text
    refused = signed_in.follow(signed_in.post(f"{base}/requirements/handoff", {
        "what": "All", "to_name": "Dev", "tracker_url": "javascript:alert(1)"}))
    assert "http:// or https://" in refused.text
    doc = signed_in.follow(signed_in.post(f"{base}/requirements/handoff", {
        "what": "All stories", "to_user_id": str(user.id),
        "tracker_url": "https://tracker.example/P-7"}))
    assert "Handed to" in doc.text and "https://tracker.example/P-7" in doc.text
    pdf = signed_in.get(f"{base}/requirements/export", params={"format": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    listing = signed_in.get("/w/acme/requirements")
    assert "Rota to payroll" in listing.text and "Handed to development" in listing.text
