"""The apps in examples/ give exactly the findings their READMEs describe."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import run_cli, scan_app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# folder -> the findings complint must report there, as (code, path, line); nothing else.
EXPECTED = {
    "chatbot-no-disclosure": [("CL201", "app.py", 23)],
    "chatbot-with-disclosure": [],
    "batch-summariser": [],
    "medical-bot-no-disclaimer": [("CL301", "app.py", 28)],
    "medical-bot-compliant": [],
    "celebrity-persona-bot": [("CL401", "app.py", 30)],
    "parody-persona-bot": [],
    "historical-figure-bot": [],
    "sports-betting-tipster": [("CL106", "pyproject.toml", 10)],
    "resume-auto-rejecter": [("CL106", "screen.py", 39)],
    "review-generator": [("CL107", "pyproject.toml", 4)],
    "legal-bot-with-review": [],
    "fastapi-react-chat": [],
    "flask-jinja-chat": [],
    "node-chatbot": [("CL201", "bot.js", 8)],
}


def test_the_polyglot_example_needs_its_jsx_disclosure(tmp_path):
    """Without the JSX sentence, CL201 points at the chat box in the front end."""
    import shutil

    app = tmp_path / "app"
    shutil.copytree(EXAMPLES / "fastapi-react-chat", app)
    chat = app / "frontend" / "src" / "Chat.tsx"
    chat.write_text("".join(line for line in chat.read_text().splitlines(True) if 'className="notice"' not in line))
    result = scan_app(app)
    assert [(f.code, f.path, f.location.line) for f in result.findings] == [("CL201", "frontend/src/Chat.tsx", 26)]
    assert any("backend/main.py" in e.path and "model call" in e.note for e in result.findings[0].evidence)


def test_every_example_is_listed():
    assert sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example(name):
    result = scan_app(EXAMPLES / name)
    assert result.problems == ()
    assert [(f.code, f.path, f.location.line) for f in result.findings] == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_readme_shows_what_complint_prints(name):
    readme = (EXAMPLES / name / "README.md").read_text(encoding="utf-8")
    result = run_cli(["scan", f"examples/{name}"], cwd=EXAMPLES.parent)
    first_line = result.stdout.splitlines()[0]
    assert first_line in readme
    assert f"Exit code {result.exit_code}" in readme
