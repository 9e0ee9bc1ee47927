"""Documents printed to PDF load nothing from outside: an image a user wrote into an asset
would otherwise have the server fetch any address it can reach."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tandem import documents

PNG_1PX = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4"
           "nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==")


@pytest.fixture
def probe() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server that records every path asked of it."""
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"p { color: red }")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", asked
    server.shutdown()
    thread.join(timeout=5)


def test_a_pdf_fetches_no_url_but_keeps_data_urls(probe: tuple[str, list[str]]) -> None:
    base, asked = probe
    body = (f'<h1>Card</h1><p><img src="{base}/image.png" alt="x"></p>'
            f'<link rel="stylesheet" href="{base}/style.css">'
            f'<p style="background: url({base}/background.png)">text</p>'
            f'<p><img src="file:///etc/passwd" alt="y"><img src="{PNG_1PX}" alt="z"></p>')
    data = documents.pdf(documents.page("Card", body))
    assert data.startswith(b"%PDF")
    assert asked == []
    assert b"/Image" in data or b"/XObject" in data  # the data: image is still drawn
