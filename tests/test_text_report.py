"""The text report: ruff-style lines, each policy finding marked with its policy section."""

from __future__ import annotations

import json
import re

import pytest

from helpers import PACK, run_cli, write_app

APP = """\
import streamlit as st
from openai import OpenAI
client = OpenAI()
if q := st.chat_input("Ask"):
    msgs = [{"role": "system", "content": "You explain symptoms and medication."}, {"role": "user", "content": q}]
    st.write(client.chat.completions.create(model="m", messages=msgs))
"""
DECLARATION = "audience: consumer\ninterfaces: [chat, web]\ndomains: [medical]\n"
HEAD = re.compile(r"^[^\s:][^:]*:\d+:\d+: CL\d{3} \[(error|warning|info)\] .+$")


@pytest.fixture
def app(tmp_path):
    return write_app(tmp_path, {"app.py": APP, "complint.yaml": DECLARATION})


def blocks(stdout: str):
    """Each finding's lines: its head line and the `  = ...` lines under it."""
    out = []
    for line in stdout.splitlines():
        if HEAD.match(line):
            out.append([line])
        elif line.startswith("  = ") and out:
            out[-1].append(line)
    return out


def test_every_policy_finding_names_its_section_just_before_the_clause(app):
    result = run_cli(["scan", "."], cwd=app)
    found = blocks(result.stdout)
    assert [b[0].split()[1] for b in found] == ["CL201", "CL301"]
    for block in found:
        code = block[0].split()[1]
        spec = PACK.check(code)
        section = block.index(f"  = section: {spec.section_title}")
        assert block[section + 1] == f'  = policy: "{spec.clause}"'
    assert result.stdout.splitlines()[0].startswith("app.py:4:9: CL201 [error] ")


def test_the_section_line_does_not_break_the_ruff_style_lines(app):
    lines = run_cli(["scan", "."], cwd=app).stdout.splitlines()
    heads = [line for line in lines if not line.startswith("  = ") and line]
    assert all(HEAD.match(line) for line in heads[:-1])  # the last one is the summary
    assert heads[-1] == "Found 2 findings (2 errors) in 2 files."


def test_quiet_output_has_no_section_lines(app):
    lines = run_cli(["scan", ".", "-q"], cwd=app).stdout.splitlines()
    assert len(lines) == 2 and all(HEAD.match(line) for line in lines)


def test_hygiene_findings_have_no_section_line(tmp_path):
    write_app(tmp_path, {"util.py": "x = 1  # complint: ignore[CL201] reason: kept\n"})
    stdout = run_cli(["scan", "."], cwd=tmp_path).stdout
    assert "CL901" in stdout and "= section:" not in stdout


def test_statistics_group_by_section_in_catalogue_order(app):
    lines = run_cli(["scan", ".", "--statistics"], cwd=app).stdout.splitlines()
    # Sections in catalogue order (CL201 before CL301), though disclaimers.yaml sorts first.
    assert lines[:4] == [
        PACK.check("CL201").section_title,
        "    1  CL201  [error]  missing-ai-disclosure",
        PACK.check("CL301").section_title,
        "    1  CL301  [error]  missing-medical-disclaimer",
    ]


NEW_CODES = ["CL301", "CL302", "CL303", "CL304", "CL401", "CL501"]


def test_rules_lists_the_new_codes_with_severity_under_their_section():
    stdout = run_cli(["rules"]).stdout
    for code in NEW_CODES:
        spec = PACK.check(code)
        assert re.search(rf"^  {code}  {spec.name}\s+{spec.severity}\s", stdout, re.MULTILINE)
        title_at = stdout.index(f"\n{spec.section_title}\n")
        assert title_at < stdout.index(f"  {code}  ")


@pytest.mark.parametrize("code", NEW_CODES)
def test_explain_renders_every_new_code(code):
    spec = PACK.check(code)
    result = run_cli(["explain", code])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{code} ({spec.name}) [{spec.severity}]")
    assert spec.clause in result.stdout and "## Known problems" in result.stdout
    assert run_cli(["explain", spec.name]).stdout == result.stdout


def test_sections_are_in_catalogue_order_not_file_order():
    firsts = [min(c for c, s in PACK.checks.items() if s.section == section)
              for section, _ in PACK.sections if any(s.section == section for s in PACK.checks.values())]
    assert firsts == sorted(firsts)
    assert [s for s, _ in PACK.sections].index("disclosure") < [s for s, _ in PACK.sections].index("disclaimers")


# --------------------------------------------------------------------------- quoted text and fixes

REVIEWS_OVER_TWO_LINES = '''\
from openai import OpenAI
client = OpenAI()
PROMPT = """Write fifty five-star
    reviews for our product on Amazon, each from a different customer."""
out = client.chat.completions.create(model="m", messages=[{"role": "user", "content": PROMPT}])
'''


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "gitlab", "junit", "github"])
def test_prompt_text_quoted_over_two_lines_is_one_line_in_every_report(tmp_path, fmt):
    write_app(tmp_path, {"app.py": REVIEWS_OVER_TWO_LINES})
    result = run_cli(["scan", ".", "--select", "CL107", "--format", fmt], cwd=tmp_path)
    assert result.exit_code == 1
    assert "Write fifty five-star reviews" in result.stdout
    assert "five-star\\n" not in result.stdout and "five-star\n" not in result.stdout
    assert "five-star%0A" not in result.stdout


def test_a_fix_with_an_example_is_shown_whole_not_cut_at_for_example(tmp_path):
    write_app(tmp_path, {"app.py": "from openai import OpenAI\nOpenAI().chat.completions.create(model='m', messages=[])\n"})
    result = run_cli(["scan", ".", "--select", "CL001"], cwd=tmp_path)
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("  = fix: "))
    assert lines[start].endswith("For example:")
    assert lines[start + 1] == "           [tool.complint.app]"
    assert lines[start + 2].startswith('           audience = "consumer"')
    assert lines[start + 5].startswith('           use-cases = ["customer support"]')
    assert lines[start + 6] == ""  # the example ends the finding


def test_json_fix_is_folded_prose_with_its_example_kept(tmp_path):
    write_app(tmp_path, {"app.py": "from openai import OpenAI\nOpenAI().chat.completions.create(model='m', messages=[])\n"})
    fix = json.loads(run_cli(["scan", ".", "--select", "CL001", "--format", "json"], cwd=tmp_path).stdout)["findings"][0]["fix"]
    first, example, last = fix.split("\n\n")
    assert "\n" not in first and first.startswith("Declare what the app is") and first.endswith("For example:")
    assert example.splitlines()[0] == "    [tool.complint.app]"
    assert "\n" not in last
