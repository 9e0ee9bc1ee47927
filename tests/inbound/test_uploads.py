"""Uploads on disk: written in chunks up to the limit, named safely, found only by their
token in their own workspace, and purged when nobody imported them."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest

from tandem.errors import NotFound
from tandem.inbound.evidence.uploads import Spool, TooLarge, clean_name, load, purge


@pytest.mark.parametrize(("given", "expected"), [
    ("feedback.csv", "feedback.csv"), ("../../etc/passwd", "passwd"),
    ("C:\\Users\\me\\notes.txt", "notes.txt"), ("a\x00b\nc.csv", "a b c.csv"),
    ("", "upload"), (None, "upload"), ("x" * 300, "x" * 200),
])
def test_file_names_are_made_safe(given: str | None, expected: str) -> None:
    assert clean_name(given) == expected


def test_spool_keeps_the_file_and_finds_it_by_token(tmp_path: Path) -> None:
    spool = Spool(tmp_path, 7, "f.csv", limit=100)
    spool.copy_from(io.BytesIO(b"text\nhello\n"), chunk=4)
    upload = spool.finish()
    assert upload.path.read_bytes() == b"text\nhello\n" and upload.size == 11
    assert oct(upload.path.stat().st_mode & 0o777) == "0o600"
    assert load(tmp_path, 7, upload.token) == upload
    for workspace, token in ((8, upload.token), (7, "0" * 32), (7, "../x")):
        with pytest.raises(NotFound, match="That upload is gone"):
            load(tmp_path, workspace, token)


def test_past_the_limit_nothing_is_left(tmp_path: Path) -> None:
    spool = Spool(tmp_path, 7, "big.csv", limit=10)
    with pytest.raises(TooLarge) as refused:
        spool.copy_from(io.BytesIO(b"x" * 25), chunk=4)
    assert refused.value.status == 413
    assert list((tmp_path / "imports" / "7").iterdir()) == []


def test_purge_removes_only_old_uploads(tmp_path: Path) -> None:
    old = Spool(tmp_path, 1, "old.csv", 100).finish()
    new = Spool(tmp_path, 1, "new.csv", 100).finish()
    long_ago = time.time() - 2 * 24 * 3600
    os.utime(old.path, (long_ago, long_ago))
    assert purge(tmp_path) == 1
    assert not old.path.exists() and not old.meta.exists() and new.path.exists()
