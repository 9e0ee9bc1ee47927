"""The shared market models both sides work from: products, segments, personas, competitors."""

from __future__ import annotations

from tandem.market.competitor import competitors
from tandem.market.persona import personas
from tandem.market.product import products
from tandem.market.segment import segments
from tandem.platform.feature import Feature, Kind, KindView, NavEntry

feature = Feature(
    name="market",
    kinds=(
        Kind(products, KindView(
            ("name", "description"),
            "The product, or product lines, this workspace builds and sells.",
            "No products yet — describe what you sell.")),
        Kind(segments, KindView(
            ("name", "description", "market_size"),
            "Groups of buyers who share a problem.",
            "No segments yet — name the group of buyers you serve best.")),
        Kind(personas, KindView(
            ("name", "title", "type", "segment_id"),
            "The people who buy and use the product.",
            "No personas yet — describe the buyer you talk to most.")),
        Kind(competitors, KindView(
            ("name", "website", "description"),
            "Competitors and alternatives, including spreadsheets and doing nothing.",
            "No competitors yet — even 'a spreadsheet' is an alternative worth writing "
            "down.")),
    ),
    nav=(NavEntry("Products", "products", "Market", order=10),
         NavEntry("Segments", "segments", "Market", order=20),
         NavEntry("Personas", "personas", "Market", order=30),
         NavEntry("Competitors", "competitors", "Market", order=40)),
)
