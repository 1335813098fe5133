"""Extraction in several processes gives the same facts, in the same order, as in one."""

from __future__ import annotations

import pytest
from helpers import PACK, run_cli, scan_app, write_app

from complint import parallel
from complint.config import load_config
from complint.discovery import discover


@pytest.fixture
def corpus(tmp_path):
    from test_prefilter import CONSOLE_CHAT, EDGES

    files = {"app.py": CONSOLE_CHAT}
    for number, (_, extra) in enumerate(EDGES.values()):
        files.update({f"edge{number}/{rel}": text for rel, text in extra.items()})
    for number in range(40):
        files[f"lib/m{number}.py"] = f"def f{number}(x):\n    print(x)\n    return x * {number}\n"
    write_app(tmp_path, files)
    return tmp_path


def test_two_processes_give_what_one_gives(corpus, monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_FILES", 2)  # processes even for this small corpus
    config = load_config(corpus)
    files = discover([corpus], config).files
    one = parallel.extract_all(files, config, PACK, jobs=1, use_cache=False)
    two = parallel.extract_all(files, config, PACK, jobs=2, use_cache=False)
    assert one.facts == two.facts
    assert [f.path for f in two.facts] == [f.rel for f in files]
    assert one.parsed == two.parsed > 0
    import gc

    assert gc.get_freeze_count() == 0  # frozen for the processes only: garbage is collected again


def test_processes_started_by_spawn_give_what_one_gives(corpus, monkeypatch):
    """macOS and Windows start processes fresh (spawn): the settings must travel whole,
    the prefilter's phrases worked out before they go."""
    monkeypatch.setattr(parallel, "PARALLEL_FILES", 2)
    monkeypatch.setattr(parallel.sys, "platform", "darwin")
    config = load_config(corpus)
    files = discover([corpus], config).files
    one = parallel.extract_all(files, config, PACK, jobs=1, use_cache=False)
    two = parallel.extract_all(files, config, PACK, jobs=2, use_cache=False)
    assert one.facts == two.facts and one.parsed == two.parsed > 0


def test_findings_are_the_same_with_one_and_two_jobs(corpus, monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_FILES", 2)
    one = scan_app(corpus, cache=False, jobs=1)
    two = scan_app(corpus, cache=False, jobs=2)
    assert one.findings == two.findings and one.problems == two.problems


def test_a_small_project_stays_in_one_process(tmp_path, monkeypatch):
    from test_prefilter import STREAMLIT_CHAT

    def refuse(*args, **kwargs):
        raise AssertionError("processes started for a small project")

    monkeypatch.setattr(parallel, "_in_processes", refuse)
    write_app(tmp_path, {"app.py": STREAMLIT_CHAT, **{f"m{n}.py": "x = 1\n" for n in range(10)}})
    scan_app(tmp_path, cache=False, jobs=4)


def test_jobs_on_the_command_line_and_in_the_configuration(corpus):
    assert run_cli(["scan", str(corpus), "--jobs", "2", "--exit-zero", "--no-cache"]).exit_code == 0
    bad = run_cli(["scan", str(corpus), "--jobs", "0"])
    assert bad.exit_code == 2 and "--jobs" in bad.stderr
    (corpus / "complint.toml").write_text("jobs = 2\n")
    assert load_config(corpus).jobs == 2
    (corpus / "complint.toml").write_text('jobs = "all"\n')
    result = run_cli(["scan", str(corpus)])
    assert result.exit_code == 2
    assert "jobs: expected a number of processes of 1 or more, e.g. 4, got 'all'" in result.stderr


def test_the_default_is_the_machines_cores():
    assert parallel.default_jobs() >= 1


def test_without_a_cache_no_entry_is_made(corpus, monkeypatch):
    """`--no-cache`: a file's facts are not written out as the cache's dict, nor hashed."""
    config = load_config(corpus)
    files = discover([corpus], config).files
    made = []
    monkeypatch.setattr(parallel, "compact", lambda facts: made.append(facts.path) or {})
    monkeypatch.setattr(parallel, "content_hash", lambda data: made.append("hash") or "h")
    cold = parallel.extract_all(files, config, PACK, jobs=1, use_cache=False)
    assert cold.parsed > 0 and made == []
    warm = parallel.extract_all(files, config, PACK, jobs=1, use_cache=True)
    assert warm.facts == cold.facts and made  # with a cache, each file's entry is made
