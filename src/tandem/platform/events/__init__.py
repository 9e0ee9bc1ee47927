"""Domain events: what changed, recorded with the change; the audit log and the outbox."""
