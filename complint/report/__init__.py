"""Reporters: each formats a finished scan result; none of them decides anything."""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict

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
    cwd: Path
    color: bool = False
    quiet: bool = False
    statistics: bool = False


def display_path(root: Path, rel: str, cwd: Path) -> str:
    """A root-relative path as the user would type it from where they ran complint."""
    absolute = Path(rel) if os.path.isabs(rel) else root / rel
    try:
        shown = os.path.relpath(absolute, cwd)
    except ValueError:  # another drive, on Windows
        return absolute.as_posix()
    return Path(shown).as_posix()


def reporter(fmt: str) -> Callable[..., str]:
    return importlib.import_module(FORMATS[fmt]).render  # type: ignore[no-any-return]
