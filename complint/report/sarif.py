"""SARIF 2.1.0 output, as GitHub code scanning reads it: rules from the pack, stable fingerprints."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Dict
from urllib.parse import quote

from .. import __version__
from ..baseline import unique_fingerprints
from ..engine import ScanResult
from ..explain import render_explanation
from ..facts import FileProblem
from ..findings import Evidence, Finding
from ..policy import CheckSpec, Pack
from . import ReportOptions, display_path

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
PROJECT_URI = "https://github.com/complint/complint"
# A rule's documentation is its entry in the pack (checks/<section>.yaml): clause,
# rationale, examples and fix. `help` carries the same page as `complint explain`.
HELP_URI = PROJECT_URI + "/blob/main/checks/{section}.yaml"
SRCROOT = "%SRCROOT%"
# v2: from `finding_identity` (rule, app, file, construct); v1 hashed the message.
FINGERPRINT_KEY = "complint/v2"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render(result: ScanResult, options: ReportOptions) -> str:
    pack = result.pack
    rule_index = {code: index for index, code in enumerate(pack.checks)}
    fingerprints = unique_fingerprints(result.findings)
    artifact = _Artifacts(result.root, options.base)
    results = [
        _result(finding, rule_index, fingerprint, artifact, baseline=result.baseline is not None)
        for finding, fingerprint in zip(result.findings, fingerprints)
    ]
    run: Dict[str, Any] = {
        "tool": {"driver": _driver(pack)},
        "originalUriBaseIds": {SRCROOT: {"uri": options.base.resolve().as_uri().rstrip("/") + "/"}},
        "invocations": [
            {
                "executionSuccessful": not result.missing_paths,
                "toolExecutionNotifications": [_notification(p, artifact) for p in result.problems],
            }
        ],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    document = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _driver(pack: Pack) -> Dict[str, Any]:
    # Every rule, not only those that fired: code scanning closes an alert whose rule ran
    # and found nothing, and needs the rule's text to show any alert.
    return {
        "name": "complint",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": PROJECT_URI,
        "rules": [_rule(spec, pack) for spec in pack.checks.values()],
        "properties": {"policyPack": pack.name, "policyVersion": pack.version},
    }


def _rule(spec: CheckSpec, pack: Pack) -> Dict[str, Any]:
    page = render_explanation(spec, pack)
    properties: Dict[str, Any] = {"tags": [spec.section, spec.kind], "precision": "high"}
    if spec.clause:
        properties["policyClause"] = spec.clause
    return {
        "id": spec.code,
        "name": spec.name,
        "shortDescription": {"text": spec.summary},
        "fullDescription": {"text": " ".join(spec.rationale.split("\n\n")[0].split())},
        "help": {"text": page, "markdown": page},
        "helpUri": HELP_URI.format(section=quote(spec.section)),
        "defaultConfiguration": {"level": LEVELS[spec.severity]},
        "properties": properties,
    }


def _result(
    finding: Finding, rule_index: Dict[str, int], fingerprint: str, artifact: "_Artifacts", baseline: bool
) -> Dict[str, Any]:
    entry: Dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": _physical(artifact(finding.location.path), _region(finding))}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": {"confidence": finding.confidence},
    }
    if finding.code in rule_index:
        entry["ruleIndex"] = rule_index[finding.code]
    if finding.evidence:
        entry["relatedLocations"] = [
            _related(index, ev, artifact) for index, ev in enumerate(finding.evidence, start=1)
        ]
    if finding.category:
        entry["properties"]["category"] = finding.category
    if baseline:  # a baseline hid the known findings: every one reported is new
        entry["baselineState"] = "new"
    return entry


def _region(finding: Finding) -> Dict[str, int]:
    loc = finding.location
    region = {"startLine": max(loc.line, 1), "startColumn": max(loc.column, 1)}
    if loc.end_line >= loc.line and loc.end_column > 0:
        region.update(endLine=loc.end_line, endColumn=loc.end_column)
    return region


def _related(index: int, evidence: Evidence, artifact: "_Artifacts") -> Dict[str, Any]:
    region = {"startLine": max(evidence.line, 1), "startColumn": max(evidence.column, 1)}
    return {
        "id": index,
        "physicalLocation": _physical(artifact(evidence.path), region),
        "message": {"text": evidence.note},
    }


def _physical(artifact: Dict[str, str], region: Dict[str, int]) -> Dict[str, Any]:
    return {"artifactLocation": artifact, "region": region}


class _Artifacts:
    """A project path as a SARIF artifact location: relative to the repository root, which
    `%SRCROOT%` names. GitHub code scanning ignores `originalUriBaseIds` and reads a
    relative `uri` from the repository's top, so the `uri` alone must name the file there."""

    def __init__(self, root: Path, base: Path):
        self.root = root
        self.base = base

    def __call__(self, path: str) -> Dict[str, str]:
        shown = display_path(self.root, path, self.base)
        if os.path.isabs(shown) or shown == ".." or shown.startswith("../"):  # outside the repository
            absolute = Path(path) if os.path.isabs(path) else self.root / path
            return {"uri": absolute.resolve().as_uri()}
        # A file name that is not UTF-8 (surrogates, os.fsdecode): its own bytes, percent-encoded.
        return {"uri": quote(shown, errors="surrogateescape"), "uriBaseId": SRCROOT}


def _notification(problem: FileProblem, artifact: _Artifacts) -> Dict[str, Any]:
    region = {"startLine": problem.line, "startColumn": problem.column or 1} if problem.line else None
    location: Dict[str, Any] = {"artifactLocation": artifact(problem.path)}
    if region:
        location["region"] = region
    return {
        "level": "warning",
        "message": {"text": f"{display_path(artifact.root, problem.path, artifact.base)}: {problem.message}"},
        "locations": [{"physicalLocation": location}],
    }
