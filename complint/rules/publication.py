"""CL501: outputs used in live streams, demonstrations or research fall under the Sharing & Publication Policy."""

from __future__ import annotations

from typing import Iterable, List, Optional, Tuple

from ..facts import Location
from ..findings import Evidence, Finding, evidence_at
from ..obligations import Assessment, assessor
from ..policy import CheckSpec
from ..project import Project
from . import Context, make_finding, rule

USES = {"livestream": "live streams", "demo": "demonstrations", "research": "research"}


def livestream_imports(project: Project, ctx: Context) -> List[Tuple[str, str]]:
    """(path, module) of every file that imports a live-streaming integration: a Python
    module by its top-level package (`twitchio.ext`), a JS package by its whole name (`tmi.js`)."""
    names = {m.lower() for m in ctx.lexicon("livestream-modules").phrases}
    found: List[Tuple[str, str]] = []
    for facts in project.files:
        module = next((m for m in facts.imports if m.lower() in names or m.split(".")[0].lower() in names), None)
        if module is not None:
            found.append((facts.path, module if module.lower() in names else module.split(".")[0]))
    return found


@rule("CL501")
def publication_policy(project: Project, spec: CheckSpec, ctx: Context) -> Iterable[Finding]:
    imports = livestream_imports(project, ctx) if project.integrates_ai else []
    findings: List[Finding] = []
    for use in USES:
        place = _declared_place(project, use)
        if place is not None:
            location, how = place
            evidence = [evidence_at(Location(path, 1, 1), f"imports {module}") for path, module in imports]
            findings.append(_finding(spec, location, "high", use, how, evidence if use == "livestream" else []))
        elif use == "livestream" and imports:
            path, module = imports[0]
            how = f"the app imports {module}, a live-streaming integration, and calls a model"
            evidence = [evidence_at(Location(p, 1, 1), f"imports {m}") for p, m in imports[1:]]
            for call in project.model_calls[:1]:
                evidence.append(evidence_at(call.location, f"model call: {call.api} ({call.provider})"))
            findings.append(_finding(spec, Location(path, 1, 1), "medium", use, how, evidence))
    return findings


def _declared_place(project: Project, use: str) -> Optional[Tuple[Location, str]]:
    declaration = project.declaration
    if declaration is None:
        return None
    if use in declaration.publication:
        return declaration.at("publication"), f"declared in publication: {use!r}"
    if use == "livestream" and "livestream" in declaration.interfaces:
        return declaration.at("interfaces"), "declared livestream interface"
    return None


def _finding(
    spec: CheckSpec, location: Location, confidence: str, use: str, how: str, evidence: List[Evidence]
) -> Finding:
    return make_finding(spec, location, confidence, evidence=evidence, category=use, use=USES[use], how=how)


@assessor("CL501")
def publication_obligation(project: Project, spec: CheckSpec, ctx: Context) -> Optional[Assessment]:
    """For `complint check`: complint cannot tell whether published outputs follow that policy
    (when it applies, its info finding says so); None when nothing is published."""
    uses = [USES[u] for u in USES if _declared_place(project, u) is not None]
    if not uses and project.integrates_ai and livestream_imports(project, ctx):
        uses = [USES["livestream"]]
    if not uses:
        return None
    return Assessment(True, "model outputs are used in " + ", ".join(uses))
