"""CL101-CL114: disallowed uses, in what the app says it is for and what its code makes a model do.

The words live in checks/disallowed.yaml: each check's categories name their lexicons by
role (uses, subjects + actions, mentions, calls, decisions). This module is the mechanism:
it reads passages (the app's own description; the prompts of each file), finds uses that
no refusal or mention cancels, and adds library calls and code that acts on a model's
decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

from ..facts import AnswerCheck, LibraryCall, Location, Prompt
from ..findings import Evidence, Finding, evidence_at
from ..obligations import Assessment, assessor
from ..patterns import compile as compile_pattern
from ..policy import Category, CheckSpec, Lexicon
from ..project import Project
from . import Context, make_finding, rule
from .evidence import optional_lexicon

CODES = tuple(f"CL1{n:02d}" for n in range(1, 15))
REFUSAL_BEFORE = "disallowed-refusal"
REFUSAL_ANYWHERE = "disallowed-refusal-anywhere"
CONTRAST = "disallowed-refusal-ends"
COORDINATION = "disallowed-refusal-coordination"
NEW_PREDICATE = "disallowed-refusal-new-predicate"
EVASION = "disallowed-refusal-evasion"
_MAX_EVIDENCE = 6
_MANIFEST_FIELDS = ("description", "keywords", "title", "name")
# Where evidence comes from, strongest first: the finding points at the first.
_KIND_ORDER = {"declaration": 0, "manifest": 1, "prompt": 2, "library": 3, "decision": 4}

Span = Tuple[int, int]


@dataclass(frozen=True)
class Part:
    """One text of a passage: where it is, and how findings name it."""

    location: Location
    text: str
    kind: str  # declaration | manifest | prompt
    source: str  # for the message: 'The declared use case "sports betting tips"'
    note: str  # for the evidence: 'declared use case'


@dataclass(frozen=True)
class Passage:
    """Texts read together: what the app says it is for, or the prompts of one file."""

    parts: Tuple[Part, ...]
    confidence: str
    path: str = ""  # a file's prompts: where code may act on the model's answer

    @cached_property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.parts)

    def part_at(self, offset: int) -> Part:
        end = 0
        for part in self.parts:
            end += len(part.text) + 2
            if offset < end:
                return part
        return self.parts[-1]


@dataclass(frozen=True)
class Sighting:
    """One piece of evidence that the app does what a category names."""

    location: Location
    kind: str
    confidence: str
    source: str
    phrase: str
    evidence: Tuple[Evidence, ...]

    def order(self) -> Tuple[int, int, str, int, int]:
        rank = 0 if self.confidence == "high" else 1
        loc = self.location
        return (rank, _KIND_ORDER[self.kind], loc.path, loc.line, loc.column)


@dataclass(frozen=True)
class Hit:
    offset: int
    phrase: str


# --------------------------------------------------------------------------- the rule


def disallowed_use(project: Project, spec: CheckSpec, ctx: Context) -> Iterable[Finding]:
    """One finding per place: the categories whose strongest evidence stands at one place
    (a prompt read as both a diagnosis and a treatment plan) are one finding listing them."""
    reader = _reader(project, ctx)
    places: Dict[Location, List[Tuple[Category, List[Sighting]]]] = {}
    for category in spec.categories:
        if reader.allowed_by_review(category):
            continue
        sightings = sorted(reader.sightings(category), key=Sighting.order)
        if sightings:
            places.setdefault(sightings[0].location, []).append((category, sightings))
    return [_finding(spec, readings, project) for readings in places.values()]


for _code in CODES:
    rule(_code)(disallowed_use)


@assessor("CL111")
@assessor("CL112")
def reviewed_advice_obligation(project: Project, spec: CheckSpec, ctx: Context) -> Optional[Assessment]:
    """For `complint check`: advice a qualified person reviews is an obligation met; an app
    that gives no tailored advice has nothing to show, as for any prohibition."""
    reader = _reader(project, ctx)
    for category in spec.categories:
        sightings = sorted(reader.sightings(category), key=Sighting.order)
        if not sightings:
            continue
        if not reader.allowed_by_review(category):
            return Assessment(True, f"the app offers {category.label}")
        assert project.declaration is not None
        review = evidence_at(project.declaration.at("human-review"), f"declared human-review covers {category.domain}")
        reason = f"the app offers {category.label}, and a qualified person reviews it"
        return Assessment(True, reason, (review,) + sightings[0].evidence)
    return None


def _finding(spec: CheckSpec, readings: Sequence[Tuple[Category, Sequence[Sighting]]], project: Project) -> Finding:
    category, sightings = readings[0]
    primary = sightings[0]
    evidence: List[Evidence] = []
    for _, seen in readings:
        # Each reading's strongest evidence first, so none is cut off by another's list.
        for sighting in sorted(seen, key=lambda s: s is not seen[0]):
            for item in sighting.evidence:
                if all((e.path, e.line, e.note) != (item.path, item.line, item.note) for e in evidence):
                    evidence.append(item)
    evidence = evidence[: _MAX_EVIDENCE + len(readings) - 1]
    if project.model_calls:  # the model that is put to this use
        call = project.model_calls[0]
        evidence.append(evidence_at(call.location, f"model call: {call.api} ({call.provider})"))
    return make_finding(
        spec,
        primary.location,
        primary.confidence,
        evidence=evidence,
        category=",".join(c.name for c, _ in readings),
        construct=f"{primary.source} {primary.phrase}",
        source=primary.source,
        phrase=primary.phrase,
        use=" and ".join(c.label for c, _ in readings),
        domain=category.domain or "the domain",
    )


# --------------------------------------------------------------------------- reading the app

_last: List[Tuple[Project, int, "Reader"]] = []


def _reader(project: Project, ctx: Context) -> "Reader":
    """One reader per scan: fourteen checks share its passages."""
    if _last and _last[0][0] is project and _last[0][1] == id(ctx.pack):
        return _last[0][2]
    reader = Reader(project, ctx)
    _last[:] = [(project, id(ctx.pack), reader)]
    return reader


def _ai_app(project: Project) -> bool:
    return project.integrates_ai or project.declaration is not None or bool(project.sdk_dependencies)


Match = Tuple[Span, str]


class Reader:
    def __init__(self, project: Project, ctx: Context) -> None:
        self.project = project
        self.ctx = ctx
        self._found: Dict[Tuple[str, str], List[Match]] = {}
        self._own: Dict[Tuple[str, str], List[Span]] = {}
        self._roles: Dict[Tuple[int, str], List[Lexicon]] = {}
        self.refusal = ctx.lexicon(REFUSAL_BEFORE)
        self.refusal_anywhere = ctx.lexicon(REFUSAL_ANYWHERE)
        self.contrast = ctx.lexicon(CONTRAST)
        self.coordination = ctx.lexicon(COORDINATION)
        self.new_predicate = ctx.lexicon(NEW_PREDICATE)
        self.evasion = optional_lexicon(ctx, EVASION)
        self._any_use: Dict[str, bool] = {}
        self.description = _self_description(project)
        self.prompts = _prompt_passages(project)
        self.answer_checks: Dict[str, List[AnswerCheck]] = {}
        for facts in project.files:
            if facts.answer_checks:
                self.answer_checks[facts.path] = list(facts.answer_checks)

    def allowed_by_review(self, category: Category) -> bool:
        declaration = self.project.declaration
        return bool(
            category.allowed_with_review and declaration is not None and category.domain in declaration.human_review
        )

    def lexicons(self, category: Category, role: str) -> List[Lexicon]:
        key = (id(category), role)
        if key not in self._roles:
            self._roles[key] = [self.ctx.lexicon(name) for name in category.role(role)]
        return self._roles[key]

    def matches(self, lexicon: Lexicon, text: str) -> List[Match]:
        """The lexicon's matches in the text; texts and lexicons recur across 14 checks."""
        key = (lexicon.name, text)
        if key not in self._found:
            # `Lexicon.matches` skips a text that lacks a word every phrase needs.
            found = list(lexicon.matches(text))
            self._found[key] = [(m.span(), m.group(0)) for m in found]
            # An act's own words are its verb and its object, not the words between them.
            self._own[key] = [part for m in found for part in getattr(m, "parts", (m.span(),))]
        return self._found[key]

    def own_spans(self, lexicon: Lexicon, text: str) -> List[Span]:
        """Where the words of the lexicon's matches stand."""
        self.matches(lexicon, text)
        return self._own[(lexicon.name, text)]

    # ---- sightings

    def sightings(self, category: Category) -> Iterator[Sighting]:
        found: List[Sighting] = []
        if self.description is not None:
            found += self._passage_sightings(self.description, category)
        for passage in self.prompts:
            sightings = list(self._prompt_sightings(passage, category))
            if sightings and not self.mentioned(passage, category):
                found += sightings
        found += self._library_sightings(category)
        if found and self.description is not None and self.mentioned(self.description, category):
            return iter(())  # the app says it is about the use: nothing it does counts
        return iter(found)

    def _passage_sightings(self, passage: Passage, category: Category) -> Iterator[Sighting]:
        seen = set()
        for hit in self.hits(passage, category):
            part = passage.part_at(hit.offset)
            if part.location in seen:
                continue
            seen.add(part.location)
            note = evidence_at(part.location, f"{part.note} names {category.label}: \"{hit.phrase}\"")
            yield Sighting(part.location, part.kind, passage.confidence, part.source, hit.phrase, (note,))

    def _prompt_sightings(self, passage: Passage, category: Category) -> Iterator[Sighting]:
        decisions = self.lexicons(category, "decisions")
        for sighting in self._passage_sightings(passage, category):
            if not decisions:
                yield sighting
                continue
            scored = any(self.matches(lex, passage.text) for lex in self.lexicons(category, "scores"))
            check = self._decision_check(passage, decisions, scored)
            if check is not None:
                if check.threshold:
                    answer, what = check.threshold, "sets the model's number against a threshold"
                else:
                    answer = next(s for s in check.strings if self._is_decision(s, passage, decisions))
                    what = "tests it for"
                note = f"code acts on the model's answer: {what} \"{answer}\""
                yield Sighting(
                    check.location,
                    "decision",
                    passage.confidence,
                    f"This test of the model's answer (\"{answer}\")",
                    sighting.phrase,
                    sighting.evidence + (evidence_at(check.location, note),),
                )
            return  # one decision is enough per file

    def _decision_check(self, passage: Passage, decisions: Sequence[Lexicon], scored: bool) -> Optional[AnswerCheck]:
        """Code acting on the model's answer: a test for a decision word, or (when the prompt
        asks for a score) a threshold on the number it answers."""
        for check in self.answer_checks.get(passage.path, ()):
            if any(self._is_decision(s, passage, decisions) for s in check.strings) or (scored and check.threshold):
                return check
        return None

    @staticmethod
    def _is_decision(answer: str, passage: Passage, decisions: Sequence[Lexicon]) -> bool:
        """A decision word, or an answer the prompt spells out for the model: "Reply YES or
        NO", "answer 'yes' or 'no'"."""
        answer = answer.strip()
        if not answer:
            return False
        if any(lex.find(answer) for lex in decisions):
            return True
        word = re.escape(answer)
        if answer.isupper() and len(answer) > 1:
            return re.search(r"(?<!\w)%s(?!\w)" % word, passage.text) is not None
        return re.search(r"[\"'“‘`]%s[\"'”’`]" % word, passage.text, re.IGNORECASE) is not None

    def _library_sightings(self, category: Category) -> Iterator[Sighting]:
        calls = [p for lex in self.lexicons(category, "calls") for p in lex.phrases]
        if not calls or not _ai_app(self.project):
            return
        for facts in self.project.files:
            for call in facts.library_calls:
                phrase = _called(call, calls)
                if phrase is None:
                    continue
                callee, _, argument = phrase.partition(" ")
                shown = f'{callee}(… "{argument}" …)' if argument else callee
                note = evidence_at(call.location, f"library call {shown}: {category.label}")
                yield Sighting(call.location, "library", "medium", f"This call to {call.callee}", shown, (note,))

    # ---- matching

    def hits(self, passage: Passage, category: Category) -> Iterator[Hit]:
        """Uses in the passage, in order, that no refusal in their sentence cancels."""
        text = passage.text
        spans = self._spans(text, category)
        for lex in self.lexicons(category, "uses"):
            for span, phrase in self.matches(lex, text):
                if not self._refused(text, span, spans):
                    yield Hit(span[0], phrase)
        actions = [
            (span, phrase) for lex in self.lexicons(category, "actions") for span, phrase in self.matches(lex, text)
            if not self._refused(text, span, spans)
        ]
        if not actions:
            return
        subject = self._subject(text, category, spans)
        if subject is None:
            return
        for span, phrase in actions:
            yield Hit(span[0], f"{subject} … {phrase}")

    def _subject(self, text: str, category: Category, spans: List[Span]) -> Optional[str]:
        declaration = self.project.declaration
        for lex in self.lexicons(category, "subjects"):
            for span, phrase in self.matches(lex, text):
                if not self._refused(text, span, spans):
                    return phrase
        if category.domain and declaration is not None and category.domain in declaration.domains:
            return f"declared domain {category.domain}"
        return None

    def _spans(self, text: str, category: Category) -> List[Span]:
        """Where the category's own phrases stand: refusal and mention words inside them
        ("APPROVE or DECLINE", "fake news articles") do not count."""
        return [
            span for role in ("uses", "subjects", "actions") for lex in self.lexicons(category, role)
            for span in self.own_spans(lex, text)
        ]

    def _refused(self, text: str, span: Span, spans: List[Span]) -> bool:
        start, end, header = _sentence(text, span[0])
        # A refusal governs its own part of a sentence: "Do not diagnose, but suggest home
        # remedies" refuses the diagnosis, not the remedies.
        start, end = self._contrasted(text, start, end, span)
        # A refusal word governs the words just after it ("Never give betting tips, picks or
        # parlays"), not a use a long sentence later ("not fictional code ... hack bank cards").
        before = [(max(start, span[0] - _REFUSAL_REACH), span[0])]
        anywhere = [(start, end)] + ([header] if header else [])
        if header:
            before.append(header)
        return any(
            _outside(m.span(), s, spans)
            and (lex is not self.refusal or (self._reaches(text, s[0] + m.end(), span) and not self._evades(text, s[0] + m.start())))
            for lex, regions in ((self.refusal, before), (self.refusal_anywhere, anywhere))
            for s in regions
            for m in lex.matches(text[s[0] : s[1]])
        )

    def _evades(self, text: str, start: int) -> bool:
        """Is the refusal word at `start` the head of escaping notice ("how to avoid
        detection while committing fraud", "without getting caught"), which asks for the
        use rather than refusing it?"""
        if self.evasion is None:
            return False
        found = next(self.evasion.matches(text[start : start + 60]), None)
        return found is not None and found.start() == 0

    def _reaches(self, text: str, end: int, span: Span) -> bool:
        """Does a refusal word ending at `end` govern the use at `span`? Not across "and"
        when what it refuses first is no use of any kind and a new predicate starts after
        the "and": "You never make mistakes and provide personalised advice" refuses the
        mistakes; "Never diagnose conditions and prescribe drugs" refuses both, and "must
        not give false information and medical diagnoses" refuses the diagnoses too."""
        gap = text[end : span[0]]
        joint = None
        for joint in self.coordination.matches(gap):
            pass
        if joint is None:
            return True
        first = (end, end + joint.start())
        if len(_GAP_WORDS.findall(text, first[0], first[1])) < 2:
            return True  # "never diagnose and treat": one verb, both refused
        if self.names_a_use(text[first[0] : first[1]]):
            return True  # the first part is itself a use: a list of what is refused
        after = text[end + joint.end() : span[1]].lstrip()[:60]
        predicate = next(self.new_predicate.matches(after), None)
        return predicate is None or predicate.start() != 0

    def names_a_use(self, text: str) -> bool:
        """Does `text`, read alone (without the refusal before it), hold a disallowed use,
        subject or action of any category?"""
        if text not in self._any_use:
            self._any_use[text] = any(
                next(lex.matches(text), None) is not None
                for code in CODES
                for category in self.ctx.pack.check(code).categories
                for role in ("uses", "subjects", "actions")
                for lex in self.lexicons(category, role)
            )
        return self._any_use[text]

    def _contrasted(self, text: str, start: int, end: int, span: Span) -> Span:
        """The part of the sentence text[start:end] around `span` that no contrast ("but",
        "however") divides."""
        begin = start
        for match in self.contrast.matches(text[start : span[0]]):
            begin = start + match.end()
        first = next(self.contrast.matches(text[span[1] : end]), None)
        return begin, span[1] + first.start() if first is not None else end

    def mentioned(self, passage: Passage, category: Category) -> bool:
        """Is the passage, or what the app says it is for, about the use rather than a use?"""
        texts = [passage.text]
        if self.description is not None and passage is not self.description:
            texts.append(self.description.text)
        for text in texts:
            spans = self._spans(text, category)
            for lex in self.lexicons(category, "mentions"):
                if any(_outside(span, (0, 0), spans) and _near(span, spans, len(text)) for span, _ in self.matches(lex, text)):
                    return True
        return False


_REFUSAL_REACH = 80
_GAP_WORDS = compile_pattern(r"\w+(?:['’-]\w+)*")

# In a long prompt (a jailbreak persona runs to pages) a mention counts only near the use:
# "protect against" on page one does not make "hack bank cards" on page three a lesson.
_SHORT_TEXT, _MENTION_REACH = 600, 300


def _near(span: Span, spans: List[Span], length: int) -> bool:
    if length <= _SHORT_TEXT or not spans:
        return True
    return any(span[0] - _MENTION_REACH <= s[1] and s[0] - _MENTION_REACH <= span[1] for s in spans)


def _outside(span: Span, region: Span, spans: List[Span]) -> bool:
    """Is `span` (relative to `region`) not part of one of `spans` (absolute)?

    "DECLINE" in "APPROVE or DECLINE" is the category's own phrase, not a refusal; but
    "gambling addiction" is a mention, though "gambling" inside it is a use.
    """
    start, end = span[0] + region[0], span[1] + region[0]
    return not any(s <= start and end <= e for s, e in spans)


def _called(call: LibraryCall, phrases: Sequence[str]) -> Optional[str]:
    """The `calls` phrase this call matches: `module.function`, or `module.function text`."""
    strings = {s.lower() for s in call.strings}
    for phrase in phrases:
        callee, _, argument = phrase.partition(" ")
        if call.callee == callee and (not argument or argument.lower() in strings):
            return phrase
    return None


# --------------------------------------------------------------------------- sentences

_BOUNDARY = compile_pattern(r"[.!?;](?=\s|$)|\n\s*\n|\n(?=[ \t]*(?:[-*•]|\d+[.)])\s)")
_BULLET = compile_pattern(r"^\s*(?:[-*•]|\d+[.)])\s")


def _sentences(text: str) -> List[Span]:
    spans, start = [], 0
    for match in _BOUNDARY.finditer(text):
        line = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
        if line.strip().isdigit():
            continue  # "1. parlay picks": a numbered item, not the end of a sentence
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _sentence(text: str, offset: int) -> Tuple[int, int, Optional[Span]]:
    """The sentence around `offset`, and the heading of the list it is an item of, if any.

    "Never discuss:\\n- gambling\\n- weapons": the items' heading is "Never discuss:".
    """
    spans = _sentences(text)
    index = next(i for i, (s, e) in enumerate(spans) if offset < e or i == len(spans) - 1)
    start, end = spans[index]
    header = None
    if _BULLET.match(text[start:end]):
        j = index - 1
        while j >= 0 and _BULLET.match(text[spans[j][0] : spans[j][1]]):
            j -= 1
        if j >= 0 and text[spans[j][0] : spans[j][1]].rstrip().endswith(":"):
            header = spans[j]
    return start, end, header


# --------------------------------------------------------------------------- passages


def _self_description(project: Project) -> Optional[Passage]:
    """What the app says it is for: declared use cases (and manifests, in an AI app)."""
    parts: List[Part] = []
    declaration = project.declaration
    if declaration is not None:
        where = declaration.at("use-cases")
        for use_case in declaration.use_cases:
            source = f'The declared use case "{use_case}"'
            parts.append(Part(where, use_case, "declaration", source, "declared use case"))
    if _ai_app(project):
        for text in project.manifest_texts:
            if text.field in _MANIFEST_FIELDS:
                parts.append(_manifest_part(text.location, text.field, text.text))
    return Passage(tuple(parts), "high") if parts else None


def _manifest_part(location: Location, field: str, text: str) -> Part:
    file = location.path.rsplit("/", 1)[-1]
    if field == "name":
        shown = text
        text = re.sub(r"[-_.]+", " ", text)  # "sports-betting-tipster" reads as words
        return Part(location, text, "manifest", f'The name "{shown}" in {file}', f"{file} name")
    if field == "keywords":
        return Part(location, text, "manifest", f'The keyword "{text}" in {file}', f"{file} keyword")
    return Part(location, text, "manifest", f"The {field} in {file}", f"{file} {field}")


# Numbers and run-time values, but not the numbers of a numbered list ("1. parlay picks").
_NUMBER_OR_VALUE = compile_pattern(r"\{…\}|(?<![\w.-])\d+(?:[.,]\d+)?(?![\w-]|[.)]\s)")


def _prompt_passages(project: Project) -> List[Passage]:
    """The prompts of each file, read together (a system prompt and its user template)."""
    passages: List[Passage] = []
    for facts in project.files:
        parts: List[Part] = []
        seen = set()
        for prompt, each in ((p, t) for p in facts.prompts for t in (p.text,) + p.variants):  # each text it can be
            # "Write {n} reviews", "Write 50 reviews": the count is not part of the phrase.
            text = re.sub(r"[ \t]+", " ", _NUMBER_OR_VALUE.sub(" ", each))
            if text in seen:
                continue
            seen.add(text)
            parts.append(_prompt_part(prompt, text))
        if parts:
            passages.append(Passage(tuple(parts), "medium", facts.path))
    return passages


def _prompt_part(prompt: Prompt, text: str) -> Part:
    role = {"system": "system prompt", "user": "user prompt"}.get(prompt.role, "prompt")
    return Part(prompt.location, text, "prompt", f"This {role}", role)
