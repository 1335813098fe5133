"""Writing a file whole or not at all: a temporary file beside it, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Optional


def write_atomically(path: Path, data: bytes, mode: Optional[int] = None, durable: bool = True) -> None:
    """Replace `path` with `data`: a reader (or a full disk, or a kill) sees the old file or
    the new one, never half of one, and a write that fails leaves the old file as it was.

    `mode`: the new file's permissions; by default those of the file it replaces, or what
    the umask gives a new file (mkstemp would make it private). `durable`: on disk before
    it takes the name, so that a crash of the machine leaves one whole (a cache, which is
    rebuilt when damaged, need not wait for that)."""
    directory = path.parent
    if mode is None:
        mode = _mode_of(path)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=str(directory))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _mode_of(path: Path) -> int:
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
