"""Plans and packaging: our tiers per product, their price points and the features each
includes; the plan comparison table (a page, an API, a CLI and a generated asset)."""
