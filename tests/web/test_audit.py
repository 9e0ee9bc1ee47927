"""Every change made in the web shows in the audit log and on the object's History panel."""

from __future__ import annotations

from tandem.accounts.models import Role, User
from tandem.runtime import Runtime
from tests.web.conftest import Browser, add_member


def _audit_rows(html: str) -> str:
    return html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""


def test_web_changes_appear_in_the_audit_log(signed_in: Browser, rt: Runtime,
                                             user: User) -> None:
    made = signed_in.post("/w/acme/opportunities", {"title": "Rota export", "status": "new"})
    opp_url = made.headers["location"]
    opp_id = int(opp_url.rsplit("/", 1)[1])
    signed_in.post(f"{opp_url}/edit", {"title": "Rota export", "status": "validated",
                                       "problem": "Two hours a week"})
    rel = signed_in.post("/w/acme/releases", {"name": "Spring", "horizon": "now",
                                              "status": "planned"})
    rel_id = int(rel.headers["location"].rsplit("/", 1)[1])
    signed_in.post(f"{opp_url}/links", {"kind": "releases", "id": str(rel_id)})
    signed_in.post(f"/w/acme/roadmap/{rel_id}/move", {"horizon": "next"})
    add_member(rt, user, "acme", "pia@example.com", Role.viewer)
    signed_in.post("/w/acme/members", {"email": "pia@example.com", "role": "editor"})
    signed_in.post(f"/w/acme/releases/{rel_id}/delete")

    rows = _audit_rows(signed_in.get("/w/acme/audit").text)
    for text in ("Created", "Updated", "Linked", "Deleted", "Role changed", "Rota export",
                 "Spring", "pia@example.com", user.email):
        assert text in rows, text
    assert "<del>new</del> → <ins>validated</ins>" in rows
    assert "<del>now</del> → <ins>next</ins>" in rows  # the roadmap move

    detail = signed_in.get(opp_url).text
    history = detail.split('id="history"', 1)[1]
    assert "Updated" in history and "Created" in history and "Linked" in history
    only = signed_in.get(f"/w/acme/audit?kind=opportunities&object_id={opp_id}").text
    assert "Spring" not in _audit_rows(only).split("Linked")[0]
    assert "3 changes to Opportunity #" in only


def test_audit_filters_and_bad_input_are_harmless(signed_in: Browser) -> None:
    signed_in.post("/w/acme/opportunities", {"title": "One", "status": "new"})
    assert "One" in _audit_rows(signed_in.get("/w/acme/audit?verb=created").text)
    assert "One" not in _audit_rows(signed_in.get("/w/acme/audit?verb=deleted").text)
    for query in ("object_id=99999999999999999999999", "offset=-5&limit=x",
                  "verb=" + "x" * 5000):
        assert signed_in.get(f"/w/acme/audit?{query}").status_code == 200
    refused = signed_in.get("/w/acme/audit?kind=%00")  # control characters: refused, named
    assert refused.status_code == 422 and "kind" in refused.text


def test_token_changes_are_recorded_on_the_account_page(signed_in: Browser) -> None:
    made = signed_in.post("/account/tokens", {"name": "laptop"})
    assert made.status_code == 200
    page = signed_in.get("/account").text
    history = page.split("Recent changes to your tokens", 1)[1]
    assert "Token created" in history and "laptop" in history and "olive@example.com" in history


def test_jobs_started_from_the_web_are_in_the_audit_log(signed_in: Browser) -> None:
    signed_in.post("/w/acme/search/reindex")
    rows = _audit_rows(signed_in.get("/w/acme/audit?kind=jobs").text)
    assert "Job started" in rows and "Rebuild the search index" in rows
