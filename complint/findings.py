"""Findings: what a check concludes about the project, with its evidence."""

from __future__ import annotations

from dataclasses import dataclass
import re
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
    # The construct the finding is about, in the rule's own terms: the chat surface
    # ("chat-ui st.chat_input"), the person a prompt simulates, the suppression comment.
    # With the rule, the app and the file it is the finding's identity (`finding_identity`).
    construct: str = ""
    # The app it belongs to: its root folder relative to the scan root, "." for the app
    # at the scan root (a repository may hold several: project.find_apps).
    app: str = "."

    @property
    def path(self) -> str:
        return self.location.path

    def sort_key(self) -> Tuple[str, int, int, str]:
        return (self.location.path, self.location.line, self.location.column, self.code)


_DIGITS = re.compile(r"\d+")


def finding_identity(finding: Finding) -> Tuple[str, ...]:
    """What makes a finding the same finding from one run to the next, in one place.

    The rule, the app it belongs to, the file, and the construct it is about (with the
    check's sub-category): never the message, whose reasoning changes when the app is
    declared (`complint init`), nor the line, which moves when code is reformatted. The
    construct is normalised (case, white space, numbers), so re-wrapping a call's text
    does not change it. Baselines, SARIF and GitLab fingerprints all come from here.
    """
    construct = _DIGITS.sub("0", " ".join(finding.construct.lower().split()))
    app = "" if finding.app == "." else finding.app  # the app at the scan root: as before apps had names
    return (finding.code, app, finding.location.path, finding.category, construct)


def one_line(text: str) -> str:
    """Text quoted from a file (a prompt over several lines) as one line of a report."""
    return " ".join(text.split())


def evidence_at(location: Location, note: str) -> Evidence:
    return Evidence(location.path, location.line, location.column, one_line(note))
