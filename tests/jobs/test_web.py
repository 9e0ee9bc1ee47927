"""The jobs pages: list, a job page whose status block polls itself, cancel, and the
templates folder beside a feature's web module."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tandem.accounts import service as accounts
from tandem.accounts.models import Role, User, Workspace
from tandem.platform.jobs import service
from tandem.runtime import Runtime
from tandem.server import create_app
from tandem.web.render import feature_templates, make_env
from tests.conftest import PASSWORD
from tests.web.conftest import Browser, add_member

from .support import gate, job_row, make_worker, wait_until

HX = {"HX-Request": "true"}
POLLING = 'hx-trigger="every 1s"'


@pytest.fixture
def rt(sqlite_runtime: Runtime) -> Runtime:
    return sqlite_runtime


@pytest.fixture
def vendor(tmp_path: Path) -> Path:
    """A node_modules with htmx in it, so pages render their htmx attributes."""
    htmx = tmp_path / "vendor" / "htmx.org" / "dist" / "htmx.min.js"
    htmx.parent.mkdir(parents=True)
    htmx.write_text("")
    return htmx.parents[2]


@pytest.fixture
def user(rt: Runtime) -> User:
    with rt.session() as session:
        return accounts.create_user(session, "olive@example.com", PASSWORD, "Olive Owner")


@pytest.fixture
def ws(rt: Runtime, user: User) -> Workspace:
    with rt.session() as session:
        return accounts.create_workspace(session, "Acme", user)


@pytest.fixture
def browser(rt: Runtime, vendor: Path, ws: Workspace) -> Iterator[Browser]:
    with TestClient(create_app(rt, vendor_dir=vendor), follow_redirects=False) as client:
        yield Browser(client)


@pytest.fixture
def signed_in(browser: Browser, user: User) -> Browser:
    browser.sign_in(user.email)
    return browser


def start(rt: Runtime, user: User, kind: str = "test.echo", **args: str) -> int:
    with rt.scope(user, "acme") as scope:
        return service.enqueue(scope, kind, dict(args)).id


def test_feature_templates_are_found_beside_the_web_module() -> None:
    folders = feature_templates()
    assert folders["jobs"] == Path(service.__file__).parent / "templates"
    env = make_env()
    assert env.get_template("jobs/job.html") is not None
    assert env.get_template("base.html") is not None  # the core folder still comes first


def test_job_page_polls_while_running_and_stops_when_finished(
        signed_in: Browser, rt: Runtime, user: User) -> None:
    job_id = start(rt, user, text="hello", gate="g")
    page = signed_in.get(f"/w/acme/jobs/{job_id}")
    assert page.status_code == 200
    assert "<h1>Echo the text</h1>" in page.text
    assert POLLING in page.text and f'hx-get="/w/acme/jobs/{job_id}/status"' in page.text
    assert "Waiting for a worker" in page.text
    assert 'aria-current="page">Jobs</a>' in page.text  # the feature's sidebar entry

    ran = threading.Thread(target=make_worker(rt).run_once)
    ran.start()
    wait_until(lambda: job_row(rt, job_id).progress == 50)
    fragment = signed_in.get(f"/w/acme/jobs/{job_id}/status", headers=HX)
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert '<progress id="job-bar" max="100" value="50"' in fragment.text
    assert "halfway" in fragment.text and POLLING in fragment.text
    assert "Cancel job" in fragment.text

    gate("g").set()
    ran.join()
    finished = signed_in.get(f"/w/acme/jobs/{job_id}/status", headers=HX).text
    assert POLLING not in finished  # polling stops here
    assert 'value="100"' in finished and "Succeeded" in finished
    assert re.search(r"<dt>Echo</dt><dd>hello</dd>", finished)
    assert "Cancel job" not in finished


def test_failed_job_shows_its_error(signed_in: Browser, rt: Runtime, user: User) -> None:
    job_id = start(rt, user, "test.bad_result")
    assert make_worker(rt).run_once()
    page = signed_in.get(f"/w/acme/jobs/{job_id}").text
    assert "It failed:" in page and "Its result cannot be stored" in page


def test_cancel_button_posts_with_csrf(signed_in: Browser, rt: Runtime, user: User) -> None:
    job_id = start(rt, user)
    forged = signed_in.client.post(f"/w/acme/jobs/{job_id}/cancel")
    assert forged.status_code == 403 and job_row(rt, job_id).status == "queued"
    cancelled = signed_in.post(f"/w/acme/jobs/{job_id}/cancel")
    assert cancelled.headers["location"] == f"/w/acme/jobs/{job_id}"
    shown = signed_in.follow(cancelled).text
    assert "Cancelled." in shown and POLLING not in shown
    assert job_row(rt, job_id).status == "cancelled"
    again = signed_in.follow(signed_in.post(f"/w/acme/jobs/{job_id}/cancel")).text
    assert "Cancelled." in again  # a second click changes nothing


def test_cancelling_a_finished_job_explains(signed_in: Browser, rt: Runtime,
                                            user: User) -> None:
    job_id = start(rt, user)
    assert make_worker(rt).run_once()
    shown = signed_in.follow(signed_in.post(f"/w/acme/jobs/{job_id}/cancel")).text
    assert "has already succeeded: there is nothing to cancel." in shown


def test_viewer_sees_jobs_without_a_cancel_button(browser: Browser, rt: Runtime,
                                                  user: User) -> None:
    job_id = start(rt, user)
    add_member(rt, user, "acme", "vera@example.com", Role.viewer)
    browser.sign_in("vera@example.com")
    page = browser.get(f"/w/acme/jobs/{job_id}")
    assert page.status_code == 200 and "Cancel job" not in page.text
    refused = browser.post(f"/w/acme/jobs/{job_id}/cancel")
    assert refused.status_code == 403 and job_row(rt, job_id).status == "queued"


def test_jobs_list_page(signed_in: Browser, rt: Runtime, user: User) -> None:
    empty = signed_in.get("/w/acme/jobs")
    assert empty.status_code == 200 and "No jobs yet" in empty.text
    ids = [start(rt, user) for _ in range(3)]
    listing = signed_in.get("/w/acme/jobs").text
    links = re.findall(r'href="/w/acme/jobs/(\d+)"', listing)
    assert [int(i) for i in links] == ids[::-1]
    assert "olive@example.com" in listing and "Queued" in listing


def test_other_workspaces_job_is_not_found(signed_in: Browser, rt: Runtime,
                                           user: User) -> None:
    with rt.session() as session:
        accounts.create_workspace(session, "Beta", session.get(User, user.id))
    with rt.scope(user, "beta") as scope:
        theirs = service.enqueue(scope, "test.echo").id
    assert signed_in.get(f"/w/acme/jobs/{theirs}").status_code == 404
    assert signed_in.get(f"/w/beta/jobs/{theirs}").status_code == 200
    assert signed_in.get("/w/acme/jobs/abc").status_code == 404


def test_a_feature_page_that_starts_a_job_lands_on_its_page(
        signed_in: Browser, rt: Runtime) -> None:
    started = signed_in.post("/w/acme/echo")
    assert started.status_code == 303
    location = started.headers["location"]
    job_id = int(location.rsplit("/", 1)[1])
    assert location == f"/w/acme/jobs/{job_id}"
    page = signed_in.follow(started).text
    assert "Started. This page follows its progress." in page and POLLING in page
    assert job_row(rt, job_id).args == {"text": "from the web"}
