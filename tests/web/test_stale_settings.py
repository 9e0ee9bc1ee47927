"""One-click buttons and settings forms carry the version they were rendered with: a stale
post writes nothing and answers 409 (the conflict page, or for the checklist's htmx button
the panel as it is now with a message). The settings versioned by content carry the same
checksum the API sends as its ETag. Both engines."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from tandem.accounts.models import User
from tandem.api.app import create_api
from tandem.inbound.release import ReleaseCreate, releases
from tandem.inbound.scoring import service as scoring
from tandem.inbound.scoring.schemas import WeightsBody
from tandem.inbound.themes import curation
from tandem.inbound.themes import service as themes
from tandem.market.product import ProductCreate, products
from tandem.outbound.checklists import service as checklists
from tandem.outbound.checklists.models import LaunchTask
from tandem.outbound.checklists.schemas import TaskCreate, TaskUpdate
from tandem.outbound.claims import service as claims
from tandem.outbound.claims.schemas import SettingsUpdate
from tandem.outbound.launch import LaunchCreate, launches
from tandem.roles import service as roles
from tandem.roles.health import service as health
from tandem.roles.phases import service as phases
from tandem.runtime import Runtime
from tests.api.conftest import token_for
from tests.inbound.themes.test_service import seed, theme_of
from tests.web.conftest import Browser
from tests.web.engines import rt_on_both_engines  # noqa: F401 - `rt` on both engines


def version_of(page: str, action: str) -> str:
    """The `_version` of the form posting to `action` (the first such form)."""
    form = re.search(r'action="' + re.escape(action) + r'"[^>]*>(.*?)</form>', page, re.S)
    assert form, f"no form posts to {action}"
    found = re.search(r'name="_version" value="(\d+)"', form.group(1))
    assert found, f"the form posting to {action} carries no version"
    return found.group(1)


def refused(answer_text: str, status: int, mine: str, theirs: str) -> None:
    text = html.unescape(answer_text)
    assert status == 409, text[:300]
    assert "while you were editing" in text and "not saved" in text
    assert mine in text and theirs in text


def api_etag(rt: Runtime, user: User, url: str) -> str:
    with TestClient(create_api(rt)) as api:
        got = api.get("/workspaces/acme" + url, headers=token_for(rt, user))
    assert got.status_code == 200, got.text
    return got.headers["ETag"].strip('"')


def _launch_with_task(rt: Runtime, user: User) -> tuple[str, int]:
    with rt.scope(user, "acme") as scope:
        release = releases.create(scope, ReleaseCreate(name="Payroll Sync")).id
        launch = launches.create(scope, LaunchCreate.model_validate({
            "name": "Payroll launch", "release_id": release, "tier": 3})).id
        task = checklists.add(scope, launch, TaskCreate(title="Blog post")).id
    return f"/w/acme/launches/{launch}", task


def _done(rt: Runtime, user: User, task: int) -> bool:
    with rt.scope(user, "acme") as scope:
        found = scope.owned(LaunchTask, task)
        assert found is not None
        return found.done_at is not None


def test_checklist_done_and_reopen_stale_are_refused(signed_in: Browser, rt: Runtime,
                                                     user: User) -> None:
    base, task = _launch_with_task(rt, user)
    done = f"{base}/checklist/tasks/{task}/done"
    version = version_of(signed_in.get(base).text, done)
    with rt.scope(user, "acme") as scope:  # someone else edits the task meanwhile
        checklists.update(scope, task, TaskUpdate(title="Their blog post"))
    stale = signed_in.post(done, {"_version": version})  # without htmx: the conflict page
    refused(stale.text, stale.status_code, "Done", "Open")
    assert not _done(rt, user, task)
    quick = signed_in.post(done, {"_version": version}, headers={"HX-Request": "true"})
    assert quick.status_code == 409 and quick.headers["X-Stale-Fragment"] == "1"
    text = html.unescape(quick.text)
    assert "Someone else changed “Their blog post”" in text and "nothing was changed" in text
    assert f'href="{base}#checklist">Reload the page' in text
    assert not _done(rt, user, task)
    fresh = version_of(text, done)  # the redrawn panel carries the version saved now
    assert signed_in.post(done, {"_version": fresh},
                          headers={"HX-Request": "true"}).status_code == 200
    assert _done(rt, user, task)
    reopen = f"{base}/checklist/tasks/{task}/reopen"
    version = version_of(signed_in.get(base).text, reopen)
    with rt.scope(user, "acme") as scope:
        checklists.update(scope, task, TaskUpdate(critical=True))
    stale = signed_in.post(reopen, {"_version": version})
    refused(stale.text, stale.status_code, "Open", "Done")
    assert _done(rt, user, task)
    saved = signed_in.post(reopen, {"_version": re.findall(
        r'name="_version" value="(\d+)"', stale.text)[0]})  # "Save mine"
    assert saved.status_code == 303 and not _done(rt, user, task)


def test_theme_pin_and_hide_stale_are_refused(signed_in: Browser, rt: Runtime,
                                              user: User) -> None:
    with rt.scope(user, "acme") as scope:
        groups = seed(scope)
        themes.run(scope, rt.embedder.name)
        pay = theme_of(scope, groups["payroll"][0])
    assert pay is not None
    page = f"/w/acme/themes/{pay}"
    flags = page + "/flags"
    version = version_of(signed_in.get(page).text, flags)
    with rt.scope(user, "acme") as scope:
        curation.update_theme(scope, pay, label="Their payroll")
    stale = signed_in.post(flags, {"pinned": "1", "_version": version})
    refused(stale.text, stale.status_code, "Pinned", "Not pinned")
    stale = signed_in.post(flags, {"hidden": "1", "_version": version})
    refused(stale.text, stale.status_code, "Hidden", "Shown")
    with rt.scope(user, "acme") as scope:
        theme = themes.get(scope, pay)
        assert not theme.pinned and not theme.hidden
    fresh = version_of(signed_in.get(page).text, flags)
    assert signed_in.post(flags, {"pinned": "1", "_version": fresh}).status_code == 303
    with rt.scope(user, "acme") as scope:
        assert themes.get(scope, pay).pinned


def test_lifecycle_phase_and_owners_stale_are_refused(signed_in: Browser, rt: Runtime,
                                                      user: User) -> None:
    with rt.scope(user, "acme") as scope:
        product = products.create(scope, ProductCreate(name="Shiftwell")).id
    page = f"/w/acme/products/{product}"
    phase, owners = page + "/lifecycle/phase", page + "/lifecycle/owners"
    shown = signed_in.get(page).text
    version = version_of(shown, phase)
    assert version == version_of(shown, owners)
    assert version == api_etag(rt, user, f"/products/{product}/lifecycle")
    with rt.scope(user, "acme") as scope:
        phases.set_phase(scope, product, "growth")
    stale = signed_in.post(phase, {"phase": "launch", "_version": version})
    refused(stale.text, stale.status_code, "launch", "growth")
    assert "It has changed since you loaded the page" in stale.text
    stale = signed_in.post(owners, {"phase": "launch", "driver_id": "", "navigator_id": "",
                                    "_version": version})
    assert stale.status_code == 409 and "Driver in launch" in stale.text
    with rt.scope(user, "acme") as scope:
        assert phases.lifecycle(scope, product).phase == "growth"
    saved = signed_in.post(phase, {"phase": "launch",
                                   "_version": version_of(stale.text, owners)})
    assert saved.status_code == 303
    with rt.scope(user, "acme") as scope:
        assert phases.lifecycle(scope, product).phase == "launch"


def test_roles_preset_and_catalog_stale_are_refused(signed_in: Browser, rt: Runtime,
                                                    user: User) -> None:
    page = signed_in.get("/w/acme/roles").text
    version = version_of(page, "/w/acme/roles/preset")
    assert version == api_etag(rt, user, "/roles/preset")
    with rt.scope(user, "acme") as scope:
        roles.set_preset(scope, "solo")
    stale = signed_in.post("/w/acme/roles/preset", {"preset": "merged", "_version": version})
    assert stale.status_code == 409 and "while you were editing" in stale.text
    with rt.scope(user, "acme") as scope:
        assert roles.preset_of(scope) == "solo"
        name = roles.catalog(scope)[0].name
    catalog = signed_in.get("/w/acme/roles/catalog").text
    rename, hide = "/w/acme/roles/catalog/rename", "/w/acme/roles/catalog/hide"
    version = version_of(catalog, rename)
    assert version == version_of(catalog, hide)
    assert version == api_etag(rt, user, f"/roles/activities/{name}")
    with rt.scope(user, "acme") as scope:  # someone else hides it meanwhile
        roles.hide_activity(scope, name, True)
    stale = signed_in.post(rename, {"name": name, "new_name": "My name", "_version": version})
    assert stale.status_code == 409 and "My name" in html.unescape(stale.text)
    stale = signed_in.post(hide, {"name": name, "hidden": "yes", "_version": version})
    refused(stale.text, stale.status_code, "Hidden", "Hidden")
    with rt.scope(user, "acme") as scope:
        assert roles.entry(scope, name).name == name
    fresh = re.findall(r'name="_version" value="(\d+)"', stale.text)[0]
    assert fresh == api_etag(rt, user, f"/roles/activities/{name}")
    saved = signed_in.post(rename, {"name": name, "new_name": "My name", "_version": fresh})
    assert saved.status_code == 303
    with rt.scope(user, "acme") as scope:
        assert roles.entry(scope, "My name").hidden


SETTINGS = [  # (page, form action, API URL, field, typed, someone else's change, theirs)
    ("/w/acme/claims", "/w/acme/claims/settings", "/claims/settings",
     "evidence_max_age_days", "90",
     lambda scope: claims.update_settings(scope, SettingsUpdate(evidence_max_age_days=30)),
     "30"),
    ("/w/acme/health", "/w/acme/health/settings", "/health/settings", "due_weeks", "6",
     lambda scope: health.set_due_weeks(scope, 9), "9"),
    ("/w/acme/prioritise", "/w/acme/prioritise/weights", "/importance-weights", "critical",
     "7", lambda scope: scoring.set_weights(scope, WeightsBody(critical=5)), "5"),
]


@pytest.mark.parametrize("case", SETTINGS, ids=["claims", "health", "weights"])
def test_settings_forms_stale_are_refused(signed_in: Browser, rt: Runtime, user: User,
                                          case: tuple) -> None:  # type: ignore[type-arg]
    page, action, api_url, field, typed, change, theirs = case
    version = version_of(signed_in.get(page).text, action)
    assert version == api_etag(rt, user, api_url)  # the form's version is the ETag
    with rt.scope(user, "acme") as scope:
        change(scope)
    stale = signed_in.post(action, {field: typed, "_version": version})
    refused(stale.text, stale.status_code, typed, theirs)
    assert "It has changed since you loaded the page" in stale.text
    assert version_of(signed_in.get(page).text, action) == api_etag(rt, user, api_url)
    fresh = re.findall(r'name="_version" value="(\d+)"', stale.text)[0]
    assert fresh == api_etag(rt, user, api_url)  # "Save mine" goes over the saved one
    saved = signed_in.post(action, {field: typed, "_version": fresh})
    assert saved.status_code == 303
    with TestClient(create_api(rt)) as api:
        body = api.get("/workspaces/acme" + api_url, headers=token_for(rt, user)).json()
    assert f"{body[field]:g}" == typed
