"""Settings that are unsafe on a server others can reach, found before `tandem serve` starts.

A pure function of the settings, the listening address and one fact read from the database,
so the rules are tested as a table and the command only decides whether to refuse or warn.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tandem.settings import Settings

MIN_SECRET_LENGTH = 32
# Values that appear in docs, examples and tests: anyone could sign cookies with them.
PUBLISHED_SECRETS = ("", "change-me", "changeme", "secret", "tandem", "test-secret", "dev")


def is_loopback(host: str) -> bool:
    """True when only this machine can connect: 127.0.0.0/8, ::1 or localhost."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


def problems(settings: Settings, host: str, demo_password_active: bool) -> list[str]:
    """What makes serving on `host` unsafe, each with why and how to fix it; empty when safe."""
    found: list[str] = []
    key = settings.secret_key
    fix_key = ("unset TANDEM_SECRET_KEY to have a random key generated in the data folder, or "
               "set it to a long random value")
    if key.strip().lower() in PUBLISHED_SECRETS:
        found.append(f"TANDEM_SECRET_KEY is a published example value, so anyone can forge "
                     f"Tandem's signed cookies: {fix_key}.")
    elif len(key) < MIN_SECRET_LENGTH:
        found.append(f"TANDEM_SECRET_KEY has {len(key)} characters, fewer than "
                     f"{MIN_SECRET_LENGTH}, so it can be guessed: {fix_key}.")
    if demo_password_active and not is_loopback(host):
        found.append(f"The demo account still signs in with its published password and the "
                     f"server would listen on {host}, so anyone who reaches it can sign in: "
                     "serve on 127.0.0.1, or use a database without the demo account.")
    return found


def demo_open_to(settings: Settings, listen_host: str | None, local_host: str | None) -> bool:
    """Whether the demo account's published password may be shown and used for a request.

    Yes only when nobody beyond this machine can reach the server: it listens on loopback
    (`listen_host`, known when `tandem serve` started it; else the address the request
    arrived on, `local_host`) and no reverse proxy is declared, or when
    TANDEM_DEMO_BEYOND_LOOPBACK says so.
    """
    if settings.demo_beyond_loopback:
        return True
    if settings.trusted_proxies.strip():
        return False
    host = listen_host if listen_host is not None else local_host
    return host is not None and is_loopback(host)
