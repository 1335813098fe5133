"""`init` agrees with `scan`: it declares nothing scan's own evidence contradicts, so that
`init` followed by `scan` reports every finding scan reported before, except CL001."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from helpers import run_cli, scan_app, write_app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DECLARATION_FILES = ("pyproject.toml", "complint.yaml")


def _findings(root: Path) -> Counter:
    """What scan reports: (code, file, line), the line left out in the file init edits."""
    return Counter(
        (f.code, f.location.path, 0 if f.location.path in DECLARATION_FILES else f.location.line)
        for f in scan_app(root, cache=False).findings
    )


def _undeclared(root: Path) -> None:
    """The app as a new user has it: without its declaration."""
    (root / "complint.yaml").unlink(missing_ok=True)
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        text = re.sub(r"(?ms)^\[tool\.complint\.app\]\n.*?(?=^\[|\Z)", "", pyproject.read_text())
        pyproject.write_text(text)


def _lost(root: Path, *options: str) -> Counter:
    before = _findings(root)
    result = run_cli(["init", str(root), *options])
    assert result.exit_code == 0, result.stderr
    after = _findings(root)
    del before[next(iter(k for k in before if k[0] == "CL001"), ("", "", 0))]
    return before - after


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir()))
def test_init_then_scan_hides_no_finding_of_an_undeclared_example(tmp_path, example):
    app = tmp_path / example
    shutil.copytree(EXAMPLES / example, app)
    _undeclared(app)
    assert "CL001" in [code for code, _, _ in _findings(app)]
    assert _lost(app) == Counter()


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir()))
def test_init_force_hides_no_finding_of_an_example(tmp_path, example):
    app = tmp_path / example
    shutil.copytree(EXAMPLES / example, app)
    assert _lost(app, "--force") == Counter()


# Apps whose evidence init once contradicted. A news page: a public HTML page, and a POST
# endpoint that calls a model (init said audience "internal", interfaces ["api"]).
NEWS_PAGE = {
    "app.py": """\
        from fastapi import FastAPI, Request
        from openai import OpenAI

        app = FastAPI()
        client = OpenAI()


        @app.post("/summarise")
        async def summarise(request: Request):
            body = await request.json()
            reply = client.chat.completions.create(model="m", messages=[
                {"role": "system", "content": "Summarise today's news articles into a short news digest."},
                {"role": "user", "content": body["articles"]}])
            return {"summary": reply.choices[0].message.content}
        """,
    "templates/index.html": "<html><body><h1>Today's digest</h1>\n<form method='post' action='/summarise'>"
                            "<textarea name='articles'></textarea></form></body></html>\n",
    "pyproject.toml": '[project]\nname = "news-digest"\n',
}
# A chat endpoint and nothing else: an app that shows people nothing is an API, to scan and
# to init alike (with a page it is a chat too: tests/test_init.py).
CHAT_ENDPOINT = {
    "app.py": """\
        from fastapi import FastAPI
        from openai import OpenAI

        app = FastAPI()


        @app.post("/chat")
        def chat(message: str):
            return OpenAI().chat.completions.create(model="m", messages=[{"role": "user", "content": message}])
        """,
    "pyproject.toml": '[project]\nname = "chat-api"\n',
}
# A static page that shows what a batch job wrote: a web app, not a batch job.
STATIC_PAGE = {
    "job.py": "import anthropic\nanthropic.Anthropic().messages.create(model='m', max_tokens=9, messages=[])\n",
    "site/index.html": "<html><body><p>Today's summary of the market, written each night.</p></body></html>\n",
}


@pytest.mark.parametrize("files, audience, interfaces", [
    (NEWS_PAGE, "consumer", ["chat", "api", "web"]),
    (CHAT_ENDPOINT, "internal", ["api"]),
    (STATIC_PAGE, "consumer", ["web"]),
], ids=["news page", "chat endpoint", "static page"])
def test_init_declares_what_scan_sees(tmp_path, files, audience, interfaces):
    import tomllib

    import yaml

    write_app(tmp_path, files)
    assert _lost(tmp_path) == Counter()
    declared = tmp_path / ("pyproject.toml" if "pyproject.toml" in files else "complint.yaml")
    text = declared.read_text()
    app = tomllib.loads(text)["tool"]["complint"]["app"] if declared.suffix == ".toml" else yaml.safe_load(text)
    assert (app["audience"], app["interfaces"]) == (audience, interfaces)
    assert [c for c, _, _ in _findings(tmp_path) if c.startswith("CL00")] == []


def test_the_news_page_keeps_its_findings_after_init(tmp_path):
    write_app(tmp_path, NEWS_PAGE)
    before = sorted(c for c, _, _ in _findings(tmp_path))
    assert before == ["CL001", "CL201", "CL304"]
    assert run_cli(["init", str(tmp_path)]).exit_code == 0
    assert sorted(c for c, _, _ in _findings(tmp_path)) == ["CL201", "CL304"]
