"""A lexicon's expression starts with the characters its phrases can start with
(phrases.first_characters): the same matches, found sooner."""

from __future__ import annotations

import random
import re

import pytest

from complint.phrases import (
    CJK,
    WORD_CHAR,
    first_characters,
    phrase_regex,
    phrases_pattern,
)
from complint.policy import load_pack

PACK = load_pack()


@pytest.mark.parametrize(
    "source, expected",
    [
        ("(?:abc|d(?:e|f))", ("a", "d")),
        ("(?:x?y)", ("x", "y")),
        ("(?:(?:ab|)c)", ("a", "c")),  # an optional first word: the next word's too
        ("(?:[a-c]x|Q)", ("Q", "a", "b", "c")),
        ("(?:(?=z)zz|\\bw)", ("w", "z")),  # assertions take no character
        ("(?:k{2,3}|m+)", ("k", "m")),
        ("(?:\\w+)", None),  # a class by category: unknown
        ("(?:.a)", None),
        ("(?:[^a]b)", None),
        ("(?:a*)", None),  # can match nothing: no first character
        ("(?:(?i:a)b)", None),  # its own flags
        ("(?:[\\u0000-\\uffff])", None),  # too many
    ],
)
def test_first_characters_of_an_expression(source, expected):
    assert first_characters(source) == expected


def _without_first(phrases, gap=r"\s+"):
    """The expression as it was written before it started with its first characters."""
    parts = "|".join(phrase_regex(p, gap) for p in sorted(phrases, key=len, reverse=True))
    return r"(?:(?<!%s)|(?=[%s]))(?:%s)(?:(?!%s)|(?<=[%s]))" % (WORD_CHAR, CJK, parts, WORD_CHAR, CJK)


# Characters a case-insensitive search takes for others: dotted and dotless i, long s, the
# Kelvin sign, sharp s, a ligature, Cyrillic and Greek look-alikes, scripts without spaces.
_ODD = ["İ", "ı", "ſ", "\u212a", "ß", "ẞ", "ﬁ", "Ω", "ω", "\u2126", "Ѐ", "ё", "你是", "ＡＩ", "'", "’", "-", "#", "@", "\n"]


def _texts(phrases, rng):
    spelled = []
    for phrase in phrases:
        text = re.sub(r"\{([^{}]*)\}", lambda m: rng.choice(m.group(1).split("|")), phrase)
        spelled.append("".join(c.upper() if rng.random() < 0.3 else c for c in text))
    rng.shuffle(spelled)
    glues = [" ", ", ", ". ", "\n", " x", "a ", *_ODD]
    whole = "".join(s + rng.choice(glues) for s in spelled)
    return [whole, whole.lower(), whole.upper(), "".join(rng.choice(_ODD + [" ", "a", "s", "i", "k"]) for _ in range(300))]


@pytest.mark.parametrize("name", sorted(PACK.lexicons))
def test_every_lexicon_finds_the_same_matches_as_without_its_first_characters(name):
    lexicon = PACK.lexicons[name]
    rng = random.Random(name)
    expressions = [lexicon.phrases] + [p for act in lexicon.acts for p in (act.verbs, act.objects)]
    for phrases in expressions:
        if not phrases:
            continue
        old = re.compile(_without_first(phrases), re.IGNORECASE)
        new = re.compile(phrases_pattern(phrases), re.IGNORECASE)
        for text in _texts(phrases, rng):
            assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]
            for start in range(0, len(text), 97):  # as acts use them: a match where a word stands
                found, before = new.match(text, start), old.match(text, start)
                assert (found and found.span()) == (before and before.span())


def test_most_lexicons_of_the_pack_start_with_their_first_characters():
    starting = [n for n, lex in PACK.lexicons.items() if lex.phrases and phrases_pattern(lex.phrases).startswith("(?=[")]
    assert len(starting) >= 0.8 * len([lex for lex in PACK.lexicons.values() if lex.phrases])
