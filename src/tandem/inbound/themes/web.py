"""Theme pages: the list (by size or ARR, hidden ones on request) and one theme with its
quotes, customers, trend and items, and every curation as a form."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from tandem.crud import require_version
from tandem.errors import Conflict, Invalid, NotFound, Stale
from tandem.inbound.themes import curation, service
from tandem.inbound.themes.chart import sparkline
from tandem.inbound.themes.models import Theme
from tandem.platform.policy import Action
from tandem.schema import MAX_ID
from tandem.scope import Scope
from tandem.web.context import (
    FormDep,
    form_text,
    redirect_with,
    runtime_of,
    workspace,
    ws_url,
)
from tandem.web.jobs import job_redirect
from tandem.web.render import plural, render
from tandem.web.stale import stale_page
from tandem.web.versions import (
    StaleForm,
    form_version,
    form_versions,
    stale_action,
    versions_text,
)

router = APIRouter()
PAGE = 50


def money(value: int) -> str:
    return f"{value:,}"


def _id(value: str, name: str) -> int:
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= MAX_ID:
        raise Invalid(f"'{value[:20]}' is not an id.", name)
    return int(value)


def _ids(form: FormData, name: str) -> list[int]:
    values = [v for v in form.getlist(name) if isinstance(v, str)]
    if not values:
        raise Invalid("Tick at least one item first.", name)
    if len(values) > service.MAX_ITEMS:
        raise Invalid(f"At most {service.MAX_ITEMS} at once.", name)
    return [_id(v, name) for v in values]


def _offset(raw: str | None) -> int:
    return int(raw) if raw and raw.isascii() and raw.isdigit() and len(raw) < 10 else 0


@router.get("/w/{slug}/themes")
def theme_list(request: Request, slug: str) -> Response:
    query = request.query_params
    sort = service.Sort.arr if query.get("sort") == "arr" else service.Sort.size
    show_hidden = query.get("hidden") == "1"
    model = runtime_of(request).embedder.name
    with workspace(request, slug) as scope:
        found = service.overview(scope, model, sort, show_hidden)
        return render(request, "themes/list.html", {
            "current": "themes", "found": found, "sort": sort.value,
            "show_hidden": show_hidden, "money": money, "sparkline": sparkline,
            "can_run": scope.can(Action.run_job)})


@router.post("/w/{slug}/themes/discover")
def discover(request: Request, slug: str) -> Response:
    model = runtime_of(request).embedder.name
    with workspace(request, slug) as scope:
        job_id = service.start(scope, model).id
    return job_redirect(request, slug, job_id)


def _page(request: Request, slug: str, theme_id: int, error: str = "",
          status: int = 200) -> Response:
    offset = _offset(request.query_params.get("offset"))
    with workspace(request, slug) as scope:
        found = service.view(scope, theme_id)
        rows, total = service.members(scope, theme_id, offset, PAGE)
        others = [(i, label) for i, label in service.theme_choices(scope) if i != theme_id]
        versions = service.theme_versions(scope)
        return render(request, "themes/theme.html", {
            "current": "themes", "v": found, "t": found.theme, "rows": rows, "total": total,
            "offset": offset, "page": PAGE, "others": others, "error": error,
            "other_versions": versions_text({i: versions[i] for i, _ in others
                                             if i in versions}),
            "money": money, "sparkline": sparkline,
            "can_curate": scope.can(Action.update),
            "can_make": scope.can(Action.create) and scope.can(Action.link)}, status=status)


@router.get("/w/{slug}/themes/{theme_id}")
def theme_page(request: Request, slug: str, theme_id: int) -> Response:
    if not 1 <= theme_id <= MAX_ID:
        raise NotFound(f"Theme {theme_id} not found.")
    return _page(request, slug, theme_id)


def _done(request: Request, slug: str, theme_id: int, text: str) -> Response:
    return redirect_with(request, ws_url(slug, "themes", theme_id), text)


@router.post("/w/{slug}/themes/{theme_id}/rename")
def rename(request: Request, slug: str, theme_id: int, form: FormDep) -> Response:
    try:
        with workspace(request, slug) as scope:
            require_version(service.get(scope, theme_id), form_version(form), "theme")
            curation.update_theme(scope, theme_id, label=form_text(form, "label"),
                                 description=form_text(form, "description"))
    except Stale:
        with workspace(request, slug) as scope:
            theme = service.get(scope, theme_id)
            labels = {"label": "Name", "description": "One-line description"}
            return stale_page(request, StaleForm(
                "theme", theme.label, ws_url(slug, "themes", theme_id),
                ws_url(slug, "themes", theme_id, "rename"), theme.row_version,
                {n: form_text(form, n) for n in labels},
                {"label": theme.label, "description": theme.description}, labels))
    except Invalid as exc:
        return _page(request, slug, theme_id, exc.message, 422)
    return _done(request, slug, theme_id, "Renamed; the new name stays on every re-run.")


FLAG_LABELS = {"pinned": ("Pinned", "Not pinned"), "hidden": ("Hidden", "Shown")}


@router.post("/w/{slug}/themes/{theme_id}/flags")
def flags(request: Request, slug: str, theme_id: int, form: FormDep) -> Response:
    """Pin or unpin, hide or show: one click, refused (409, both versions) when someone
    changed the theme since the page was loaded."""
    pinned = {"1": True, "0": False}.get(form_text(form, "pinned"))
    hidden = {"1": True, "0": False}.get(form_text(form, "hidden"))
    try:
        with workspace(request, slug) as scope:
            require_version(service.get(scope, theme_id), form_version(form), "theme")
            curation.update_theme(scope, theme_id, pinned=pinned, hidden=hidden)
    except Stale:
        with workspace(request, slug) as scope:
            theme = service.get(scope, theme_id)
            asked = {"pinned": pinned, "hidden": hidden}
            sent = {n: v for n, v in asked.items() if v is not None}
            return stale_page(request, StaleForm(
                "theme", theme.label, ws_url(slug, "themes", theme_id),
                ws_url(slug, "themes", theme_id, "flags"), theme.row_version,
                {n: FLAG_LABELS[n][0 if v else 1] for n, v in sent.items()},
                {n: FLAG_LABELS[n][0 if getattr(theme, n) else 1] for n in sent},
                {n: n.capitalize() for n in sent}, [(n, "1" if v else "0")
                                                    for n, v in sent.items()]))
    if hidden:
        return redirect_with(request, ws_url(slug, "themes"),
                             "Hidden: it stays out of the list, and hidden, on every re-run.")
    text = ("Pinned: its items stay in it on every re-run." if pinned else
            "Unpinned." if pinned is False else "Shown in the list again.")
    return _done(request, slug, theme_id, text)


def _named_unchanged(scope: Scope, form: FormData, theme_id: int, *others: int) -> None:
    """Refuse (Stale) a merge, split or move when this theme (`_version`) or another it
    names (`_versions`) changed after the page was rendered: a rename, a re-run, another
    curation. A form that did not say goes ahead."""
    require_version(service.get(scope, theme_id), form_version(form), "theme")
    versions = form_versions(form)
    for other in others:
        require_version(service.get(scope, other), versions.get(other), "theme")


def _named_changed(request: Request, slug: str, theme_id: int, form: FormData, step: str,
                   named: dict[str, int], resend: list[tuple[str, str]], anyway: str,
                   nothing: str) -> Response:
    """The 409 page of a refused merge, split or move: the themes it names as they are now,
    "... anyway" re-posting against their current versions, or back to the theme."""
    seen = {theme_id: form_version(form), **form_versions(form)}
    with workspace(request, slug) as scope:
        now, current, labels = {}, {}, []
        for what, i in named.items():
            theme = service.get(scope, i)
            current[i] = theme.row_version
            labels.append(f"“{theme.label}”")
            was = seen.get(i)
            now[what] = (f"“{theme.label}”, {plural(theme.size, 'item')}: version "
                         f"{theme.row_version}" + (f", you saw {was}" if was is not None
                                                   and was != theme.row_version else ""))
        this = current.pop(theme_id)
        return stale_page(request, stale_action(
            "the themes it names", " and ".join(labels),
            ws_url(slug, "themes", theme_id), ws_url(slug, "themes", theme_id, step), this,
            now, [*resend, ("_versions", versions_text(current))], anyway,
            f"{nothing} A theme it names changed after you loaded the page (renamed, "
            "re-run or curated by someone else). Here they are as saved now: do it anyway, "
            "or go back and look first."))


@router.post("/w/{slug}/themes/{theme_id}/merge")
def merge(request: Request, slug: str, theme_id: int, form: FormDep) -> Response:
    """Merge another theme into this one, only as both were shown (their versions)."""
    try:
        other = _id(form_text(form, "other"), "other")
        with workspace(request, slug) as scope:
            _named_unchanged(scope, form, theme_id, other)
            gone = service.get(scope, other).label
            curation.merge(scope, theme_id, [other])
    except (Invalid, NotFound) as exc:
        return _page(request, slug, theme_id, exc.message, 422)
    except Stale:
        return _named_changed(request, slug, theme_id, form, "merge",
                              {"This theme": theme_id, "Merging in": other},
                              [("other", str(other))], "Merge anyway", "Nothing was merged.")
    return _done(request, slug, theme_id, f"Merged “{gone}” into this theme.")


@router.post("/w/{slug}/themes/{theme_id}/split")
def split(request: Request, slug: str, theme_id: int, form: FormDep) -> Response:
    """Split this theme, only as it was shown (its version: the items ticked are still the
    ones it holds)."""
    try:
        chosen = _ids(form, "ids") if form.getlist("ids") else None
        with workspace(request, slug) as scope:
            _named_unchanged(scope, form, theme_id)
            new = curation.split(scope, theme_id, chosen, form_text(form, "label") or None)
            made = new.id, new.label, new.size
    except Invalid as exc:
        return _page(request, slug, theme_id, exc.message, 422)
    except Stale:
        resend = [("ids", str(i)) for i in chosen or []]
        if form_text(form, "label"):
            resend.append(("label", form_text(form, "label")))
        return _named_changed(request, slug, theme_id, form, "split",
                              {"This theme": theme_id}, resend, "Split anyway",
                              "Nothing was split.")
    return redirect_with(request, ws_url(slug, "themes", made[0]),
                         f"Split {plural(made[2], 'item')} into this new theme, “{made[1]}”.")


@router.post("/w/{slug}/themes/{theme_id}/move")
def move(request: Request, slug: str, theme_id: int, form: FormDep) -> Response:
    """Move the ticked items to another theme, only as both were shown (their versions)."""
    try:
        chosen = _ids(form, "ids")
        target = _id(form_text(form, "to"), "to")
        with workspace(request, slug) as scope:
            _named_unchanged(scope, form, theme_id, target)
            label = curation.move(scope, target, chosen).label
            still = scope.session.get(Theme, theme_id) is not None
    except (Invalid, NotFound) as exc:
        return _page(request, slug, theme_id, exc.message, 422)
    except Stale:
        return _named_changed(request, slug, theme_id, form, "move",
                              {"Moving from": theme_id, "Moving to": target},
                              [*(("ids", str(i)) for i in chosen), ("to", str(target))],
                              "Move anyway", "Nothing was moved.")
    text = f"Moved {plural(len(chosen), 'item')} to “{label}”."
    if not still:
        return redirect_with(request, ws_url(slug, "themes", target),
                             text + " The theme they left was empty and is gone.")
    return _done(request, slug, theme_id, text)


@router.post("/w/{slug}/themes/{theme_id}/opportunity")
def to_opportunity(request: Request, slug: str, theme_id: int, form: FormDep) -> Response:
    try:
        with workspace(request, slug) as scope:
            made = curation.to_opportunity(scope, theme_id, form_text(form, "title") or None)
            made_id, linked = made.id, len(service.member_ids(scope, theme_id))
    except (Invalid, Conflict) as exc:
        return _page(request, slug, theme_id, exc.message, 422)
    return redirect_with(request, ws_url(slug, "opportunities", made_id),
                         f"Opportunity created from the theme, with "
                         f"{plural(linked, 'piece')} of evidence linked.")
