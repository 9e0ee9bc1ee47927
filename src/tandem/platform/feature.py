"""How a feature declares itself for the one manifest (`tandem.features.FEATURES`).

A feature is one folder under its domain (for example `tandem/inbound/roadmap/`). Its
`feature.py` builds one `Feature`: the kinds of record it owns and which generic routes each
gets, its API router, web router and CLI commands (named by "module:attribute" and imported
only when a face is built, so declaring a feature never imports a face), its background
jobs, its navigation entries and the domain events it listens to. The app, the API, the web
navigation, the CLI, the worker and the migrations' metadata are all built from that list.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tandem.crud import Resource
    from tandem.platform.events.models import Event
    from tandem.platform.jobs.kind import JobKind, Periodic


class Routes(StrEnum):
    """Which generic record routes (API, web pages, CLI) a kind gets.

    `full` is list, show, create, update and delete; `read` is list and show only, for kinds
    whose changes go through the feature's own commands (so no generic PATCH can skip a
    rule); `none` keeps the kind off the generic faces altogether.
    """

    full = "full"
    read = "read"
    none = "none"


@dataclass(frozen=True)
class FilterWidget:
    """How the web shows a filter that is not a plain column: a select, a text box, or a
    hidden chip naming the object of kind `ref` it filters by."""

    label: str
    widget: str = "select"  # select | text | hidden
    options: tuple[tuple[str, str], ...] = ()
    ref: str | None = None


@dataclass(frozen=True)
class PageLink:
    """A button on a kind's pages. On the list page `path` is relative to /w/{slug}/; on the
    detail page it may hold {id}, the object's id (e.g. "launches/new?release_id={id}")."""

    label: str
    path: str
    needs_write: bool = True


@dataclass(frozen=True)
class RelatedCount:
    """On the detail page: how many objects of `kind` have `filter` = this object's id,
    linking to that filtered list (e.g. the evidence behind an opportunity)."""

    label: str
    kind: str
    filter: str
    noun: str  # "piece" -> "3 pieces of evidence"
    suffix: str = ""


@dataclass(frozen=True)
class KindView:
    """How the web shows a kind: list columns, a one-line blurb, the empty-list text, and
    the few extras some kinds have, declared here so generic pages never test a kind's name.
    """

    columns: tuple[str, ...]
    blurb: str = ""
    empty: str = ""
    quote: bool = False  # the title is long text, shown as a quote rather than a heading
    # Under the title on the detail page: groups of fields, ", " within, " · " between.
    byline: tuple[tuple[str, ...], ...] = ()
    filters: dict[str, FilterWidget] = field(default_factory=dict)
    # A quick "link to <kind>" control on each list row (evidence -> opportunities).
    quick_link: str | None = None
    # Linked by searching rather than picked from a list (too many to list).
    searched: bool = False
    list_actions: tuple[PageLink, ...] = ()
    detail_actions: tuple[PageLink, ...] = ()
    counts: tuple[RelatedCount, ...] = ()
    delete_note: str = ""  # what else deleting one removes or leaves


@dataclass(frozen=True)
class Kind:
    """A kind of record a feature owns, and how the generic faces treat it."""

    resource: Resource[Any]
    view: KindView
    routes: Routes = Routes.full
    # The generic CLI group (list, show, add, update, delete as `routes` allow); False when
    # the feature's own CLI module provides the group instead.
    generic_cli: bool = True

    @property
    def name(self) -> str:
        return self.resource.name


@dataclass(frozen=True)
class NavEntry:
    """A link in the workspace sidebar, under `group` (Inbound, Outbound, Market, Workspace).

    `path` is relative to /w/{slug}/; `key` is what the page passes as `current` so the entry
    is highlighted; entries sort by `order` within their group.
    """

    label: str
    path: str
    group: str
    order: int = 100
    key: str = ""
    download: bool = False  # a file to save, not a page

    @property
    def current_key(self) -> str:
        return self.key or self.path


Subscriber = Callable[["Session", "Event"], None]


@dataclass
class Panel:
    """A section a feature adds to detail pages: `template` rendered with `context`."""

    template: str
    context: dict[str, Any]
    wide: bool = False  # spans the whole page width instead of the side column


@dataclass
class ListColumn:
    """A column a feature adds to list pages: `template` renders one cell with `cell`."""

    heading: str
    template: str
    cells: dict[int, Any]


@dataclass
class ListTool:
    """A form a feature adds above list pages' tables (the bulk action bar): `template`
    rendered with `context`. A list page with tools gets a checkbox per row, named `ids`
    and bound to the form whose id is `form_id`."""

    template: str
    context: dict[str, Any]
    form_id: str


@dataclass(frozen=True)
class Feature:
    name: str
    kinds: tuple[Kind, ...] = ()
    api: str | None = None  # "module:router" of an APIRouter mounted under /api/v1
    web: str | None = None  # "module:router" of an APIRouter of pages
    cli: str | None = None  # "module:register", a function taking the root Typer app
    jobs: tuple[JobKind, ...] = ()
    periodic: tuple[Periodic, ...] = ()
    nav: tuple[NavEntry, ...] = ()
    subscribers: tuple[Subscriber, ...] = ()
    # Extra sections on any kind's detail page: "module:function" taking (scope, kind,
    # object id) and returning a `Panel` or None (the loop strip, the object's history).
    panels: tuple[str, ...] = ()
    # Extra columns on list pages: "module:function" taking (scope, kind, ids) and
    # returning a `ListColumn` or None (the quick "link to opportunity" control).
    list_columns: tuple[str, ...] = ()
    # Forms above list pages that act on the rows ticked: "module:function" taking
    # (scope, kind, the page's URL to come back to) and returning a `ListTool` or None
    # (the bulk action bar).
    list_tools: tuple[str, ...] = ()


def load(ref: str) -> Any:
    """Import "package.module:attribute" and return the attribute."""
    module_name, _, attribute = ref.partition(":")
    return getattr(importlib.import_module(module_name), attribute)
