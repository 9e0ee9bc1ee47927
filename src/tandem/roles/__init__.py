"""Who does what: the activity catalog and role assignments (RACI)."""
