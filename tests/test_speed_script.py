"""benchmarks/speed.py, the workload benchmark, and the timings it reads (COMPLINT_TIMINGS)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from helpers import load_benchmark

ROOT = Path(__file__).resolve().parent.parent
S = load_benchmark("speed.py", "speed_benchmark")

APP = (
    "import streamlit as st\nfrom openai import OpenAI\n\n"
    "q = st.chat_input('Ask')\n"
    "st.write(OpenAI().chat.completions.create(model='m', messages=[{'role': 'user', 'content': q}]))\n"
)


def test_the_command_writes_where_its_time_went(tmp_path):
    (tmp_path / "app.py").write_text(APP)
    out = tmp_path / "timings.json"
    env = {**os.environ, "COMPLINT_TIMINGS": str(out)}
    subprocess.run([sys.executable, "-m", "complint", "scan", "--no-cache", "-q", str(tmp_path)],
                   env=env, capture_output=True, check=False)
    data = json.loads(out.read_text())
    phases = data["phases"]
    for phase in ("configuration", "pack", "discovery", "extraction", "project", "rules", "report"):
        assert phases[phase] >= 0.0, phase
    assert phases["extraction: python"] > 0.0  # app.py was parsed
    assert data["in_process"] >= sum(v for k, v in phases.items() if not k.startswith("extraction: "))


def test_without_the_variable_nothing_is_written(tmp_path):
    (tmp_path / "app.py").write_text(APP)
    env = {k: v for k, v in os.environ.items() if k != "COMPLINT_TIMINGS"}
    subprocess.run([sys.executable, "-m", "complint", "scan", "--no-cache", "-q", "."], cwd=tmp_path,
                   env=env, capture_output=True, check=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.py"]


def test_the_benchmark_runs_on_the_clones_it_finds(tmp_path, capsys):
    field = tmp_path / "field"
    clone = field / "streamlit+llm-examples"  # a repository of the first field test
    (clone / ".git").mkdir(parents=True)
    (clone / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (clone / "app.py").write_text(APP)
    out = tmp_path / "figures.json"
    ruff = tmp_path / "no-ruff"  # absent: the ratios are left out, the rest measured
    code = S.main(["--field-dir", str(field), "--rounds", "1", "--json", str(out),
                   "--complint", str(Path(sys.executable).parent / "complint"), "--ruff", str(ruff)])
    assert code == 0
    figures = json.loads(out.read_text())
    row = figures["repositories"]["streamlit+llm-examples"]
    assert row["files"] == 1 and row["lines"] == APP.count("\n")  # .git was not copied
    assert row["cold"] > 0 and row["warm"] > 0 and row["touched"] > 0 and row["floor"] > 0
    assert "extraction: python" in figures["phases"]["cold"]
    assert "start-up and imports" in figures["phases"]["warm"]
    printed = capsys.readouterr().out
    assert "where the cold time went" in printed and "streamlit+llm-examples" in printed


def test_no_clone_is_an_error_not_a_crash(tmp_path):
    assert S.main(["--field-dir", str(tmp_path), "--rounds", "1"]) == 1
