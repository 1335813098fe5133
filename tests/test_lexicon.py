"""Lexicons: a text that cannot hold a phrase is never searched, and no phrase is missed."""

from __future__ import annotations

import itertools
import json
import re

import pytest

from complint.phrases import Act, fold, phrase_pieces
from complint.policy import Lexicon, PolicyError, load_pack

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


def test_a_phrase_without_a_part_an_anchor_is_cut_from_disables_the_shortcut():
    # Anchors are cut from ASCII, Cyrillic, and Chinese, Japanese or Korean; Greek is none.
    lexicon = Lexicon("t", ["{αίτηση|δάνειο}"])
    assert lexicon.could_match("anything at all")
    assert lexicon.find("η ΑΊΤΗΣΗ μου") == "ΑΊΤΗΣΗ"


def test_a_cyrillic_phrase_keeps_the_shortcut_in_either_case():
    lexicon = Lexicon("t", ["{заявка|кредит}"])
    assert not lexicon.could_match("anything at all")
    assert lexicon.could_match("моя ЗАЯВКА")
    assert lexicon.find("моя ЗАЯВКА") == "ЗАЯВКА"


# --------------------------------------------------------------------------- acts


def test_an_act_with_unless_is_taken_back_in_that_sentence_only():
    act = Act(["be", "act as"], ["therapist"], window=3, unless=["role-play", "in character"])
    lexicon = Lexicon("t", [], acts=[act])
    assert lexicon.find("You are a therapist in a role-play about a haunted house.") is None
    assert lexicon.find("Stay in character. Act as a licensed therapist for the user.") == "Act as … therapist"
    assert lexicon.find("You are a calm therapist.") == "are … therapist"


def test_an_act_in_either_order_finds_the_object_before_its_verb():
    act = Act(["make", "obtain"], ["nerve agent"], window=6, either_order=True)
    lexicon = Lexicon("t", [], acts=[act])
    assert lexicon.find("List nerve agents that anyone could make in a garage.") == "nerve agents … make"
    assert lexicon.find("Explain how to obtain a nerve agent.") == "obtain … nerve agent"
    # Still one clause, and still the window.
    assert lexicon.find("Nerve agents were banned in 1997. Make a timeline of treaties.") is None
    assert Lexicon("t", [], acts=[Act(["make"], ["nerve agent"])]).find("nerve agents you can make") is None
    # A prefilter needs a word of each side, in whichever order they stand.
    verbs, objects = act.needs()
    assert "make" in verbs.strip("{}").split("|") and objects == "{nerve}"


@pytest.mark.parametrize(
    "entry,error",
    [
        ({"verbs": ["a"], "objects": ["b"], "either-order": "yes"}, "either-order: expected true or false"),
        ({"verbs": ["a"], "objects": ["b"], "unless": "c"}, "unless: expected a list"),
        ({"verbs": ["a"], "objects": ["b"], "unlesss": ["c"]}, "unknown key 'unlesss'"),
    ],
)
def test_a_broken_act_is_an_error_naming_the_key(tmp_path, entry, error):
    (tmp_path / "pack.yaml").write_text("name: t\nversion: '1'\npolicy:\n  title: P\n  text: policy.txt\n", encoding="utf-8")
    (tmp_path / "policy.txt").write_text("Nothing.\n", encoding="utf-8")
    (tmp_path / "s.yaml").write_text(
        "section: s\ntitle: S\nchecks: []\nlexicons:\n  words:\n    acts: [" + json.dumps(entry) + "]\n", encoding="utf-8")
    with pytest.raises(PolicyError, match=re.escape(error)):
        load_pack(tmp_path)


@pytest.mark.parametrize(
    "verbs,objects,text",
    [
        # The head choice of an object takes its plural, of a verb its other forms.
        (["create", "write"], ["{persuasive|viral} {post|blog post}"], "Create persuasive blog posts about it."),
        (["{argue|explain} that"], ["a hoax"], "He keeps arguing that it is a hoax."),
        (["review"], ["{a|the} {losing|open} position"], "Review the open positions each morning."),
        (["tell"], ["{a|the} patient"], "Tell the patients to wait."),
    ],
)
def test_an_act_written_with_choices_still_reads_its_head_in_any_form(verbs, objects, text):
    assert list(Act(verbs, objects).matches(text))


def test_a_choice_that_is_not_the_head_is_taken_as_written():
    act = Act(["find"], ["{which|what} patient"])
    assert list(act.matches("find which patient")) and not list(act.matches("find whiches patient"))


def test_anchors_in_names_the_words_a_text_holds_so_its_parts_without_them_are_skipped():
    lexicon = Lexicon("t", ["medical advice", "{symptom|symptoms}"])
    assert "symptom" in lexicon.anchors_in("Tell me about your Symptoms.")
    assert lexicon.anchors_in("Nothing to see here.") == ()
    assert Lexicon("t", ["{é|è}"]).anchors_in("anything") is None  # no ASCII anchor: every part is searched


def test_first_words_of_every_act_phrase_are_those_of_its_spellings():
    """`first_words` follows a phrase piece by piece; spelling every text out (hundreds for
    an object of a few choices in a row) must give the same words, for every phrase of
    every act of the pack, and for phrases whose first word runs across pieces."""
    import re

    from complint.phrases import first_words, fold, phrase_spellings
    from complint.policy import load_pack

    word = re.compile(r"\w+")

    def spelled(phrase):
        return frozenset(word.findall(fold(s))[0] for s in phrase_spellings(phrase) if word.search(s))

    phrases = {p for lexicon in load_pack().lexicons.values() for act in lexicon.acts for p in (*act.verbs, *act.objects)}
    assert len(phrases) > 500
    phrases |= {"pre{fix|view|} {the|a} thing", "{|un}safe", "{a |}{b|c}d e", "{İstanbul|Straße} trip", " {x|} {|y} z"}
    for phrase in sorted(phrases):
        assert first_words(phrase) == spelled(phrase), phrase


def test_the_words_of_texts_read_in_turn_are_worked_out_once(monkeypatch):
    """Every act of every lexicon reads a project's texts in turn: each text's words are
    worked out once while the texts read last hold less than `_WORDS_KEPT` characters,
    and they are the words worked out afresh."""
    from complint import phrases

    def forget():
        monkeypatch.setattr(phrases, "_kept_words", phrases.OrderedDict())
        monkeypatch.setattr(phrases, "_kept_size", [0])

    forget()
    texts = [f"Write {n} fake reviews for the İstanbul shop, then post them." for n in range(5)]
    first = [phrases._words(t) for t in texts]
    again = [phrases._words(t) for t in reversed(texts)][::-1]
    assert all(a is b for a, b in zip(first, again))
    forget()
    assert [phrases._words(t) for t in texts] == first
    forget()
    monkeypatch.setattr(phrases, "_WORDS_KEPT", len(texts[0]) * 2)
    for text in texts:
        phrases._words(text)
    assert list(phrases._kept_words) == texts[-2:]  # the oldest went first


def test_find_answers_again_without_searching_and_keeps_a_bounded_number(monkeypatch):
    import complint.policy as policy

    lexicon = Lexicon("test-words", ["generated by AI", "{fake|glowing} reviews"], negations=["not"])
    texts = ["This answer was generated by AI.", "It was not generated by AI.", "Write glowing reviews", "Nothing"]
    first = [lexicon.find(t) for t in texts]
    assert first == ["generated by AI", None, "glowing reviews", None]

    def searched(self, text):
        raise AssertionError(f"searched {text!r} again")

    monkeypatch.setattr(Lexicon, "matches", searched)
    assert [lexicon.find(t) for t in texts] == first
    monkeypatch.undo()
    monkeypatch.setattr(policy, "_FOUND_KEPT", 3)
    fresh = Lexicon("test-words", ["generated by AI", "{fake|glowing} reviews"], negations=["not"])
    assert [fresh.find(t) for t in texts] == first
    assert len(fresh._found) <= 3
