"""Demo workspace content for Tandem (the fictional startup Shiftwell)."""
