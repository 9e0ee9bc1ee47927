"""Every record kind, in manifest order, derived from `tandem.features.FEATURES`.

The lookups are built on first use rather than at import, because features import services
that look kinds up by name (links, transfer), and the manifest imports the features.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from tandem.crud import Resource
from tandem.errors import NotFound
from tandem.platform.feature import Kind, Routes


@cache
def _kinds() -> dict[str, Kind]:
    from tandem.features import kinds

    found: dict[str, Kind] = {}
    for kind in kinds():
        if kind.name in found:
            raise RuntimeError(f"Record kind {kind.name!r} is declared twice.")
        found[kind.name] = kind
    return found


class _Resources(Mapping[str, Resource[Any]]):
    """name -> Resource for every kind, read-only, in manifest order."""

    def __getitem__(self, name: str) -> Resource[Any]:
        return _kinds()[name].resource

    def __iter__(self) -> Iterator[str]:
        return iter(_kinds())

    def __len__(self) -> int:
        return len(_kinds())


RESOURCES: Mapping[str, Resource[Any]] = _Resources()


def kind(name: str) -> Kind:
    """The declaration of kind `name`; NotFound (naming it) when there is no such kind."""
    try:
        return _kinds()[name]
    except KeyError:
        raise NotFound(f"Unknown kind of object '{name}'.") from None


def resource(name: str) -> Resource[Any]:
    return kind(name).resource


def routed(name: str, *allowed: Routes) -> Resource[Any]:
    """Kind `name`'s resource for a generic route; a kind that did not choose that route
    is reported as missing, exactly like an unknown kind."""
    found = kind(name)
    if found.routes not in allowed:
        raise NotFound(f"Unknown kind of object '{name}'.")
    return found.resource


def readable(name: str) -> Resource[Any]:
    """For generic list and detail pages: kinds with full or read-only routes."""
    return routed(name, Routes.full, Routes.read)


def editable(name: str) -> Resource[Any]:
    """For generic create, edit and delete: kinds with full routes only."""
    return routed(name, Routes.full)


def with_routes(*allowed: Routes) -> list[Kind]:
    """The kinds whose generic routes are among `allowed`, in manifest order."""
    return [k for k in _kinds().values() if k.routes in allowed]


@cache
def _by_model() -> dict[type, str]:
    return {k.resource.model: k.name for k in _kinds().values()}


def name_of_model(model: type) -> str | None:
    """The kind name whose table is `model` (for references derived from foreign keys)."""
    return _by_model().get(model)


def reset() -> None:
    """Forget the derived lookups, after the manifest changed (tests that add a feature)."""
    _kinds.cache_clear()
    _by_model.cache_clear()
