"""Command groups of the `tandem` program, one module per area."""
