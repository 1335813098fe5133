"""CL301-CL304: consumer-facing medical, financial, legal and news uses need an AI disclaimer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterable, Iterator, List, Optional, Tuple

from ..facts import PUBLISHED_CHANNEL, ChatSurface, Location, UserFacingText
from ..findings import Evidence, Finding, evidence_at
from ..obligations import Assessment, assessor
from ..policy import CheckSpec, Lexicon
from ..project import Project
from . import Context, make_finding, rule
from .evidence import (
    SURFACE_NAMES,
    ConsumerFacing,
    DomainEvidence,
    consumer_facing,
    domain_evidence,
    is_page_text,
    mailed,
    public_ui_apps,
    user_visible_texts,
)

# Texts at most this many lines apart in one file are shown together (a gradio title and
# its description, two captions in a row): together they can make one disclaimer.
SHOWN_TOGETHER_LINES = 3
# Which of a check's `fix-examples` fits an app: its UI framework's own construct.
_FIX_KINDS = {"messaging-bot": "bot", "console-loop": "console", "web-route": "api", "voice-call": "voice"}
_UI_FRAMEWORKS = ("streamlit", "gradio", "chainlit")
_SCRIPT_SUFFIXES = (".js", ".jsx", ".ts", ".tsx", ".mjs", ".cjs")


@dataclass(frozen=True)
class Place:
    """Where users would read the disclaimer, which is where the finding points."""

    location: Location
    surface: str  # how the message names it: "This streamlit chat UI (st.chat_input)"
    construct: str  # what the finding is about, for its identity: "chat-ui st.chat_input"
    fix_kind: str  # the fix example that fits: streamlit, gradio, html, jsx, bot, ...


@dataclass(frozen=True)
class Disclaimer:
    """Where users are told that AI is used and what its limits are."""

    location: Location
    ai_phrase: str
    limitation: str


@dataclass(frozen=True)
class DomainUse:
    """Why the app is taken to work in a domain: its declaration, or its own words."""

    declared_at: Optional[Location]
    found: Optional[DomainEvidence]

    def describe(self) -> str:
        if self.declared_at is not None:
            return "declared in domains"
        assert self.found is not None
        return f"its {self.found.source} mentions {self.found.phrase!r}"


def shown_together(texts: Iterable[UserFacingText]) -> Iterator[List[UserFacingText]]:
    """Runs of texts in one file, each at most SHOWN_TOGETHER_LINES after the one before."""
    by_file: Dict[str, List[UserFacingText]] = {}
    for text in texts:
        by_file.setdefault(text.location.path, []).append(text)
    for path in sorted(by_file):
        group: List[UserFacingText] = []
        last = 0
        for text in sorted(by_file[path], key=lambda t: (t.location.line, t.location.column)):
            if group and text.location.line - last > SHOWN_TOGETHER_LINES:
                yield group
                group = []
            group.append(text)
            last = max(last, text.location.end_line or text.location.line, text.location.line)
        if group:
            yield group


def find_disclaimer(project: Project, ctx: Context, domain: str) -> Optional[Disclaimer]:
    """The first text, or texts shown together, saying both that AI is used and a limitation."""
    ai = ctx.lexicon("ai-disclosure")
    limits = (ctx.lexicon("disclaimer-limitations"), ctx.lexicon(f"disclaimer-{domain}"))
    for group in shown_together(user_visible_texts(project)):
        says_ai = [ai.find(text.text) for text in group]
        if not any(says_ai):  # no disclaimer here, whatever limits it names: not read for them
            continue
        said = [(text, phrase, _limitation(text.text, limits)) for text, phrase in zip(group, says_ai)]
        ai_phrase = next((phrase for _, phrase, _ in said if phrase), None)
        limitation = next((phrase for _, _, phrase in said if phrase), None)
        if ai_phrase and limitation:
            first = next(text for text, says_ai, limits_it in said if says_ai or limits_it)
            return Disclaimer(first.location, ai_phrase, limitation)
    return None


def _limitation(text: str, lexicons: Tuple[Lexicon, ...]) -> Optional[str]:
    return next((phrase for phrase in (lexicon.find(text) for lexicon in lexicons) if phrase), None)


def domain_use(project: Project, ctx: Context, domain: str) -> Optional[DomainUse]:
    """The declared domains settle it (CL003 reports code that contradicts them); else the app's words."""
    found = domain_evidence(project, ctx).get(domain)
    declaration = project.declaration
    if declaration is not None and "domains" in declaration.declared:
        return DomainUse(declaration.at("domains"), found) if domain in declaration.domains else None
    return DomainUse(None, found) if found is not None else None


def _check(project: Project, spec: CheckSpec, ctx: Context, domain: str) -> List[Finding]:
    if not project.integrates_ai and project.declaration is None:
        return []
    use = domain_use(project, ctx, domain)
    if use is None:
        return []
    public = consumer_facing(project)
    if public is None or find_disclaimer(project, ctx, domain) is not None:
        return []
    place = _where(project, use)
    confidence = "high" if use.declared_at is not None and public.declared else "medium"
    evidence = _evidence(project, ctx, domain, use, public, place.location)
    return [
        make_finding(
            spec, place.location, confidence, evidence=evidence, category=domain, construct=place.construct,
            fix_kind=place.fix_kind, surface=place.surface, audience=_audience(public), domain=use.describe(),
        )
    ]


def _audience(public: ConsumerFacing) -> str:
    return public.reason if public.declared else f"no audience is declared, and {public.reason} is public"


def _where(project: Project, use: DomainUse) -> Place:
    """Where the disclaimer belongs, in what users see: the chat they read answers in, else
    the UI app's first text (its title), else the web page's first text, else the chat
    endpoint. Only an app with none of these is pointed at its declared domains."""
    surfaces = [s for s in project.chat_surfaces if s.kind not in ("web-route", "voice-call")]
    if surfaces:  # the surface that shows the domain or posts to its route, else the first
        return _surface_place(next((s for s in surfaces if _shows(s, use, project)), surfaces[0]))
    apps = public_ui_apps(project)
    if apps:
        framework, location = apps[0]
        return Place(location, f"This {framework} app", f"{framework} app", framework)
    page = next((t for t in sorted(user_visible_texts(project), key=_text_order) if is_page_text(t)), None)
    if page is not None:
        kind = "jsx" if page.location.path.endswith(_SCRIPT_SUFFIXES) else "html"
        return Place(page.location, "This web page", "web page", kind)
    mail = mailed(project)
    if mail is not None:  # a digest users read in their inbox
        return Place(mail.location, f"This e-mail ({mail.callee})", f"e-mail {mail.callee}", "email")
    written = next((t for t in project.user_texts if t.channel == PUBLISHED_CHANNEL), None)
    if written is not None:  # a digest written to a page readers open
        return Place(written.location, "This published file", "published file", "default")
    if project.chat_surfaces:
        return _surface_place(project.chat_surfaces[0])
    if use.declared_at is not None:
        return Place(use.declared_at, "The app", "declared", "default")
    assert use.found is not None
    return Place(use.found.location, "The app", "app", "default")


def _shows(surface: ChatSurface, use: DomainUse, project: Project) -> bool:
    """Is this chat where the domain is seen: in the file whose words show it, or a page
    posting to the route that file serves (`<Input> posting to /api/doctor`, the route
    `POST /api/doctor` in the file whose prompt is a doctor's)?"""
    if use.found is None:
        return False
    where = use.found.location.path
    if surface.location.path == where:
        return True
    routes = {
        s.detail.split(" ", 1)[1] for s in project.chat_surfaces
        if s.kind == "web-route" and s.location.path == where and s.detail.startswith("POST /")
    }
    return any(surface.detail.endswith(f" posting to {route}") for route in routes)


def _surface_place(surface: ChatSurface) -> Place:
    name = SURFACE_NAMES.get(surface.kind, "chat surface")
    if surface.kind in _FIX_KINDS:
        kind = _FIX_KINDS[surface.kind]
    elif surface.framework in _UI_FRAMEWORKS:
        kind = surface.framework
    else:  # a chat UI in a page: JSX in a script, else markup (HTML, Vue, Svelte, Jinja)
        kind = "jsx" if surface.location.path.endswith(_SCRIPT_SUFFIXES) else "html"
    return Place(
        surface.location, f"This {surface.framework} {name} ({surface.detail})", f"{surface.kind} {surface.detail}", kind
    )


def _text_order(text: UserFacingText) -> Tuple[str, int, int]:
    return (text.location.path, text.location.line, text.location.column)


def _evidence(
    project: Project, ctx: Context, domain: str, use: DomainUse, public: ConsumerFacing, where: Location
) -> List[Evidence]:
    evidence: List[Evidence] = []
    if use.declared_at is not None and use.declared_at != where:
        evidence.append(evidence_at(use.declared_at, f"domains includes {domain!r}"))
    if use.found is not None:
        evidence.append(evidence_at(use.found.location, f"{use.found.source} mentions {use.found.phrase!r}"))
    if public.location != where:
        shown = f"{public.reason} ({public.detail})" if public.detail else public.reason
        evidence.append(evidence_at(public.location, f"consumer-facing: {shown}"))
    if project.model_calls:
        call = project.model_calls[0]
        evidence.append(evidence_at(call.location, f"model call: {call.api} ({call.provider})"))
    evidence.extend(_half_disclaimers(project, ctx, domain))
    return evidence


def _half_disclaimers(project: Project, ctx: Context, domain: str) -> List[Evidence]:
    """Texts with one part of a disclaimer: say what the other part would be."""
    ai = ctx.lexicon("ai-disclosure")
    limits = (ctx.lexicon("disclaimer-limitations"), ctx.lexicon(f"disclaimer-{domain}"))
    ai_only = limit_only = None
    for text in user_visible_texts(project):
        ai_phrase = ai.find(text.text)
        limitation = _limitation(text.text, limits)
        if ai_phrase and not limitation and ai_only is None:
            ai_only = evidence_at(text.location, f"says AI is used ({ai_phrase!r}) but states no limitation")
        elif limitation and not ai_phrase and limit_only is None:
            limit_only = evidence_at(text.location, f"states a limitation ({limitation!r}) but not that AI is used")
    return [e for e in (ai_only, limit_only) if e is not None]


def _assess(project: Project, ctx: Context, domain: str) -> Optional[Assessment]:
    """For `complint check`: whether the disclaimer obligation applies, and what meets it.
    None, leaving it out of the report, when the app has nothing to do with the domain."""
    if not project.integrates_ai and project.declaration is None:
        return None
    use = domain_use(project, ctx, domain)
    if use is None:
        return None
    public = consumer_facing(project)
    if public is None:
        declaration = project.declaration
        if declaration is not None and declaration.audience is not None:
            return Assessment(False, f"the declared audience is {declaration.audience!r}, not consumers")
        return Assessment(False, "no audience is declared and no public UI or bot was found")
    reason = f"a {domain} use ({use.describe()}) serving consumers ({_audience(public)})"
    found = find_disclaimer(project, ctx, domain)
    if found is None:
        return Assessment(True, reason)
    note = f"users are told AI is used ({found.ai_phrase!r}) and its limits ({found.limitation!r})"
    return Assessment(True, reason, (evidence_at(found.location, note),))


@assessor("CL301")
def medical_disclaimer_obligation(project: Project, spec: CheckSpec, ctx: Context) -> Optional[Assessment]:
    return _assess(project, ctx, "medical")


@assessor("CL302")
def financial_disclaimer_obligation(project: Project, spec: CheckSpec, ctx: Context) -> Optional[Assessment]:
    return _assess(project, ctx, "financial")


@assessor("CL303")
def legal_disclaimer_obligation(project: Project, spec: CheckSpec, ctx: Context) -> Optional[Assessment]:
    return _assess(project, ctx, "legal")


@assessor("CL304")
def news_disclaimer_obligation(project: Project, spec: CheckSpec, ctx: Context) -> Optional[Assessment]:
    return _assess(project, ctx, "news")


@rule("CL301")
def missing_medical_disclaimer(project: Project, spec: CheckSpec, ctx: Context) -> Iterable[Finding]:
    return _check(project, spec, ctx, "medical")


@rule("CL302")
def missing_financial_disclaimer(project: Project, spec: CheckSpec, ctx: Context) -> Iterable[Finding]:
    return _check(project, spec, ctx, "financial")


@rule("CL303")
def missing_legal_disclaimer(project: Project, spec: CheckSpec, ctx: Context) -> Iterable[Finding]:
    return _check(project, spec, ctx, "legal")


@rule("CL304")
def missing_news_disclaimer(project: Project, spec: CheckSpec, ctx: Context) -> Iterable[Finding]:
    return _check(project, spec, ctx, "news")
