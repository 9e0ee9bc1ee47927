"""A test feature with job kinds for every path a job can take, and helpers to drive them.

Handlers that must pause wait on a named gate: a threading.Event in `GATES` (tests in this
process) or, for a worker in another process, a file that appears.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.responses import Response

from tandem import features
from tandem.api.deps import ActorDep, RuntimeDep
from tandem.api.jobs import accepted
from tandem.platform.feature import Feature
from tandem.platform.jobs import service
from tandem.platform.jobs.kind import JobContext, JobKind, Periodic
from tandem.platform.jobs.models import Job
from tandem.platform.jobs.worker import Worker
from tandem.runtime import Runtime
from tandem.web.context import workspace
from tandem.web.jobs import job_redirect

GATES: dict[str, threading.Event] = {}
RAN: list[int] = []  # job ids, in the order `test.count` ran them
RAN_LOCK = threading.Lock()
WAIT = 60.0  # the longest any test handler waits for its gate (each test opens every
# gate when it ends, so a long wait costs nothing; a short one failed under load)


def gate(name: str) -> threading.Event:
    return GATES.setdefault(name, threading.Event())


def _echo(ctx: JobContext) -> dict[str, Any]:
    ctx.progress(50, "halfway")
    if "gate" in ctx.args:
        gate(ctx.args["gate"]).wait(WAIT)
    with ctx.scope() as scope:
        where = scope.workspace.slug
        actor = scope.actor.label
    return {"echo": ctx.args.get("text", ""), "workspace": where, "actor": actor}


def _flaky(ctx: JobContext) -> dict[str, Any]:
    """Fails until its attempt number reaches args['succeed_on'] (never by default)."""
    with ctx.session() as session:
        job = session.get(Job, ctx.job_id)
        assert job is not None
        attempt = job.attempts
    if attempt < int(ctx.args.get("succeed_on", 99)):
        raise ValueError(f"boom on attempt {attempt}")
    return {"attempt": attempt}


def _steps(ctx: JobContext) -> None:
    """Reports progress, pausing at its gate after the first step, until told to stop."""
    ctx.progress(10, "first step")
    gate(ctx.args["gate"]).wait(WAIT)
    for step in range(2, 1000):
        ctx.progress(min(step, 99), f"step {step}")
        time.sleep(0.01)


def _hang(ctx: JobContext) -> None:
    """Never reports progress: only the worker's watch can notice it overran."""
    gate(ctx.args["gate"]).wait(WAIT)


def _count(ctx: JobContext) -> None:
    time.sleep(0.002)
    with RAN_LOCK:
        RAN.append(ctx.job_id)


def _file_gate(ctx: JobContext) -> dict[str, Any]:
    """For a worker in another process: step until the file args['gate'] exists."""
    path = Path(ctx.args["gate"])
    step = 0
    while not path.exists():
        step += 1
        ctx.progress(min(step, 99), f"waiting for {path.name}")
        time.sleep(0.02)
    return {"steps": step}


def _priority(ctx: JobContext) -> dict[str, Any]:
    """The CPU niceness of the thread the handler runs on."""
    return {"nice": os.getpriority(os.PRIO_PROCESS, threading.get_native_id())}


def _bad_result(ctx: JobContext) -> Any:
    return {"when": object()}


KINDS = (
    JobKind("test.echo", "Echo the text", _echo),
    JobKind("test.flaky", "Fail, maybe recover", _flaky, max_attempts=3),
    JobKind("test.steps", "Step until cancelled", _steps),
    JobKind("test.slow", "Step past the time limit", _steps,
            time_limit=timedelta(milliseconds=200)),
    JobKind("test.hang", "Hang silently", _hang, time_limit=timedelta(milliseconds=100)),
    JobKind("test.count", "Count a run", _count),
    JobKind("test.gate", "Wait for a file", _file_gate, time_limit=timedelta(minutes=2)),
    JobKind("test.bad_result", "Return what JSON cannot hold", _bad_result),
    JobKind("test.priority", "Report the CPU priority", _priority),
    JobKind("test.tick", "A periodic chore", lambda ctx: {"ticked": True}),
)

router = APIRouter()


@router.post("/workspaces/{workspace}/echo", status_code=202)
def start_echo(workspace: str, runtime: RuntimeDep, actor: ActorDep,
               text: str = "") -> JSONResponse:
    """What a feature's route that starts slow work looks like."""
    with runtime.scope(actor, workspace) as scope:
        job = service.enqueue(scope, "test.echo", {"text": text})
        return accepted(service.public(job, scope.workspace.slug))


pages = APIRouter()


@pages.post("/w/{slug}/echo")
def start_echo_page(request: Request, slug: str) -> Response:
    """What a feature's page that starts slow work looks like."""
    with workspace(request, slug) as scope:
        job_id = service.enqueue(scope, "test.echo", {"text": "from the web"}).id
    return job_redirect(request, slug, job_id)


FEATURE = Feature("testjobs", api="tests.jobs.support:router", web="tests.jobs.support:pages",
                  jobs=KINDS,
                  periodic=(Periodic("test.tick", every=timedelta(hours=1)),))


def with_test_feature() -> tuple[Feature, ...]:
    return (*[f for f in features.FEATURES if f.name != FEATURE.name], FEATURE)


def make_worker(runtime: Runtime, name: str = "w1", **options: Any) -> Worker:
    """A worker with intervals short enough for tests."""
    settings: dict[str, Any] = {"poll": 0.01, "heartbeat": 0.05, "stale": 30.0,
                                "grace": 0.1, "retry_delay": 0.0, **options}
    return Worker(runtime, name, **settings)


def wait_until(check: Callable[[], bool], timeout: float = WAIT) -> None:
    """Poll `check` until it holds; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out waiting for the condition"
        time.sleep(0.01)


def job_row(runtime: Runtime, job_id: int) -> Job:
    with runtime.session() as session:
        job = session.get(Job, job_id)
        assert job is not None
        return job
