"""Edit forms that cannot lose someone else's change.

An edit form carries two hidden fields besides the object's own: `_version`, the version it
was rendered from, and `_original`, the values it showed (JSON). On save only the fields the
person changed are sent to the service, so saving a title never writes back a status someone
else changed meanwhile. When the object has moved on since the form was rendered:

- if nobody else touched the fields this person changed, theirs and the other changes are
  both kept (the save goes ahead against the current version);
- otherwise nothing is saved and the conflict page (409) shows both versions field by
  field, the clashing ones marked, with "Save mine" (re-apply what was typed on top of the
  current version) and "Keep theirs".
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tandem.web.csrf import CSRF_FIELD
from tandem.web.forms import FieldSpec

VERSION_FIELD = "_version"
ORIGINAL_FIELD = "_original"
MAX_ORIGINAL = 2_000_000  # characters of `_original` read back (the body limit is lower)


@dataclass
class Rendered:
    """What an edit form was rendered from: the version and the values shown. Either may
    be unknown (a form from before versions, or a hand-made request)."""

    version: int | None
    original: dict[str, str] | None

    @property
    def original_json(self) -> str:
        return json.dumps(self.original or {}, ensure_ascii=False, separators=(",", ":"))


def rendered_from(form: Mapping[str, Any]) -> Rendered:
    raw_version = form.get(VERSION_FIELD)
    version = None
    if isinstance(raw_version, str) and raw_version.isascii() and raw_version.isdigit() \
            and len(raw_version) <= 10:
        version = int(raw_version)
    original: dict[str, str] | None = None
    raw = form.get(ORIGINAL_FIELD)
    if isinstance(raw, str) and 0 < len(raw) <= MAX_ORIGINAL:
        try:
            loaded = json.loads(raw)
        except ValueError:
            loaded = None
        if isinstance(loaded, dict):
            original = {str(k): v for k, v in loaded.items() if isinstance(v, str)}
    return Rendered(version, original)


def same(a: str | None, b: str | None) -> bool:
    """Equal as a form shows them: browsers send CRLF line breaks and the schemas trim."""
    def norm(v: str | None) -> str:
        return (v or "").replace("\r\n", "\n").strip()
    return norm(a) == norm(b)


def changed(values: Mapping[str, str], original: Mapping[str, str] | None) -> list[str]:
    """The fields the person changed; every field when the original is unknown."""
    if original is None:
        return list(values)
    return [n for n, v in values.items() if n not in original or not same(v, original[n])]


def clashes(mine: Mapping[str, str], sent: list[str], original: Mapping[str, str] | None,
            current: Mapping[str, str]) -> list[str]:
    """Fields this person changed that someone else also changed, to something else."""
    found = []
    for name in sent:
        theirs_moved = original is None or not same(current.get(name), original.get(name))
        if theirs_moved and not same(current.get(name), mine.get(name)):
            found.append(name)
    return found


@dataclass
class Row:
    """One line of the conflict page: `who` changed it since the form was rendered (both,
    mine, theirs, or nobody: "")."""

    name: str
    label: str
    mine: str
    theirs: str
    who: str

    @property
    def differs(self) -> bool:
        return not same(self.mine, self.theirs)


def shown(spec: FieldSpec, value: str) -> str:
    """A value as a person reads it: an option's label rather than its id."""
    for option in spec.options:
        if option.value == value:
            return option.label
    return value


def rows(specs: list[FieldSpec], mine: Mapping[str, str], sent: list[str],
         original: Mapping[str, str] | None, current: Mapping[str, str]) -> list[Row]:
    found = []
    for spec in specs:
        name = spec.name
        theirs_moved = original is None or not same(current.get(name), original.get(name))
        who = {(True, True): "both", (True, False): "mine",
               (False, True): "theirs"}.get((name in sent, theirs_moved), "")
        if who == "both" and same(mine.get(name), current.get(name)):
            who = "theirs"  # the same change twice: nothing to choose
        found.append(Row(name, spec.label, shown(spec, mine.get(name, "")),
                         shown(spec, current.get(name, "")), who))
    return found


def merged(mine: Mapping[str, str], sent: list[str],
           current: Mapping[str, str]) -> dict[str, str]:
    """"Save mine": the fields this person changed as typed, the others as saved now, so
    re-applying theirs over the current version undoes nobody else's other changes."""
    return {n: (mine[n] if n in sent else current.get(n, "")) for n in mine}


# Feature forms (a positioning step, a messaging pillar, an asset's body...) carry the same
# `_version` field but no `_original`: they save what they show, so a stale one is refused
# whole. `form_version` reads it, `crud.require_version` checks it inside the save's
# transaction, and `tandem.web.stale.stale_page` shows both versions, nothing saved.


def form_version(form: Mapping[str, Any]) -> int | None:
    """The version a feature form was rendered from; None for a form without one."""
    return rendered_from(form).version


def form_pairs(form: Any) -> list[tuple[str, str]]:
    """What a person typed into a form (a Starlette FormData), repeated fields included,
    without the hidden bookkeeping fields (`_version`, the CSRF token, a "go" button)."""
    return [(k, v) for k, v in form.multi_items()
            if isinstance(v, str) and not k.startswith("_") and k not in {CSRF_FIELD, "go"}]


def form_values(form: Any) -> dict[str, str]:
    """The same, one value a field (the last one)."""
    return dict(form_pairs(form))


@dataclass
class StaleForm:
    """A feature form refused as stale: what to show on the conflict page. `theirs` holds
    the saved values under the form's field names; `labels` names the fields to compare (in
    order; every typed field when empty)."""

    label: str
    title: str
    back: str
    action: str
    version: int
    mine: dict[str, str]
    theirs: dict[str, str]
    labels: dict[str, str]
    repost: list[tuple[str, str]] | None = None  # what "Save mine" sends; else `mine`
    checksum: bool = False  # `version` is a setting's content checksum: not shown as such
    removing: bool = False  # an action refused (a removal, a merge): "... anyway" or back
    seen: int | None = None  # the version the refused form was rendered with
    anyway: str = "Remove anyway"  # the button doing it against the current versions
    note: str = ""  # what the page says instead of "Nothing was removed. It is at..."

    @property
    def resend(self) -> list[tuple[str, str]]:
        return list(self.mine.items()) if self.repost is None else self.repost

    def rows(self) -> list[Row]:
        names = self.labels or {n: n.replace("_", " ").capitalize() for n in self.mine}
        found = []
        for name, label in names.items():
            mine, theirs = self.mine.get(name, ""), self.theirs.get(name, "")
            found.append(Row(name, label, mine, theirs, "" if same(mine, theirs) else "both"))
        return found


def stale_removal(label: str, title: str, back: str, action: str, version: int,
                  seen: int | None, now: dict[str, str],
                  resend: list[tuple[str, str]] | None = None) -> StaleForm:
    """A delete or removal refused because the object changed after the page was rendered:
    the conflict page shows it as saved now (`now`: label -> value), nothing removed, with
    "Remove anyway" (the same post against the current version) and a way back."""
    return StaleForm(label, title, back, action, version, {}, now, {k: k for k in now},
                     resend or [], removing=True, seen=seen)


def stale_action(label: str, title: str, back: str, action: str, version: int,
                 now: dict[str, str], resend: list[tuple[str, str]], anyway: str,
                 note: str) -> StaleForm:
    """A set operation (a merge, a move, a split) refused because something it names changed
    after the page was rendered: the page shows them as saved now (`now`: label -> value),
    nothing done, with `anyway` (the same post against the current versions) and a way back."""
    return StaleForm(label, title, back, action, version, {}, now, {k: k for k in now},
                     resend, removing=True, anyway=anyway, note=note)


VERSIONS_FIELD = "_versions"


def form_versions(form: Mapping[str, Any]) -> dict[int, int]:
    """The versions of the objects a form names (`_versions`: "id:version" pairs separated by
    spaces), as they were when it was rendered; an id missing is one it did not say."""
    raw = form.get(VERSIONS_FIELD)
    found: dict[int, int] = {}
    if not isinstance(raw, str) or len(raw) > 200_000:
        return found
    for pair in raw.split():
        obj_id, _, version = pair.partition(":")
        if obj_id.isascii() and obj_id.isdigit() and version.isascii() and version.isdigit() \
                and len(obj_id) <= 10 and len(version) <= 10:
            found[int(obj_id)] = int(version)
    return found


def versions_text(versions: Mapping[int, int]) -> str:
    """`_versions` as a form carries it."""
    return " ".join(f"{k}:{v}" for k, v in sorted(versions.items()))


def values_of(obj: object, names: list[str]) -> dict[str, str]:
    """An object's saved values as a form shows them, by attribute name."""
    found = {}
    for name in names:
        value = getattr(obj, name, None)
        value = getattr(value, "value", value)  # an enum
        found[name] = "" if value is None else str(value)
    return found
