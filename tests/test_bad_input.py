"""Bad input is normal input: each bad file gets one clear message, and the scan goes on."""

from __future__ import annotations

import codecs
import os

import pytest

from helpers import codes, run_cli, scan_app as scan_any

CHATBOT = """\
import streamlit as st
from openai import OpenAI
client = OpenAI()
if q := st.chat_input("Ask"):
    st.write(client.chat.completions.create(model="m", messages=[{"role": "user", "content": q}]))
"""



def scan_app(root, files=None, **overrides):
    """These tests are about CL201; other checks (the declaration's) are not their concern."""
    return scan_any(root, files, select=("CL201",), **overrides)


def problems(result):
    return {p.path: p.message for p in result.problems}


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("syntax.py", "def broken(:\n    pass\n", "syntax error: invalid syntax"),
        ("py2.py", 'print "hello"\n', "syntax error: Missing parentheses in call to 'print'"),
        ("latin1.py", "x = 'caf\xe9'\n".encode("latin-1"), "cannot decode as utf-8: invalid byte 0xe9 on line 1"),
        ("binary.py", b"\x7fELF\x02\x01\x01\x00\x00\x00" * 50, "skipped: binary content (NUL bytes), not python source text"),
        ("cookie.py", b"# -*- coding: klingon -*-\nx = 1\n", "cannot decode: unknown encoding: klingon"),
    ],
)
def test_a_bad_file_is_reported_and_the_rest_is_still_scanned(tmp_path, name, content, message):
    # Every file is parsed here: with the prefilter, a file without a word any fact needs
    # is not, and its syntax goes unchecked (tests/test_prefilter.py).
    result = scan_app(tmp_path, {"app.py": CHATBOT, name: content}, prefilter=False)
    assert codes(result) == ["CL201"]
    assert message in problems(result)[name]


def test_syntax_error_has_line_and_column(tmp_path):
    result = scan_app(tmp_path, {"a.py": "x = 1\ny = (\n"}, prefilter=False)
    (problem,) = result.problems
    assert problem.line == 2 and problem.column >= 1  # the column differs between Python versions
    assert problem.message.startswith("syntax error: ")


@pytest.mark.parametrize("bom,encoding", [(codecs.BOM_UTF16_LE, "utf-16-le"), (b"", "utf-16-le"), (codecs.BOM_UTF8, "utf-8")])
def test_utf16_and_bom_files_are_read(tmp_path, bom, encoding):
    disclosed = CHATBOT + 'st.caption("You are chatting with an AI")\n'
    result = scan_app(tmp_path, {"app.py": bom + disclosed.encode(encoding)})
    assert result.problems == ()
    assert codes(result) == []


def test_pep263_latin1_cookie_is_honoured(tmp_path):
    src = "# -*- coding: latin-1 -*-\n" + CHATBOT + 'st.caption("Réponses générées par une IA: AI")\n'
    result = scan_app(tmp_path, {"app.py": src.encode("latin-1")})
    assert result.problems == () and codes(result) == []


def test_empty_file_is_fine_and_silent(tmp_path):
    result = scan_app(tmp_path, {"__init__.py": "", "app.py": CHATBOT})
    assert result.problems == () and codes(result) == ["CL201"]


def test_compiled_pyc_and_other_binaries_are_not_source(tmp_path):
    result = scan_app(tmp_path, {"app.py": CHATBOT, "__pycache__/x.pyc": b"\x00\x01", "logo.png": b"\x89PNG\x00"})
    assert result.problems == () and result.files_scanned == 1


def test_huge_file_is_skipped_with_a_note(tmp_path, monkeypatch):
    import complint.extract as extract

    monkeypatch.setattr(extract, "MAX_FILE_BYTES", 1024)
    result = scan_app(tmp_path, {"app.py": CHATBOT, "bundle.py": "x = 1\n" * 400})
    assert "skipped:" in problems(result)["bundle.py"] and "limit" in problems(result)["bundle.py"]
    assert codes(result) == ["CL201"]


def test_symlink_loops_are_reported_not_followed_forever(tmp_path):
    scan_app(tmp_path, {"app.py": CHATBOT})
    os.symlink(tmp_path, tmp_path / "again")
    os.symlink("b.py", tmp_path / "a.py")
    os.symlink("a.py", tmp_path / "b.py")
    result = scan_app(tmp_path)
    found = problems(result)
    assert found["again"] == "symbolic link loop: directory already scanned, not followed"
    assert found["a.py"] == "cannot read: symbolic link loop"
    assert codes(result) == ["CL201"]


def test_broken_symlink(tmp_path):
    scan_app(tmp_path, {"app.py": CHATBOT})
    os.symlink("gone.py", tmp_path / "dangling.py")
    assert problems(scan_app(tmp_path))["dangling.py"] == "cannot read: broken symbolic link to gone.py"


def test_unreadable_file(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    scan_app(tmp_path, {"secret.py": "x = 1\n"})
    (tmp_path / "secret.py").chmod(0)
    assert problems(scan_app(tmp_path))["secret.py"].startswith("cannot read: Permission denied")


def test_file_names_with_emoji_ampersand_and_spaces(tmp_path):
    result = scan_app(tmp_path, {"ui & chat 🤖/app 😀.py": CHATBOT})
    assert result.problems == ()
    assert [f.path for f in result.findings] == ["ui & chat 🤖/app 😀.py"]


def test_empty_repository_is_not_called_clear(tmp_path):
    result = run_cli(["scan", str(tmp_path)])
    assert result.exit_code == 0
    assert result.stdout.strip() == "Nothing checked: no file to scan was found (all excluded, or none complint reads)."


def test_problems_are_printed_one_line_each_on_stderr(tmp_path):
    scan_app(tmp_path, {"app.py": CHATBOT, "bad.py": "def f(:\n"})
    result = run_cli(["scan", ".", "--no-prefilter"], cwd=tmp_path)  # parse bad.py, words or not
    assert result.stderr.splitlines() == ["complint: bad.py:1:7: syntax error: invalid syntax"]
    assert result.exit_code == 1


def test_an_extractor_crash_is_contained(tmp_path, monkeypatch):
    import complint.extract.python as python

    def crash(source, path):
        raise ValueError("unexpected node")

    monkeypatch.setattr(python, "extract_python", crash)
    import complint.extract as extract

    monkeypatch.setattr(extract, "_loaded", {})
    result = scan_app(tmp_path, {"app.py": CHATBOT})
    assert problems(result)["app.py"] == (
        "internal error while analysing (ValueError: unexpected node); please report this"
    )
