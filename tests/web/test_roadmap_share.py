"""The shared roadmap page opens without signing in, shows the lanes, and stops when revoked."""

from __future__ import annotations

import re
from datetime import date

from fastapi.testclient import TestClient

from tandem.accounts.models import User
from tandem.inbound.release import ReleaseCreate, releases
from tandem.runtime import Runtime
from tests.web.conftest import Browser


def test_share_open_anonymously_and_revoke(signed_in: Browser, rt: Runtime, user: User,
                                           client: TestClient) -> None:
    with rt.scope(user, "acme") as scope:
        releases.create(scope, ReleaseCreate(name="Swap Center", horizon="now",
                                             description="internal plan",
                                             target_date=date(2026, 12, 1)))
    made = signed_in.post("/w/acme/roadmap/shares", {"label": "Investors"})
    assert made.status_code == 201 and "not shown again" in made.text
    url = re.search(r"/share/roadmap/[\w-]+", made.text)
    assert url is not None
    anonymous = TestClient(client.app)
    public = anonymous.get(url.group(0))
    assert public.status_code == 200 and "Swap Center" in public.text
    assert "internal plan" not in public.text and "Sign out" not in public.text
    share_id = re.search(r"/roadmap/shares/(\d+)/revoke", made.text)
    assert share_id is not None
    revoked = signed_in.follow(signed_in.post(
        f"/w/acme/roadmap/shares/{share_id.group(1)}/revoke", {}))
    assert "no longer opens the roadmap" in revoked.text
    assert anonymous.get(url.group(0)).status_code == 404
    assert anonymous.get("/share/roadmap/nonsense").status_code == 404
