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


def test_a_missing_path_prints_no_report_at_all(bad_app):
    """A typo in CI must fail loudly: no findings list that could pass for the whole app."""
    result = run_cli(["scan", ".", "missing-dir"], cwd=bad_app)
    assert result.exit_code == 2
    assert "complint: missing-dir: no such file or directory" in result.stderr
    assert "complint: error: nothing scanned at missing-dir; no report written" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit", "gitlab"])
def test_a_scan_of_nothing_never_says_all_clear_nor_writes_an_empty_report(tmp_path, fmt):
    result = run_cli(["scan", "nosuchdir", "--format", fmt], cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "All clear" not in result.stderr
    written = run_cli(["scan", "nosuchdir", "-o", f"{fmt}:reports/out"], cwd=tmp_path)
    assert written.exit_code == 2
    assert not (tmp_path / "reports").exists()


def test_a_failed_scan_leaves_an_existing_report_untouched(tmp_path):
    """Neither truncated nor replaced by an empty one: an upload step then fails, or sends
    the last real report, never a report of nothing that closes open alerts."""
    old = tmp_path / "complint.sarif"
    old.write_text("previous report\n", encoding="utf-8")
    result = run_cli(["scan", "nosuchdir", "--format", "sarif", "-o", "complint.sarif"], cwd=tmp_path)
    assert result.exit_code == 2
    assert old.read_text(encoding="utf-8") == "previous report\n"


def test_a_configuration_error_writes_no_report(tmp_path):
    app = write_app(tmp_path, {"app.py": NO_DISCLOSURE, ".complint.yaml": "fail-on: never\n"})
    result = run_cli(["scan", ".", "-o", "sarif:out.sarif"], cwd=app)
    assert result.exit_code == 2
    assert "complint: error:" in result.stderr
    assert result.stdout == ""
    assert not (app / "out.sarif").exists()


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


def test_output_creates_missing_folders(bad_app, tmp_path):
    result = run_cli(["scan", str(bad_app), "--format", "sarif", "-o", str(tmp_path / "reports" / "x.sarif")])
    assert result.exit_code == 1
    assert json.loads((tmp_path / "reports" / "x.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_output_that_cannot_be_written_is_a_clear_error(bad_app, tmp_path):
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    result = run_cli(["scan", str(bad_app), "--output", str(tmp_path / "a-file" / "r.txt")])
    assert result.exit_code == 2
    assert "complint: error: --output: cannot write" in result.stderr


def test_one_scan_writes_several_reports(bad_app):
    """The Action's run: annotations on standard output, SARIF and JSON in files."""
    result = run_cli(["scan", ".", "--format", "github", "-o", "sarif:out/c.sarif", "-o", "json:c.json"], cwd=bad_app)
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=app.py,line=4,")
    sarif = json.loads((bad_app / "out" / "c.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["CL201"]
    assert [f["rule"] for f in json.loads((bad_app / "c.json").read_text(encoding="utf-8"))["findings"]] == ["CL201"]


def test_plain_output_keeps_writing_the_format_and_silences_standard_output(bad_app):
    result = run_cli(["scan", ".", "--format", "json", "-o", "c.json", "-o", "sarif:c.sarif"], cwd=bad_app)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert json.loads((bad_app / "c.json").read_text(encoding="utf-8"))["findings"][0]["rule"] == "CL201"
    assert (bad_app / "c.sarif").is_file()


def test_output_with_an_unknown_format_or_one_file_twice_is_a_usage_error(bad_app):
    unknown = run_cli(["scan", ".", "-o", "sarf:c.sarif"], cwd=bad_app)
    assert unknown.exit_code == 2
    assert "unknown format 'sarf'" in unknown.stderr
    twice = run_cli(["scan", ".", "-o", "sarif:c.out", "-o", "json:c.out"], cwd=bad_app)
    assert twice.exit_code == 2
    assert "same file" in twice.stderr
    assert not (bad_app / "c.out").exists()


@pytest.mark.parametrize(
    "args, env, colored",
    [
        ([], {}, False),  # not a terminal
        (["--color", "always"], {}, True),
        ([], {"FORCE_COLOR": "1"}, True),
        ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        (["--color", "always"], {"NO_COLOR": "1"}, True),  # the flag wins
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
    ],
)
def test_color_flag_and_environment(bad_app, monkeypatch, args, env, colored):
    for name in ("FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = run_cli(["scan", ".", *args], cwd=bad_app)
    assert ("\033[31mCL201" in result.stdout) is colored
    written = run_cli(["scan", ".", *args, "-o", "text:out.txt"], cwd=bad_app)
    assert "\033[" not in (bad_app / "out.txt").read_text(encoding="utf-8")  # files are never coloured
    assert ("\033[" in written.stdout) is colored


def test_no_prefilter_is_documented_in_help():
    assert "--no-prefilter" in run_cli(["scan", "--help"]).stdout


def test_a_profiler_or_coverage_keeps_the_usual_exit():
    """`complint` skips the interpreter's teardown (command.finish), which is where profilers and coverage
    write their data: with one watching, the exit is the usual one."""
    import sys

    from complint import command

    before = sys.getprofile()
    sys.setprofile(lambda *args: None)
    try:
        assert command.observed()
    finally:
        sys.setprofile(before)
    # A plain process is not watched (this one may be: a test runner can trace it).
    import subprocess

    plain = subprocess.run(
        [sys.executable, "-c", "from complint import command; print(command.observed())"], capture_output=True, text=True
    )
    assert plain.stdout.strip() == "False", plain.stderr
