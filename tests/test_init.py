"""`complint init`: infer the declaration, write it without touching anything else."""

from __future__ import annotations

import pytest

from helpers import run_cli, scan_app, write_app

CHAT = """\
import streamlit as st
from openai import OpenAI
client = OpenAI()
st.caption("You are chatting with an AI assistant.")
if q := st.chat_input("Ask"):
    msgs = [{"role": "system", "content": "You are a medical assistant."}, {"role": "user", "content": q}]
    st.write(client.chat.completions.create(model="m", messages=msgs))
"""
PYPROJECT = """\
# Our project.  Odd   spacing and comments must survive.
[project]
name = "helper"   # the name
description = "Answers questions about symptoms"

[tool.ruff]
line-length = 100
"""


def codes(result):
    return [f.code for f in result.findings]


def test_init_then_scan_round_trips_without_cl001(tmp_path):
    write_app(tmp_path, {"app.py": CHAT, "pyproject.toml": PYPROJECT})
    assert "CL001" in codes(scan_app(tmp_path))
    result = run_cli(["init", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert "wrote the declaration to" in result.stderr
    after = scan_app(tmp_path)
    assert [c for c in codes(after) if c.startswith("CL00")] == []  # no CL001, CL002 or CL003


def test_init_keeps_pyproject_byte_for_byte_outside_its_table(tmp_path):
    write_app(tmp_path, {"app.py": CHAT, "pyproject.toml": PYPROJECT})
    run_cli(["init", str(tmp_path)])
    text = (tmp_path / "pyproject.toml").read_text()
    assert text.startswith(PYPROJECT)
    table = text[len(PYPROJECT):]
    assert table.lstrip("\n").startswith("[tool.complint.app]\n")
    assert 'audience = "consumer"' in table and "# guessed: a streamlit chat UI (app.py:5)" in table
    assert 'interfaces = ["chat", "web"]' in table and "streamlit st.chat_input at app.py:5" in table
    assert 'domains = ["medical"]' in table and "says 'medical assistant'" in table
    assert 'use-cases = ["Answers questions about symptoms"]' in table
    assert "# Model APIs found: openai (app.py:7)" in table


def test_init_never_overwrites_without_force(tmp_path):
    write_app(tmp_path, {"app.py": CHAT, "pyproject.toml": PYPROJECT + '\n[tool.complint.app]\naudience = "internal"\n\n[tool.black]\nx = 1\n'})
    before = (tmp_path / "pyproject.toml").read_text()
    result = run_cli(["init", str(tmp_path)])
    assert result.exit_code == 2
    assert "already has [tool.complint.app]; use --force to replace it" in result.stderr
    assert (tmp_path / "pyproject.toml").read_text() == before
    assert run_cli(["init", str(tmp_path), "--force"]).exit_code == 0
    after = (tmp_path / "pyproject.toml").read_text()
    assert after.startswith(PYPROJECT) and after.endswith("\n[tool.black]\nx = 1\n")
    assert 'audience = "internal"' not in after and 'audience = "consumer"' in after


def test_dry_run_prints_and_writes_nothing(tmp_path):
    write_app(tmp_path, {"app.py": CHAT, "pyproject.toml": PYPROJECT})
    result = run_cli(["init", str(tmp_path), "--dry-run"])
    assert result.exit_code == 0
    assert result.stdout.startswith("# would be written to ")
    assert "[tool.complint.app]" in result.stdout
    assert (tmp_path / "pyproject.toml").read_text() == PYPROJECT


def test_non_python_app_gets_complint_yaml(tmp_path):
    write_app(tmp_path, {"bot.py": "import discord\nfrom openai import OpenAI\n"
                         "client = discord.Client()\n@client.event\nasync def on_message(m):\n"
                         "    OpenAI().chat.completions.create(model='m', messages=[])\n",
                         "package.json": '{"name": "x"}'})
    assert run_cli(["init", str(tmp_path)]).exit_code == 0
    text = (tmp_path / "complint.yaml").read_text()
    assert 'interfaces: ["messaging"]' in text
    assert [c for c in codes(scan_app(tmp_path)) if c.startswith("CL00")] == []
    again = run_cli(["init", str(tmp_path)])
    assert again.exit_code == 2 and "complint.yaml already declares the app" in again.stderr


def test_batch_app_is_declared_batch_and_internal(tmp_path):
    write_app(tmp_path, {"job.py": "import anthropic\nanthropic.Anthropic().messages.create(model='m', max_tokens=1, messages=[])\n"})
    result = run_cli(["init", str(tmp_path), "--dry-run"])
    assert 'audience: "internal"' in result.stdout and 'interfaces: ["batch"]' in result.stdout


def test_inline_declaration_must_be_edited_by_hand(tmp_path):
    write_app(tmp_path, {"app.py": CHAT, "pyproject.toml": '[tool.complint]\napp = { audience = "consumer" }\n'})
    result = run_cli(["init", str(tmp_path), "--force"])
    assert result.exit_code == 2 and "declares the app inline" in result.stderr


@pytest.mark.parametrize("ending", ["", "\n", "\n\n"])
def test_appending_after_any_file_ending(tmp_path, ending):
    body = '[project]\nname = "x"' + ending
    write_app(tmp_path, {"app.py": CHAT, "pyproject.toml": body})
    run_cli(["init", str(tmp_path)])
    text = (tmp_path / "pyproject.toml").read_text()
    assert text.startswith(body)
    assert "\n\n[tool.complint.app]\n" in text
