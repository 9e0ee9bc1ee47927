"""Scoring: rank opportunities by RICE, WSJF, customer importance, ARR-weighted demand or a
custom formula; the prioritisation page with its value-versus-effort chart."""

from __future__ import annotations

from tandem.inbound.scoring.service import scoring_models
from tandem.platform.feature import Feature, Kind, KindView, NavEntry, PageLink

feature = Feature(
    name="scoring",
    kinds=(Kind(scoring_models, KindView(
        ("name", "method", "formula"),
        "Ways to rank opportunities: RICE, WSJF, customer importance, ARR-weighted demand, "
        "or a formula of your own.",
        "No scoring models yet — add the standard ones from the Prioritise page.",
        list_actions=(PageLink("Prioritise", "prioritise", needs_write=False),),
        detail_actions=(PageLink("Rank opportunities with it", "prioritise?model={id}",
                                         needs_write=False),))),),
    api="tandem.inbound.scoring.api:router",
    web="tandem.inbound.scoring.web:router",
    cli="tandem.inbound.scoring.cli:register",
    nav=(NavEntry("Prioritise", "prioritise", "Inbound", order=25),),
)
