"""Reporters: each formats a finished scan result; none of them decides anything."""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Optional

FORMATS: Dict[str, str] = {
    "text": "complint.report.text",
    "json": "complint.report.json_format",
    "sarif": "complint.report.sarif",
    "github": "complint.report.github",
    "junit": "complint.report.junit",
    "gitlab": "complint.report.gitlab",
}


@dataclass(frozen=True)
class ReportOptions:
    # What every path in a report is relative to: the repository root (`report_base`), so
    # code scanning, annotations and CI reports name files that exist in the checkout.
    base: Path
    color: bool = False
    quiet: bool = False
    statistics: bool = False


def display_path(root: Path, rel: str, base: Path) -> str:
    """A root-relative path as seen from `base` (the repository root, or where complint runs)."""
    absolute = Path(rel) if os.path.isabs(rel) else root / rel
    try:
        shown = os.path.relpath(absolute, base)
    except ValueError:  # another drive, on Windows
        return absolute.as_posix()
    return Path(shown).as_posix()


def repository_root(start: Path) -> Optional[Path]:
    """The top of the git work tree holding `start`: the closest folder with a `.git`
    (a directory, or the file of a worktree or submodule). Found without running git."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def report_base(scanned: Path, cwd: Optional[Path] = None) -> Path:
    """Where report paths start: the repository holding the scanned path, else the working directory."""
    return repository_root(scanned) or (cwd or Path.cwd()).resolve()


def reporter(fmt: str) -> Callable[..., str]:
    return importlib.import_module(FORMATS[fmt]).render  # type: ignore[no-any-return]
