"""`complint check` as JSON: the verdict, the declaration, every obligation, the findings."""

from __future__ import annotations

import json
from typing import Any, Dict

from .. import __version__
from ..obligations import CheckReport
from . import ReportOptions, display_path
from .check_common import declaration_lines
from .json_format import finding_dict


def render(report: CheckReport, options: ReportOptions) -> str:
    result = report.result
    pack = result.pack  # type: ignore[attr-defined]
    where, values = declaration_lines(report, options.base)

    def evidence(e) -> Dict[str, Any]:  # type: ignore[no-untyped-def]
        return {
            "path": display_path(result.root, e.path, options.base),  # type: ignore[attr-defined]
            "line": e.line,
            "column": e.column,
            "note": e.note,
            "source": report.snippets.get((e.path, e.line)),
        }

    document = {
        "version": __version__,
        "policy_version": pack.version,
        "policy_pack": pack.name,
        "verdict": {"ready": report.verdict.passed, "reasons": list(report.verdict.reasons)},
        "declaration": {"where": where, "values": values},
        "obligations": [
            {
                "code": o.code,
                "name": o.name,
                "title": o.title,
                "section": o.section,
                "app": o.app or None,
                "status": o.status,
                "reason": o.reason,
                "policy_clause": o.clause,
                "evidence": [evidence(e) for e in o.evidence],
            }
            for o in report.obligations
        ],
        "findings": [finding_dict(result, f, options) for f in result.findings],  # type: ignore[attr-defined]
        "errors": [
            {"path": display_path(result.root, p.path, options.base), "message": p.message}  # type: ignore[attr-defined]
            for p in result.problems  # type: ignore[attr-defined]
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
