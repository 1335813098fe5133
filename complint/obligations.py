"""The pre-deploy view: every obligation that applies to the app, met or not, with evidence.

Findings say what is wrong. An obligation says what the policy asks of this app and how
the app answers it: met (and where), not met (and where it belongs), waived by a
suppression with its reason, or not applicable (and why). Each check may register an
*assessor* beside its rule; the assessor says whether the obligation applies and what
meets it, while the rule's findings stay the authority on what is not met.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Dict, List, Optional, Tuple

from .findings import Evidence, Finding, evidence_at
from .policy import CheckSpec
from .project import Project

MET, NOT_MET, WAIVED, NOT_APPLICABLE = "met", "not met", "waived", "not applicable"
STATUSES = (NOT_MET, WAIVED, MET, NOT_APPLICABLE)


@dataclass(frozen=True)
class Assessment:
    """What a check's own logic says of its obligation, before findings are considered."""

    applies: bool
    reason: str  # why it applies, or why not
    met_by: Tuple[Evidence, ...] = ()  # what meets it, when it applies and nothing is wrong


@dataclass(frozen=True)
class Obligation:
    code: str
    name: str
    title: str
    section: str
    clause: str
    status: str
    reason: str
    evidence: Tuple[Evidence, ...] = ()
    findings: Tuple[Finding, ...] = ()
    app: str = ""  # the app's folder when a repository holds several apps


Assessor = Callable[..., Assessment]
ASSESSORS: Dict[str, Assessor] = {}


def assessor(code: str) -> Callable[[Assessor], Assessor]:
    def register(fn: Assessor) -> Assessor:
        ASSESSORS[code] = fn
        return fn

    return register


def obligation_title(spec: CheckSpec) -> str:
    title = getattr(spec, "obligation", "")
    return title or spec.summary


def evaluate(result, context) -> List[Obligation]:  # type: ignore[no-untyped-def]
    """Obligations for a finished scan (`ScanResult`), in catalogue order."""
    from .rules import load_rules

    load_rules(result.pack)  # rule modules register their assessors when imported
    apps: Tuple[Project, ...] = result.apps or (result.project,)
    out: List[Obligation] = []
    for app in apps:
        own = result.config_of(app.name)  # each app's own configuration
        app_context = replace(context, config=own)
        for code, spec in result.pack.checks.items():
            if getattr(spec, "kind", "policy") != "policy" or not own.selects(code):
                continue
            obligation = _one(spec, app, app_context, result, several=len(apps) > 1)
            if obligation is not None:
                out.append(obligation)
    return out


def _one(spec: CheckSpec, project: Project, context, result, several: bool) -> Optional[Obligation]:  # type: ignore[no-untyped-def]
    found = tuple(f for f in result.findings if f.code == spec.code and f.app == project.name)
    waived = [s for s in getattr(result, "suppressed", ()) if s.finding.code == spec.code and s.finding.app == project.name]
    assess = ASSESSORS.get(spec.code)
    assessment = assess(project, spec, context) if assess is not None else None
    base = dict(
        code=spec.code, name=spec.name, title=obligation_title(spec), section=spec.section, clause=spec.clause,
        app=project.name if several else "",
    )
    if found:
        flagged = tuple(evidence_at(f.location, f"flagged here ({f.code}, {f.confidence} confidence)") for f in found)
        evidence = flagged + tuple(e for f in found for e in f.evidence)
        return Obligation(status=NOT_MET, reason=found[0].message, evidence=evidence[:8], findings=found, **base)
    if waived:
        first = waived[0]
        reason = f"waived: {first.reason}" if first.reason else "waived by a suppression"
        return Obligation(status=WAIVED, reason=reason, evidence=(evidence_at(first.finding.location, first.finding.message),), **base)
    if assessment is None:
        return None  # a prohibition nothing in the app comes near: nothing to show
    if assessment.applies:
        return Obligation(status=MET, reason=assessment.reason, evidence=assessment.met_by, **base)
    return Obligation(status=NOT_APPLICABLE, reason=assessment.reason, **base)


@dataclass(frozen=True)
class Verdict:
    passed: bool
    reasons: Tuple[str, ...]


def verdict(obligations: List[Obligation], result) -> Verdict:  # type: ignore[no-untyped-def]
    """Release or not: every applicable obligation met, a valid declaration, no errors."""
    reasons: List[str] = []
    unmet = [o for o in obligations if o.status == NOT_MET]
    if unmet:
        codes = ", ".join(dict.fromkeys(o.code for o in unmet))
        reasons.append(f"{len(unmet)} obligation{'s' if len(unmet) != 1 else ''} not met: {codes}")
    apps: Tuple[Project, ...] = result.apps or (result.project,)
    for app in apps:
        which = f"the app in {app.name}" if len(apps) > 1 else "the app"
        uses_ai = app.model_calls or app.model_imports or app.sdk_dependencies
        if app.declaration is None and not app.declaration_issues and uses_ai:
            reasons.append(f"{which} has no declaration ([tool.complint.app] or complint.yaml)")
        elif app.declaration_issues:
            reasons.append(f"{which}'s declaration is invalid")
    errors = [f for f in result.findings if f.severity == "error"]
    if errors and not unmet:
        reasons.append(f"{len(errors)} error finding{'s' if len(errors) != 1 else ''}")
    return Verdict(passed=not reasons, reasons=tuple(reasons))


def project_evidence(project: Project) -> Tuple[Evidence, ...]:
    """A line or two on what the app is, for the report's header."""
    notes: List[Evidence] = []
    for surface in project.chat_surfaces[:2]:
        notes.append(evidence_at(surface.location, f"chat surface: {surface.framework} {surface.detail}"))
    for call in project.model_calls[:2]:
        notes.append(evidence_at(call.location, f"model call: {call.api} ({call.provider})"))
    return tuple(notes)


@dataclass(frozen=True)
class CheckReport:
    """Everything `complint check` shows: obligations, the verdict, and the scan behind them."""

    result: object  # ScanResult
    obligations: Tuple[Obligation, ...]
    verdict: Verdict
    snippets: Dict[Tuple[str, int], str]  # (path, line) -> that source line, for evidence


def read_snippets(root, obligations: List[Obligation]) -> Dict[Tuple[str, int], str]:  # type: ignore[no-untyped-def]
    """The source line behind each piece of evidence, so reviewers see what was found."""
    wanted: Dict[str, set] = {}
    for obligation in obligations:
        for e in obligation.evidence:
            wanted.setdefault(e.path, set()).add(e.line)
    out: Dict[Tuple[str, int], str] = {}
    for path, lines in wanted.items():
        try:
            with open(root / path, encoding="utf-8", errors="replace") as fh:
                for number, text in enumerate(fh, start=1):
                    if number in lines:
                        out[(path, number)] = text.rstrip("\n")[:200]
                    if number >= max(lines):
                        break
        except OSError:
            continue
    return out
