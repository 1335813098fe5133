"""Hostile input never crashes, hangs, leaves the tree or damages a file: each case ends
fast with one clear note (or a clear exit-2 error naming the file), and the rest of the
scan reports its findings."""

from __future__ import annotations

import os
import re
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
    if "stdout" not in kwargs:
        kwargs["capture_output"] = True
    return subprocess.run([sys.executable, "-m", "complint", *args], cwd=cwd, text=True, timeout=timeout, **kwargs)


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
    # The parser complint once used (libcst) overflowed its stack here: the process died, no report.
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
        ("src/Deep.svelte", "<p>Hello</p>\n" + "{" * 150000 + "x" + "}" * 140000),  # one step per brace run
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
    assert _domain_phrase("Never mind. Give medical advice about symptoms", *lexicons) == "medical advice"
    assert _domain_phrase("Never give medical advice", *lexicons) is None


# --------------------------------------------------------------------------- 5. no internal error

# "Billion laughs": eight lines, each value nine times the one before.
LAUGHS = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    "%s: &%s [%s]\n" % (name, name, ", ".join(["*" + prev] * 9)) for prev, name in zip("abcdefg", "bcdefgh")
)


def cli(tmp_path, *args):
    from helpers import run_cli

    return run_cli(list(args), cwd=tmp_path)


@pytest.mark.parametrize("odd", ["!", "\\", "[z-a]*.py", "x[\u00ff-!]"])  # a reversed range: pathspec's re.error
def test_gitignore_lines_git_ignores_are_ignored(tmp_path, odd):
    (tmp_path / "app.py").write_text(CHATBOT)
    (tmp_path / "ignored.py").write_text(CHATBOT)
    (tmp_path / ".gitignore").write_text(f"{odd}\nignored.py\n")
    result = scan_app(tmp_path)
    assert [f.path for f in result.findings] == ["app.py"]


def test_an_exclude_that_is_no_pattern_is_a_config_error(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.complint]\nexclude = ["\\\\"]\n')
    done = cli(tmp_path, "scan", ".")
    assert done.exit_code == 2
    assert "[tool.complint] exclude: '\\\\' is not a gitignore pattern (it matches nothing)" in done.stderr


@pytest.mark.parametrize("extend,reason", [("a\0b", "'a\\x00b' is not a usable path (embedded null byte)"), ("x" * 5000, "is not a usable path")])
def test_an_extend_path_the_system_refuses_is_a_config_error(tmp_path, extend, reason):
    (tmp_path / "pyproject.toml").write_text('[tool.complint]\nextend = "%s"\n' % extend.replace("\0", "\\u0000"))
    done = cli(tmp_path, "scan", ".")
    assert done.exit_code == 2
    assert "[tool.complint] extend: " in done.stderr and reason in done.stderr and "internal error" not in done.stderr


def test_an_encoding_cookie_whose_codec_fails_is_a_note(tmp_path):
    result = scan_app(tmp_path, {"app.py": CHATBOT, "puny.py": b"# coding: punycode\nimport openai\n"}, prefilter=False)
    assert codes(result) == ["CL201"]
    assert problems(result)["puny.py"].startswith("cannot decode as punycode: ")


@pytest.mark.skipif(sys.platform == "darwin" or os.name == "nt", reason="file names must be bytes")
@pytest.mark.parametrize("fmt", ["sarif", "gitlab", "json", "text"])
def test_a_file_name_that_is_not_utf8_is_reported_in_every_format(tmp_path, fmt):
    import json

    with open(os.path.join(os.fsencode(tmp_path), b"bad\xff.py"), "w") as handle:
        handle.write(CHATBOT)
    done = complint("scan", "--no-cache", "--format", fmt, "--select", "CL201", ".", cwd=tmp_path, errors="surrogateescape")
    assert done.returncode == 1, done.stderr
    if fmt == "sarif":
        assert json.loads(done.stdout)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad%FF.py"
    elif fmt != "text":
        json.loads(done.stdout)


def test_a_report_is_replaced_whole_or_left_as_it_was(tmp_path, monkeypatch):
    from complint import files

    (tmp_path / "app.py").write_text(CHATBOT)
    report = tmp_path / "report.json"
    report.write_text("the previous report")

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", full_disk)
    done = cli(tmp_path, "scan", "--format", "json", "-o", "report.json", ".")
    assert done.exit_code == 2
    assert "--output: cannot write report.json: No space left on device" in done.stderr
    assert report.read_text() == "the previous report"
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")]  # no temporary file left
    monkeypatch.undo()
    assert cli(tmp_path, "scan", "--format", "json", "-o", "report.json", ".").exit_code == 1
    assert '"CL201"' in report.read_text()


def _damaged_cache(tmp_path, name, damage):
    import json

    (tmp_path / "app.py").write_text(CHATBOT)
    assert [f.code for f in scan_app(tmp_path).findings] == ["CL201"]
    path = tmp_path / ".complint_cache" / name
    path.write_text(damage(json.loads(path.read_text())))
    return path


@pytest.mark.parametrize(
    "damage,reason",
    [
        (lambda d: __import__("json").dumps({**d, "entries": {"app.py": [1, 2, "x", "python", "parsed", {"path": "app.py", "language": "python", "user_texts": 5}]}}), "the cache is damaged ("),
        (lambda d: __import__("json").dumps({**d, "entries": {k: v[:5] + [{**v[5], "model_calls": [{"location": {"path": 1, "line": "six"}, "provider": "openai", "api": "x"}]}] for k, v in d["entries"].items()}}), "the cache is damaged (Location.path: expected str, got int)"),
        (lambda d: "[" * 100000 + "]" * 100000, "the cache is damaged (maximum recursion depth exceeded"),
    ],
)
def test_a_damaged_facts_cache_is_rebuilt_with_a_note(tmp_path, damage, reason):
    _damaged_cache(tmp_path, "facts.json", damage)
    result = scan_app(tmp_path)
    assert codes(result) == ["CL201"]
    assert [p.message for p in result.problems if reason in p.message]
    assert scan_app(tmp_path).problems == ()  # rebuilt


def test_a_damaged_pack_cache_is_rebuilt_and_the_pack_not_blamed(tmp_path):
    import json

    from complint.cache import cache_directory
    from complint.policy import load_pack

    (tmp_path / "app.py").write_text(CHATBOT)
    config = load_config(tmp_path)
    load_pack(cache_dir=cache_directory(config))
    path = cache_directory(config) / "pack.json"
    data = json.loads(path.read_text())
    data["files"]["pack.yaml"] = 5  # valid JSON, of the right digest
    path.write_text(json.dumps(data))
    pack = load_pack(cache_dir=cache_directory(config))
    assert [n.message for n in pack.notes] == [
        "the cache of the parsed policy pack is damaged (it fails the checks its YAML passes: PolicyError); "
        "it was discarded and will be rebuilt"
    ]
    assert load_pack(cache_dir=cache_directory(config)).notes == ()


@pytest.mark.parametrize("content", ["[" * 100000 + "]" * 100000, '{"complint-baseline": ' + "9" * 100000 + "}"])
def test_a_hostile_baseline_is_a_clear_error(tmp_path, content):
    (tmp_path / "app.py").write_text(CHATBOT)
    (tmp_path / "baseline.json").write_text(content)
    done = cli(tmp_path, "scan", "--baseline", "baseline.json", ".")
    assert done.exit_code == 2
    assert "baseline.json: not a complint baseline (" in done.stderr and "internal error" not in done.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("args", [["scan", "--no-cache", "."], ["rules"], ["explain", "CL201"]])
def test_a_full_disk_on_standard_output_is_a_clear_error(tmp_path, args):
    (tmp_path / "app.py").write_text(CHATBOT)
    with open("/dev/full", "w") as full:
        done = complint(*args, cwd=tmp_path, stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 2
    assert done.stderr.strip() == "complint: error: cannot write the output: No space left on device"


def test_python_tags_in_the_declaration_are_an_invalid_declaration(tmp_path):
    (tmp_path / "app.py").write_text(CHATBOT)
    (tmp_path / "complint.yaml").write_text('app:\n  audience: !!python/object/apply:os.system ["echo hi"]\n')
    result = scan_any(tmp_path, select=("CL002",))
    (finding,) = result.findings
    assert "could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system'" in finding.message


def test_billion_laughs_in_the_declaration_is_an_invalid_declaration_at_once(tmp_path):
    (tmp_path / "app.py").write_text(CHATBOT)
    (tmp_path / "complint.yaml").write_text(LAUGHS + "app: {audience: consumer, use-cases: *h}\n")
    started = time.process_time()
    result = scan_any(tmp_path, select=("CL002",))
    assert time.process_time() - started < BUDGET
    (finding,) = result.findings
    assert "invalid YAML: its aliases expand to more than 100,000 values" in finding.message


def test_billion_laughs_in_the_configuration_is_a_config_error(tmp_path):
    (tmp_path / ".complint.yaml").write_text(LAUGHS + "select: *h\n")
    done = cli(tmp_path, "scan", ".")
    assert done.exit_code == 2
    assert ".complint.yaml:6: invalid YAML: its aliases expand to more than 100,000 values" in done.stderr


def test_yaml_aliases_within_reason_still_work(tmp_path):
    from complint.yamlfile import load

    assert load("a: &x [1, 2]\nb: *x\n<<: {c: 3}\n") == {"a": [1, 2], "b": [1, 2], "c": 3}


# --------------------------------------------------------------------------- 9. small things


def test_a_listing_read_only_in_part_exits_0_quietly(tmp_path):
    process = subprocess.Popen([sys.executable, "-m", "complint", "rules"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    assert process.stdout.readline().startswith(b"Policy pack ")
    process.stdout.close()  # `complint rules | head -1`
    assert process.wait(timeout=60) == 0
    assert process.stderr.read() == b""


@pytest.mark.parametrize(
    "args,code,message",
    [
        (["scan", "--no-cache", "."], 1, "complint: warning: standard output is closed: the report is not shown (-o FILE writes it)"),
        (["rules"], 2, "complint: error: standard output is closed: nothing can be printed"),
        (["explain", "CL201"], 2, "complint: error: standard output is closed: nothing can be printed"),
    ],
)
def test_a_closed_standard_output_is_said(tmp_path, args, code, message):
    (tmp_path / "app.py").write_text(CHATBOT)
    done = subprocess.run(
        " ".join([sys.executable, "-m", "complint", *args]) + " >&-", shell=True, cwd=tmp_path, stderr=subprocess.PIPE,
        text=True, timeout=60,
    )
    assert done.returncode == code  # a scan's verdict stands (tests/test_cli.py)
    assert done.stderr.strip() == message


def test_a_key_given_twice_in_the_configuration_is_a_config_error(tmp_path):
    (tmp_path / ".complint.yaml").write_text('select: ["CL201"]\nselect: ["CL001"]\n')
    done = cli(tmp_path, "scan", ".")
    assert done.exit_code == 2
    assert ".complint.yaml:2: invalid YAML: key 'select' is given twice (lines 1 and 2)" in done.stderr


def test_a_tool_complint_that_is_no_table_is_a_config_error(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool]\ncomplint = "x"\n')
    done = cli(tmp_path, "scan", ".")
    assert done.exit_code == 2
    assert "pyproject.toml: [tool.complint] must be a table" in done.stderr


@pytest.mark.parametrize("bom,encoding", [(b"", "utf-32-le"), (b"", "utf-32-be"), (b"", "utf-32")])
def test_utf32_files_are_read(tmp_path, bom, encoding):
    disclosed = CHATBOT + 'st.caption("You are chatting with an AI")\n'
    result = scan_app(tmp_path, {"app.py": bom + disclosed.encode(encoding)})
    assert result.problems == () and codes(result) == []


@needs_fifo
@pytest.mark.parametrize("name", ["facts.json", "pack.json"])
def test_a_cache_file_that_is_a_named_pipe_is_not_read(tmp_path, name):
    (tmp_path / "app.py").write_text(CHATBOT)
    (tmp_path / ".complint_cache").mkdir()
    os.mkfifo(tmp_path / ".complint_cache" / name)
    done = complint("scan", "--select", "CL201", ".", cwd=tmp_path, timeout=30)
    assert done.returncode == 1, done.stderr
    assert f".complint_cache/{name}: " in done.stderr and "not a regular file (a named pipe)" in done.stderr


def test_a_report_can_still_go_to_a_device(tmp_path):
    (tmp_path / "app.py").write_text(CHATBOT)
    done = complint("scan", "--no-cache", "--format", "json", "-o", "/dev/stdout", ".", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert '"CL201"' in done.stdout


@pytest.mark.parametrize(
    "name, content",
    [
        (".complint.yaml", "fail-on: " + "9" * 100000 + "\n"),
        ("complint.toml", "fail-on = " + "9" * 100000 + "\n"),
        (".complint.yaml", "exclude:\n" + "  " + "[" * 5000 + "]" * 5000 + "\n"),
    ],
)
def test_a_configuration_holding_a_huge_number_or_deep_nesting_is_a_configuration_error(tmp_path, name, content):
    from complint.config import ConfigError

    (tmp_path / name).write_text(content)
    started = time.monotonic()
    with pytest.raises(ConfigError, match=re.escape(name) + r"(:\d+)?: (unreadable|invalid) (YAML|TOML)"):
        load_config(tmp_path)
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("content", ["audience: " + "9" * 100000 + "\n", "interfaces: " + "[" * 3000 + "]" * 3000 + "\n"])
def test_a_declaration_holding_a_huge_number_or_deep_nesting_is_cl002(tmp_path, content):
    files = {"app.py": CHATBOT, "complint.yaml": content}
    result = scan_any(tmp_path, files, select=("CL002",))
    assert codes(result) == ["CL002"] and not result.problems


@pytest.mark.parametrize(
    "pattern, note",
    [
        ("*" * 100, False),  # a run of stars is one `**`, as git reads it
        ("*a" * 14 + "b", True),  # too many wildcards to match in reasonable time: left out, said
    ],
)
def test_a_gitignore_pattern_of_many_wildcards_takes_no_exponential_time(tmp_path, pattern, note):
    # pathspec makes each `*` a `[^/]*`: with a negation in the file it decides path by path,
    # and 100 stars against "static/" did not end.
    (tmp_path / "app.py").write_text(CHATBOT)
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "page.html").write_text("<p>" + "a" * 40 + "</p>\n")
    (tmp_path / ".gitignore").write_text(f"*.log\n!keep.log\n{pattern}\n")
    started = time.process_time()
    result = scan_app(tmp_path)
    assert time.process_time() - started < BUDGET
    assert any(p.path == ".gitignore" and "wildcards ignored" in p.message for p in result.problems) == note


def test_svelte_brace_runs_are_read_a_run_at_a_time():
    # Each `{` was one step of a Python loop: a 600 KB run of braces cost seconds within
    # the characters' budget (the fuzz battery's seed 2, case 1426).
    from complint.extract.markup import mask

    source = "<p>Hi</p>\n" + "{" * 300000 + "x" + "}" * 300000
    started = time.process_time()
    masked = mask(source, "svelte")
    assert time.process_time() - started < 0.5
    assert len(masked) == len(source)
    assert mask("<p>{a}{b}</p>", "svelte") != "<p>{a}{b}</p>"  # expressions are still masked
