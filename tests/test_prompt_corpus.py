"""The prompt corpus (benchmarks/prompt_corpus.yaml) and its runner: labels load, the split is
fixed, texts are cut the way entries say, and debatable labels are scored neither way."""

from __future__ import annotations

import hashlib

import pytest

from helpers import load_benchmark

P = load_benchmark("prompts.py", "prompt_corpus_runner")


def _one_entry(tmp_path, labels):
    corpus = tmp_path / "c.yaml"
    corpus.write_text(
        f"prompts:\n- id: x\n  source: {{repo: a/b, commit: c, path: p}}\n  labels: {labels}\n",
        encoding="utf-8",
    )
    return P.load_corpus(corpus)


@pytest.fixture(scope="module")
def entries():
    return P.load_corpus(P.DEFAULT_CORPUS)


def test_corpus_loads_with_unique_ids_hashes_and_sources(entries):
    assert len(entries) >= 300
    assert len({e.id for e in entries}) == len(entries)
    for e in entries:
        assert len(e.sha256) == 64, e.id
        assert len(e.commit) == 40, e.id
        assert "/" in e.repo and e.path, e.id
        assert e.reason, e.id


def test_every_family_has_positives_and_negatives_in_both_halves(entries):
    for half in ("development", "held-out"):
        chosen = [e for e in entries if e.half == half]
        for family in P.FAMILIES:
            assert any(e.expected[family] for e in chosen), (half, family)
            assert any(not e.expected[family] and not e.debatable[family] for e in chosen), (half, family)


def test_split_is_the_first_byte_of_sha256_of_the_id():
    for pid in ("acp-001", "harm-003", "app-echo-trump"):
        even = hashlib.sha256(pid.encode()).digest()[0] % 2 == 0
        assert P.half_of(pid) == ("development" if even else "held-out")
    header = P.DEFAULT_CORPUS.read_text(encoding="utf-8").split("prompts:")[0]
    assert "first byte of sha256(id) is even" in header


def test_a_label_outside_the_catalogue_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="CL999"):
        _one_entry(tmp_path, "{expect: [CL999]}")


def test_domains_are_labelled_by_name_and_scored_as_their_codes(tmp_path):
    (entry,) = _one_entry(tmp_path, "{expect: [medical, CL113], debatable: [news]}")
    assert entry.expected["domains"] == {"CL301"}
    assert entry.expected["disallowed"] == {"CL113"}
    assert entry.debatable["domains"] == {"CL304"}


def test_cuts():
    markdown = "# Skill\n\n## Prompt\n\n# Role\nBe a tutor.\n\n## Triggers\n- x\n"
    assert P.cut_text(markdown, {"section": "Prompt"}) == "# Role\nBe a tutor."
    code = 'A = 1\nBOTS = {\n  tutor: `You are a tutor.\nBe kind.`,\n}\n'
    assert P.cut_text(code, {"lines": [3, 4], "after": ": ", "quote": "`"}) == "You are a tutor.\nBe kind."
    assert P.cut_text(code, {"lines": [1, 1]}) == "A = 1"
    table = 'act,prompt\nTutor,"Teach me, kindly"\nChef,Cook\n'
    assert P.cut_text(table, {"csv_row": 1, "column": "prompt"}) == "Teach me, kindly"
    # a CSV saved with a byte-order mark still has its first column by name
    assert P.cut_text("\ufeff" + table, {"csv_row": 2, "column": "act"}) == "Chef"
    # a JSON key path, as "a/0/b" or as a list when a key holds a "/"
    data = '{"Hate/Harass": {"Insults": ["first", "second"]}, "a": [{"b": "x"}]}'
    assert P.cut_text(data, {"json_key": "a/0/b"}) == "x"
    assert P.cut_text(data, {"json_key": ["Hate/Harass", "Insults", 1]}) == "second"
    with pytest.raises(P.Absent):
        P.cut_text(code, {"lines": [1, 1], "quote": "`"})


def test_debatable_codes_are_neither_false_alarms_nor_misses(tmp_path):
    (entry,) = _one_entry(tmp_path, "{expect: [CL107], debatable: [CL103, CL401]}")
    outcome = P.Outcome(entry, reported={"CL103", "CL401", "CL104", "CL201"})
    assert P.verdicts(outcome, "disallowed") == [("false alarm", "CL104"), ("missed", "CL107")]
    assert P.verdicts(outcome, "personas") == []
    assert P.verdicts(outcome, "domains") == []


def test_the_generated_app_holds_the_prompt_as_its_system_prompt(tmp_path):
    prompt = 'You are "Ada", a tutor.\nUse {braces} and \\ backslashes.'
    P.write_app(tmp_path, prompt)
    source = (tmp_path / "app.py").read_text(encoding="utf-8")
    namespace: dict = {}
    exec(compile(source.split("\nclient = ")[0].split("\n", 2)[2], "app.py", "exec"), namespace)
    assert namespace["SYSTEM_PROMPT"] == prompt
    assert "st.chat_input" in source and "disclaimer" not in source.lower()


def test_a_later_batch_is_scored_apart_as_well_as_with_the_rest(tmp_path):
    corpus = tmp_path / "c.yaml"
    corpus.write_text(
        "prompts:\n"
        "- id: a\n  source: {repo: a/b, commit: c, path: p}\n  labels: {expect: [CL107]}\n"
        "- id: b\n  batch: 2\n  source: {repo: a/b, commit: c, path: p}\n  labels: {expect: [CL107]}\n",
        encoding="utf-8",
    )
    first, second = P.load_corpus(corpus)
    assert (first.batch, second.batch) == (1, 2)
    outcomes = [P.Outcome(first, reported={"CL107"}), P.Outcome(second, reported=set())]
    half_a, half_b = first.half, second.half
    assert P.tally(outcomes, "disallowed", half_b, batch=2).missed == 1
    assert P.tally(outcomes, "disallowed", half_a, batch=1).right == 1
    labels = [label for label, _, _ in P.groups(outcomes)]
    assert labels[:2] == ["development", "held-out"]
    assert f"{half_b}, batch 2" in labels and f"{half_a}, batch 1" in labels
    assert f"{half_b}, batch 2" in P.table(outcomes, markdown=True)
