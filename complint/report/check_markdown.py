"""`complint check` as Markdown, for a pull-request comment."""

from __future__ import annotations

from typing import List

from ..obligations import MET, NOT_APPLICABLE, NOT_MET, WAIVED, CheckReport
from . import ReportOptions, display_path
from .check_common import counts, declaration_lines, ordered, verdict_line

_ICONS = {NOT_MET: "❌", WAIVED: "⚠️", MET: "✅", NOT_APPLICABLE: "➖"}


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render(report: CheckReport, options: ReportOptions) -> str:
    result = report.result
    pack = result.pack  # type: ignore[attr-defined]
    where, values = declaration_lines(report, options.base)
    icon = "✅" if report.verdict.passed else "❌"
    lines: List[str] = [
        f"## {icon} complint check: {_cell(verdict_line(report))}",
        "",
        f"Policy pack `{pack.name}` {pack.version} · declaration: {_cell(where)} · {counts(report)}",
        "",
    ]
    if values:
        lines += [f"- {_cell(v)}" for v in values] + [""]
    lines += ["| | Obligation | Status | Evidence |", "|---|---|---|---|"]
    for o in ordered(report):
        evidence = "<br>".join(
            f"`{display_path(result.root, e.path, options.base)}:{e.line}` {_cell(e.note)}"  # type: ignore[attr-defined]
            for e in o.evidence[:3]
        ) or _cell(o.reason)
        app = f" ({_cell(o.app)})" if o.app else ""
        lines.append(f"| {_ICONS[o.status]} | **{o.code}** {_cell(o.title)}{app} | {o.status} | {evidence} |")
    findings = result.findings  # type: ignore[attr-defined]
    if findings:
        lines += ["", f"<details><summary>Findings ({len(findings)})</summary>", ""]
        for f in findings:
            at = f"{display_path(result.root, f.path, options.base)}:{f.location.line}"  # type: ignore[attr-defined]
            lines.append(f"- `{at}` **{f.code}** [{f.severity}] {_cell(f.message)}")
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"
