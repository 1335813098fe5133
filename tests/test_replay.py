"""A scan whose inputs are as they were replays its last report (complint/replay.py)."""

from __future__ import annotations

import builtins
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional, Set

import pytest
from click.testing import CliRunner

from complint import cli, replay
from complint.config import CONFIG_FILES
from complint.engine import DECLARATION_FILES

CHAT_APP = '''import json
import streamlit as st
from openai import OpenAI

client = OpenAI()
persona = json.load(open("personas.json"))["default"]
st.markdown(open("about.md").read())
question = st.chat_input("Ask")
if question:
    reply = client.chat.completions.create(model="m", messages=[
        {"role": "system", "content": f"You are {persona}."},
        {"role": "user", "content": question}])
    st.chat_message("assistant").write(reply.choices[0].message.content)
'''


def _age(tree: Path, seconds: float = 30.0) -> None:
    """Every file and folder of `tree` last changed `seconds` ago: old enough for a scan to
    trust their times (a change in the tick it looks in could go unseen)."""
    when = time.time() - seconds
    for folder, dirs, files in os.walk(tree):
        for name in files + dirs:
            os.utime(os.path.join(folder, name), (when, when), follow_symlinks=False)
    os.utime(tree, (when, when))


def _app(tmp_path: Path) -> Path:
    app = tmp_path / "app"
    (app / "helpers").mkdir(parents=True)
    (app / "app.py").write_text(CHAT_APP, encoding="utf-8")
    (app / "helpers" / "util.py").write_text("def shout(text):\n    return text.upper()\n", encoding="utf-8")
    (app / "personas.json").write_text('{"default": "a helpful librarian"}', encoding="utf-8")
    (app / "about.md").write_text("# About\nAsk about books.\n", encoding="utf-8")
    (app / ".gitignore").write_text("scratch/\n", encoding="utf-8")
    # Made by the first scan, it changes the app's folder, and no run records a folder
    # changed just before it (the first real scan of an app writes no stamp).
    (app / ".complint_cache").mkdir()
    _age(tmp_path)
    return app


def _run(cwd: Path, *args: str, env: Optional[Dict[str, str]] = None, timings: Optional[Path] = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("COMPLINT_TIMINGS", "NO_COLOR", "FORCE_COLOR")}
    environment.update(env or {})
    if timings is not None:
        environment["COMPLINT_TIMINGS"] = str(timings)
    return subprocess.run([sys.executable, "-m", "complint", *args], cwd=cwd, capture_output=True, text=True, env=environment)


def _replayed(timings: Path) -> bool:
    return "replay" in json.loads(timings.read_text(encoding="utf-8"))["phases"]


def _stamps(app: Path) -> List[Path]:
    folder = app / ".complint_cache" / replay.FOLDER
    return sorted(folder.glob("*.marshal")) if folder.is_dir() else []


# --------------------------------------------------------------------- which commands


@pytest.mark.parametrize("argv", [
    ["scan"], ["scan", "."], ["scan", "a", "b", "-q"], ["scan", "--format", "json", "."], ["scan", "--format=sarif"],
    ["scan", "-j", "2", "--select", "CL2", "--statistics"], ["scan", "-j4", "--exit-zero", "--no-prefilter"],
    ["scan", "--config", "c.toml", "--baseline", "b.json", "--color", "never"],
])
def test_plain_scans_may_be_replayed(argv: List[str]) -> None:
    assert replay.replayable(argv)


@pytest.mark.parametrize("argv", [
    [], ["check"], ["rules"], ["--debug", "scan"], ["scan", "-o", "r.sarif"], ["scan", "--output=r.txt"],
    ["scan", "--write-baseline", "b.json"], ["scan", "--no-cache"], ["scan", "--staged"], ["scan", "--diff", "main"],
    ["scan", "--show-files"], ["scan", "--show-settings"], ["scan", "--help"], ["scan", "-qo", "x"],
    ["scan", "--format"], ["scan", "--config", "--no-cache"], ["scan", "-x"],
])
def test_other_commands_always_run(argv: List[str]) -> None:
    assert not replay.replayable(argv)


def test_the_paths_of_a_plain_scan_are_its_words_that_no_option_takes() -> None:
    assert replay.scanned_paths(["scan", "--format", "json", "app", "-j4", "--select=CL2", "-q", "web"]) == ["app", "web"]
    assert replay.scanned_paths(["scan"]) == []
    assert replay.scanned_paths(["scan", "app", "-o", "r.txt"]) is None


def test_names_looked_for_above_cover_configuration_and_declarations() -> None:
    assert set(CONFIG_FILES) | set(DECLARATION_FILES) | {".git", ".gitignore"} <= set(replay._ABOVE)


# --------------------------------------------------------------------- end to end


def test_a_second_run_with_nothing_changed_replays_the_same_report(tmp_path: Path) -> None:
    app = _app(tmp_path)
    timings = tmp_path / "t.json"
    first = _run(app, "scan", ".", timings=timings)
    assert first.returncode == 1 and "CL201" in first.stdout
    assert not _replayed(timings) and len(_stamps(app)) == 1
    second = _run(app, "scan", ".", timings=timings)
    assert _replayed(timings)
    assert (second.returncode, second.stdout, second.stderr) == (first.returncode, first.stdout, first.stderr)
    # Another command line is another report: its own stamp.
    as_json = _run(app, "scan", ".", "--format", "json", timings=timings)
    assert not _replayed(timings) and json.loads(as_json.stdout)
    assert _run(app, "scan", ".", "--format", "json", timings=timings).stdout == as_json.stdout and _replayed(timings)
    assert len(_stamps(app)) == 2


@pytest.mark.parametrize("change", [
    "edit a module", "add a module", "remove a module", "edit a data file the code loads",
    "add the document the code shows", "add a configuration file above", "add a .gitignore above",
    "remove the .gitignore", "make the folder a virtual environment",
])
def test_any_changed_input_runs_the_scan_again(tmp_path: Path, change: str) -> None:
    app = _app(tmp_path)
    (app / "about.md").unlink()  # shown by the code, not there at first
    _age(tmp_path)
    timings = tmp_path / "t.json"
    first = _run(app, "scan", ".", timings=timings)
    assert _run(app, "scan", ".", timings=timings).stdout == first.stdout and _replayed(timings)
    if change == "edit a module":
        (app / "helpers" / "util.py").write_text("def shout(text):\n    return text.lower()\n", encoding="utf-8")
    elif change == "add a module":
        (app / "helpers" / "more.py").write_text("X = 1\n", encoding="utf-8")
    elif change == "remove a module":
        (app / "helpers" / "util.py").unlink()
    elif change == "edit a data file the code loads":
        (app / "personas.json").write_text('{"default": "Taylor Swift"}', encoding="utf-8")
    elif change == "add the document the code shows":
        (app / "about.md").write_text("Answers come from an AI model and may be wrong.\n", encoding="utf-8")
    elif change == "add a configuration file above":
        (tmp_path / "pyproject.toml").write_text('[tool.complint]\nignore = ["CL201"]\n', encoding="utf-8")
    elif change == "add a .gitignore above":
        (tmp_path / ".gitignore").write_text("app/helpers/\n", encoding="utf-8")
    elif change == "remove the .gitignore":
        (app / ".gitignore").unlink()
    elif change == "make the folder a virtual environment":
        (app / "helpers" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")
    again = _run(app, "scan", ".", timings=timings)
    assert not _replayed(timings), change
    if change in ("edit a data file the code loads", "add the document the code shows", "add a configuration file above"):
        assert again.stdout != first.stdout  # and the report says what changed


def test_an_environment_variable_that_changes_the_report_runs_the_scan(tmp_path: Path) -> None:
    app = _app(tmp_path)
    timings = tmp_path / "t.json"
    _run(app, "scan", ".", timings=timings)
    _run(app, "scan", ".", timings=timings)
    assert _replayed(timings)
    colored = _run(app, "scan", ".", env={"FORCE_COLOR": "1"}, timings=timings)
    assert not _replayed(timings) and "\x1b[" in colored.stdout


def test_no_stamp_without_the_cache_or_for_a_report_written_to_a_file(tmp_path: Path) -> None:
    app = _app(tmp_path)
    _run(app, "scan", ".", "--no-cache")
    _run(app, "scan", ".", "-o", str(tmp_path / "report.txt"))
    assert _stamps(app) == []
    (app / "pyproject.toml").write_text("[tool.complint]\ncache = false\n", encoding="utf-8")
    _age(tmp_path)
    _run(app, "scan", ".")
    assert _stamps(app) == []


def test_inputs_changed_just_before_the_run_write_no_stamp(tmp_path: Path) -> None:
    app = _app(tmp_path)
    module = app / "helpers" / "util.py"
    module.write_text("Y = 2\n", encoding="utf-8")
    later = time.time_ns() + 1_000_000_000  # as if written while the run starts (or by a clock ahead)
    os.utime(module, ns=(later, later))
    _run(app, "scan", ".")
    assert _stamps(app) == []


def test_racy_is_within_the_tick_and_the_clock_lag_of_the_start() -> None:
    recorder = replay.Recorder.__new__(replay.Recorder)
    recorder.started_ns = start = 1_700_000_010_000_000_001
    for mtime, racy in ((start - 10_000_000 - 7, True), (start - 60_000_000 - 7, False),
                        (1_700_000_009_000_000_000, True), (1_700_000_007_000_000_000, False)):
        recorder.inputs = {"/app/x.py": (10, mtime, 1), "/app/gone.py": (replay._ABSENT, 0, 0)}
        assert recorder.racy() is racy, mtime


def test_an_input_changed_a_moment_before_the_run_is_trusted_once_its_tick_is_past(tmp_path: Path) -> None:
    app = _app(tmp_path)
    module = app / "helpers" / "util.py"
    module.write_text("Y = 2\n", encoding="utf-8")
    if module.stat().st_mtime_ns % 1_000_000_000 == 0:
        pytest.skip("a file system that keeps whole seconds: its tick is up to 2 s")
    time.sleep(0.3)  # well past a nanosecond file system's tick and the coarse clock's lag
    timings = tmp_path / "t.json"
    first = _run(app, "scan", ".", timings=timings)
    assert len(_stamps(app)) == 1
    assert _run(app, "scan", ".", timings=timings).stdout == first.stdout and _replayed(timings)


@pytest.mark.parametrize("mtime_ns, tick", [
    (1_700_000_000_123_456_789, 1), (1_700_000_000_123_456_780, 10), (1_700_000_000_123_000_000, 1_000_000),
    (1_700_000_000_120_000_000, 10_000_000), (1_700_000_001_000_000_000, 2_000_000_000),
])
def test_the_timestamp_granularity_is_read_off_the_time(mtime_ns: int, tick: int) -> None:
    assert replay._tick(mtime_ns) == tick


def test_a_run_with_a_cache_in_trouble_is_not_recorded(tmp_path: Path) -> None:
    """Its note about the cache is not replayed as if the cache were still damaged."""
    app = _app(tmp_path)
    timings = tmp_path / "t.json"
    _run(app, "scan", ".", timings=timings)
    (app / ".complint_cache" / "facts.json").write_bytes(b"{damaged")
    (app / "helpers" / "util.py").write_text("Z = 3\n", encoding="utf-8")
    _age(tmp_path)
    noted = _run(app, "scan", ".", timings=timings)
    assert "cache" in noted.stderr and not _replayed(timings)
    again = _run(app, "scan", ".", timings=timings)
    assert not _replayed(timings) and "cache" not in again.stderr  # scanned: the cache is whole again


def test_a_damaged_stamp_runs_the_scan_and_is_replaced(tmp_path: Path) -> None:
    app = _app(tmp_path)
    timings = tmp_path / "t.json"
    first = _run(app, "scan", ".", timings=timings)
    (stamp,) = _stamps(app)
    stamp.write_bytes(b"\x00not marshal")
    again = _run(app, "scan", ".", timings=timings)
    assert not _replayed(timings) and again.stdout == first.stdout
    assert _run(app, "scan", ".", timings=timings).stdout == first.stdout and _replayed(timings)


def test_stamps_kept_are_the_newest_few(tmp_path: Path) -> None:
    app = _app(tmp_path)
    for n in range(replay._KEPT + 3):
        _run(app, "scan", ".", "--select", f"CL{n}")
    assert len(_stamps(app)) == replay._KEPT


# --------------------------------------------------------------------- every input recorded


class _Watch:
    """The paths a scan opens and the paths it asks the status of."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.opened: Set[str] = set()
        self.looked: Set[str] = set()
        real_stat, real_open, real_os_open, real_scandir = os.stat, builtins.open, os.open, os.scandir

        def stat(path, *args, **kwargs):  # type: ignore[no-untyped-def]
            if not isinstance(path, int):
                self.looked.add(os.path.abspath(os.fspath(path)))
            return real_stat(path, *args, **kwargs)

        def opened(path, *args, **kwargs):  # type: ignore[no-untyped-def]
            if not isinstance(path, int):
                self.opened.add(os.path.abspath(os.fspath(path)))
            return real_open(path, *args, **kwargs)

        def os_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
            self.opened.add(os.path.abspath(os.fspath(path)))
            return real_os_open(path, *args, **kwargs)

        def scandir(path=".", *args, **kwargs):  # type: ignore[no-untyped-def]
            self.opened.add(os.path.abspath(os.fspath(path)))
            return real_scandir(path, *args, **kwargs)

        monkeypatch.setattr(os, "stat", stat)
        monkeypatch.setattr(builtins, "open", opened)
        monkeypatch.setattr(io, "open", opened)
        monkeypatch.setattr(os, "open", os_open)
        monkeypatch.setattr(os, "scandir", scandir)


def test_every_path_the_scan_reads_or_looks_for_is_an_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stamp is as good as its list of inputs: watch what a whole scan touches (one
    process, `-j 1`), and require each file it opens, and each path it looks for, to be
    recorded (a path looked for may instead lie in a recorded folder, whose time changes
    when the path comes or goes)."""
    app = _app(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.complint]\nextend = "shared.toml"\n', encoding="utf-8")
    (tmp_path / "shared.toml").write_text('extend-exclude = ["scratch/"]\n', encoding="utf-8")
    (app / "complint.yaml").write_text("app:\n  name: Librarian\n  audience: consumers\n", encoding="utf-8")
    (app / "pyenv").mkdir()
    (app / "pyenv" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")
    (app / "web").mkdir()
    (app / "web" / "page.tsx").write_text("export const Hello = () => <p>Hello</p>;\n", encoding="utf-8")
    _age(tmp_path)
    monkeypatch.chdir(app)
    monkeypatch.setattr(sys, "argv", ["complint", "scan", ".", "-j", "1"])
    monkeypatch.setattr(replay, "candidate", (["scan", ".", "-j", "1"], replay._parts(["scan", ".", "-j", "1"])))
    monkeypatch.setattr(replay, "recording", None)
    watch = _Watch(monkeypatch)
    result = CliRunner().invoke(cli.main, ["scan", ".", "-j", "1"])
    recorder = replay.recording
    monkeypatch.undo()
    assert result.exit_code == 1, result.output
    assert recorder is not None and not recorder.spoiled
    inputs = recorder.inputs
    folders = {path for path, status in inputs.items() if status[0] == replay._FOLDER}

    def ours(path: str) -> bool:  # complint's own files, its cache, and Python's are not the app's
        package = os.path.dirname(os.path.abspath(replay.__file__))
        own = (package, os.path.join(os.path.dirname(package), "checks"), recorder.cache_folder, sys.prefix, sys.base_prefix)
        return any(path == top or path.startswith(top + os.sep) for top in own) or not path.startswith(str(tmp_path))

    unrecorded = sorted(p for p in watch.opened if not ours(p) and p not in inputs)
    assert unrecorded == []
    above = {str(folder) for folder in app.parents}  # folders while the app is in them: nothing to record
    unseen = sorted(p for p in watch.looked - above if not ours(p) and p not in inputs and os.path.dirname(p) not in folders)
    assert unseen == []
    for needed in (tmp_path / "pyproject.toml", tmp_path / "shared.toml", app / "personas.json", app / "about.md",
                   app / "pyenv" / "pyvenv.cfg", app / "web" / "page.tsx", app / "complint.yaml", tmp_path / ".git"):
        assert str(needed) in inputs, needed


@pytest.mark.parametrize("forgery", ["no inputs", "inputs without the scanned folder", "oversized"])
def test_a_stamp_that_does_not_prove_itself_is_not_replayed(tmp_path: Path, forgery: str) -> None:
    """A `.complint_cache` committed to a repository (forced past its .gitignore) must not
    pass a gate: a forged stamp with a clean report is ignored unless it holds the status
    of the scanned folder and of complint, which no one knows before the checkout."""
    import marshal

    app = _app(tmp_path)
    timings = tmp_path / "t.json"
    first = _run(app, "scan", ".", timings=timings)
    (stamp_file,) = _stamps(app)
    stamp = marshal.loads(stamp_file.read_bytes())
    here = str(app)
    if forgery == "no inputs":
        stamp["inputs"] = []
    elif forgery == "inputs without the scanned folder":
        stamp["inputs"] = [entry for entry in stamp["inputs"] if entry[0] != here]
    stamp["output"], stamp["exit"] = [(False, "FORGED: all clear\n")], 0
    data = marshal.dumps(stamp)
    if forgery == "oversized":
        data += b"\0" * (replay._MAX_BYTES + 1 - len(data))
    stamp_file.write_bytes(data)
    again = _run(app, "scan", ".", timings=timings)
    assert not _replayed(timings)
    assert "FORGED" not in again.stdout and (again.returncode, again.stdout) == (first.returncode, first.stdout)
