"""Ctrl-C and SIGTERM end the command with 130 and 143, and no process it started outlives it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import List

import pytest

from complint import parallel

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; the pool forks on Linux")

# Each file is parsed (it imports a model SDK), so the pool's processes are busy for seconds
# (a few, with the standard library's parser: the app is large enough that a signal sent
# 0.2 s into the work still finds it working on a loaded machine).
MODULE = "import openai\n\n" + "".join(
    f"def answer_{i}(q):\n    return openai.OpenAI().chat.completions.create(model='m', messages=[{{'role': 'user', 'content': q + '{i}'}}])\n\n"
    for i in range(60)
)


@pytest.fixture(scope="module")
def big_app(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("big")
    files = max(parallel.PARALLEL_FILES, parallel.PARSE_HERE) * 6
    for i in range(files):
        (root / f"module_{i}.py").write_text(MODULE)
    return root


def _children(pid: int) -> List[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended
    except OSError:
        return False


def _start_and_wait_for_workers(root: Path):
    scan = subprocess.Popen(
        [sys.executable, "-m", "complint", "scan", "--no-cache", "--jobs", "2", str(root)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 60
    workers: List[int] = []
    while time.monotonic() < deadline and scan.poll() is None:
        workers = _children(scan.pid)
        if len(workers) >= 2:  # the pool's (the early parser process is gone with --no-cache)
            break
        time.sleep(0.01)
    assert len(workers) >= 2, "the scan never started its pool"
    return scan, workers


def _assert_gone(workers: List[int]) -> None:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(map(_alive, workers)):
        time.sleep(0.05)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:  # the test failed: leave nothing running on the machine either
        os.kill(pid, signal.SIGKILL)
    assert left == []


def _finish(scan: subprocess.Popen, workers: List[int]):
    """Its output, once it has ended (the workers hold its pipes: they are ended on a timeout)."""
    try:
        return scan.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        _assert_gone(workers)
        raise


@pytest.mark.parametrize("sent, code, said", [(signal.SIGTERM, 143, "complint: terminated\n"),
                                               (signal.SIGINT, 130, "complint: interrupted\n")])
def test_a_signal_ends_the_scan_and_its_pool(big_app, sent, code, said):
    scan, workers = _start_and_wait_for_workers(big_app)
    time.sleep(0.2)  # well into the work
    scan.send_signal(sent)
    out, err = _finish(scan, workers)
    assert scan.returncode == code, err
    assert err == said  # one line: no "Aborted!", no traceback from a worker
    assert out == ""
    _assert_gone(workers)


def test_workers_die_with_a_parent_killed_outright(big_app):
    scan, workers = _start_and_wait_for_workers(big_app)
    scan.kill()  # SIGKILL: no handler runs; the processes must notice by themselves
    _finish(scan, workers)
    _assert_gone(workers)


def test_sigterm_outside_the_commands_catch_still_exits_143(monkeypatch, capsys):
    # SIGTERM while click reads the command line, or once the report is out: the handler's
    # Terminated reaches __main__, which said "interrupted" and 130 (the fuzz battery's
    # seed 5 case 10).
    import pytest

    from complint import __main__ as entry_point
    from complint import cli, prewarm

    def terminated():
        raise cli.Terminated()

    monkeypatch.setattr(prewarm, "fork_early", lambda argv: None)
    monkeypatch.setattr(cli, "entry", terminated)
    with pytest.raises(SystemExit) as exited:
        entry_point.main()
    assert exited.value.code == 143 and "complint: terminated" in capsys.readouterr().err

    monkeypatch.setattr(cli, "entry", lambda: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(SystemExit) as exited:
        entry_point.main()
    assert exited.value.code == 130 and "complint: interrupted" in capsys.readouterr().err
