"""Documents people send: HTML printed to PDF with WeasyPrint, fonts embedded.

One place turns our HTML into a PDF, with the print stylesheet every document shares (page
size, margins, page numbers, type). Rendering blocks for a while: call it from a worker
thread (a sync route or `run_in_threadpool`), never on the event loop.
"""

from __future__ import annotations

from typing import Any

PRINT_CSS = """
@page { size: A4; margin: 20mm 18mm 22mm;
        @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt;
                        color: #667085; }
        @bottom-left { content: string(doc-title); font-size: 8pt; color: #667085; } }
html { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; line-height: 1.45;
       color: #1d2127; }
h1 { font-size: 18pt; margin: 0 0 8pt; string-set: doc-title content(); }
h2 { font-size: 12.5pt; margin: 16pt 0 5pt; border-bottom: 0.6pt solid #d9dce1;
     padding-bottom: 2pt; break-after: avoid; }
h3 { font-size: 11pt; margin: 12pt 0 4pt; break-after: avoid; }
p, ul, ol { margin: 0 0 6pt; }
li { margin: 0 0 2pt; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 10pt; break-inside: avoid; }
th, td { border: 0.6pt solid #d9dce1; padding: 4pt 6pt; text-align: left;
         vertical-align: top; }
th { background: #f4f5f7; }
a { color: #2f5fd0; text-decoration: none; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; }
.meta { color: #667085; font-size: 8.5pt; margin-bottom: 12pt; }
.footnote { font-size: 8pt; }
"""


def page(title: str, body_html: str, meta: str = "", extra_css: str = "") -> str:
    """A whole HTML document around already-safe body HTML; `title` and `meta` are text."""
    from html import escape

    note = f"<p class=\"meta\">{escape(meta)}</p>" if meta else ""
    head, found, rest = body_html.partition("</h1>")
    body = head + found + note + rest if found else note + body_html
    return ("<!doctype html><html><head><meta charset=\"utf-8\"><title>" + escape(title)
            + "</title><style>" + PRINT_CSS + extra_css + "</style></head><body>" + body
            + "</body></html>\n")


def pdf(html: str) -> bytes:
    """The HTML document printed to PDF (blocking).

    The printer loads nothing from outside the document: an image a user put in an asset
    (`![x](http://10.0.0.1/admin)`) would otherwise make the server fetch that address.
    Only `data:` URLs (charts we embed ourselves) are read."""
    import weasyprint  # imported on first use: it loads Pango

    data: bytes = weasyprint.HTML(string=html, url_fetcher=_offline_fetcher()).write_pdf()
    return data


def _offline_fetcher() -> Any:
    import weasyprint

    if hasattr(weasyprint, "URLFetcher"):  # recent WeasyPrint
        return weasyprint.URLFetcher(allowed_protocols={"data"})

    def offline(url: str, *args: Any, **kwargs: Any) -> Any:
        if not url.lower().startswith("data:"):
            raise ValueError(f"Documents load nothing from outside: {url[:100]}")
        return weasyprint.default_url_fetcher(url, *args, **kwargs)

    return offline
