"""Import every table so Base.metadata is complete (for migrations and test set-up)."""

from __future__ import annotations

import tandem.accounts.models
import tandem.features  # every feature, and so every feature's tables
import tandem.loop.models
import tandem.platform.events.models
import tandem.platform.jobs.models
import tandem.storage.search_index  # noqa: F401  (imports every table)
from tandem.storage.base import Base

metadata = Base.metadata
