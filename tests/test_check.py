"""`complint check`: every obligation that applies, met or not, with evidence; the verdict.

Goldens live in tests/golden/check/; to accept a deliberate change:
COMPLINT_UPDATE_GOLDENS=1 python -m pytest tests/test_check.py
"""

from __future__ import annotations

import json
import os
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from complint import __version__

from helpers import PACK, run_cli, write_app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
GOLDEN = Path(__file__).parent / "golden" / "check"
UPDATE = os.environ.get("COMPLINT_UPDATE_GOLDENS") == "1"
FORMATS = {"text": "txt", "json": "json", "markdown": "md", "html": "html"}


def app(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(EXAMPLES / name, target)
    return target


def normalise(text: str) -> str:
    return text.replace(__version__, "<VERSION>").replace(PACK.version, "<PACK-VERSION>")


def test_compliant_app_is_ready_with_evidence_for_every_obligation(tmp_path):
    root = app(tmp_path, "chatbot-with-disclosure")
    result = run_cli(["check", ".", "--format", "json"], cwd=root)
    assert result.exit_code == 0, result.stdout
    data = json.loads(result.stdout)
    assert data["verdict"] == {"ready": True, "reasons": []}
    statuses = {o["code"]: o["status"] for o in data["obligations"]}
    assert statuses["CL201"] == "met" and statuses["CL001"] == "met"
    disclosure = next(o for o in data["obligations"] if o["code"] == "CL201")
    (evidence,) = disclosure["evidence"]
    assert (evidence["path"], evidence["line"]) == ("app.py", 16)
    assert "You are chatting with an AI assistant" in evidence["note"]
    assert evidence["source"] == "st.caption(DISCLOSURE)"
    assert disclosure["policy_clause"] == PACK.check("CL201").clause
    for obligation in data["obligations"]:
        if obligation["status"] == "met":
            assert obligation["evidence"], obligation["code"]


def test_non_compliant_app_is_not_ready_and_says_where_to_fix(tmp_path):
    root = app(tmp_path, "chatbot-no-disclosure")
    result = run_cli(["check", "."], cwd=root)
    assert result.exit_code == 1
    assert "NOT READY: 1 obligation not met: CL201" in result.stdout
    assert "NOT MET  CL201  Tell users they are talking to an AI" in result.stdout
    assert "- app.py:23  flagged here (CL201, high confidence)" in result.stdout
    assert '| if question := st.chat_input("Ask about your order"):' in result.stdout


def test_app_without_declaration_is_not_ready(tmp_path):
    write_app(tmp_path, {"app.py": "from openai import OpenAI\nOpenAI().chat.completions.create(model='m', messages=[])\n"})
    result = run_cli(["check", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert "the app has no declaration ([tool.complint.app] or complint.yaml)" in data["verdict"]["reasons"]
    assert data["declaration"]["where"].startswith("none")
    assert {o["code"]: o["status"] for o in data["obligations"]}["CL001"] == "not met"


def test_batch_app_lists_the_disclosure_as_not_applicable(tmp_path):
    root = app(tmp_path, "batch-summariser")
    data = json.loads(run_cli(["check", ".", "--format", "json"], cwd=root).stdout)
    disclosure = next(o for o in data["obligations"] if o["code"] == "CL201")
    assert disclosure["status"] == "not applicable"
    assert disclosure["reason"] == "no chat UI, bot, console chat or chat endpoint, and none declared"


def test_a_suppressed_finding_is_shown_as_waived_with_its_reason(tmp_path):
    root = app(tmp_path, "chatbot-no-disclosure")
    source = (root / "app.py").read_text().replace(
        "if question := st.chat_input", "# complint: ignore[CL201] reason: the banner comes from our CMS\nif question := st.chat_input"
    )
    (root / "app.py").write_text(source)
    result = run_cli(["check", ".", "--format", "json"], cwd=root)
    data = json.loads(result.stdout)
    disclosure = next(o for o in data["obligations"] if o["code"] == "CL201")
    assert disclosure["status"] == "waived"
    assert disclosure["reason"] == "waived: the banner comes from our CMS"
    assert result.exit_code == 0


def test_missing_path_is_a_usage_error(tmp_path):
    result = run_cli(["check", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "no such file or directory" in result.stderr


@pytest.mark.parametrize("name", ["chatbot-no-disclosure", "chatbot-with-disclosure"])
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_golden(tmp_path, name, fmt):
    root = app(tmp_path, name)
    result = run_cli(["check", ".", "--format", fmt], cwd=root)
    text = normalise(result.stdout)
    assert str(tmp_path) not in text
    golden = GOLDEN / f"{name}.{FORMATS[fmt]}"
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"{fmt} output changed; see the module docstring"


class _Structure(HTMLParser):
    """Collects what a reviewer relies on: ids, checklist items, and anything that loads."""

    def __init__(self) -> None:
        super().__init__()
        self.ids, self.items, self.external, self.stack = set(), [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "li" and "data-status" in attrs:
            self.items.append((attrs["data-code"], attrs["data-status"]))
        if tag in ("script", "link", "img", "iframe") or any(v and "http" in v for k, v in attrs.items() if k in ("src", "href")):
            self.external.append(tag)
        if tag not in ("meta", "br", "img", "link", "input"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()


def test_html_is_self_contained_and_well_formed(tmp_path):
    root = app(tmp_path, "chatbot-no-disclosure")
    out = tmp_path / "report.html"
    assert run_cli(["check", ".", "--format", "html", "--output", str(out)], cwd=root).exit_code == 1
    page = out.read_text(encoding="utf-8")
    parser = _Structure()
    parser.feed(page)
    assert parser.stack == ["html"] or parser.stack == []
    assert {"summary", "declaration", "obligations", "findings"} <= parser.ids
    assert ("CL201", "not met") in parser.items and ("CL001", "met") in parser.items
    assert parser.external == []  # no scripts, stylesheets, images or links to the network
    assert "<style>" in page and "NOT READY" in page


def test_the_compliant_medical_chatbot_meets_every_obligation_with_evidence(tmp_path):
    root = app(tmp_path, "medical-bot-compliant")
    result = run_cli(["check", ".", "--format", "json"], cwd=root)
    assert result.exit_code == 0, result.stdout
    data = json.loads(result.stdout)
    statuses = {o["code"]: o["status"] for o in data["obligations"]}
    assert statuses["CL201"] == statuses["CL301"] == statuses["CL001"] == "met"
    assert all(o["evidence"] for o in data["obligations"] if o["status"] == "met")
    assert not [o for o in data["obligations"] if o["status"] == "not met"]


def test_a_project_that_uses_no_model_needs_no_declaration_to_be_ready(tmp_path):
    write_app(tmp_path, {"app.py": "import json\nprint(json.dumps({}))\n"})
    result = run_cli(["check", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["verdict"] == {"ready": True, "reasons": []}


@pytest.mark.parametrize("fmt", ["json", "markdown", "html", "text"])
def test_check_of_a_sub_folder_names_files_from_the_git_root(tmp_path, fmt):
    import subprocess

    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    target = repo / "apps" / "support"
    shutil.copytree(EXAMPLES / "chatbot-no-disclosure", target)
    result = run_cli(["check", ".", "--format", fmt], cwd=target)
    assert result.exit_code == 1
    assert "apps/support/app.py" in result.stdout


def test_check_colours_on_request_and_never_in_a_file(tmp_path, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    root = app(tmp_path, "chatbot-no-disclosure")
    assert "\033[31mNOT READY" in run_cli(["check", ".", "--color", "always"], cwd=root).stdout
    assert "\033[" not in run_cli(["check", "."], cwd=root).stdout
    run_cli(["check", ".", "--color", "always", "-o", "out/check.txt"], cwd=root)
    assert "\033[" not in (root / "out" / "check.txt").read_text(encoding="utf-8")
