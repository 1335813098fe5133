"""Integrations: the pre-commit hook (installed by a real `pre-commit try-repo`) and the GitHub Action.

The try-repo tests make pre-commit build a virtual environment and pip-install complint
into it, so they need the package index (CI has it). Offline:
`python -m pytest -m "not precommit"`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import write_app

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
DECLARATION = """\
[project]
name = "acme-help"

[tool.complint.app]
audience = "consumer"
interfaces = ["chat", "web"]
"""
GIT_ENV = {
    "GIT_AUTHOR_NAME": "complint tests",
    "GIT_AUTHOR_EMAIL": "tests@complint.invalid",
    "GIT_COMMITTER_NAME": "complint tests",
    "GIT_COMMITTER_EMAIL": "tests@complint.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def _git(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV}, capture_output=True, text=True, check=True
    )
    return done.stdout


def _commit_all(directory: Path) -> None:
    _git("init", "-q", cwd=directory)
    _git("add", "-A", cwd=directory)
    _git("commit", "-q", "--no-verify", "-m", "snapshot", cwd=directory)


# --------------------------------------------------------------------------- pre-commit


def test_the_hook_manifest_is_valid_and_scans_the_whole_project():
    from pre_commit.clientlib import load_manifest

    (hook,) = load_manifest(str(REPO / ".pre-commit-hooks.yaml"))
    assert (hook["id"], hook["language"], hook["entry"]) == ("complint", "python", "complint scan --staged")
    # pre-commit would otherwise split the files across runs, each blind to the others.
    assert hook["pass_filenames"] is False and hook["require_serial"] is True


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """This working tree as it is, uncommitted and new files included, in a fresh repository.

    try-repo on the working tree itself would install its last commit plus changes to
    tracked files only; a snapshot installs exactly what is here.
    """
    snapshot = tmp_path_factory.mktemp("hook-repo")
    listed = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO)
    for rel in filter(None, listed.split("\0")):
        source = REPO / rel
        if source.is_file():
            (snapshot / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / rel)
    _commit_all(snapshot)
    return snapshot


def _project(tmp_path: Path, example: str) -> Path:
    project = tmp_path / "app"
    project.mkdir()
    shutil.copy2(EXAMPLES / example / "app.py", project / "app.py")
    return write_app(project, {"pyproject.toml": DECLARATION})


def _try_repo(hook_repo: Path, project: Path) -> subprocess.CompletedProcess:
    _commit_all(project)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "complint", "--all-files", "--color", "never"],
        cwd=project,
        env={**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(project.parent / "pre-commit-home")},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.precommit
def test_hook_fails_on_a_chatbot_without_disclosure(hook_repo, tmp_path):
    done = _try_repo(hook_repo, _project(tmp_path, "chatbot-no-disclosure"))
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "complint" in output and "Failed" in output, output
    assert "app.py:23:16: CL201 [error]" in output, output


@pytest.mark.precommit
def test_hook_passes_on_a_chatbot_that_discloses(hook_repo, tmp_path):
    project = _project(tmp_path, "chatbot-no-disclosure")
    # The disclosure lives in another file than the chat: the hook must still see it,
    # because it scans the whole project rather than the files pre-commit hands it.
    write_app(project, {"pages/about.py": 'import streamlit as st\nst.markdown("Answers are written by an AI assistant.")\n'})
    done = _try_repo(hook_repo, project)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "Passed" in output, output


@pytest.mark.precommit
def test_the_hook_blocks_a_commit_despite_an_untracked_file_with_a_disclosure(hook_repo, tmp_path):
    from helpers import run_cli

    project = _project(tmp_path, "chatbot-no-disclosure")
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    rev = _git("rev-parse", "HEAD", cwd=hook_repo).strip()
    config = f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: complint\n"
    write_app(project, {".pre-commit-config.yaml": config})
    _git("init", "-q", cwd=project)
    _git("add", ".pre-commit-config.yaml", cwd=project)
    _git("commit", "-q", "--no-verify", "-m", "hooks", cwd=project)
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=project, env=env, check=True, capture_output=True)
    # A scratch file that is not part of the commit says "AI assistant": a scan of the
    # working tree counts it, the commit being made has no disclosure.
    write_app(project, {"scratch.py": 'import streamlit as st\nst.markdown("You are chatting with an AI assistant.")\n'})
    assert run_cli(["scan", str(project)]).exit_code == 0
    _git("add", "app.py", "pyproject.toml", cwd=project)
    commit = subprocess.run(["git", "commit", "-m", "chatbot"], cwd=project, env=env, capture_output=True, text=True, timeout=300)
    output = commit.stdout + commit.stderr
    assert commit.returncode != 0, output
    assert "app.py:23:16: CL201 [error]" in output, output
    assert _git("log", "--format=%s", cwd=project).split() == ["hooks"]  # the commit was not made


# --------------------------------------------------------------------------- the GitHub Action


@pytest.fixture
def action():
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    return action


@pytest.fixture
def action_step(action):
    (step,) = [s for s in action["runs"]["steps"] if s.get("id") == "scan"]
    return step


def _run_step(step, tmp_path: Path, project: Path, **inputs: str) -> subprocess.CompletedProcess:
    """Run the action's scan step as the runner would: bash, inputs in the environment."""
    shim = tmp_path / "bin"
    shim.mkdir()
    (shim / "complint").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m complint "$@"\n')
    (shim / "complint").chmod(0o755)
    (tmp_path / "runner-temp").mkdir()
    env = {
        **os.environ,
        "PATH": f"{shim}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(REPO),
        "GITHUB_OUTPUT": str(tmp_path / "github_output"),
        "RUNNER_TEMP": str(tmp_path / "runner-temp"),
        "COMPLINT_PATHS": inputs.get("path", "."),
        "COMPLINT_SARIF": inputs.get("sarif-file", "complint.sarif"),
        "COMPLINT_ARGS": inputs.get("args", ""),
        "COMPLINT_ANNOTATIONS": inputs.get("annotations", "true"),
    }
    assert set(step["env"]) == {k for k in env if k.startswith("COMPLINT_")}
    return subprocess.run(["bash", "-c", step["run"]], cwd=project, env=env, capture_output=True, text=True)


def test_the_action_scans_once_for_the_log_the_annotations_and_the_sarif(action_step, tmp_path):
    project = _project(tmp_path, "chatbot-no-disclosure")
    done = _run_step(action_step, tmp_path, project, args="--fail-on error")
    assert done.returncode == 0, done.stderr  # the findings fail the job in the last step, after the upload
    assert action_step["run"].count("complint scan") == 1
    sarif = json.loads((project / "complint.sarif").read_text())
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["CL201"]
    assert "app.py:23:16:" in done.stdout and "CL201" in done.stdout  # the text, for the log
    assert "\n::error file=app.py,line=23,col=16," in done.stdout
    assert (tmp_path / "github_output").read_text() == "exit-code=1\n"


def test_the_action_uploads_only_what_a_scan_that_ran_wrote_and_then_fails_on_findings(action):
    steps = {s.get("name"): s for s in action["runs"]["steps"]}
    upload, fail = steps["Upload SARIF"], steps["Fail on findings"]
    assert "steps.scan.outputs.exit-code == '0' || steps.scan.outputs.exit-code == '1'" in upload["if"]
    assert "inputs.upload-sarif == 'true'" in upload["if"]
    assert "steps.scan.outputs.exit-code == '1'" in fail["if"] and fail["run"] == "exit 1"
    names = list(steps)
    assert names.index("Run complint") < names.index("Upload SARIF") < names.index("Fail on findings")


def test_the_action_fails_before_upload_and_writes_no_sarif_when_the_scan_cannot_run(action_step, tmp_path):
    project = _project(tmp_path, "chatbot-no-disclosure")
    done = _run_step(action_step, tmp_path, project, path="apps/nosuchdir")
    assert done.returncode == 2
    assert not (project / "complint.sarif").exists()
    assert "::error title=complint::the scan could not run" in done.stdout
    assert (tmp_path / "github_output").read_text() == "exit-code=2\n"


def test_the_action_passes_on_a_compliant_app(action_step, tmp_path):
    project = _project(tmp_path, "chatbot-with-disclosure")
    done = _run_step(action_step, tmp_path, project, **{"sarif-file": "c.sarif", "path": "app.py pyproject.toml"})
    assert done.returncode == 0, done.stderr
    assert "::" not in done.stdout and "All clear" in done.stdout
    assert json.loads((project / "c.sarif").read_text())["runs"][0]["results"] == []
    assert (tmp_path / "github_output").read_text() == "exit-code=0\n"
