"""What complint works out from its pack's phrases is kept beside its bytecode
(complint/derived.py): the same values as worked out afresh, a damaged or foreign store is
worked out again, and nothing is written where Python writes no bytecode."""

from __future__ import annotations

import sys

import pytest

from complint import derived, patterns
from complint.phrases import first_words, inflected_phrase, phrases_pattern
from complint.policy import load_pack, phrase_anchor


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    patterns.use(tmp_path)
    derived.forget()
    yield tmp_path
    patterns.use(patterns.DEFAULT_FOLDER)
    derived.forget()


def _pack_phrases():
    pack = load_pack()
    for lexicon in pack.lexicons.values():
        yield from lexicon.phrases
        for act in lexicon.acts:
            yield from act.verbs + act.objects


def test_kept_forms_are_the_forms_worked_out_afresh(store):
    phrases = sorted(set(_pack_phrases()))
    derived.forget()
    first = {p: (phrase_anchor(p), first_words(p)) for p in phrases}
    derived.save()
    assert derived.store_path().is_file()
    derived.forget()  # a new process: read from the store, which holds every phrase
    assert set(phrases) <= set(derived._tables()["anchor"]) and set(phrases) <= set(derived._tables()["first-words"])
    kept = {p: (phrase_anchor(p), first_words(p)) for p in phrases}
    assert not derived._state.changed  # nothing was worked out again
    assert kept == first
    assert kept == {p: (phrase_anchor.__wrapped__(p), first_words.__wrapped__(p)) for p in phrases}
    assert inflected_phrase("figure out", 0) == inflected_phrase.__wrapped__("figure out", 0)


def test_lexicon_expressions_are_kept_and_read_back_unchanged(store):
    """A lexicon's expression is thousands of phrases written out: a run reads it from the
    store instead (the compiled pattern is then found by its text)."""
    pack = load_pack()
    lists = [lexicon.phrases for lexicon in pack.lexicons.values() if lexicon.phrases]
    lists += [act.verbs for lexicon in pack.lexicons.values() for act in lexicon.acts]
    first = [phrases_pattern(p) for p in lists] + [phrases_pattern(["a {b|} c"], r"[ \t]+")]
    derived.save()
    derived.forget()  # a new process
    kept = [phrases_pattern(p) for p in lists] + [phrases_pattern(["a {b|} c"], r"[ \t]+")]
    assert not derived._state.changed  # every one was in the store
    assert kept == first
    fresh = phrases_pattern.__globals__["_phrases_pattern"].__wrapped__
    assert kept == [fresh(tuple(p), r"\s+") for p in lists] + [fresh(("a {b|} c",), r"[ \t]+")]


def test_the_words_a_prefilter_expression_needs_are_kept_and_read_back_unchanged(store):
    from complint import prefilter
    from complint.extract import vocabulary as V

    expressions = [p for _, p in V.MODEL_CALL_PATTERNS + V.UNRESOLVED_CALL_PATTERNS] + [V.PROMPT_NAME, V.MESSAGES_CREATE]
    first = [prefilter.required_words(p, prefilter.CODE) for p in expressions]
    derived.save()
    derived.forget()  # a new process
    kept = [prefilter.required_words(p, prefilter.CODE) for p in expressions]
    assert not derived._state.changed and set(derived._tables()["required-words"])
    assert kept == first and all(kept)
    fresh = prefilter._required_words.__wrapped__
    assert [c for p in expressions for c in fresh(p.pattern, int(p.flags))] == [
        tuple(t.text for t in clause) for clauses in kept for clause in clauses
    ]


def test_a_damaged_store_is_worked_out_again(store):
    phrase_anchor("write {fake|glowing} reviews")
    derived.save()
    path = derived.store_path()
    path.write_bytes(path.read_bytes()[:-7] + b"garbage")
    derived.forget()
    assert derived._tables() == {}  # its checksum fails: nothing of it is used
    assert phrase_anchor("write {fake|glowing} reviews") == ("reviews",)
    path.write_bytes(b"")
    derived.forget()
    assert first_words("{tell|show} the user") == frozenset({"tell", "show"})


def test_a_store_is_named_after_the_code_that_computes_it(store):
    assert derived._code_digest() in derived.store_path().name


def test_nothing_is_written_where_python_writes_no_bytecode(store, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    phrase_anchor("never written {here|there}")
    derived.save()
    assert not derived.store_path().exists()


def test_a_new_store_removes_those_of_past_code_and_nothing_else(store):
    """Every change to the code names a new store: the old ones go when it is written, but
    never a file of another form, another kind's store, a link or a folder."""
    past = store / "phrase-forms.0123456789abcdef.marshal"
    past.write_bytes(b"an older code's forms")
    others = [store / name for name in ("phrase-forms.notadigest.marshal", "phrase-forms.0123456789abcdef.marshal.bak",
                                        "checked-pack.1.0123456789abcdef.pickle", "mine.txt")]
    for other in others:
        other.write_bytes(b"not this store")
    (store / "phrase-forms.fedcba9876543210.marshal").mkdir()
    target = store / "elsewhere.marshal"
    target.write_bytes(b"a link's target")
    (store / "phrase-forms.aaaaaaaaaaaaaaaa.marshal").symlink_to(target)
    phrase_anchor("a phrase {never|not} seen before")
    derived.save()
    assert derived.store_path().is_file() and not past.exists()
    assert all(other.read_bytes() == b"not this store" for other in others)
    assert (store / "phrase-forms.fedcba9876543210.marshal").is_dir()
    assert (store / "phrase-forms.aaaaaaaaaaaaaaaa.marshal").is_symlink() and target.exists()


def test_a_table_is_read_only_when_asked_and_the_others_are_kept_as_they_were(store):
    phrase_anchor("write {fake|glowing} reviews")
    first_words("{tell|show} the user")
    derived.save()
    derived.forget()  # a new process
    assert phrase_anchor("write {fake|glowing} reviews") == ("reviews",)
    assert set(derived._state.tables) == {"anchor"} and "first-words" in derived._state.packed
    phrase_anchor("the rules of {chess|go}")  # something new: the store is written again
    derived.save()
    derived.forget()
    assert first_words("{tell|show} the user") == frozenset({"tell", "show"})
    assert not derived._state.changed  # the table not read was written back whole
    assert set(derived._tables()["anchor"]) == {"write {fake|glowing} reviews", "the rules of {chess|go}"}


def test_a_table_damaged_inside_a_whole_store_is_worked_out_again(store):
    import hashlib
    import marshal

    phrase_anchor("write {fake|glowing} reviews")
    first_words("{tell|show} the user")
    derived.save()
    path = derived.store_path()
    data = marshal.loads(path.read_bytes())
    body = b"\xff not marshal"
    data["tables"]["anchor"] = hashlib.sha256(body).digest()[:16] + body  # the checksum fits
    path.write_bytes(marshal.dumps(data))
    derived.forget()
    assert phrase_anchor("write {fake|glowing} reviews") == ("reviews",)
    assert first_words("{tell|show} the user") == frozenset({"tell", "show"})
    derived.save()  # written anew, whole
    derived.forget()
    assert set(derived._tables()["anchor"]) == {"write {fake|glowing} reviews"}


@pytest.mark.parametrize("where", [0, 20, -1])
def test_a_table_damaged_in_its_bytes_fails_its_own_checksum(store, where):
    import marshal

    phrase_anchor("write {fake|glowing} reviews")
    first_words("{tell|show} the user")
    derived.save()
    path = derived.store_path()
    data = marshal.loads(path.read_bytes())
    table = bytearray(data["tables"]["anchor"])
    table[where] ^= 0x20  # one bit flipped: in the checksum, or in the marshalled table
    data["tables"]["anchor"] = bytes(table)
    path.write_bytes(marshal.dumps(data))
    derived.forget()
    assert first_words("{tell|show} the user") == frozenset({"tell", "show"})
    assert not derived._state.changed  # the other table is whole
    assert phrase_anchor("write {fake|glowing} reviews") == ("reviews",)
    assert derived._state.changed  # the damaged one was worked out again


def test_a_table_of_results_kept_each_by_itself_reads_only_those_asked_for(store, monkeypatch):
    """Lexicon expressions (`kept(..., each=True)`): a scan asks for a few of hundreds, so
    each is unmarshalled only when asked, found by a digest of its arguments, which equal
    arguments built anew give too."""
    import marshal

    pack = load_pack()
    lists = [lexicon.phrases for lexicon in pack.lexicons.values() if lexicon.phrases]
    first = [phrases_pattern(p) for p in lists]
    derived.save()
    derived.forget()  # a new process
    table = derived._table("pattern")  # the table read: its results are not
    loaded = []
    real = marshal.loads

    def counted(data):
        loaded.append(len(data))
        return real(data)

    monkeypatch.setattr(marshal, "loads", counted)
    again = phrases_pattern(tuple(str(p) for p in lists[3]))  # equal phrases, other objects
    assert again == first[3] and not derived._state.changed
    assert len(table) >= len(lists) and all(isinstance(v, bytes) for v in table.values())
    assert loaded == [len(table[derived._digest((lists[3], r"\s+"))])]  # that one result alone
    monkeypatch.undo()
    key = next(iter(table))
    table[key] = b"\x00 damaged"  # a value damaged under a sound table checksum: worked out again
    assert [phrases_pattern(p) for p in lists] == first


def test_each_lexicons_anchors_and_each_acts_first_words_are_kept_whole_and_read_back_unchanged(store):
    """A lexicon's anchor words and an act's first words are kept as one answer each (a
    lexicon with acts has hundreds of phrases): the same as worked out phrase by phrase."""
    from complint.phrases import first_words_of
    from complint.policy import _anchors_of

    pack = load_pack()
    lists = [lexicon.phrases + tuple(o for act in lexicon.acts for o in act.objects) for lexicon in pack.lexicons.values()]
    acts = [phrases for lexicon in pack.lexicons.values() for act in lexicon.acts for phrases in (act.verbs, act.objects)]
    first = ([_anchors_of(p) for p in lists], [first_words_of(p) for p in acts])
    derived.save()
    derived.forget()  # a new process
    kept = ([_anchors_of(p) for p in lists], [first_words_of(p) for p in acts])
    assert not derived._state.changed  # every one was in the store
    assert kept == first
    assert kept[1] == [frozenset(w for phrase in p for w in first_words.__wrapped__(phrase)) for p in acts]
    fresh = []
    for phrases in lists:
        words = [phrase_anchor.__wrapped__(p) for p in phrases]
        fresh.append(None if None in words else tuple(dict.fromkeys(w for anchor in words for w in anchor)))
    assert kept[0] == fresh


def test_could_match_and_anchors_in_read_the_anchor_words_of_the_text():
    from complint.policy import Lexicon

    lexicon = Lexicon("t", ["medical advice", "{diagnose|treat} patients"], [])
    assert lexicon.anchors_in("Give MEDICAL tips to patients") == ("medical", "patients")
    assert lexicon.anchors_in("nothing here") == ()
    assert lexicon.could_match("Treat Patients kindly") and not lexicon.could_match("advice on taxes")
