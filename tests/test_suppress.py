"""Suppressions: given these comments and settings, complint keeps out exactly these findings."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from complint.config import ConfigError, load_config
from complint.facts import FileFacts, Location
from complint.findings import Finding
from complint.policy import PolicyError, load_pack
from complint.project import Project
from complint.suppress import apply_suppressions, find_suppressions, scan_suppressions

from helpers import PACK, run_cli, scan_app, write_app

# Only the codes under test: other checks (declarations, ...) must not blur these tests.
ONLY = {"select": ("CL201", "CL9")}

CHATBOT = """\
import streamlit as st
from openai import OpenAI

client = OpenAI()
st.title("Help desk")
{above}
if question := st.chat_input("Ask us anything"):{trailing}
    answer = client.chat.completions.create(
        model="gpt-4o", messages=[{{"role": "user", "content": question}}]
    )
    st.chat_message("assistant").write(answer.choices[0].message.content)
"""
CHAT_LINE = 7  # where CL201 points: st.chat_input


def chatbot(above: str = "", trailing: str = "") -> str:
    return CHATBOT.format(above=above, trailing=trailing)


def scan(tmp_path: Path, files, **overrides):
    return scan_app(tmp_path, files, **{**ONLY, **overrides})


def found(result):
    return [(f.code, f.path, f.location.line) for f in result.findings]


def one(text: str, path: str):
    (suppression,) = find_suppressions(textwrap.dedent(text), path)
    return suppression


# --------------------------------------------------------------------------- every comment syntax


@pytest.mark.parametrize(
    "path,text,line",
    [
        ("app.py", "x = 1\n# complint: ignore[CL201] reason: disclosure rendered by our CMS\n", 2),
        ("app.py", "ask()  # complint: ignore[CL201] reason: disclosure rendered by our CMS\n", 1),
        ("src/chat.js", "// complint: ignore[CL201] reason: disclosure rendered by our CMS\n", 1),
        ("src/chat.ts", "const a = 1; /* complint: ignore[CL201] reason: disclosure rendered by our CMS */\n", 1),
        ("src/Chat.tsx", "<div>\n  {/* complint: ignore[CL201] reason: disclosure rendered by our CMS */}\n</div>\n", 2),
        ("src/chat.jsx", "// complint: ignore[CL201] reason: disclosure rendered by our CMS\n", 1),
        ("templates/chat.html", "<!-- complint: ignore[CL201] reason: disclosure rendered by our CMS -->\n", 1),
        ("templates/chat.html", "<p>\n{# complint: ignore[CL201] reason: disclosure rendered by our CMS #}\n", 2),
        ("templates/chat.jinja", "{#- complint: ignore[CL201] reason: disclosure rendered by our CMS -#}\n", 1),
        ("templates/chat.j2", "{# complint: ignore[CL201] reason: disclosure rendered by our CMS #}\n", 1),
        ("src/Chat.vue", "<template>\n<!-- complint: ignore[CL201] reason: disclosure rendered by our CMS -->\n", 2),
        ("src/Chat.vue", "<script>\n// complint: ignore[CL201] reason: disclosure rendered by our CMS\n", 2),
        ("src/Chat.svelte", "<!-- complint: ignore[CL201] reason: disclosure rendered by our CMS -->\n", 1),
        ("docs/index.md", "# Help\n\n<!-- complint: ignore[CL201] reason: disclosure rendered by our CMS -->\n", 3),
        ("complint.yaml", "audience: consumer  # complint: ignore[CL201] reason: disclosure rendered by our CMS\n", 1),
        ("pyproject.toml", "[tool.complint.app]\n# complint: ignore[CL201] reason: disclosure rendered by our CMS\n", 2),
        ("requirements.txt", "openai  # complint: ignore[CL201] reason: disclosure rendered by our CMS\n", 1),
    ],
)
def test_each_file_kind_reads_its_own_comment_syntax(path, text, line):
    suppression = one(text, path)
    assert suppression.codes == ("CL201",)
    assert suppression.reason == "disclosure rendered by our CMS"
    assert (suppression.location.path, suppression.location.line) == (path, line)
    assert not suppression.file_level


@pytest.mark.parametrize(
    "path,text",
    [
        ("app.py", 'note = "# complint: ignore[CL201] reason: not a comment"\n'),
        ("app.py", "HELP = '''\n# complint: ignore[CL201] reason: inside a docstring\n'''\n"),
        ("app.py", "HELP = f\"{x} # complint: ignore[CL201]\"\n"),
        ("src/chat.js", 'const s = "// complint: ignore[CL201] reason: not a comment";\n'),
        ("src/chat.ts", "const s = `\n// complint: ignore[CL201] reason: inside a template literal\n`;\n"),
        ("src/chat.js", "const u = 'http://example.com/complint: ignore[CL201]';\n"),
        ("complint.yaml", 'title: "Help # complint: ignore[CL201]"\n'),
        ("complint.yaml", "url: http://example.com/#complint: ignore[CL201]\n"),
        ("pyproject.toml", "description = 'Help # complint: ignore[CL201]'\n"),
        ("docs/index.md", "```html\n<!-- complint: ignore[CL201] reason: an example in a code fence -->\n```\n"),
        # A syntax only counts in the files that use it.
        ("app.py", "// complint: ignore[CL201]\n"),
        ("src/chat.js", "# complint: ignore[CL201]\n"),
        ("templates/chat.html", "# complint: ignore[CL201]\n"),
        ("data.json", '{"_comment": "complint: ignore[CL201]"}\n'),
        # Mentioning complint is not a directive.
        ("app.py", "# run complint: ignore[CL201] is explained in the README\n"),
    ],
)
def test_look_alikes_outside_real_comments_are_not_suppressions(path, text):
    assert scan_suppressions(text, path) == ((), ())


def test_the_forms_of_a_suppression():
    assert one("# complint: ignore-file[CL401] reason: a licensed parody\n", "app.py").file_level
    assert one("# complint: ignore\n", "app.py").codes == ()  # every code
    assert one("# complint: ignore[cl201,CL301 CL201]\n", "app.py").codes == ("CL201", "CL301")
    assert one("# complint: ignore[CL201]\n", "app.py").reason == ""
    chained = one("x = 1  # noqa: E501  # complint: ignore[CL201] reason: CMS\n", "app.py")
    assert (chained.codes, chained.reason) == (("CL201",), "CMS")
    block = one("/* complint: ignore[CL201]\n * reason: the banner comes\n * from our CMS */\nask();\n", "a.js")
    assert (block.location.line, block.location.end_line, block.reason) == (1, 3, "the banner comes from our CMS")


@pytest.mark.parametrize(
    "comment,message",
    [
        ("# complint: ignroe[CL201]", "`complint: ignroe[CL201]` is not a suppression: write `complint: ignore[CL201] reason: why`"),
        ("# complint: ignore[CL201] because our CMS shows it", "put the explanation after `reason:`"),
        ("# complint: ignore[]", "`complint: ignore[]`: no rule code between [ ]"),
        ("# complint: ignore[missing-ai-disclosure]", "'missing-ai-disclosure' is not a rule code"),
    ],
)
def test_a_malformed_comment_is_reported_with_its_line_and_the_fix(comment, message):
    suppressions, problems = scan_suppressions(f"x = 1\n{comment}\n", "app.py")
    assert suppressions == ()
    (problem,) = problems
    assert (problem.path, problem.line, problem.column) == ("app.py", 2, 1)
    assert message in problem.message


def test_a_malformed_comment_is_shown_on_stderr_and_suppresses_nothing(tmp_path):
    write_app(tmp_path, {"app.py": chatbot(above="# complint: ignroe[CL201] reason: CMS")})
    result = run_cli(["scan", ".", "--select", "CL201,CL9"], cwd=tmp_path)
    assert result.exit_code == 1
    assert "app.py:7:16: CL201" in result.stdout
    assert (
        "complint: app.py:6:1: complint comment: `complint: ignroe[CL201] reason: CMS` is not a suppression: "
        "write `complint: ignore[CL201] reason: why` or `complint: ignore-file[CL201] reason: why`"
    ) in result.stderr


# --------------------------------------------------------------------------- what they suppress


def test_a_chatbot_without_disclosure_is_reported(tmp_path):
    assert found(scan(tmp_path, {"app.py": chatbot()})) == [("CL201", "app.py", CHAT_LINE)]


def test_a_suppression_on_the_findings_line(tmp_path):
    result = scan(tmp_path, {"app.py": chatbot(trailing="  # complint: ignore[CL201] reason: CMS banner")})
    assert found(result) == []
    (suppressed,) = result.suppressed
    assert (suppressed.finding.code, suppressed.reason) == ("CL201", "CMS banner")


def test_a_suppression_on_the_line_above(tmp_path):
    result = scan(tmp_path, {"app.py": chatbot(above="# complint: ignore[CL201] reason: CMS banner")})
    assert found(result) == []


def test_a_suppression_two_lines_above_is_too_far(tmp_path):
    result = scan(tmp_path, {"app.py": chatbot(above="# complint: ignore[CL201] reason: CMS banner\n")})
    assert found(result) == [("CL901", "app.py", 6), ("CL201", "app.py", CHAT_LINE + 1)]


def test_a_suppression_naming_another_code_does_not_suppress(tmp_path):
    result = scan(tmp_path, {"app.py": chatbot(above="# complint: ignore[CL902] reason: CMS banner")})
    assert ("CL201", "app.py", CHAT_LINE) in found(result)
    (unused,) = [f for f in result.findings if f.code == "CL901"]
    assert unused.message == (
        "Unused suppression `complint: ignore[CL902]`: no CL902 finding is reported on line 6 or 7"
    )


def test_a_suppression_inside_a_string_does_not_suppress(tmp_path):
    above = 'st.markdown("# complint: ignore[CL201] reason: not a comment")'
    assert found(scan(tmp_path, {"app.py": chatbot(above=above)})) == [("CL201", "app.py", CHAT_LINE)]


def test_a_blanket_suppression_suppresses_every_code(tmp_path):
    assert found(scan(tmp_path, {"app.py": chatbot(above="# complint: ignore reason: CMS banner")})) == []


def test_the_file_level_form(tmp_path):
    app = chatbot().replace("client = OpenAI()", "client = OpenAI()  # complint: ignore-file[CL201] reason: CMS")
    assert found(scan(tmp_path, {"app.py": app})) == []


def test_the_file_level_form_covers_only_its_own_file(tmp_path):
    files = {"app.py": chatbot(), "other.py": "# complint: ignore-file[CL201] reason: CMS\n"}
    result = scan(tmp_path, files)
    assert found(result) == [("CL201", "app.py", CHAT_LINE), ("CL901", "other.py", 1)]
    assert result.findings[1].message.endswith("no CL201 finding is reported in this file")


def test_per_file_ignores_in_configuration(tmp_path):
    config = '[tool.complint.per-file-ignores]\n"app.py" = ["CL201"]\n"legacy/*.py" = ["CL2"]\n'
    result = scan(tmp_path, {"app.py": chatbot(), "pyproject.toml": config})
    assert found(result) == []
    assert result.suppressed[0].reason == "per-file-ignores 'app.py'"


def test_per_file_ignores_for_other_files_or_codes_do_not_suppress(tmp_path):
    config = '[tool.complint.per-file-ignores]\n"legacy/*.py" = ["CL201"]\n"*.py" = ["CL9"]\n'
    result = scan(tmp_path, {"app.py": chatbot(), "pyproject.toml": config})
    assert found(result) == [("CL201", "app.py", CHAT_LINE)]


def test_per_file_ignores_with_an_unknown_code_names_the_file_key_and_fix(tmp_path):
    write_app(tmp_path, {"app.py": chatbot(), "complint.toml": '[per-file-ignores]\n"app.py" = ["CL21"]\n'})
    result = run_cli(["scan", "."], cwd=tmp_path)
    assert result.exit_code == 2
    expected = f"complint: error: {tmp_path / 'complint.toml'}: per-file-ignores.'app.py': unknown rule code 'CL21'"
    assert result.stderr.startswith(expected)
    assert "did you mean" in result.stderr


@pytest.mark.parametrize(
    "content,message",
    [
        ('per-file-ignores = ["app.py"]\n', 'per-file-ignores: expected a table of glob = [codes], e.g. "tests/*.py" = ["CL201"]'),
        ('[per-file-ignores]\n"app.py" = "CL201"\n', "per-file-ignores.'app.py': expected a list of strings, e.g. [\"CL201\"]"),
        ('require-suppression-reason = "yes"\n', "require-suppression-reason: expected true or false, got 'yes'"),
        ('baseline = 3\n', 'baseline: expected a file path, e.g. "complint-baseline.json"'),
    ],
)
def test_bad_suppression_settings_name_the_file_and_key(tmp_path, content, message):
    (tmp_path / "complint.toml").write_text(content)
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path)
    assert str(error.value) == f"{tmp_path / 'complint.toml'}: {message}"


def test_a_project_level_finding_is_suppressed_where_it_points(tmp_path):
    # The chat UI and the model call live in different files; the finding points at the UI.
    files = {
        "llm.py": "from openai import OpenAI\nclient = OpenAI()\n"
        "def ask(q):\n    return client.chat.completions.create(model='m', messages=[q])\n",
        "ui.py": "import streamlit as st\nfrom llm import ask\n"
        "# complint: ignore[CL201] reason: the disclosure banner is rendered by our CMS\n"
        "if q := st.chat_input('Ask'):\n    st.write(ask(q))\n",
    }
    assert found(scan(tmp_path, files)) == []
    misplaced = {**files, "ui.py": files["ui.py"].replace("CMS\n", "CMS\nx = 1\n", 1)}
    misplaced["llm.py"] += "# complint: ignore[CL201] reason: at the model call, not where the finding points\n"
    assert found(scan(tmp_path, misplaced)) == [("CL901", "llm.py", 5), ("CL901", "ui.py", 3), ("CL201", "ui.py", 5)]


# --------------------------------------------------------------------------- CL902: reasons


def test_a_reasonless_suppression_is_cl902_when_reasons_are_required(tmp_path):
    files = {"app.py": chatbot(above="# complint: ignore[CL201]"), "complint.toml": "require-suppression-reason = true\n"}
    result = scan(tmp_path, files)
    assert found(result) == [("CL902", "app.py", 6)]
    assert result.findings[0].message == (
        "`complint: ignore[CL201]` gives no reason, and this project requires one (require-suppression-reason = true)"
    )


def test_reasons_are_optional_by_default(tmp_path):
    assert found(scan(tmp_path, {"app.py": chatbot(above="# complint: ignore[CL201]")})) == []


def test_a_suppression_with_a_reason_is_not_cl902(tmp_path):
    files = {"app.py": chatbot(above="# complint: ignore[CL201] reason: CMS"), "complint.toml": "require-suppression-reason = true\n"}
    assert found(scan(tmp_path, files)) == []


def test_a_blanket_suppression_does_not_hide_its_own_cl902(tmp_path):
    files = {"app.py": chatbot(above="# complint: ignore"), "complint.toml": "require-suppression-reason = true\n"}
    assert found(scan(tmp_path, files)) == [("CL902", "app.py", 6)]


# --------------------------------------------------------------------------- CL901: unused


def test_a_suppression_that_suppresses_nothing_is_cl901(tmp_path):
    app = chatbot(above="# complint: ignore[CL201] reason: CMS").replace(
        'st.title("Help desk")', 'st.caption("You are chatting with an AI assistant.")'
    )
    result = scan(tmp_path, {"app.py": app})
    assert found(result) == [("CL901", "app.py", 6)]
    finding = result.findings[0]
    assert (finding.severity, finding.clause) == ("warning", "")
    assert finding.message == "Unused suppression `complint: ignore[CL201]`: no CL201 finding is reported on line 6 or 7"


def test_an_unknown_code_is_reported_clearly(tmp_path):
    result = scan(tmp_path, {"app.py": chatbot(above="# complint: ignore[CL299, CL201] reason: CMS")})
    assert found(result) == [("CL901", "app.py", 6)]  # CL201 is suppressed all the same
    assert result.findings[0].message.startswith(
        "Unused suppression `complint: ignore[CL299, CL201]`: CL299 is not a rule code ("
    )


def test_each_unused_code_of_a_comment_is_named(tmp_path):
    result = scan(tmp_path, {"app.py": chatbot(above="# complint: ignore[CL201, CL902] reason: CMS")})
    assert found(result) == [("CL901", "app.py", 6)]
    assert result.findings[0].message.endswith(": no CL902 finding is reported on line 6 or 7")


def test_an_unused_blanket_suppression_is_cl901(tmp_path):
    result = scan(tmp_path, {"app.py": "x = 1  # complint: ignore reason: nothing here\n"})
    assert [f.message for f in result.findings] == [
        "Unused suppression `complint: ignore`: no finding is reported on line 1 or 2"
    ]


def test_a_code_that_did_not_run_is_not_judged(tmp_path):
    files = {"app.py": chatbot(above="# complint: ignore[CL201] reason: CMS")}
    assert found(scan(tmp_path, files, select=("CL9",))) == []
    assert found(scan(tmp_path, files, ignore=("CL201",))) == []


def test_cl901_can_be_deselected_or_suppressed_by_name(tmp_path):
    files = {"app.py": chatbot(above="# complint: ignore[CL201] reason: CMS\n")}
    assert found(scan(tmp_path, files, ignore=("CL901",))) == [("CL201", "app.py", CHAT_LINE + 1)]
    files = {"app.py": "x = 1  # complint: ignore[CL299, CL901] reason: kept for the migration\n"}
    assert found(scan(tmp_path, files)) == []


def test_suppressions_in_a_file_that_could_not_be_analysed_are_not_judged(tmp_path):
    result = scan(tmp_path, {"broken.py": "# complint: ignore[CL201] reason: CMS\ndef f(:\n"})
    assert found(result) == []
    assert [p.path for p in result.problems] == ["broken.py"]


def test_cl901_in_the_text_report_has_no_policy_line(tmp_path):
    write_app(tmp_path, {"app.py": "x = 1  # complint: ignore[CL201] reason: CMS\n"})
    result = run_cli(["scan", ".", "--select", "CL201,CL9"], cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [
        "app.py:1:8: CL901 [warning] Unused suppression `complint: ignore[CL201]`: "
        "no CL201 finding is reported on line 1 or 2",
        "  = fix: Remove the comment, or correct the code it names (`complint rules` lists them). If the "
        "finding moved, move the comment to the finding's line or the line above it.",
    ]


# --------------------------------------------------------------------------- every file kind, applied


def _finding(path: str, line: int, code: str = "CL201") -> Finding:
    spec = PACK.check(code)
    return Finding(code, spec.name, spec.severity, "high", "m", Location(path, line, 1), spec.fix, spec.clause, spec.section)


@pytest.mark.parametrize(
    "path,text,finding_line",
    [
        ("templates/chat.html", "<h1>Help</h1>\n<!-- complint: ignore[CL201] reason: CMS -->\n<form id=chat>\n", 3),
        ("templates/chat.html", "<h1>Help</h1>\n{# complint: ignore[CL201] reason: CMS #}\n<form id=chat>\n", 3),
        ("templates/chat.html", "<!--\n  complint: ignore[CL201]\n  reason: CMS\n-->\n<form id=chat>\n", 5),
        ("src/Chat.tsx", "export const Chat = () => (\n  <ChatBox /> // complint: ignore[CL201] reason: CMS\n);\n", 2),
        ("src/chat.js", "// complint: ignore[CL201] reason: CMS\nbot.on('message', reply);\n", 2),
    ],
)
def test_suppressions_in_every_syntax_apply_to_the_line_below_or_their_own(path, text, finding_line):
    facts = FileFacts(path=path, language="x", suppressions=find_suppressions(text, path))
    project = Project(root=Path("."), files=(facts,))
    config = load_config(Path("."))
    outcome = apply_suppressions([_finding(path, finding_line)], project, PACK, config)
    assert outcome.findings == ()
    (suppression,) = facts.suppressions
    beyond = suppression.location.end_line + 2
    far = apply_suppressions([_finding(path, beyond)], project, PACK, config)
    assert [(f.code, f.location.line) for f in far.findings] == [("CL901", suppression.location.line), ("CL201", beyond)]


# --------------------------------------------------------------------------- hygiene checks in the pack


def _pack(tmp_path: Path, check: str) -> Path:
    (tmp_path / "pack.yaml").write_text("name: t\nversion: '1'\npolicy:\n  title: P\n  text: policy.txt\n")
    (tmp_path / "policy.txt").write_text("Automated systems must disclose.\n")
    body = "section: s\ntitle: S\nchecks:\n  - code: CL901\n    name: unused-suppression\n    severity: warning\n"
    body += "    summary: x\n    message: m\n    rationale: r\n    fix: f\n" + check
    (tmp_path / "s.yaml").write_text(body)
    return tmp_path


def test_a_hygiene_check_quotes_no_clause(tmp_path):
    spec = load_pack(_pack(tmp_path, "    kind: hygiene\n    clause: null\n")).check("CL901")
    assert (spec.kind, spec.clause) == ("hygiene", "")


@pytest.mark.parametrize(
    "check,error",
    [
        ("    kind: hygiene\n    clause: Automated systems must disclose.\n",
         "checks[0] (CL901).clause: a hygiene check quotes no policy clause; write `clause: null`"),
        ("    kind: tooling\n    clause: null\n", "checks[0] (CL901).kind: 'tooling' is not one of policy, hygiene"),
        ("    clause: null\n", "checks[0] (CL901).clause: missing"),
    ],
)
def test_a_policy_check_still_needs_its_clause(tmp_path, check, error):
    with pytest.raises(PolicyError) as raised:
        load_pack(_pack(tmp_path, check))
    assert str(raised.value) == f"{tmp_path / 's.yaml'}: {error}"


def test_the_explain_page_of_a_hygiene_check():
    result = run_cli(["explain", "CL901"])
    assert result.exit_code == 0
    assert "## Policy clause\n\n  None: this check keeps complint's own annotations honest." in result.stdout


def test_unused_multi_line_comments_and_codes_without_a_close_match(tmp_path):
    files = {"chat.js": "/* complint: ignore[XY12]\n * reason: a typo\n */\nconst x = 1;\n"}
    facts = FileFacts(path="chat.js", language="javascript", suppressions=find_suppressions(files["chat.js"], "chat.js"))
    outcome = apply_suppressions([], Project(root=tmp_path, files=(facts,)), PACK, load_config(tmp_path))
    assert [f.message for f in outcome.findings] == [
        "Unused suppression `complint: ignore[XY12]`: XY12 is not a rule code (`complint rules` lists them)"
    ]
    facts = FileFacts(path="chat.js", language="javascript", suppressions=find_suppressions(
        "/* complint: ignore[CL201]\n   reason: gone */\n", "chat.js"))
    outcome = apply_suppressions([], Project(root=tmp_path, files=(facts,)), PACK, load_config(tmp_path))
    assert outcome.findings[0].message.endswith("no CL201 finding is reported on lines 1 to 3")
