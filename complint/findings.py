"""Findings: what a check concludes about the project, with its evidence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Tuple

if TYPE_CHECKING:
    from .facts import Location

SEVERITIES = ("info", "warning", "error")
CONFIDENCES = ("low", "medium", "high")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class Evidence:
    """A related place that supports a finding (the model call, the chat UI, ...)."""

    path: str
    line: int
    column: int
    note: str


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    severity: str
    confidence: str
    message: str
    location: Location
    fix: str
    clause: str
    section: str
    evidence: Tuple[Evidence, ...] = ()
    category: str = ""
    # The app it belongs to: its root folder relative to the scan root, "." for the app
    # at the scan root (a repository may hold several: project.find_apps).
    app: str = "."

    @property
    def path(self) -> str:
        return self.location.path

    def sort_key(self) -> Tuple[str, int, int, str]:
        return (self.location.path, self.location.line, self.location.column, self.code)


def evidence_at(location: Location, note: str) -> Evidence:
    return Evidence(location.path, location.line, location.column, note)
