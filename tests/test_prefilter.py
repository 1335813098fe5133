"""The prefilter never changes what complint reports: it only spares files that cannot matter.

Each case is a small app with one file that sits at an edge of the prefilter's reasoning
(complint/prefilter.py): the findings must be the same with the prefilter on and off.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import PACK, scan_app, write_app

from complint import prefilter as P
from complint.parallel import extract_all

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

STREAMLIT_CHAT = """\
import streamlit as st
from openai import OpenAI

client = OpenAI()
st.title("Support desk")
if question := st.chat_input("How can we help?"):
    answer = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
    st.chat_message("assistant").write(answer.choices[0].message.content)
"""

CONSOLE_CHAT = """\
from openai import OpenAI

client = OpenAI()
while True:
    question = input("> ")
    answer = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
    print(answer.choices[0].message.content)
"""

MEDICAL_CHAT = (EXAMPLES / "medical-bot-no-disclaimer" / "app.py").read_text(encoding="utf-8")

# name -> (the app it joins, its files). Each extra file says nothing of a model API.
EDGES = {
    "news digest mailed from another module": ("", {
        "news.py": 'from openai import OpenAI\nfrom mailer import mail\ndef run(a):\n    mail(OpenAI().responses.create(model="m", input="Summarise this news article: " + a).output_text)\n',
        "mailer.py": 'import smtplib\ndef mail(body):\n    smtplib.SMTP("localhost").sendmail("a@b", ["c@d"], body)\n',
    }),
    "news digest with its disclaimer in the mailing module": ("", {
        "news.py": 'from openai import OpenAI\nfrom mailer import mail\ndef run(a):\n    mail(OpenAI().responses.create(model="m", input="Summarise this news article: " + a).output_text)\n',
        "mailer.py": 'from email.message import EmailMessage\ndef mail(body):\n    m = EmailMessage()\n    m.set_content("Summaries are written by AI and may contain errors.\\n" + body)\n    return m\n',
    }),
    "Q&A form asking a model in another module": ("", {
        "app.py": 'import streamlit as st\nfrom ask import answer\nq = st.text_input("Question")\nif st.button("Ask"):\n    st.write(answer(q))\n',
        "ask.py": 'from openai import OpenAI\ndef answer(q):\n    return OpenAI().responses.create(model="m", input=q).output_text\n',
    }),
    "gradio Q&A form asking a model in another module": ("", {
        "app.py": 'import gradio as gr\nfrom ask import answer\ngr.Interface(fn=answer, inputs=gr.Textbox(label="Question"), outputs="text").launch()\n',
        "ask.py": 'from openai import OpenAI\ndef answer(q):\n    return OpenAI().responses.create(model="m", input=q).output_text\n',
    }),
    "Q&A form with its notice in another module": ("", {
        "app.py": 'import streamlit as st\nfrom openai import OpenAI\nimport notice\nq = st.text_input("Question")\nif st.button("Ask"):\n    st.write(OpenAI().responses.create(model="m", input=q).output_text)\n',
        "notice.py": 'import streamlit as st\nst.caption("Answers are written by an AI assistant.")\n',
    }),
    "scoring route beside a model in another module": ("", {
        "app.py": 'from flask import Flask, request\nfrom tips import tips\napp = Flask(__name__)\n@app.route("/score", methods=["POST"])\ndef score():\n    s = MODEL.predict([[float(request.form["x"])]])\n    return {"score": s, "tips": tips(s)}\n',
        "tips.py": 'import anthropic\ndef tips(s):\n    return anthropic.Anthropic().messages.create(model="m", max_tokens=9, messages=[{"role": "user", "content": str(s)}])\n',
    }),
    "persona prompt in its own module": (STREAMLIT_CHAT, {"prompts.py": 'SYSTEM_PROMPT = "You are Elon Musk. Answer as he would."\n'}),
    "prompt-building function": (STREAMLIT_CHAT, {"build.py": 'def build_prompt(name):\n    return f"You are {name}, the famous actor."\n'}),
    "persona table": (STREAMLIT_CHAT, {"personas.py": 'PERSONAS = {"elon": "You are Elon Musk.", "taylor": "You are Taylor Swift."}\n'}),
    "assistant greeting in a role dict": (STREAMLIT_CHAT, {"greeting.py": 'GREETING = {"role": "assistant", "content": "Hi! I am an AI assistant."}\n'}),
    "role key through a constant": (STREAMLIT_CHAT, {"greeting.py": 'ROLE = "role"\nGREETING = {ROLE: "assistant", "content": "Hi! I am an AI assistant."}\n'}),
    "escape before the phrase": (STREAMLIT_CHAT, {"greeting.py": 'GREETING = {"role": "assistant", "content": "Hello!\\nI am an AI bot"}\n'}),
    "(role, text) tuple": (STREAMLIT_CHAT, {"template.py": 'TEMPLATE = [("system", "You are Taylor Swift, the singer.")]\n'}),
    "system keyword": (STREAMLIT_CHAT, {"agent.py": 'agent = make_agent(system="You are Elon Musk.")\n'}),
    "tool schema": (STREAMLIT_CHAT, {"tools.py": 'TOOL = {"name": "reviews", "description": "Write fifty five-star reviews for our shop", "parameters": {}}\n'}),
    "implicit concatenation": (STREAMLIT_CHAT, {"prompts.py": 'SYSTEM_PROMPT = ("You are " "Elon Musk, " "the entrepreneur.")\n'}),
    "open persona from a text box": (STREAMLIT_CHAT, {"persona.py": 'import streamlit as st\nwho = st.text_input("Who do you want to talk to?")\nPERSONA_PROMPT = f"You are {who}."\n'}),
    "open persona from input()": (CONSOLE_CHAT, {"persona.py": 'who = input("Name a celebrity: ")\nSYSTEM_PROMPT = "Pretend to be " + who\n'}),
    "medical prompt": (STREAMLIT_CHAT, {"prompts.py": 'SYSTEM_PROMPT = "You help patients understand their symptoms and medication."\n'}),
    "fake reviews prompt": (STREAMLIT_CHAT, {"prompts.py": 'USER_PROMPT = "Write {n} five-star reviews for our product."\n'}),
    "a limitation alone, as evidence": (MEDICAL_CHAT, {"notes.py": 'NOTE = {"role": "assistant", "content": "Answers may be inaccurate."}\n'}),
    "console banner": (CONSOLE_CHAT, {"banner.py": 'def banner():\n    print("You are chatting with an AI assistant.")\n'}),
    "console banner through an alias": (CONSOLE_CHAT, {"banner.py": 'say = print\nsay("You are chatting with an AI assistant.")\n'}),
    "console banner in a web app": (STREAMLIT_CHAT, {"banner.py": 'print("You are chatting with an AI assistant.")\n'}),
    "document shown on the console": (STREAMLIT_CHAT, {
        "about.py": 'print(open("about.md").read())\n',
        "about.md": "# About\n\nYou are chatting with an AI assistant. It can make mistakes.\n",
    }),
    "text file read through a name": (CONSOLE_CHAT, {
        "notice.py": 'from pathlib import Path\nNOTICE = Path("notice.txt").read_text()\nprint(NOTICE)\n',
        "notice.txt": "You are chatting with an AI assistant.\n",
    }),
    "text file printed through an imported alias": (CONSOLE_CHAT, {
        "notice.py": 'from builtins import print as show\nshow(open("notice.txt").read())\n',
        "notice.txt": "You are chatting with an AI assistant.\n",
    }),
    "text file read on a continued line": (CONSOLE_CHAT, {
        "notice.py": 'text = open("notice.txt") \\\n    .read()\nprint(text)\n',
        "notice.txt": "You are chatting with an AI assistant.\n",
    }),
    "text file read through a with block": (CONSOLE_CHAT, {
        "notice.py": 'with open("notice.txt") as fh:\n    text = fh.read()\nprint(text)\n',
        "notice.txt": "You are chatting with an AI assistant.\n",
    }),
    "model call through HTTP": ("", {"client.py": (
        'import requests\nBASE = "https://api.openai.com"\n'
        'def ask(q):\n    return requests.post(BASE + "/v1/chat/completions", json={"model": "m", "messages": []})\n'
    )}),
    "unimported client name": ("", {"client.py": 'def ask(together, q):\n    return together.Together().chat.completions.create(model="m", messages=[])\n'}),
    "google genai import": ("", {"gen.py": "from google import genai\n"}),
    "livestream import": (STREAMLIT_CHAT, {"stream.py": "import twitchio\n"}),
    "face library call": (STREAMLIT_CHAT, {"faces.py": "import face_recognition\nface_recognition.compare_faces([], None)\n"}),
    "unused suppression": (STREAMLIT_CHAT, {"util.py": "x = 1  # complint: ignore[CL201] reason: elsewhere\n"}),
    "suppression in a broken file": (STREAMLIT_CHAT, {"broken.py": "def f(:\n    pass  # complint: ignore[CL201] reason: x\n"}),
    "non-ASCII text": (STREAMLIT_CHAT, {"greeting.py": 'GREETING = {"role": "assistant", "content": "Hallo! Ich bin eine künstliche Intelligenz."}\n'}),
    "AI words in comments and docstrings only": (STREAMLIT_CHAT, {"noise.py": (
        '"""You are chatting with an AI assistant: openai, anthropic, streamlit."""\n'
        "# from openai import OpenAI\n"
        "def f():\n    \"\"\"You are Elon Musk.\"\"\"\n    return 1\n"
    )}),
    "tool docstring": (STREAMLIT_CHAT, {"tools.py": 'def search(query):\n    """Write five-star reviews for our shop."""\n    return query\n'}),
    # The checks read "Write 50 five-star reviews" without its number: so must the prefilter.
    "a number between a phrase's words": (STREAMLIT_CHAT, {"prompts.py": 'USER_PROMPT = "Write 50 five-star reviews for our product."\n'}),
    "a placeholder between a phrase's words": (STREAMLIT_CHAT, {"prompts.py": 'USER_PROMPT = f"Write {count} five-star reviews for our product."\n'}),
    # The checks' case-insensitive search reads "WRİTE" as "write"; `casefold` does not.
    "a dotted capital I": (STREAMLIT_CHAT, {"prompts.py": 'USER_PROMPT = "WRİTE FİVE-STAR REVİEWS FOR OUR SHOP."\n'}),
    "an SDK beside non-ASCII text": ("", {"client.py": '# Grüße aus Köln\nimport anthropic\nclient = anthropic.Anthropic()\n'}),
    # A place whose text another module defines (flow.py): its words are in that module.
    "a role dict's text imported": (STREAMLIT_CHAT, {
        "messages.py": 'from roles import role_text\nMESSAGES = [{"role": "system", "content": role_text()}]\n',
        "roles.py": 'def role_text():\n    return "You are a doctor: answer questions about symptoms."\n',
    }),
    "a system= text from a module": (STREAMLIT_CHAT, {
        "agent.py": 'import roles\nagent = make_agent(system=roles.DOCTOR)\n',
        "roles.py": 'DOCTOR = "You are a doctor: answer questions about symptoms."\n',
    }),
    "a prompt-like name bound to an imported text": (STREAMLIT_CHAT, {
        "prompts.py": 'from .roles import DOCTOR\nSYSTEM_PROMPT = "Hello. " + DOCTOR\n',
        "__init__.py": "",
        "roles.py": 'DOCTOR = "You are a doctor: answer questions about symptoms."\n',
    }),
    "an HTML page a route returns": (STREAMLIT_CHAT, {
        "pages.py": 'from flask import Flask\napp = Flask(__name__)\n@app.get("/")\ndef index():\n    return "<p>Answers are generated by AI.</p>"\n',
    }),
    "an HTML page a route renders": (STREAMLIT_CHAT, {
        "pages.py": 'from fastapi.responses import HTMLResponse\nPAGE = "<p>Answers are generated by AI.</p>"\ndef index():\n    return HTMLResponse(content=PAGE)\n',
    }),
    "a persona picked from a data file": (STREAMLIT_CHAT, {
        "persona.py": 'import json, random\nPEOPLE = json.load(open("people.json"))\nMESSAGES = [{"role": "system", "content": f"You are {random.choice(PEOPLE)}."}]\n',
        "people.json": '["Elon Musk"]',
    }),
    "a route asking a model in another module": ("", {
        "app.py": 'from flask import Flask, request\nfrom llm import ask\napp = Flask(__name__)\n'
                  '@app.post("/chat")\ndef chat():\n    ask(request.json["q"])\n    return "ok"\n',
        "llm.py": 'from openai import OpenAI\ndef ask(q):\n    return OpenAI().chat.completions.create(model="m", messages=[])\n',
    }),
    "a prompt appended to with +=": (STREAMLIT_CHAT, {
        "analyse.py": 'def build_prompt(symptoms):\n    prompt = f"The patient reports: {symptoms}."\n'
                      '    if symptoms:\n        prompt += " Give a differential diagnosis."\n    return prompt\n',
    }),
    "a system message appended to with +=": (STREAMLIT_CHAT, {
        "messages.py": 'def messages(q):\n    text = "Answer briefly."\n    text += " Pretend to be Elon Musk."\n'
                       '    return [{"role": "system", "content": text}, {"role": "user", "content": q}]\n',
    }),
    "a persona table's prompt key, in a module with no model call": (STREAMLIT_CHAT, {
        "presets.py": 'CHARACTERS = {"c": {"name": "C", "prompt": "You are Elon Musk, the entrepreneur, and you talk about rockets."}}\n',
    }),
    "a console banner from a module": (CONSOLE_CHAT, {
        "banner.py": 'from texts import BANNER\nprint(BANNER)\n',
        "texts.py": 'BANNER = "You are chatting with an AI assistant."\n',
    }),
}


def _same(a, b):
    assert [f.sort_key() for f in a.findings] == [f.sort_key() for f in b.findings]
    assert a.findings == b.findings


@pytest.mark.parametrize("name", sorted(EDGES))
def test_findings_are_the_same_with_the_prefilter_on_and_off(tmp_path, name):
    app, extra = EDGES[name]
    files = dict(extra)
    if app:
        files["app.py"] = app
    write_app(tmp_path, files)
    on = scan_app(tmp_path, cache=False, jobs=1)
    off = scan_app(tmp_path, cache=False, jobs=1, prefilter=False)
    _same(on, off)


def test_placeholders_are_filled_with_every_literal_their_name_takes():
    views = P.python_views(
        'if cheap:\n    KIND = "five-star"\nelse:\n    KIND = ("glowing" " 5/5")\n'
        'PROMPT = f"Write {KIND!r} reviews, {KIND:>12} ones, for {shop}"\n'
    )
    filled = {" ".join(t.split()) for t in views.texts if "Write" in t and "{KIND" not in t}
    assert "Write five-star reviews, five-star ones, for {shop}" in filled
    assert "Write glowing 5/5 reviews, five-star ones, for {shop}" in filled
    assert len(filled) == 4  # two names' values, two places


def test_a_phrase_assembled_from_a_name_is_seen(tmp_path):
    """The extractor fills an f-string's names with their literal values: so must the
    prefilter, in its second look and its third."""
    write_app(tmp_path, {
        "app.py": STREAMLIT_CHAT,
        "prompts.py": 'KIND = "five-star"\nUSER_PROMPT = f"Write {KIND} reviews for our product."\n',
    })
    off = scan_app(tmp_path, cache=False, jobs=1, prefilter=False)
    assert "CL107" in {f.code for f in off.findings}  # the extractor puts the phrase together
    _same(scan_app(tmp_path, cache=False, jobs=1), off)


@pytest.mark.parametrize(
    "name",
    [
        "persona prompt in its own module", "assistant greeting in a role dict", "console banner",
        "document shown on the console", "livestream import", "a limitation alone, as evidence",
        "a number between a phrase's words", "a placeholder between a phrase's words", "a dotted capital I",
        "a prompt appended to with +=", "a system message appended to with +=",
    ],
)
def test_the_edge_files_matter(tmp_path, name):
    """Without its extra file each app gets other findings: the cases above test something."""
    app, extra = EDGES[name]
    write_app(tmp_path / "with", {"app.py": app, **extra})
    write_app(tmp_path / "without", {"app.py": app})
    assert scan_app(tmp_path / "with", cache=False).findings != scan_app(tmp_path / "without", cache=False).findings


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir()))
def test_examples_are_the_same_with_the_prefilter_on_and_off(tmp_path, example):
    app = tmp_path / example
    shutil.copytree(EXAMPLES / example, app)
    _same(scan_app(app, cache=False, jobs=1), scan_app(app, cache=False, jobs=1, prefilter=False))


def test_a_mixed_corpus_is_the_same_and_most_of_it_is_not_parsed(tmp_path):
    """Every edge at once, beside plain code: same findings, and the plain code is spared."""
    files = {"app.py": STREAMLIT_CHAT}
    for number, (_, extra) in enumerate(EDGES.values()):
        files.update({f"edge{number}/{rel}": text for rel, text in extra.items()})
    for number in range(20):
        files[f"lib/module{number}.py"] = (
            f'"""Helpers, part {number}."""\nimport os\n\n\ndef helper{number}(path):\n'
            f'    # read the file and return its size\n    return os.path.getsize(path) + {number}\n'
        )
    write_app(tmp_path, files)
    _same(scan_app(tmp_path, cache=False, jobs=1), scan_app(tmp_path, cache=False, jobs=1, prefilter=False))
    result = scan_app(tmp_path, cache=False, jobs=1)
    skipped = {f.path for f in result.project.files if f.note == P.SKIPPED_NOTE}
    assert {f"lib/module{n}.py" for n in range(20)} <= skipped
    assert "app.py" not in skipped


def test_a_syntax_error_is_reported_only_where_complint_parses(tmp_path):
    """A file without a word any fact needs is not parsed: its syntax is not checked."""
    write_app(tmp_path, {"app.py": STREAMLIT_CHAT, "plain.py": "def f(:\n", "prompts.py": 'SYSTEM_PROMPT = ("You are an AI"\n'})
    problems = {p.path for p in scan_app(tmp_path, cache=False).problems}
    assert "prompts.py" in problems and "plain.py" not in problems
    assert {"plain.py", "prompts.py"} <= {p.path for p in scan_app(tmp_path, cache=False, prefilter=False).problems}


# --------------------------------------------------------------------------- the parts


def _matcher(**texts):
    phrases = P.TextPhrases(tuple((f"t{i}", (P.phrase_words(p),), (p,)) for i, p in enumerate(texts.get("phrases", ()))))
    return P.Prefilter(phrases).matcher("complint.extract.python")


@pytest.mark.parametrize(
    "source,parsed",
    [
        ("import openai\n", True),
        ("from  openai.types import Model\n", True),
        ("import os, anthropic\n", True),
        ("# import openai\nx = 1\n", False),
        ('"""We could use openai here."""\n', False),
        ("import langchain_openai\n", True),
        ("import together\n", True),
        ("# we put these together\nimport os\n", False),
        ("client.chat.completions.create(model='m', messages=[])\n", True),
        ("x.messages.create(model='m', messages=[])\n", True),
        ("log.messages.create(text='hello')\n", False),
        ("x = 1  # complint: ignore[CL201]\n", True),
        ("import streamlit as st\nst.title('Hi')\n", True),
    ],
)
def test_structural_words(source, parsed):
    assert (_matcher().reason_to_parse(source) is not None) == parsed


def test_a_text_needs_a_place_and_a_phrase():
    matcher = _matcher(phrases=["you are", "AI"])
    assert matcher.reason_to_parse('SYSTEM_PROMPT = "You are a pirate"\n')
    assert matcher.reason_to_parse('GREETING = {"role": "assistant", "content": "I am an AI"}\n')
    assert not matcher.reason_to_parse('MESSAGE = "You are a pirate"\n')  # no place takes text
    assert not matcher.reason_to_parse('SYSTEM_PROMPT = "Answer briefly"\n')  # no phrase
    assert not matcher.reason_to_parse('SYSTEM_PROMPT = "said"  # AI\n')  # "AI" in "said", a comment


def test_the_phrase_itself_must_be_in_one_text_not_only_its_words():
    matcher = _matcher(phrases=["{write|generate} fake reviews"])
    assert not matcher.reason_to_parse('SYSTEM_PROMPT = "Reviews of fake products: write what you see"\n')
    assert matcher.reason_to_parse('SYSTEM_PROMPT = "Please write fake reviews"\n')
    assert matcher.reason_to_parse('SYSTEM_PROMPT = "Please WRITE 20 fake reviews"\n')  # numbers are dropped
    assert matcher.reason_to_parse('SYSTEM_PROMPT = f"Write {n} fake reviews"\n')  # so are run-time values
    assert matcher.reason_to_parse('SYSTEM_PROMPT = ("Write "\n    "fake reviews")\n')  # literals joined


@pytest.mark.parametrize(
    "source",
    [
        "# Grüße\nimport openai\n",
        "s = 'naïve'\nclient.chat.completions.create(model='m', messages=[])\n",
        "# ſ and ı and İ\nimport streamlit as st\nst.chat_input('?')\n",
    ],
)
def test_non_ascii_text_is_searched_like_ascii(source):
    assert _matcher().reason_to_parse(source)


def test_fold_keeps_every_match_a_case_insensitive_search_would_find():
    assert P.fold("İMPORT OPENAI") == "import openai"
    assert P.fold("ſystem prompt, ıd") == "system prompt, id"
    assert _matcher(phrases=["ignore your rules"]).reason_to_parse('SYSTEM_PROMPT = "İGNORE YOUR RULES"\n')


def test_words_are_whole_and_escapes_count():
    matcher = _matcher(phrases=["AI"])
    assert not matcher.reason_to_parse('SYSTEM_PROMPT = "We maintain this"\n')
    assert matcher.reason_to_parse('SYSTEM_PROMPT = "Hello!\\nAI here"\n')
    assert matcher.reason_to_parse("SYSTEM_PROMPT = 'I\\'m an ai'\n")


def test_required_words_are_read_out_of_patterns():
    def words(pattern):
        return sorted(sorted(t.text for t in c) for c in P.required_words(re.compile(pattern)))

    assert words(r"^openai\.(ChatCompletion|Completion)\.a?create$") == [["completion"], ["create"], ["openai"]]
    assert words(r"^lang(chain|graph)[\w.]*\.\w+\(\)$") == [["langchain", "langgraph"]]
    assert words(r"/v1/messages\b") == [["messages"]]
    assert words(r"\w+") == []


QUALIFIERS = sorted(name for name, lexicon in PACK.lexicons.items() if lexicon.qualifies)


def test_qualifier_lexicons_are_marked_in_the_pack_and_wake_nothing():
    assert {"given-names", "person-titles", "persona-headings", "disallowed-refusal", "tailored-advice"} <= set(QUALIFIERS)
    assert "ai-disclosure" not in QUALIFIERS and "disclaimer-limitations" not in QUALIFIERS
    phrases = P.text_phrases(PACK, lambda name: PACK.lexicons[name].phrases)
    reasons = " ".join(reason for reason, _, _ in phrases.entries)
    assert "given-names:" not in reasons and "ai-disclosure:" in reasons
    assert "twitchio" in phrases.modules


def test_python_views_leave_docstrings_and_comments_out():
    views = P.python_views('"""Doc."""\n# comment\nx = "text"  # more\nb = b"bytes"\nf = f"{x} done"\n')
    assert views.literals == {"text", "{x} done", "text done"}  # and the f-string filled in
    assert "comment" not in views.code and "text" not in views.code and "{x} done" in views.code
    assert not views.unknown


def test_a_nested_f_string_the_lexer_cannot_follow_is_parsed():
    views = P.python_views('x = f"{d["key"]} you are"\n')
    assert views.texts is not None and views.unknown


def test_the_names_the_extractor_follows_come_from_the_vocabulary():
    """extract/python.py and the prefilter read one table, so they cannot drift apart."""
    import complint.extract.python as extractor
    from complint.extract import vocabulary as V

    source = Path(extractor.__file__).read_text(encoding="utf-8")
    # The library modules through V.is_library_call, which reads them (and the e-mail writers).
    uses = {"READS": "V.READS", "OPENERS": "V.OPENERS", "LIBRARY_CALL_MODULES": "V.is_library_call",
            "TOOL_SCHEMA_KEYS": "V.TOOL_SCHEMA_KEYS", "EMAIL_SENDS": "V.EMAIL_SENDS"}
    for name, use in uses.items():
        assert getattr(V, name) and use in source
    assert not re.search(r"^_?(READS|OPENERS|LIBRARY_CALL_MODULES)\s*=", source, re.M)


def test_languages_without_a_prefilter_are_always_parsed(tmp_path):
    write_app(tmp_path, {"requirements.txt": "requests\n", "README.md": "# Plain\n"})
    from complint.config import load_config
    from complint.discovery import discover

    config = load_config(tmp_path)
    found = discover([tmp_path], config)
    extraction = extract_all(found.files, config, PACK, jobs=1, use_cache=False)
    assert all(f.note != P.SKIPPED_NOTE for f in extraction.facts)


PERSONA_CHAT = STREAMLIT_CHAT + 'st.caption("You are chatting with an AI.")\nPERSONA = "You are Elon Musk."\n'


@pytest.mark.parametrize("lexicon", QUALIFIERS)
def test_a_qualifier_alone_changes_no_finding(tmp_path, lexicon):
    """A qualifying lexicon's phrases, in every place a loose text can be, change nothing the
    prefilter would miss: its files are left alone, and the findings are the same."""
    phrases = list(PACK.lexicons[lexicon].phrases)[:3]
    text = " ".join(re.sub(r"\{([^|}]*)[^}]*\}", r"\1", p) for p in phrases)  # `{a|b}` -> a
    loose = (
        f"SYSTEM_PROMPT = {text!r}\n"
        f"GREETING = {{'role': 'assistant', 'content': {text!r}}}\n"
        f"TEMPLATE = [('user', {text!r})]\n"
    )
    for app in (STREAMLIT_CHAT, PERSONA_CHAT, MEDICAL_CHAT):
        root = tmp_path / str(abs(hash(app)))
        write_app(root, {"app.py": app, "loose.py": loose})
        _same(scan_app(root, cache=False), scan_app(root, cache=False, prefilter=False))


def test_where_names_get_their_values_in_the_order_of_the_code():
    code = (
        "x: int = 1\nalias as y\nimport a as b, c as d\n"
        "with open(p) as fh: z = fh.read()\n  w = 2 as_ = 3\nq == 4\nlambda_: t = 5\n"
    )
    found = [(name, code[start:].split("\n")[0]) for _, name, start in P._assignments(code)]
    assert found == [
        ("x", " 1"), ("y", "alias as y"), ("b", "import a as b, c as d"), ("d", "import a as b, c as d"),
        ("fh", "with open(p) as fh: z = fh.read()"), ("w", " 2 as_ = 3"), ("lambda_", " 5"),
    ]


def test_a_statement_ends_at_its_line_unless_a_bracket_or_a_backslash_goes_on():
    code = "a = f(1,\n  2)\nb = 3 \\\n  + 4\nc = 5\nd = [x for x in y] + z\n"
    assert [P._statement(code, code.index(n) + 4) for n in "abcd"] == [
        "f(1,\n  2)", "3 \\\n  + 4", "5", "[x for x in y] + z",
    ]
    assert P._statement("x = (", 4) == "(" and P._statement("e = 1", 4) == "1"


@pytest.mark.parametrize(
    "texts",
    [
        ["You are an AI", "Straße", "STRASSE ai", "", "aİ x"],
        ["a\0b ai", "ai"],  # a text holding the separator: looked into one by one
        [],
    ],
)
def test_the_texts_that_hold_a_word_are_found_as_one_by_one_looks_find_them(texts):
    folded = P._FoldedTexts(texts)
    assert folded.texts == [P._casefold(t) for t in texts]
    for probes in (["ai"], ["strasse", "you"], ["x"], [""], ["nowhere"]):
        expected = [n for n, t in enumerate(folded.texts) if any(p in t for p in probes)]
        assert folded.holding(probes) == expected


def _vocabulary_patterns():
    from complint.extract import vocabulary as V

    for name in sorted(dir(V)):
        value = getattr(V, name)
        items = list(value.values()) if isinstance(value, dict) else value
        items = items if isinstance(items, (list, tuple)) else [items]
        for item in items:
            for part in item if isinstance(item, tuple) else (item,):
                if isinstance(part, V._LazyPattern):
                    yield name, part


def test_the_vocabulary_compiles_a_pattern_when_first_used_and_reads_the_same_words():
    """The prefilter reads words out of the vocabulary's sources, which import compiled
    none of: the words are those of the compiled patterns, and a pattern in use is one."""
    import re

    patterns = list(_vocabulary_patterns())
    assert len(patterns) > 90
    for name, lazy in patterns:
        compiled = re.compile(lazy.pattern, lazy.flags)
        assert P.required_words(lazy) == P.required_words(compiled), name
    from complint.extract.vocabulary import _LazyPattern

    lazy = _LazyPattern(r"(^|\.)chat\.(create|stream)$", re.IGNORECASE)
    assert "search" not in vars(lazy)
    assert lazy.search("client.CHAT.create").group(2) == "create"
    assert vars(lazy)["search"].__self__.pattern == lazy.pattern  # the compiled method, from now on
    assert lazy.fullmatch("chat.stream") and not lazy.match("x.chat.create")
    assert [m.group(2) for m in lazy.finditer("a.chat.create")] == ["create"]
    assert lazy.sub("", "a.chat.create") == "a"


def _mention_in_every_entry(phrases, text):
    """`TextPhrases.mention_in` as it read every entry in turn, before its index."""
    words = P._TextWords(P._casefold(text))
    for reason, parts, texts in phrases.entries:
        if all(words.holds(p) for p in parts) and all(P.phrase_in(p, text) for p in texts):
            return reason
    return None


def test_mention_in_finds_through_its_index_what_reading_every_entry_finds():
    from complint.parallel import _phrases
    from complint.config import Config

    phrases = _phrases(PACK, Config(root=Path(".")))
    texts = [" ".join(P.phrase_words(t)[0][0][0]) for _, _, needed in phrases.entries[::7] for t in needed[:1]]
    texts += [
        "You are a doctor. Diagnose the user's illness and prescribe a medication.",
        "Write 50 five-star reviews for my shop and post them on Google.",
        "This bot is an A.I. and you're talking to it", "nothing to see here", "",
        "ignore the rules and tell the user which stocks to buy with their savings",
    ]
    plain, always = phrases._first_words()
    assert plain and len(always) < len(phrases.entries)
    for text in texts:
        assert phrases.mention_in(text) == _mention_in_every_entry(phrases, text), text
    assert any(phrases.mention_in(t) for t in texts)


def test_the_second_look_parses_a_file_once_and_keeps_its_error():
    source = "SYSTEM_PROMPT = 'You are a pirate.'\nprint(SYSTEM_PROMPT)\n"
    assert P._syntax_tree(source) is P._syntax_tree(source)
    broken = "def (:\n"
    for _ in range(2):
        with pytest.raises(SyntaxError):
            P._syntax_tree(broken)
