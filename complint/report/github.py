"""GitHub Actions workflow commands: one `::error file=…,line=…::message` annotation per finding."""

from __future__ import annotations

from typing import List

from ..engine import ScanResult
from ..findings import Finding
from . import ReportOptions, display_path
from .text import fix_lines

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """A command's message: `%`, CR and LF are escaped, as the Actions runner unescapes them."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file, title): also `:` and `,`, which would end the value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: ScanResult, options: ReportOptions) -> str:
    lines = [_annotation(result, f, options) for f in result.findings]
    return "".join(line + "\n" for line in lines)


def _annotation(result: ScanResult, finding: Finding, options: ReportOptions) -> str:
    loc = finding.location
    properties = [("file", display_path(result.root, loc.path, options.base)), ("line", str(loc.line))]
    if loc.end_line > loc.line:
        properties.append(("endLine", str(loc.end_line)))
    properties.append(("col", str(loc.column)))
    if loc.end_line == loc.line and loc.end_column > loc.column:
        properties.append(("endColumn", str(loc.end_column)))
    properties.append(("title", f"{finding.code} {finding.name}"))
    head = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{LEVELS[finding.severity]} {head}::{escape_data(_message(result, finding, options))}"


def _message(result: ScanResult, finding: Finding, options: ReportOptions) -> str:
    lines: List[str] = [finding.message]
    for ev in finding.evidence:
        lines.append(f"evidence: {display_path(result.root, ev.path, options.base)}:{ev.line}:{ev.column}: {ev.note}")
    if finding.clause:
        lines.append(f'policy: "{finding.clause}"')
    lines += fix_lines(finding.fix, head="fix: ")
    return "\n".join(lines)
