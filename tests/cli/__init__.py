"""Tests for the `tandem` command line."""
