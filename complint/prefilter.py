"""The text prefilter: which files could give a fact that matters, decided from their text.

Most files of a large repository say nothing about AI, and parsing one and walking its tree
costs many times what reading it costs. So a file's text is searched first for the words a
fact could hang on; a file without them is not parsed, and contributes a `FileFacts` with
no facts whose `note` says why. The words are derived, not kept by hand: from the
extractor's tables (`extract/vocabulary.py`: SDK modules, patterns of model calls, model
endpoints, chat frameworks, messaging libraries, the face libraries, file openers and
readers and tool-schema keys extract/python.py follows), from the policy pack's lexicons (with configured extra
phrases), and from the suppression marker.

Three looks, each only for the files the one before picks:

1. A search over every file's raw text, lower-cased (`fold`) and anchored on the rarest
   character of each word (`Matcher`: one regular expression per anchor character, their
   matches taken in the order of the text), finds the triggers whose words (and
   context: an import statement, a quoted key, a bound prompt-like name) are all there.
   Most files stop here.
2. A small lexer (`PythonViews`) splits the code from the texts (string literals, escapes
   decoded; docstrings and comments left out): code words must be in code, text words in
   texts, and the checks of a trigger must hold (a prompt-like name is assigned, not only
   mentioned). A file whose only reason is text also needs a lexicon phrase in one text:
   all its words, then the phrase itself as the checks match it (`phrase_in`: numbers,
   punctuation and placeholders may stand between its words, as rules/disallowed.py and
   the extractor's "{…}" allow).
3. For those, `ast` finds the places extract/python.py takes text from
   (`python_text_sites`, `_prints_a_file`); the phrase must be in one of them.

Soundness: a skipped file could not have changed a finding. For Python it rests on what
`extract/python.py` does; tests/test_prefilter.py checks that the findings are the same
with the prefilter on and off, on the examples and on a case at each edge below.

- Every name the extractor resolves is made of identifiers written in the file (import
  statements, attribute chains, bare names), so a model call, an SDK import, a chat
  surface, a library call, or a UI or messaging library's text needs the words of its
  pattern in the file's code. The words are read out of the patterns themselves
  (`required_words`), and a file needs all of a pattern's words (a `Trigger`), so common
  words like "create" wake nothing alone. SDK and messaging libraries count when imported
  (`import x`, `from x.y import z`), and so does the HTTP client of a call to a model
  endpoint, whose URL words must be in the file's texts.
- Every other fact is text: a prompt (`SYSTEM_PROMPT = ...`, `def build_prompt()`,
  `system=`, a role dict or tuple, a tool schema) or a text not tied to a model call (an
  assistant message; `print` and `input`). Each kind has its place, which the third look
  mirrors, and checks read text only through the pack's lexicons, so such a file matters
  only when a place of it holds every word of a lexicon phrase that can count
  (`text_phrases`). Text facts are built from the file's own string constants, following
  names and calls within the file, which the third look follows the same way.
- A place whose value is a name the file imports (`from .texts import DISCLAIMER`) holds
  text another module defines, which flow.py looks up there: such a file is parsed
  whatever its own texts say (`python_borrowed_text`), and a module the prefilter left
  alone is parsed by flow.py when a reference names it. So where the words of a text
  live across modules changes nothing.
- Console output (`print`, `input`) reaches users only in a console chat: checks ignore it
  in apps without one (`rules/evidence.user_visible_texts`). So console output is looked
  at (`Prefilter(console=True)`) in a second round, which the scan runs when it found a
  console chat loop (parallel.py). A document printed to the console
  (`print(open("about.md").read())`) counts wherever it is printed: always looked at.
- Some lexicons only qualify a text another lexicon has made relevant: those the pack
  marks `qualifies: true` (the given names after a persona construction, the refusals and
  negations that cancel a use or a domain, a category's subjects that need their actions)
  and categories' `mentions` and `decisions`. Their phrases alone change no finding and
  wake nothing (tests/test_prefilter.py checks each). A lexicon not marked counts alone:
  the safe default, for any pack (not the disclaimers' limitations: a limitation alone is
  evidence, "states a limitation but not that AI is used").
- `FileFacts.imports` lists every module a file imports, for checks of libraries; a
  skipped file lists none. That is exact for the modules the prefilter knows: the SDK,
  messaging, UI and face-library modules (always parsed), and the module names of
  lexicons called `*-modules` (`livestream-modules`). A check that looks for another
  library must name it in one of those places.
- `complint: ignore` comments are facts too: a file that says `complint:` is parsed.

Assumed, and not true of Python's parser: words are written out, not spelled with escape sequences
or split mid-word across string pieces (`"comp" "letions"`), and a phrase stands within
one text (literals the code joins count as one, but not the pieces `+=` appends to a
name, each of which is a text here; an f-string counts once more with each
placeholder that names a variable bound to a literal filled in, as the extractor fills
it: `KIND = "five-star"` then `f"Write {KIND} reviews"`). A file the lexer cannot
follow (Python 3.12 f-strings that nest their own quotes) or `ast` cannot read is parsed.
A skipped file is not parsed, so a syntax error in it is not reported (ruff would report
it).

Other extractors plug in by declaring `PREFILTER` in their module: a function that takes
the `TextPhrases` and returns triggers, or a `LanguagePrefilter` with further looks. A
kind of file without one is always parsed (manifests, declarations, message catalogues).
Declaring `PREFILTER` means the module is imported to read it: keep heavy imports inside
functions.
"""

from __future__ import annotations

import ast
import bisect
import dataclasses
import functools
import heapq
import importlib
import re
from dataclasses import dataclass, field
from typing import (
    TYPE_CHECKING,
    Callable,
    Dict,
    FrozenSet,
    Iterable,
    Iterator,
    List,
    Optional,
    Sequence,
    Set,
    Tuple,
    Union,
)

from .cache import SKIPPED_NOTE  # noqa: F401 - the note a skipped file's facts carry, here too
from . import derived
from .patterns import compile as compile_pattern
from .phrases import _SPACES, HAS_CJK, WORD_PATTERN, fold, word_pattern

if TYPE_CHECKING:
    from .policy import Pack

try:  # Python >= 3.11
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_parse as _sre_parse  # type: ignore[no-redef]

SUPPRESSION_MARKER = "complint:"
# Lexicons of module names, which checks compare with `FileFacts.imports`.
MODULE_LEXICONS = "-modules"
# Words shorter than this, read out of a pattern, narrow nothing down ("ai", "v1").
MIN_WORD = 3
# A pattern's alternatives are spelled out while there are at most this many strings.
_MAX_STRINGS = 64
# Where a term must be on the second look: among the identifiers, in the texts, in either,
# or anywhere (comments too: the first look's answer stands).
CODE, TEXT, EITHER, ANYWHERE = "code", "text", "either", "anywhere"
# What a trigger's words mean once found: a fact (parse the file), or places that take
# text (parse it when its texts hold a lexicon phrase; console texts only in a console chat).
FACT, TEXTS, CONSOLE = "fact", "texts", "console"

# How often each character occurs in Python source, per mille (measured on the standard
# library). A speed heuristic only: each word is searched for by its rarest character.
_FREQUENCY = {
    " ": 286, "e": 73, "t": 49, "s": 47, "a": 38, "r": 37, "i": 33, "n": 33, "l": 31,
    "o": 31, "f": 21, "c": 21, "d": 20, "p": 16, "_": 15, ".": 15, "u": 15, "(": 15,
    ")": 15, ",": 13, "m": 13, "'": 13, "h": 11, "g": 9, "b": 8, '"': 8, "=": 7, ":": 7,
    "x": 7, "0": 7, "y": 6, "w": 5, "k": 4, "-": 4, "1": 4, "v": 4, "#": 4, "2": 3,
    "\\": 3, "q": 2, "[": 2, "]": 2,
}
_W = "[0-9a-z_]"
# A whole word starts after a non-word character, or right after an escape sequence of a
# string literal ("\nAI", "\x20AI"); `{lit}` is the word's start, already matched.
_STARTS_WORD = (
    r"(?:(?<!{w}{lit})|(?<=\\[a-z]{lit})|(?<=\\x[0-9a-f]{{2}}{lit})|(?<=\\u[0-9a-f]{{4}}{lit})"
    r"|(?<=\\u[0-9a-f]{{8}}{lit})|(?<=\\[0-7]{lit})|(?<=\\[0-7]{{2}}{lit})|(?<=\\[0-7]{{3}}{lit}))"
)


# Words as the checks' word indexes cut them (`phrases.WORD_PATTERN`): a run of Chinese,
# Japanese or Korean stands apart from a Latin word beside it ("AI助手"). A phrase word in
# those scripts is found inside a longer run, so it is searched for in the text itself.
_WORD = compile_pattern(WORD_PATTERN)


def _freq(ch: str) -> float:
    return _FREQUENCY.get(ch, 0.5)


# --------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class Term:
    """A word, found case-insensitively: anywhere, or (`word`) as a whole word."""

    text: str
    word: bool = False
    where: str = ANYWHERE  # CODE, TEXT, EITHER or ANYWHERE: where the second look wants it

    def __post_init__(self) -> None:
        text = self.text.lower()
        if not re.fullmatch(r"[^\s'\"]+", text):
            raise ValueError(f"{self.text!r}: a term is one word without quotes")
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "_hash", hash((text, self.word, self.where)))

    def __hash__(self) -> int:
        return self._hash  # type: ignore[attr-defined]

    def __reduce__(self) -> Tuple[type, Tuple[str, bool, str]]:
        # Made anew when unpickled (a kept matcher, `Prefilter`): its hash is a string's,
        # which differs from one process to the next.
        return Term, (self.text, self.word, self.where)

    def pattern(self) -> str:
        """The term as a regular expression that starts with its literal text."""
        known = self.__dict__.get("_pattern")
        if known is None:
            known = self.__dict__["_pattern"] = self._work_out_pattern()
        return known

    def _work_out_pattern(self) -> str:
        literal = re.escape(self.text)
        if not self.word:
            return literal
        return literal + _STARTS_WORD.format(w=_W, lit=literal) + f"(?!{_W})"


def _cost(text: str) -> float:
    """How often a search for a word stops on a false lead: rare characters and long words
    stop it less."""
    return min(_freq(ch) for ch in text.lower()) / len(text) ** 2


Clause = Tuple[Term, ...]  # any one of these terms


class Views:
    """A file as the second look sees it. Each part is worked out when first asked for;
    `unknown` says the look could not follow the file (which is then parsed)."""

    def __init__(self, source: str, code: str = "", texts: Sequence[Sequence[str]] = ()) -> None:
        self.source = source  # the file itself, for a look that needs its syntax tree
        self._code: Optional[str] = code or None
        self._groups: Optional[List[List[str]]] = [list(g) for g in texts] if texts else None
        self.unknown = False

    def _work_out_code(self) -> str:
        return self.source

    def _work_out_texts(self) -> List[List[str]]:
        return []

    @property
    def code(self) -> str:
        """The code, without comments and string literals (f-strings stay)."""
        if self._code is None:
            self._code = self._work_out_code()
        return self._code

    @functools.cached_property
    def identifiers(self) -> FrozenSet[str]:
        return frozenset(_IDENTIFIER.findall(self.code))

    @property
    def groups(self) -> List[List[str]]:
        """The texts (string literals but docstrings, escapes decoded), in groups that the
        code joins into one text ("You are " + "a pirate")."""
        if self._groups is None:
            self._groups = self._work_out_texts()
        return self._groups

    @functools.cached_property
    def literals(self) -> FrozenSet[str]:
        return frozenset(t for g in self.groups for t in g)

    @functools.cached_property
    def texts(self) -> Tuple[str, ...]:
        return tuple(" ".join(g) for g in self.groups)

    @functools.cached_property
    def text(self) -> str:
        return "\n".join(t for g in self.groups for t in g)

    @functools.cached_property
    def folded(self) -> str:
        return _casefold(self.text)

    @functools.cached_property
    def words(self) -> FrozenSet[str]:
        return frozenset(word_pattern(self.folded).findall(self.folded))



@dataclass(frozen=True)
class Trigger:
    """Words a fact needs: every clause must have one of its terms in the file."""

    reason: str  # "model SDK import openai", "prompt-like name"
    clauses: Tuple[Clause, ...]
    means: str = FACT  # FACT, TEXTS or CONSOLE
    second_look: bool = True  # False: the first look is enough (a `complint:` comment)
    # Regular expressions over the folded raw text (`fold`), one of which must match too
    # (the name in an import statement, a quoted literal), or a function of that text that
    # says so. The first look checks it.
    context: Tuple[Union[str, Callable[[str], bool]], ...] = ()
    # What the second look must also find (a name that `PROMPT_NAME` matches).
    check: Optional[Callable[[Views], bool]] = None
    anchor: int = -1  # the clause to search for; -1: the one that looks cheapest


def words(*texts: str, word: bool = False, where: str = ANYWHERE) -> Clause:
    """One clause: any of these words."""
    return tuple(Term(t, word, where) for t in texts)


Spellings = Tuple[Tuple[str, ...], ...]  # any of these spellings; a spelling: all its words
PhraseWords = Tuple[Spellings, ...]  # every clause


@dataclass(frozen=True)
class TextPhrases:
    """The lexicon phrases that can make a text matter, as the words each one needs.

    An entry has one part (a phrase) or two (a category's subject and action, which may
    stand in different texts of a file): each part must be found within one text. An
    entry is (reason, the words of each part, the phrase of each part): the words find
    the texts to look at, and the phrase itself (`phrase_in`) must then be in one.
    """

    entries: Tuple[Tuple[str, Tuple[PhraseWords, ...], Tuple[str, ...]], ...] = ()
    # Module names from lexicons named `*-modules` (`livestream-modules`): checks compare
    # them with what files import, so importing one is a fact.
    modules: Tuple[str, ...] = ()
    # What the phrases were worked out from (complint's code, the pack, the configuration:
    # `parallel._phrases`), "" when unknown: names the matchers kept for them (`Prefilter`).
    key: str = field(default="", compare=False, repr=False)

    def known_indexes(self, by_word: Dict[str, List[int]], by_first_word: Tuple[Dict[str, List[int]], Set[int]]) -> None:
        """Take the indexes `_index` and `_first_words` build, as kept with the phrases
        (parallel._keep_phrases), instead of building them."""
        object.__setattr__(self, "_by_word", by_word)
        object.__setattr__(self, "_by_first_word", by_first_word)

    def _index(self) -> Dict[str, List[int]]:
        """Entries by the words one of which each needs: the spellings of its first clause."""
        index = self.__dict__.get("_by_word")
        if index is None:
            index = {}
            for number, (_, parts, _) in enumerate(self.entries):
                for spelling in parts[0][0]:
                    key = _WORD.findall(spelling[0])
                    # A word in a script without spaces is no whole word of a text: kept with
                    # the entries every file is asked about.
                    word = "" if HAS_CJK.search(spelling[0]) else key[0] if key else spelling[0]
                    index.setdefault(word, []).append(number)
            object.__setattr__(self, "_by_word", index)
        return index

    def mention(self, views: "Views") -> Optional[str]:
        """The first entry the file's texts hold, or None.

        A word of letters is looked up among a text's words; one with punctuation in it
        ("a.i.", "you're") is looked for in the text as it is written.
        """
        everywhere = _TextWords(views.folded, views.words)
        folded = _FoldedTexts(views.texts)
        groups: Dict[int, _TextWords] = {}

        def in_one_text(part: PhraseWords, phrase: str) -> bool:
            # A cheap look before counting words: the texts holding one of the probes.
            for number in folded.holding([spelling[0] for spelling in part[0]]):
                if number not in groups:
                    groups[number] = _TextWords(folded.texts[number])
                if groups[number].holds(part) and phrase_in(phrase, views.texts[number]):
                    return True
            return False

        index = self._index()
        keys = index.keys() & views.words if len(index) < len(views.words) else views.words & index.keys()
        for number in sorted({n for key in keys for n in index[key]} | set(index.get("", ()))):
            reason, parts, phrases = self.entries[number]
            if all(everywhere.holds(part) for part in parts) and all(map(in_one_text, parts, phrases)):
                return reason
        return None

    def mention_in(self, text: str) -> Optional[str]:
        """The first entry `text` holds, all parts anywhere in it, or None."""
        words = _TextWords(_casefold(text))
        plain, always = self._first_words()
        for number in sorted({n for word in plain.keys() & words.words for n in plain[word]} | always):
            reason, parts, phrases = self.entries[number]
            if all(words.holds(p) for p in parts) and all(phrase_in(p, text) for p in phrases):
                return reason
        return None

    def _first_words(self) -> Tuple[Dict[str, List[int]], Set[int]]:
        """Entries by the first word of each spelling of their first clause, which a text
        must hold as a word to hold the entry; and the entries that cannot be found so (a
        first word with punctuation, "a.i.", is looked for in the text as it is written)."""
        known = self.__dict__.get("_by_first_word")
        if known is None:
            plain: Dict[str, List[int]] = {}
            always: Set[int] = set()
            for number, (_, parts, _) in enumerate(self.entries):
                spellings = parts[0][0] if parts and parts[0] else ()
                firsts = [spelling[0] if spelling else "" for spelling in spellings]
                if not firsts or not all(_plain(w) for w in firsts):
                    always.add(number)
                    continue
                for word in dict.fromkeys(firsts):
                    plain.setdefault(word, []).append(number)
            known = (plain, always)
            object.__setattr__(self, "_by_first_word", known)
        return known


# Where a check may see white space between two words of a phrase, the prefilter allows
# any run of characters that are not letters: rules/disallowed.py reads "Write 50 fake
# reviews" without its number, and the extractor writes a run-time value as "{…}".
_GAP = r"(?:[\W\d_]|\{[^{}\n]*\})+"
_phrase_regexes: Dict[str, "re.Pattern[str]"] = {}


def phrase_in(phrase: str, text: str) -> bool:
    """Could a check find the lexicon phrase in this text? Matched as the checks match it
    (`policy.Lexicon`), case-insensitively and as whole words, but for what stands between
    its words (`_GAP`: numbers, punctuation, placeholders such as `{name}`) and negations
    (a negated phrase still counts here)."""
    regex = _phrase_regexes.get(phrase)
    if regex is None:
        from .phrases import phrases_pattern

        regex = _phrase_regexes[phrase] = compile_pattern(phrases_pattern([phrase], _GAP), re.IGNORECASE)
    return regex.search(text) is not None


def _casefold(text: str) -> str:
    """Text and phrase words compared alike, and so that no word a case-insensitive search
    would find is missed: `fold` first (the dotted capital I, which `casefold` makes an "i"
    and a combining dot), then `casefold` ("STRASSE" and "Straße")."""
    return fold(text).casefold()


class _FoldedTexts:
    """A file's texts, folded (`_casefold`) as one string: which texts hold a word is
    found by searching that string, not by looking into each of thousands of texts."""

    def __init__(self, texts: Sequence[str]) -> None:
        joined = "\0".join(texts)
        self.whole: Optional[str] = None
        if joined.count("\0") == max(len(texts) - 1, 0):  # no text holds the separator
            self.whole = _casefold(joined)
            self.texts: List[str] = self.whole.split("\0") if texts else []
            self._starts: List[int] = []
            offset = 0
            for text in self.texts:
                self._starts.append(offset)
                offset += len(text) + 1
        else:
            self.texts = [_casefold(t) for t in texts]

    def holding(self, probes: Sequence[str]) -> List[int]:
        """The numbers of the texts that hold any of `probes`, in order."""
        if self.whole is None or not self.texts:
            return [n for n, text in enumerate(self.texts) if any(probe in text for probe in probes)]
        found: Set[int] = set()
        for probe in probes:
            at = self.whole.find(probe)
            while at >= 0:
                number = bisect.bisect_right(self._starts, at) - 1
                found.add(number)
                following = number + 1
                if following == len(self._starts):
                    break
                at = self.whole.find(probe, self._starts[following])
        return sorted(found)


# Phrase words, and whether each is made of word characters only (then looked up among a
# text's words; else, "a.i.", searched for in its text).
_PLAIN_WORDS: Dict[str, bool] = {}


def _plain(word: str) -> bool:
    """Can the word be looked up among a text's words? Not one with punctuation in it
    ("a.i."), nor one in Chinese, Japanese or Korean (inside a longer run in the text)."""
    return _WORD.fullmatch(word) is not None and not HAS_CJK.search(word)


class _TextWords:
    def __init__(self, folded: str, words: Optional[FrozenSet[str]] = None) -> None:
        self.folded = folded
        self.words = words if words is not None else frozenset(word_pattern(folded).findall(folded))

    def has(self, word: str) -> bool:
        plain = _PLAIN_WORDS.get(word)
        if plain is None:
            plain = _PLAIN_WORDS[word] = _plain(word)
        return word in self.words if plain else word in self.folded

    def holds(self, part: PhraseWords) -> bool:
        return all(any(all(self.has(w) for w in spelling) for spelling in clause) for clause in part)


def phrase_words(phrase: str) -> PhraseWords:
    """The words a lexicon phrase needs: `phrases.phrase_clauses`, keeping every word of a
    choice ("{voice print|iris scan}" needs "voice" and "print", or "iris" and "scan")."""
    from .phrases import phrase_pieces

    try:
        pieces = phrase_pieces(phrase)
    except ValueError:  # a configured phrase with stray braces is plain text
        pieces = [(phrase,)]
    tokens: List[List[Tuple[str, ...]]] = [[]]
    for piece in pieces:
        if len(piece) == 1:
            for part in _SPACES.split(piece[0]):
                if part.isspace():
                    tokens.append([])
                elif part:
                    tokens[-1].append((part,))
        elif "" in piece and any(c != c.strip() for c in piece):
            tokens.append([])  # an optional word stands apart: `a {licensed |}professional`
        else:
            tokens[-1].append(piece)
    clauses: List[Spellings] = []
    for token in tokens:
        # Words glued to a choice (`{un|}safe`) and optional choices need nothing.
        if len(token) != 1 or "" in token[0]:
            continue
        spellings = tuple(tuple(_casefold(w) for w in choice.split()) for choice in token[0])
        if all(spellings):
            clauses.append(tuple(dict.fromkeys(spellings)))
    return tuple(clauses)


@dataclass(frozen=True)
class LanguagePrefilter:
    """What an extractor declares: its triggers, and its second look at a file."""

    triggers: Tuple[Trigger, ...]
    views: Optional[Callable[[str], Optional[Views]]] = None  # None: it cannot tell
    # The texts at the places the extractor takes text from (console output too, when the
    # flag says so): a third look for files whose only reason is text. None: cannot tell.
    text_sites: Optional[Callable[[str, bool], Optional[str]]] = None
    # Whether one of those places takes a value another module defines (flow.py resolves
    # it, so the words that matter may be in that module): a reason to parse by itself.
    borrowed_text: Optional[Callable[[str, bool], bool]] = None


# --------------------------------------------------------------------------- patterns


def required_words(pattern: "re.Pattern[str]", where: str = ANYWHERE) -> Tuple[Clause, ...]:
    """Words every match of `pattern` contains, as clauses (each: any of its terms)."""
    return tuple(tuple(Term(w, where=where) for w in clause) for clause in _required_words(pattern.pattern, int(pattern.flags)))


@derived.kept("required-words")
def _required_words(source: str, flags: int) -> Tuple[Tuple[str, ...], ...]:
    """`required_words` as plain words, kept (derived.py): working them out parses each
    expression, a tenth of a second of every run that builds the Python prefilter."""
    out = []
    for clause in _requirements(list(_sre_parse.parse(source, flags))):
        # Any of the words, anywhere: a word that holds another adds nothing.
        out.append(tuple(sorted(w for w in clause if not any(o != w and o in w for o in clause))))
    return tuple(dict.fromkeys(out))


def _requirements(items: list) -> List[FrozenSet[str]]:
    clauses: List[FrozenSet[str]] = []
    run: Set[str] = {""}
    for op, av in items:
        strings = _strings(op, av)
        if strings is not None:
            grown = {a + b for a in run for b in strings}
            if len(grown) <= _MAX_STRINGS:
                run = grown
                continue
        clauses.extend(_clauses_of(run))
        run = {""} if strings is None else set(strings)
        if strings is None:
            clauses.extend(_inner_requirements(op, av))
    clauses.extend(_clauses_of(run))
    return clauses


def _clause_cost(clause: FrozenSet[str]) -> float:
    return sum(_cost(w) for w in clause)


def _inner_requirements(op, av) -> List[FrozenSet[str]]:
    name = str(op)
    if name == "SUBPATTERN":
        return _requirements(list(av[-1]))
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
        return _requirements(list(av[2]))
    if name == "BRANCH":
        union: Set[str] = set()
        for alternative in av[1]:
            options = _requirements(list(alternative))
            if not options:
                return []
            union |= min(options, key=_clause_cost)
        return [frozenset(union)]
    return []


def _strings(op, av) -> Optional[Set[str]]:
    """Every string this element can match, if there are few; None otherwise."""
    name = str(op)
    if name == "LITERAL":
        return {chr(av)}
    if name == "AT":
        return {""}
    if name == "IN" and len(av) <= 4 and all(str(o) == "LITERAL" for o, _ in av):
        return {chr(v) for _, v in av}
    if name == "SUBPATTERN":
        return _language(list(av[-1]))
    if name == "BRANCH":
        out: Set[str] = set()
        for alternative in av[1]:
            strings = _language(list(alternative))
            if strings is None:
                return None
            out |= strings
        return out if len(out) <= _MAX_STRINGS else None
    if name in ("MAX_REPEAT", "MIN_REPEAT") and av[1] == 1:
        strings = _language(list(av[2]))
        if strings is None:
            return None
        return strings | {""} if av[0] == 0 else strings
    return None


def _language(items: list) -> Optional[Set[str]]:
    out = {""}
    for op, av in items:
        strings = _strings(op, av)
        if strings is None:
            return None
        out = {a + b for a in out for b in strings}
        if len(out) > _MAX_STRINGS:
            return None
    return out


def _pieces(text: str) -> List[str]:
    return [p for p in re.split(r"[^0-9a-z_]+", text.lower()) if len(p) >= MIN_WORD]


def _clauses_of(strings: Set[str]) -> List[FrozenSet[str]]:
    """Clauses all of these strings satisfy: the words they share, and one word of each."""
    lowered = {s.lower() for s in strings}
    candidates = sorted({p for s in lowered for p in _pieces(s)}, key=lambda p: (-len(p), p))
    shared = [p for p in candidates if all(p in s for s in lowered)]
    # "completion" is in "chatcompletion": keep only the longest of nested words.
    shared = [p for i, p in enumerate(shared) if not any(p in q for q in shared[:i])]
    clauses = [frozenset([p]) for p in shared]
    rest = [[p for p in _pieces(s) if not any(p in q for q in shared)] for s in sorted(lowered)]
    if rest and all(rest):
        clauses.append(frozenset(min(r, key=_cost) for r in rest))
    return clauses


# --------------------------------------------------------------------------- matching


class _Document:
    """A text being searched, with the answers found so far."""

    def __init__(self, text: str, matcher: "Matcher") -> None:
        self.text = fold(text)
        self.matcher = matcher
        self.known: Dict[Term, bool] = {}
        self._contexts: Dict[Tuple[object, ...], bool] = {}

    def has(self, term: Term) -> bool:
        if term not in self.known:
            if not term.word:
                self.known[term] = term.text in self.text
            else:
                self.known[term] = self.matcher.regex(term.pattern()).search(self.text) is not None
        return self.known[term]

    def satisfies(self, trigger: Trigger, clauses: Iterable[Clause]) -> bool:
        # The context first: a literal search, and usually the rarest thing asked for.
        if trigger.context:
            if trigger.context not in self._contexts:
                self._contexts[trigger.context] = any(
                    source(self.text) if callable(source) else self.matcher.regex(source).search(self.text) is not None
                    for source in trigger.context
                )
            if not self._contexts[trigger.context]:
                return False
        return all(any(self.has(t) for t in clause) for clause in clauses)


class Matcher:
    """Triggers compiled into a few searches over a text, anchored on rare characters.

    Python's regular expressions try an alternation at every position whose character can
    start it. Here every branch starts with the rarest character of a word (the part
    before it is checked behind), so the search skips most of the text in C, and an empty
    named group at the end of each branch says which word it found. The branches that
    start with one character make one search, and the searches' matches are taken in the
    order of the text, as one search of all the branches would find them.
    """

    def __init__(self, spec: Union[LanguagePrefilter, Sequence[Trigger]], phrases: TextPhrases = TextPhrases()) -> None:
        if not isinstance(spec, LanguagePrefilter):
            spec = LanguagePrefilter(tuple(spec))
        self.spec = spec
        self.phrases = phrases
        self.triggers = spec.triggers
        self._anchored: Dict[Term, List[Tuple[Trigger, Tuple[Clause, ...]]]] = {}
        chars = self._choose_anchors()
        self._always = next((t for t in self.triggers if not t.clauses), None)
        self._terms = sorted(self._anchored, key=lambda t: (t.text, t.word, t.where))
        # Start each term at the rarest of its characters the search stops at anyway.
        starts = {
            t: min((i for i, ch in enumerate(t.text) if ch in chars), key=lambda i: (_freq(t.text[i]), i == len(t.text) - 1))
            for t in self._terms
        }
        # The search goes on from the character after each match, so it finds every term
        # but one that starts at the very character another matched from: a term inside
        # another, at the same place (below: looked for on its own when the other is found).
        by_anchor: Dict[str, List[Term]] = {}  # a term inside another shares its anchor
        for t in self._terms:
            by_anchor.setdefault(t.text[starts[t]], []).append(t)
        self._inside = {
            t: [
                o for o in by_anchor[t.text[starts[t]]]
                if o is not t and _at_same_start(t.text, starts[t], o.text, starts[o])
            ]
            for t in self._terms
        }
        self._starts = starts
        # Per anchor character, its branches: (the branch, the character after the anchor or
        # "" when the branch goes on with a look around, the branch after that character).
        branches: Dict[str, List[Tuple[str, str, str]]] = {}
        for index, term in enumerate(self._terms):
            k = starts[term]
            after = ""
            if k:
                after += f"(?<={re.escape(term.text)})"
            if term.word:  # the end here; the start is checked on a hit (`_first_look`)
                after += f"(?!{_W})"
            after += f"(?P<t{index}>)"
            rest = term.text[k + 1 :]
            branch = re.escape(rest) + after
            branches.setdefault(term.text[k], []).append((branch, rest[:1], re.escape(rest[1:]) + after))
        # One search per character: a pattern that starts with one literal character is
        # searched for at memchr speed, and one that starts with any of several checks every
        # character against the set (on the standard library: 0.55 s against 0.69 s).
        self._search_sources = [
            re.escape(ch) + "(?:" + _alternation(sorted(tails, key=_longest_first)) + ")" for ch, tails in sorted(branches.items())
        ]
        self._compile_searches()

    def _compile_searches(self) -> None:
        self._regexes: Dict[str, "re.Pattern[str]"] = {}
        # Compiled here, not at the first file: processes forked after the prefilter is
        # built (parallel.py) inherit them instead of each compiling its own.
        self._searches = [self.regex(source).search for source in self._search_sources]

    def _choose_anchors(self) -> Set[str]:
        """Pick one clause of each trigger to search for, so the characters the search
        stops at are few and rare: a clause whose words share characters already chosen
        costs nothing more. Fills `_anchored`; returns the characters."""
        chars: Set[str] = set()

        def extra(clause: Clause) -> float:
            added: Set[str] = set()
            for term in clause:
                if not set(term.text) & (chars | added):
                    added.add(min(term.text, key=_freq))
            return sum(_freq(ch) for ch in added)

        pending = [t for t in self.triggers if t.clauses]
        pending.sort(key=lambda t: min(extra(c) for c in t.clauses), reverse=True)
        for trigger in pending:
            anchor = (
                trigger.clauses[trigger.anchor]
                if trigger.anchor >= 0
                else min(trigger.clauses, key=lambda c: (extra(c), -min(len(t.text) for t in c)))
            )
            for term in anchor:
                if not set(term.text) & chars:
                    chars.add(min(term.text, key=_freq))
                self._anchored.setdefault(term, []).append((trigger, tuple(c for c in trigger.clauses if c is not anchor)))
        return chars

    def _starts_word(self, term: Term, document: _Document, anchor: int) -> bool:
        begin = anchor - self._starts[term]
        return begin >= 0 and self.regex(term.pattern()).match(document.text, begin) is not None

    def regex(self, source: str) -> "re.Pattern[str]":
        """`source` compiled for text that `fold` lower-cased."""
        if source not in self._regexes:
            self._regexes[source] = compile_pattern(source, re.MULTILINE)
        return self._regexes[source]

    def reason_to_parse(self, text: str) -> Optional[str]:
        """Why the file must be parsed; None: it cannot give a fact that matters."""
        if self._always is not None:
            return self._always.reason
        found = self._first_look(text)
        if not found:
            return None
        direct = next((t for t in found if not t.second_look or self.spec.views is None), None)
        if direct is not None and direct.means == FACT:
            return direct.reason
        views = self.spec.views(text) if self.spec.views is not None else None
        if views is None:
            return found[0].reason  # the extractor will say what it makes of the file
        return self._second_look(found, views)

    def _first_look(self, text: str) -> List[Trigger]:
        """The triggers whose words (and context) the raw text has."""
        document = _Document(text, self)
        found: List[Trigger] = []
        seen: Set[Term] = set()
        searches = self._searches
        # The next match of each search, taken in the order of the text.
        pending = [(m.start(), k, m) for k, m in enumerate(s(document.text) for s in searches) if m is not None]
        heapq.heapify(pending)
        while pending:
            start, k, match = pending[0]
            term = self._terms[int(match.lastgroup[1:])]  # type: ignore[index]
            # Go on from the next character: a word may start inside another's match.
            following = searches[k](document.text, start + 1)
            if following is None:
                heapq.heappop(pending)
            else:
                heapq.heapreplace(pending, (following.start(), k, following))
            if term in seen or (term.word and not self._starts_word(term, document, start)):
                continue
            for hit in [term] + [t for t in self._inside[term] if t not in seen and document.has(t)]:
                seen.add(hit)
                document.known[hit] = True
                for trigger, others in self._anchored[hit]:
                    if trigger not in found and document.satisfies(trigger, others):
                        found.append(trigger)
                        if trigger.means == FACT and not trigger.second_look:
                            return [trigger]
        return found

    def _second_look(self, found: List[Trigger], views: Views) -> Optional[str]:
        places = _Places(views, self)
        placed: List[Trigger] = []
        for trigger in found:
            if _placed(trigger, places) and (trigger.check is None or trigger.check(views)):
                if trigger.means == FACT:
                    return trigger.reason
                placed.append(trigger)
            if views.unknown:
                return trigger.reason  # the look could not follow the file: parse it
        if not placed:
            return None
        phrase = self.phrases.mention(views)
        if views.unknown:
            return placed[0].reason
        console = any(t.means == CONSOLE for t in placed)
        if phrase is not None and self.spec.text_sites is not None:
            sites = self.spec.text_sites(views.source, console)
            if sites is not None:
                phrase = self.phrases.mention_in(sites)
        if phrase is not None:
            return f"{placed[0].reason} with {phrase}"
        if self.spec.borrowed_text is not None and self.spec.borrowed_text(views.source, console):
            return f"{placed[0].reason} with a text another module defines"
        return None


def _longest_first(branch: Tuple[str, str, str]) -> Tuple[int, str]:
    return -len(branch[0]), branch[0]


def _alternation(branches: List[Tuple[str, str, str]]) -> str:
    """The branches as one alternation that the search tries in the same order, with the
    branches that go on with the same character put together (`a(?:bc|d)` for `abc|ad`),
    so that at most positions one test rejects them all.

    Branches that go on with different characters cannot both match at one position, so
    their order does not matter; a branch that goes on with a look around could match
    with any other, and keeps its place: branches are put together only between two such.
    """
    out: List[str] = []
    together: Dict[str, List[str]] = {}

    def flush() -> None:
        for first, rests in together.items():
            out.append(re.escape(first) + (rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")"))
        together.clear()

    for branch, first, rest in branches:
        if first:
            together.setdefault(first, []).append(rest)
        else:
            flush()
            out.append(branch)
    flush()
    return "|".join(out)


def _at_same_start(outer: str, k_outer: int, inner: str, k_inner: int) -> bool:
    """Does `inner` sit in `outer` so that their search characters coincide?"""
    offset = k_outer - k_inner
    return offset >= 0 and outer[offset : offset + len(inner)] == inner


class _Places:
    """The views' code and texts as documents to search, each made when first needed."""

    def __init__(self, views: Views, matcher: Matcher) -> None:
        self.views = views
        self.matcher = matcher
        self._documents: Dict[str, _Document] = {}

    def document(self, where: str) -> _Document:
        if where not in self._documents:
            text = self.views.code if where == CODE else self.views.text
            self._documents[where] = _Document(text, self.matcher)
        return self._documents[where]


def _placed(trigger: Trigger, places: _Places) -> bool:
    """Every clause has a term where it asks to be (a word found anywhere needs no more)."""
    for clause in trigger.clauses:
        if not any(
            term.where == ANYWHERE or any(places.document(w).has(term) for w in _WHERE[term.where])
            for term in clause
        ):
            return False
    return True


_WHERE = {CODE: (CODE,), TEXT: (TEXT,), EITHER: (CODE, TEXT), ANYWHERE: ()}


# --------------------------------------------------------------------------- Python

# A comment, or a string literal from its opening quote (a prefix is read behind it). The
# loops are unrolled (`[^'\\]*(?:\\.[^'\\]*)*`, not `(?:[^'\\]|\\.)*`): a run of plain
# characters is one step of the matcher, not one per character (40 % faster).
_PY_TOKEN = compile_pattern(
    r"""#[^\n]*|'''[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*(?:'''|\Z)"""
    r"""|\"\"\"[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*(?:\"\"\"|\Z)"""
    r"""|'[^'\\\n]*(?:\\.[^'\\\n]*)*(?:'|$)|"[^"\\\n]*(?:\\.[^"\\\n]*)*(?:"|$)""",
    re.DOTALL | re.MULTILINE,
)
_PY_PREFIX = compile_pattern(r"(?<![\w])[rRbBuUfF]{1,2}\Z")
_ESCAPE = compile_pattern(r"\\(?:N\{[^}]*\}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|.)", re.DOTALL)
_IDENTIFIER = compile_pattern(r"[^\W\d]\w*")


class PythonViews(Views):
    """A Python file's code and texts, from a lexer that knows strings and comments.

    Docstrings, and any string that starts a statement, are left out of the texts: such a
    string is an expression no code reads, and no fact is built from it. Bytes are not
    text. An f-string is both code and text. Python 3.12 lets an f-string hold its own
    quotes, which this lexer cannot follow: where that may happen, the views are unknown.
    """

    def _work_out_code(self) -> str:
        self._lex()
        return self._code  # type: ignore[return-value]

    def _work_out_texts(self) -> List[List[str]]:
        self._lex()
        return self._groups  # type: ignore[return-value]

    def _lex(self) -> None:
        """Both views in one pass over the tokens, with as little as can be done per token:
        a large file holds thousands of strings and comments."""
        if self._code is not None and self._groups is not None:
            return
        text = self.source
        code: List[str] = []  # the code view, in pieces
        groups: List[List[str]] = []
        gap = ""  # the code since the last text: does it join the next literal to that text?
        depth = 0  # bracket depth at `counted`
        uncounted: List[str] = []  # code since then, counted only when a depth is needed
        bound: Dict[str, List[int]] = {}  # names bound to a literal: the groups that are their values
        end = 0
        for match in _PY_TOKEN.finditer(text):
            start = match.start()
            between = text[end:start]
            code.append(between)
            uncounted.append(between)
            gap += between
            end = match.end()
            token = match.group()
            if token[0] == "#":
                code.append(" ")
                continue
            prefix = _prefix(text, start) if start and text[start - 1] in "rRbBuUfF" else ""
            if "f" in prefix:
                if _unbalanced(token):
                    self.unknown = True
                code.append(" " + token + " ")  # an f-string is code too
            else:
                code.append(" ")
                if "b" in prefix:
                    gap = "\0"  # bytes are no text, and end the one before
                    continue
                literal_start = start - len(prefix)
                # First on its line (as a docstring is)? Mostly not: `f("...")`, `x = "..."`.
                if (not literal_start or text[literal_start - 1] in " \t\n\r\f") and _first_on_line(text, literal_start):
                    pending = "".join(uncounted)
                    uncounted.clear()
                    depth += _depth_change(pending)
                    if depth == 0:
                        gap = "\0"  # a docstring is no text, and ends the one before
                        continue
            quote = 3 if token[:3] in ("'''", '"""') else 1
            body = token[quote:-quote] if len(token) >= 2 * quote else token[quote:]
            if "\\" in body and "r" not in prefix:
                body = _ESCAPE.sub(_escape_value, body)
            before = gap[: -len(prefix)] if prefix else gap
            if groups and _JOINS.fullmatch(before):
                groups[-1].append(body)  # "You are " "a pirate", "You are " + name
            else:
                groups.append([body])
                # A cheap look first (most literals are arguments or items): `=` ends the code.
                named = _NAMED.search(before[-200:]) if before.rstrip(" \t(").endswith("=") else None
                if named:  # KIND = "five-star": what `{KIND}` may stand for
                    bound.setdefault(named.group(1), []).append(len(groups) - 1)
            gap = ""
        code.append(text[end:])
        if self._code is None:
            self._code = "".join(code)
        if self._groups is None:
            self._groups = groups + _filled(groups, bound) if bound else groups


# `NAME = ` (or `NAME: str = (`) right before a literal: the name is bound to its text.
_NAMED = compile_pattern(r"(?:^|[\n;])[ \t]*([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=[ \t(]*\Z")
# A placeholder that names a variable: `{kind}`, `{kind!r}`, `{kind:>10}`.
_PLACEHOLDER = compile_pattern(r"\{([A-Za-z_]\w*)(?:![rsa])?(?::[^{}]*)?\}")
_MAX_FILLED = 16


def _filled(groups: List[List[str]], bound: Dict[str, List[int]]) -> List[List[str]]:
    """The texts again with each placeholder that names a bound variable filled in with
    that variable's text, as the extractor fills an f-string (`KIND = "five-star"`, then
    `f"Write {KIND} reviews"` is "Write five-star reviews"): more texts, never fewer."""
    out: List[List[str]] = []
    for group in groups:
        text = " ".join(group)
        if "{" not in text:
            continue
        variants = [text]
        for match in _PLACEHOLDER.finditer(text):
            values = [" ".join(groups[i]) for i in bound.get(match.group(1), ())]
            if values:
                variants = [v.replace(match.group(), value) for v in variants for value in values][:_MAX_FILLED]
        out.extend([variant] for variant in variants if variant != text)
    return out


def _prefix(text: str, start: int) -> str:
    """The prefix of the string literal whose quote is at `start` (`f`, `rb`), lower-cased."""
    found = _PY_PREFIX.search(text, max(0, start - 2), start)
    return found.group().lower() if found else ""


def _depth_change(code: str) -> int:
    if not ("(" in code or "[" in code or "{" in code or ")" in code or "]" in code or "}" in code):
        return 0
    return (
        code.count("(") + code.count("[") + code.count("{") - code.count(")") - code.count("]") - code.count("}")
    )


def _first_on_line(text: str, start: int) -> bool:
    """Is the literal at `start` the first thing on its line, which no backslash continues?"""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return False
    before = line_start - 1
    while before >= 0 and text[before].isspace():
        before -= 1
    return before < 0 or text[before] != "\\"


def _unbalanced(token: str) -> bool:
    inner = token.replace("{{", "").replace("}}", "")
    return inner.count("{") != inner.count("}")


def python_views(text: str) -> Optional[Views]:
    return PythonViews(text)



# What may stand between two literals one text is made of: white space, a line
# continuation, `+` and parentheses ("You are " + ("a " "pirate")).
_JOINS = compile_pattern(r"[\s\\+()]*")


_SIMPLE_ESCAPES = {
    "\n": "\n", "\\": "\\", "'": "'", '"': '"', "a": "\a", "b": "\b", "f": "\f",
    "n": "\n", "r": "\r", "t": "\t", "v": "\v",
}


def _escape_value(match: "re.Match[str]") -> str:
    """What an escape sequence of a str literal stands for (Python's rules, without eval)."""
    escape = match.group()[1:]
    first = escape[0]
    if first in _SIMPLE_ESCAPES:
        return "" if first == "\n" else _SIMPLE_ESCAPES[first]
    try:
        if first in "xuU":
            return chr(int(escape[1:], 16))
        if first in "01234567":
            return chr(int(escape, 8))
        if first == "N":
            import unicodedata

            return unicodedata.lookup(escape[2:-1])
    except (ValueError, KeyError, OverflowError):
        return " "
    return match.group()  # not an escape: the backslash stays


def import_roots() -> Dict[str, str]:
    """Modules whose import alone makes a Python file give facts, with what they give."""
    from .extract import vocabulary as V

    roots = {module: "model SDK import" for module in V.SDK_MODULES}
    roots.update({module: "messaging library import" for module in V.MESSAGING_MODULES})
    return roots


def _import_statement(roots: Iterable[str]) -> Tuple[str, ...]:
    """A regular expression for an import statement naming one of these modules first."""
    from .extract import vocabulary as V

    names = []
    for root in sorted(set(roots)):
        # sdk_provider knows families by prefix (langchain_openai); others by exact name.
        family = V.sdk_provider(root + "_family") is not None
        names.append(re.escape(root.lower()) + ("" if family else f"(?!{_W})"))
    # The keyword first, so the search looks for a literal; what stands before it, behind.
    rest = r"\b(?:[^;#\n\\]|\\.|\\\n)*?(?<![\w.])(?:%s)" % "|".join(names)
    return (r"import(?<![\w.]import)" + rest, r"from(?<![\w.]from)" + rest)


def _callee_roots(pattern: "re.Pattern[str]") -> List[str]:
    """The module each alternative of a callee pattern starts with (`^(requests\\.post|httpx\\..*)$`)."""
    items = [item for item in _sre_parse.parse(pattern.pattern, pattern.flags) if str(item[0]) != "AT"]
    while len(items) == 1 and str(items[0][0]) == "SUBPATTERN":
        items = list(items[0][1][-1])
    alternatives = items[0][1][1] if items and str(items[0][0]) == "BRANCH" else [items]
    roots = []
    for alternative in alternatives:
        name = ""
        for op, av in alternative:
            if str(op) != "LITERAL" or not (chr(av).isalnum() or chr(av) == "_"):
                break
            name += chr(av)
        if not name:
            raise ValueError(f"{pattern.pattern}: an alternative does not start with a module name")
        roots.append(name)
    return sorted(set(roots))


def _dotted(dotted: str) -> Tuple[Clause, ...]:
    return tuple(words(part, where=CODE) for part in dotted.split(".") if len(part) >= MIN_WORD)


def _prints_a_file(views: Views) -> bool:
    """Does console output show a file's text, as extract/python.py reads it (`_file_read`)?

    `print(open("about.md").read())`, `print(text)` with `text = path.read_text()`, or
    `f = open(...)` read later: a call to print/input whose arguments hold a read of an
    opened file, following names to their one binding as the extractor does.
    """
    from .extract import vocabulary as V

    if not _may_print_a_file(views):
        return False
    try:
        tree = _syntax_tree(views.source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return True
    b = _Bindings(tree)
    console = _console_names(b)
    # `open`, `io.open`, `Path` from pathlib, `pathlib.Path`, and what imports call them.
    full = V.OPENERS
    openers = set(full) | {c.split(".")[-1] for c in full}
    modules = {c.split(".")[0] for c in full if "." in c}
    for node in b.nodes:
        if isinstance(node, ast.Import):
            modules |= {a.asname for a in node.names if a.asname and a.name in modules}
        elif isinstance(node, ast.ImportFrom):
            openers |= {a.asname for a in node.names if a.asname and a.name in openers}
    reads = V.READS

    def follow(node: ast.AST, test, depth: int) -> bool:
        if depth > _MAX_DEPTH:
            return False
        if isinstance(node, (ast.Name, ast.Attribute)):
            return any(follow(v, test, depth + 1) for v in b.value_of(_dotted_name(node)))
        return test(node, depth)

    def opened(node: ast.AST, depth: int) -> bool:
        callee = _dotted_name(node.func) if isinstance(node, ast.Call) else ""
        return callee in openers or (callee.split(".")[0] in modules and callee.split(".")[-1] in openers)

    def read(node: ast.AST, depth: int) -> bool:
        func = node.func if isinstance(node, ast.Call) else None
        return isinstance(func, ast.Attribute) and func.attr in reads and follow(func.value, opened, depth + 1)

    for call in b.calls:
        if _dotted_name(call.func).split(".")[-1] in console:
            values = list(call.args) + [k.value for k in call.keywords]
            if any(follow(value, read, 0) for value in values):
                return True
    return False


_MAX_DEPTH = 8  # as deep as extract/python.py follows names
# Where names get their values: `NAME =` (or `NAME: type =`) first on a line, and `as NAME`.
# Each is searched for from its first literal character (a line end, "as"), which is fast.
_ASSIGNED_FIRST = compile_pattern(r"[ \t]*([A-Za-z_][\w.]*)[ \t]*(?::[^=\n]*)?=(?!=)")
_ASSIGNED = compile_pattern(r"\n" + _ASSIGNED_FIRST.pattern)
_AS_NAME = compile_pattern(r"as(?<!\was)[ \t]+([A-Za-z_][\w.]*)")


def _may_print_a_file(views: Views) -> bool:
    """What `_prints_a_file` needs, read off the code alone (no syntax tree): a console
    call whose arguments read a file or name a value that comes from a read, through any
    number of assignments. A superset, and cheap."""
    code = views.code
    read = _read_call()
    if not read.search(code):
        return False
    console = set(_console_words())
    # Where each name gets its value: the rest of its statement.
    sources: Dict[str, List[str]] = {}
    for _, name, start in _assignments(code):
        sources.setdefault(name, []).append(_statement(code, start))
    for name, values in sources.items():  # say = print; from click import prompt as ask
        if any((m := _ALIAS_VALUE.fullmatch(v)) is not None and m.group(1) in console for v in values):
            console.add(name.split(".")[-1])
    console |= {alias for c in list(console) if c for alias in _aliases(code, c)}
    readers = {n for n, values in sources.items() if any(read.search(v) for v in values)}
    if readers:
        # text = f.read(); shown = text: every name whose value names a reader reads too.
        users: Dict[str, Set[str]] = {}
        for name, values in sources.items():
            for value in values:
                for used in _NAME.findall(value):
                    users.setdefault(used, set()).add(name)
        pending = list(readers)
        while pending:
            for user in users.get(pending.pop(), ()):
                if user not in readers:
                    readers.add(user)
                    pending.append(user)
    for match in _console_calls(code, console):
        arguments = _statement(code, match.end() - 1)
        if read.search(arguments) or _names_any(arguments, readers):
            return True
    return False


def _assignments(code: str) -> List[Tuple[int, str, int]]:
    """(where, name, where its value starts) of every `NAME =` first on a line and every
    `as NAME`, in the order of the code, as one search of both would find them: an `as`
    inside a line's `NAME: ... =` is not one."""
    found: List[Tuple[int, str, int]] = []
    ends: Dict[int, int] = {}  # line start -> end of its `NAME =`
    first = _ASSIGNED_FIRST.match(code)
    if first is not None:
        found.append((0, first.group(1), first.end()))
        ends[0] = first.end()
    for match in _ASSIGNED.finditer(code):
        found.append((match.start() + 1, match.group(1), match.end()))
        ends[match.start() + 1] = match.end()
    for match in _AS_NAME.finditer(code):
        line = code.rfind("\n", 0, match.start()) + 1
        if ends.get(line, line) <= match.start():
            found.append((match.start(), match.group(1), line))
    found.sort()
    return found


# A value that is only a name, maybe dotted: `say = print`, `ask = click.prompt`.
_ALIAS_VALUE = compile_pattern(r"\s*(?:[\w.]*\.)?(\w+)\s*")


def _aliases(code: str, name: str) -> List[str]:
    """The names `name` is imported or bound as: `prompt as ask`."""
    return [m.group(1) for m in _word_before(name, r"\s+as\s+(\w+)").finditer(code)]


def _console_calls(code: str, console: Set[str]) -> List["re.Match[str]"]:
    """Every call of a console name (`print(`), each name searched for on its own."""
    if "" in console:  # an odd alias (`x. = print`): calls of anything
        return list(re.finditer(r"\b(%s)\s*\(" % "|".join(re.escape(c) for c in sorted(console)), code))
    return [m for name in sorted(console) for m in _word_before(name, r"\s*\(").finditer(code)]


@functools.lru_cache(maxsize=256)
def _word_before(word: str, rest: str) -> "re.Pattern[str]":
    """`word` as a whole word at the start, then `rest`: starting with the word's letters,
    so that the search looks for them at memchr speed."""
    literal = re.escape(word)
    return compile_pattern(f"{literal}(?<!\\w{literal}){rest}")


_NAME = compile_pattern(r"[A-Za-z_][\w.]*")


def _names_any(text: str, names: Set[str]) -> bool:
    return any(name in names for name in _NAME.findall(text))


def _statement(code: str, start: int) -> str:
    """From `start` to the end of the statement: the next line end outside brackets."""
    end = code.find("\n", start)
    line_end = len(code) if end < 0 else end
    if line_end - start <= 4000 and _BRACKET.search(code, start, line_end) is None:
        if end < 0 or code[end - 1] != "\\":  # (at the very start, as below: the last character)
            return code[start:line_end]  # most statements: one line, no brackets
    depth = 0
    limit = min(len(code), start + 4000)
    for stop in _STATEMENT_STOPS.finditer(code, start, limit):  # brackets and line ends only
        ch = stop.group()
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth < 0:
                return code[start : stop.start()]
        elif depth <= 0 and code[stop.start() - 1] != "\\":
            return code[start : stop.start()]
    return code[start:limit]


_STATEMENT_STOPS = compile_pattern(r"[()\[\]{}\n]")
_BRACKET = compile_pattern(r"[()\[\]{}]")


# The kinds of node `_Bindings` looks into (exact types: the parser makes no subclasses).
_BINDING_KINDS = frozenset({
    ast.Call, ast.Assign, ast.AnnAssign, ast.AugAssign, ast.NamedExpr, ast.withitem, ast.For, ast.AsyncFor,
    ast.Return, ast.FunctionDef, ast.AsyncFunctionDef,
})


class _Bindings:
    """Names and what the file binds to them, as extract/python.py's `_Bindings` keeps them:
    scopes flattened; a name followed only while it has one binding, or one and the
    pieces `x += ...` appends to it (all of them: a superset of the extractor's one
    function); loop variables apart; what each function returns."""

    def __init__(self, tree: ast.AST) -> None:
        self.assigned: Dict[str, List[ast.AST]] = {}
        self.appended: Dict[str, int] = {}  # name -> how many of its bindings are `+=`
        self.iterated: Dict[str, List[ast.AST]] = {}
        self.returns: Dict[str, List[ast.AST]] = {}
        self.calls: List[ast.Call] = []
        self.nodes: List[ast.AST] = []
        # One pass, depth first, knowing the function each node is in (for `return`).
        stack: List[Tuple[ast.AST, str]] = [(tree, "")]
        while stack:
            node, function = stack.pop()
            self.nodes.append(node)
            if type(node) not in _BINDING_KINDS:
                pass  # most nodes: none of the kinds below (one look instead of six)
            elif isinstance(node, ast.Call):
                self.calls.append(node)
            elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.NamedExpr)):
                if node.value is not None:
                    for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                        self._bind(self.assigned, target, node.value)
                    if isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Add) and _dotted_name(node.target):
                        name = _dotted_name(node.target)
                        self.appended[name] = self.appended.get(name, 0) + 1
            elif isinstance(node, ast.withitem) and node.optional_vars is not None:
                self._bind(self.assigned, node.optional_vars, node.context_expr)
            elif isinstance(node, (ast.For, ast.AsyncFor)):
                self._bind(self.iterated, node.target, node.iter)
            elif isinstance(node, ast.Return) and node.value is not None and function:
                self.returns.setdefault(function, []).append(node.value)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                function = node.name
            for field_name in node._fields:  # ast.iter_child_nodes, without its generator
                value = getattr(node, field_name, None)
                if isinstance(value, list):
                    stack.extend((item, function) for item in value if isinstance(item, ast.AST))
                elif isinstance(value, ast.AST):
                    stack.append((value, function))

    @staticmethod
    def _bind(table: Dict[str, List[ast.AST]], target: ast.AST, value: ast.AST) -> None:
        name = _dotted_name(target)
        if name:
            table.setdefault(name, []).append(value)

    def value_of(self, name: str) -> List[ast.AST]:
        """What a name stands for, where the extractor follows it: its one binding (with the
        pieces `+=` appends to it), or the one thing it loops over."""
        assigned = self.assigned.get(name, [])
        if len(assigned) == 1 or (assigned and len(assigned) == self.appended.get(name, 0) + 1):
            return assigned
        looped = self.iterated.get(name, [])
        return looped if len(looped) == 1 and not assigned else []


_last_tree: List[Tuple[str, object]] = []


def _syntax_tree(source: str) -> ast.Module:
    """`ast.parse(source)`, or the error it raises; the last file's tree is kept, since the
    second look's checks each read the same file (the trees are only read here)."""
    if not _last_tree or _last_tree[0][0] is not source:
        try:
            found: object = ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
            found = exc
        _last_tree[:] = [(source, found)]
    found = _last_tree[0][1]
    if isinstance(found, BaseException):
        raise found
    return found  # type: ignore[return-value]


def python_text_sites(source: str, console: bool) -> Optional[str]:
    """The text at every place extract/python.py takes a prompt or a loose text from.

    It mirrors the extractor: assignments to prompt-like names and what functions with
    such names return, system-prompt keywords, role dicts and (role, text) tuples, tool
    schemas, and with `console` the arguments of print/input and their kin. From there it
    follows names to their one binding (or loop), and calls to what the called function
    returns, as `string_value`, `strings_in`, `_descriptions` and the prompt variants do.
    A superset: more text than the extractor keeps. When the extractor learns a new place,
    it must be added here; tests/test_prefilter.py has a case for each.
    """
    try:
        tree = _syntax_tree(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    b = _Bindings(tree)
    return "\n".join(_reached(_text_site_nodes(b, console), b))


def python_borrowed_text(source: str, console: bool) -> bool:
    """Does a place `python_text_sites` reads take a name the file imports (`from .texts
    import DISCLAIMER`, `texts.DISCLAIMER`, `prompts.build()`) or a value loaded from a data
    file? extract/python.py leaves such a value for flow.py to resolve in the module that
    defines it, or the data file."""
    from .extract import vocabulary as V

    if not _imports_from_elsewhere(source):
        return False
    try:
        tree = _syntax_tree(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return True
    b = _Bindings(tree)
    # As extract/python.py's `_reference`: no value of the standard library or an SDK.
    origins: Dict[str, str] = {}
    for node in b.nodes:
        if isinstance(node, ast.Import):
            origins.update({a.asname or a.name.split(".")[0]: a.name for a in node.names})
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            origins.update({a.asname or a.name: f"{module}.{a.name}" for a in node.names})
    imported = {
        local for local, origin in origins.items()
        if origin.split(".")[0] not in V.STDLIB_MODULES and not V.sdk_provider(origin)
    }
    loaders = {c.split(".")[-1] for c in V.DATA_LOADERS}
    for node in _reached_nodes(_text_site_nodes(b, console), b):
        if isinstance(node, ast.Name) and node.id in imported:
            return True
        if isinstance(node, ast.Call) and _dotted_name(node.func).split(".")[-1] in loaders:
            return True  # texts picked from a data file (`json.load(open("personas.json"))`)
    return False


_IMPORTS = compile_pattern(r"^[ \t]*(?:from[ \t]+(\.*)[ \t]*([\w.]*)[ \t]+import\b|import[ \t]+([^#;\n]+))", re.MULTILINE)


def _writes_imported(views: Views) -> bool:
    """Could a page the file writes hold what a function of another module returns
    (extract/python.py's `_written_from_elsewhere`, which flow.py resolves)? A write method
    called, and an import of a module that is neither the standard library's nor an SDK."""
    from .extract import vocabulary as V

    return any(f".{w}(" in views.code for w in V.WRITES) and _imports_from_elsewhere(views.source)


def _imports_from_elsewhere(source: str) -> bool:
    """Does the file import a module that is neither the standard library's nor an SDK
    (one that may be the project's own)? Read off the import statements' text: a superset."""
    from .extract import vocabulary as V

    for match in _IMPORTS.finditer(source):
        if match.group(1):
            return True  # relative: the project's own
        modules = [match.group(2)] if match.group(3) is None else [m.split()[0] for m in match.group(3).replace("(", " ").split(",") if m.split()]
        for module in modules:
            if module.split(".")[0] not in V.STDLIB_MODULES and not V.sdk_provider(module):
                return True
    return False


def _text_site_nodes(b: "_Bindings", console: bool) -> List[ast.AST]:
    """The places `python_text_sites` reads, as nodes."""
    from .extract import vocabulary as V

    literals = {n.value for n in b.nodes if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    roles = V.SYSTEM_ROLES | V.USER_ROLES
    # A key or a role the code computes is a literal somewhere in the file.
    role_key = "role" in literals
    schema_keys = {"name", "description"} <= literals and bool(literals & V.TOOL_SCHEMA_KEYS)
    sites: List[ast.AST] = []
    for call in b.calls:
        sites.extend(k.value for k in call.keywords if k.arg in V.SYSTEM_PROMPT_KWARGS)
    for name, values in b.assigned.items():
        if V.PROMPT_NAME.search(name.split(".")[-1]):
            sites.extend(values)
    for name, values in b.returns.items():
        if V.PROMPT_NAME.search(name):
            sites.extend(values)
    for node in b.nodes:
        if isinstance(node, ast.Dict):
            keys = [k for k in node.keys if k is not None]
            constant = {k.value for k in keys if isinstance(k, ast.Constant)}
            computed = len(constant) < len(keys)
            if "role" in constant or (computed and role_key):
                sites.extend(v for v in node.values)
            # a prompt-like key's value: a row of a persona table
            sites.extend(v for k, v in zip(node.keys, node.values) if isinstance(k, ast.Constant) and isinstance(k.value, str) and V.PROMPT_NAME.search(k.value))
            if ({"name", "description"} <= constant and constant & V.TOOL_SCHEMA_KEYS) or (computed and schema_keys):
                sites.append(node)
        elif isinstance(node, ast.Tuple) and len(node.elts) == 2:
            first = node.elts[0]
            if (first.value in roles) if isinstance(first, ast.Constant) else bool(literals & roles):
                sites.append(node.elts[1])
    web = {a.name.split(".")[0] for n in b.nodes if isinstance(n, ast.Import) for a in n.names}
    web |= {n.module.split(".")[0] for n in b.nodes if isinstance(n, ast.ImportFrom) and n.module and not n.level}
    if web & set(V.WEB_FRAMEWORKS):  # pages: what functions return, what HTML responses show
        sites.extend(value for values in b.returns.values() for value in values)
        for call in b.calls:
            if _dotted_name(call.func).split(".")[-1] in V.HTML_RESPONSE_CALLS:
                sites.extend(call.args)
                sites.extend(k.value for k in call.keywords)
    if console:
        names = _console_names(b)
        for call in b.calls:
            if _dotted_name(call.func).split(".")[-1] in names:
                sites.extend(call.args)
                sites.extend(k.value for k in call.keywords)
    return sites


def _route_calls_out(views: Views) -> bool:
    """Does a function with a route decorator (`@app.post(...)`) call a name the file
    imports? extract/python.py leaves such a route for flow.py, which follows the call."""
    from .extract import vocabulary as V

    if not any(f".{method}" in views.code for method in V.ROUTE_METHODS):
        return False
    try:
        tree = _syntax_tree(views.source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return True
    imported: Set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            imported |= {a.asname or a.name.split(".")[0] for a in node.names}
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        routed = any(
            _dotted_name(d.func if isinstance(d, ast.Call) else d).split(".")[-1] in V.ROUTE_METHODS
            for d in node.decorator_list
        )
        if routed and any(
            isinstance(call, ast.Call) and _dotted_name(call.func).split(".")[0] in imported for call in ast.walk(node)
        ):
            return True
    return False


def _console_names(b: _Bindings) -> Set[str]:
    """print, input and their kin, and the names they are called by (`say = print`,
    `from click import prompt as ask`)."""
    names = set(_console_words())
    for node in b.nodes:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {a.asname for a in node.names if a.asname and a.name.split(".")[-1] in names}
    changed = True
    while changed:
        grown = {n.split(".")[-1] for n, vs in b.assigned.items() if any(_dotted_name(v).split(".")[-1] in names for v in vs)}
        changed = not grown <= names
        names |= grown
    return names


def _reached(sites: List[ast.AST], b: _Bindings) -> List[str]:
    """Every string constant in the sites, following names and calls as the extractor does
    (further: every call to a function of the file, to what it returns)."""
    out: List[str] = []
    for node in _reached_nodes(sites, b):
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str):
                out.append(node.value)
        elif isinstance(node, ast.JoinedStr):  # and as the extractor puts it together
            out.append(_assembled(node, b))
    return out


def _reached_nodes(sites: List[ast.AST], b: _Bindings) -> Iterable[ast.AST]:
    """Every node in the sites, and in what their names and calls stand for, as
    `_reached` follows them."""
    followed: Set[str] = set()
    pending = list(sites)
    while pending:
        for node in ast.walk(pending.pop()):
            yield node
            if isinstance(node, ast.Constant):
                continue
            if isinstance(node, ast.Call):
                callee = "()" + _dotted_name(node.func).split(".")[-1]
                if callee not in followed:
                    followed.add(callee)
                    pending.extend(b.returns.get(callee[2:], ()))
            if isinstance(node, (ast.Name, ast.Attribute)):
                name = _dotted_name(node)
                if name and name not in followed:
                    followed.add(name)
                    pending.extend(b.value_of(name))



def _assembled(node: ast.JoinedStr, b: "_Bindings") -> str:
    """An f-string's text with each value that is a name bound to one literal filled in,
    as extract/python.py's `string_value` fills it (else a placeholder)."""
    parts: List[str] = []
    for value in node.values:
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            parts.append(value.value)
            continue
        inner = value.value if isinstance(value, ast.FormattedValue) else value
        bound = b.value_of(_dotted_name(inner)) if isinstance(inner, (ast.Name, ast.Attribute)) else []
        if len(bound) == 1 and isinstance(bound[0], ast.Constant) and isinstance(bound[0].value, str):
            parts.append(bound[0].value)
        else:
            parts.append("{…}")
    return "".join(parts)


def _dotted_name(node: object) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted_name(node.value)
        return f"{base}.{node.attr}" if base else ""
    if isinstance(node, ast.Starred):
        return _dotted_name(node.value)
    return ""


# Where a name is bound, what stands around it: before it on its line `def `, indentation
# alone or `= `; after it `(` or `=` (an annotation between).
_BINDING_BEFORE = r"(?:\bdef\s+|^[ \t]*|=[ \t]*)"
_BINDING_AFTER = r"[ \t]*(?:\(|(?::[^=\n]*)?=(?!=))"
_BOUND = compile_pattern(_BINDING_BEFORE + r"([A-Za-z_][\w.]*)" + _BINDING_AFTER, re.MULTILINE)


@dataclass(frozen=True)
class _BindsName:
    """Does the folded text bind a name holding one of these stems (`SYSTEM_PROMPT = `,
    `a = prompt = `, `def build_prompt(`)? Searched for by the stem, the only literal part,
    and then what stands before it on its line (a search for the whole would try every
    line start)."""

    stems: str  # an alternation of escaped words

    @functools.cached_property
    def _named(self) -> "re.Pattern[str]":
        return compile_pattern(r"(?:%s)\w*" % self.stems + _BINDING_AFTER)

    def __call__(self, text: str) -> bool:
        for match in self._named.finditer(text):
            line = text.rfind("\n", 0, match.start()) + 1
            if _BINDS_BEFORE.search(text, line, match.start()):
                return True
        return False


# What stands before a bound name on its line, then the dotted name up to the stem.
_BINDS_BEFORE = compile_pattern(_BINDING_BEFORE + r"[\w.]*\Z", re.MULTILINE)


def _binds_prompt_name(views: Views) -> bool:
    """A prompt-like name is assigned (`SYSTEM_PROMPT = ...`, `a = prompt = ...`) or names a
    function (`def build_prompt():`): the places extract/python.py reads prompts from.

    `_BOUND` tries every line start; so it runs only on the lines where a word every prompt
    name holds stands (`_prompt_stems`), found in one search of the folded code."""
    from .extract import vocabulary as V

    code = views.code
    looked: Set[int] = set()
    for hit in _prompt_stems().finditer(fold(code)):
        line = code.rfind("\n", 0, hit.start()) + 1
        if line in looked:
            continue
        looked.add(line)
        end = code.find("\n", hit.end())
        for bound in _BOUND.finditer(code, line, len(code) if end < 0 else end):
            if V.PROMPT_NAME.search(bound.group(1).split(".")[-1]):
                return True
    return False


@functools.lru_cache(maxsize=None)
def _console_words() -> FrozenSet[str]:
    """The names console output is called by, as the extractor knows them: print, input
    and the last part of each prompt function (`click.prompt`, `Prompt.ask`)."""
    from .extract import vocabulary as V

    return frozenset({"print", "input"} | {c.split(".")[-1] for c in V.CONSOLE_INPUT_CALLEES})


@functools.lru_cache(maxsize=None)
def _read_call() -> "re.Pattern[str]":
    """A call that reads a file's text: `.read(`, `.read_text(`."""
    from .extract import vocabulary as V

    return compile_pattern(r"\.\s*(?:%s)\s*\(" % "|".join(sorted(V.READS)))


@functools.lru_cache(maxsize=None)
def _prompt_stems() -> "re.Pattern[str]":
    """The words one of which every prompt-like name holds, lower-case (`required_words`)."""
    from .extract import vocabulary as V

    stems = sorted({t.text for c in required_words(V.PROMPT_NAME, CODE) for t in c})
    return compile_pattern("|".join(re.escape(stem) for stem in stems))


def _passes_system_keyword(views: Views) -> bool:
    """`system=...` as a keyword argument: after `(` or `,`, in the code."""
    from .extract import vocabulary as V

    names = "|".join(re.escape(k) for k in sorted(V.SYSTEM_PROMPT_KWARGS))
    return re.search(r"[(,]\s*(?:%s)\s*=(?!=)" % names, views.code) is not None


def _literal_key(word: str) -> Tuple[str, ...]:
    """`"role": ...` (a dict key), `("system", ...)` (a tuple's first item), or the literal
    bound to a name that code may use so (`ROLE = "role"`)."""
    quoted = r"""%s(?<=["']%s)["']""" % (re.escape(word), re.escape(word))
    return (quoted + r"\s*[:,]", r"""=\s*[rbuf]?["']%s["']""" % re.escape(word))


def python_prefilter(phrases: TextPhrases) -> LanguagePrefilter:
    """What a Python file must say for extract/python.py to find a fact in it."""
    from . import extract
    from .extract import vocabulary as V

    triggers: List[Trigger] = []

    def add(reason: str, *clauses: Clause, **options: object) -> None:
        triggers.append(Trigger(reason, tuple(c for c in clauses if c), **options))  # type: ignore[arg-type]

    # Facts in the code: SDK and messaging imports, model calls, chat surfaces, UI texts.
    for module, reason in import_roots().items():
        first, *rest = module.split(".")
        add(f"{reason} {module}", words(first, where=CODE), *_dotted(".".join(rest)), context=_import_statement([first]))
    for provider, pattern in V.MODEL_CALL_PATTERNS + V.UNRESOLVED_CALL_PATTERNS:
        add(f"model call ({provider})", *required_words(pattern, CODE))
    add("messages.create(model=..., messages=...)", *required_words(V.MESSAGES_CREATE, CODE), words("model", word=True, where=CODE))
    add("transformers.pipeline(...)", words("transformers", where=CODE), words("pipeline", where=CODE))
    roots = _callee_roots(V.HTTP_POST_CALLEES)
    client = words(*roots, word=True, where=CODE)
    for label, pattern in V.MODEL_ENDPOINTS + V.VOICE_ENDPOINTS:
        add(f"HTTP call to a {label} endpoint", client, *required_words(pattern, TEXT), context=_import_statement(roots))
    for platform, pattern, _ in V.PLATFORM_SEND_ENDPOINTS:
        add(f"HTTP call to {platform}'s send API", client, *required_words(pattern, TEXT), context=_import_statement(roots))
    twilio = [words(key, word=True, where=TEXT) for key in sorted(V.TWILIO_MESSAGE_KEYS)]
    add("HTTP post of a message to Twilio's Messages API", client, *twilio, context=_import_statement(roots))
    hint = tuple(t for c in required_words(V.OLLAMA_HINT, TEXT) for t in c) + words("model", word=True, where=TEXT)
    add("HTTP call to Ollama", client, *required_words(V.OLLAMA_PATHS, TEXT), hint, context=_import_statement(roots))
    payload = [words(key, word=True, where=TEXT) for key in sorted(V.CHAT_PAYLOAD_KEYS)]
    add("HTTP post of a chat request", client, *payload, context=_import_statement(roots))
    for dotted in sorted(V.STREAMLIT_CHAT | V.GRADIO_CHAT):
        add(f"chat UI {dotted}", *_dotted(dotted))
    ui_roots = {d.split(".")[0] for d in V.STREAMLIT_CHAT | V.GRADIO_CHAT}
    for name, kind, pattern in V.HANDLER_DECORATORS:
        add(f"{name} {kind} handler", *required_words(pattern, CODE))
        if kind == "chat-ui":  # a chat UI library shows its own texts (chainlit's Message)
            ui_roots.add(name)
    for root in sorted(ui_roots):
        add(f"texts shown by {root}", words(root, where=CODE))
    for label, pattern in (("telegram", V.TELEGRAM_HANDLERS), ("twilio", V.TWILIO_RESPONSES), ("discord", V.DISCORD_EVENT)):
        add(f"{label} handler", *required_words(pattern, CODE))
    for module in sorted(V.LIBRARY_CALL_MODULES):
        writers = (
            (words(*V.EMAIL_WRITER_WORDS, word=True, where=CODE), words(*sorted(V.EMAIL_SENDS), word=True, where=CODE))
            if module == "email" else ()
        )
        add(f"calls into {module}", words(module, word=True, where=CODE), *writers)
    for module in phrases.modules:  # twitchio, from `livestream-modules`
        if re.fullmatch(r"[A-Za-z_][\w.]*", module):
            first = module.split(".")[0]
            add(f"import of {module}", words(first, word=True, where=CODE), context=_import_statement([first]))
    # A document shown on the console (`print(open("about.md").read())`): its words are in
    # another file, and it is shown wherever it is printed.
    console = sorted(_console_words())
    shown = (
        words(*console, word=True, where=CODE),
        words(*sorted({c.split(".")[-1].lower() for c in V.OPENERS}), word=True, where=CODE),
        words(*sorted(V.READS), word=True, where=CODE),
    )
    for suffix in sorted(extract.DOCUMENT_SUFFIXES):
        # Searched for by its suffix (`.md"`), unless that is only common letters (`.rst`).
        name = suffix.lstrip(".")
        clause = words(name, word=True, where=TEXT) if set(name) - set("etaoinsrhldcu") else ()
        add(f"a {suffix} document shown on the console", clause, *shown,
            context=(r"""%s["']""" % re.escape(suffix),), check=_prints_a_file, anchor=0 if clause else -1)
    # A Markdown or HTML page written with what another module's function returns (a digest
    # summarised elsewhere): flow.py decides whether that is the model's answer.
    writes = words(*sorted(V.WRITES), word=True, where=CODE)
    for suffix in V.PUBLISHED_SUFFIXES:
        add(f"a {suffix} page written", writes, words(suffix.lstrip("."), word=True, where=TEXT),
            context=(r"""%s["']""" % re.escape(suffix),), check=_writes_imported)
    # Places that take text: prompts, assistant messages, console output.
    prompt_words = required_words(V.PROMPT_NAME, CODE)
    # Bound, not only mentioned: `SYSTEM_PROMPT = ...`, `def build_prompt(`.
    binding = (_BindsName(_prompt_stems().pattern),)
    add("a prompt-like name", *prompt_words, means=TEXTS, context=binding, check=_binds_prompt_name)
    # A dict's prompt-like key: a row of a persona table (`{"name": ..., "prompt": "You are ..."}`).
    key = r"""["'][\w]*(?:%s)[\w]*["']\s*:""" % _prompt_stems().pattern
    add("a prompt-like key", tuple(Term(t.text, False, TEXT) for c in prompt_words for t in c), means=TEXTS, context=(key,))
    # One trigger per word, so a file with the word checks only its own context.
    for keyword in sorted(V.SYSTEM_PROMPT_KWARGS):
        add(f"a {keyword}= keyword", words(keyword, word=True, where=CODE), means=TEXTS,
            context=(r"%s\s*=(?!=)" % re.escape(keyword),), check=_passes_system_keyword)
    for role in sorted({"role"} | V.SYSTEM_ROLES | V.USER_ROLES):
        add(f"a {role!r} key or role", words(role, word=True, where=TEXT), means=TEXTS, context=_literal_key(role))
    for key in sorted(V.TOOL_SCHEMA_KEYS):
        add(f"a tool schema's {key!r}", words(key, word=True, where=TEXT), means=TEXTS, context=_literal_key(key))
    add("console output", words(*console, word=True, where=CODE), means=CONSOLE)
    for root in sorted(V.WEB_FRAMEWORKS):  # an HTML page a route returns or renders
        add(f"a {root} page", words(root, word=True, where=CODE), means=TEXTS, context=_import_statement([root]))
        # A route that calls a function of another module, which may ask a model (flow.py).
        add(f"a {root} route calling another module", words(root, word=True, where=CODE),
            context=_import_statement([root]), check=_route_calls_out)
    return LanguagePrefilter(tuple(triggers), python_views, python_text_sites, python_borrowed_text)


# Prefilters of extractor modules that cannot declare their own without importing the
# extractor itself (python.py), which a scan the prefilter spares never needs.
BUILTIN: Dict[str, Callable[[TextPhrases], Union[LanguagePrefilter, Iterable[Trigger]]]] = {
    "complint.extract.python": python_prefilter,
}


# --------------------------------------------------------------------------- the pack


def text_phrases(pack: "Pack", lexicon: Callable[[str], Sequence[str]]) -> TextPhrases:
    """The phrases that can make a text matter, from every lexicon that is no qualifier.

    Lexicons that categories use only as `mentions` (which make a text about a use, not a
    use), `decisions` or `scores` (which need code acting on a model's answer) count no more than
    lexicons marked `qualifies`. A category's `subjects` and `actions` count together, a phrase of each in
    the texts of one file; the actions alone when a declared domain may supply the
    subject. `lexicon(name)` gives a lexicon's phrases as the checks see them (configured
    extra phrases included).
    """
    roles: Dict[str, Set[str]] = {}
    categories = [c for spec in pack.checks.values() for c in getattr(spec, "categories", ())]
    for category in categories:
        for role, names in category.lexicons:
            for name in names:
                roles.setdefault(name, set()).add(role)
    skipped = {n for n, lex in pack.lexicons.items() if lex.qualifies or roles.get(n, {"uses"}) <= {"mentions", "decisions", "scores"}}
    entries: List[Tuple[str, Tuple[PhraseWords, ...], Tuple[str, ...]]] = []

    def needs(name: str) -> Iterator[Tuple[str, ...]]:
        """The phrases each match of the lexicon needs: a phrase, an act's verb and object,
        or a frame's must word."""
        for phrase in lexicon(name):
            yield (phrase,)
        for act in pack.lexicons[name].acts:
            yield act.needs()
        for frame in pack.lexicons[name].frames:
            for phrase in frame.must_phrases():
                yield (phrase,)

    words: Dict[str, PhraseWords] = {}  # an act's phrases recur with every subject

    def add(reason: str, needed: Tuple[str, ...]) -> None:
        parts = tuple(words[p] if p in words else words.setdefault(p, phrase_words(p)) for p in needed)
        if all(parts):
            entries.append((f"{reason}: {' with '.join(map(repr, needed))}", parts, needed))

    for name in sorted(pack.lexicons):
        if name not in skipped:
            for needed in needs(name):
                add(name, needed)
    for category in categories:
        actions = [a for a in category.role("actions") if a in skipped]
        if category.domain:
            for name in actions:
                for needed in needs(name):
                    add(name, needed)
            continue
        for subject_name in [s for s in category.role("subjects") if s in skipped]:
            subjects = list(lexicon(subject_name))
            for action_name in actions:
                for action in needs(action_name):
                    for subject in subjects:
                        add(f"{subject_name} with {action_name}", (subject,) + action)
    modules = tuple(sorted({p for name in pack.lexicons if name.endswith(MODULE_LEXICONS) for p in lexicon(name)}))
    return TextPhrases(tuple(dict.fromkeys(entries)), modules)


@dataclass
class Prefilter:
    """Per extractor module, whether a file's text deserves a parse.

    `console`: the scan found a console chat loop, so console output matters too.
    """

    phrases: TextPhrases
    console: bool = False
    _matchers: Dict[str, Optional[Matcher]] = field(default_factory=dict)

    def matcher(self, module_name: str) -> Optional[Matcher]:
        if module_name not in self._matchers:
            self._matchers[module_name] = self._build(module_name)
        return self._matchers[module_name]

    def _build(self, module_name: str) -> Optional[Matcher]:
        declare = BUILTIN.get(module_name)
        if declare is None:
            declare = getattr(importlib.import_module(module_name), "PREFILTER", None)
        if declare is None:
            return None  # this kind of file is always parsed
        key = _matcher_key(self.phrases, module_name, self.console)
        kept = _kept_matcher(key, self.phrases) if key else None
        if kept is not None:
            return kept
        matcher = self._work_out(declare)
        if key:
            _keep_matcher(key, matcher)
        return matcher

    def _work_out(self, declare: Callable[[TextPhrases], Union[LanguagePrefilter, Iterable[Trigger]]]) -> Matcher:
        declared = declare(self.phrases)
        if not isinstance(declared, LanguagePrefilter):
            declared = LanguagePrefilter(tuple(declared))
        triggers = tuple(t for t in declared.triggers if self.console or t.means != CONSOLE)
        marker = Trigger("a complint: comment", (words(SUPPRESSION_MARKER),), second_look=False)
        spec = dataclasses.replace(declared, triggers=triggers + (marker,))
        return Matcher(spec, self.phrases)

    def reason_to_parse(self, module_name: str, text: str) -> Optional[str]:
        """Why the file must be parsed, or None when it cannot give a fact that matters."""
        matcher = self.matcher(module_name)
        if matcher is None:
            return "no prefilter for this kind of file"
        return matcher.reason_to_parse(text)


# The matchers built for one set of phrases, kept beside complint's bytecode as the phrases
# are (parallel.py): building the Python one (its triggers from the extractor's tables, the
# words each expression needs, the anchors) took 10-20 ms of every process that prefilters a
# file, for what complint's code and the phrases decide. One file, for the phrases of one
# pack and configuration: a key that differs (another pack, configuration, complint or
# Python) finds nothing, and the next matcher kept replaces the file. Each matcher is kept
# without its phrases (the same as the process has) and its compiled expressions
# (`patterns` restores them); a file that is damaged, foreign or unreadable means building.
_KEPT_MATCHERS = "prefilter-matchers.pickle"
_MATCHERS_FORMAT = 1


def _matcher_key(phrases: TextPhrases, module_name: str, console: bool) -> str:
    if not phrases.key:
        return ""
    import sys

    return "\0".join((str(_MATCHERS_FORMAT), sys.implementation.cache_tag or "", derived._code_digest(), phrases.key, module_name, str(console)))


def _kept_matchers() -> Tuple[str, Dict[str, bytes]]:
    """The phrases' key the kept matchers were built for, and each matcher by its key."""
    import pickle

    from .files import read_regular
    from .patterns import beside_bytecode, unsealed

    path = beside_bytecode(_KEPT_MATCHERS)
    try:
        body = unsealed(read_regular(path)) if path is not None else None
        if body is not None:
            phrases_key, table = pickle.loads(body)
            if isinstance(phrases_key, str) and isinstance(table, dict):
                return phrases_key, table
    except Exception:  # absent or damaged: built, and kept anew
        pass
    return "", {}


def _kept_matcher(key: str, phrases: TextPhrases) -> Optional[Matcher]:
    """The matcher kept for `key`, with `phrases` (those it was built for); None when none is."""
    import pickle

    phrases_key, table = _kept_matchers()
    state = table.get(key) if phrases_key == phrases.key else None
    if not isinstance(state, bytes):
        return None
    try:
        matcher = Matcher.__new__(Matcher)
        matcher.__dict__.update(pickle.loads(state))
        matcher.phrases = phrases
        matcher._compile_searches()
    except Exception:  # damaged in a way the checksum missed, or foreign: built again
        return None
    return matcher


def _keep_matcher(key: str, matcher: Matcher) -> None:
    import pickle

    from .patterns import beside_bytecode, keep, sealed

    state = {k: v for k, v in matcher.__dict__.items() if k not in ("phrases", "_regexes", "_searches")}
    try:
        data = pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # something that cannot be pickled: built in every process, as before
        return
    phrases_key, table = _kept_matchers()
    if phrases_key != matcher.phrases.key:
        table = {}  # another pack, configuration or complint's: replaced
    table[key] = data
    keep(beside_bytecode(_KEPT_MATCHERS), sealed(pickle.dumps((matcher.phrases.key, table), protocol=pickle.HIGHEST_PROTOCOL)))
