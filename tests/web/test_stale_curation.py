"""Theme merge, split and move and the duplicates' merge and dismissal carry the versions
of what they name (`_version` for the theme of the page, `_versions` "id:version" for the
others): when one changed after the page was rendered nothing changes and the answer is the
409 page showing them as saved now, with "... anyway" and a way back. Both engines."""

from __future__ import annotations

import html
import re

from tandem.accounts.models import User
from tandem.inbound.duplicates import service as duplicates
from tandem.inbound.evidence.models import Evidence
from tandem.inbound.evidence.service import evidence
from tandem.inbound.themes import curation
from tandem.inbound.themes import service as themes
from tandem.inbound.themes.models import Theme
from tandem.runtime import Runtime
from tests.inbound.support import add
from tests.inbound.themes.test_service import seed, theme_of
from tests.web.conftest import Browser
from tests.web.engines import rt_on_both_engines  # noqa: F401 - `rt` on both engines
from tests.web.test_search_duplicates import COPY


def _form(page: str, action: str, last: bool = False) -> dict[str, str]:
    """The hidden version fields of the first (or last) form posting to `action`."""
    found = re.findall(r'action="' + re.escape(action) + r'"[^>]*>(.*?)</form>', page, re.S)
    assert found, f"no form posts to {action}"
    return {name: html.unescape(value) for name, value in re.findall(
        r'name="(_versions?)" value="([^"]*)"', found[-1 if last else 0])}


def nothing_done(answer_text: str, status: int, nothing: str, theirs: str) -> None:
    text = html.unescape(answer_text)
    assert status == 409, text[:300]
    assert nothing in text and "anyway" in text and theirs in text


def _themes(rt: Runtime, user: User) -> tuple[dict[str, list[int]], int, int]:
    with rt.scope(user, "acme") as scope:
        groups = seed(scope)
        themes.run(scope, rt.embedder.name)
        pay, other = theme_of(scope, groups["payroll"][0]), theme_of(scope,
                                                                     groups["calendar"][0])
    assert pay is not None and other is not None
    return groups, pay, other


def _exists(rt: Runtime, user: User, theme_id: int) -> bool:
    with rt.scope(user, "acme") as scope:
        return scope.session.get(Theme, theme_id) is not None


def test_theme_merge_and_move_stale_are_refused(signed_in: Browser, rt: Runtime,
                                                user: User) -> None:
    groups, pay, other = _themes(rt, user)
    base = f"/w/acme/themes/{pay}"
    page = signed_in.get(base).text
    merge, move = _form(page, base + "/merge"), _form(page, base + "/split", last=True)
    assert f"{other}:" in move["_versions"]  # the items' form: Move sends it too
    assert f"{other}:" in merge["_versions"] and merge["_version"]
    with rt.scope(user, "acme") as scope:  # someone renames the other theme meanwhile
        curation.update_theme(scope, other, label="Their calendar")
    stale = signed_in.post(base + "/merge", {**merge, "other": str(other)})
    nothing_done(stale.text, stale.status_code, "Nothing was merged", "Their calendar")
    moved = groups["payroll"][0]
    stale_move = signed_in.post(base + "/move", {**move, "ids": [str(moved)],
                                                 "to": str(other)})
    nothing_done(stale_move.text, stale_move.status_code, "Nothing was moved",
                 "Their calendar")
    with rt.scope(user, "acme") as scope:
        assert theme_of(scope, moved) == pay
    assert _exists(rt, user, other)
    anyway = _form(stale.text, base + "/merge")  # "Merge anyway": the current versions
    assert anyway["_versions"] != merge["_versions"]
    done = signed_in.post(base + "/merge", {**anyway, "other": str(other)})
    assert done.status_code == 303, done.text[:300]
    assert not _exists(rt, user, other)


def test_theme_split_stale_is_refused(signed_in: Browser, rt: Runtime, user: User) -> None:
    groups, pay, _ = _themes(rt, user)
    base = f"/w/acme/themes/{pay}"
    seen = _form(signed_in.get(base).text, base + "/split")
    with rt.scope(user, "acme") as scope:
        curation.update_theme(scope, pay, label="Their payroll")
    picked = groups["payroll"][:2]
    stale = signed_in.post(base + "/split", {**seen, "ids": [str(i) for i in picked]})
    nothing_done(stale.text, stale.status_code, "Nothing was split", "Their payroll")
    with rt.scope(user, "acme") as scope:
        assert {theme_of(scope, i) for i in picked} == {pay}
    anyway = _form(stale.text, base + "/split")
    assert 'name="ids"' in stale.text
    done = signed_in.post(base + "/split", {**anyway, "ids": [str(i) for i in picked]})
    assert done.status_code == 303
    with rt.scope(user, "acme") as scope:
        assert theme_of(scope, picked[0]) != pay


def test_duplicates_merge_and_dismiss_stale_are_refused(signed_in: Browser, rt: Runtime,
                                                       user: User) -> None:
    with rt.scope(user, "acme") as scope:
        a, b = add(scope, COPY, customer_company="Harbor Cafe").id, add(scope, COPY + "!").id
        c, d = add(scope, "the calendar is lovely").id, add(scope, "the calendar is lovely!").id
        duplicates.scan(scope, rt.embedder.name)
    url = "/w/acme/evidence/duplicates"
    page = signed_in.get(url).text
    groups = re.findall(r'name="_versions" value="([^"]*)"', page)
    first = next(g for g in groups if f"{a}:" in g)
    second = next(g for g in groups if f"{c}:" in g)
    with rt.scope(user, "acme") as scope:  # someone edits one item of each group
        evidence.update(scope, b, evidence.update_schema.model_validate(
            {"customer_company": "Their Cafe"}))
        evidence.update(scope, d, evidence.update_schema.model_validate(
            {"customer_company": "Their Bistro"}))
    stale = signed_in.post(url + "/merge", {"ids": [str(a), str(b)], "keep": str(a),
                                            "_versions": first})
    nothing_done(stale.text, stale.status_code, "Nothing was merged", "Their Cafe")
    dismissed = signed_in.post(url + "/dismiss", {"ids": [str(c), str(d)],
                                                  "_versions": second})
    nothing_done(dismissed.text, dismissed.status_code, "Nothing was dismissed",
                 "Their Bistro")
    with rt.scope(user, "acme") as scope:
        assert scope.owned(Evidence, b) is not None
        assert duplicates.open_count(scope) == 2
    anyway = _form(stale.text, url + "/merge")["_versions"]
    done = signed_in.post(url + "/merge", {"ids": [str(a), str(b)], "keep": str(a),
                                           "_versions": anyway})
    assert done.status_code == 303
    with rt.scope(user, "acme") as scope:
        assert scope.owned(Evidence, b) is None
