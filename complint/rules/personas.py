"""CL401: a product that makes the model speak as a real person needs consent or a label.

Who is a real person is decided without a database: the pack's curated lists (real
people, historical figures, fictional characters), the declaration's personas, and the
shape of a name (a given name and a surname, no word that is not a name). See the
comments in checks/personas.yaml.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Dict, FrozenSet, Iterable, List, Optional, Sequence, Tuple

from ..declaration import AppDeclaration, Persona
from ..facts import Location, Prompt
from ..findings import Evidence, Finding, evidence_at
from ..obligations import Assessment, assessor
from ..policy import CheckSpec, Lexicon
from ..project import Project
from . import Context, make_finding, rule
from .evidence import user_visible_texts

_WORD = re.compile(r"[^\W\d_](?:[\w'’.\-]*[^\W_])?\.?")
_SPACE = re.compile(r"[ \t]*")
_EMPHASIS = re.compile(r"[ \t]+the[ \t]+(?:real|famous|actual|legendary|one[ \t]+and[ \t]+only)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?\n]")
_AGE = re.compile(r"^\s*[,(]\s*(?:aged?\s+)?\d{1,3}\b")  # "You are Sarah Whitmore, 52, from Sheffield"
# Lower-case words inside a name: "Leonardo da Vinci", "Geralt of Rivia", "Winnie the Pooh".
_PARTICLES = frozenset("of the da de del della di du van von der den le la bin ibn al el y dos das".split())
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_MAX_NAME_WORDS = 7
_DECLARED_REAL = 'a real person (declared kind "real")'


def normalise(name: str) -> str:
    """A name as the lists compare it: no accents, no dots or hyphens, lower case."""
    text = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    text = text.replace("’", "'").replace(".", " ").replace("-", " ")
    return " ".join(text.lower().split())


def _squashed(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", normalise(name))


@dataclass(frozen=True)
class People:
    """What complint knows about names: the curated lists and the declaration, normalised."""

    kinds: Dict[str, str]  # name -> real | historical | fictional | brand
    given_names: FrozenSet[str]
    not_names: FrozenSet[str]
    titles: FrozenSet[str]
    roles: Lexicon
    brands: Tuple[str, ...]  # the app's own names, squashed: "acmehealth"

    @classmethod
    def load(cls, project: Project, ctx: Context) -> "People":
        kinds: Dict[str, str] = {}
        lists = (("historical", "historical-figures"), ("fictional", "fictional-characters"), ("real", "real-people"))
        for kind, lexicon in lists:
            for phrase in ctx.lexicon(lexicon).phrases:
                kinds.setdefault(normalise(phrase), kind)
        for persona in _declared_personas(project.declaration):
            kinds[normalise(persona.name)] = persona.kind
        names = (_squashed(t.text) for t in project.manifest_texts if t.field in ("name", "title"))
        brands = tuple(name for name in names if len(name) >= 4)
        return cls(
            kinds=kinds,
            given_names=_normalised_set(ctx.lexicon("given-names").phrases),
            not_names=_normalised_set(ctx.lexicon("not-person-words").phrases),
            titles=_normalised_set(ctx.lexicon("person-titles").phrases),
            roles=ctx.lexicon("persona-role-words"),
            brands=brands,
        )

    def is_brand(self, name: str) -> bool:
        squashed = _squashed(name)
        return any(squashed in brand or brand in squashed for brand in self.brands)


def _normalised_set(phrases: Sequence[str]) -> FrozenSet[str]:
    return frozenset(normalise(p) for p in phrases)


def _declared_personas(declaration: Optional[AppDeclaration]) -> Tuple[Persona, ...]:
    return declaration.personas if declaration is not None else ()


@dataclass(frozen=True)
class NameMatch:
    name: str  # as written
    kind: str  # real | historical | fictional | brand | person (a real person's, by its shape)
    end: int


def _name_words(text: str, start: int, titles: FrozenSet[str]) -> Tuple[List[Tuple[str, int]], bool]:
    """The words of a name starting at `start` (word, end offset), and whether it ends in 's."""
    words: List[Tuple[str, int]] = []
    position = start
    while len(words) < _MAX_NAME_WORDS:
        begin = _SPACE.match(text, position).end()  # type: ignore[union-attr]
        match = _WORD.match(text, begin)
        if match is None:
            break
        word, end = match.group(0), match.end()
        core = word.rstrip(".")
        if core.endswith(("'s", "’s")):
            words.append((core[:-2], end))
            return words, True
        capitalised = core[0].isupper() or any(c.isupper() for c in core[1:])
        if not capitalised and not (core.lower() in _PARTICLES and words):
            break
        if word.endswith(".") and not _abbreviation(core, titles):
            words.append((core, end - 1))  # "You are Elon Musk." ends the sentence
            break
        words.append((word, end))
        position = end
    while words and words[-1][0].lower() in _PARTICLES:
        words.pop()
    return words, False


def _abbreviation(core: str, titles: FrozenSet[str]) -> bool:
    """An initial ("J."), a title ("Dr."), a suffix ("Jr.") or dotted initials ("J.K.")."""
    return len(core) == 1 or "." in core or normalise(core) in _SUFFIXES or normalise(core) in titles


def name_at(text: str, start: int, people: People) -> Optional[NameMatch]:
    """The person a persona construction ending at `start` names, if it names one."""
    emphasis = _EMPHASIS.match(text, start)
    words, possessive = _name_words(text, emphasis.end() if emphasis else start, people.titles)
    if not words:
        return None
    first = 1 if normalise(words[0][0]) in people.titles else 0
    for skip in sorted({0, first}):
        for count in range(len(words), skip, -1):
            written = " ".join(w for w, _ in words[skip:count]).rstrip(".")
            kind = people.kinds.get(normalise(written))
            if kind is None:
                continue
            if possessive and count == len(words):
                return None  # "You are Elon Musk's assistant": someone else speaks
            if kind == "real" and any(normalise(w) not in _SUFFIXES for w, _ in words[count:]):
                break  # "You are Elon Musk Fan Club Bot": a longer name that is not the person's
            return NameMatch(written, kind, words[count - 1][1])
    return _by_shape(text, words[first:], possessive, people)


def _by_shape(text: str, words: List[Tuple[str, int]], possessive: bool, people: People) -> Optional[NameMatch]:
    """A given name and a surname, none of them a word that is not a name."""
    while words and normalise(words[-1][0]) in _SUFFIXES:
        words = words[:-1]
    capitalised = [w for w, _ in words if w[0].isupper()]
    if possessive or not 2 <= len(capitalised) <= 4 or not words:
        return None
    if normalise(capitalised[0]) not in people.given_names:
        return None
    if any(normalise(w) in people.not_names or (w.isupper() and len(w) > 1) for w, _ in words):
        return None
    written = " ".join(w for w, _ in words).rstrip(".")
    end = words[-1][1]
    rest = _SENTENCE_END.split(text[end : end + 200], 1)[0]
    if people.roles.find(rest) or _AGE.match(rest) or people.is_brand(written):
        return None  # "You are Sarah Lee, Acme's support agent": a persona the app made up
    return NameMatch(written, "person", end)


@dataclass(frozen=True)
class SimulatedPerson:
    name: str
    kind: str  # real | person (real by its shape) | historical | fictional | brand
    quote: str  # the construction and the name: "You are Elon Musk"
    filled: bool  # the name is one of the literals an interpolation can take

    @property
    def real(self) -> bool:
        return self.kind in ("real", "person")


def personas_of(prompt: Prompt, people: People, constructions: Lexicon) -> List[SimulatedPerson]:
    """Everyone a prompt makes the model speak as, real or not, in order, once each."""
    found: Dict[str, SimulatedPerson] = {}
    for index, text in enumerate((prompt.text,) + tuple(prompt.variants)):
        for match in constructions.matches(text):
            named = name_at(text, match.end(), people)
            if named is None:
                continue
            key = normalise(named.name)
            if key not in found:
                quote = " ".join(text[match.start() : named.end].split())
                found[key] = SimulatedPerson(named.name, named.kind, quote, index > 0)
    return list(found.values())


def simulated_people(prompt: Prompt, people: People, constructions: Lexicon) -> List[SimulatedPerson]:
    """The real people a prompt makes the model speak as, in order, once each."""
    return [p for p in personas_of(prompt, people, constructions) if p.real]


def _visible_label(project: Project, ctx: Context) -> Optional[Tuple[Location, str]]:
    """A user-facing text that labels the simulation: "parody", "simulated", a declared label."""
    lexicon = ctx.lexicon("simulation-label")
    declared = [p.label for p in _declared_personas(project.declaration) if p.label]
    for text in user_visible_texts(project):
        shown = text.text.lower()
        phrase = lexicon.find(text.text) or next((label for label in declared if label.lower() in shown), None)
        if phrase:
            return text.location, phrase
    return None


def _unique_prompts(project: Project) -> List[Prompt]:
    """Each prompt text once, where it is first written (a constant and its uses are one prompt)."""
    seen = set()
    out: List[Prompt] = []
    for prompt in sorted(project.prompts, key=lambda p: (p.location.path, p.location.line, p.location.column)):
        key = (prompt.location.path, prompt.text, prompt.variants)
        if key not in seen:
            seen.add(key)
            out.append(prompt)
    return out


@rule("CL401")
def unlabeled_simulated_person(project: Project, spec: CheckSpec, ctx: Context) -> Iterable[Finding]:
    if _visible_label(project, ctx) is not None:
        return []
    people = People.load(project, ctx)
    consented = {normalise(p.name) for p in _declared_personas(project.declaration) if p.kind == "real" and p.consent}
    undeclared_real = [
        p for p in _declared_personas(project.declaration) if p.kind == "real" and normalise(p.name) not in consented
    ]
    constructions = ctx.lexicon("persona-constructions")
    findings: List[Finding] = []
    reported = set()
    for prompt in _unique_prompts(project):
        simulated = [s for s in simulated_people(prompt, people, constructions) if normalise(s.name) not in consented]
        # One finding per person: a persona table and the prompt picked from it name the same one.
        simulated = [s for s in simulated if normalise(s.name) not in reported]
        if not simulated:
            continue
        reported.update(normalise(s.name) for s in simulated)
        findings.append(_prompt_finding(project, spec, prompt, simulated))
    for persona in undeclared_real:
        if normalise(persona.name) in reported:
            continue
        assert project.declaration is not None
        findings.append(
            make_finding(
                spec, project.declaration.at("personas"), "high", evidence=_model_evidence(project),
                construct=normalise(persona.name), subject="The declaration", who=repr(persona.name), why=_DECLARED_REAL,
            )
        )
    return findings


def _prompt_finding(project: Project, spec: CheckSpec, prompt: Prompt, simulated: List[SimulatedPerson]) -> Finding:
    names = [repr(s.name) for s in simulated]
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    if all(s.filled for s in simulated):
        who += " (the names the prompt is filled with)"
    elif len(simulated) == 1:
        who += f' ("{simulated[0].quote}")'
    declared = {normalise(p.name) for p in _declared_personas(project.declaration) if p.kind == "real"}
    if any(normalise(s.name) in declared for s in simulated):
        why, confidence = _DECLARED_REAL, "high"
    elif all(s.kind == "real" for s in simulated):
        why, confidence = "a real person" if len(simulated) == 1 else "real people", "medium"
    elif any(s.kind == "real" for s in simulated):
        why, confidence = "real people", "medium"
    elif len(simulated) > 1:
        why, confidence = "names that look like real people's", "low"
    else:
        why, confidence = "a name that looks like a real person's", "low"
    subject = f"This {prompt.role} prompt" if prompt.role != "unknown" else "This prompt"
    evidence: List[Evidence] = []
    if project.declaration is not None and declared & {normalise(s.name) for s in simulated}:
        note = "declared a real person, with no consent recorded"
        evidence.append(evidence_at(project.declaration.at("personas"), note))
    evidence += _model_evidence(project)
    construct = " ".join(sorted(normalise(s.name) for s in simulated))
    return make_finding(
        spec, prompt.location, confidence, evidence=evidence, construct=construct, subject=subject, who=who, why=why
    )


def _model_evidence(project: Project) -> List[Evidence]:
    return [evidence_at(c.location, f"model call: {c.api} ({c.provider})") for c in project.model_calls[:1]]


@assessor("CL401")
def simulated_person_obligation(project: Project, spec: CheckSpec, ctx: Context) -> Optional[Assessment]:
    """For `complint check`: whether the app speaks as anyone, and what makes that allowed.
    None, leaving it out of the report, when it speaks as no one."""
    people = People.load(project, ctx)
    constructions = ctx.lexicon("persona-constructions")
    mentions = [(prompt, person) for prompt in _unique_prompts(project)
                for person in personas_of(prompt, people, constructions)]
    declared = _declared_personas(project.declaration)
    if not mentions and not declared:
        return None
    names = list(dict.fromkeys([p.name for _, p in mentions] + [p.name for p in declared]))
    reason = "the app speaks as " + ", ".join(repr(n) for n in names[:5]) + (", ..." if len(names) > 5 else "")
    met: List[Evidence] = []
    label = _visible_label(project, ctx)
    if label is not None:
        met.append(evidence_at(label[0], f"users see the label {label[1]!r}"))
    for prompt, person in mentions:
        if not person.real:
            met.append(evidence_at(prompt.location, f"{person.name!r} is {_KIND_NOTES[person.kind]}"))
    for persona in declared:
        if persona.kind == "real" and persona.consent and project.declaration is not None:
            note = f"consent of {persona.name!r}: {persona.consent}"
            met.append(evidence_at(project.declaration.at("personas"), note))
    return Assessment(True, reason, tuple(met[:8]))


_KIND_NOTES = {
    "historical": "a historical public figure: exempt",
    "fictional": "a fictional character, not a person",
    "brand": "the app's own persona",
}
