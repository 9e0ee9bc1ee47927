"""Persistence: the ORM base, the engine and the schema migrations."""
