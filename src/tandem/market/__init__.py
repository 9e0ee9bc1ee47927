"""Shared market models both sides use: products, segments, personas, competitors."""
