"""What every side knows about a segment or a persona, on its page."""
