"""Bulk actions on evidence and opportunities: link, tag, move and delete many at once."""
