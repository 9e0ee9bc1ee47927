"""Near-duplicate evidence: the review queue and its faces, the scan job and the chore that
checks newly embedded evidence."""

from __future__ import annotations

from tandem.inbound.duplicates.jobs import scan_job, scan_new_every, scan_new_job
from tandem.platform.feature import Feature, NavEntry

feature = Feature(
    name="duplicates",
    api="tandem.inbound.duplicates.api:router",
    web="tandem.inbound.duplicates.web:router",
    cli="tandem.inbound.duplicates.cli:register",
    jobs=(scan_job, scan_new_job),
    periodic=(scan_new_every,),
    panels=("tandem.inbound.duplicates.web:merged_panel",),
    nav=(NavEntry("Duplicates", "evidence/duplicates", "Inbound", order=11),),
)
