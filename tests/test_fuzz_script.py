"""The adversarial battery (benchmarks/fuzz.py) builds the same cases from the same seed,
and judges what `complint init` did to a pyproject.toml as the issue asks."""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "fuzz.py"
spec = importlib.util.spec_from_file_location("complint_fuzz", SCRIPT)
fuzz = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = fuzz  # its dataclasses look their module up
spec.loader.exec_module(fuzz)


def test_mutations_are_reproducible():
    seed = b"import openai\nprint('hi')\n"
    first = [fuzz.mutate(seed, random.Random(f"7/{n}")) for n in range(50)]
    assert first == [fuzz.mutate(seed, random.Random(f"7/{n}")) for n in range(50)]
    assert len(set(first)) > 40 and all(len(m) <= 1 << 20 for m in first)
    assert [fuzz.kind_of(n, "7", fuzz.KINDS) for n in range(30)] == [fuzz.kind_of(n, "7", fuzz.KINDS) for n in range(30)]


def test_init_damage_is_judged_by_what_the_file_says():
    before = b'[project]\r\nname = "x"\r\n'
    good = before + b'\r\n[tool.complint.app]\r\naudience = "consumer"\r\n'
    assert fuzz.init_damage(before, good, True) == ""
    assert fuzz.init_damage(before, good.replace(b"\r\n", b"\n"), True) == "init lost the file's CRLF line endings"
    assert fuzz.init_damage(before, before + b"[tool.complint.app]\r\n[tool.complint.app]\r\n", True).startswith("init left invalid TOML")
    assert fuzz.init_damage(before, b'[project]\nname = "y"\n[tool.complint.app]\n', True) == "init changed what the rest of the file says"
    assert fuzz.init_damage(b"[project\n", b"[project\n[tool.complint.app]\n", True) == "init wrote into a file that was not valid TOML"
    assert fuzz.init_damage(before, before, False) == ""
    assert fuzz.init_damage(before, b"", False) == "init refused but changed the file"


def test_a_small_battery_runs_and_writes_its_summary(tmp_path):
    assert fuzz.main(["--seed", "3", "--files", "2", "--kinds", "init", "--out", str(tmp_path), "--timeout", "60",
                      "--slow", "60"]) == 0
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["cases_by_kind"] == {"init": summary["cases"]} and summary["generated_files_and_trees"] >= 2
    assert summary["failing_runs"] == 0 and summary["runs"] == summary["cases"]
    assert (tmp_path / "summary.txt").read_text().startswith("complint fuzz, seed 3: ")


def test_a_leak_is_the_outside_file_in_a_report_not_the_note_that_skipped_it():
    marker = fuzz.OUTSIDE_MARKER
    assert fuzz._leaked(f"linked.py:3:1: CL201 [error] ...\n  = evidence: ../outside/{marker}.py:1:1: model call\n")
    assert fuzz._leaked(f'{{"path": "linked_file.py", "message": "reads {marker}"}}')
    assert not fuzz._leaked(f"complint: linked_file.py: skipped: symbolic link to /tmp/x/outside/{marker}.py, outside the scanned tree\n")
    assert not fuzz._leaked("All clear: no findings in 2 files.\n")
