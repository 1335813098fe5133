"""The curated lists of people (checks/people/*.txt): what they hold, how they are read, what they cost."""

from __future__ import annotations

import re
import time

import pytest

from complint.policy import builtin_pack_dir
from complint.rules.people import LIST_FILES, load_lists, normalise

from helpers import PACK

PEOPLE = builtin_pack_dir() / "people"
DIED = re.compile(r";\s*died\s+(\d{4})\s*$")


def entries(filename):
    """(section, names, died) for each person of a list file."""
    section = ""
    for line in (PEOPLE / filename).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("["):
            section = line.strip("[] ")
            continue
        match = DIED.search(line)
        names = [n.strip() for n in (line[: match.start()] if match else line).split("|")]
        yield section, names, int(match.group(1)) if match else None


def test_each_list_is_large_enough_to_matter_and_says_how_it_was_curated():
    sizes = {name: sum(1 for _ in entries(name)) for _, name in LIST_FILES}
    assert sizes["real.txt"] >= 3000 and sizes["historical.txt"] >= 1000 and sizes["fictional.txt"] >= 1500
    for _, name in LIST_FILES:
        header = (PEOPLE / name).read_text(encoding="utf-8").split("\n\n", 1)[0]
        assert "How it was curated" in header and "not copied" in header


def test_real_people_span_the_categories_the_policy_cares_about():
    sections = {section.split(":")[0] for section, _, _ in entries("real.txt")}
    for category in ("politics", "business and technology", "science and technology", "film and television",
                     "music", "sport", "media, journalism and television hosts", "royalty"):
        assert category in sections


def test_who_died_when_decides_the_list():
    """Died before 2000: historical (exempt). Died in 2000 or later: real, and marked."""
    assert all(died is None for _, _, died in entries("historical.txt"))
    assert all(died is None for _, _, died in entries("fictional.txt"))
    assert all(died >= 2000 for _, _, died in entries("real.txt") if died is not None)
    names = load_lists(str(PEOPLE))
    assert names[normalise("Steve Jobs")].died == 2011
    assert names[normalise("Abraham Lincoln")].kind == "historical"


def test_no_one_word_name_of_a_real_person_is_a_common_given_name():
    """"You are Adele." may be a bot called Adele: one-word names are kept for stage names."""
    given = {normalise(n) for n in PACK.lexicon("given-names").phrases}
    one_word = {normalise(n) for _, names, _ in entries("real.txt") for n in names if len(n.split()) == 1}
    assert not one_word & given


def test_a_name_is_in_one_list_only():
    seen = {}
    for kind, filename in LIST_FILES:
        for _, names, _ in entries(filename):
            for name in names:
                other = seen.setdefault(normalise(name), kind)
                assert other == kind, f"{name!r} is in {other} and {kind}"


@pytest.mark.parametrize(
    "name, kind",
    [
        ("Beyoncé", "real"), ("Beyonce", "real"), ("Rihanna", "real"), ("Elon's", None), ("Dr. Anthony Fauci", None),
        ("Anthony Fauci", "real"), ("MrBeast", "real"), ("Volodymyr Zelenskyy", "real"), ("Bad Bunny", "real"),
        ("Marie Curie", "historical"), ("Cleopatra", "historical"), ("Winston Churchill", "historical"),
        ("Gandalf", "fictional"), ("Homer Simpson", "fictional"), ("Pikachu", "fictional"), ("Zeus", "fictional"),
    ],
)
def test_names_and_aliases_are_found_however_written(name, kind):
    found = load_lists(str(PEOPLE)).get(normalise(name))
    assert (found.kind if found else None) == kind


def test_a_missing_list_is_an_empty_list(tmp_path):
    assert load_lists(str(tmp_path / "nowhere")) == {}


def test_reading_the_lists_costs_milliseconds():
    best = float("inf")
    for _ in range(3):
        load_lists.cache_clear()
        start = time.process_time()
        load_lists(str(PEOPLE))
        best = min(best, time.process_time() - start)
    assert best < 0.1  # about 10 ms on a quiet machine; the bound leaves room for a busy one


def test_the_lists_are_read_only_when_a_prompt_may_name_someone(tmp_path):
    from helpers import scan_app

    from complint.rules import personas

    load_lists.cache_clear()
    personas._office_pattern.cache_clear()
    (tmp_path / "app.py").write_text(
        "from openai import OpenAI\nSYSTEM_PROMPT = 'Summarise the text.'\n"
        "OpenAI().chat.completions.create(model='m', messages=[{'role': 'system', 'content': SYSTEM_PROMPT}])\n"
    )
    scan_app(tmp_path, select=("CL401",))
    assert load_lists.cache_info().currsize == 0
    assert personas._office_pattern.cache_info().currsize == 0  # nor the titles compiled


def test_lists_read_back_from_the_store_are_the_lists_parsed_afresh(tmp_path, monkeypatch):
    """The parsed lists are kept beside the bytecode (derived.py): what a later process
    reads back is what parsing the files gives, the first line naming someone deciding,
    and a changed list is parsed again."""
    import sys

    from complint import derived, patterns
    from complint.rules import people

    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    patterns.use(tmp_path / "store")
    derived.forget()
    try:
        lists = tmp_path / "people"
        lists.mkdir()
        (lists / "real.txt").write_text("[music]\nAda Example | A. Example\nLate Person; died 2011\n# x\nAda Example\n")
        (lists / "fictional.txt").write_text("[novels]\nAda Example\nSherlock Holmes\n")
        load_lists.cache_clear()
        first = dict(load_lists(str(lists)))
        assert first["ada example"].kind == "fictional" and first["late person"].died == 2011
        assert first["a example"] == people.Listed("real", "music", "checks/people/real.txt")
        derived.save()
        derived.forget()  # a new process
        load_lists.cache_clear()
        assert load_lists(str(lists)) == first
        assert not derived._state.changed  # read back, not parsed again
        (lists / "real.txt").write_text("[sport]\nAda Example\nNew Person\n")
        load_lists.cache_clear()
        assert load_lists(str(lists))["new person"].category == "sport"
        full = PEOPLE.joinpath("real.txt").read_text(encoding="utf-8")
        assert people._read_list(full, "real") == people._read_list.__wrapped__(full, "real")
    finally:
        patterns.use(patterns.DEFAULT_FOLDER)
        derived.forget()
        load_lists.cache_clear()
