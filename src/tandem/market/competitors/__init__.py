"""Competitor intelligence: aliases, evidence that mentions a competitor, a timeline."""
