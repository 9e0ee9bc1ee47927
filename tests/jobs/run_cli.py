"""Run `tandem` with the test job kinds declared, for tests that start a real process.

    python tests/jobs/run_cli.py worker
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout, for `tests`

from tandem import features
from tests.jobs.support import with_test_feature

features.FEATURES = with_test_feature()  # before the CLI builds itself from the manifest

from tandem.cli.main import run  # noqa: E402

run()
