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
from typing import Any, Callable, List, Optional, Sequence, Tuple

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
    """Write the index's content of the tracked files `wanted` keeps into `into`; return how
    many. A file whose working copy is what is staged (`git diff` names it not) is linked,
    not copied, so that the facts cache knows it by its size and time; the others are
    read from the index with `git cat-file --batch`."""
    entries = [(blob, path) for blob, path in staged_entries(top) if wanted(path) or path.rsplit("/", 1)[-1] in _ALWAYS]
    unstaged = set(_paths(_git(["diff", "--name-only", "--no-renames", "-z"], top, "--staged")))
    folders = set()
    from_index: List[Tuple[str, Path]] = []
    for blob, path in entries:
        target = into / path
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        if path not in unstaged:
            try:
                os.link(top / path, target, follow_symlinks=False)
                continue
            except OSError:  # another file system, or a file system without links
                pass
        from_index.append((blob, target))
    if from_index:
        out = _git(["cat-file", "--batch"], top, "--staged", data="".join(f"{blob}\n" for blob, _ in from_index).encode())
        at = 0
        for blob, target in from_index:
            header_end = out.index(b"\n", at)
            header = out[at:header_end].split()
            if len(header) < 3 or header[1] != b"blob":
                raise GitError(f"--staged: git cat-file gave no content for {blob}")
            size = int(header[2])
            target.write_bytes(out[header_end + 1 : header_end + 1 + size])
            at = header_end + 1 + size + 1  # the content is followed by a newline
    return len(entries)


def _paths(out: bytes) -> List[str]:
    return [os.fsdecode(p) for p in out.split(b"\0") if p]


def staging_area(top: Path) -> Path:
    """Where a staged copy is written: inside the repository's git folder, on the working
    tree's file system so that files can be linked; else the system's temporary folder."""
    import tempfile

    try:
        git_dir = Path(os.fsdecode(_git(["rev-parse", "--absolute-git-dir"], top, "--staged").strip()))
        return Path(tempfile.mkdtemp(prefix="complint-staged-", dir=git_dir))
    except (GitError, OSError):
        return Path(tempfile.mkdtemp(prefix="complint-staged-"))


def _commit(top: Path, base: str) -> str:
    try:
        return _git(["rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"], top, f"--diff {base}").decode().strip()
    except GitError:
        raise GitError(f"--diff {base}: no commit or branch {base!r} in the repository at {top}") from None


def changed_files(top: Path, base: str, staged: bool) -> List[str]:
    """Paths (relative to `top`) that differ from BASE: in the index (`staged`), or in the
    working tree since BASE's merge base with HEAD, new untracked files included. Deleted
    and renamed-away paths count: removing a disclosure changes its app."""
    if staged:
        out = _git(["diff", "--cached", "--name-only", "--no-renames", "-z", _commit(top, base)], top, f"--diff {base}")
        return sorted(set(_paths(out)))
    try:
        since = _git(["merge-base", base, "HEAD"], top, f"--diff {base}").decode().strip()
    except GitError:  # no common history (or no HEAD): against BASE itself
        since = _commit(top, base)
    out = _git(["diff", "--name-only", "--no-renames", "-z", since], top, f"--diff {base}")
    out += b"\0" + _git(["ls-files", "--others", "--exclude-standard", "-z"], top, f"--diff {base}")
    return sorted(set(_paths(out)))


class StagedTree:
    """`--staged`: the index's content of the tracked files, written to a temporary folder
    that the scan reads in place of the working tree; reports name the working tree's files."""

    def __init__(self, top: Path, copy: Path, targets: Sequence[Path]) -> None:
        self.top, self.copy, self.targets = top, copy, targets

    def with_untracked(self, result: Any) -> Any:
        """A scan result (`ScanResult`) whose skipped files list the untracked files below
        its root too, for `--show-files`: they are not part of the commit."""
        from dataclasses import replace

        from .discovery import display_rel

        out = _git(["ls-files", "--others", "--exclude-standard", "-z"], self.top, "--staged")
        untracked = [display_rel(str(self.top / rel), str(result.root)) for rel in _paths(out)]
        why = "not tracked by git: not part of the commit (--staged)"
        skipped = result.discovery.skipped + tuple((rel, why) for rel in untracked if not os.path.isabs(rel))
        return replace(result, discovery=replace(result.discovery, skipped=tuple(sorted(skipped))))

    def real(self, path: Path) -> Path:
        """Where a path of the copy is in the working tree (others are where they are)."""
        rel = os.path.relpath(path, self.copy)
        return path if rel == ".." or rel.startswith(".." + os.sep) else Path(os.path.normpath(self.top / rel))


def staged_tree(targets: Sequence[Path], ctx: Any) -> StagedTree:
    """Write the index's content of the files complint reads to a temporary folder, removed
    when the command's context `ctx` closes, and map the paths given to it."""
    import shutil

    from .extract import language_of

    top = repository_top(Path(os.path.abspath(targets[0])), "--staged")
    mapped = []
    for given in targets:
        rel = os.path.relpath(os.path.abspath(given), top)
        if rel == ".." or rel.startswith(".." + os.sep):
            raise UsageError(f"--staged: {given} is outside the repository at {top}")
        mapped.append(rel)
    copy = staging_area(top)
    ctx.call_on_close(lambda: shutil.rmtree(copy, ignore_errors=True))
    (copy / ".git").mkdir()  # the top of a repository, for .gitignore files and declarations above
    write_staged(top, copy, lambda rel: language_of(rel) is not None)
    return StagedTree(top, copy, tuple(copy / rel if rel != "." else copy for rel in mapped))
