"""CL201: conversational AI must tell users they are talking to an AI."""

from __future__ import annotations

from typing import Iterable, List

from ..findings import Evidence, Finding, evidence_at
from ..policy import CheckSpec
from ..project import Project
from . import Context, make_finding, rule

_MAX_EVIDENCE = 6
_SURFACE_NAMES = {
    "chat-ui": "chat UI",
    "messaging-bot": "messaging bot",
    "console-loop": "console chat loop",
    "web-route": "chat endpoint",
}


@rule("CL201")
def missing_ai_disclosure(project: Project, spec: CheckSpec, ctx: Context) -> Iterable[Finding]:
    surface = project.primary_surface()
    if surface is None or not project.integrates_ai:
        return []
    lexicon = ctx.lexicon("ai-disclosure")
    console = any(s.kind == "console-loop" for s in project.chat_surfaces)
    for text in project.user_texts:
        if text.channel == "console" and not console:
            continue  # print() in a web app reaches the operator's terminal, not the user
        if lexicon.find(text.text):
            return []
    evidence: List[Evidence] = []
    shown = {surface.detail}
    for other in project.chat_surfaces[1:]:
        if other.detail not in shown:  # one line per kind of surface is enough
            shown.add(other.detail)
            evidence.append(evidence_at(other.location, f"chat surface: {other.detail}"))
    for call in project.model_calls:
        evidence.append(evidence_at(call.location, f"model call: {call.api} ({call.provider})"))
    if not project.model_calls:
        for imp in project.model_imports:
            evidence.append(evidence_at(imp.location, f"model SDK import: {imp.module}"))
    evidence = evidence[:_MAX_EVIDENCE]
    for prompt in project.prompts:
        phrase = lexicon.find(prompt.text)
        if prompt.role == "system" and phrase:
            evidence.append(
                evidence_at(prompt.location, f"the system prompt says {phrase!r}, but users never see system prompts")
            )
            break
    name = _SURFACE_NAMES.get(surface.kind, "chat surface")
    return [
        make_finding(
            spec,
            surface.location,
            confidence="high" if project.model_calls else "medium",
            evidence=evidence,
            surface=f"This {surface.framework} {name} ({surface.detail})",
        )
    ]
