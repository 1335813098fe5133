"""What every `complint check` format shows in common: the header facts, in one place."""

from __future__ import annotations

from pathlib import Path
from typing import List, Tuple

from ..obligations import MET, NOT_APPLICABLE, NOT_MET, WAIVED, CheckReport
from . import display_path

STATUS_LABELS = {NOT_MET: "NOT MET", WAIVED: "WAIVED", MET: "MET", NOT_APPLICABLE: "N/A"}
STATUS_ORDER = {NOT_MET: 0, WAIVED: 1, MET: 2, NOT_APPLICABLE: 3}


def ordered(report: CheckReport):  # type: ignore[no-untyped-def]
    """Unmet first, then waived, met, and not applicable; catalogue order within each."""
    return sorted(report.obligations, key=lambda o: STATUS_ORDER[o.status])


def declaration_lines(report: CheckReport, base: Path) -> Tuple[str, List[str]]:
    """Where the declaration is, and its values as `key: value` lines; with several apps,
    each app's, its lines marked with the app's name."""
    result = report.result
    apps = result.apps or (result.project,)  # type: ignore[attr-defined]
    if len(apps) == 1:
        return _app_declaration(result, apps[0], base)
    lines: List[str] = []
    for app in apps:
        where, values = _app_declaration(result, app, base)
        lines += [f"[{app.name}] {where}"] + [f"[{app.name}] {v}" for v in values]
    return f"{len(apps)} apps, each with its own", lines


def _app_declaration(result, project, base: Path) -> Tuple[str, List[str]]:  # type: ignore[no-untyped-def]
    declaration = project.declaration
    if declaration is None:
        issues = project.declaration_issues
        if issues:
            where = display_path(result.root, issues[0].location.path, base)  # type: ignore[attr-defined]
            return f"invalid ({where}:{issues[0].location.line}: {issues[0].message})", []
        return "none (add [tool.complint.app] to pyproject.toml, or a complint.yaml; `complint init` writes one)", []
    where = display_path(result.root, declaration.location.path, base)  # type: ignore[attr-defined]
    values = []
    for key in ("audience", "interfaces", "domains", "use-cases", "human-review", "publication"):
        attr = key.replace("-", "_")
        value = getattr(declaration, attr)
        if value:
            values.append(f"{key}: {value if isinstance(value, str) else ', '.join(value)}")
    if declaration.personas:
        values.append("personas: " + ", ".join(f"{p.name} ({p.kind})" for p in declaration.personas))
    return f"{where}:{declaration.location.line}", values


def counts(report: CheckReport) -> str:
    parts = []
    for status in (NOT_MET, WAIVED, MET, NOT_APPLICABLE):
        n = sum(1 for o in report.obligations if o.status == status)
        if n:
            parts.append(f"{n} {status}")
    return ", ".join(parts) or "no obligations"


def verdict_line(report: CheckReport) -> str:
    if report.verdict.passed:
        return "READY: every obligation that applies is met"
    return "NOT READY: " + "; ".join(report.verdict.reasons)
