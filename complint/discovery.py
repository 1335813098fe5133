"""Which files belong to the project: walk the paths, honour .gitignore and excludes."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, List, Optional, Sequence, Set, Tuple

from .config import Config
from .extract import language_of
from .facts import FileProblem


@dataclass(frozen=True)
class SourceFile:
    path: Path  # absolute
    rel: str  # posix, relative to the project root (or absolute when outside it)


@dataclass(frozen=True)
class Discovery:
    files: Tuple[SourceFile, ...]
    problems: Tuple[FileProblem, ...]
    missing: Tuple[str, ...]  # paths given on the command line that do not exist


def _spec(lines: Iterable[str]):
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(list(lines))


class _Ignores:
    """Gitignore files from the repository root down, plus the configured excludes."""

    def __init__(self, config: Config) -> None:
        self.root = config.root
        self.excludes = _spec(config.exclude + config.extend_exclude)
        self.respect_gitignore = config.respect_gitignore
        self.gitignores: List[Tuple[Path, object]] = []
        self._loaded: Set[Path] = set()
        if self.respect_gitignore:
            for directory in self._ancestors_to_repo_root(config.root):
                self.load(directory)

    @staticmethod
    def _ancestors_to_repo_root(root: Path) -> List[Path]:
        chain = [root]
        for parent in root.parents:
            if (chain[-1] / ".git").exists():
                break
            chain.append(parent)
        if not (chain[-1] / ".git").exists():
            return [root]  # not in a repository: only the project's own .gitignore files
        return list(reversed(chain))

    def load(self, directory: Path) -> None:
        if not self.respect_gitignore or directory in self._loaded:
            return
        self._loaded.add(directory)
        ignore_file = directory / ".gitignore"
        if ignore_file.is_file():
            try:
                lines = ignore_file.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                return
            self.gitignores.append((directory, _spec(lines)))

    def ignored(self, path: Path, is_dir: bool) -> bool:
        rel = _relative(path, self.root)
        if rel is not None and self.excludes.match_file(rel + ("/" if is_dir else "")):
            return True
        if is_dir and (path / "pyvenv.cfg").is_file():
            return True  # a virtual environment, whatever its name
        for base, spec in self.gitignores:
            sub = _relative(path, base)
            if sub is not None and spec.match_file(sub + ("/" if is_dir else "")):
                return True
        return False


def _relative(path: Path, base: Path) -> Optional[str]:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return None


def display_rel(path: Path, root: Path) -> str:
    rel = _relative(path, root)
    return rel if rel is not None else path.as_posix()


def discover(paths: Sequence[Path], config: Config) -> Discovery:
    ignores = _Ignores(config)
    files: List[SourceFile] = []
    problems: List[FileProblem] = []
    missing: List[str] = []
    seen: Set[Path] = set()
    for given in paths:
        absolute = Path(os.path.abspath(given))
        if not absolute.exists() and not absolute.is_symlink():
            missing.append(str(given))
            problems.append(FileProblem(display_rel(absolute, config.root), "no such file or directory"))
            continue
        if absolute.is_dir():
            _walk(absolute, config.root, ignores, files, problems, seen)
        elif absolute not in seen and language_of(display_rel(absolute, config.root)):
            # Named explicitly: scanned even when an exclude would skip it, as in ruff.
            seen.add(absolute)
            files.append(SourceFile(absolute, display_rel(absolute, config.root)))
    files.sort(key=lambda f: f.rel)
    return Discovery(tuple(files), tuple(problems), tuple(missing))


def _walk(
    top: Path,
    root: Path,
    ignores: _Ignores,
    files: List[SourceFile],
    problems: List[FileProblem],
    seen: Set[Path],
) -> None:
    visited_dirs: Set[str] = set()

    def on_error(exc: OSError) -> None:
        where = display_rel(Path(exc.filename), root) if exc.filename else str(top)
        problems.append(FileProblem(where, f"cannot list directory: {exc.strerror or exc}"))

    for dirpath, dirnames, filenames in os.walk(top, onerror=on_error, followlinks=True):
        directory = Path(dirpath)
        real = os.path.realpath(dirpath)
        if real in visited_dirs:
            problems.append(
                FileProblem(display_rel(directory, root), "symbolic link loop: directory already scanned, not followed")
            )
            dirnames[:] = []
            continue
        visited_dirs.add(real)
        ignores.load(directory)
        kept = []
        for name in sorted(dirnames):
            if not ignores.ignored(directory / name, is_dir=True):
                kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            path = directory / name
            rel = display_rel(path, root)
            if path in seen or not language_of(rel) or ignores.ignored(path, is_dir=False):
                continue
            seen.add(path)
            files.append(SourceFile(path, rel))
