"""Screenshots of the web UI over the demo workspace (a tool, not a test).

    PYTHONPATH=. .venv/bin/python scripts/screenshots.py [--out DIR] [--phone] [TARGET ...]

Starts uvicorn on a free 127.0.0.1 port over a temporary SQLite data folder, loads the demo
workspace, signs in with headless Chromium and saves PNGs (default folder: screenshots/).
A TARGET is a page name from PAGES, a path under the demo workspace (`pricing/1`, or one
starting with `/` for any path), or a walk: `quick-link`, `errors`, `import` (upload,
mapping, progress, report, a failed import). No TARGET shoots every page and walk. Pages are
taken at desktop width, and at phone width too with `--phone`.
"""

from __future__ import annotations

import argparse
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn
from playwright.sync_api import FilePayload, Page, sync_playwright

from tandem.platform.actor import LocalAdmin
from tandem.platform.jobs.worker import Worker
from tandem.runtime import Runtime
from tandem.server import create_app
from tandem.settings import Settings
from tests.inbound import make_samples

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
SIZES = {"desktop": (1440, 900), "phone": (390, 844)}

PAGES: dict[str, str] = {
    "home": "/w/demo",
    "evidence-list": "/w/demo/evidence",
    "evidence-unlinked": "/w/demo/evidence?linked=no",
    "evidence-detail": "/w/demo/evidence/{evidence}",
    "evidence-new": "/w/demo/evidence/new",
    "opportunity-detail": "/w/demo/opportunities/{opportunity}",
    "releases": "/w/demo/releases",
    "roadmap": "/w/demo/roadmap",
    "prioritise": "/w/demo/prioritise",
    "roles": "/w/demo/roles",
    "roles-catalog": "/w/demo/roles/catalog",
    "scoring-models": "/w/demo/scoring-models",
    "release-detail": "/w/demo/releases/{release}",
    "launch-detail": "/w/demo/launches/{launch}",
    "message-detail": "/w/demo/messages/{message}",
    "assignments": "/w/demo/assignments",
    "search": "/w/demo/search?q=payroll",
    "import-upload": "/w/demo/evidence/import",
    "account": "/account",
    "members": "/w/demo/members",
    "audit": "/w/demo/audit",
    "not-found": "/w/demo/evidence/999999",
    "pricing": "/w/demo/pricing",
}

BAD = (b"Body,Date\nGood row,2025-01-02\nAnother good one,2025-01-03\n"
       b",2025-01-04\nBad date,31/12/2025\n")


def first_ids(runtime: Runtime) -> dict[str, int]:
    """An interesting object of each kind: the one with the most links where it matters."""
    from tandem.demo.loader import DEMO_SLUG
    from tandem.loop import links
    from tandem.registry import RESOURCES

    ids: dict[str, int] = {}
    with runtime.scope(LocalAdmin(), DEMO_SLUG) as scope:
        for key, kind in (("evidence", "evidence"), ("opportunity", "opportunities"),
                          ("release", "releases"), ("launch", "launches"),
                          ("message", "messages")):
            objs = RESOURCES[kind].all(scope)[:40]

            def richness(obj: Any, kind: str = kind) -> int:
                found = links.trace(scope, kind, obj.id)
                return sum(len(v) for v in (*found.upstream.values(),
                                            *found.downstream.values())) + len(found.backing)

            ids[key] = max(objs, key=richness).id
    return ids


def quick_link(page: Page, base: str, out: Path) -> None:
    """Use the htmx quick link on the triage list, as a person would, and show the result."""
    page.goto(base + "/w/demo/evidence?linked=no")
    control = page.locator("div.quick").first
    control.locator("summary").click()
    select = control.locator("select[name=opportunity_id]")
    select.select_option(index=1)
    chosen = select.locator("option:checked").inner_text()
    control.locator("button[type=submit]").click()
    page.locator("div.quick").first.locator("a.chip").first.wait_for(timeout=5000)
    assert page.url.endswith("linked=no"), "htmx should update in place, not navigate"
    print(f"quick-link: linked to {chosen!r} in place")
    page.screenshot(path=str(out / "quick-link-top.png"))


def form_errors(page: Page, base: str, out: Path) -> None:
    """What people see when they get it wrong: a form with errors, a CSV with bad rows."""
    page.goto(base + "/w/demo/opportunities/new")
    page.fill("#f-title", "Shift swaps and call-outs run through group chats")
    page.click("main form button[type=submit]")
    page.screenshot(path=str(out / "error-duplicate.png"))
    page.goto(base + "/w/demo/evidence/new")
    page.fill("#f-customer_company", "Harbor Cafe")
    page.click("main form button[type=submit]")
    page.screenshot(path=str(out / "error-fields.png"))
    page.goto(base + "/w/demo/evidence/import")
    bad = (b"text,source,received_on\nGood row,email,2025-01-02\n"
           b"Bad source,carrier pigeon,\n,email,\nBad date,email,31/12/2025\n")
    upload: FilePayload = {"name": "feedback.csv", "mimeType": "text/csv", "buffer": bad}
    page.set_input_files("#file", files=[upload])
    page.click("main form button[type=submit]")
    page.screenshot(path=str(out / "error-import.png"))
    print("errors: error-duplicate.png, error-fields.png, error-import.png")


def stale_form(page: Page, base: str, out: Path, size: str) -> None:
    """A feature form saved from a stale version: the conflict page (a product's vision)."""
    page.goto(base + "/w/demo/strategy")
    form = page.locator("form.vision-form").first
    form.locator("textarea[name=vision]").fill("My vision, typed while someone else saved")
    form.locator("input[name=_version]").evaluate("el => el.value = '999'")
    form.locator("button[type=submit]").click()
    name = "stale-form" + ("" if size == "desktop" else "-phone")
    page.screenshot(path=str(out / f"{name}.png"), full_page=True)
    print(f"stale: {name}.png")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def demo_server() -> Iterator[tuple[str, Runtime]]:
    """The app with the demo workspace, served on a free port; yields its URL and runtime."""
    from tandem.demo.loader import ensure_demo

    data = Path(tempfile.mkdtemp(prefix="tandem-shots-"))
    runtime = Runtime(Settings(data_dir=data, database_url=f"sqlite:///{data / 'tandem.db'}",
                               secret_key="screenshot-key"))
    ensure_demo(runtime)
    server = uvicorn.Server(uvicorn.Config(create_app(runtime), host="127.0.0.1",
                                           port=free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{server.config.port}", runtime
    finally:
        server.should_exit = True
        thread.join(timeout=5)
        runtime.close()


def sign_in(page: Page, base: str) -> None:
    from tandem.demo.loader import DEMO_EMAIL, DEMO_PASSWORD

    page.goto(base + "/signin")
    page.fill("#email", DEMO_EMAIL)
    page.fill("#password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/w/demo")


def import_walk(page: Page, base: str, runtime: Runtime, out: Path, size: str) -> None:
    """The evidence import as a person goes through it, one screenshot per step."""
    def shot(name: str) -> None:
        page.screenshot(path=str(out / f"import-{name}-{size}.png"), full_page=True)

    page.goto(base + "/w/demo/evidence/import")
    shot("1-upload")
    canny: FilePayload = {"name": "canny_posts.csv", "mimeType": "text/csv",
                          "buffer": make_samples.content("canny")}
    page.select_option("#preset", "canny")
    page.set_input_files("#file", files=[canny])
    page.get_by_role("button", name="Upload and map columns").click()
    page.wait_for_url("**/evidence/import/*")
    shot("2-mapping")
    page.get_by_role("button", name="Import", exact=True).click()
    page.wait_for_url("**/evidence/imports/*")
    shot("3-progress")
    Worker(runtime, poll=0.01).run_once()
    page.reload()
    shot("4-report")
    bad: FilePayload = {"name": "survey.csv", "mimeType": "text/csv", "buffer": BAD}
    page.goto(base + "/w/demo/evidence/import")
    page.set_input_files("#file", files=[bad])
    page.get_by_role("button", name="Upload and map columns").click()
    page.wait_for_url("**/evidence/import/*")
    shot("5-mapping-problems")
    page.get_by_role("button", name="Import", exact=True).click()
    page.wait_for_url("**/evidence/imports/*")
    Worker(runtime, poll=0.01).run_once()
    page.reload()
    shot("6-failed")


WALKS: dict[str, Callable[[Page, str, Runtime, Path, str], None]] = {
    "quick-link": lambda page, base, runtime, out, size: quick_link(page, base, out),
    "errors": lambda page, base, runtime, out, size: form_errors(page, base, out),
    "import": import_walk,
    "stale": lambda page, base, runtime, out, size: stale_form(page, base, out, size),
}


def shoot(out: Path, targets: list[str], phone: bool) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with demo_server() as (base, runtime), sync_playwright() as p:
        ids = first_ids(runtime)
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for size in ("desktop", "phone") if phone else ("desktop",):
            width, height = SIZES[size]
            page: Page = browser.new_page(viewport={"width": width, "height": height})
            page.on("console", lambda msg: print(f"console {msg.type}: {msg.text}")
                    if msg.type in ("error", "warning") else None)
            sign_in(page, base)
            for target in targets or [*PAGES, *WALKS]:
                suffix = "" if size == "desktop" else "-phone"
                if target in WALKS:
                    WALKS[target](page, base, runtime, out, size)
                    print(f"{target}: walked at {size}")
                    continue
                path = PAGES.get(target) or (target if target.startswith("/")
                                             else f"/w/demo/{target}")
                name = target if target in PAGES else \
                    target.strip("/").replace("/", "-").replace("?", "-") or "root"
                page.goto(base + path.format(**ids))
                page.screenshot(path=str(out / f"{name}{suffix}.png"), full_page=True)
                print(out / f"{name}{suffix}.png")
            page.close()
        browser.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).resolve().parents[1] / "screenshots")
    parser.add_argument("--phone", action="store_true", help="also at phone width")
    parser.add_argument("targets", nargs="*")
    args = parser.parse_args()
    shoot(args.out, args.targets, args.phone)
