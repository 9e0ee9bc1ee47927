"""Import every table so Base.metadata is complete (for migrations and test set-up)."""

from __future__ import annotations

import tandem.accounts.models
import tandem.loop.models
import tandem.registry  # noqa: F401  (imports every resource's table)
from tandem.storage.base import Base

metadata = Base.metadata
