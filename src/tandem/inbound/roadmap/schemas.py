"""The roadmap's API shape: a release with what it addresses, its backing and launches."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from tandem.inbound.release import releases
from tandem.loop.links import LinkedPublic
from tandem.outbound.launch import launches

_release_public: Any = releases.public_schema
_launch_public: Any = launches.public_schema
RoadmapItemPublic: type[BaseModel] = create_model(
    "RoadmapItemPublic",
    __config__=ConfigDict(from_attributes=True),
    release=(_release_public, ...),
    opportunities=(list[LinkedPublic], ...),
    evidence_count=(int, Field(description="Distinct evidence behind its opportunities")),
    launches=(list[_launch_public], ...),
    needs_launch=(bool, Field(description="On Now or Next, not shipped, and no launch yet")),
)
