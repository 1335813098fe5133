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
    assert "already declares the app (tool.complint.app); use --force to replace it" in result.stderr
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
    assert result.exit_code == 2 and "declares the app in a form init cannot replace safely" in result.stderr
    assert "edit it by hand" in result.stderr


@pytest.mark.parametrize("ending", ["", "\n", "\n\n"])
def test_appending_after_any_file_ending(tmp_path, ending):
    body = '[project]\nname = "x"' + ending
    write_app(tmp_path, {"app.py": CHAT, "pyproject.toml": body})
    run_cli(["init", str(tmp_path)])
    text = (tmp_path / "pyproject.toml").read_text()
    assert text.startswith(body)
    assert "\n\n[tool.complint.app]\n" in text


# The same declaration, in every spelling TOML allows.
SPELLINGS = {
    "table and dotted key": '[tool.complint]\napp.audience = "consumer"\n',
    "dotted keys at the top": 'tool.complint.app.audience = "consumer"\n',
    "inline table": '[tool.complint]\napp = { audience = "consumer" }\n',
    "inline tool table": 'tool = { complint = { app = { audience = "consumer" } } }\n',
    "quoted header": '[tool."complint".app]\naudience = "consumer"\n',
    "spaced header": '[ tool . complint . app ]\naudience = "consumer"\n',
    "single-quoted header": "[tool.'complint'.'app']  # ours\naudience = 'consumer'\n",
    "array of tables": '[[tool.complint.app]]\naudience = "consumer"\n',
}


@pytest.mark.parametrize("body", list(SPELLINGS.values()), ids=list(SPELLINGS))
def test_init_refuses_a_declaration_in_any_spelling(tmp_path, body):
    text = body + '\n[project]\nname = "x"\n'
    write_app(tmp_path, {"app.py": CHAT, "pyproject.toml": text})
    result = run_cli(["init", str(tmp_path)])
    assert result.exit_code == 2, result.stderr
    assert "already declares the app (tool.complint.app); use --force to replace it" in result.stderr
    assert "wrote" not in result.stderr
    assert (tmp_path / "pyproject.toml").read_text() == text


@pytest.mark.parametrize("body", [SPELLINGS[k] for k in ("table and dotted key", "dotted keys at the top",
                                                          "inline tool table", "array of tables")])
def test_force_never_leaves_two_declarations(tmp_path, body):
    text = body + '\n[project]\nname = "x"\n'
    write_app(tmp_path, {"app.py": CHAT, "pyproject.toml": text})
    result = run_cli(["init", str(tmp_path), "--force"])
    assert result.exit_code == 2 and "edit it by hand" in result.stderr
    assert (tmp_path / "pyproject.toml").read_text() == text


@pytest.mark.parametrize("header", ['[tool."complint".app]', "[ tool . complint . app ]  # ours"])
def test_force_replaces_a_table_header_spelled_another_way(tmp_path, header):
    text = PYPROJECT + "\n" + header + '\naudience = "internal"\n\n[tool.black]\nx = 1\n'
    write_app(tmp_path, {"app.py": CHAT, "pyproject.toml": text})
    assert run_cli(["init", str(tmp_path), "--force"]).exit_code == 0
    after = (tmp_path / "pyproject.toml").read_text()
    assert after.startswith(PYPROJECT) and after.endswith("\n[tool.black]\nx = 1\n")
    assert 'audience = "internal"' not in after and after.count("[tool.complint.app]") == 1
    assert [c for c in codes(scan_app(tmp_path)) if c.startswith("CL00")] == []


def test_a_header_inside_a_multiline_string_is_text(tmp_path):
    text = PYPROJECT + '\n[tool.notes]\nhelp = """\nDeclare it under\n[tool.complint.app]\n"""\n'
    write_app(tmp_path, {"app.py": CHAT, "pyproject.toml": text})
    result = run_cli(["init", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    after = (tmp_path / "pyproject.toml").read_text()
    assert after.startswith(text) and "\n\n[tool.complint.app]\n" in after[len(text) - 1:]
    assert [c for c in codes(scan_app(tmp_path)) if c.startswith("CL00")] == []


def test_force_skips_a_header_inside_a_string_and_replaces_the_real_one(tmp_path):
    text = (
        '[tool.notes]\nhelp = """\n[tool.complint.app]\naudience = "x"\n"""\n\n[tool.complint.app]\naudience = "internal"\n')
    write_app(tmp_path, {"app.py": CHAT, "pyproject.toml": text})
    assert run_cli(["init", str(tmp_path), "--force"]).exit_code == 0
    after = (tmp_path / "pyproject.toml").read_text()
    assert after.startswith('[tool.notes]\nhelp = """\n[tool.complint.app]\naudience = "x"\n"""\n\n[tool.complint.app]\n')
    assert 'audience = "internal"' not in after and 'audience = "consumer"' in after


def test_inline_tool_table_cannot_take_a_new_table(tmp_path):
    text = 'tool = { ruff = { line-length = 100 } }\n'
    write_app(tmp_path, {"app.py": CHAT, "pyproject.toml": text})
    result = run_cli(["init", str(tmp_path)])
    assert result.exit_code == 2 and "cannot be added without changing what the file says" in result.stderr
    assert (tmp_path / "pyproject.toml").read_text() == text


@pytest.mark.parametrize("text", ['[project\nname = "x"\n', '[project]\nname = "x"\nname = "y"\n', "a = \n"])
def test_invalid_toml_is_refused_and_left_alone(tmp_path, text):
    (tmp_path / "app.py").write_text(CHAT)
    (tmp_path / ".complint.yaml").write_text("fail-on: error\n")  # so the configuration never reads pyproject
    (tmp_path / "pyproject.toml").write_text(text)
    result = run_cli(["init", str(tmp_path)])
    assert result.exit_code == 2
    assert "pyproject.toml: invalid TOML (" in result.stderr and "fix it before init adds to it" in result.stderr
    assert (tmp_path / "pyproject.toml").read_text() == text


def test_not_utf8_is_refused(tmp_path):
    (tmp_path / "app.py").write_text(CHAT)
    (tmp_path / ".complint.yaml").write_text("fail-on: error\n")
    (tmp_path / "pyproject.toml").write_bytes(b'[project]\nname = "caf\xe9"\n')
    result = run_cli(["init", str(tmp_path)])
    assert result.exit_code == 2 and "not UTF-8 text (byte 21)" in result.stderr


def test_crlf_line_endings_are_kept(tmp_path):
    body = PYPROJECT.replace("\n", "\r\n").encode()
    (tmp_path / "app.py").write_text(CHAT)
    (tmp_path / "pyproject.toml").write_bytes(body)
    assert run_cli(["init", str(tmp_path)]).exit_code == 0
    after = (tmp_path / "pyproject.toml").read_bytes()
    assert after.startswith(body)
    assert b"\r\n\r\n[tool.complint.app]\r\n" in after
    assert after.count(b"\n") == after.count(b"\r\n")  # not one bare LF
    assert [c for c in codes(scan_app(tmp_path)) if c.startswith("CL00")] == []


def test_the_write_is_atomic_and_a_failed_one_leaves_the_file(tmp_path, monkeypatch):
    write_app(tmp_path, {"app.py": CHAT, "pyproject.toml": PYPROJECT})
    import complint.files as files

    def full_disk(fd):  # the bytes are written, but never reach the disk
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full_disk)
    result = run_cli(["init", "."], cwd=tmp_path)
    assert result.exit_code == 2
    assert "cannot write pyproject.toml (No space left on device); it is unchanged" in result.stderr
    assert (tmp_path / "pyproject.toml").read_text() == PYPROJECT
    assert sorted(p.name for p in tmp_path.iterdir()) == [".complint_cache", "app.py", "pyproject.toml"]


def test_written_file_keeps_its_permissions(tmp_path):
    write_app(tmp_path, {"app.py": CHAT, "pyproject.toml": PYPROJECT})
    (tmp_path / "pyproject.toml").chmod(0o640)
    assert run_cli(["init", str(tmp_path)]).exit_code == 0
    assert (tmp_path / "pyproject.toml").stat().st_mode & 0o777 == 0o640


def test_comments_never_break_the_file(tmp_path):
    from complint.init import Inferred, render_toml, render_yaml

    values = [Inferred("use-cases", ["a\x7fb\ud800"], "from x\ny = 1 at a\rb\u2028c")]
    import tomllib
    import yaml

    assert tomllib.loads(render_toml(values, ["openai (a\nb.py:1)"]))["tool"]["complint"]["app"] == {
        "use-cases": ["a\x7fb\ufffd"]}
    assert yaml.safe_load(render_yaml(values, [])) == {"use-cases": ["a\x7fb\ufffd"]}


API_BACK_END = """\
from fastapi import FastAPI
from pydantic import BaseModel
from openai import OpenAI

app = FastAPI()
client = OpenAI()


class Ask(BaseModel):
    messages: list


@app.post("/chat")
def chat(body: Ask):
    return {"reply": client.chat.completions.create(model="m", messages=body.messages).choices[0].message.content}
"""


@pytest.mark.parametrize(
    "page, interfaces",
    [({}, '["api"]'), ({"templates/index.html": "<form><input name='q'><button>Send</button></form>\n"}, '["chat", "api", "web"]')],
    ids=["a back end alone", "a back end with its page"],
)
def test_a_back_end_is_declared_as_the_scan_reads_it(tmp_path, page, interfaces):
    write_app(tmp_path, {"main.py": API_BACK_END, **page})
    result = run_cli(["init", str(tmp_path), "--dry-run"])
    assert f"interfaces: {interfaces}" in result.stdout, result.stdout
