"""Text output, ruff-style: `path:line:col: CODE [severity] message`, evidence, a summary."""

from __future__ import annotations

import textwrap
from collections import Counter
from typing import List

from ..engine import ScanResult
from ..findings import SEVERITIES
from . import ReportOptions, display_path

_COLORS = {"error": "31", "warning": "33", "info": "36", "bold": "1", "dim": "2"}


def _paint(text: str, style: str, color: bool) -> str:
    return f"\033[{_COLORS[style]}m{text}\033[0m" if color else text


def render(result: ScanResult, options: ReportOptions) -> str:
    if options.statistics:
        return _statistics(result, options)
    lines: List[str] = []
    titles = dict(result.pack.sections)
    for f in result.findings:
        where = f"{display_path(result.root, f.path, options.base)}:{f.location.line}:{f.location.column}:"
        head = f"{_paint(where, 'bold', options.color)} {_paint(f.code, f.severity, options.color)} [{f.severity}] {' '.join(f.message.split())}"
        lines.append(head)
        if options.quiet:
            continue
        if result.several_apps:
            lines.append(f"  = app: {f.app}")
        for ev in f.evidence:
            ev_where = f"{display_path(result.root, ev.path, options.base)}:{ev.line}:{ev.column}"
            lines.append(_paint(f"  = evidence: {ev_where}: {ev.note}", "dim", options.color))
        if f.clause:  # hygiene checks (CL9xx) quote no clause, and belong to no policy section
            # The section marks each finding rather than heading a group of them: the first
            # line printed stays a `path:line:col: CODE` line, for editors, CI logs and `head`.
            lines.append(f"  = section: {titles.get(f.section, f.section)}")
            lines.append(f"  = policy: \"{f.clause}\"")
        lines += fix_lines(f.fix)
    if not options.quiet:
        if lines:
            lines.append("")
        lines.append(summary_line(result))
    return "\n".join(lines) + ("\n" if lines else "")


def fix_lines(fix: str, head: str = "  = fix: ") -> List[str]:
    """A check's fix as a report shows it: its first paragraph, and when that ends by
    introducing an example ("For example:"), the example of code below it, indented. Later
    paragraphs are for `complint explain`."""
    paragraphs = fix.strip().split("\n\n")
    lines = [head + " ".join(paragraphs[0].split())]
    if lines[0].endswith(":") and len(paragraphs) > 1:
        code = textwrap.dedent(paragraphs[1]).splitlines()
        lines += [" " * (len(head) + 2) + line if line.strip() else "" for line in code]
    return lines


def summary_line(result: ScanResult) -> str:
    files = f"{result.files_scanned} file{'s' if result.files_scanned != 1 else ''}"
    if not result.files_scanned and not result.findings:  # nothing was read: nothing is clear
        return "Nothing checked: no file to scan was found (all excluded, or none complint reads)."
    if not result.findings:
        return f"All clear: no findings in {files}."
    counts = Counter(f.severity for f in result.findings)
    parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in reversed(SEVERITIES) if counts[s]]
    total = len(result.findings)
    return f"Found {total} finding{'s' if total != 1 else ''} ({', '.join(parts)}) in {files}."


def _statistics(result: ScanResult, options: ReportOptions) -> str:
    by_code = Counter(f.code for f in result.findings)
    lines: List[str] = []
    for section, title in result.pack.sections:
        codes = [c for c, spec in result.pack.checks.items() if spec.section == section and by_code[c]]
        if not codes:
            continue
        lines.append(title)
        for code in codes:
            spec = result.pack.check(code)
            lines.append(f"{by_code[code]:>5}  {code}  [{spec.severity}]  {spec.name}")
    if not options.quiet:
        lines.append(summary_line(result))
    return "\n".join(lines) + "\n"
