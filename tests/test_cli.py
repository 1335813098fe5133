"""The command line: exit codes, text and JSON output, selection, rules and explain."""

from __future__ import annotations

import json
import re

import pytest

from complint import __version__

from helpers import PACK, run_cli, write_app

NO_DISCLOSURE = """\
import streamlit as st
from openai import OpenAI
client = OpenAI()
if q := st.chat_input("Ask"):
    r = client.chat.completions.create(model="m", messages=[{"role": "user", "content": q}])
    st.write(r.choices[0].message.content)
"""
WITH_DISCLOSURE = NO_DISCLOSURE + 'st.caption("Answers are written by an AI.")\n'
DECLARATION = "audience: consumer\ninterfaces: [chat, web]\n"


@pytest.fixture
def bad_app(tmp_path):
    return write_app(tmp_path / "bad", {"app.py": NO_DISCLOSURE, "complint.yaml": DECLARATION})


@pytest.fixture
def good_app(tmp_path):
    return write_app(tmp_path / "good", {"app.py": WITH_DISCLOSURE, "complint.yaml": DECLARATION})


def test_version():
    result = run_cli(["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"complint {__version__}"


def test_findings_exit_1_with_ruff_style_lines(bad_app):
    result = run_cli(["scan", "."], cwd=bad_app)
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert re.match(r"^app\.py:4:9: CL201 \[error\] This streamlit chat UI \(st\.chat_input\) lets users", first)
    assert "  = evidence: app.py:5:9: model call: OpenAI().chat.completions.create (openai)" in result.stdout
    assert '  = policy: "Automated systems' in result.stdout
    assert result.stdout.rstrip().endswith("Found 1 finding (1 error) in 2 files.")
    assert "\033[" not in result.stdout  # no colour when not on a terminal


def test_clean_app_exits_0(good_app):
    result = run_cli(["scan", str(good_app)])
    assert result.exit_code == 0
    assert result.stdout.strip() == "All clear: no findings in 2 files."


def test_paths_are_shown_relative_to_where_complint_runs(bad_app):
    result = run_cli(["scan", "bad"], cwd=bad_app.parent)
    assert result.stdout.startswith("bad/app.py:4:9: CL201")


def test_exit_zero_and_fail_on(bad_app):
    assert run_cli(["scan", str(bad_app), "--exit-zero"]).exit_code == 0
    assert run_cli(["scan", str(bad_app), "--fail-on", "error"]).exit_code == 1


def test_fail_on_from_configuration(tmp_path):
    # With fail-on above the finding's severity, the finding is shown but does not fail.
    app = write_app(tmp_path, {"app.py": NO_DISCLOSURE, "complint.toml": 'fail-on = "error"\n'})
    assert run_cli(["scan", str(app)]).exit_code == 1
    (app / "complint.toml").write_text('fail-on = "info"\n')
    assert run_cli(["scan", str(app)]).exit_code == 1


def test_select_and_ignore(bad_app):
    assert run_cli(["scan", str(bad_app), "--ignore", "CL201"]).exit_code == 0
    assert run_cli(["scan", str(bad_app), "--ignore", "CL2"]).exit_code == 0
    assert run_cli(["scan", str(bad_app), "--select", "CL201"]).exit_code == 1


def test_unknown_code_on_the_command_line_exits_2_with_a_suggestion(bad_app):
    result = run_cli(["scan", str(bad_app), "--select", "CL21"])
    assert result.exit_code == 2
    assert "complint: error: --select: unknown rule code 'CL21'; did you mean 'CL201'?" in result.stderr


def test_quiet_prints_findings_only(bad_app):
    result = run_cli(["scan", str(bad_app), "-q"])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1


def test_statistics_groups_by_policy_section(bad_app):
    result = run_cli(["scan", str(bad_app), "--statistics"])
    lines = result.stdout.splitlines()
    assert lines[0] == PACK.check("CL201").section_title
    assert re.match(r"^\s+1\s+CL201\s+\[error\]\s+missing-ai-disclosure$", lines[1])


def test_output_file(bad_app, tmp_path):
    out = tmp_path / "report.json"
    result = run_cli(["scan", str(bad_app), "--format", "json", "--output", str(out)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert json.loads(out.read_text())["findings"][0]["rule"] == "CL201"


def test_json_shape(bad_app):
    (bad_app / "broken.py").write_text("def f(:\n")
    # --no-prefilter: parse broken.py, which has no word a fact needs (see test_prefilter.py).
    result = run_cli(["scan", ".", "--format", "json", "--no-prefilter"], cwd=bad_app)
    data = json.loads(result.stdout)
    assert set(data) == {"version", "policy_version", "findings", "errors", "summary"}
    assert data["version"] == __version__
    assert data["policy_version"] == PACK.version
    finding = data["findings"][0]
    assert set(finding) == {
        "rule", "name", "severity", "confidence", "message", "path", "line", "column", "end_line",
        "end_column", "evidence", "fix", "policy_clause", "section", "category",
    }
    assert (finding["rule"], finding["name"], finding["severity"]) == ("CL201", "missing-ai-disclosure", "error")
    assert (finding["path"], finding["line"], finding["column"]) == ("app.py", 4, 9)
    assert finding["end_line"] == 4 and finding["end_column"] > finding["column"]
    assert finding["confidence"] == "high" and finding["category"] is None
    assert finding["evidence"] == [
        {"path": "app.py", "line": 5, "column": 9, "note": "model call: OpenAI().chat.completions.create (openai)"}
    ]
    assert data["errors"] == [
        {"path": "broken.py", "line": 1, "column": 7, "message": "syntax error: invalid syntax"}
    ]
    assert data["summary"] == {
        "files_scanned": 3, "findings": 1, "by_severity": {"info": 0, "warning": 0, "error": 1},
        "by_rule": {"CL201": 1}, "errors": 1, "fail_on": "warning",
    }


def test_rules_lists_every_check():
    result = run_cli(["rules"])
    assert result.exit_code == 0
    assert f"Policy pack {PACK.name} {PACK.version}" in result.stdout
    for code, spec in PACK.checks.items():
        assert re.search(rf"{code}\s+{spec.name}\s+{spec.severity}", result.stdout)
    data = json.loads(run_cli(["rules", "--format", "json"]).stdout)
    assert [r["code"] for r in data["rules"]] == list(PACK.checks)


def test_explain_prints_clause_rationale_fix_and_examples():
    result = run_cli(["explain", "CL201"])
    assert result.exit_code == 0
    spec = PACK.check("CL201")
    assert spec.clause in result.stdout
    assert "## What it does" in result.stdout and "## Fix" in result.stdout
    assert "st.chat_input" in result.stdout  # from the examples
    assert run_cli(["explain", "missing-ai-disclosure"]).stdout == result.stdout
    assert run_cli(["explain", "cl201"]).exit_code == 0


def test_explain_unknown_code_suggests():
    result = run_cli(["explain", "CL21"])
    assert result.exit_code == 2
    assert "complint: error: no rule 'CL21'; did you mean CL201?" in result.stderr


def test_nonexistent_path_exits_2_but_scans_the_rest(bad_app):
    result = run_cli(["scan", ".", "missing-dir"], cwd=bad_app)
    assert result.exit_code == 2
    assert "complint: missing-dir: no such file or directory" in result.stderr
    assert "CL201" in result.stdout


def test_internal_error_is_one_line(monkeypatch, bad_app):
    import complint.engine

    def boom(*args, **kwargs):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(complint.engine, "scan", boom)
    result = run_cli(["scan", str(bad_app)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "complint: internal error: RuntimeError: kaboom (this is a bug in complint; rerun with --debug for the traceback)"
    )


def test_python_dash_m_works(bad_app):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "complint", "scan", str(bad_app), "-q"], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "CL201" in proc.stdout


def test_the_command_flushes_everything_and_keeps_the_exit_code(bad_app, tmp_path):
    """`complint` ends without tearing the interpreter down (`cli.entry`): the report must
    still arrive whole, and the exit code stay what `main` decided."""
    import json
    import subprocess
    import sys

    def run(*args):
        return subprocess.run([sys.executable, "-m", "complint", *args], capture_output=True, text=True)

    report = run("scan", str(bad_app), "--format", "json")
    assert report.returncode == 1 and json.loads(report.stdout)["findings"]
    written = tmp_path / "report.sarif"
    assert run("scan", str(bad_app), "--format", "sarif", "-o", str(written)).returncode == 1
    assert json.loads(written.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert run("scan", str(bad_app), "--exit-zero", "-q").returncode == 0
    missing = run("scan", str(tmp_path / "missing"))
    assert missing.returncode == 2 and "no such file or directory" in missing.stderr
    assert run("--version").stdout.startswith("complint ")
    assert run("scan", "--format", "nope").returncode == 2


def test_a_command_started_with_its_standard_streams_closed_still_scans(bad_app, tmp_path):
    """Python gives None for a standard stream that was closed when it started (a job
    runner's `<&- >&-`): the command must neither crash nor change its exit code."""
    import os
    import subprocess
    import sys

    def run(*args, closed=(0, 1, 2)):
        return subprocess.run(
            [sys.executable, "-m", "complint", *args], stderr=subprocess.DEVNULL if 2 not in closed else None,
            preexec_fn=lambda: [os.close(fd) for fd in closed],
        ).returncode

    written = tmp_path / "report.json"
    assert run("scan", str(bad_app), "--format", "json", "-o", str(written)) == 1
    assert "CL201" in written.read_text(encoding="utf-8")
    assert run("scan", str(bad_app)) == 1  # the report has nowhere to go; the verdict stands
    assert run("scan", str(bad_app), "--exit-zero", closed=(0, 1)) == 0
    assert run("--version") == 0


def test_output_into_a_missing_directory_is_a_clear_error(bad_app, tmp_path):
    result = run_cli(["scan", str(bad_app), "--output", str(tmp_path / "nowhere" / "r.txt")])
    assert result.exit_code == 2
    assert "complint: error: --output: cannot write" in result.stderr
    assert "No such file or directory" in result.stderr


def test_a_profiler_or_coverage_keeps_the_usual_exit():
    """`cli.entry` skips the interpreter's teardown, which is where profilers and coverage
    write their data: with one watching, the exit is the usual one."""
    import sys

    from complint import cli

    before = sys.getprofile()
    sys.setprofile(lambda *args: None)
    try:
        assert cli._observed()
    finally:
        sys.setprofile(before)
    # A plain process is not watched (this one may be: a test runner can trace it).
    import subprocess

    plain = subprocess.run(
        [sys.executable, "-c", "from complint import cli; print(cli._observed())"], capture_output=True, text=True
    )
    assert plain.stdout.strip() == "False", plain.stderr
