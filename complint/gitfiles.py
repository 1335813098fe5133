"""What git says about the files: the repository's top, the index's content, what changed.

`--staged` (the pre-commit hook) judges the commit being made: the index's content of the
tracked files, never an untracked file or an unstaged edit. It is written out to a
temporary folder that the scan reads as it would read the working tree. `--diff BASE`
(CI) names the files changed since BASE, so that only the apps they touch are judged.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Callable, List, Optional, Tuple

from .errors import UsageError

_REGULAR_FILES = ("100644", "100755")  # not symbolic links (120000) or submodules (160000)
_ALWAYS = (".gitignore",)  # read by discovery, whatever complint reads otherwise


class GitError(UsageError):
    """git could not answer: not a repository, an unknown commit."""


def _git(args: List[str], cwd: Path, what: str, data: Optional[bytes] = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=data, capture_output=True, check=False)
    except OSError as exc:
        raise GitError(f"{what}: cannot run git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"{what}: {message[-1] if message else 'git failed'}")
    return done.stdout


def repository_top(where: Path, what: str) -> Path:
    """The working tree's top folder holding `where`."""
    folder = where if where.is_dir() else where.parent
    out = _git(["rev-parse", "--show-toplevel"], folder, what)
    return Path(os.fsdecode(out.strip()))


def staged_entries(top: Path) -> List[Tuple[str, str]]:
    """(blob id, path) of every regular file in the index, from `git ls-files -s`."""
    out = _git(["ls-files", "-s", "-z"], top, "--staged")
    entries: List[Tuple[str, str]] = []
    seen = set()
    for record in filter(None, out.split(b"\0")):
        meta, _, raw_path = record.partition(b"\t")
        mode, blob, _stage = meta.decode("ascii").split()
        path = os.fsdecode(raw_path)
        if mode in _REGULAR_FILES and path not in seen:  # a conflict lists a path per stage
            seen.add(path)
            entries.append((blob, path))
    return entries


def write_staged(top: Path, into: Path, wanted: Callable[[str], bool]) -> int:
    """Write the index's content of the tracked files `wanted` keeps into `into`, with
    `git cat-file --batch`; return how many."""
    entries = [(blob, path) for blob, path in staged_entries(top) if wanted(path) or path.rsplit("/", 1)[-1] in _ALWAYS]
    if not entries:
        return 0
    out = _git(["cat-file", "--batch"], top, "--staged", data="".join(f"{blob}\n" for blob, _ in entries).encode())
    at = 0
    for blob, path in entries:
        header_end = out.index(b"\n", at)
        header = out[at:header_end].split()
        if len(header) < 3 or header[1] != b"blob":
            raise GitError(f"--staged: git cat-file gave no content for {path}")
        size = int(header[2])
        content = out[header_end + 1 : header_end + 1 + size]
        at = header_end + 1 + size + 1  # the content is followed by a newline
        target = into / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return len(entries)


def changed_files(top: Path, base: str, staged: bool) -> List[str]:
    """Paths (relative to `top`) that differ from BASE: in the index (`staged`), or in the
    working tree since BASE's merge base with HEAD, new untracked files included. Deleted
    and renamed-away paths count: removing a disclosure changes its app."""
    if staged:
        out = _git(["diff", "--cached", "--name-only", "--no-renames", "-z", base], top, f"--diff {base}")
        return sorted(set(os.fsdecode(p) for p in filter(None, out.split(b"\0"))))
    try:
        since = _git(["merge-base", base, "HEAD"], top, f"--diff {base}").decode().strip()
    except GitError:
        since = _git(["rev-parse", "--verify", f"{base}^{{commit}}"], top, f"--diff {base}").decode().strip()
    out = _git(["diff", "--name-only", "--no-renames", "-z", since], top, f"--diff {base}")
    out += _git(["ls-files", "--others", "--exclude-standard", "-z"], top, f"--diff {base}")
    return sorted(set(os.fsdecode(p) for p in filter(None, out.split(b"\0"))))

