"""Take screenshots of the web UI with the demo workspace (a tool, not a test).

    .venv/bin/python scripts/screenshots.py [out_dir] [page-name ...]

Starts uvicorn on a free 127.0.0.1 port over a temporary SQLite data folder, loads the demo
workspace, signs in with headless Chromium and saves full-page PNGs (default: screenshots/).
"""

from __future__ import annotations

import socket
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import uvicorn
from playwright.sync_api import FilePayload, Page, sync_playwright

from tandem.platform.actor import LocalAdmin
from tandem.runtime import Runtime
from tandem.server import create_app
from tandem.settings import Settings

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
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
    "import": "/w/demo/evidence/import",
    "account": "/account",
    "members": "/w/demo/members",
    "audit": "/w/demo/audit",
    "not-found": "/w/demo/evidence/999999",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


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


def shoot(out: Path, only: list[str]) -> None:
    from tandem.demo.loader import DEMO_EMAIL, DEMO_PASSWORD, ensure_demo

    data = Path(tempfile.mkdtemp(prefix="tandem-shots-"))
    runtime = Runtime(Settings(data_dir=data, database_url=f"sqlite:///{data / 'tandem.db'}",
                               secret_key="screenshot-key"))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(runtime), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    out.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page: Page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.on("console", lambda msg: print(f"console {msg.type}: {msg.text}")
                    if msg.type in ("error", "warning") else None)
            page.goto(base + "/signin")  # no users yet: the first-run sign-up
            page.screenshot(path=str(out / "signup.png"))
            ensure_demo(runtime)
            ids = first_ids(runtime)
            page.goto(base + "/signin")
            page.screenshot(path=str(out / "signin.png"))
            page.fill("#email", DEMO_EMAIL)
            page.fill("#password", DEMO_PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(base + "/w/demo")
            for name, path in PAGES.items():
                if only and name not in only:
                    continue
                page.goto(base + path.format(**ids))
                page.screenshot(path=str(out / f"{name}.png"), full_page=True)
                page.screenshot(path=str(out / f"{name}-top.png"))
                print(f"{name}: {out / (name + '.png')}")
            if not only or "quick-link" in only:
                quick_link(page, base, out)
            if not only or "errors" in only:
                form_errors(page, base, out)
            if not only or "mobile" in only:
                page.set_viewport_size({"width": 390, "height": 844})
                for name, path in (("mobile-home", "/w/demo"),
                                   ("mobile-evidence", "/w/demo/evidence"),
                                   ("mobile-prioritise", "/w/demo/prioritise"),
                                   ("mobile-roles", "/w/demo/roles")):
                    page.goto(base + path)
                    page.screenshot(path=str(out / f"{name}.png"))
                print("mobile: mobile-home.png, mobile-evidence.png")
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=5)
        runtime.close()


if __name__ == "__main__":
    args = sys.argv[1:]
    target = Path(args.pop(0)) if args and not args[0].isidentifier() and "/" in args[0] \
        else Path(__file__).resolve().parents[2] / "screenshots"
    shoot(target, args)
