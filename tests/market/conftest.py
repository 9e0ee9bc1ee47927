"""The market suite's web pages use the web suite's fixtures (a signed-in browser over a
fresh SQLite database)."""

from tests.web.conftest import (  # noqa: F401 - fixtures for this folder
    browser,
    client,
    rt,
    signed_in,
    user,
    ws,
)
