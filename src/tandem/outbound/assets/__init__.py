"""Generated sales assets: battlecards and release notes, written from the structured data."""
