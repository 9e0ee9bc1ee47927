"""Customer evidence: the record kind, its CSV import, and its web, API and CLI faces."""
