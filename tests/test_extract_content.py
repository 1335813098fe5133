"""Content files: message catalogues and UI Markdown are user-facing; READMEs and manifests are not."""

from __future__ import annotations

import time
from textwrap import dedent
from typing import List, Tuple

import pytest

from complint.config import load_config
from complint.discovery import discover
from complint.extract import language_of
from complint.extract.content import claims, extract_content
from complint.facts import FileFacts

from helpers import codes, scan_app, write_app


def extract(path: str, src: str) -> FileFacts:
    return extract_content(dedent(src), path)


def placed(path: str, src: str) -> List[Tuple[int, int, str]]:
    """(line, column, text) of every user-facing text."""
    return [(t.location.line, t.location.column, t.text) for t in extract(path, src).user_texts]


# =========================================================================== which files


@pytest.mark.parametrize(
    "path, kind",
    [
        ("locales/en.json", "json"),
        ("public/locales/de/translation.json", "json"),
        ("src/i18n/fr.yaml", "yaml"),
        ("config/locales/en.yml", "yaml"),
        ("lang/pt-BR.json", "json"),
        ("translations/messages.json", "json"),
        ("messages/en.json", "json"),
        (".chainlit/translations/en-US.json", "json"),
        ("en.json", "json"),
        ("src/messages.en.json", "json"),
        ("zh-Hant-TW.json", "json"),
        ("strings.de-DE.yaml", "yaml"),
        ("locale/de/LC_MESSAGES/django.po", "gettext"),
        ("chainlit.md", "chainlit.md"),
        ("apps/bot/chainlit_pt-BR.md", "chainlit.md"),
        ("pages/about.md", "markdown"),
        ("content/disclaimer.md", "markdown"),
        # not content
        ("package.json", None),
        ("locales/package.json", None),
        ("tsconfig.json", None),
        ("tsconfig.app.json", None),
        ("extension/manifest.json", None),
        ("complint.yaml", None),
        ("data.json", None),
        ("config.json", None),
        ("app.json", None),
        ("my.json", None),
        ("locales/schema.schema.json", None),
        ("README.md", None),
        ("pages/README.md", None),
        ("CHANGELOG.md", None),
        ("notes.md", "document"),  # user-facing only where code shows it
        ("ui/sidebar.md", "document"),
        ("docs/pages/usage.md", None),
        ("docs/chainlit.md", None),
        ("locales/en.md", "document"),
        ("translations.json", "json"),
        ("config/strings.yaml", None),  # a name that says little: not a catalogue outside one
        ("config/i18n.yaml", "yaml"),
        ("app.py", None),
    ],
)
def test_which_files_are_content(path, kind):
    assert claims(path) == kind


@pytest.mark.parametrize("path", ["locales/en.json", "src/i18n/de.yml", "chainlit.md", "pages/faq.md"])
def test_content_files_are_discovered_by_their_project_relative_path(path):
    assert language_of(path) == "content"


@pytest.mark.parametrize("path", ["package.json", "README.md", "en/package.json", "data.json", "docs/guide.md"])
def test_other_json_and_markdown_is_left_to_others_or_to_nobody(path):
    assert language_of(path) != "content"


def test_discovery_finds_catalogues_and_markdown_but_not_developer_docs(tmp_path):
    write_app(tmp_path, {
        "app.py": "", "chainlit.md": "Hi", "locales/en.json": "{}", "data.json": "{}",
        "docs/intro.md": "x", "CHANGELOG.md": "x", "notes.md": "x", "pages/help.md": "x",
    })
    found = [f.rel for f in discover([tmp_path], load_config(tmp_path)).files]
    assert found == ["app.py", "chainlit.md", "locales/en.json", "notes.md", "pages/help.md"]


def test_a_catalogue_named_on_the_command_line_is_recognised_by_its_folder(tmp_path):
    write_app(tmp_path, {"locales/en.json": '{"a": "Hi"}'})
    found = discover([tmp_path / "locales" / "en.json"], load_config(tmp_path)).files
    assert [f.rel for f in found] == ["locales/en.json"]


# =========================================================================== JSON catalogues


def test_every_string_value_of_a_json_catalogue_is_user_facing_at_its_line():
    src = """\
        {
          "chat": {
            "title": "Acme support",
            "notice": "You are chatting with an AI assistant.",
            "count": 3,
            "enabled": true,
            "blank": "  "
          },
          "greetings": ["Hello", "Hi there, {{name}}"]
        }
    """
    assert placed("locales/en.json", src) == [
        (3, 14, "Acme support"),
        (4, 15, "You are chatting with an AI assistant."),
        (9, 17, "Hello"),
        (9, 26, "Hi there, {…}"),
    ]
    (text,) = [t for t in extract("locales/en.json", src).user_texts if "AI" in t.text]
    assert text.channel == "i18n"


def test_keys_are_not_texts_even_when_they_read_like_one():
    src = '{"This bot is an AI": "Hello", "nested": {"AI bot" : "Bye"}}'
    assert [t for _, _, t in placed("locales/en.json", src)] == ["Hello", "Bye"]


def test_json_escapes_and_interpolations():
    src = r'{"a": "Say \"hi\" to our AI\u00a0bot", "b": "%{name}, ask {topic} or %(x)s"}'
    assert [t for _, _, t in placed("locales/en.json", src)] == [
        'Say "hi" to our AI\u00a0bot', "{…}, ask {…} or {…}",
    ]


def test_invalid_json_is_a_problem_with_its_position():
    facts = extract("locales/en.json", '{\n  "a": "x",\n}\n')
    assert facts.user_texts == ()
    (problem,) = facts.problems
    assert problem.message.startswith("invalid JSON:")
    assert (problem.line, problem.column) == (3, 1)


# =========================================================================== YAML catalogues


def test_every_string_value_of_a_yaml_catalogue_is_user_facing_at_its_line():
    src = """\
        en:
          chat:
            title: Acme support
            notice: "You are chatting with an AI assistant, %{name}."
            retries: 3
            enabled: yes
            footer: |
              Answers are generated
              by AI.
          list:
            - First
            - &again Second
            - *again
    """
    assert placed("config/locales/en.yml", src) == [
        (3, 12, "Acme support"),
        (4, 13, "You are chatting with an AI assistant, {…}."),
        (7, 13, "Answers are generated\nby AI.\n"),
        (11, 7, "First"),
        (12, 7, "Second"),
    ]


def test_invalid_yaml_is_a_problem_with_its_position():
    facts = extract("locales/en.yml", "en:\n  a: [1, 2\n  b: c\n")
    (problem,) = facts.problems
    assert problem.message.startswith("invalid YAML:")
    assert problem.line == 3


def test_yaml_alias_bombs_are_read_once():
    lines = ['a0: &a0 ["lol"]'] + [f"a{i}: &a{i} [{', '.join(['*a%d' % (i - 1)] * 9)}]" for i in range(1, 12)]
    started = time.perf_counter()
    facts = extract_content("\n".join(lines) + "\n", "locales/en.yml")
    assert [t.text for t in facts.user_texts] == ["lol"]
    assert time.perf_counter() - started < 5


# =========================================================================== gettext


def test_po_messages_and_translations_are_user_facing():
    src = """\
        msgid ""
        msgstr ""
        "Content-Type: text/plain; charset=UTF-8\\n"

        #: app.py:12
        msgid "You are chatting with "
        "an AI assistant."
        msgstr "Sie chatten mit einem KI-Assistenten."

        #~ msgid "Obsolete AI bot"
        msgid "Hello %(name)s"
        msgstr ""
    """
    assert placed("locale/de/LC_MESSAGES/django.po", src) == [
        (6, 7, "You are chatting with an AI assistant."),
        (8, 8, "Sie chatten mit einem KI-Assistenten."),
        (11, 7, "Hello {…}"),
    ]


# =========================================================================== Markdown


CHAINLIT_MD = """\
---
title: not shown
---
# Welcome to *Acme* help

This assistant is **AI**-powered: answers are
_generated_ by an [AI model](https://example.com/model).

<!-- You are chatting with a bot: hidden
     over two lines -->

```python
print("This bot is an AI")
```

    indented code: This bot is an AI

- Ask about *orders*
- Ask about `returns`

> Quoted: a human reviews refunds.
"""


def test_markdown_paragraphs_headings_and_items_are_texts_without_code_or_comments():
    facts = extract_content(CHAINLIT_MD, "chainlit.md")
    assert [(t.location.line, t.location.column, t.text) for t in facts.user_texts] == [
        (4, 3, "Welcome to Acme help"),
        (6, 1, "This assistant is AI-powered: answers are generated by an AI model."),
        (18, 3, "Ask about orders"),
        (19, 3, "Ask about returns"),
        (21, 3, "Quoted: a human reviews refunds."),
    ]
    assert {t.channel for t in facts.user_texts} == {"chainlit.md"}
    assert facts.language == "markdown"


def test_ui_markdown_pages_have_their_own_channel():
    facts = extract_content("You are chatting with an AI.\n", "content/about.md")
    assert [(t.channel, t.text) for t in facts.user_texts] == [("markdown page", "You are chatting with an AI.")]


def test_chainlit_default_welcome_screen_is_not_the_app_speaking():
    src = """\
        # Welcome to Chainlit! 🚀🤖

        Hi there, Developer! 👋 We're excited to have you on board. Chainlit is a powerful tool designed to help you prototype, debug and share applications built on top of LLMs.

        ## Welcome screen

        To modify the welcome screen, edit the `chainlit.md` file at the root of your project. If you do not want a welcome screen, just leave this file empty.

        You are chatting with an AI assistant.
    """
    assert [t for _, _, t in placed("chainlit.md", src)] == [
        "Welcome to Chainlit! 🚀🤖", "Welcome screen", "You are chatting with an AI assistant.",
    ]


@pytest.mark.parametrize("src", ["", "\n\n", "```\nunclosed fence AI", "<!-- unclosed AI", "---\n", "# \n#"])
def test_odd_markdown_never_raises(src):
    facts = extract_content(src, "chainlit.md")
    assert not any("AI" in t.text for t in facts.user_texts)


@pytest.mark.parametrize("path", ["locales/en.json", "locales/en.yaml", "x.po", "chainlit.md", "other.txt"])
@pytest.mark.parametrize("src", ["", "\x00\x01", "{", "[[[[", ": : :", "msgid", '"', "\ufeff{}"])
def test_bad_content_never_raises(path, src):
    assert extract_content(src, path).path == path


# =========================================================================== whole apps


CHAINLIT_APP = """\
import chainlit as cl
from openai import AsyncOpenAI

client = AsyncOpenAI()


@cl.on_message
async def main(message: cl.Message):
    response = await client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": message.content}]
    )
    await cl.Message(content=response.choices[0].message.content).send()
"""

DISCLOSURE = "You are chatting with an AI assistant."


def test_chainlit_app_whose_disclosure_is_its_welcome_screen_is_compliant(tmp_path):
    files = {"app.py": CHAINLIT_APP, "chainlit.md": f"# Acme help\n\n{DISCLOSURE}\n"}
    assert codes(scan_app(tmp_path, files, select=("CL201",))) == []


def test_chainlit_app_whose_disclosure_is_only_in_its_readme_is_flagged(tmp_path):
    files = {"app.py": CHAINLIT_APP, "README.md": f"# Acme help\n\n{DISCLOSURE}\n", "chainlit.md": "# Acme help\n"}
    assert codes(scan_app(tmp_path, files, select=("CL201",))) == ["CL201"]


STREAMLIT_APP = """\
import json

import streamlit as st
from openai import OpenAI

client = OpenAI()
T = json.load(open("locales/en.json"))
st.title(T["title"])
st.caption(T["notice"])
if q := st.chat_input(T["ask"]):
    r = client.chat.completions.create(model="m", messages=[{"role": "user", "content": q}])
    st.chat_message("assistant").write(r.choices[0].message.content)
"""


def test_app_whose_disclosure_is_in_its_message_catalogue_is_compliant(tmp_path):
    catalogue = f'{{"title": "Acme help", "notice": "{DISCLOSURE}", "ask": "Ask away"}}\n'
    files = {"app.py": STREAMLIT_APP, "locales/en.json": catalogue}
    assert codes(scan_app(tmp_path, files, select=("CL201",))) == []


def test_a_disclosure_in_a_json_file_that_is_no_catalogue_does_not_count(tmp_path):
    files = {"app.py": STREAMLIT_APP, "data/strings.json": f'{{"notice": "{DISCLOSURE}"}}\n'}
    assert codes(scan_app(tmp_path, files, select=("CL201",))) == ["CL201"]


def test_a_broken_catalogue_is_reported_and_the_scan_goes_on(tmp_path):
    files = {"app.py": STREAMLIT_APP, "locales/en.json": '{"notice": '}
    result = scan_app(tmp_path, files, select=("CL201",))
    assert codes(result) == ["CL201"]
    assert [(p.path, p.message.split(":")[0]) for p in result.problems] == [("locales/en.json", "invalid JSON")]
