"""Evidence several checks share: which regulated domains the app's own words point to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterator, Tuple

from ..facts import Location
from ..project import Project
from . import Context

DOMAINS = ("medical", "financial", "legal", "news")


@dataclass(frozen=True)
class DomainEvidence:
    domain: str
    location: Location
    phrase: str
    source: str  # "system prompt", "package description", ...


def _sources(project: Project) -> Iterator[Tuple[Location, str, str]]:
    """Text that says what the app is for: prompts to the model and the manifest's words."""
    for prompt in project.prompts:
        yield prompt.location, prompt.text, f"{prompt.role} prompt" if prompt.role != "unknown" else "prompt"
    for text in project.manifest_texts:
        if text.field in ("description", "keywords", "title", "name"):
            yield text.location, text.text, f"manifest {text.field}"


def domain_evidence(project: Project, ctx: Context) -> Dict[str, DomainEvidence]:
    """The first piece of evidence for each domain the app appears to work in."""
    found: Dict[str, DomainEvidence] = {}
    lexicons = {d: ctx.lexicon(f"domain-{d}") for d in DOMAINS}
    for location, text, source in _sources(project):
        for domain, lexicon in lexicons.items():
            if domain in found:
                continue
            phrase = lexicon.find(text)
            if phrase:
                found[domain] = DomainEvidence(domain, location, phrase, source)
    return found
