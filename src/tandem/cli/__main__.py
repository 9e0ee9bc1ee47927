"""`python -m tandem.cli` runs the same program as the `tandem` console script."""

from tandem.cli.main import run

run()
