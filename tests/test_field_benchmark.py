"""The field-test runner (benchmarks/field.py): the fixed split into halves, the scoring, the
per-half totals, and clones made from local mirrors."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest

from helpers import load_benchmark

ROOT = Path(__file__).resolve().parent.parent
F = load_benchmark("field.py", "field_runner")


def _git(*args, cwd=None):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


def _repo_with_commit(path: Path, files: dict) -> str:
    path.mkdir(parents=True)
    _git("init", "-q", str(path))
    for name, text in files.items():
        (path / name).write_text(text, encoding="utf-8")
    _git("add", ".", cwd=path)
    _git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "one", cwd=path)
    return _git("rev-parse", "HEAD", cwd=path)


def _names_in_half(half: str, count: int):
    names = []
    i = 0
    while len(names) < count:
        name = f"owner/app{i}"
        if F.half_of(name) == half:
            names.append(name)
        i += 1
    return names


# --------------------------------------------------------------------------- split


def test_half_is_the_parity_of_the_first_sha256_byte():
    for name in ("a/b", "mihirathale98/PersonaGPT", "x/y-z", "ÿ/ü"):
        first = hashlib.sha256(name.encode("utf-8")).digest()[0]
        assert F.half_of(name) == ("development" if first % 2 == 0 else "held-out")


def test_second_field_test_declares_the_split_and_both_halves_are_populated():
    settings, specs = F.load_document(ROOT / "benchmarks" / "field2_expectations.yaml")
    assert settings.get("split") == F.SPLIT_RULE
    assert len(specs) >= 40
    halves = {F.half_of(s["repo"]) for s in specs}
    assert halves == {"development", "held-out"}
    first = {s["repo"] for s in F.load_expectations(ROOT / "benchmarks" / "field_expectations.yaml")}
    assert not first & {s["repo"] for s in specs}, "the second field test reuses no repository of the first"
    for spec in specs:
        assert len(spec["commit"]) == 40 and spec["dir"] == spec["repo"].replace("/", "+")


# --------------------------------------------------------------------------- scoring


def test_score_counts_right_duplicate_debatable_false_alarm_and_missed():
    spec = {"expected": [
        {"code": "CL001"},
        {"code": "CL201", "path": "a.py", "status": "expected"},
        {"code": "CL301", "status": "expected"},
        {"code": "CL113", "status": "debatable"},
    ]}
    findings = [
        {"rule": "CL001", "path": "."},
        {"rule": "CL201", "path": "b.py", "line": 3},
        {"rule": "CL201", "path": "a.py", "line": 9},
        {"rule": "CL113", "path": "a.py", "line": 1},
        {"rule": "CL401", "path": "a.py", "line": 2},
    ]
    verdicts, cl001 = F.score(spec, findings)
    assert cl001 == "right"
    assert sorted((v.verdict, v.code) for v in verdicts) == [
        ("debatable", "CL113"), ("duplicate", "CL201"), ("false alarm", "CL401"),
        ("missed", "CL301"), ("right", "CL201"),
    ]


def test_debatable_cl001_is_scored_neither_way():
    _, cl001 = F.score({"expected": [{"code": "CL001", "status": "debatable"}]}, [{"rule": "CL001"}])
    assert cl001 == "debatable"
    _, cl001 = F.score({"expected": []}, [{"rule": "CL001"}])
    assert cl001 == "false alarm"


def test_totals_are_split_by_half_and_cl001_stays_apart():
    def result(repo, half, verdicts, cl001):
        r = F.RepoResult(repo=repo, dir=repo.replace("/", "+"), commit="c", kind="k", half=half)
        r.verdicts = [F.Verdict(v, "CL201", "a.py:1", "") for v in verdicts]
        r.cl001 = cl001
        return r

    results = [
        result("a/dev1", "development", ["right", "false alarm"], "right"),
        result("a/dev2", "development", ["missed"], "missed"),
        result("a/held", "held-out", ["right", "right", "missed"], "right"),
    ]
    crashed = F.RepoResult(repo="a/boom", dir="a+boom", commit="c", kind="k", half="held-out", status="crashed")
    halves = F.half_totals(results + [crashed])
    dev, held = halves["development"], halves["held-out"]
    assert (dev["right"], dev["false_alarms"], dev["missed"]) == (1, 1, 1)
    assert dev["precision"] == 0.5 and dev["recall"] == 0.5
    assert dev["cl001"]["right"] == 1 and dev["cl001"]["missed"] == 1
    assert (held["right"], held["missed"], held["crashes"]) == (2, 1, 1)
    assert held["precision"] == 1.0
    assert F.half_totals([result("a/b", "", ["right"], "right")]) == {}


# --------------------------------------------------------------------------- mirrors and an end-to-end run


@pytest.fixture()
def mirrored_app(tmp_path):
    source = tmp_path / "src"
    commit = _repo_with_commit(source, {
        "app.py": "import streamlit as st\nfrom openai import OpenAI\n\nclient = OpenAI()\n"
                  "q = st.chat_input('Say something')\n"
                  "if q:\n    st.write(client.chat.completions.create(model='m', messages=[]))\n",
    })
    mirrors = tmp_path / "mirrors"
    (mirrors / "owner+app").mkdir(parents=True)
    _git("clone", "-q", "--bare", str(source), str(mirrors / "owner+app" / "repo"))
    return mirrors, commit


def test_materialise_checks_out_the_recorded_commit_from_a_mirror(tmp_path, mirrored_app):
    mirrors, commit = mirrored_app
    field = tmp_path / "field"
    spec = {"repo": "owner/app", "dir": "owner+app", "commit": commit}
    note = F.materialise(spec, field, mirrors)
    assert note.startswith("owner+app: made at")
    assert F.git_head(field / "owner+app") == commit
    assert F.materialise(spec, field, mirrors) == "", "an existing clone is left alone"
    assert "no mirror" in F.materialise({"dir": "nobody+here", "commit": commit}, field, mirrors)
    missing = F.materialise({"dir": "owner+app", "commit": "0" * 40}, tmp_path / "other", mirrors)
    assert "lacks commit" in missing


def test_a_split_expectations_file_prints_totals_per_half(tmp_path, mirrored_app, capsys):
    mirrors, commit = mirrored_app
    dev, held = _names_in_half("development", 1)[0], _names_in_half("held-out", 1)[0]
    for name in (dev, held):
        _git("clone", "-q", "--bare", str(mirrors / "owner+app" / "repo"), str(mirrors / name.replace("/", "+") / "repo"))
    expectations = tmp_path / "e.yaml"
    expectations.write_text(
        "split: sha256-first-byte\nrepos:\n"
        + "".join(
            f"- repo: {name}\n  dir: \"{name.replace('/', '+')}\"\n  commit: \"{commit}\"\n  kind: chat\n"
            f"  expected:\n  - {{code: CL001}}\n  - {{code: {code}, status: expected}}\n"
            for name, code in ((dev, "CL201"), (held, "CL304"))
        ),
        encoding="utf-8",
    )
    argv = ["--expectations", str(expectations), "--field-dir", str(tmp_path / "field"),
            "--mirror-dir", str(mirrors), "--materialise", "--format", "json"]
    assert F.main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    halves = out["halves"]
    assert set(halves) == {"development", "held-out"}
    assert halves["development"]["right"] == 1 and halves["development"]["missed"] == 0
    assert halves["held-out"]["missed"] == 1 and halves["held-out"]["false_alarms"] == 1
    assert halves["development"]["crashes"] == halves["held-out"]["crashes"] == 0
    assert {r["repo"]: r["half"] for r in out["repositories"]} == {dev: "development", held: "held-out"}

    assert F.main(argv + ["--half", "held-out"]) == 0
    only = json.loads(capsys.readouterr().out)
    assert [r["repo"] for r in only["repositories"]] == [held]


def test_an_unknown_split_rule_is_not_split(tmp_path, capsys):
    expectations = tmp_path / "e.yaml"
    expectations.write_text("split: by-mood\nrepos:\n- repo: a/b\n  dir: a+b\n  commit: c\n", encoding="utf-8")
    assert F.main(["--expectations", str(expectations), "--field-dir", str(tmp_path), "--format", "json"]) == 0
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert out["halves"] == {} and out["repositories"][0]["status"] == "absent"
    assert "unknown split rule" in captured.err
