"""The messaging house: a core message, 2 to 6 pillars, proof points, a per-persona matrix."""
