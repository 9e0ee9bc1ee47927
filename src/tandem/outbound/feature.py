"""Product marketing's plain record kinds: launches, messages and campaigns."""

from __future__ import annotations

from tandem.outbound.campaign import campaigns
from tandem.outbound.launch import launches
from tandem.outbound.message import messages
from tandem.platform.feature import Feature, FilterWidget, Kind, KindView, NavEntry, PageLink

feature = Feature(
    name="outbound-records",
    kinds=(
        Kind(launches, KindView(
            ("name", "release_id", "tier", "status", "launch_date", "owner_id"),
            "Taking a release to market, sized by tier (1 biggest to 4 quiet ship).",
            "No launches yet — every release on Now or Next deserves a launch plan.",
            detail_actions=(PageLink("Write a message for this launch",
                                     "messages/new?launch_id={id}"),),
            filters={"late": FilterWidget("Checklist", "select", (
                ("yes", "Critical tasks late"), ("no", "No critical task late")))},
            delete_note="; messages written for it stay, without a launch, and its "
                        "checklist goes with it")),
        Kind(messages, KindView(
            ("title", "kind", "launch_id", "persona_id"),
            "Positioning statements, value propositions, pillars and proof points.",
            "No messages yet — write the value proposition for your next launch.",
            filters={"backed": FilterWidget("Evidence", "select", (
                ("yes", "Claims backed by evidence"), ("no", "Claims with no evidence")))})),
        Kind(campaigns, KindView(
            ("name", "channel", "status", "start_on", "end_on", "budget", "owner_id"),
            "Go-to-market work on one channel, for a while, with a budget and a goal. "
            "Link the segments and personas it targets on their pages.",
            "No campaigns yet — plan the email, webinar or ads that carry your next launch.",
            byline=(("channel", "status"), ("start_on", "end_on")),
            delete_note="; its links to segments and personas go with it")),
    ),
    nav=(NavEntry("Launches", "launches", "Outbound", order=10),
         NavEntry("Messages", "messages", "Outbound", order=20),
         NavEntry("Campaigns", "campaigns", "Outbound", order=25)),
)
