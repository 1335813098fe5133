"""Reading and writing files safely: only regular files, never more than a limit, and
writes that replace a file whole or leave it as it was."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Optional, Tuple, Union

from . import replay

PathLike = Union[str, "os.PathLike[str]"]

# What a configuration, a baseline or a cache may weigh, read in full.
MAX_DATA_BYTES = 64 * 1024 * 1024

_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class NotRegularFile(OSError):
    """A FIFO, a device, a socket, a directory: reading it could block or never end."""


class TooLarge(OSError):
    """A file over the limit, found by its size or while reading it (it grew)."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"over the {_megabytes(limit)} limit")
        self.size = size
        self.limit = limit


def _megabytes(count: int) -> str:
    return f"{count // 1048576} MB" if count >= 1048576 else f"{count // 1024} KB"


def kind_of(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_regular(path: PathLike, limit: int = MAX_DATA_BYTES) -> bytes:
    """The bytes of the regular file at `path` (symbolic links followed), never more than
    `limit`: the size is checked again while reading, as a file can grow (or lie, as the
    files of /proc do)."""
    try:
        fd, info = _open_regular(path)
    except FileNotFoundError:
        replay.note(path)  # looked for, not there: its arrival changes the report
        raise
    replay.note(path, info)
    try:
        if info.st_size > limit:
            raise TooLarge(info.st_size, limit)
        # The size it says first, in one read (a store beside the bytecode is megabytes:
        # reading it a megabyte at a time and joining the pieces copied it twice more).
        first = os.read(fd, min(info.st_size, limit) + 1)
        chunks = [first] if first else []
        total = len(first)
        if total > limit:
            raise TooLarge(total, limit)
        while first:  # then on to the end: it may have grown, or its size lied (/proc)
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise TooLarge(total, limit)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)


def open_regular(path: PathLike) -> int:
    """A descriptor open for reading on the regular file at `path`, for a caller that reads
    parts of it (`os.pread`); noted for the replay as `read_regular` notes what it reads."""
    try:
        fd, info = _open_regular(path)
    except FileNotFoundError:
        replay.note(path)
        raise
    replay.note(path, info)
    return fd


def read_head(path: PathLike, count: int) -> bytes:
    """The first `count` bytes of the regular file at `path` (fewer if it is shorter)."""
    fd, _ = _open_regular(path)
    try:
        return os.read(fd, count)
    finally:
        os.close(fd)


def _open_regular(path: PathLike) -> Tuple[int, os.stat_result]:
    """A descriptor open for reading on the regular file at `path`, and its status; opening
    does not wait for a writer on a named pipe, which is then refused like any non-file."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), os.fspath(path))
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(f"not a regular file ({kind_of(info.st_mode)})")
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def read_regular_text(path: PathLike, limit: int = MAX_DATA_BYTES) -> str:
    """As `read_regular`, decoded as UTF-8 (UnicodeDecodeError when it is not)."""
    return read_regular(path, limit).decode("utf-8")


def write_atomic(
    path: PathLike, data: Union[str, bytes], mode: Optional[int] = None, durable: bool = True, devices: bool = False
) -> None:
    """Write `data` to `path` through a temporary file beside it, renamed over it once
    complete: a reader (or a full disk, an interrupt, a kill) sees the old file or the new
    one, never half of one, and a failure leaves the previous file untouched. Text is
    written as UTF-8. A symbolic link at `path` has its target replaced. A device or a pipe
    at `path` is written to when `devices` (a report sent to `-o /dev/stdout`), else
    replaced like any file (a cache file someone made a named pipe).

    `mode`: the new file's permissions; by default those of the file it replaces, or what
    the umask gives a new file (mkstemp would make it private). `durable`: on disk before
    it takes the name, so that a crash of the machine leaves one whole (a cache, which is
    rebuilt when damaged, need not wait for that)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        kind = os.stat(path).st_mode
    except OSError:
        kind = stat.S_IFREG  # a new file
    if devices and not stat.S_ISREG(kind) and not stat.S_ISDIR(kind):
        with open(path, "wb") as handle:
            handle.write(payload)
        return
    target = Path(os.path.realpath(path))
    import tempfile  # with shutil, lzma and bz2: a warm scan that writes nothing needs none of them

    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=str(target.parent))
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(temporary, _mode_of(target) if mode is None else mode)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _mode_of(target: Path) -> int:
    """The permissions of the file a write replaces; a new one gets the usual (umask) ones."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
