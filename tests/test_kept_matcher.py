"""The prefilter's matcher, kept beside the bytecode (`prefilter._kept_matcher`): a matcher
read back decides as the one built would, and only for the phrases, console setting and
code it was built for; a damaged store costs a build, never a different answer."""

from __future__ import annotations

import pickle
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from complint import parallel, patterns
from complint import prefilter as P
from complint.config import load_config
from complint.policy import load_pack

REPO = Path(__file__).resolve().parent.parent
PYTHON = "complint.extract.python"

# Files at the prefilter's edges: a model call, words only in a comment, a prompt-like
# name bound to a text with a lexicon's phrase or without one, console output, a marker.
SOURCES = [
    "import openai\n",
    "# import openai\nx = 1\n",
    "from anthropic import Anthropic\nAnthropic().messages.create(model='m', messages=[])\n",
    "SYSTEM_PROMPT = 'You are a friendly tutor. Diagnose what illness the student has.'\n",
    "SYSTEM_PROMPT = 'Summarise the minutes of the meeting.'\n",
    "def build_prompt(name):\n    return f'Write a poem for {name}'\n",
    "while True:\n    print(input('> '))\n",
    "x = 1  # complint: ignore[CL201]\n",
    "messages = [{'role': 'system', 'content': 'You are a licensed therapist.'}]\n",
    "def add(a, b):\n    return a + b\n",
]


@pytest.fixture()
def store(tmp_path, monkeypatch):
    monkeypatch.setattr("sys.dont_write_bytecode", False)  # as where Python writes bytecode
    patterns.use(tmp_path)
    yield tmp_path / P._KEPT_MATCHERS
    patterns.use(patterns.DEFAULT_FOLDER)


@pytest.fixture(scope="module")
def phrases_of():
    pack = load_pack()

    def of(folder, config=None):
        return parallel._phrases(pack, config or load_config(folder))

    return of


def _never(phrases):
    raise AssertionError("built again")


def _answers(matcher):
    return [matcher.reason_to_parse(source) for source in SOURCES]


@pytest.mark.parametrize("console", [False, True])
def test_a_kept_matcher_decides_as_the_one_built(store, phrases_of, tmp_path, monkeypatch, console):
    phrases = phrases_of(tmp_path)
    assert phrases.key
    built = P.Prefilter(phrases, console=console).matcher(PYTHON)
    assert store.is_file()
    monkeypatch.setitem(P.BUILTIN, PYTHON, _never)  # read back, or this fails
    kept = P.Prefilter(phrases, console=console).matcher(PYTHON)
    assert kept is not built and kept.phrases is phrases
    assert kept._terms == built._terms and kept.triggers == built.triggers
    assert _answers(kept) == _answers(built)
    assert any(_answers(built)) and not all(_answers(built))


def test_another_console_setting_or_other_phrases_are_built(store, phrases_of, tmp_path, monkeypatch):
    phrases = phrases_of(tmp_path)
    P.Prefilter(phrases).matcher(PYTHON)
    built = []
    real = P.BUILTIN[PYTHON]
    monkeypatch.setitem(P.BUILTIN, PYTHON, lambda p: built.append(p) or real(p))
    P.Prefilter(phrases, console=True).matcher(PYTHON)  # console output counts: other triggers
    assert len(built) == 1
    config = replace(load_config(tmp_path), disclosure_extra_phrases=("made by robots",))
    other = phrases_of(tmp_path, config)
    assert other.key != phrases.key
    P.Prefilter(other).matcher(PYTHON)
    assert len(built) == 2
    # Phrases made without a key (not by a scan) are neither read back nor kept.
    P.Prefilter(P.TextPhrases(phrases.entries, phrases.modules)).matcher(PYTHON)
    assert len(built) == 3
    # The store holds one set of phrases' matchers: the last, `other`'s.
    kept_for, table = P._kept_matchers()
    assert kept_for == other.key and len(table) == 1


@pytest.mark.parametrize(
    "damage",
    [lambda raw: b"", lambda raw: raw[:-9], lambda raw: raw[:16] + b"\x80\x05 not a pickle", lambda raw: b"\0" * 16 + raw[16:]],
    ids=["empty", "truncated", "not-a-pickle", "bad-checksum"],
)
def test_a_damaged_store_costs_a_build_and_is_kept_anew(store, phrases_of, tmp_path, monkeypatch, damage):
    phrases = phrases_of(tmp_path)
    expected = _answers(P.Prefilter(phrases).matcher(PYTHON))
    store.write_bytes(damage(store.read_bytes()))
    assert _answers(P.Prefilter(phrases).matcher(PYTHON)) == expected
    monkeypatch.setitem(P.BUILTIN, PYTHON, _never)
    assert _answers(P.Prefilter(phrases).matcher(PYTHON)) == expected  # kept again, whole


def test_a_matcher_whose_state_cannot_be_read_back_is_built(store, phrases_of, tmp_path, monkeypatch):
    phrases = phrases_of(tmp_path)
    expected = _answers(P.Prefilter(phrases).matcher(PYTHON))
    kept_for, table = P._kept_matchers()
    table = {key: b"\x80\x05 damaged inside" for key in table}  # the checksum fits: written so
    patterns.keep(store, patterns.sealed(pickle.dumps((kept_for, table))))
    assert _answers(P.Prefilter(phrases).matcher(PYTHON)) == expected


def test_a_term_read_back_in_another_process_hashes_as_its_own_terms():
    """A string's hash differs between processes: a term kept with its hash would not be
    found among (or equal in a set to) the terms that process makes."""
    term = P.Term("openai", word=True, where=P.CODE)
    probe = (
        "import pickle, sys\nfrom complint.prefilter import Term, CODE\n"
        "kept = pickle.loads(sys.stdin.buffer.read())\n"
        "print(hash(kept) == hash(Term('openai', True, CODE)), kept in {Term('openai', True, CODE)})\n"
    )
    outputs = set()
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-c", probe], input=pickle.dumps(term), capture_output=True, cwd=REPO,
            env={"PYTHONPATH": str(REPO), "PYTHONHASHSEED": seed, "PATH": ""}, timeout=60,
        )
        outputs.add(done.stdout.decode().strip() or done.stderr.decode())
    assert outputs == {"True True"}


def test_keeping_the_phrases_removes_their_old_pickled_store(tmp_path, monkeypatch, phrases_of):
    monkeypatch.setattr("sys.dont_write_bytecode", False)
    patterns.use(tmp_path)
    try:
        (tmp_path / "prefilter-phrases.pickle").write_bytes(b"from an older complint")
        (tmp_path / "prefilter-phrases.pickle.bak").write_bytes(b"not ours")
        phrases_of(tmp_path)
        assert (tmp_path / parallel._KEPT_PHRASES).is_file()
        assert not (tmp_path / "prefilter-phrases.pickle").exists()
        assert (tmp_path / "prefilter-phrases.pickle.bak").exists()
    finally:
        patterns.use(patterns.DEFAULT_FOLDER)


def test_a_scan_reads_the_phrases_only_when_a_second_look_needs_them(store, phrases_of, tmp_path, monkeypatch):
    pack, config = load_pack(), load_config(tmp_path)
    eager = P.Prefilter(phrases_of(tmp_path, config)).matcher(PYTHON)  # builds and keeps the matcher
    made = []
    real = parallel._phrases
    monkeypatch.setattr(parallel, "_phrases", lambda *args: made.append(1) or real(*args))
    monkeypatch.setattr(parallel, "_prefilters", [])
    settings = parallel.Settings(True, parallel._deferred_phrases(pack, config))
    lazy = parallel._prefilter(settings)
    assert lazy.reason_to_parse(PYTHON, "import openai\nopenai.chat.completions.create(model='m', messages=[])\n")
    assert lazy.reason_to_parse(PYTHON, "def add(a, b):\n    return a + b\n") is None
    assert not made  # a fact at the first look, or nothing: no phrase was needed
    assert [lazy.reason_to_parse(PYTHON, source) for source in SOURCES] == _answers(eager)
    assert made == [1]  # a prompt-like name's text: read once, for that
    assert parallel._prefilter(settings) is lazy


def test_kept_phrases_come_back_with_the_indexes_built_afresh(tmp_path, monkeypatch, phrases_of):
    """The prefilter's phrases are kept with their indexes by word: read back, the phrases
    and both indexes are those built from the phrases, and a store of the older form
    (without them) is worked out again."""
    import marshal

    monkeypatch.setattr("sys.dont_write_bytecode", False)
    patterns.use(tmp_path)
    try:
        built = phrases_of(tmp_path)  # worked out and kept
        read = parallel._kept_phrases(built.key)
        assert read is not None and read == built
        assert "_by_word" in read.__dict__ and "_by_first_word" in read.__dict__  # taken, not built
        fresh = P.TextPhrases(built.entries, built.modules, built.key)
        assert read._index() == fresh._index()
        assert read._first_words() == fresh._first_words()
        older = marshal.dumps((built.key, built.entries, built.modules))
        patterns.keep(patterns.beside_bytecode(parallel._KEPT_PHRASES), patterns.sealed(older))
        assert parallel._kept_phrases(built.key) is None
    finally:
        patterns.use(patterns.DEFAULT_FOLDER)
