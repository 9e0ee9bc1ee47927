"""Placeholder while the pages are written."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
