"""A long text is searched only around its anchor words (`Lexicon._ranges`): the matches
must be exactly those of a search of the whole text, for every lexicon of the pack."""

from __future__ import annotations

import random
import time

import pytest

from complint.policy import _MANY_TEXTS, Lexicon, load_pack
from complint.phrases import phrase_pieces

PACK = load_pack()
# Separators that make a search slow or test the ranges' edges: runs of white space and of
# punctuation, words glued to the phrases, capitals that fold.
NOISE = [" ", "  ", "\n", "\n\n", "\t", "-", "---", ".", ", ", "(", ")", "x", "said", "AI", "İ", "ſ", "_", "é"]


def _sample(phrase: str, rng: random.Random) -> str:
    """One spelling of a phrase, in random case, with random white space between words."""
    out = []
    for piece in phrase_pieces(phrase):
        choice = rng.choice(piece)
        out.append(choice)
    text = "".join(out)
    words = text.split()
    gaps = [rng.choice([" ", "  ", "\n", " \t "]) for _ in words]
    text = "".join(w + g for w, g in zip(words, gaps)).strip()
    return "".join(c.upper() if rng.random() < 0.2 else c for c in text)


def _text(lexicon: Lexicon, rng: random.Random, length: int) -> str:
    parts = []
    size = 0
    while size < length:
        if lexicon.phrases and rng.random() < 0.3:
            part = _sample(rng.choice(lexicon.phrases), rng)
        elif rng.random() < 0.05:
            part = rng.choice(["-", " ", "=", "\n"]) * rng.randrange(50, 3000)
        else:
            part = rng.choice(NOISE)
        parts.append(part)
        size += len(part)
    return "".join(parts)


def _whole(lexicon: Lexicon, text: str):
    return [(m.start(), m.end(), m.group(0)) for m in lexicon.pattern.finditer(text)
            if not lexicon._negated_at(text, m.start())]


@pytest.mark.parametrize("name", sorted(n for n, lx in PACK.lexicons.items() if lx.phrases))
def test_ranges_find_what_the_whole_text_holds(name: str) -> None:
    lexicon = PACK.lexicons[name]
    plain = Lexicon(lexicon.name, lexicon.phrases, lexicon.negations)  # phrases only: acts apart
    rng = random.Random(name)
    for _ in range(3):
        text = _text(plain, rng, rng.choice([3000, 12000]))
        assert [(m.start(), m.end(), m.group(0)) for m in plain.matches(text)] == _whole(plain, text)


def test_a_long_text_with_anchors_is_searched_only_around_them() -> None:
    # A declared use of 160 KB: one word a lexicon needs, then a run of dashes. Searched
    # whole, every lexicon whose anchor it holds tried the pattern at every dash.
    text = "explaining medical terms" + "-" * 160_000 + " and more medical terms" + " " * 160_000
    lexicons = [lx for lx in PACK.lexicons.values() if lx.phrases and lx.could_match(text)]
    assert lexicons
    for lexicon in lexicons:  # compiled first: the budget is for the searching
        lexicon.pattern
    started = time.process_time()  # CPU time: a loaded machine or a parallel test run does not count
    for lexicon in lexicons:
        list(lexicon.matches(text))
    assert time.process_time() - started < 1.0
    assert lexicons[0]._ranges(text) != [(0, len(text))]


@pytest.mark.parametrize("name", sorted(PACK.lexicons))
def test_could_match_is_a_test_for_any_anchor_word(name: str) -> None:
    """A lexicon asked about many short texts looks for all its anchor words with one
    search: it must say what a substring test of each word says."""
    from complint.phrases import fold

    packed = PACK.lexicon(name)
    lexicon = Lexicon(packed.name, packed.phrases, acts=packed.acts, frames=packed.frames)
    anchors = lexicon._anchors
    rng = random.Random(name)
    short = 0
    while short < _MANY_TEXTS + 40:
        text = _text(lexicon, rng, rng.randrange(0, 300))[:2048]  # short texts: `_ranges` reads long ones
        short += 1
        expected = anchors is None or any(word in fold(text) for word in anchors)
        assert lexicon.could_match(text) == expected, text
    assert anchors is None or not anchors or "_anchor_pattern" in vars(lexicon)  # the search was made and used


def test_a_lexicon_without_phrases_could_match_nothing() -> None:
    empty = Lexicon("empty", ())
    empty._texts_asked = _MANY_TEXTS
    assert empty._anchors == () and not empty.could_match("anything at all")


def test_a_lexicon_asked_about_few_texts_makes_no_search() -> None:
    lexicon = Lexicon("few", ("chatting with an AI",))
    assert lexicon.could_match("You are chatting with an AI") and not lexicon.could_match("Hello")
    assert "_anchor_pattern" not in vars(lexicon)
