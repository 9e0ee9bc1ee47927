"""The claims audit: every marketing claim and the proof behind it, flagged when weak."""
