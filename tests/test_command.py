"""`complint scan` read without click (complint/command.py): the same parameters as click
gives, the same output and exit code, and click not imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import write_app

from complint import cli, command

APP = {
    "assistant.py": """\
        import gradio as gr
        from openai import OpenAI

        GUIDE = "You are Mira, a friendly guide for our hiking club."

        def reply(message, history):
            answer = OpenAI().chat.completions.create(model="m", messages=[
                {"role": "system", "content": GUIDE}, {"role": "user", "content": message}])
            return answer.choices[0].message.content

        gr.ChatInterface(reply).launch()
        """,
}


def _clicks(argv):
    """The parameters click gives `scan` for `argv` (the arguments after `scan`)."""
    return cli.scan.make_context("scan", list(argv)).params


@pytest.fixture()
def plain(monkeypatch):
    # Under pytest the standard streams are its capture, which click wraps; the command's
    # are plain text files (checked in the processes below).
    monkeypatch.setattr(command, "plain_streams", lambda: True)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["."],
        ["app", "lib", "-q"],
        ["-q", "--no-cache", "app"],
        ["--format", "json", "app"],
        ["--format=sarif", "-o", "out.sarif", "app"],
        ["-o", "sarif:a.sarif", "--output", "json:b.json", "--output=c.txt"],
        ["--color", "always", "--statistics", "--exit-zero"],
        ["--select", "CL1,CL2", "--select=cl201", "--extend-select", "CL3", "--ignore", "CL001"],
        ["--fail-on", "error", "--fail-on", "info"],  # the last one counts
        ["-j", "3", "--jobs=1", "--no-prefilter", "--quiet"],
        ["--config", "missing.toml", "--baseline", "missing.json"],
        ["--jobs", "007"],
    ],
)
def test_a_plain_scan_is_read_as_click_reads_it(argv, plain, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app").mkdir()
    fast = command.scan_arguments(["scan", *argv])
    assert fast is not None, "the command lines CI and pre-commit run are read without click"
    assert fast == _clicks(argv)


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["-h"],
        ["--format", "yaml"],  # not a format: click says so
        ["--format"],  # no value
        ["--color", "ALWAYS"],
        ["--fail-on", "critical"],
        ["-j", "0"],
        ["-j", "two"],
        ["-j", "+2"],
        ["-qj", "2"],  # short options run together
        ["-o=out.txt"],
        ["-o", "-q"],  # click would take "-q" as the file
        ["--no-cache=yes"],
        ["--staged"],
        ["--diff", "main"],
        ["--write-baseline", "b.json"],
        ["--show-files"],
        ["--show-settings"],
        ["--", "app"],
        ["-"],
        [""],
        ["--config", "."],  # a folder: click refuses it
        ["--baseline", "."],
        ["-o", "nope:x.txt"],  # an unknown format
        ["-o", "a.txt", "-o", "./a.txt"],  # two reports to one file
        ["--unknown"],
        ["--no-cach"],  # a prefix is no option for click
    ],
)
def test_anything_else_is_left_to_click(argv, plain, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert command.scan_arguments(["scan", *argv]) is None


def test_other_commands_and_group_options_are_left_to_click(plain):
    for argv in (["rules"], ["explain", "CL201"], ["--debug", "scan"], ["--version"], ["check", "."], []):
        assert command.scan_arguments(argv) is None


def test_an_unreadable_path_is_left_to_click(plain, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "closed").mkdir()
    monkeypatch.setattr(command.os, "access", lambda path, mode: False)
    assert command.scan_arguments(["scan", "closed"]) is None
    assert command.scan_arguments(["scan", "absent"]) is not None  # click asks nothing of an absent path


def test_streams_click_would_wrap_are_left_to_click(monkeypatch):
    import io

    ascii_out = io.TextIOWrapper(io.BytesIO(), encoding="ascii", errors="strict")
    monkeypatch.setattr(sys, "stdout", ascii_out)
    assert not command.plain_streams()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict"))
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace"))
    assert command.plain_streams()
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert not command.plain_streams()


def _run(tmp_path: Path, *args: str, env_extra=None):
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COMPLINT_TIMINGS")}
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "complint", *args], cwd=tmp_path, capture_output=True, text=True, env=env, check=False
    )


def _without_import_times(stderr: str) -> str:
    return "".join(line + "\n" for line in stderr.splitlines() if not line.startswith("import time:"))


def _imports_click(stderr: str) -> bool:
    return any(line.startswith("import time:") and line.split("|")[-1].strip() == "click" for line in stderr.splitlines())


@pytest.mark.parametrize(
    "args",
    [
        ["-q", "app"],
        ["--format", "json", "app"],
        ["--no-cache", "--color", "always", "app"],  # colour codes kept for a pipe, as click keeps them
        ["--statistics", "--exit-zero", "app"],
        ["--select", "CL201", "app"],
        ["missing"],  # nothing scanned there: an error, exit 2
        ["--config", "bad.toml", "app"],  # a configuration error: one line, exit 2
        ["-o", "report.json", "--format", "json", "app"],
    ],
)
def test_the_scan_without_click_says_and_exits_as_with_it(tmp_path, args):
    write_app(tmp_path / "app", APP)
    (tmp_path / "bad.toml").write_text("[tool.complint]\nfail-on = 'sometimes'\n")
    fast = _run(tmp_path, "scan", *args)
    written = (tmp_path / "report.json").read_text() if (tmp_path / "report.json").exists() else None
    (tmp_path / "report.json").unlink(missing_ok=True)
    slow = _run(tmp_path, "--debug", "scan", *args)  # --debug: click reads the command line
    assert not _imports_click(fast.stderr) and _imports_click(slow.stderr)
    assert fast.returncode == slow.returncode
    assert fast.stdout == slow.stdout
    assert _without_import_times(fast.stderr) == _without_import_times(slow.stderr)
    if written is not None:
        assert written == (tmp_path / "report.json").read_text()
    if args == ["-q", "app"]:
        assert fast.returncode == 1 and "CL201" in fast.stdout


def test_a_bug_is_one_line_and_exit_2_without_click_too(tmp_path):
    """An internal error in a scan read without click: the line click's group writes."""
    write_app(tmp_path / "app", APP)
    breaking = tmp_path / "sitecustomize.py"
    breaking.write_text(
        "import complint.engine as e\n"
        "def broken(*a, **k):\n    raise RuntimeError('boom')\n"
        "e.scan = broken\n"
    )
    fast = _run(tmp_path, "scan", "app", env_extra={"PYTHONPATH": str(tmp_path)})
    slow = _run(tmp_path, "--debug", "scan", "app", env_extra={"PYTHONPATH": str(tmp_path)})
    assert not _imports_click(fast.stderr)
    assert fast.returncode == 2
    assert "complint: internal error: RuntimeError: boom (this is a bug in complint" in fast.stderr
    assert "Traceback" in slow.stderr and slow.returncode == 2  # --debug asked for the traceback
