"""CL001-CL003: the app's declaration is present, valid, and true to the code."""

from __future__ import annotations

import posixpath

from typing import Iterable, List

from ..facts import Location
from ..findings import Finding, evidence_at
from ..obligations import Assessment, assessor
from ..policy import CheckSpec
from ..project import Project
from . import Context, make_finding, rule
from .evidence import domain_evidence

CONVERSATIONAL_INTERFACES = frozenset({"chat", "messaging", "voice"})


@rule("CL001")
def missing_declaration(project: Project, spec: CheckSpec, ctx: Context) -> Iterable[Finding]:
    if project.declaration is not None or project.declaration_issues:
        return []
    evidence = [evidence_at(c.location, f"model call: {c.api} ({c.provider})") for c in project.model_calls[:2]]
    evidence += [evidence_at(i.location, f"model SDK import: {i.module}") for i in project.model_imports[:2]]
    evidence += [evidence_at(d.location, f"model SDK dependency: {d.name}") for d in project.sdk_dependencies[:2]]
    if not evidence:
        return []
    if project.model_calls:
        provider, confidence = project.model_calls[0].provider, "high"
    elif project.model_imports:
        provider, confidence = project.model_imports[0].provider, "high"
    else:
        provider, confidence = project.sdk_dependencies[0].name, "medium"
    return [make_finding(spec, _declaration_home(project), confidence, evidence=evidence[:4], provider=provider)]


def _declaration_home(project: Project) -> Location:
    """Where the declaration belongs: the root manifest, else the evidence that needs it."""
    for name in ("pyproject.toml", "package.json"):
        path = posixpath.join(project.prefix, name)
        if any(f.path == path for f in project.files):
            return Location(path, 1, 1)
    places = [d.location for d in project.sdk_dependencies if project.at_app_root(d.location.path)]
    places += [c.location for c in project.model_calls] + [i.location for i in project.model_imports]
    # a dependency in a manifest below the app's folder (backend/pyproject.toml) is the last resort
    places += [d.location for d in project.sdk_dependencies]
    return places[0]


@rule("CL002")
def invalid_declaration(project: Project, spec: CheckSpec, ctx: Context) -> Iterable[Finding]:
    return [
        make_finding(spec, issue.location, "high", construct=issue.message, problem=issue.message)
        for issue in project.declaration_issues
    ]


@rule("CL003")
def declaration_mismatch(project: Project, spec: CheckSpec, ctx: Context) -> Iterable[Finding]:
    declaration = project.declaration
    if declaration is None:
        return []
    findings: List[Finding] = []
    if "interfaces" in declaration.declared and not set(declaration.interfaces) & CONVERSATIONAL_INTERFACES:
        surfaces = [s for s in project.chat_surfaces if s.kind != "web-route"]
        if surfaces:
            surface = surfaces[0]
            declared = ", ".join(declaration.interfaces) or "nothing"
            findings.append(
                make_finding(
                    spec,
                    declaration.at("interfaces"),
                    "high",
                    evidence=[evidence_at(surface.location, f"chat surface: {surface.detail}")],
                    construct=f"interfaces {surface.kind} {surface.detail}",
                    contradiction=(
                        f"The code has a {surface.framework} chat surface ({surface.detail}), but the "
                        f"declaration's interfaces are {declared}: add \"chat\" or \"messaging\""
                    ),
                )
            )
    for domain, found in sorted(domain_evidence(project, ctx).items()):
        if domain in declaration.domains:
            continue
        findings.append(
            make_finding(
                spec,
                declaration.at("domains"),
                "medium",
                evidence=[evidence_at(found.location, f"{found.source} mentions {found.phrase!r}")],
                construct=f"domains {domain}",
                contradiction=(
                    f"The app's {found.source} points to a {domain} use ({found.phrase!r}), but the "
                    f"declaration's domains do not list {domain}"
                ),
            )
        )
    return findings


def _declared_at(project: Project) -> Location:
    assert project.declaration is not None
    return project.declaration.location


@assessor("CL001")
def declaration_obligation(project: Project, spec: CheckSpec, ctx: Context) -> Assessment:
    if not (project.model_calls or project.model_imports or project.sdk_dependencies):
        return Assessment(False, "the project uses no AI model API")
    if project.declaration is None:
        return Assessment(True, "the project uses an AI model API")
    return Assessment(True, "the project uses an AI model API", (evidence_at(_declared_at(project), "the app's declaration"),))


@assessor("CL002")
def valid_declaration_obligation(project: Project, spec: CheckSpec, ctx: Context) -> Assessment:
    if project.declaration is None:
        return Assessment(False, "there is no declaration to check")
    return Assessment(True, "the app is declared", (evidence_at(_declared_at(project), "valid against the declaration schema"),))


@assessor("CL003")
def consistent_declaration_obligation(project: Project, spec: CheckSpec, ctx: Context) -> Assessment:
    if project.declaration is None:
        return Assessment(False, "there is no declaration to compare with the code")
    note = "interfaces and domains agree with the code"
    return Assessment(True, "the app is declared", (evidence_at(_declared_at(project), note),))
