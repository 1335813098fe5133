"""JSON output: one object with the findings, the files that could not be read, a summary."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, Dict

from .. import __version__
from ..engine import ScanResult
from ..findings import SEVERITIES, Finding
from . import ReportOptions, display_path


def finding_dict(result: ScanResult, f: Finding, options: ReportOptions) -> Dict[str, Any]:
    loc = f.location
    out = {
        "rule": f.code,
        "name": f.name,
        "severity": f.severity,
        "confidence": f.confidence,
        "message": f.message,
        "path": display_path(result.root, loc.path, options.base),
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line or loc.line,
        "end_column": loc.end_column or loc.column,
        "evidence": [
            {"path": display_path(result.root, e.path, options.base), "line": e.line, "column": e.column, "note": e.note}
            for e in f.evidence
        ],
        "fix": f.fix,
        "policy_clause": f.clause,
        "section": f.section,
        "category": f.category or None,
    }
    if result.several_apps:  # a single app's output stays as it was
        out["app"] = f.app
    return out


def render(result: ScanResult, options: ReportOptions) -> str:
    by_severity = Counter(f.severity for f in result.findings)
    document = {
        "version": __version__,
        "policy_version": result.pack.version,
        "findings": [finding_dict(result, f, options) for f in result.findings],
        "errors": [
            {
                "path": display_path(result.root, p.path, options.base),
                "line": p.line or None,
                "column": p.column or None,
                "message": p.message,
            }
            for p in result.problems
        ],
        "summary": {
            "files_scanned": result.files_scanned,
            "findings": len(result.findings),
            "by_severity": {s: by_severity.get(s, 0) for s in SEVERITIES},
            "by_rule": dict(sorted(Counter(f.code for f in result.findings).items())),
            "errors": len(result.problems),
            "fail_on": result.config.fail_on,
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
