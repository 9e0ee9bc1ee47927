"""Hybrid search over evidence: keyword and meaning fused into one ranking, with filters."""
