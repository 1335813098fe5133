"""CL401: a product that makes the model speak as a real person needs consent or a label.

Who is a real person is decided without a database: the pack's curated lists of people
(checks/people/*.txt: real, historical, fictional), the declaration's personas, and the
shape of a name (a given name and a surname, no word that is not a name). How a prompt
makes the model someone is data too (checks/personas.yaml): the constructions before a
name, the titles and offices around it, the words that make "X's" the person. See the
comments there.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import (
    Dict,
    FrozenSet,
    Iterable,
    List,
    NamedTuple,
    Optional,
    Sequence,
    Tuple,
)

from .. import patterns
from ..declaration import AppDeclaration, Persona
from ..facts import Location, Prompt
from ..findings import Evidence, Finding, evidence_at
from ..obligations import Assessment, assessor
from ..patterns import compile as compile_pattern
from ..phrases import CJK, phrases_pattern
from ..policy import CheckSpec, Lexicon
from ..project import Project
from . import Context, make_finding, rule
from .evidence import user_visible_texts
from .people import Listed, load_lists, normalise

__all__ = ["normalise", "name_at", "personas_of", "simulated_people", "People"]

# A word of a name; a run of Chinese, Japanese or Korean ends it ("Elon Muskです": "Musk").
_WORD = compile_pattern(r"[^\W\d_%s](?:(?:[^\W%s]|['’.\-])*[^\W_%s])?\.?" % (CJK, CJK, CJK))
_SPACE = compile_pattern(r"[ \t]*")
# Markdown emphasis, quotes and spaces around a name: "You are **Elon Musk**", "_Elon_".
_DECORATION = compile_pattern(r"[ \t*_\"“”'‘`~]*")
_EMPHASIS = compile_pattern(r"[ \t]*the[ \t]+(?:real|famous|actual|legendary|one[ \t]+and[ \t]+only)\b", re.IGNORECASE)
_SENTENCE_END = compile_pattern(r"[.!?\n]")
_AGE = compile_pattern(r"^\s*[,(]\s*(?:aged?\s+)?\d{1,3}\b")  # "You are Sarah Whitmore, 52, from Sheffield"
# Between an office and the name it introduces: "the President of the United States, Joe Biden".
_OFFICE_WORD = compile_pattern(r"[ \t]*(?:,[ \t]*|(?:of|the|[A-Z](?:\w|\.(?=\w))*)\b)")
_MAX_OFFICE_WORDS = 6
# Lower-case words inside a name: "Leonardo da Vinci", "Geralt of Rivia", "Winnie the Pooh".
_PARTICLES = frozenset("of the da de del della di du van von der den le la bin ibn al el y dos das".split())
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_ARTICLES = frozenset({"the", "a", "an"})
_ARTICLE = compile_pattern(r"(?:the|an?)[ \t]+(?:(?:AI|virtual|digital|real)[ \t]+)?", re.IGNORECASE)
_MAX_NAME_WORDS = 7
_DECLARED_REAL = 'a real person (declared kind "real")'
_PEOPLE_DIR = "people"


def _squashed(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", normalise(name))


class Known(NamedTuple):
    """What complint knows of a name: its kind, and where that comes from."""

    kind: str  # real | historical | fictional | brand
    why: str  # "listed in checks/people/real.txt (music)", 'declared kind "brand"'
    single: bool = False  # known by one word: "Rihanna"


@dataclass(frozen=True)
class People:
    """What complint knows about names: the curated lists and the declaration, normalised."""

    lists_dir: str
    declared: Dict[str, str]  # name -> the kind the declaration gives it
    given_names: FrozenSet[str]
    not_names: FrozenSet[str]
    titles: FrozenSet[str]
    # Phrases of the expressions below, compiled when a construction first names someone.
    office_phrases: Tuple[Tuple[str, ...], Tuple[str, ...]]  # titles, and the words before them
    possessed_phrases: Tuple[str, ...]
    postfix_phrases: Tuple[str, ...]
    roles: Lexicon
    brands: Tuple[str, ...]  # the app's own names, squashed: "acmehealth"

    @classmethod
    def load(cls, project: Project, ctx: Context) -> "People":
        declared = {normalise(p.name): p.kind for p in _declared_personas(project.declaration)}
        names = (_squashed(t.text) for t in project.manifest_texts if t.field in ("name", "title"))
        titles = ctx.lexicon("person-titles").phrases
        return cls(
            lists_dir=str(Path(ctx.pack.root) / _PEOPLE_DIR),
            declared=declared,
            given_names=_normalised_set(ctx.lexicon("given-names").phrases),
            not_names=_normalised_set(ctx.lexicon("not-person-words").phrases),
            titles=_normalised_set(titles),
            office_phrases=(tuple(titles), ctx.lexicon("person-title-modifiers").phrases),
            possessed_phrases=ctx.lexicon("persona-possessed").phrases,
            postfix_phrases=ctx.lexicon("persona-postfix").phrases,
            roles=ctx.lexicon("persona-role-words"),
            brands=tuple(name for name in names if len(name) >= 4),
        )

    @property
    def office(self) -> "re.Pattern[str]":
        """A title or office before a name: "the 45th president", "Dr."."""
        return _office_pattern(*self.office_phrases)

    @property
    def possessed(self) -> "re.Pattern[str]":
        """After "X's": what makes it X ("X's digital twin", "X's answers")."""
        return _following_pattern(self.possessed_phrases)

    @property
    def postfix(self) -> "re.Pattern[str]":
        """After "X": what makes it X ("the Bill Gates lookalike", "an Elon Musk AI")."""
        return _following_pattern(self.postfix_phrases)

    def known(self, written: str) -> Optional[Known]:
        key = normalise(written)
        kind = self.declared.get(key)
        if kind is not None:
            return Known(kind, f'declared kind "{kind}"')
        listed: Optional[Listed] = load_lists(self.lists_dir).get(key)
        if listed is None:
            return None
        return Known(listed.kind, listed.describe(), " " not in key)

    def is_brand(self, name: str) -> bool:
        squashed = _squashed(name)
        return any(squashed in brand or brand in squashed for brand in self.brands)


def _normalised_set(phrases: Sequence[str]) -> FrozenSet[str]:
    return frozenset(normalise(p) for p in phrases)


@functools.lru_cache(maxsize=8)
def _office_pattern(titles: Tuple[str, ...], modifiers: Tuple[str, ...]) -> "re.Pattern[str]":
    """A title or an office before a name, with its article, ordinal and modifiers:
    "Dr.", "President", "the 45th president", "former US President", "45th POTUS"."""
    modifier = r"(?:%s|\d{1,3}(?:st|nd|rd|th))" % phrases_pattern(modifiers, r"[ \t]+")
    title = phrases_pattern(titles, r"[ \t]+")
    return patterns.compile(r"[ \t]*(?:the[ \t]+)?(?:%s[ \t-]+){0,3}%s\.?" % (modifier, title), re.IGNORECASE)


@functools.lru_cache(maxsize=8)
def _following_pattern(phrases: Tuple[str, ...]) -> "re.Pattern[str]":
    return patterns.compile(r"[ \t]+%s" % phrases_pattern(phrases, r"[ \t]+"), re.IGNORECASE)


def _declared_personas(declaration: Optional[AppDeclaration]) -> Tuple[Persona, ...]:
    return declaration.personas if declaration is not None else ()


class NameMatch(NamedTuple):
    name: str  # as written
    kind: str  # real | historical | fictional | brand | person (a real person's, by its shape)
    end: int
    why: str  # what decided the kind: 'listed in checks/people/real.txt (music)'


class _Word(NamedTuple):
    text: str
    end: int
    capitalised: bool


def _name_words(text: str, start: int, titles: FrozenSet[str]) -> Tuple[List[_Word], bool]:
    """The words that may make a name starting at `start`, and whether the last ends in 's.
    Lower-case words are kept too (a listed name may be written in lower case); the
    name's shape is read from its capitalised words only."""
    words: List[_Word] = []
    position = start
    while len(words) < _MAX_NAME_WORDS:
        begin = _SPACE.match(text, position).end()  # type: ignore[union-attr]
        match = _WORD.match(text, begin)
        if match is None:
            break
        word, end = match.group(0), match.end()
        core = word.rstrip(".")
        capitalised = core[0].isupper() or any(c.isupper() for c in core[1:])
        if core.endswith(("'s", "’s")):
            words.append(_Word(core[:-2], end, capitalised))
            return words, True
        if word.endswith(".") and not _abbreviation(core, titles):
            words.append(_Word(core, end - 1, capitalised))  # "You are Elon Musk." ends the sentence
            break
        words.append(_Word(word, end, capitalised))
        position = end
    return words, False


def _capitalised_run(words: List[_Word]) -> List[_Word]:
    """The words of a name by its shape: capitalised, or a particle inside ("da Vinci")."""
    run: List[_Word] = []
    for word in words:
        if not word.capitalised and not (word.text.lower() in _PARTICLES and run):
            break
        run.append(word)
    while run and run[-1].text.lower() in _PARTICLES:
        run.pop()
    return run


def _abbreviation(core: str, titles: FrozenSet[str]) -> bool:
    """An initial ("J."), a title ("Dr."), a suffix ("Jr.") or dotted initials ("J.K.")."""
    return len(core) == 1 or "." in core or normalise(core) in _SUFFIXES or normalise(core) in titles


def _decorated(text: str, start: int) -> int:
    return _DECORATION.match(text, start).end()  # type: ignore[union-attr]


def name_at(text: str, start: int, people: People) -> Optional[NameMatch]:
    """The person a persona construction ending at `start` names, if it names one."""
    start = _decorated(text, start)
    emphasis = _EMPHASIS.match(text, start)
    start = _decorated(text, emphasis.end()) if emphasis else start
    starts = [start]
    office = people.office.match(text, start)
    if office is not None and office.end() > start:
        starts += _after_office(text, office.end())
    for begin in starts:
        words, possessive = _name_words(text, begin, people.titles)
        found = _listed(text, words, possessive, people)
        if found is not _NOT_LISTED:
            return found  # type: ignore[return-value]
    article = _ARTICLE.match(text, start)
    if article is not None:  # "You are the Trump doppelganger", not "You are a Taylor Swift fan"
        words, possessive = _name_words(text, article.end(), people.titles)
        found = _listed(text, words, possessive, people, postfixed_only=True)
        if found is not _NOT_LISTED:
            return found  # type: ignore[return-value]
    words, possessive = _name_words(text, starts[1] if len(starts) > 1 else start, people.titles)
    return _by_shape(text, words, possessive, people)


def _after_office(text: str, end: int) -> List[int]:
    """Where the name may start after an office: at once ("President Joe Biden"), or past
    the rest of the office ("the President of the United States, Joe Biden")."""
    starts = [_decorated(text, end)]
    position = end
    for _ in range(_MAX_OFFICE_WORDS):
        match = _OFFICE_WORD.match(text, position)
        if match is None or match.end() == position:
            break
        position = match.end()
        starts.append(_decorated(text, position))
    return list(dict.fromkeys(starts))


_NOT_LISTED = object()


def _listed(text: str, words: List[_Word], possessive: bool, people: People, postfixed_only: bool = False) -> object:
    """The longest listed name the words begin with: a NameMatch; None when a listed name
    is there but is not the persona ("You are Elon Musk's assistant"); else _NOT_LISTED.
    `postfixed_only`: only a name that a persona noun follows ("the Bill Gates lookalike")."""
    shaped = len(_capitalised_run(words))
    for count in range(len(words), 0, -1):
        written = " ".join(w.text for w in words[:count]).rstrip(".")
        weak = count > shaped and (count < 2 or words[0].text.lower() in _ARTICLES)
        if weak and not postfixed_only and not people.postfix.match(text, words[count - 1].end):
            continue  # a name in lower case has two words or more, and no article before it
        known = people.known(written)
        if known is None:
            continue
        end = words[count - 1].end
        if _followed_by(text, end, people.postfix, people):
            pass  # "the Bill Gates lookalike", "an Elon Musk AI": the person, whatever else
        elif postfixed_only or weak:
            continue
        elif possessive and count == len(words):
            if not _followed_by(text, end, people.possessed, people):
                return None  # "You are Elon Musk's assistant": someone else speaks
        elif any(normalise(w.text) not in _SUFFIXES for w in words[count:shaped]):
            return _NOT_LISTED  # "You are Elon Musk Fan Club Bot", "Rick Astley": a longer name, someone else's
        elif known.single and known.kind == "real" and _invented(text, end, people):
            return None  # "You are Drake, Acme's sales assistant": a one-word name the app gave its bot
        return NameMatch(written, known.kind, end, known.why)
    return _NOT_LISTED


def _followed_by(text: str, end: int, pattern: "re.Pattern[str]", people: People) -> bool:
    """After a name ("X's", "X"): words that make the model X ("X's digital twin", "the X
    doppelganger"), not someone of X's ("X's voice assistant", "an X AI assistant")."""
    match = pattern.match(text, end)
    if match is None:
        return False
    following = _WORD.match(text, _SPACE.match(text, match.end()).end())  # type: ignore[union-attr]
    return following is None or not people.roles.find(following.group(0))


def _invented(text: str, end: int, people: People) -> bool:
    """The rest of the sentence makes the name the app's own: its assistant, a character."""
    rest = _SENTENCE_END.split(text[end : end + 200], 1)[0]
    return bool(people.roles.find(rest) or _AGE.match(rest))


def _by_shape(text: str, words: List[_Word], possessive: bool, people: People) -> Optional[NameMatch]:
    """A given name and a surname, none of them a word that is not a name."""
    run = _capitalised_run(words)
    if possessive and len(run) != len(words):
        possessive = False  # the 's is on a later, lower-case word
    while run and normalise(run[-1].text) in _SUFFIXES:
        run = run[:-1]
    capitalised = [w.text for w in run if w.capitalised]
    if not 2 <= len(capitalised) <= 4 or not run:
        return None
    if normalise(capitalised[0]) not in people.given_names:
        return None
    if any(normalise(w.text) in people.not_names or (w.text.isupper() and len(w.text) > 1) for w in run):
        return None
    written = " ".join(w.text for w in run).rstrip(".")
    end = run[-1].end
    if possessive and not _followed_by(text, end, people.possessed, people):
        return None
    if (not possessive and _invented(text, end, people)) or people.is_brand(written):
        return None  # "You are Sarah Lee, Acme's support agent": a persona the app made up
    why = f"in no list; shaped like a person's name (the given name {capitalised[0]!r} and a surname)"
    return NameMatch(written, "person", end, why)


@dataclass(frozen=True)
class SimulatedPerson:
    name: str
    kind: str  # real | person (real by its shape) | historical | fictional | brand
    quote: str  # the construction and the name: "You are Elon Musk"
    filled: bool  # the name is one of the literals an interpolation can take
    why: str = ""  # what decided the kind

    @property
    def real(self) -> bool:
        return self.kind in ("real", "person")

    def decided_by(self) -> str:
        """The words that decided it, for a reviewer: the construction and the name."""
        return f'"{self.quote}" makes the model {self.name!r}, {self.why}'


@dataclass(frozen=True)
class Constructions:
    """The pack's ways of making the model someone (checks/personas.yaml)."""

    second_person: Lexicon  # "You are X", "pretend to be X", "Tu es X": any prompt
    persona_of: Lexicon  # "persona of X", after `adopting` in its sentence
    adopting: Lexicon  # "taking on the calm persona of X"
    first_person: Lexicon  # "I am X": not in a user's message, and only listed names
    headings: Lexicon  # "# X" with "stay in character": listed names only
    cues: Lexicon

    @classmethod
    def load(cls, ctx: Context) -> "Constructions":
        return cls(
            ctx.lexicon("persona-constructions"),
            ctx.lexicon("persona-of"),
            ctx.lexicon("persona-adopting"),
            ctx.lexicon("persona-first-person"),
            ctx.lexicon("persona-headings"),
            ctx.lexicon("persona-cues"),
        )


def personas_of(prompt: Prompt, people: People, constructions: Constructions) -> List[SimulatedPerson]:
    """Everyone a prompt makes the model speak as, real or not, in order, once each."""
    found: Dict[str, SimulatedPerson] = {}
    for index, text in enumerate((prompt.text,) + tuple(prompt.variants)):
        for person in _personas_in(text, prompt.role, people, constructions):
            key = normalise(person.name)
            if key not in found:
                found[key] = SimulatedPerson(person.name, person.kind, person.quote, index > 0, person.why)
    return list(found.values())


def _personas_in(text: str, role: str, people: People, constructions: Constructions) -> Iterable[SimulatedPerson]:
    for match in constructions.second_person.matches(text):
        named = name_at(text, match.end(), people)
        if named is not None:
            yield _person(text, match.start(), named)
    for match in constructions.persona_of.matches(text):
        sentence = max(text.rfind(c, 0, match.start()) for c in ".!?\n") + 1
        adopting = _last_match(constructions.adopting, text[sentence : match.start()])
        named = name_at(text, match.end(), people) if adopting is not None else None
        if named is not None:
            yield _person(text, sentence + adopting, named)
    if role != "user":  # in a user's message, "I am Sarah Lee" is the user
        for match in constructions.first_person.matches(text):
            named = name_at(text, match.end(), people)
            if named is not None and named.kind != "person":
                yield _person(text, match.start(), named)
    yield from _headed(text, people, constructions)


def _last_match(lexicon: Lexicon, text: str) -> Optional[int]:
    """Where the last phrase of `lexicon` in `text` starts; None if there is none."""
    start = None
    for match in lexicon.matches(text):
        start = match.start()
    return start


def _person(text: str, start: int, named: NameMatch) -> SimulatedPerson:
    quote = " ".join(text[start : named.end].split())
    return SimulatedPerson(named.name, named.kind, quote, False, named.why)


def _headed(text: str, people: People, constructions: Constructions) -> Iterable[SimulatedPerson]:
    """A persona given by a heading that is a listed name ("# Elon Musk", "Name: Elon Musk")
    when the prompt also keeps the model in character ("stay in character", "as him")."""
    cue = None
    for match in constructions.headings.matches(text):
        if text[text.rfind("\n", 0, match.start()) + 1 : match.start()].strip(" \t*"):
            continue  # a heading starts its line
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        named = name_at(text, match.end(), people)
        if named is None or named.kind == "person" or text[named.end : line_end].strip(" \t*_#:.\"'"):
            continue
        cue = cue if cue is not None else (constructions.cues.find(text) or "")
        if not cue:
            return
        heading = " ".join(text[match.start() : named.end].split())
        yield SimulatedPerson(named.name, named.kind, f"{heading} … {cue}", False, named.why)


def simulated_people(prompt: Prompt, people: People, constructions: Constructions) -> List[SimulatedPerson]:
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


def _prompts_by_place(project: Project) -> List[List[Prompt]]:
    """The prompts at each place, in order; each prompt text once, where it is first written
    (a constant and its uses are one prompt)."""
    seen = set()
    places: Dict[Tuple[str, int, int], List[Prompt]] = {}
    for prompt in sorted(project.prompts, key=lambda p: (p.location.path, p.location.line, p.location.column)):
        key = (prompt.location.path, prompt.text, prompt.variants)
        if key not in seen:
            seen.add(key)
            place = (prompt.location.path, prompt.location.line, prompt.location.column)
            places.setdefault(place, []).append(prompt)
    return list(places.values())


@rule("CL401")
def unlabeled_simulated_person(project: Project, spec: CheckSpec, ctx: Context) -> Iterable[Finding]:
    if _visible_label(project, ctx) is not None:
        return []
    people = People.load(project, ctx)
    consented = {normalise(p.name) for p in _declared_personas(project.declaration) if p.kind == "real" and p.consent}
    undeclared_real = [
        p for p in _declared_personas(project.declaration) if p.kind == "real" and normalise(p.name) not in consented
    ]
    constructions = Constructions.load(ctx)
    findings: List[Finding] = []
    reported = set()
    for prompts in _prompts_by_place(project):
        # One finding per place: several prompts there, several people in one, are one finding.
        simulated: Dict[str, SimulatedPerson] = {}
        for prompt in prompts:
            for person in simulated_people(prompt, people, constructions):
                key = normalise(person.name)
                # One finding per person: a persona table and the prompt picked from it name the same one.
                if key not in consented and key not in reported:
                    simulated.setdefault(key, person)
        if not simulated:
            continue
        reported.update(simulated)
        findings.append(_prompt_finding(project, spec, prompts[0], list(simulated.values())))
    findings += _open_personas(project, spec, ctx, constructions)
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


_MAX_DECIDING = 5
_TYPED = "{…}"  # how the extractor writes the value users type into a prompt


def _open_personas(project: Project, spec: CheckSpec, ctx: Context, constructions: Constructions) -> List[Finding]:
    """Prompts that make the model whoever users name (`f"You are {who}"`, who typed into
    "Who do you want to talk to?"): users can make it any real person, so the label is owed
    as for a named one. A box that asks for a role or a topic names no person."""
    questions = ctx.lexicon("open-persona-questions")
    findings: List[Finding] = []
    places = set()
    ordered = sorted((p for f in project.files for p in f.prompts_filled_by_user), key=lambda p: (p.location.path, p.location.line))
    for filled in ordered:
        place = (filled.location.path, filled.text)  # a prompt and its uses are one prompt, where it is written
        asked = questions.find(filled.asked) if filled.asked else None
        quote = _construction_before_typed(filled.text, constructions) if asked else None
        if quote is None or place in places:
            continue
        places.add(place)
        evidence = [evidence_at(filled.location, f'decided by: "{quote}" makes the model whoever users name when asked {filled.asked.strip()!r}')]
        findings.append(
            make_finding(
                spec, filled.location, "medium", evidence=evidence + _model_evidence(project), construct=f"open {quote.lower()}",
                subject="This prompt", who=f"whoever users name ({filled.asked.strip()!r})",
                why="so users can make it any real person",
            )
        )
    return findings


def _construction_before_typed(text: str, constructions: Constructions) -> Optional[str]:
    """The persona construction the typed value completes ("You are {…}"), or None."""
    for match in constructions.second_person.matches(text):
        rest = text[match.end():].lstrip(" \t*_\"'“")
        if rest.startswith(_TYPED):
            return " ".join(text[match.start():match.end()].split()) + " " + _TYPED
    return None


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
    evidence += [evidence_at(prompt.location, "decided by: " + s.decided_by()) for s in simulated[:_MAX_DECIDING]]
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
    constructions = Constructions.load(ctx)
    mentions = [(prompt, person) for prompts in _prompts_by_place(project) for prompt in prompts
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
