"""Import files on their way in: written to disk in chunks, with a size limit, before any
parsing, so an upload of any size costs a few kilobytes of memory.

An upload lives in `<data dir>/imports/<workspace id>/` as `<token>.upload` with its name and
size in `<token>.json`; the token is random, so only who uploaded it can name it. The import
job deletes it when it ends; `purge` removes uploads nobody imported. Workers must share the
data folder with the servers that take uploads (the same machine, or a shared volume).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from tandem.errors import NotFound, TandemError

MEGABYTE = 1024 * 1024
_TOKEN = re.compile(r"^[0-9a-f]{32}$")
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\]+")
KEEP_SECONDS = 24 * 3600


class TooLarge(TandemError):
    """The upload is over the import size limit (413, before anything is parsed)."""

    code = "too_large"
    status = 413


def limit_message(limit: int) -> str:
    return (f"The file is larger than the import limit of {limit // MEGABYTE:,} MB "
            "(TANDEM_IMPORT_MAX_MEGABYTES): split it, or ask the administrator to raise it.")


def clean_name(name: str | None, default: str = "upload") -> str:
    """A file name fit to show and to pick a format by: no folders or control characters."""
    base = _UNSAFE.sub(" ", (name or "").replace("\\", "/").rsplit("/", 1)[-1]).strip()
    return (base or default)[:200]


@dataclass(frozen=True)
class Upload:
    token: str
    name: str
    size: int
    path: Path

    @property
    def meta(self) -> Path:
        return self.path.with_suffix(".json")


def folder(data_dir: Path, workspace_id: int) -> Path:
    path = data_dir / "imports" / str(int(workspace_id))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


class Spool:
    """Write an upload chunk by chunk; `TooLarge` (and nothing left on disk) past `limit`."""

    def __init__(self, data_dir: Path, workspace_id: int, name: str | None, limit: int) -> None:
        self.token = secrets.token_hex(16)
        self.name = clean_name(name)
        self.limit = limit
        self.size = 0
        self.path = folder(data_dir, workspace_id) / f"{self.token}.upload"
        handle = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        self._file: IO[bytes] = os.fdopen(handle, "wb")

    def write(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.limit:
            self.discard()
            raise TooLarge(limit_message(self.limit), "file")
        self._file.write(chunk)

    def copy_from(self, stream: IO[bytes], chunk: int = MEGABYTE) -> Spool:
        while block := stream.read(chunk):
            self.write(block)
        return self

    def finish(self) -> Upload:
        self._file.close()
        upload = Upload(self.token, self.name, self.size, self.path)
        upload.meta.write_text(json.dumps({"name": self.name, "size": self.size}))
        return upload

    def discard(self) -> None:
        self._file.close()
        self.path.unlink(missing_ok=True)


def load(data_dir: Path, workspace_id: int, token: str) -> Upload:
    """The upload `token` of this workspace; NotFound when it is gone or never was."""
    gone = NotFound("That upload is gone (imported, or older than a day): upload the file "
                    "again.", "upload")
    if not _TOKEN.match(token or ""):
        raise gone
    path = folder(data_dir, workspace_id) / f"{token}.upload"
    try:
        meta = json.loads(path.with_suffix(".json").read_text())
        return Upload(token, clean_name(str(meta["name"])), int(meta["size"]), path)
    except (OSError, ValueError, KeyError, TypeError):
        raise gone from None


def discard(upload: Upload) -> None:
    upload.path.unlink(missing_ok=True)
    upload.meta.unlink(missing_ok=True)


def purge(data_dir: Path, older_than: float = KEEP_SECONDS) -> int:
    """Delete uploads left for longer than `older_than` seconds; how many went."""
    root = data_dir / "imports"
    if not root.is_dir():
        return 0
    cutoff = time.time() - older_than
    gone = 0
    for path in root.glob("*/*.upload"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                path.with_suffix(".json").unlink(missing_ok=True)
                gone += 1
        except OSError:
            continue
    return gone
