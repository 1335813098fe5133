"""Evidence several checks share: the app's regulated domains, its public, the text users see."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, Iterator, List, Optional, Tuple

from ..facts import PAGE_DESCRIPTION_CHANNEL, PUBLISHED_CHANNEL, LibraryCall, Location, UserFacingText
from ..patterns import compile as compile_pattern
from ..phrases import fold
from ..policy import Lexicon, PolicyError
from ..project import Project
from . import Context

DOMAINS = ("medical", "financial", "legal", "news")
# How findings name a chat surface of each kind (`ChatSurface.kind`).
SURFACE_NAMES = {
    "chat-ui": "chat UI",
    "messaging-bot": "messaging bot",
    "console-loop": "console chat loop",
    "web-route": "chat endpoint",
    "voice-call": "voice call",
}


@dataclass(frozen=True)
class DomainEvidence:
    domain: str
    location: Location
    phrase: str
    source: str  # "system prompt", "package description", ...


# How the app presents itself where it chats (a bot's greeting, the chat page's title): what
# it says there the app helps with is the app's domain. Further on (terms, articles), in
# other texts (example questions, labels) and in pages with no chat (a published article),
# texts mention domains in passing.
_PRESENTING_CHARS = 200
_CHAT_VOICES = ("bot reply", "assistant message")
_TITLES = compile_pattern(r"title|^<h1>$|\.header$")


def _sources(project: Project) -> Iterator[Tuple[Location, str, str]]:
    """Text that says what the app is for: prompts to the model, the manifest's words, and
    what the app's own short texts tell its users it does ("I'm your medical assistant")."""
    for prompt in project.prompts:
        for text in (prompt.text,) + prompt.variants:  # each text the prompt can be
            yield prompt.location, text, f"{prompt.role} prompt" if prompt.role != "unknown" else "prompt"
    for text in project.manifest_texts:
        if text.field in ("description", "keywords", "title", "name"):
            yield text.location, text.text, f"manifest {text.field}"
    chats = {surface.location.path for surface in project.chat_surfaces}
    for shown in user_visible_texts(project):
        if shown.channel in _CHAT_VOICES or (shown.location.path in chats and _TITLES.search(shown.channel)):
            yield shown.location, shown.text[:_PRESENTING_CHARS], "user-facing text"


# The last answer of `domain_evidence`, with the project and context it was for: the four
# domains' disclaimer checks and the declarations check each ask it of the same app, and
# each asking read every prompt for every domain again (a third of a small prompt-heavy
# app's cold scan).
_last_evidence: List[Tuple[Project, Context, Dict[str, "DomainEvidence"]]] = []


def domain_evidence(project: Project, ctx: Context) -> Dict[str, DomainEvidence]:
    """The first piece of evidence for each domain the app appears to work in."""
    if _last_evidence and _last_evidence[0][0] is project and _last_evidence[0][1] is ctx:
        return dict(_last_evidence[0][2])
    found = _domain_evidence(project, ctx)
    _last_evidence[:] = [(project, ctx, found)]
    return dict(found)


def _domain_evidence(project: Project, ctx: Context) -> Dict[str, DomainEvidence]:
    found: Dict[str, DomainEvidence] = {}
    lexicons = {d: ctx.lexicon(f"domain-{d}") for d in DOMAINS}
    negators, refusals = ctx.lexicon("domain-negators"), ctx.lexicon("domain-refusals")
    builders = optional_lexicon(ctx, "domain-builders")
    roles = optional_lexicon(ctx, "domain-other-roles")
    crimes = optional_lexicon(ctx, "domain-crimes")
    for location, text, source in _sources(project):
        opening_only = builders is not None and _builds_software(text, builders)
        role_end = _other_role_end(text, roles) if roles is not None else None
        for domain, lexicon in lexicons.items():
            if domain in found:
                continue
            phrase = _domain_phrase(text, lexicon, negators, refusals, opening_only, role_end, crimes)
            if phrase:
                found[domain] = DomainEvidence(domain, location, phrase, source)
    return found


_SENTENCE = compile_pattern(r"[^.!?;\n]+")

# A long prompt (a persona's life story, a book's summary) names a domain in passing: there
# the domain must be said where the prompt says what the model is (its opening), or twice.
_LONG_PROMPT, _OPENING = 1000, 400
# An agent file's metadata header (YAML front matter, or "name: ..." lines) is part of the
# opening, not in place of it: the opening runs 400 characters past it.
_HEADER = compile_pattern(r"\A\s*(?:---[ \t]*\n.{0,3000}?\n---[ \t]*(?:\n|\Z)|(?:[A-Za-z][\w-]*:[ \t]*[^\n]*\n){2,12})", re.DOTALL)
# A list item and the line it hangs from: "When not to use:\n- serious mental health issues".
_ITEM = compile_pattern(r"(?<![ \t\d])[ \t]*(?:[-*•]|\d+[.)])\s")  # from a run's start: linear


def _opening_end(text: str) -> int:
    """Where the part of a prompt that says what the model is ends: 400 characters past a
    metadata header, if it has one."""
    header = _HEADER.match(text)
    return (header.end() if header is not None else 0) + _OPENING


def optional_lexicon(ctx: Context, name: str) -> Optional[Lexicon]:
    """A lexicon a pack may lack (one written before it existed): None then."""
    try:
        return ctx.lexicon(name)
    except PolicyError:
        return None


def _builds_software(text: str, builders: Lexicon) -> bool:
    """A long prompt whose opening tells the model it builds software ("an expert who builds
    banking API integrations", "specialising in FHIR API development"): the domain words
    further on name what the software handles (medication records, hedging modules), not
    advice the app gives its users."""
    return len(text) > _LONG_PROMPT and builders.find(text[: _opening_end(text)]) is not None


def _other_role_end(text: str, roles: Lexicon) -> Optional[int]:
    """Where the sentence ends that gives the model a role of another trade ("You are a crisis
    communications specialist"), when the prompt's opening does; else None."""
    opening = text[: _opening_end(text)]
    for found in _SENTENCE.finditer(opening):
        if roles.find(found.group(0)) is not None:
            return found.end()
    return None


def _domain_phrase(
    text: str, lexicon: Lexicon, negators: Lexicon, refusals: Lexicon, opening_only: bool = False,
    role_end: Optional[int] = None, crimes: Optional[Lexicon] = None,
) -> Optional[str]:
    """The first phrase of the domain no part of its sentence takes back: "Do not give medical
    advice" and "If asked for legal advice, refuse politely" are no medical or legal use.
    In a long prompt, a phrase only in passing (once, after its opening) is no domain; with
    `opening_only` (a prompt for building software), only a phrase in its opening is. With
    `role_end` (the model given a role of another trade, a communications specialist), a
    phrase once after that role's sentence names what the trade handles (a lawsuit in a
    crisis statement): the domain must be said in that sentence or twice. With `crimes`, a
    sentence that commits a crime on the domain's objects ("manipulate penny stocks", "steal
    patients' records") names what the crime is done to, not a service of the domain."""
    first: Optional[Tuple[int, str]] = None
    present = lexicon.anchors_in(text)
    if present == ():
        return None
    opening = _opening_end(text)
    folded = fold(text)  # same length as `text` (fold keeps offsets for the pack's words)
    for found in _SENTENCE.finditer(text):
        sentence = found.group(0)
        if present is not None and len(folded) == len(text):
            part = folded[found.start() : found.end()]
            if not any(word in part for word in present):
                continue  # no word every phrase needs: this sentence cannot name the domain
        if refusals.find(sentence) or (crimes is not None and crimes.find(sentence)):
            continue
        negation = -1  # where the sentence's first negator ends, looked for once
        listed = None  # whether the sentence is an item under a heading that excludes it, likewise
        for match in lexicon.matches(sentence):
            if negation < 0:
                negator = next(negators.matches(sentence), None)
                negation = negator.end() if negator is not None else len(sentence) + 1
            if negation <= match.start():
                continue
            if listed is None:  # looked at only where the domain is named: it walks up the list
                listed = _under_excluding_heading(text, found.start(), negators, refusals)
            if listed:
                break  # what the app is not for
            if opening_only and found.start() + match.start() >= opening:
                return None  # the software's subject, not the app's domain
            if first is not None:
                return first[1]  # said twice
            first = (found.start() + match.start(), match.group(0))
            if role_end is not None:
                if first[0] < role_end:
                    return first[1]
            elif len(text) <= _LONG_PROMPT or first[0] < opening:
                return first[1]
    return None


def _under_excluding_heading(text: str, start: int, negators: Lexicon, refusals: Lexicon) -> bool:
    """Is the sentence at `start` an item of a list whose heading excludes what it lists
    ("When not to use this coach:", "Do not:", "Out of scope:")? Its items are what the app
    is not for: "- serious mental health issues: recommend professional help"."""
    line_start = text.rfind("\n", 0, start) + 1
    if not _ITEM.match(text, line_start):
        return False
    end = line_start - 1
    while end > 0:
        begin = text.rfind("\n", 0, end) + 1
        line = text[begin:end]
        if line.strip() and not _ITEM.match(line):
            heading = line.strip()
            return heading.endswith(":") and (negators.find(heading) is not None or refusals.find(heading) is not None)
        end = begin - 1
    return False


def user_visible_texts(project: Project) -> Tuple[UserFacingText, ...]:
    """User-facing texts users see in the app: print() only in a console chat, and not the
    page's meta description (search results and link previews show it, the app does not)."""
    console = any(s.kind == "console-loop" for s in project.chat_surfaces)
    return tuple(
        t
        for t in project.user_texts
        if (console or t.channel != "console") and t.channel != PAGE_DESCRIPTION_CHANNEL
    )


# Calls that write or send an e-mail (not those that read one: an inbox summariser parses
# mail with `email.message_from_bytes`): what the app mails, people read.
_EMAIL_SENDS = compile_pattern(r"^(smtplib|yagmail|sendgrid)\.|^email\.(mime\.|message\.EmailMessage\b)")


def mailed(project: Project) -> Optional[LibraryCall]:
    """The first call by which the app writes or sends an e-mail, if any."""
    for facts in project.files:
        for call in facts.library_calls:
            if _EMAIL_SENDS.match(call.callee):
                return call
    return None


# Import roots of UI frameworks that publish an app on the web, and their names.
PUBLIC_UI_MODULES = {"streamlit": "streamlit", "gradio": "gradio", "chainlit": "chainlit"}
_PUBLIC_SURFACES = {"chat-ui": "chat UI", "messaging-bot": "messaging bot"}


@dataclass(frozen=True)
class ConsumerFacing:
    """Why the app counts as used by the public, and where that shows."""

    location: Location
    reason: str  # 'declared audience "consumer"', "a streamlit chat UI", ...
    declared: bool
    detail: str = ""  # the construct that shows it: "st.chat_input"


def consumer_facing(project: Project) -> Optional[ConsumerFacing]:
    """The declared audience decides; without one, a public web UI or bot makes an app consumer-facing."""
    declaration = project.declaration
    if declaration is not None and declaration.audience is not None:
        if declaration.audience != "consumer":
            return None
        return ConsumerFacing(declaration.at("audience"), 'declared audience "consumer"', True)
    return public_evidence(project)


def public_evidence(project: Project) -> Optional[ConsumerFacing]:
    """What shows the public uses the app, whatever it declares: a chat UI, a bot, a web
    front end (`complint init` declares what this finds)."""
    for surface in project.chat_surfaces:
        if surface.kind in _PUBLIC_SURFACES:
            what = f"a {surface.framework} {_PUBLIC_SURFACES[surface.kind]}"
            return ConsumerFacing(surface.location, what, False, surface.detail)
    return web_front_end(project)


def web_front_end(project: Project) -> Optional[ConsumerFacing]:
    """The app's web front end, if it has one: a streamlit, gradio or chainlit app, a
    Space or a GitHub Pages site, a web page."""
    for framework, location in public_ui_apps(project):
        return ConsumerFacing(location, f"a {framework} app", False)
    for text in project.manifest_texts:
        if text.field == "platform" and text.text.startswith("huggingface-space:"):
            return ConsumerFacing(text.location, "a Hugging Face Space", False)
        if text.field == "platform" and text.text == "github-pages":
            return ConsumerFacing(text.location, "a site published with GitHub Pages", False)
    for text in project.user_texts:
        if is_page_text(text):  # the app has a web front end
            return ConsumerFacing(text.location, "a web page", False)
    mail = mailed(project)  # a digest or a newsletter: who receives it cannot be told
    if mail is not None:
        return ConsumerFacing(mail.location, "the e-mail the app sends", False, mail.callee)
    for text in project.user_texts:  # a digest written to Markdown or HTML: a page readers open
        if text.channel == PUBLISHED_CHANNEL:
            return ConsumerFacing(text.location, "the Markdown or HTML file the app writes", False)
    return None


def is_page_text(text: UserFacingText) -> bool:
    """Text of an HTML page or template, or of a JSX element: what a web page shows."""
    return text.channel == "html text" or text.channel.startswith("<")


def public_ui_apps(project: Project) -> List[Tuple[str, Location]]:
    """Files that build a web UI with streamlit, gradio or chainlit: the framework, and the
    first text the file shows (its title, usually), else the file's first line."""
    found: List[Tuple[str, Location]] = []
    for facts in project.files:
        roots = {module.split(".")[0] for module in facts.imports}
        framework = next((PUBLIC_UI_MODULES[r] for r in sorted(roots) if r in PUBLIC_UI_MODULES), None)
        if framework is None:
            continue
        shown = next((t.location for t in facts.user_texts if t.channel[:3] in ("st.", "gr.", "cl.")), None)
        found.append((framework, shown or Location(facts.path, 1, 1)))
    return found
