"""Tandem: product management and product marketing run as one loop."""

__version__ = "0.1.0"
