"""The one manifest: every feature, in the order faces list them.

The app mounts each feature's API and web routers from here, the web builds its navigation
from here, the CLI registers each feature's commands from here, the worker finds job kinds
and event subscribers here, and the registry of record kinds is derived from here. Nothing
else lists features by hand.
"""

from __future__ import annotations

from tandem.accounts.feature import FEATURE as ACCOUNTS
from tandem.platform.feature import Feature, Kind
from tandem.platform.jobs.feature import FEATURE as JOBS
from tandem.platform.jobs.kind import JobKind, Periodic

FEATURES: tuple[Feature, ...] = (ACCOUNTS, JOBS)


def kinds() -> list[Kind]:
    return [kind for feature in FEATURES for kind in feature.kinds]


def job_kinds() -> dict[str, JobKind]:
    """Every job kind by name; a name declared twice is a programming error."""
    found: dict[str, JobKind] = {}
    for feature in FEATURES:
        for job in feature.jobs:
            if job.name in found:
                raise RuntimeError(f"Job kind {job.name!r} is declared twice.")
            found[job.name] = job
    return found


def periodic_jobs() -> list[Periodic]:
    return [p for feature in FEATURES for p in feature.periodic]
