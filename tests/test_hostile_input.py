"""Hostile input never crashes, hangs, leaves the tree or damages a file: each case ends
fast with one clear note (or a clear exit-2 error naming the file), and the rest of the
scan reports its findings."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import PACK, codes, scan_app as scan_any
from complint.config import load_config
from complint.engine import scan
from complint.extract import extract_text, extractor_for
from complint.extract.nesting import nesting_problem

CHATBOT = """\
import streamlit as st
from openai import OpenAI
client = OpenAI()
if q := st.chat_input("Ask"):
    st.write(client.chat.completions.create(model="m", messages=[{"role": "user", "content": q}]))
"""
BUDGET = 2.0  # seconds: what the slowest hostile file may cost


def scan_app(root, files=None, **overrides):
    return scan_any(root, files, select=("CL201",), **overrides)


def problems(result):
    return {p.path: p.message for p in result.problems}


def complint(*args: str, cwd: Path, timeout: float = 60, **kwargs) -> "subprocess.CompletedProcess[str]":
    """The real command, in its own process: what must not crash, hang or print a traceback."""
    return subprocess.run(
        [sys.executable, "-m", "complint", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout, **kwargs
    )


def facts_in_time(rel: str, text: str):
    from complint.extract.content import extract_document

    entry = extractor_for(rel)
    started = time.process_time()  # processor time: other processes on the machine hardly count
    # A Markdown file no extractor claims is read when the code shows it to users.
    facts = extract_text(rel, entry, text) if entry else extract_document(text, rel)
    elapsed = time.process_time() - started
    assert elapsed < BUDGET, f"{rel}: {elapsed:.1f} s"
    return facts


# --------------------------------------------------------------------------- 1. nesting


def test_thousands_of_nested_brackets_do_not_kill_the_scan(tmp_path):
    # libcst's native parser overflowed its stack: the whole process died (SIGSEGV), no report.
    (tmp_path / "app.py").write_text(CHATBOT)
    (tmp_path / "deep.py").write_text("import openai\nx = " + "(" * 2000 + "1" + ")" * 2000)
    done = complint("scan", "--no-cache", "--select", "CL201", ".", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "app.py:4:9: CL201" in done.stdout
    assert "complint: deep.py: skipped: too deeply nested to analyse (2,000 levels)" in done.stderr


@pytest.mark.parametrize(
    "rel,text,levels",
    [
        ("lists.py", "import openai\nx = " + "[" * 2000 + "]" * 2000, "2,000"),
        ("calls.py", "import openai\nx = " + "f(" * 2000 + ")" * 2000, "2,000"),
        ("plus.py", "import openai\nx = " + '"a" + ' * 10000 + '"a"\n', "10,000"),
        ("leading.py", 'import openai\nx = ("a"\n' + '    + "a"\n' * 3000 + ")\n", "3,001"),
        ("subscripts.py", "import openai\nx = a" + "[0]" * 3000 + "\n", "3,000"),
        ("ifs.py", "import openai\nx = " + "a if b else " * 3000 + "c\n", "6,000"),
        ("plus.js", 'import OpenAI from "openai";\nconst x = ' + '"a" +\n' * 50000 + '"a";\n', "50,000"),
        ("leading.ts", 'import OpenAI from "openai";\nconst x = "a"' + '\n  + "a"' * 50000 + ";\n", "50,000"),
        ("calls.jsx", 'import OpenAI from "openai";\nconst x = ' + "f(\n" * 2000 + ")\n" * 2000 + ";\n", "2,000"),
    ],
)
def test_a_file_nested_too_deep_to_parse_gets_a_note_at_once(rel, text, levels):
    facts = facts_in_time(rel, text)
    assert [p.message for p in facts.problems] == [f"skipped: too deeply nested to analyse ({levels} levels)"]


@pytest.mark.parametrize(
    "language,text",
    [
        ("python", "x = " + "(" * 100 + "1" + ")" * 100),  # deep, but within what parses fast
        ("python", "x = " + '"a" + ' * 400 + '"a"\n'),
        ("python", 'x = "' + "(" * 3000 + '"\n# ' + "[" * 3000 + "\n"),  # brackets in text
        ("python", 'x = """\n' + "(\n" * 3000 + '"""\n'),
        ("python", "".join(f"x{i} = a.b.c + d.e(f) - g[1] * h\n" for i in range(5000))),  # long, flat
        ("python", "x = (\n" + "".join(f"    a{i} + b,\n" for i in range(5000)) + ")\n"),  # a long literal
        ("javascript", "".join(f"foo.bar.baz(x{i})\n" for i in range(5000))),  # no semicolons
        ("javascript", "".join(f"a + b\nfoo(x{i})\n" for i in range(5000))),
        ("javascript", "const x = `" + "${" * 3000 + "`;\nconst y = /*" + "(" * 3000 + "*/ 1;\n"),
    ],
)
def test_deep_but_ordinary_code_is_parsed(language, text):
    assert nesting_problem(text, language) is None


def test_a_python_file_too_large_to_parse_in_time_gets_a_note(tmp_path):
    huge = "import openai\n" + "".join(f'print("hello {i}")\n' for i in range(40000))
    facts = facts_in_time("huge.py", huge)
    assert [p.message for p in facts.problems] == [
        f"skipped: too large to analyse ({len(huge) // 1024:,} KB of Python, over the 512 KB limit)"
    ]


# --------------------------------------------------------------------------- 2. what is read

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


@needs_fifo
def test_a_named_pipe_is_not_read_and_the_scan_goes_on(tmp_path):
    # Opening a FIFO for reading blocked the scan forever.
    (tmp_path / "app.py").write_text(CHATBOT)
    os.mkfifo(tmp_path / "chat.py")
    os.mkfifo(tmp_path / ".pipe")
    os.symlink(".pipe", tmp_path / "linked.py")
    done = complint("scan", "--no-cache", "--select", "CL201", ".", cwd=tmp_path, timeout=20)
    assert done.returncode == 1, done.stderr
    assert "complint: chat.py: skipped: not a regular file (a named pipe)" in done.stderr
    assert "complint: linked.py: skipped: not a regular file (a named pipe)" in done.stderr


def test_a_device_named_on_the_command_line_is_not_read(tmp_path):
    # A link to /dev/zero grew to 4 GB in 6 s: the size of a device says nothing.
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    os.symlink("/dev/zero", tmp_path / "zz.py")
    result = scan([tmp_path / "zz.py"], load_config(tmp_path), PACK)
    assert problems(result) == {"zz.py": "skipped: not a regular file (a character device)"}


def test_the_size_limit_holds_while_reading(tmp_path):
    from complint.files import TooLarge, read_regular

    path = tmp_path / "a.py"
    path.write_bytes(b"x" * 100)
    assert read_regular(path, 100) == b"x" * 100
    with pytest.raises(TooLarge):
        read_regular(path, 99)
    if os.path.exists("/proc/self/status"):  # a file whose size says 0, and is not empty
        assert read_regular("/proc/self/status", 1 << 20)
        with pytest.raises(TooLarge):
            read_regular("/proc/self/status", 10)


# --------------------------------------------------------------------------- 3. the tree


def test_links_out_of_the_tree_are_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "other.py").write_text(CHATBOT)
    (outside / "notes.md").write_text("hello")
    root = tmp_path / "app"
    root.mkdir()
    (root / "app.py").write_text(CHATBOT + 'st.markdown(open("docs/notes.md").read())\n')
    os.symlink(outside, root / "linkdir")
    os.symlink(outside, root / "docs")
    os.symlink(outside / "other.py", root / "other.py")
    os.symlink("/", root / "rootfs")
    inside = root / "src"
    inside.mkdir()
    os.symlink(root / "src", root / "zsrc")  # inside the tree: followed, once
    os.symlink("..", inside / "up")  # a loop
    started = time.perf_counter()
    result = scan_app(root)
    assert time.perf_counter() - started < BUDGET * 5
    assert [f.path for f in result.findings] == ["app.py"]
    assert {f.path for f in result.project.files} == {"app.py"}
    assert problems(result) == {
        "docs": f"skipped: symbolic link to {outside}, outside the scanned tree",
        "linkdir": f"skipped: symbolic link to {outside}, outside the scanned tree",
        "other.py": f"skipped: symbolic link to {outside / 'other.py'}, outside the scanned tree",
        "rootfs": "skipped: symbolic link to /, outside the scanned tree",
        "src/up": "symbolic link loop: directory already scanned, not followed",
        "zsrc": "symbolic link loop: directory already scanned, not followed",
    }


# --------------------------------------------------------------------------- 4. time


@pytest.mark.parametrize(
    "rel,text",
    [
        ("README.md", "A paragraph.\n" + " " * 30000 + "\n"),  # _TABLE_DELIMITER
        ("docs/help.md", "A paragraph " + "[" * 60000 + "\n"),  # _LINK
        ("docs/images.md", "A paragraph " + "![" * 30000 + "\n"),  # _IMAGE
        ("docs/links.md", "A paragraph " + "[](" * 20000 + "\n"),
        ("docs/heading.md", "# Title" + " " * 30000 + "x\n"),
        ("docs/comment.md", "<!-- complint: ignore[CL201]" + "<!--" * 15000),  # suppressions
        ("src/App.svelte", "<p>Hello</p>\n" + "{" * 20000),  # _brace_end
        ("src/Chat.svelte", "<p>Hello</p>\n" + "{ '" * 10000),
        ("templates/a.html", "<p>Hi</p>" + "{{" * 30000),  # lazy {0,5000}
        ("templates/b.html", "<p>Hi</p>" + "{%" * 30000),
        ("templates/c.html", "<p>Hi</p>" + "{#" * 30000),
        ("templates/d.html", "<p>Hi</p>" + "{% comment %}" * 5000),
        ("src/App.vue", "<template><p>Hi</p>" + "{{" * 30000 + "</template>"),
        ("prompts/system.j2", "You are {{ name }}" + "{%" * 30000),
        ("src/tmpl.js", 'import OpenAI from "openai";\nconst x = `' + "${" * 30000 + "`;\n"),
        ("requirements.txt", "openai" + " " * 30000 + "x @\n"),
    ],
)
def test_small_hostile_files_take_linear_time(rel, text):
    facts_in_time(rel, text)


def test_a_huge_prompt_is_read_in_linear_time():
    # Each domain phrase looked for a negator in everything before it: 1 MB took minutes.
    from complint.rules.evidence import _domain_phrase

    lexicons = [PACK.lexicon(name) for name in ("domain-medical", "domain-negators", "domain-refusals")]
    negated = "You are a helpful assistant. " + "Never give medical advice about symptoms, " * 25000
    started = time.process_time()
    assert _domain_phrase(negated, *lexicons) is None
    assert time.process_time() - started < BUDGET
    assert _domain_phrase("Never mind. Give medical advice about symptoms", *lexicons) == "medical"
    assert _domain_phrase("Never give medical advice", *lexicons) is None
