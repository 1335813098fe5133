"""CL201: conversational AI must tell users they are talking to an AI."""

from __future__ import annotations

import re
from typing import Iterable, List, Optional, Tuple

from ..facts import ChatSurface, Location, UserFacingText
from ..extract.vocabulary import JS_MESSAGING_MODULES, MESSAGING_MODULES, TWILIO_REST_SEND, VOICE_CHANNEL
from ..findings import Evidence, Finding, evidence_at, one_line
from ..patterns import compile as compile_pattern
from ..obligations import Assessment, assessor
from ..policy import CheckSpec, Lexicon
from ..project import Project
from . import Context, make_finding, rule
from .evidence import SURFACE_NAMES, is_page_text, user_visible_texts

_MAX_EVIDENCE = 6
# Interfaces through which people converse with the app, and those that show it to people.
CONVERSATIONAL = frozenset({"chat", "messaging", "voice"})
PEOPLE_FACING = CONVERSATIONAL | {"web", "livestream"}


def conversational_surfaces(project: Project) -> Tuple[ChatSurface, ...]:
    """Chat surfaces users converse through; an endpoint of a declared API-only app is not
    one, nor is that of an undeclared app that shows people nothing (no page, UI, bot or
    console, no messaging library): its routes answer another program, whose page users read."""
    declaration = project.declaration
    if declaration is not None and "interfaces" in declaration.declared:
        api_only = not set(declaration.interfaces) & PEOPLE_FACING
    else:
        api_only = all(s.kind == "web-route" for s in project.chat_surfaces) and not _shows_people_anything(project)
    return tuple(s for s in project.chat_surfaces if not (api_only and s.kind == "web-route"))


def _shows_people_anything(project: Project) -> bool:
    """A page (HTML, a template, JSX), a UI framework's texts, or a messaging library (a
    webhook that answers on a chat platform) in the project, or a message posted to a
    messaging platform's API without one (Twilio's Messages API over HTTP)."""
    if any(is_page_text(t) or t.channel[:3] in ("st.", "gr.", "cl.") for t in project.user_texts):
        return True
    messaging = set(MESSAGING_MODULES) | set(JS_MESSAGING_MODULES)
    if any(module.split(".")[0] in messaging or module in messaging for f in project.files for module in f.imports):
        return True
    return any(call.callee == TWILIO_REST_SEND for f in project.files for call in f.library_calls)


def disclosure_text(project: Project, ctx: Context) -> Optional[Tuple[Location, str]]:
    """Where users are told they talk to an AI, and the phrase that tells them. Users of a
    messaging bot read what the bot sends in their chat app, not a web page the project
    also serves (a status or admin page, a landing page)."""
    lexicon, status = ctx.lexicon("ai-disclosure"), ctx.lexicon("ai-disclosure-status")
    surfaces = conversational_surfaces(project)
    bots_only = bool(surfaces) and all(s.kind == "messaging-bot" for s in surfaces)
    for text in user_visible_texts(project):
        if (bots_only and _web_text(text)) or text.channel == VOICE_CHANNEL:
            continue  # what a voice call says is heard by the person it calls, no one else
        phrase = _disclosing(text, lexicon, status)
        if phrase:
            return text.location, phrase
    return None


def _disclosing(text: UserFacingText, lexicon: Lexicon, status: Lexicon) -> Optional[str]:
    said = _QUOTED_WORD.sub(" ", _CODE.sub(" ", _URL.sub(" ", text.text)))
    for match in reversed(list(status.matches(said))):  # "Bot is alive!": a status report
        said = said[: match.start()] + " " + said[match.end() :]
    return lexicon.find(said)


def _calls_say_something(project: Project) -> bool:
    return any(t.channel == VOICE_CHANNEL for t in project.user_texts)


def _undisclosed_call(project: Project, ctx: Context) -> Optional[Tuple[ChatSurface, List[UserFacingText]]]:
    """Voice calls whose first messages never say AI: the person a call reaches hears its
    first message and then the model, never the app's pages. A call whose first message
    complint cannot find (none set, or built where it cannot read) is judged with the rest."""
    calls = [s for s in project.chat_surfaces if s.kind == "voice-call"]
    first = [t for t in project.user_texts if t.channel == VOICE_CHANNEL]
    if not calls or not first:
        return None
    lexicon, status = ctx.lexicon("ai-disclosure"), ctx.lexicon("ai-disclosure-status")
    if any(_disclosing(t, lexicon, status) for t in first):
        return None
    return calls[0], first[:_MAX_EVIDENCE]


# A link's words are an address, not a statement to users: "scope=bot" in an invite link.
_URL = re.compile(r"\b(?:https?|wss?|ftp)://[^\s<>\"'`]+")
# Nor is Markdown code a statement: what users type ("use ```/ask my llm ...```").
_CODE = compile_pattern(r"```.*?```|`[^`\n]*`", re.DOTALL)
# Nor a word quoted alone: a mention, an example of what users may send ("a topic like 'ai'").
_QUOTED_WORD = compile_pattern(r"""(?<!\w)['"\u2018\u201c][^\s'"\u2018\u2019\u201c\u201d]{1,30}['"\u2019\u201d](?!\w)""")


def _web_text(text: UserFacingText) -> bool:
    """Text a web page or a web UI shows, or a web route returns."""
    return is_page_text(text) or text.channel[:3] in ("st.", "gr.", "cl.") or text.channel == "http response"


@rule("CL201")
def missing_ai_disclosure(project: Project, spec: CheckSpec, ctx: Context) -> Iterable[Finding]:
    if not project.integrates_ai:
        return []
    surfaces = conversational_surfaces(project)
    declaration = project.declaration
    declared_chat = declaration is not None and set(declaration.interfaces) & CONVERSATIONAL
    if not surfaces and not declared_chat:
        return []
    findings = _voice_findings(project, spec, ctx)
    if _calls_say_something(project):  # the calls are judged by what they say first
        surfaces = tuple(s for s in surfaces if s.kind != "voice-call")
        if not surfaces:
            return findings
    if disclosure_text(project, ctx) is not None:
        return findings
    evidence = _evidence(project, surfaces, ctx)
    confidence = "high" if project.model_calls else "medium"
    if surfaces:
        surface = surfaces[0]
        name = SURFACE_NAMES.get(surface.kind, "chat surface")
        where, what = surface.location, f"This {surface.framework} {name} ({surface.detail})"
        construct = f"{surface.kind} {surface.detail}"
    else:
        assert declaration is not None
        interfaces = ", ".join(i for i in declaration.interfaces if i in CONVERSATIONAL)
        where, what = declaration.at("interfaces"), f"The declared {interfaces} interface"
        construct, confidence = f"declared {interfaces}", "high"
    return findings + [make_finding(spec, where, confidence, evidence=evidence, construct=construct, surface=what, unseen=_UNSEEN)]


_UNSEEN = "no user-facing text in the project"


def _voice_findings(project: Project, spec: CheckSpec, ctx: Context) -> List[Finding]:
    found = _undisclosed_call(project, ctx)
    if found is None:
        return []
    call, first = found
    evidence = [evidence_at(call.location, f"voice call: {call.detail}")]
    evidence += [evidence_at(t.location, f"the call's first message: {one_line(t.text)[:100]!r}") for t in first[1:]]
    evidence += [evidence_at(c.location, f"model call: {c.api} ({c.provider})") for c in project.model_calls[:1]]
    return [  # at the first message: where the disclosure belongs
        make_finding(
            spec, first[0].location, "high", evidence=evidence, construct=f"voice-call {call.detail}",
            fix_kind="voice", surface=f"This {call.framework} voice call ({call.detail})",
            unseen="nothing the person called hears first (the call's first message)",
        )
    ]


def _evidence(project: Project, surfaces: Tuple[ChatSurface, ...], ctx: Context) -> List[Evidence]:
    evidence: List[Evidence] = []
    shown = {surfaces[0].detail} if surfaces else set()
    for other in surfaces[1:]:
        if other.detail not in shown:  # one line per kind of surface is enough
            shown.add(other.detail)
            evidence.append(evidence_at(other.location, f"chat surface: {other.detail}"))
    for call in project.model_calls:
        evidence.append(evidence_at(call.location, f"model call: {call.api} ({call.provider})"))
    if not project.model_calls:
        for imp in project.model_imports:
            evidence.append(evidence_at(imp.location, f"model SDK import: {imp.module}"))
    evidence = evidence[:_MAX_EVIDENCE]
    lexicon = ctx.lexicon("ai-disclosure")
    for prompt in project.prompts:
        phrase = lexicon.find(prompt.text)
        if prompt.role == "system" and phrase:
            note = f"the system prompt says {phrase!r}, but users never see system prompts"
            evidence.append(evidence_at(prompt.location, note))
            break
    return evidence


@assessor("CL201")
def ai_disclosure_obligation(project: Project, spec: CheckSpec, ctx: Context) -> Assessment:
    surfaces = conversational_surfaces(project)
    declaration = project.declaration
    declared_chat = declaration is not None and set(declaration.interfaces) & CONVERSATIONAL
    if not project.integrates_ai:
        return Assessment(False, "no model call or model SDK import found")
    if not surfaces and not declared_chat:
        return Assessment(False, "no chat UI, bot, console chat or chat endpoint, and none declared")
    call = _undisclosed_call(project, ctx)
    if call is not None:  # its finding says what is missing
        return Assessment(True, f"a model speaks with the people {call[0].detail} calls")
    if _calls_say_something(project) and all(s.kind == "voice-call" for s in surfaces):
        lexicon, status = ctx.lexicon("ai-disclosure"), ctx.lexicon("ai-disclosure-status")
        said = [t for t in project.user_texts if t.channel == VOICE_CHANNEL and _disclosing(t, lexicon, status)]
        first = said[0]
        note = f"the call's first message says so: {one_line(first.text)[:100]!r}"
        return Assessment(True, f"a model speaks with the people {surfaces[0].detail} calls", (evidence_at(first.location, note),))
    found = disclosure_text(project, ctx)
    where = surfaces[0].detail if surfaces else "the declared interfaces"
    if found is None:
        return Assessment(True, f"users converse with the app through {where}")
    location, phrase = found
    text = next(t.text for t in project.user_texts if t.location == location)
    shown = text if len(text) <= 100 else text[:99] + "…"
    note = f"users are told ({phrase!r}): {' '.join(shown.split())!r}"
    return Assessment(True, f"users converse through {where}", (evidence_at(location, note),))
