"""Template rendering: one Jinja environment, and the context every page shares.

Pages call `render(request, "name.html", {...})`; it adds the signed-in user, the current
workspace (when a page opened one), the CSRF token, the pending flash message and whether
htmx is available, and sets the cookies those need.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from fastapi import Request
from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    PrefixLoader,
    StrictUndefined,
    select_autoescape,
)
from starlette.responses import HTMLResponse

from tandem import __version__, features
from tandem.registry import RESOURCES
from tandem.runtime import Runtime
from tandem.web.csrf import CSRF_FIELD, csrf_token
from tandem.web.security import clear_flash, take_flash

IMPORTANCE = ((3, "Critical"), (2, "Important"), (1, "Nice to have"), (0, "Not important"))
ACRONYMS = {"raci": "RACI", "tam": "TAM", "sam": "SAM", "som": "SOM", "id": "ID"}


@dataclass
class WebState:
    """What the web face keeps on `app.state.web`."""

    runtime: Runtime
    env: Environment
    vendor_dir: Path | None

    @property
    def htmx(self) -> bool:
        return self.vendor_dir is not None and (self.vendor_dir / HTMX_FILE).is_file()


HTMX_FILE = Path("htmx.org/dist/htmx.min.js")


@dataclass(frozen=True)
class WsInfo:
    """The open workspace as pages show it; plain values, so error pages can use it too."""

    slug: str
    name: str
    role: str
    can_write: bool


def humanize(value: Any) -> str:
    """'sales_call' -> 'Sales call'; enums by value; None -> ''."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        value = value.value
    text = str(value).replace("_", " ").strip()
    if not text:
        return ""
    words = [ACRONYMS.get(w.lower(), w) for w in text.split(" ")]
    first = words[0]
    words[0] = first if first.isupper() else first[:1].upper() + first[1:]
    return " ".join(words)


def nice_date(value: Any) -> str:
    """'3 Mar 2025' for dates and datetimes, '' for None."""
    if isinstance(value, datetime):
        return f"{value.day} {value:%b %Y, %H:%M}"
    if isinstance(value, date):
        return f"{value.day} {value:%b %Y}"
    return "" if value is None else str(value)


def shorten(value: Any, length: int = 90) -> str:
    """One line, at most `length` characters, cut at a word with an ellipsis."""
    text = " ".join(str(value or "").split())
    if len(text) <= length:
        return text
    cut = text[: length - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",.;:-") + "…"


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def feature_templates() -> dict[str, Path]:
    """Each feature's `templates/` folder beside its web module, by feature name. Found
    without importing the module, so building the environment imports no face."""
    found: dict[str, Path] = {}
    for feature in features.FEATURES:
        if not feature.web:
            continue
        spec = importlib.util.find_spec(feature.web.partition(":")[0])
        if spec is not None and spec.origin is not None:
            folder = Path(spec.origin).parent / "templates"
            if folder.is_dir():
                found[feature.name] = folder
    return found


def make_env() -> Environment:
    """Templates from tandem/web/templates, and "<feature>/<name>.html" from each
    feature's own folder (pages there still extend "base.html")."""
    prefixed: dict[str, BaseLoader] = {
        name: FileSystemLoader(folder) for name, folder in feature_templates().items()}
    env = Environment(
        loader=ChoiceLoader([PackageLoader("tandem.web", "templates"),
                             PrefixLoader(prefixed)]),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(humanize=humanize, nice_date=nice_date, shorten=shorten)
    env.globals.update(
        plural=plural, nav_groups=features.nav(), resources=RESOURCES, csrf_field=CSRF_FIELD,
        version=__version__, importance_choices=IMPORTANCE,
        importance_label=dict(IMPORTANCE),
    )
    return env


def state(request: Request) -> WebState:
    web: WebState = request.app.state.web
    return web


def render(request: Request, template: str, context: dict[str, Any] | None = None,
           status: int = 200) -> HTMLResponse:
    """Render a full page (or an htmx fragment when the template is one)."""
    web = state(request)
    settings = web.runtime.settings
    fragment = bool(request.headers.get("hx-request"))
    message = None if fragment else take_flash(request, settings)
    info: WsInfo | None = getattr(request.state, "ws_info", None)
    ctx: dict[str, Any] = {
        "request": request,
        "user": getattr(request.state, "user", None),
        "ws": info,
        "can_write": info.can_write if info is not None else False,
        "csrf": csrf_token(request, settings),
        "flash": message,
        "htmx": web.htmx,
        "current": None,
        "search_q": "",
        "here": request.url.path + (f"?{request.url.query}" if request.url.query else ""),
    }
    ctx.update(context or {})
    response = HTMLResponse(web.env.get_template(template).render(ctx), status_code=status)
    if message is not None:
        clear_flash(response)
    return response
