"""The wheel is complete: installed into a fresh virtual environment, it scans a folder
outside the repository, with its policy pack."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_installs_and_scans_outside_the_repository(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True, capture_output=True,
    )
    (wheel,) = dist.glob("complint-*.whl")
    import zipfile

    shipped = set(zipfile.ZipFile(wheel).namelist())
    for name in ("real.txt", "historical.txt", "fictional.txt"):  # CL401's lists of people
        assert f"complint/checks/people/{name}" in shipped
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True)
    complint = env_dir / "bin" / "complint"

    for name, expected in (("chatbot-no-disclosure", 1), ("chatbot-with-disclosure", 0), ("batch-summariser", 0)):
        target = tmp_path / "apps" / name
        shutil.copytree(ROOT / "examples" / name, target)
        proc = subprocess.run([str(complint), "scan", str(target)], capture_output=True, text=True, cwd=tmp_path)
        assert proc.returncode == expected, proc.stdout + proc.stderr
        if expected:
            assert "app.py:23:16: CL201 [error]" in proc.stdout
    target = tmp_path / "apps" / "celebrity-persona-bot"
    shutil.copytree(ROOT / "examples" / "celebrity-persona-bot", target)
    proc = subprocess.run([str(complint), "scan", str(target)], capture_output=True, text=True, cwd=tmp_path)
    assert "listed in checks/people/real.txt" in proc.stdout, proc.stdout + proc.stderr
    rules = subprocess.run([str(complint), "rules"], capture_output=True, text=True, check=True)
    assert "CL201" in rules.stdout

