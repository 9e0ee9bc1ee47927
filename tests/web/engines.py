"""For web test modules that must hold on both engines: importing `rt_on_both_engines`
into a module makes its `rt` (SQLite only in the web conftest) the `runtime` fixture,
which runs each test on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from tandem.runtime import Runtime


@pytest.fixture(name="rt")
def rt_on_both_engines(runtime: Runtime) -> Runtime:
    return runtime
