"""The facts cache: unchanged files are not read again, and the cache never changes a finding."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import PACK, run_cli, scan_app, write_app

from complint import cache as C
from complint import parallel
from complint.config import load_config
from complint.discovery import discover
from complint.facts import FileFacts

APP = {
    "app.py": """\
        import streamlit as st
        from openai import OpenAI

        client = OpenAI()
        if q := st.chat_input("Ask"):
            st.write(client.chat.completions.create(model="m", messages=[{"role": "user", "content": q}]))
        """,
    "lib/util.py": "def add(a, b):\n    return a + b\n",
    "lib/more.py": "import os\n\nROOT = os.getcwd()\n",
}


def extract(root: Path, **options):
    config = load_config(root)
    return parallel.extract_all(discover([root], config).files, config, PACK, jobs=1, **options)


def age(root: Path, seconds: float = 10) -> None:
    """Make the files (a folder's, or one) older than the cache, as files are when nobody is typing."""
    past = time.time() - seconds
    for path in [root] if root.is_file() else root.rglob("*"):
        if path.is_file() and C.CACHE_DIR not in path.parts:
            os.utime(path, (past, past))


@pytest.fixture
def app(tmp_path):
    write_app(tmp_path, APP)
    age(tmp_path)
    return tmp_path


def test_a_warm_run_reads_no_file(app):
    cold = extract(app)
    assert cold.read == 3 and (app / C.CACHE_DIR / C.CACHE_FILE).is_file()
    warm = extract(app)
    assert warm.read == 0 and warm.parsed == 0
    assert warm.facts == cold.facts


def test_a_changed_file_is_read_again_and_only_it(app):
    extract(app)
    (app / "lib" / "util.py").write_text("def add(a, b):\n    return b + a\n")
    age(app / "lib" / "util.py", 5)
    again = extract(app)
    assert again.read == 1


def test_a_touched_file_with_the_same_content_is_not_parsed_again(app):
    extract(app)
    age(app / "app.py", 5)  # a checkout that rewrote it, same bytes
    again = extract(app)
    assert again.read == 1 and again.parsed == 0


def test_a_file_changed_just_before_the_cache_was_written_is_checked(app):
    """Its mtime may not move if it changes again within the clock's tick: the hash decides."""
    extract(app)
    os.utime(app / "app.py", None)
    extract(app)  # the cache is written now, just after app.py's mtime
    again = extract(app)
    assert again.read >= 1


def test_the_cache_is_written_only_when_something_changed(app):
    extract(app)
    cache_file = app / C.CACHE_DIR / C.CACHE_FILE
    before = cache_file.stat().st_mtime_ns
    time.sleep(0.01)
    extract(app)
    assert cache_file.stat().st_mtime_ns == before


def test_the_cache_folder_keeps_itself_out_of_git(app):
    extract(app)
    assert (app / C.CACHE_DIR / ".gitignore").read_text().splitlines()[-1] == "*"
    assert not list((app / C.CACHE_DIR).glob(".facts-*"))  # no temporary file left behind


@pytest.mark.parametrize(
    "damage",
    [b"{not json", b"[]", b'{"format": 1, "key": "K", "written_ns": 0, "entries": {"app.py": [1, 2]}}', b"\xff\xfe\x00"],
)
def test_a_damaged_cache_is_discarded_with_a_note(app, damage):
    extract(app)
    cache_file = app / C.CACHE_DIR / C.CACHE_FILE
    data = json.loads(cache_file.read_text())
    cache_file.write_bytes(damage.replace(b'"K"', json.dumps(data["key"]).encode()))
    result = extract(app)
    assert result.read == 3  # nothing of it trusted
    (note,) = result.notes
    assert "cache" in note.message and "rebuilt" in note.message
    assert extract(app).read == 0 and not extract(app).notes  # and rebuilt


def test_the_note_is_one_line_on_stderr(app):
    extract(app)
    (app / C.CACHE_DIR / C.CACHE_FILE).write_text("{")
    result = run_cli(["scan", str(app), "--select", "CL201"])
    lines = [line for line in result.stderr.splitlines() if "cache" in line]
    assert len(lines) == 1 and lines[0].startswith("complint: ") and "damaged" in lines[0]


def test_another_key_is_another_cache(app):
    extract(app)
    cache_file = app / C.CACHE_DIR / C.CACHE_FILE
    data = json.loads(cache_file.read_text())
    data["key"] = "another complint, another policy"
    cache_file.write_text(json.dumps(data))
    result = extract(app)
    assert result.read == 3 and not result.notes


def test_no_cache_neither_reads_nor_writes_it(app):
    extract(app, use_cache=False)
    assert not (app / C.CACHE_DIR).exists()
    assert run_cli(["scan", str(app), "--no-cache", "--exit-zero"]).exit_code == 0
    assert not (app / C.CACHE_DIR).exists()


def test_cache_dir_setting(tmp_path):
    write_app(tmp_path, {**APP, "pyproject.toml": '[tool.complint]\ncache-dir = "build/facts"\n'})
    run_cli(["scan", str(tmp_path), "--exit-zero"])
    assert (tmp_path / "build" / "facts" / C.CACHE_FILE).is_file()


def test_cache_dir_must_be_a_path(tmp_path):
    write_app(tmp_path, {**APP, "pyproject.toml": "[tool.complint]\ncache-dir = 3\n"})
    result = run_cli(["scan", str(tmp_path)])
    assert result.exit_code == 2
    assert "cache-dir: expected a directory path" in result.stderr


def test_findings_are_the_same_with_and_without_the_cache(tmp_path):
    from test_prefilter import EDGES, STREAMLIT_CHAT

    files = {"app.py": STREAMLIT_CHAT}
    for number, (_, extra) in enumerate(EDGES.values()):
        files.update({f"edge{number}/{rel}": text for rel, text in extra.items()})
    write_app(tmp_path, files)
    without = scan_app(tmp_path, cache=False)
    cold = scan_app(tmp_path)
    warm = scan_app(tmp_path)
    assert without.findings == cold.findings == warm.findings
    assert without.problems == warm.problems


def test_facts_survive_the_compact_json_round_trip(tmp_path):
    from test_prefilter import CONSOLE_CHAT

    write_app(tmp_path, {"app.py": CONSOLE_CHAT})
    (facts,) = extract(tmp_path, use_cache=False).facts
    assert facts.model_calls and facts.chat_surfaces
    compact = C.compact(facts)
    assert FileFacts.from_dict(json.loads(json.dumps(compact))) == facts
    assert len(json.dumps(compact)) < len(json.dumps(facts.to_dict()))


def test_concurrent_runs_leave_a_whole_cache(app):
    """Several scans at once: each writes its cache atomically, and the last one wins."""
    command = [sys.executable, "-m", "complint", "scan", str(app), "--exit-zero", "-q"]
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    for round_ in range(2):
        if round_:
            (app / "lib" / "util.py").write_text(f"X = {round_}\n")
        runs = [subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(3)]
        for run in runs:
            assert run.wait(timeout=120) == 0
            assert b"cache" not in run.stderr.read()
        data = json.loads((app / C.CACHE_DIR / C.CACHE_FILE).read_text())
        assert set(data["entries"]) == {"app.py", "lib/util.py", "lib/more.py"}


def test_extra_phrases_are_part_of_the_key(app):
    """They change what the prefilter looks for, so facts found without them do not stand."""
    extract(app)
    (app / "complint.toml").write_text('[disclosure]\nextra-phrases = ["Acme Autopilot"]\n')
    assert extract(app).read == 3


# --------------------------------------------------------------------------- the pack, parsed


def _same_pack(a, b) -> bool:
    return (a.digest, a.checks, sorted((n, lex.phrases, lex.negations) for n, lex in a.lexicons.items()), a.sections) == (
        b.digest, b.checks, sorted((n, lex.phrases, lex.negations) for n, lex in b.lexicons.items()), b.sections
    )


def test_the_pack_parsed_once_is_read_back_without_yaml(tmp_path, monkeypatch):
    import complint.policy as policy

    first = policy.load_pack(cache_dir=tmp_path)
    assert (tmp_path / policy.PACK_CACHE).is_file()

    def no_yaml(path, data):
        raise AssertionError(f"parsed {path} again")

    monkeypatch.setattr(policy, "_load_yaml", no_yaml)
    assert _same_pack(policy.load_pack(cache_dir=tmp_path), first)


def test_without_a_scan_cache_the_pack_is_kept_beside_the_bytecode(tmp_path, monkeypatch):
    # `--no-cache` (every CI run) and `complint rules` parse no YAML once it was parsed.
    import complint.policy as policy
    from complint import checkedpack, patterns

    monkeypatch.setattr("sys.dont_write_bytecode", False)
    patterns.use(tmp_path / "pycache")
    first = policy.load_pack()
    shared = tmp_path / "pycache" / policy.SHARED_PACK_CACHE
    assert shared.is_file() and not (tmp_path / "pycache" / ".gitignore").exists()

    def no_yaml(path, data):
        raise AssertionError(f"parsed {path} again")

    monkeypatch.setattr(policy, "_load_yaml", no_yaml)
    assert _same_pack(policy.load_pack(), first)
    monkeypatch.undo()
    patterns.use(tmp_path / "pycache")
    shared.write_text('{"digest": 3}')  # damaged: a note, parsed again, written anew
    checkedpack._path().unlink()  # (else the checked pack is read, and this copy never)
    monkeypatch.setattr("sys.dont_write_bytecode", True)  # where Python writes no bytecode: read, never written
    again = policy.load_pack()
    assert _same_pack(again, first) and again.notes
    assert shared.read_text() == '{"digest": 3}'


def test_a_changed_pack_or_a_damaged_cache_is_parsed_again(tmp_path):
    import shutil

    import complint.policy as policy

    pack_dir = tmp_path / "pack"
    shutil.copytree(policy.builtin_pack_dir(), pack_dir)
    cache = tmp_path / "cache"
    before = policy.load_pack(pack_dir, cache_dir=cache)
    domains = pack_dir / "domains.yaml"  # its lexicons come last
    domains.write_text(domains.read_text().rstrip("\n") + "\n  test-only-words:\n    phrases: [robo helper]\n")
    after = policy.load_pack(pack_dir, cache_dir=cache)
    assert after.digest != before.digest and after.lexicons["test-only-words"].phrases == ("robo helper",)
    (cache / policy.PACK_CACHE).write_text("{not json")
    damaged = policy.load_pack(pack_dir, cache_dir=cache)
    assert _same_pack(damaged, policy.load_pack(pack_dir))
    assert [n.message.split(";")[1].strip() for n in damaged.notes] == ["it was discarded and will be rebuilt"]
    assert json.loads((cache / policy.PACK_CACHE).read_text())["files"]  # written anew
    assert not policy.load_pack(pack_dir, cache_dir=cache).notes


def test_a_damaged_pack_cache_is_a_note_of_the_scan(app):
    scan_app(app)  # writes the caches
    pack_cache = C.cache_directory(load_config(app)) / "pack.json"
    pack_cache.write_text('{"digest": 3}')
    result = run_cli(["scan", str(app), "--exit-zero"])
    assert "pack.json: the cache of the parsed policy pack is damaged; it was discarded and will be rebuilt" in result.stderr
    assert result.exit_code == 0


@pytest.mark.parametrize("damage", [b"", b"# Automat", b"\0\0\0\0"])
def test_damaged_cache_marks_are_mended_by_the_next_run(tmp_path, damage):
    """A full disk once left `.gitignore` and `CACHEDIR.TAG` empty: the cache was then
    committed with the code. Any run mends them, a warm one that writes nothing too."""
    app = write_app(tmp_path / "app", APP)
    age(app)
    scan_app(app)
    folder = app / C.CACHE_DIR
    for name in C.MARKS:
        (folder / name).write_bytes(damage)
    facts = (folder / C.CACHE_FILE).stat().st_mtime_ns
    scan_app(app)
    assert (folder / C.CACHE_FILE).stat().st_mtime_ns == facts  # warm: the cache is not written
    for name, text in C.MARKS.items():
        assert (folder / name).read_text() == text
    (folder / ".gitignore").unlink()
    (app / "app.py").write_text("import openai\n")
    scan_app(app)
    assert (folder / ".gitignore").read_text() == C.MARKS[".gitignore"]
    assert sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp")) == []


def test_marks_are_written_whole_or_not_at_all(tmp_path, monkeypatch):
    from complint import files

    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / ".gitignore").write_text("")

    def full_disk(source, target):  # the new text is written beside it, but never takes its name
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", full_disk)
    with pytest.raises(OSError):
        C.mark(folder)
    assert (folder / ".gitignore").read_text() == ""  # not half of one: the old, as it was
    assert not (folder / "CACHEDIR.TAG").exists()
    assert sorted(p.name for p in folder.iterdir()) == [".gitignore"]  # no temporary file left


def test_a_file_name_that_is_not_utf8_is_cached(tmp_path):
    """Such a name is text with lone surrogates, which UTF-8 cannot encode: writing the
    cache failed with an internal error, on every run."""
    app = write_app(tmp_path / "app", APP)
    name = os.fsdecode(b"caf\xe9.py")
    (app / name).write_text("import openai\nopenai.OpenAI().chat.completions.create(model='m', messages=[])\n")
    age(app)
    cold = extract(app)
    assert cold.notes == () and (app / C.CACHE_DIR / C.CACHE_FILE).is_file()
    warm = extract(app)
    assert warm.read == 0 and warm.notes == ()
    assert [f.path for f in warm.facts] == [f.path for f in cold.facts] and name in [f.path for f in warm.facts]
    assert warm.facts == cold.facts


def test_the_code_fingerprint_is_every_module_path_size_and_mtime_in_path_order():
    from pathlib import Path as P

    import complint
    from complint.cache import cache_key, code_fingerprint

    package = P(C.__file__).resolve().parent
    parts = [complint.__version__]
    for path in sorted(package.rglob("*.py")):
        stat = path.stat()
        parts.append(f"{path.relative_to(package).as_posix()}:{stat.st_size}:{stat.st_mtime_ns}")
    assert code_fingerprint() == cache_key(*parts)
    assert any("/" in part for part in parts)  # the extractors' and rules' modules count too
