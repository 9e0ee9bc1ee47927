"""Near-duplicate evidence: found from stored vectors, reviewed in a queue, merged or dismissed."""
