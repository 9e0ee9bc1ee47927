"""Background jobs: a table, a worker that claims and runs them, and their three faces."""
