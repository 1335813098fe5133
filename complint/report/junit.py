"""JUnit XML: one test case per rule and file; a failure carries each finding's message."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Dict, List, Tuple

from ..engine import ScanResult
from ..findings import Finding
from . import ReportOptions, display_path
from .text import fix_lines

# XML 1.0 cannot carry most control characters, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def render(result: ScanResult, options: ReportOptions) -> str:
    groups: Dict[Tuple[str, str], List[Finding]] = {}
    for finding in result.findings:
        groups.setdefault((finding.path, finding.code), []).append(finding)
    suite = ET.Element("testsuite", name="complint")
    for (path, _), findings in groups.items():
        suite.append(_failed_case(result, path, findings, options))
    # A rule that ran and found nothing passed: say so, as checkov reports passed checks.
    failed_codes = {code for _, code in groups}
    for code, spec in result.pack.checks.items():
        if result.config.selects(code) and code not in failed_codes:
            ET.SubElement(suite, "testcase", classname="complint", name=f"{code} {spec.name}")
    for problem in result.problems:
        where = display_path(result.root, problem.path, options.base)
        case = ET.SubElement(suite, "testcase", classname=where, name="file analysis", file=where)
        error = ET.SubElement(case, "error", type="unreadable", message=_clean(problem.message))
        error.text = _clean(f"{where}:{problem.line or 1}: {problem.message}")
    failures = len(groups)
    counts = {"tests": str(len(suite)), "failures": str(failures), "errors": str(len(result.problems))}
    suite.attrib.update(counts, skipped="0")
    suites = ET.Element("testsuites", name="complint", **counts)
    suites.append(suite)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _failed_case(result: ScanResult, path: str, findings: List[Finding], options: ReportOptions) -> ET.Element:
    where = display_path(result.root, path, options.base)
    first = findings[0]
    case = ET.Element("testcase", classname=where, name=f"{first.code} {first.name}", file=where)
    summary = first.message if len(findings) == 1 else f"{len(findings)} findings; first: {first.message}"
    failure = ET.SubElement(case, "failure", type=first.code, message=_clean(summary))
    failure.text = _clean("\n\n".join(_details(result, f, options) for f in findings))
    return case


def _details(result: ScanResult, finding: Finding, options: ReportOptions) -> str:
    where = display_path(result.root, finding.path, options.base)
    loc = finding.location
    lines = [f"{where}:{loc.line}:{loc.column}: {finding.code} [{finding.severity}] {finding.message}"]
    for ev in finding.evidence:
        ev_where = f"{display_path(result.root, ev.path, options.base)}:{ev.line}:{ev.column}"
        lines.append(f"  = evidence: {ev_where}: {ev.note}")
    if finding.clause:
        lines.append(f'  = policy: "{finding.clause}"')
    lines += fix_lines(finding.fix)
    return "\n".join(lines)
