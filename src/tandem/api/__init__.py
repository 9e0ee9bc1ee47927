"""The REST API under /api/v1: JSON over the same services the web and CLI use."""
