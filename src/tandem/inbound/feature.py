"""Product management's plain record kinds: opportunities and releases.

They need nothing beyond the generic record routes, so they are declared together here;
evidence and the roadmap, which do more, are features of their own (inbound/evidence/,
inbound/roadmap/).
"""

from __future__ import annotations

from tandem.inbound.opportunity import opportunities
from tandem.inbound.release import releases
from tandem.platform.feature import (
    Feature,
    FilterWidget,
    Kind,
    KindView,
    NavEntry,
    PageLink,
    RelatedCount,
)

feature = Feature(
    name="inbound-records",
    kinds=(
        Kind(opportunities, KindView(
            ("title", "status", "owner_id"),
            "Market problems worth solving, each backed by evidence.",
            "No opportunities yet — name a problem you keep hearing about in the evidence.",
            filters={"backed": FilterWidget("Evidence", "select", (
                ("yes", "Backed by evidence"), ("no", "No evidence yet"))),
                "owner_id": FilterWidget("Owner", "hidden", ref="people")},
            counts=(RelatedCount("Evidence", "evidence", "opportunity_id", "piece",
                                 " of evidence"),),
            # Evidence count, customers, ARR, demand, segments, effort and score, sortable.
            list_actions=(PageLink("Rank and compare", "prioritise", needs_write=False),))),
        Kind(releases, KindView(
            ("name", "version", "horizon", "status", "target_date"),
            "What ships, and where it sits on the roadmap: Now, Next or Later.",
            "No releases yet — plan one to address your strongest opportunity.",
            detail_actions=(PageLink("Plan a launch for this release",
                                     "launches/new?release_id={id}"),),
            delete_note=", and so are the launches planned for this release")),
    ),
    nav=(NavEntry("Opportunities", "opportunities", "Inbound", order=20),
         NavEntry("Releases", "releases", "Inbound", order=30)),
)
