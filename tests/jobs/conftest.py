"""Every test here sees the test job kinds, and leaves no handler thread waiting."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tandem import features

from .support import GATES, RAN, with_test_feature


@pytest.fixture(autouse=True)
def test_jobs(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(features, "FEATURES", with_test_feature())
    GATES.clear()
    RAN.clear()
    yield
    for event in GATES.values():
        event.set()
