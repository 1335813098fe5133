"""The process that imports the parser early (prewarm.py) parses as this process would,
is stopped when it cannot help, and costs nothing but time when it fails."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import PACK, write_app

from complint import cache, parallel, prewarm
from complint.config import load_config
from complint.discovery import discover

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="started by fork, on Linux only")

REPO = Path(__file__).resolve().parent.parent

APP = """\
import streamlit as st
from openai import OpenAI

client = OpenAI()
SYSTEM_PROMPT = "You are a friendly pharmacist. Recommend a dose for the user's symptoms."
if question := st.chat_input("Ask"):
    reply = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": question}]
    )
    st.write(reply.choices[0].message.content)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _work(root: Path):
    config = load_config(root)
    return config, [(s.file, s.rel, None) for s in discover([root], config).files]


def test_it_parses_as_this_process_does(tmp_path):
    write_app(tmp_path, {"app.py": APP, "broken.py": "def f(:\n", "lib/util.py": "def f(x):\n    return x\n"})
    _, work = _work(tmp_path)
    settings = parallel.Settings(True, None)
    here = parallel._extract_chunk(work, settings, None)
    process = prewarm.start()
    assert process is not None
    there = process.parse(work, settings)
    assert there is not None
    def seen(rows):
        return [(rel, r.facts, r.state, r.entry) for rel, r in rows]

    assert seen(there) == seen(here)
    assert any(r.facts.model_calls for _, r in there) and any(r.facts.problems for _, r in there)
    assert process.pid == 0  # it has ended


def test_meanwhile_runs_while_it_parses_and_its_errors_are_dropped(tmp_path):
    write_app(tmp_path, {"app.py": APP})
    _, work = _work(tmp_path)
    ran = []

    def meanwhile():
        ran.append(True)
        raise RuntimeError("the caller meets it again")

    process = prewarm.start()
    assert process is not None
    assert process.parse(work, parallel.Settings(True, None), meanwhile) is not None
    assert ran == [True]


def test_a_process_that_died_is_no_answer_and_the_scan_parses_here(tmp_path):
    write_app(tmp_path, {"app.py": APP})
    config, work = _work(tmp_path)
    process = prewarm.start()
    assert process is not None
    os.kill(process.pid, 9)
    assert process.parse(work, parallel.Settings(True, None)) is None
    assert process.pid == 0
    # Through the scan: a dead helper costs the parse here, never a fact.
    files = discover([tmp_path], config).files
    dead = prewarm.start()
    assert dead is not None
    os.kill(dead.pid, 9)
    with_dead = parallel.extract_all(files, config, PACK, jobs=2, use_cache=False, parsers=dead)
    alone = parallel.extract_all(files, config, PACK, jobs=2, use_cache=False)
    assert with_dead.facts == alone.facts and with_dead.parsed == alone.parsed == 1
    assert dead.pid == 0


def test_the_scan_hands_it_the_files_to_parse_and_gets_the_same_facts(tmp_path):
    write_app(tmp_path, {"app.py": APP, "lib/util.py": "def f(x):\n    return x\n", "notes.md": "# Notes\n"})
    config, _ = _work(tmp_path)
    files = discover([tmp_path], config).files
    process = prewarm.start()
    assert process is not None
    pid = process.pid
    helped = parallel.extract_all(files, config, PACK, jobs=2, use_cache=False, parsers=process)
    alone = parallel.extract_all(files, config, PACK, jobs=2, use_cache=False)
    assert helped.facts == alone.facts and helped.parsed == alone.parsed
    assert process.pid == 0 and not _alive(pid)


def test_it_is_stopped_when_nothing_is_to_be_parsed(tmp_path):
    write_app(tmp_path, {"lib/util.py": "def f(x):\n    return x\n"})  # the prefilter spares it
    config, _ = _work(tmp_path)
    files = discover([tmp_path], config).files
    process = prewarm.start()
    assert process is not None
    pid = process.pid
    parallel.extract_all(files, config, PACK, jobs=2, use_cache=False, parsers=process)
    assert process.pid == 0 and not _alive(pid)


def test_it_holds_none_of_the_commands_input_and_output():
    """`complint scan | cat` ends when the command does, whatever the other process does."""
    process = prewarm.start()
    assert process is not None
    try:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            held = {fd: os.readlink(f"/proc/{process.pid}/fd/{fd}") for fd in (0, 1, 2)}
            if set(held.values()) == {os.devnull}:
                break
            time.sleep(0.01)
        assert set(held.values()) == {os.devnull}
    finally:
        process.stop()


def test_its_pipes_may_take_the_numbers_of_closed_standard_streams(tmp_path):
    """Started with its input closed, the command's pipe gets the number 0: the other
    process must keep it, not send it to /dev/null with the standard streams."""
    write_app(tmp_path, {"app.py": APP})
    _, work = _work(tmp_path)
    saved = os.dup(0)
    os.close(0)
    try:
        process = prewarm.start()  # the request pipe's reading end takes the free number 0
    finally:
        os.dup2(saved, 0)
        os.close(saved)
    assert process is not None
    assert process.parse(work, parallel.Settings(True, None)) is not None


def test_claim_keeps_it_only_where_it_can_help(tmp_path, monkeypatch):
    directory = tmp_path / ".complint_cache"
    directory.mkdir()

    def claimed(hint, **options):
        (directory / cache.CACHE_FILE).write_text(hint, encoding="utf-8")
        monkeypatch.setattr(prewarm, "_early", prewarm.start())
        process = prewarm._early
        kept = prewarm.claim(options.get("use_cache", True), directory, options.get("jobs", 2))
        assert prewarm._early is None
        if kept is None:
            assert process.pid == 0  # stopped
        else:
            kept.stop()
        return kept is not None

    python = '{"format":1,"key":"k","parsed":["html","python"],"written_ns":1,"entries":{}}'
    assert claimed(python)
    assert claimed(python, use_cache=False)  # --no-cache: a cold scan parses what it finds
    assert not claimed(python, jobs=1)  # one process, as asked
    assert not claimed('{"format":1,"key":"k","parsed":["javascript"],"written_ns":1,"entries":{}}')
    assert not claimed('{"format":1,"key":"k","written_ns":1,"entries":{}}')  # an older cache
    assert not claimed("\0\0 not json")
    (directory / cache.CACHE_FILE).unlink()
    monkeypatch.setattr(prewarm, "_early", prewarm.start())
    kept = prewarm.claim(True, directory, 2)  # no cache yet: a cold scan
    assert kept is not None
    kept.stop()
    assert prewarm.claim(True, directory, 2) is None  # nothing started: nothing to claim


def test_only_a_scan_starts_it(monkeypatch):
    started = []
    monkeypatch.setattr(prewarm, "start", lambda: started.append(True) or None)
    monkeypatch.setattr(prewarm, "_early", None)
    for argv in (["--version"], ["rules"], ["explain", "CL101"], ["init", "."]):
        prewarm.fork_early(argv)
    assert started == []
    prewarm.fork_early(["scan", "."])
    prewarm.fork_early(["--debug", "scan"])
    assert started == [True, True]


def test_the_cache_says_which_languages_the_last_scan_parsed(tmp_path):
    write_app(tmp_path, {"app.py": APP, "lib/util.py": "def f(x):\n    return x\n"})
    config = load_config(tmp_path)
    files = discover([tmp_path], config).files
    parallel.extract_all(files, config, PACK, jobs=1)
    assert cache.parsed_languages(cache.cache_directory(config)) == ("python",)
    assert cache.parsed_languages(tmp_path / "nowhere") == ()


def test_the_command_uses_it_and_leaves_no_process_behind(tmp_path):
    """The command, twice, an app file edited between: the findings of a cold scan, and
    no process left over."""
    write_app(tmp_path, {"app.py": APP, "lib/util.py": "def f(x):\n    return x\n"})
    env = dict(os.environ, PYTHONPATH=str(REPO), NO_COLOR="1")
    command = [sys.executable, "-m", "complint", "scan", ".", "--format", "json", "--exit-zero"]

    def scan(*extra: str) -> str:
        run = subprocess.run(command + list(extra), cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
        return run.stdout

    first = scan()
    with open(tmp_path / "app.py", "a", encoding="utf-8") as fh:
        fh.write("st.caption('Answers come from an AI model.')\n")
    warm = scan()
    cold = scan("--no-cache")
    assert warm == cold != first
    assert _running_in(tmp_path) == []  # every process the command started has ended


def _running_in(folder: Path) -> list:
    """The processes whose working folder is `folder`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if Path(os.readlink(entry / "cwd")) == folder.resolve():
                    found.append(int(entry.name))
            except OSError:
                pass
    return found
