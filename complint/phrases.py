"""The phrase grammar of lexicons: words, `{a|b}` choices and `{a|}` optional words.

Lexicon phrases are matched as whole words, case-insensitively, any run of white space
between words. A choice keeps long lists readable: `{write|generate} {five-star|fake}
reviews` is four phrases, compiled as one regular expression rather than expanded.
"""

from __future__ import annotations

import functools
import re
from collections import OrderedDict
from typing import Any, Callable, Dict, FrozenSet, Iterator, List, Optional, Sequence, Set, Tuple

from . import derived
from .patterns import compile as compile_pattern

# Scripts written without spaces between words (Chinese, Japanese kana and kanji) or with
# particles glued to their words (Korean Hangul): a phrase in them is found inside a longer
# run of them, and a Latin word beside them ("AI助手") stands apart. So each run of these
# characters is a word of its own for the word indexes, and none of them is a character a
# whole-word match must not touch.
CJK = "\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
# A character that continues a word: a word character that is not one of those scripts'.
WORD_CHAR = "[^\\W%s]" % CJK
# A word for the word indexes: a run of word characters, a run of those scripts apart.
WORD_PATTERN = "%s+|[%s]+" % (WORD_CHAR, CJK)
# Their character classes hold whole scripts: `re` takes milliseconds to compile them, so
# they come from the store of compiled patterns (patterns.py), as the lexicons do.
HAS_CJK = compile_pattern("[%s]" % CJK)
_ASCII_WORD = re.compile(r"\w+")
_CUT_WORD = compile_pattern(WORD_PATTERN)


def word_pattern(text: str) -> "re.Pattern[str]":
    """`WORD_PATTERN` compiled, for cutting `text` into words: plain `\\w+` for an ASCII text,
    which it cuts alike and 1.4 times as fast (the prefilter cuts every file it looks at)."""
    return _ASCII_WORD if text.isascii() else _CUT_WORD

_PIECES = re.compile(r"\{([^{}]*)\}|([^{}]+)|([{}])")


def phrase_pieces(phrase: str) -> List[Tuple[str, ...]]:
    """A phrase as pieces: text is a 1-tuple, `{a|b|}` a tuple of choices ("" = optional).
    Worked out once per phrase (the pack's checks, its anchors and its expressions each
    ask); raises ValueError for a phrase with stray braces or only optional words."""
    return list(_pieces(phrase))


@functools.lru_cache(maxsize=8192)
def _pieces(phrase: str) -> Tuple[Tuple[str, ...], ...]:
    """`phrase_pieces`, kept.

    A space beside an optional choice moves inside it, so `x {a|} y` and `x {a |}y` are
    the same phrase: "x a y" or "x y".
    """
    pieces: List[Tuple[str, ...]] = []
    for group, text, stray in (m.groups() for m in _PIECES.finditer(phrase)):
        if stray:
            raise ValueError(f"{phrase!r}: unbalanced braces")
        pieces.append(tuple(group.split("|")) if group is not None else (text,))
    for i, piece in enumerate(pieces):
        if len(piece) < 2 or "" not in piece:
            continue
        after = pieces[i + 1][0] if i + 1 < len(pieces) and len(pieces[i + 1]) == 1 else ""
        before = pieces[i - 1][0] if i > 0 and len(pieces[i - 1]) == 1 else ""
        if after[:1].isspace():
            pieces[i] = tuple(c + " " if c else c for c in piece)
            pieces[i + 1] = (after.lstrip(),)
        elif before[-1:].isspace() and i + 1 == len(pieces):
            pieces[i] = tuple(" " + c if c else c for c in piece)
            pieces[i - 1] = (before.rstrip(),)
    if not any("" not in piece and any(c.strip() for c in piece) for piece in pieces):
        raise ValueError(f"{phrase!r}: every word is optional")
    return tuple(pieces)


def phrase_clauses(phrase: str) -> Tuple[Tuple[str, ...], ...]:
    """Words every match of the phrase contains: one tuple per word, any of its spellings.

    For a prefilter: a text without one word of each tuple cannot match the phrase.
    Words glued to a choice (`{un|}safe`) and optional choices are left out.
    """
    clauses: List[Tuple[str, ...]] = []
    tokens: List[List[Tuple[str, ...]]] = [[]]
    for piece in phrase_pieces(phrase):
        if len(piece) == 1:
            parts = _SPACES.split(piece[0])
            for part in parts:
                if part.isspace():
                    tokens.append([])
                elif part:
                    tokens[-1].append((part,))
        elif "" in piece and any(c != c.strip() for c in piece):
            tokens.append([])  # an optional word: `a {licensed |}professional` is "a", "professional"
        else:
            tokens[-1].append(piece)
    for token in tokens:
        if len(token) != 1 or "" in token[0]:
            continue
        words = [c.split() for c in token[0]]
        if all(words):
            clauses.append(tuple(dict.fromkeys(max(w, key=len).lower() for w in words)))
    return tuple(clauses)


# White space, kept by a split: a phrase's words and what stands between them.
_SPACES = re.compile(r"(\s+)")


def _text_regex(text: str, gap: str) -> str:
    return "".join(gap if part.isspace() else re.escape(part) for part in _SPACES.split(text) if part)


def phrase_regex(phrase: str, gap: str = r"\s+") -> str:
    """The phrase as a regular expression (without the whole-word guards around it);
    `gap`: what may stand between two words."""
    try:
        pieces = phrase_pieces(phrase.strip())
    except ValueError:  # a configured phrase (packs are checked when loaded): braces are text
        return _text_regex(" ".join(phrase.split()), gap)
    out = []
    for piece in pieces:
        if len(piece) == 1:
            out.append(_text_regex(piece[0], gap))
        else:
            # Longest first, so the match (and the phrase reported) takes an optional word.
            out.append("(?:%s)" % "|".join(_text_regex(c, gap) for c in sorted(piece, key=len, reverse=True)))
    return "".join(out)


def phrases_pattern(phrases: Sequence[str], gap: str = r"\s+") -> str:
    """Phrases as one regular expression, matched as whole words (compile it with
    re.IGNORECASE). Longest first, so "generated by AI" wins over "AI" in the reported
    phrase. Kept (derived.py): a lexicon's expression is thousands of phrases written out,
    a few hundredths of a second each time, and the compiled pattern is found by its text."""
    return _phrases_pattern(tuple(phrases), gap)


@derived.kept("pattern", each=True)
def _phrases_pattern(phrases: Tuple[str, ...], gap: str) -> str:
    parts = "|".join(phrase_regex(phrase, gap) for phrase in sorted(phrases, key=len, reverse=True))
    # First, the characters a phrase can start with: the engine tries every phrase of an
    # alternation in turn at each place it could start (a case-insensitive one has no quick
    # test of its first character), so a place no phrase starts with is passed over at once
    # (a lexicon's search took 0.55-0.75 of the time). Only where they can be worked out.
    first = first_characters("(?:%s)" % parts)
    ahead = "(?=[%s])" % "".join(re.escape(c) for c in first) if first else ""
    # A whole word: no word character touches it, but where its own edge is a character of a
    # script without spaces ("你是" right before "Elon Musk").
    return r"%s(?:(?<!%s)|(?=[%s]))(?:%s)(?:(?!%s)|(?<=[%s]))" % (ahead, WORD_CHAR, CJK, parts, WORD_CHAR, CJK)


# At most this many first characters make the test at the start of a lexicon's expression.
_MAX_FIRST = 512


class _Unknown(Exception):
    """A part of an expression whose first character `first_characters` does not work out."""


def first_characters(source: str) -> Optional[Tuple[str, ...]]:
    """The characters every match of `source` starts with one of, as written in it (a search
    that ignores case takes them so too), sorted; None when they cannot be worked out (a
    character class by category, any character, a back reference) or are too many, or
    when `source` can match nothing at all. Read from the parsed expression: its first
    literal or class, through groups, alternatives, repeats and zero-width assertions."""
    try:
        from re import _constants as codes  # type: ignore[attr-defined]
        from re import _parser as parser  # type: ignore[attr-defined]
    except ImportError:  # Python < 3.11
        import sre_constants as codes  # type: ignore[no-redef]
        import sre_parse as parser  # type: ignore[no-redef]

    repeats = {codes.MAX_REPEAT, codes.MIN_REPEAT, getattr(codes, "POSSESSIVE_REPEAT", codes.MAX_REPEAT)}
    zero_width = {codes.AT, codes.ASSERT, codes.ASSERT_NOT}

    def sequence(items: Any) -> Tuple[Set[int], bool]:
        found: Set[int] = set()
        for op, av in items:
            chars, empty = item(op, av)
            found |= chars
            if len(found) > _MAX_FIRST:
                raise _Unknown
            if not empty:
                return found, False
        return found, True

    def item(op: Any, av: Any) -> Tuple[Set[int], bool]:
        if op is codes.LITERAL:
            return {av}, False
        if op is codes.IN:
            chars: Set[int] = set()
            for kind, value in av:
                if kind is codes.LITERAL:
                    chars.add(value)
                elif kind is codes.RANGE and value[1] - value[0] < _MAX_FIRST:
                    chars.update(range(value[0], value[1] + 1))
                else:
                    raise _Unknown
            return chars, False
        if op is codes.SUBPATTERN:
            _, add_flags, del_flags, inner = av
            if add_flags or del_flags:
                raise _Unknown
            return sequence(inner.data)
        if op is codes.BRANCH:
            chars, empty = set(), False
            for alternative in av[1]:
                got, can_be_empty = sequence(alternative.data)
                chars |= got
                empty = empty or can_be_empty
            return chars, empty
        if op in repeats:
            low, _, inner = av
            got, can_be_empty = sequence(inner.data)
            return got, can_be_empty or low == 0
        if op in zero_width:
            return set(), True
        raise _Unknown

    try:
        chars, empty = sequence(parser.parse(source).data)
    except (_Unknown, re.error, RecursionError):
        return None
    return tuple(chr(c) for c in sorted(chars)) if chars and not empty else None


# Characters that a case-insensitive search takes for an ASCII letter but `str.lower`
# does not turn into one: the dotted capital I (which it makes "i" and a combining dot),
# the dotless i and the long s; and the old Cyrillic letter forms it takes for в, д, о, с, т,
# ъ (lexicons' anchors are cut from Cyrillic too).
_FOLD = (
    ("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"),
    ("\u1c80", "в"), ("\u1c81", "д"), ("\u1c82", "о"), ("\u1c83", "с"), ("\u1c84", "т"), ("\u1c85", "т"),
    ("\u1c86", "ъ"), ("\u1c87", "ѣ"), ("\u1c88", "ꙋ"),
)


def fold(text: str) -> str:
    """`text` lower-cased so that a case-sensitive search for a lower-case word (ASCII or
    Cyrillic) finds every place a case-insensitive one would (terms and contexts are
    lower-case ASCII; lexicons' anchors may be Cyrillic)."""
    if not text.isascii():
        for odd, plain in _FOLD:  # str.replace, not str.translate: ten times faster
            if odd in text:
                text = text.replace(odd, plain)
    return text.lower()


# --------------------------------------------------------------------------- acts

Span = Tuple[int, int]

# Where a clause ends for an act: a sentence's end, a blank line, or a new list item (a
# prompt wraps its lines anywhere, so a plain newline does not end one).
CLAUSE_END = re.compile(r"[.!?;](?=\s|$)|\n\s*\n|\n(?=[ \t]*(?:[-*•]|\d+[.)])\s)")
_GAP_WORD = re.compile(r"\w+(?:['’-]\w+)*")

# English verbs whose forms no suffix rule makes.
_IRREGULAR = {
    "be": ("is", "are", "was", "were", "been", "being", "am"),
    "give": ("gave", "given"),
    "write": ("wrote", "written"),
    "tell": ("told",),
    "send": ("sent",),
    "make": ("made",),
    "take": ("took", "taken"),
    "find": ("found",),
    "run": ("ran",),
    "choose": ("chose", "chosen"),
    "get": ("got", "gotten"),
    "come": ("came",),
    "say": ("said",),
    "draw": ("drew", "drawn"),
    "put": (),
    "set": (),
    "shut": (),
    "cut": (),
}


def inflections(word: str) -> Tuple[str, ...]:
    """A word and its English inflections, over-generated rather than missed: the -s, -ed
    and -ing forms of a verb, the plural of a noun ("remedy": remedies, remedied, ...).
    Forms that are no words cost nothing: no text holds them."""
    w = word.lower()
    if not w[-1:].isalpha():
        return (word,)
    forms = [w]
    vowels = "aeiou"
    if w.endswith("y") and len(w) > 2 and w[-2] not in vowels:
        forms += [w[:-1] + "ies", w[:-1] + "ied", w + "ing"]
    elif w.endswith(("s", "x", "z", "ch", "sh")):
        forms += [w + "es", w + "ed", w + "ing"]
    elif w.endswith("ee"):
        forms += [w + "s", w + "d", w + "ing"]
    elif w.endswith("e"):
        forms += [w + "s", w + "d", w[:-1] + "ing"]
    else:
        forms += [w + "s", w + "ed", w + "ing"]
        if len(w) > 2 and w[-1] not in vowels + "wxy" and w[-2] in vowels and w[-3] not in vowels:
            forms += [w + w[-1] + "ed", w + w[-1] + "ing"]  # set: setting; control: controlled
    forms += _IRREGULAR.get(w, ())
    return tuple(dict.fromkeys(forms))


@derived.kept("inflected")
def inflected_phrase(entry: str, head: int) -> str:
    """An entry of an act as a phrase whose head word (0: first, a verb's; -1: last, a
    noun's) may take any of its forms: "figure out" is "{figure|figures|figured|figuring}
    out". In an entry written with choices, a choice that is its head takes the forms of
    each of its words ("{persuasive|viral} {post|essay}": posts, essays); choices elsewhere
    (`{which|what} condition`, `{a|the} {stay|visit} of`) are taken as written."""
    if "{" in entry or "}" in entry:
        return _inflected_choice(entry, head)
    words = entry.split()
    if not words:
        return entry
    words[head] = "{%s}" % "|".join(inflections(words[head]))
    return " ".join(words)


def _inflected_choice(entry: str, head: int) -> str:
    try:
        pieces = phrase_pieces(entry.strip())
    except ValueError:
        return entry
    if not pieces:
        return entry
    end = pieces[head]
    if len(end) == 1:  # the head is plain text after or before the choices: "{a|the} patient"
        text = end[0]
        words = text.split()
        if not words or text[head if head == 0 else len(text) - 1].isspace():
            return entry
        words[head] = "{%s}" % "|".join(inflections(words[head]))
        plain = " ".join(words)
        if text[:1].isspace():
            plain = " " + plain
        if text[-1:].isspace():
            plain += " "
        pieces = list(pieces)
        return _joined(pieces[:-1] if head == -1 else pieces[1:], plain, head)
    if "" in end or any(not c.strip() or c != c.strip() for c in end):
        return entry
    forms: List[str] = []
    for choice in end:
        words = choice.split()
        for form in inflections(words[head]):
            words[head] = form
            forms.append(" ".join(words))
    group = "{%s}" % "|".join(dict.fromkeys(forms))
    return _joined(list(pieces[:-1] if head == -1 else pieces[1:]), group, head)


def _joined(rest: List[Tuple[str, ...]], head_text: str, head: int) -> str:
    """The pieces written back as a phrase, the head (already text) first or last."""
    body = "".join(p[0] if len(p) == 1 else "{%s}" % "|".join(p) for p in rest)
    return head_text + body if head == 0 else body + head_text


class Act:
    """A verb and its object in one clause, at most `window` words apart ("tell the user
    which condition"), each from a class of synonyms in any of their forms; with
    `context`, a phrase of it must stand in the same sentence ("write ... reviews" + "post
    them on Google"), or within `context_reach` characters of it. A negation or a `not-between` word between the two breaks the link
    ("write replies to reviews"). With `unless`, a phrase of it in the act's sentence
    takes the act back ("act as a therapist in a role-play": a character, not a
    practice). With `either_order`, the object may also come first ("agents that are
    easy to make")."""

    def __init__(
        self,
        verbs: Sequence[str],
        objects: Sequence[str],
        context: Sequence[str] = (),
        window: int = 6,
        not_between: Sequence[str] = (),
        context_reach: int = 0,
        unless: Sequence[str] = (),
        either_order: bool = False,
    ) -> None:
        self.verbs = tuple(inflected_phrase(v, 0) for v in verbs)
        self.objects = tuple(inflected_phrase(o, -1) for o in objects)
        self.context = tuple(context)
        self.window = window
        self.not_between = frozenset(w.lower() for w in not_between)
        self.context_reach = context_reach  # characters either side; 0: the act's sentence
        self.unless = tuple(unless)
        self.either_order = either_order

    @functools.cached_property
    def _mirror(self) -> "Act":
        """The same act read object first: its objects as the verbs to look for, and back."""
        mirror = Act.__new__(Act)
        mirror.verbs, mirror.objects = self.objects, self.verbs
        mirror.context, mirror.unless, mirror.either_order = (), (), False
        mirror.window, mirror.not_between, mirror.context_reach = self.window, self.not_between, 0
        return mirror

    @functools.cached_property
    def _verb(self) -> "re.Pattern[str]":
        from . import patterns

        return patterns.compile(phrases_pattern(self.verbs), re.IGNORECASE)

    @functools.cached_property
    def _object(self) -> "re.Pattern[str]":
        from . import patterns

        return patterns.compile(phrases_pattern(self.objects), re.IGNORECASE)

    @functools.cached_property
    def _context(self) -> Optional["re.Pattern[str]"]:
        from . import patterns

        return patterns.compile(phrases_pattern(self.context), re.IGNORECASE) if self.context else None

    @functools.cached_property
    def _unless(self) -> Optional["re.Pattern[str]"]:
        from . import patterns

        return patterns.compile(phrases_pattern(self.unless), re.IGNORECASE) if self.unless else None

    @functools.cached_property
    def _first_words(self) -> Tuple[FrozenSet[str], FrozenSet[str]]:
        """The words a verb, and an object, can start with (folded): a text is searched
        word by word, and the expressions tried only where one stands."""
        return (first_words_of(self.verbs), first_words_of(self.objects))

    def matches(self, text: str, negations: FrozenSet[str] = frozenset()) -> Iterator[Tuple[Tuple[Span, Span], str]]:
        """Each verb and its object in `text`: where they stand, and the words that decided it."""
        found = list(self._pairs(text, negations))
        if self.either_order:
            found += self._mirror._pairs(text, negations)
        for (first, second), said in found:
            if self._unless is not None and self._sentence_has(self._unless, text, first[0], second[1]):
                continue
            if self._context is not None:
                context = self._context_in(text, first[0], second[1])
                if context is None:
                    continue
                said += f" (+ \"{context}\")"
            yield (first, second), said

    def _pairs(self, text: str, negations: FrozenSet[str]) -> Iterator[Tuple[Tuple[Span, Span], str]]:
        """Each verb and the object after it, in one clause and within the window."""
        reach = self.window * 16 + 40  # characters: `window` words of any usual length
        starts, words, where = _words(text)
        verbs, objects = self._first_words
        # The word tests run in C (`map`, `filter`): an act has hundreds of first words.
        if not any(map(where.__contains__, objects)):
            return
        for i in sorted(i for word in filter(where.__contains__, verbs) for i in where[word]):
            verb = self._verb.match(text, starts[i])
            if verb is None:
                continue
            stop = CLAUSE_END.search(text, verb.end(), verb.end() + reach)
            tail_end = stop.start() if stop is not None else min(len(text), verb.end() + reach)
            found = self._object_after(text, starts, words, i, verb.end(), tail_end)
            if found is None:
                continue
            gap = [w.lower() for w in _GAP_WORD.findall(text, verb.end(), found.start())]
            if len(gap) > self.window or not self.not_between.isdisjoint(gap) or not negations.isdisjoint(gap):
                continue
            said = f"{verb.group(0)} … {found.group(0)}" if gap else f"{verb.group(0)} {found.group(0)}"
            yield (verb.span(), found.span()), said

    def _object_after(
        self, text: str, starts: List[int], words: List[str], i: int, begin: int, end: int
    ) -> Optional["re.Match[str]"]:
        """The first object in text[begin:end], unless another verb stands before it (the
        verb nearest an object is its verb)."""
        verbs, objects = self._first_words
        for j in range(i + 1, len(words)):
            if starts[j] >= end:
                return None
            if starts[j] < begin:
                continue
            if words[j] in objects:
                found = self._object.match(text, starts[j], end)
                if found is not None:
                    return found
            if words[j] in verbs and self._verb.match(text, starts[j], end):
                return None
        return None

    def _context_in(self, text: str, start: int, end: int) -> Optional[str]:
        """A context phrase in the sentence around text[start:end]."""
        assert self._context is not None
        if self.context_reach:
            near = self._context.search(text, max(0, start - self.context_reach), end + self.context_reach)
            return near.group(0) if near is not None else None
        begin, finish = _sentence_around(text, start, end)
        found = self._context.search(text, begin, finish)
        return found.group(0) if found is not None else None

    @staticmethod
    def _sentence_has(pattern: "re.Pattern[str]", text: str, start: int, end: int) -> bool:
        begin, finish = _sentence_around(text, start, end)
        return pattern.search(text, begin, finish) is not None

    def needs(self) -> Tuple[str, str]:
        """For a prefilter: what a match needs, the first word of a verb and of an object,
        each as one phrase: a choice of those words."""
        return tuple("{%s}" % "|".join(sorted(words)) for words in self._first_words)  # type: ignore[return-value]


class Frame:
    """What an app does, read from its mechanics rather than one phrase: words of several
    classes near each other ("blackjack" a game, "wager" a stake, "2x payout" a payout,
    "satoshis" real money), at least `needs` classes, every `must` class among them, all
    within `reach` characters of the first must class's word. Each class is a list of
    phrases (forms as written: `{wager|wagers}`); a phrase right after a negation of the
    lexicon's ("no deposits") does not count, and with `unless`, a phrase of it in the
    sentence of the first must word takes the match back ("a news report on ..."). A match
    stands at that word; its parts are the words that decided it, one per class. With
    `unquoted`, that word inside double quotes on its line does not count: a question quoted
    in a prompt (`task: "should I invest in apple stocks?"`) is an example of what users may
    send, not what the prompt asks the model to do."""

    unquoted = False

    def __init__(
        self, classes: Sequence[Tuple[str, Sequence[str]]], must: Sequence[str], needs: int, reach: int = 400,
        unless: Sequence[str] = (), unquoted: bool = False,
    ) -> None:
        self.classes = tuple((name, tuple(phrases)) for name, phrases in classes)
        self.must = tuple(must)
        self.needs = needs
        self.reach = reach
        self.unless = tuple(unless)
        self.unquoted = unquoted

    @functools.cached_property
    def _patterns(self) -> Tuple[Tuple[str, "re.Pattern[str]", FrozenSet[str]], ...]:
        from . import patterns

        return tuple(
            (name, patterns.compile(phrases_pattern(phrases), re.IGNORECASE), frozenset(w for p in phrases for w in first_words(p)))
            for name, phrases in self.classes
        )

    @functools.cached_property
    def _unless(self) -> Optional["re.Pattern[str]"]:
        from . import patterns

        return patterns.compile(phrases_pattern(self.unless), re.IGNORECASE) if self.unless else None

    def must_phrases(self) -> Tuple[str, ...]:
        """The phrases of the first must class: every match holds one (for a prefilter)."""
        return next(phrases for name, phrases in self.classes if name == self.must[0])

    def matches(self, text: str, negated: "Callable[[str, int], bool]") -> Iterator[Tuple[Tuple[Span, ...], str]]:
        """Each word of the first must class with enough classes around it: the parts (that
        word first) and the words that decided it ("coin flip + stakes + pays out")."""
        _, _, where = _words(text)
        found: Dict[str, List[Tuple[Span, str]]] = {}
        for name, pattern, firsts in self._patterns:
            if firsts.isdisjoint(where):
                if name in self.must:
                    return
                continue
            spans = [(m.span(), m.group(0)) for m in pattern.finditer(text) if not negated(text, m.start())]
            if spans:
                found[name] = spans
            elif name in self.must:
                return
        if len(found) < self.needs:
            return
        for span, said in found[self.must[0]]:
            if self.unquoted and _quoted(text, span[0], span[1]):
                continue
            parts, words, classes = [span], [said], {self.must[0]}
            for name, spans in found.items():
                near = [s for s in spans if span[0] - self.reach <= s[0][0] and s[0][1] <= span[1] + self.reach]
                if name in classes or not near:
                    continue
                best = min(near, key=lambda s: abs(s[0][0] - span[0]))
                parts.append(best[0])
                words.append(best[1])
                classes.add(name)
            if len(parts) < self.needs or not classes.issuperset(self.must):
                continue
            if self._unless is not None and Act._sentence_has(self._unless, text, span[0], span[1]):
                continue
            yield tuple(parts), " + ".join(words)


_CLOSING_QUOTES = ('"', "\u201d")


def _quoted(text: str, start: int, end: int) -> bool:
    """Is text[start:end] inside double quotes (straight or curly) that open and close on its line?"""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = text[line_start:start]
    after = text[end : len(text) if line_end < 0 else line_end]
    opened = before.count('"') % 2 == 1 or before.rfind("\u201c") > before.rfind("\u201d")
    return opened and any(q in after for q in _CLOSING_QUOTES)


def _sentence_around(text: str, start: int, end: int) -> Span:
    """The clause around text[start:end], reading at most 300 characters either side."""
    before = text[max(0, start - 300) : start]
    cut = None
    for cut in CLAUSE_END.finditer(before):
        pass
    begin = start - len(before) + (cut.end() if cut is not None else 0)
    after = text[end : end + 300]
    stop = CLAUSE_END.search(after)
    return begin, end + (stop.start() if stop is not None else len(after))


_WORD = _CUT_WORD
Words = Tuple[List[int], List[str], Dict[str, List[int]]]
# The words of the texts read last, by text, newest last, up to `_WORDS_KEPT` characters of
# them: every act of every lexicon reads the same texts in turn (lexicon by lexicon, each
# over a project's passages), and one text kept was found again once in thirty.
_kept_words: "OrderedDict[str, Words]" = OrderedDict()
_WORDS_KEPT = 1 << 20
_kept_size = [0]


def _words(text: str) -> Words:
    """Where each word of the text starts, the word folded, and where each word stands
    (its numbers); kept for the texts read last."""
    known = _kept_words.get(text)
    if known is not None:
        _kept_words.move_to_end(text)
        return known
    folded = fold(text)
    if len(folded) != len(text):  # a letter whose lower case is longer: fold word by word
        pairs = [(m.start(), fold(m.group())) for m in word_pattern(text).finditer(text)]
    else:
        pairs = [(m.start(), m.group()) for m in word_pattern(folded).finditer(folded)]
    starts, words = [p[0] for p in pairs], [p[1] for p in pairs]
    where: Dict[str, List[int]] = {}
    for number, word in enumerate(words):
        where.setdefault(word, []).append(number)
    found = _kept_words[text] = (starts, words, where)
    _kept_size[0] += len(text)
    while _kept_size[0] > _WORDS_KEPT and len(_kept_words) > 1:
        _kept_size[0] -= len(_kept_words.popitem(last=False)[0])
    return found


@derived.kept("first-words-of", each=True)
def first_words_of(phrases: Tuple[str, ...]) -> FrozenSet[str]:
    """The words any of `phrases` can start with (folded), kept as one answer: an act's
    verbs and objects are hundreds of phrases, and looking each one's words up in the
    store again was a few per cent of a prompt-heavy app's cold scan."""
    return frozenset(word for p in phrases for word in first_words(p))


@derived.kept("first-words")
def first_words(phrase: str) -> FrozenSet[str]:
    """The first word (folded) of each text the phrase stands for, without spelling every
    one out: an object of a few choices in a row ("{their|your|...} {finances|money|...}")
    stands for hundreds of texts, and only their beginnings matter. A text is followed
    piece by piece until its first word is whole (a character that ends a word follows it)."""
    found: Set[str] = set()
    pending = {""}
    for piece in phrase_pieces(phrase):
        grown: Set[str] = set()
        for prefix in pending:
            for choice in piece:
                text = prefix + choice
                word = _WORD.search(text)
                if word is not None and word.end() < len(text):  # whole: something follows it
                    found.add(_WORD.findall(fold(text))[0])
                else:
                    grown.add(text)
        pending = grown
    for text in pending:  # the word runs to the end of the phrase
        words = _WORD.findall(fold(text))
        if words:
            found.add(words[0])
    return frozenset(found)


def phrase_spellings(phrase: str) -> List[str]:
    """Every text the phrase stands for, its choices spelt out ("{a|b} c": "a c", "b c")."""
    spellings = [""]
    for piece in phrase_pieces(phrase):
        spellings = [s + choice for s in spellings for choice in piece]
    return [" ".join(s.split()) for s in spellings if s.strip()]
