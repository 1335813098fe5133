"""`complint check` as text: the verdict, then one block per obligation, fitting a terminal."""

from __future__ import annotations

import textwrap
from typing import List

from ..obligations import CheckReport
from . import ReportOptions, display_path
from .check_common import STATUS_LABELS, counts, declaration_lines, ordered, verdict_line

_STYLE = {"NOT MET": "31", "WAIVED": "33", "MET": "32", "N/A": "2"}
WIDTH = 100


def _paint(text: str, code: str, color: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if color else text


def render(report: CheckReport, options: ReportOptions) -> str:
    result = report.result
    pack = result.pack  # type: ignore[attr-defined]
    where, values = declaration_lines(report, options.base)
    lines: List[str] = [
        f"complint check: {display_path(result.root, '.', options.base)}",  # type: ignore[attr-defined]
        f"Policy: {pack.policy_title}, pack {pack.name} {pack.version}",
        f"Declaration: {where}",
    ]
    lines += [f"  {v}" for v in values]
    lines += ["", _paint(verdict_line(report), "32" if report.verdict.passed else "31", options.color), f"Obligations: {counts(report)}", ""]
    for o in ordered(report):
        label = STATUS_LABELS[o.status]
        head = f"{label:<8} {o.code}  {o.title}" + (f"  [{o.app}]" if o.app else "")
        lines.append(_paint(head, _STYLE[label], options.color))
        lines += textwrap.wrap(o.reason, WIDTH, initial_indent=" " * 9, subsequent_indent=" " * 9)
        for e in o.evidence:
            at = f"{display_path(result.root, e.path, options.base)}:{e.line}"  # type: ignore[attr-defined]
            lines += textwrap.wrap(f"{at}  {e.note}", WIDTH, initial_indent=" " * 9 + "- ", subsequent_indent=" " * 11)
            snippet = report.snippets.get((e.path, e.line))
            if snippet and snippet.strip():
                lines.append(" " * 11 + "| " + snippet.strip()[: WIDTH - 13])
        lines.append("")
    problems = result.problems  # type: ignore[attr-defined]
    if problems:
        lines.append(f"Files complint could not read: {len(problems)} (listed on stderr)")
    return "\n".join(lines).rstrip() + "\n"
