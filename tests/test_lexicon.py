"""Lexicons: a text that cannot hold a phrase is never searched, and no phrase is missed."""

from __future__ import annotations

import itertools

import pytest

from complint.phrases import fold, phrase_pieces
from complint.policy import Lexicon, load_pack

PACK = load_pack()


def spellings(phrase: str, limit: int = 8):
    """Some of the texts a phrase stands for: every choice of its first pieces."""
    pieces = phrase_pieces(phrase)
    for combination in itertools.islice(itertools.product(*pieces), limit):
        yield " ".join("".join(combination).split())


@pytest.mark.parametrize("name", sorted(PACK.lexicons))
def test_every_spelling_of_every_phrase_could_match_and_does(name):
    lexicon = Lexicon(name, PACK.lexicons[name].phrases)  # no negations: every match counts
    for phrase in lexicon.phrases:
        for text in spellings(phrase):
            for shown in (text, text.upper(), f"Note: {text.title()}!"):
                assert lexicon.could_match(shown), (phrase, shown)
                assert lexicon.find(shown) is not None, (phrase, shown)


def test_a_text_without_the_words_is_not_searched():
    lexicon = Lexicon("t", ["{write|generate} fake reviews", "astroturf"])
    assert not lexicon.could_match("A recipe assistant for busy cooks.")
    assert "pattern" not in lexicon.__dict__  # nothing was compiled for it
    assert lexicon.find("Write 5 fake reviews") is None  # a number between: not this phrase
    assert lexicon.find("please GENERATE fake reviews") == "GENERATE fake reviews"


def test_case_folding_that_lower_misses_still_counts():
    # A case-insensitive search takes the dotless i, the dotted capital I and the long s
    # for ASCII letters; the shortcut must not skip such a text.
    lexicon = Lexicon("t", ["disclaimer", "ai assistant"])
    for text in ("DİSCLAİMER", "dısclaımer", "diſclaimer", "AI aſſiſtant"):
        assert lexicon.could_match(text) and lexicon.find(text), text
    assert fold("İſı") == "isi"


def test_a_word_glued_to_a_choice_still_anchors_the_shortcut():
    lexicon = Lexicon("t", ["{un|}safe", "don’t {diagnose|treat}"])
    assert not lexicon.could_match("anything at all")  # every match holds "safe" or "don"
    assert lexicon.find("an UNSAFE plan") == "UNSAFE"
    assert lexicon.find("I DON’T TREAT") == "DON’T TREAT"


def test_a_phrase_without_an_ascii_part_disables_the_shortcut():
    lexicon = Lexicon("t", ["{заявка|кредит}"])
    assert lexicon.could_match("anything at all")
    assert lexicon.find("моя ЗАЯВКА") == "ЗАЯВКА"
