"""Screenshots of the evidence import pages at desktop and phone size (a tool, not a test).

    .venv/bin/python scripts/screenshots_import.py [out_dir]

Serves the demo over a temporary SQLite folder, signs in with headless Chromium and walks
the import: upload, mapping with its preview, progress (before a worker runs), the report,
and a failed import; each at 1280x800 and 390x844.
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import FilePayload, Page, sync_playwright
from scripts.screenshots import ARGS, CHROMIUM, free_port

from tandem.platform.jobs.worker import Worker
from tandem.runtime import Runtime
from tandem.server import create_app
from tandem.settings import Settings
from tests.inbound import make_samples

SIZES = {"desktop": (1280, 800), "phone": (390, 844)}
BAD = (b"Body,Date\nGood row,2025-01-02\nAnother good one,2025-01-03\n"
       b",2025-01-04\nBad date,31/12/2025\n")


def walk(page: Page, base: str, runtime: Runtime, out: Path, size: str) -> None:
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


def main(out: Path) -> None:
    from tandem.demo.loader import DEMO_EMAIL, DEMO_PASSWORD, ensure_demo

    data = Path(tempfile.mkdtemp(prefix="tandem-shots-"))
    runtime = Runtime(Settings(data_dir=data, database_url=f"sqlite:///{data / 'tandem.db'}",
                               secret_key="screenshot-key"))
    ensure_demo(runtime)
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
            for size, (width, height) in SIZES.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(base + "/signin")
                page.fill("#email", DEMO_EMAIL)
                page.fill("#password", DEMO_PASSWORD)
                page.click("button[type=submit]")
                page.wait_for_url(base + "/w/demo")
                walk(page, base, runtime, out, size)
                page.close()
                print(f"{size}: {out}/import-*-{size}.png")
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=5)
        runtime.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/shots-imports"))
