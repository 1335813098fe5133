"""Which files belong to the project: walk the paths, honour .gitignore and excludes."""

from __future__ import annotations

import marshal
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from . import replay
from .files import read_regular
from .patterns import beside_bytecode, keep
from .patterns import compile as compile_pattern
from .config import Config
from .extract import language_of
from .facts import FileProblem


@dataclass(frozen=True)
class SourceFile:
    file: str  # absolute
    rel: str  # posix, relative to the project root (or absolute when outside it)

    @property
    def path(self) -> Path:
        return Path(self.file)


@dataclass(frozen=True)
class Discovery:
    files: Tuple[SourceFile, ...]
    problems: Tuple[FileProblem, ...]
    missing: Tuple[str, ...]  # paths given on the command line that do not exist
    # (path, why) for what the walk left out: a folder or file an exclude or a .gitignore
    # matched ("exclude", ".gitignore in <folder>"), a virtual environment, a kind of file
    # complint does not read ("not read"). For `--show-files`.
    skipped: Tuple[Tuple[str, str], ...] = ()


class _Spec:
    """Gitignore-style patterns (pathspec's `GitIgnoreSpec`), matched against a posix path.

    Most specs only exclude (no `!` pattern): then a path is excluded when any pattern
    matches, and one regular expression made of them all answers at once, where pathspec
    tries each pattern in turn. With a `!` pattern, pathspec decides.
    """

    def __init__(self, lines: Iterable[str]) -> None:
        lines, self.dropped = _tamed(lines)
        self.spec: Any = None
        # Without a `!` line, pathspec's expressions joined: pathspec compiles one per line
        # (a hundred a run, for the default excludes and a .gitignore), this one is kept.
        self.regex = _joined(lines)
        if self.regex is not None:
            return
        import pathspec

        try:
            self.spec = pathspec.GitIgnoreSpec.from_lines(lines)
        except (ValueError, re.error):  # a line git accepts and ignores (`!`, a lone `\`, `[z-a]`): so do we
            self.spec = pathspec.GitIgnoreSpec.from_lines([line for line in lines if _valid(line)])
        self.regex = _one_regex([p for p in self.spec.patterns if p.include is not None])

    def match_file(self, rel: str) -> bool:
        if self.regex is not None:
            return self.regex.search(rel) is not None
        return bool(self.spec.match_file(rel))


def _joined(lines: Sequence[str]) -> "Optional[re.Pattern[str]]":
    """The lines' expressions as pathspec writes them, as one, when no line is a `!`
    (then a path is out when any matches); None otherwise, or when a line is one pathspec
    refuses."""
    converted = _TRANSLATIONS.convert(lines)
    if converted is None:
        return None
    if any(include is False for _, include in converted):
        return None
    sources = [source for source, include in converted if include]
    if any(not isinstance(s, str) or "(?P=" in s for s in sources):
        return None
    if not sources:
        return compile_pattern(r"(?!)")
    try:
        return compile_pattern("|".join("(?:%s)" % _NAMED_GROUP.sub("(?:", s) for s in sources))
    except re.error:
        return None  # a line pathspec writes and cannot compile (`[z-a]`): its own way decides


class _Translations:
    """pathspec's expression for each gitignore line, kept beside complint's bytecode
    (patterns.keep) for the version of pathspec installed: the default excludes and a
    project's `.gitignore` lines are the same run after run, and importing pathspec to
    translate them again costs a warm scan more than a tenth of its time."""

    NAME = "gitignore-expressions.marshal"
    LIMIT = 4096  # lines kept; past it, the store starts again with the lines of this run

    def __init__(self) -> None:
        self.key: Optional[str] = None
        self.known: Optional[Dict[str, Any]] = None

    def convert(self, lines: Sequence[str]) -> Optional[List[Tuple[Any, Any]]]:
        """(expression, include) for each line, or None if pathspec refuses one."""
        known = self._known()
        missing = [line for line in dict.fromkeys(lines) if line not in known]
        if missing:
            import pathspec

            kind = _pattern_kind(pathspec)
            if len(known) + len(missing) > self.LIMIT:
                known.clear()
            for line in missing:
                try:
                    source, include = kind.pattern_to_regex(line)
                except (ValueError, TypeError, re.error):
                    known[line] = False  # refused
                    continue
                known[line] = (source, include) if isinstance(source, (str, type(None))) else False
            self._save()
        out = [known[line] for line in lines]
        return None if any(entry is False for entry in out) else out

    def _known(self) -> Dict[str, Any]:
        if self.known is None:
            self.known = {}
            self.key = _pathspec_key()
            path = beside_bytecode(self.NAME)
            if path is not None and self.key is not None:
                try:
                    key, known = marshal.loads(read_regular(path))
                    if key == self.key and isinstance(known, dict):
                        self.known = known
                except (OSError, ValueError, EOFError, TypeError):
                    pass  # missing or damaged: translated again, and kept again
        return self.known

    def _save(self) -> None:
        if self.key is not None:
            keep(beside_bytecode(self.NAME), marshal.dumps((self.key, self.known)))


def _pathspec_key() -> Optional[str]:
    """Which pathspec is installed, without importing it: the size and time of its
    `__init__.py` where the import would find it (None: not found that way)."""
    for entry in sys.path:
        try:
            info = os.stat(os.path.join(entry or ".", "pathspec", "__init__.py"))
        except (OSError, ValueError):
            continue
        return f"{os.path.abspath(entry or '.')}:{info.st_size}:{info.st_mtime_ns}"
    return None


_TRANSLATIONS = _Translations()
_KIND: List[Any] = []


def _pattern_kind(pathspec: Any) -> Any:
    """The class of pattern `GitIgnoreSpec` makes (its name differs between versions)."""
    if not _KIND:
        _KIND.append(type(pathspec.GitIgnoreSpec.from_lines(["x"]).patterns[0]))
    return _KIND[0]


def _one_regex(patterns: Sequence[object]) -> "Optional[re.Pattern[str]]":
    regexes = [getattr(p, "regex", None) for p in patterns]
    if not all(getattr(p, "include", None) is True for p in patterns) or None in regexes:
        return None  # negations: the order of the patterns matters
    if not regexes:
        return re.compile(r"(?!)")
    sources = [r.pattern for r in regexes]  # type: ignore[union-attr]
    if any(not isinstance(s, str) or "(?P=" in s for s in sources) or len({r.flags for r in regexes}) > 1:  # type: ignore[union-attr]
        return None
    # pathspec names a group in each pattern (the directory mark): names must not repeat.
    joined = "|".join("(?:%s)" % _NAMED_GROUP.sub("(?:", s) for s in sources)
    try:
        return compile_pattern(joined, regexes[0].flags)  # type: ignore[union-attr]
    except re.error:
        return None


_STAR_RUN = re.compile(r"\*{3,}")
# pathspec turns each `*` into `[^/]*`, which a regular expression tries every way: a line
# with many (`*a*a*a*a*b`, a fuzzer's 100 stars) takes exponential time on a path it does
# not match. Runs of three or more are one `**`, as git's wildmatch reads them; a line still
# holding more wildcards than this is left out, with a note.
_MAX_WILDCARDS = 12


def _tamed(lines: Iterable[str]) -> Tuple[List[str], List[str]]:
    """The lines pathspec can match in reasonable time, and those left out."""
    kept: List[str] = []
    dropped: List[str] = []
    for line in lines:
        line = _STAR_RUN.sub("**", line)
        (dropped if line.count("*") + line.count("?") > _MAX_WILDCARDS else kept).append(line)
    return kept, dropped


def _valid(line: str) -> bool:
    import pathspec

    try:
        pathspec.GitIgnoreSpec.from_lines([line])
    except (ValueError, re.error):  # `!`, a lone backslash, a range whose ends are reversed
        return False
    return True


def invalid_patterns(patterns: Sequence[str]) -> List[str]:
    """The patterns that mean nothing as gitignore patterns (`!`, a lone backslash)."""
    return [p for p in patterns if not _valid(p)]


_NAMED_GROUP = re.compile(r"(?<!\\)\(\?P<\w+>")


class _Ignores:
    """Gitignore files from the repository root down, plus the configured excludes.

    Paths are strings here: a walk of a large tree builds no `Path` for what it skips."""

    def __init__(self, config: Config) -> None:
        self.root = str(config.base)
        self.excludes = _Spec(config.exclude + config.extend_exclude)
        self.respect_gitignore = config.respect_gitignore
        self.gitignores: List[Tuple[str, _Spec]] = []
        self.notes: List[FileProblem] = []
        self._loaded: Set[str] = set()
        if self.respect_gitignore:
            for directory in self._ancestors_to_repo_root(config.root):
                self.load(str(directory))

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

    def load(self, directory: str) -> None:
        if not self.respect_gitignore or directory in self._loaded:
            return
        self._loaded.add(directory)
        ignore_file = os.path.join(directory, ".gitignore")
        replay.note(ignore_file)
        if os.path.isfile(ignore_file):
            try:
                with open(ignore_file, encoding="utf-8", errors="replace") as handle:
                    lines = handle.read().splitlines()
            except OSError:
                return
            spec = _Spec(lines)
            self.gitignores.append((directory, spec))
            if spec.dropped:
                where = display_rel(ignore_file, self.root)
                self.notes.append(FileProblem(where, f"{len(spec.dropped)} pattern(s) with more than {_MAX_WILDCARDS} wildcards ignored (too costly to match)"))

    def ignored(self, path: str, is_dir: bool) -> bool:
        return bool(self.why(path, is_dir))

    def why(self, path: str, is_dir: bool) -> str:
        """Why the walk leaves `path` out ("" when it does not)."""
        rel = _relative(path, self.root)
        mark = "/" if is_dir else ""
        if rel is not None and self.excludes.match_file(rel + mark):
            return "exclude"
        if is_dir and _venv_mark(path):
            return "a virtual environment"  # whatever its name
        for base, spec in self.gitignores:
            sub = _relative(path, base)
            if sub is not None and spec.match_file(sub + mark):
                return f".gitignore in {_relative(base, self.root) or base}"
        return ""


def excluded(config: Config, paths: Sequence[str]) -> Set[str]:
    """Which of these scan-root-relative paths the configuration's excludes match (its globs
    are relative to its own folder)."""
    spec = _Spec(config.exclude + config.extend_exclude)
    folder = _relative(str(config.base), str(config.root))
    prefix = "" if folder in (None, ".") else folder + "/"
    return {p for p in paths if p.startswith(prefix) and spec.match_file(p[len(prefix):])}


def _relative(path: str, base: str) -> Optional[str]:
    """`path` relative to `base` as a posix path (both absolute and normalised), or None
    when it is outside; "." for `base` itself."""
    if path == base:
        return "."
    prefix = base if base.endswith(os.sep) else base + os.sep
    if not path.startswith(prefix):
        return None
    rel = path[len(prefix) :]
    return rel if os.sep == "/" else rel.replace(os.sep, "/")


def display_rel(path: "os.PathLike[str] | str", root: "os.PathLike[str] | str") -> str:
    """`path` as the project shows it: relative to `root`, else absolute, posix either way."""
    rel = _relative(os.fspath(path), os.fspath(root))
    return rel if rel is not None else Path(path).as_posix()


def discover(paths: Sequence[Path], config: Config) -> Discovery:
    ignores = _Ignores(config)
    files: List[SourceFile] = []
    problems: List[FileProblem] = []
    missing: List[str] = []
    skipped: List[Tuple[str, str]] = []
    seen: Set[str] = set()
    for given in paths:
        absolute = Path(os.path.abspath(given))
        if not absolute.exists() and not absolute.is_symlink():
            missing.append(str(given))
            problems.append(FileProblem(display_rel(absolute, config.root), "no such file or directory"))
            continue
        if absolute.is_dir():
            _walk(str(absolute), str(config.root), ignores, files, problems, seen, skipped)
        elif str(absolute) not in seen and language_of(display_rel(absolute, config.root)):
            # Named explicitly: scanned even when an exclude would skip it, as in ruff.
            seen.add(str(absolute))
            replay.note(absolute)
            files.append(SourceFile(str(absolute), display_rel(absolute, config.root)))
    files.sort(key=lambda f: f.rel)
    problems.extend(ignores.notes)
    return Discovery(tuple(files), tuple(problems), tuple(missing), tuple(sorted(set(skipped))))


def _walk(
    top: str,
    root: str,
    ignores: _Ignores,
    files: List[SourceFile],
    problems: List[FileProblem],
    seen: Set[str],
    skipped: List[Tuple[str, str]],
) -> None:
    """The files under `top`. Symbolic links are followed only to places inside the
    project (or `top`): a link to `/` or `../elsewhere` would scan another tree."""
    within = _Within(top, root)
    visited_dirs: Set[str] = set()
    pending = [top]
    while pending:
        dirpath = pending.pop()
        real = os.path.realpath(dirpath)
        if real in visited_dirs:
            problems.append(FileProblem(display_rel(dirpath, root), "symbolic link loop: directory already scanned, not followed"))
            continue
        visited_dirs.add(real)
        replay.note(dirpath)  # before listing it: a file added meanwhile changes it
        try:
            with os.scandir(dirpath) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            problems.append(FileProblem(display_rel(dirpath, root), f"cannot list directory: {exc.strerror or exc}"))
            continue
        ignores.load(dirpath)
        rel_dir = display_rel(dirpath, root)
        subdirs: List[str] = []
        for entry in entries:
            path = entry.path
            is_dir = _is_dir(entry)
            rel = entry.name if rel_dir == "." else f"{rel_dir}/{entry.name}"
            if is_dir:
                why = ignores.why(path, True)
                if why:
                    skipped.append((rel + "/", why))
                    continue
            else:
                if path in seen:
                    continue
                why = "not a kind of file complint reads" if not language_of(rel) else ignores.why(path, False)
                if why:
                    skipped.append((rel, why))
                    continue
            if entry.is_symlink() and not within(path):
                target = os.path.realpath(path)
                problems.append(FileProblem(display_rel(path, root), f"skipped: symbolic link to {target}, outside the scanned tree"))
                continue
            if is_dir:
                subdirs.append(path)
            else:
                seen.add(path)
                replay.note(path)  # before it is read
                files.append(SourceFile(path, rel))
        pending.extend(reversed(subdirs))


def _venv_mark(folder: str) -> bool:
    """Does `folder` hold a virtual environment's `pyvenv.cfg`?"""
    mark = os.path.join(folder, "pyvenv.cfg")
    replay.note(mark)  # the folder is not listed: its mark is the input
    return os.path.isfile(mark)


def _is_dir(entry: "os.DirEntry[str]") -> bool:
    try:
        return entry.is_dir()  # follows a symbolic link
    except OSError:
        return False


def within(path: "os.PathLike[str] | str", root: "os.PathLike[str] | str") -> bool:
    """Does `path`, its symbolic links followed, stay inside `root`?"""
    return _Within(os.fspath(root), os.fspath(root))(os.fspath(path))


class _Within:
    """Does a path lead (through its links) inside the project root or the walked tree?"""

    def __init__(self, top: str, root: str) -> None:
        self.bases = {os.path.realpath(top), os.path.realpath(root)}

    def __call__(self, path: str) -> bool:
        real = os.path.realpath(path)
        return any(_relative(real, base) is not None for base in self.bases)
