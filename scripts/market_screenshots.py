"""Screenshots of the market pages with the demo workspace, at desktop and phone sizes.

    .venv/bin/python scripts/market_screenshots.py OUT_DIR [PATH ...]

PATHs are relative to /w/demo/ (default: the pricing pages). A tool, not a test; it reuses
scripts/screenshots.py's server set-up.
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright
from scripts.screenshots import ARGS, CHROMIUM, free_port

from tandem.runtime import Runtime
from tandem.server import create_app
from tandem.settings import Settings

SIZES = {"desktop": (1280, 800), "phone": (390, 844)}
DEFAULT = ["pricing", "pricing/1", "pricing/2"]


def main(out: Path, paths: list[str]) -> None:
    from tandem.demo.loader import DEMO_EMAIL, DEMO_PASSWORD, ensure_demo

    data = Path(tempfile.mkdtemp(prefix="tandem-market-shots-"))
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
                for path in paths:
                    page.goto(f"{base}/w/demo/{path}")
                    name = path.replace("/", "-").replace("?", "-") or "home"
                    target = out / f"{name}-{size}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(target)
                page.close()
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=5)
        runtime.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2:] or DEFAULT)
