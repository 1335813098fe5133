"""GitLab code quality JSON: one issue per finding, with a line-free fingerprint."""

from __future__ import annotations

import json
from typing import Any, Dict

from ..baseline import unique_fingerprints
from ..engine import ScanResult
from ..findings import Finding
from . import ReportOptions, display_path

# GitLab's severities are info, minor, major, critical and blocker.
SEVERITIES = {"error": "critical", "warning": "major", "info": "info"}


def render(result: ScanResult, options: ReportOptions) -> str:
    fingerprints = unique_fingerprints(result.findings)
    issues = [_issue(result, f, fp, options) for f, fp in zip(result.findings, fingerprints)]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def _issue(result: ScanResult, finding: Finding, fingerprint: str, options: ReportOptions) -> Dict[str, Any]:
    loc = finding.location
    return {
        "type": "issue",
        "check_name": finding.code,
        "description": f"{finding.code} {finding.name}: {finding.message}",
        "categories": ["Security"] if finding.clause else ["Style"],
        "severity": SEVERITIES[finding.severity],
        "fingerprint": fingerprint,
        "location": {
            # Relative to where complint runs: the repository root ($CI_PROJECT_DIR) in GitLab CI.
            "path": display_path(result.root, loc.path, options.base),
            "lines": {"begin": loc.line, "end": max(loc.end_line, loc.line)},
        },
    }
