"""Output formats: text, JSON, SARIF, GitHub annotations, JUnit XML and GitLab code quality.

Each format has a golden file in tests/golden/, rendered from a fixed scan result and a
small fixed policy pack (tests/golden/pack/), so a golden changes only when its format
does. To accept a deliberate change: COMPLINT_UPDATE_GOLDENS=1 python -m pytest tests/test_reporters.py
"""

from __future__ import annotations

import json
import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from complint import __version__
from complint.baseline import fingerprint
from complint.config import Config
from complint.engine import ScanResult
from complint.facts import FileProblem, Location
from complint.findings import Evidence, Finding
from complint.policy import load_pack
from complint.report import FORMATS, ReportOptions, reporter
from complint.report.github import escape_data, escape_property

from helpers import PACK, run_cli, write_app

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
GOLDEN_PACK = load_pack(GOLDEN / "pack")
SARIF_SCHEMA = json.loads((HERE / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
UPDATE = os.environ.get("COMPLINT_UPDATE_GOLDENS") == "1"
GOLDEN_FILES = {
    "text": "text.txt",
    "json": "json.json",
    "sarif": "sarif.json",
    "github": "github.txt",
    "junit": "junit.xml",
    "gitlab": "gitlab.json",
}

CHATBOT = """\
import streamlit as st
from openai import OpenAI
client = OpenAI()
if q := st.chat_input("Ask"):
    r = client.chat.completions.create(model="m", messages=[{"role": "user", "content": q}])
    st.write(r.choices[0].message.content)
"""


def _finding(code: str, message: str, location: Location, evidence=(), confidence="high") -> Finding:
    spec = GOLDEN_PACK.check(code)
    return Finding(
        code, spec.name, spec.severity, confidence, message, location, spec.fix, spec.clause, spec.section,
        tuple(evidence),
    )


def golden_result(root: Path) -> ScanResult:
    """Every severity, evidence, two identical findings, and text that needs escaping."""
    findings = (
        _finding(
            "CL201",
            'This streamlit chat UI (st.chat_input) has no AI disclosure: 100% of users, "every" <one> & all',
            Location("app.py", 7, 16, 7, 49),
            evidence=[
                Evidence("llm.py", 4, 12, "model call: chat.completions.create (openai)"),
                Evidence("app.py", 12, 5, "chat surface: st.chat_message"),
            ],
        ),
        _finding("CL501", "The demo,\nrecorded for: a livestream is a publication", Location("docs/demo, v2.md", 3, 1),
                 confidence="medium"),
        _finding("CL901", "Unused suppression `complint: ignore[CL201]`: no CL201 finding is reported on line 2 or 3",
                 Location("util.py", 2, 8, 2, 50)),
        _finding("CL901", "Unused suppression `complint: ignore[CL201]`: no CL201 finding is reported on line 9 or 10",
                 Location("util.py", 9, 8, 9, 50)),
    )
    return ScanResult(
        root=root,
        findings=findings,
        problems=(FileProblem("broken.py", "syntax error: invalid syntax", 1, 7),),
        files_scanned=5,
        missing_paths=(),
        pack=GOLDEN_PACK,
        config=Config(root=root),
    )


def normalise(text: str, root: Path) -> str:
    """No machine paths or release numbers in a golden file."""
    text = text.replace(root.resolve().as_uri(), "file:///ROOT").replace(str(root), "/ROOT")
    return text.replace(f'"version": "{__version__}"', '"version": "<VERSION>"').replace(
        f'"semanticVersion": "{__version__}"', '"semanticVersion": "<VERSION>"'
    )


def render(fmt: str, result: ScanResult, cwd: Path) -> str:
    return reporter(fmt)(result, ReportOptions(base=cwd))


@pytest.mark.parametrize("fmt", sorted(GOLDEN_FILES))
def test_golden(tmp_path, fmt):
    root = tmp_path / "project"
    text = normalise(render(fmt, golden_result(root), root), root)
    golden = GOLDEN / GOLDEN_FILES[fmt]
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert str(tmp_path) not in text
    assert text == golden.read_text(encoding="utf-8"), f"{fmt} output changed; see the module docstring to accept it"


def test_every_format_is_registered_and_offered_by_scan():
    assert set(GOLDEN_FILES) <= set(FORMATS)
    help_text = run_cli(["scan", "--help"]).stdout
    assert "text|json|sarif|github|junit|gitlab" in help_text.replace("\n", "").replace(" ", "")


# --------------------------------------------------------------------------- SARIF


def assert_valid_sarif(document) -> None:
    errors = sorted(jsonschema.Draft4Validator(SARIF_SCHEMA).iter_errors(document), key=str)
    assert not errors, errors[0]


def test_sarif_golden_is_valid_against_the_official_schema():
    assert_valid_sarif(json.loads((GOLDEN / "sarif.json").read_text(encoding="utf-8")))


def test_sarif_carries_rules_levels_fingerprints_and_related_locations(tmp_path):
    result = golden_result(tmp_path)
    run = json.loads(render("sarif", result, tmp_path))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["CL201", "CL501", "CL901", "CL902"]  # every rule, fired or not
    assert rules[0]["help"]["text"].startswith("CL201 (missing-ai-disclosure) [error]")
    assert rules[0]["properties"]["policyClause"] == GOLDEN_PACK.check("CL201").clause
    assert "policyClause" not in rules[2]["properties"]
    assert [r["level"] for r in run["results"]] == ["error", "note", "warning", "warning"]
    first = run["results"][0]
    assert first["partialFingerprints"] == {"complint/v2": fingerprint(result.findings[0])}
    assert first["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "app.py", "uriBaseId": "%SRCROOT%"}
    assert [r["physicalLocation"]["artifactLocation"]["uri"] for r in first["relatedLocations"]] == ["llm.py", "app.py"]
    assert run["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "docs/demo%2C%20v2.md"
    twins = [r["partialFingerprints"]["complint/v2"] for r in run["results"][2:]]
    assert len(set(twins)) == 2  # identical findings stay two alerts
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"


def git_repository(folder: Path) -> Path:
    """A real git work tree (git's own `init`), as CI checks one out."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    return folder


def test_sarif_of_a_sub_folder_names_files_from_the_git_root_wherever_complint_runs(tmp_path):
    """GitHub code scanning ignores `originalUriBaseIds`: each `uri` must name the file
    from the repository's top, or the alert points at a file that does not exist."""
    repo = git_repository(tmp_path / "repo")
    app = write_app(repo / "apps" / "clinic", {
        "app.py": CHATBOT, "llm.py": "", "complint.toml": 'select = ["CL201"]\n'})
    reports = [
        run_cli(["scan", ".", "--format", "sarif"], cwd=app),
        run_cli(["scan", "apps/clinic", "--format", "sarif"], cwd=repo),
        run_cli(["scan", str(app), "--format", "sarif"], cwd=tmp_path),
    ]
    assert [r.exit_code for r in reports] == [1, 1, 1]
    assert reports[0].stdout == reports[1].stdout == reports[2].stdout
    document = json.loads(reports[0].stdout)
    assert_valid_sarif(document)
    run = document["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == list(PACK.checks)
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    uris = [loc["physicalLocation"]["artifactLocation"]["uri"]
            for r in run["results"] for loc in r["locations"] + r.get("relatedLocations", [])]
    assert "apps/clinic/app.py" in uris
    for uri in uris:
        assert (repo / uri).is_file(), uri


@pytest.mark.parametrize("fmt", ["text", "json", "github", "gitlab", "junit"])
def test_every_report_names_files_from_the_git_root(tmp_path, fmt):
    repo = git_repository(tmp_path / "repo")
    app = write_app(repo / "apps" / "clinic", {"app.py": CHATBOT, "complint.toml": 'select = ["CL201"]\n'})
    result = run_cli(["scan", ".", "--format", fmt], cwd=app)
    assert result.exit_code == 1
    assert "apps/clinic/app.py" in result.stdout


def test_a_configuration_above_the_repository_does_not_move_report_paths(tmp_path):
    (tmp_path / ".complint.yaml").write_text("select: [CL201]\n", encoding="utf-8")  # a user-wide file
    repo = git_repository(tmp_path / "work" / "repo")
    write_app(repo / "app", {"app.py": CHATBOT})
    result = run_cli(["scan", "repo/app", "--format", "gitlab"], cwd=repo.parent)
    assert [issue["location"]["path"] for issue in json.loads(result.stdout)] == ["app/app.py"]


def test_outside_a_git_repository_paths_are_relative_to_the_working_directory(tmp_path):
    write_app(tmp_path / "app", {"app.py": CHATBOT, "complint.toml": 'select = ["CL201"]\n'})
    run = json.loads(run_cli(["scan", "app", "--format", "sarif"], cwd=tmp_path).stdout)["runs"][0]
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "app/app.py"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"


def test_sarif_marks_findings_as_new_when_a_baseline_is_in_use(tmp_path):
    write_app(tmp_path, {"app.py": CHATBOT, "util.py": "x = 1  # complint: ignore[CL201] reason: old\n"})
    run_cli(["scan", ".", "--select", "CL201", "--write-baseline", "b.json"], cwd=tmp_path)
    result = run_cli(["scan", ".", "--select", "CL201,CL9", "--baseline", "b.json", "--format", "sarif"], cwd=tmp_path)
    results = json.loads(result.stdout)["runs"][0]["results"]
    assert [(r["ruleId"], r["baselineState"]) for r in results] == [("CL901", "new")]


# --------------------------------------------------------------------------- GitHub annotations


def test_github_escaping():
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert escape_property("docs/demo, v2.md: x%") == "docs/demo%2C v2.md%3A x%25"


def test_github_annotation_of_a_real_scan(tmp_path):
    app = write_app(tmp_path, {"app.py": CHATBOT})
    result = run_cli(["scan", ".", "--select", "CL201", "--format", "github"], cwd=app)
    assert result.exit_code == 1
    (line,) = result.stdout.splitlines()
    assert line.startswith("::error file=app.py,line=4,col=9,")
    assert ",title=CL201 missing-ai-disclosure::This streamlit chat UI" in line


# --------------------------------------------------------------------------- JUnit


def test_junit_is_one_case_per_rule_and_file(tmp_path):
    root = ET.fromstring(render("junit", golden_result(tmp_path), tmp_path))
    suite = root.find("testsuite")
    cases = [(c.get("classname"), c.get("name"), c.find("failure") is not None) for c in suite.iter("testcase")]
    assert cases == [
        ("app.py", "CL201 missing-ai-disclosure", True),
        ("docs/demo, v2.md", "CL501 publication-policy", True),
        ("util.py", "CL901 unused-suppression", True),  # two findings, one case
        ("complint", "CL902 suppression-without-reason", False),  # ran, found nothing
        ("broken.py", "file analysis", False),
    ]
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("5", "3", "1")
    failure = suite.find("testcase[@classname='util.py']/failure")
    assert failure.get("message").startswith("2 findings; first: Unused suppression")
    assert "util.py:9:8: CL901 [warning]" in failure.text


def test_junit_survives_control_characters(tmp_path):
    result = golden_result(tmp_path)
    odd = result.findings[0].__class__(**{**result.findings[0].__dict__, "message": "bell\x07 and nul\x00"})
    text = render("junit", ScanResult(**{**result.__dict__, "findings": (odd,)}), tmp_path)
    assert ET.fromstring(text).find(".//failure").get("message") == "bell\ufffd and nul\ufffd"


# --------------------------------------------------------------------------- GitLab code quality


def test_gitlab_issues_have_required_keys_and_unique_fingerprints(tmp_path):
    issues = json.loads(render("gitlab", golden_result(tmp_path), tmp_path))
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
    assert [i["severity"] for i in issues] == ["critical", "info", "major", "major"]
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_fingerprints_survive_line_moves(tmp_path):
    app = write_app(tmp_path, {"app.py": CHATBOT})
    before = json.loads(run_cli(["scan", ".", "--select", "CL201", "--format", "gitlab"], cwd=app).stdout)
    (app / "app.py").write_text("# a new first line\n\n" + CHATBOT)
    after = json.loads(run_cli(["scan", ".", "--select", "CL201", "--format", "gitlab"], cwd=app).stdout)
    assert before[0]["location"]["lines"]["begin"] + 2 == after[0]["location"]["lines"]["begin"]
    assert before[0]["fingerprint"] == after[0]["fingerprint"]


def test_files_that_cannot_be_read_are_named_on_stderr_as_the_reports_name_them(tmp_path):
    repo = git_repository(tmp_path / "repo")
    app = write_app(repo / "apps" / "clinic", {"app.py": CHATBOT, "broken.py": "def f(:\n"})
    result = run_cli(["scan", ".", "--no-prefilter", "--format", "json"], cwd=app)
    assert "complint: apps/clinic/broken.py:1:7: syntax error" in result.stderr
    assert json.loads(result.stdout)["errors"][0]["path"] == "apps/clinic/broken.py"
