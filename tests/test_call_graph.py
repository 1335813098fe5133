"""The project's call graph across modules: a route and the function that asks the model
are linked wherever they live."""

from __future__ import annotations

import pytest
from helpers import scan_app

ROUTE = """\
from flask import Flask, request, jsonify
{import_line}
app = Flask(__name__)

@app.post("/chat")
def chat():
    answer = {call}(request.json["q"])
    return jsonify(answer=answer)
"""

LLM = """\
from .client import complete

def ask(q):
    return complete([{"role": "user", "content": q}])
"""

CLIENT = """\
from openai import OpenAI

client = OpenAI()

def complete(messages):
    return client.chat.completions.create(model="m", messages=messages).choices[0].message.content
"""

NO_MODEL = """\
def complete(messages):
    return "static answer"
"""


def _surfaces(result):
    return [(s.location.path, s.location.line, s.kind) for s in result.project.chat_surfaces]


# The page users chat on: without one, a route answers another program (an API).
PAGE = '<form method="post"><textarea name="message"></textarea><button>Send</button></form>\n'


def _app(client: str, import_line: str = "from svc.llm import ask", call: str = "ask"):
    return {
        "app.py": ROUTE.format(import_line=import_line, call=call),
        "templates/chat.html": PAGE,
        "svc/__init__.py": "",
        "svc/llm.py": LLM,
        "svc/client.py": client,
    }


@pytest.mark.parametrize("prefilter", [True, False])
@pytest.mark.parametrize(
    "import_line, call",
    [("from svc.llm import ask", "ask"), ("from svc import llm", "llm.ask"), ("import svc.llm as llm", "llm.ask")],
)
def test_a_route_reaching_a_model_through_two_modules_is_a_chat_endpoint(tmp_path, prefilter, import_line, call):
    result = scan_app(tmp_path, _app(CLIENT, import_line, call), cache=False, prefilter=prefilter)
    assert _surfaces(result) == [("app.py", 5, "web-route")]
    assert [(f.code, f.location.path, f.location.line) for f in result.findings if f.code == "CL201"] == [("CL201", "app.py", 5)]


def test_a_route_whose_calls_reach_no_model_is_no_chat(tmp_path):
    files = _app(NO_MODEL)
    files["svc/other.py"] = CLIENT  # a model call the route never reaches
    assert _surfaces(scan_app(tmp_path, files, cache=False)) == []


def test_functions_calling_each_other_across_modules_end(tmp_path):
    files = _app("from .llm import ask\n\ndef complete(messages):\n    return ask(messages)\n")
    assert _surfaces(scan_app(tmp_path, files, cache=False)) == []


def test_a_route_that_takes_no_input_is_no_chat(tmp_path):
    files = _app(CLIENT)
    files["app.py"] = 'from flask import Flask\nfrom svc.llm import ask\napp = Flask(__name__)\n\n@app.get("/")\ndef index():\n    return ask("hello")\n'
    assert _surfaces(scan_app(tmp_path, files, cache=False)) == []


# A slack app that registers its listeners from a package's `register(app)`, the listener
# in another module, the model asked in a third.
SLACK_APP = {
    "app.py": "from slack_bolt.async_app import AsyncApp\nfrom listeners import register\n\napp = AsyncApp()\nregister(app)\n",
    "listeners/__init__.py": (
        "from slack_bolt.async_app import AsyncApp\nfrom .answer import answer_in_thread\n\n\n"
        "def register(app: AsyncApp):\n    app.message()(answer_in_thread)\n"
    ),
    "listeners/answer.py": (
        "from slack_bolt.async_app import AsyncSay\nfrom helpers.llm import ask\n\n\n"
        "async def answer_in_thread(message, say: AsyncSay):\n"
        "    await say(\"One moment, thinking.\", thread_ts=message[\"ts\"])\n"
        "    await say(ask(message[\"text\"]), thread_ts=message[\"ts\"])\n"
    ),
    "helpers/__init__.py": "",
    "helpers/llm.py": CLIENT.replace("def complete(messages)", "def ask(q)").replace("messages=messages", "messages=[{'role': 'user', 'content': q}]"),
}


@pytest.mark.parametrize("prefilter", [True, False])
def test_a_slack_listener_registered_from_another_module_is_a_bot_users_talk_to(tmp_path, prefilter):
    result = scan_app(tmp_path, SLACK_APP, cache=False, prefilter=prefilter)
    assert _surfaces(result) == [("listeners/__init__.py", 6, "messaging-bot")]
    assert [(f.code, f.location.path) for f in result.findings if f.code == "CL201"] == [("CL201", "listeners/__init__.py")]


def test_a_registered_slack_listener_with_a_disclosure_is_fine(tmp_path):
    files = dict(SLACK_APP)
    files["listeners/answer.py"] = files["listeners/answer.py"].replace("One moment, thinking.", "I'm an AI assistant: one moment.")
    assert "CL201" not in [f.code for f in scan_app(tmp_path, files, cache=False).findings]


# A route that hands another program the fields of the model's verdict (a JSON API behind
# some front end) is no conversation: the model's answer is read as data, not passed on.
PARSING_CLIENT = """\
import json
from openai import OpenAI

client = OpenAI()

def complete(messages):
    raw = client.chat.completions.create(model="m", messages=messages).choices[0].message.content.strip()
    data = json.loads(raw)
    return {"suspicious": bool(data.get("suspicious")), "risk": float(data.get("risk", 0))}
"""

SAME_FILE_VERDICT = """\
import json
from flask import Flask, request, jsonify
from openai import OpenAI

app = Flask(__name__)
client = OpenAI()

def likely_condition(symptoms):
    reply = client.chat.completions.create(model="m", messages=[{"role": "user", "content": symptoms}])
    return json.loads(reply.choices[0].message.content)

@app.post("/assess")
def assess():
    verdict = likely_condition(request.json["symptoms"])
    return jsonify(condition=verdict["condition"], urgency=verdict["urgency"])
"""


@pytest.mark.parametrize("prefilter", [True, False])
def test_a_route_returning_the_fields_of_the_models_verdict_is_no_chat(tmp_path, prefilter):
    result = scan_app(tmp_path, _app(PARSING_CLIENT), cache=False, prefilter=prefilter)
    assert _surfaces(result) == []
    assert [f for f in result.findings if f.code == "CL201"] == []


@pytest.mark.parametrize("read", ["json.loads({})", "Verdict.model_validate_json({})"])
def test_a_route_in_the_file_that_asks_the_model_for_a_verdict_is_no_chat(tmp_path, read):
    app = SAME_FILE_VERDICT.replace("json.loads(reply.choices[0].message.content)", read.format("reply.choices[0].message.content"))
    app = app.replace("import json\n", "import json\nfrom pydantic import BaseModel\n\nclass Verdict(BaseModel):\n    condition: str\n    urgency: str\n")
    assert _surfaces(scan_app(tmp_path, {"app.py": app}, cache=False)) == []


@pytest.mark.parametrize(
    "client",
    [
        # the answer is passed on as text; JSON read from the request is not the answer
        CLIENT.replace("def complete(messages):", "import json\n\ndef complete(messages):\n    messages = json.loads(messages)"),
        # one reached function reads a verdict, another passes the answer on
        PARSING_CLIENT + "\ndef chat(messages):\n    return client.chat.completions.create(model='m', messages=messages).choices[0].message.content\n",
    ],
    ids=["request parsed", "one of two parsed"],
)
def test_a_route_that_passes_an_answer_on_is_still_a_chat(tmp_path, client):
    files = _app(client)
    if "def chat(" in client:
        files["svc/llm.py"] = LLM.replace("from .client import complete", "from .client import complete, chat") + "\ndef talk(q):\n    return chat([{'role': 'user', 'content': q}])\n"
        files["app.py"] = files["app.py"].replace("answer = ask(", "verdict = ask(request.json['q'])\n    answer = talk(")
        files["app.py"] = files["app.py"].replace("from svc.llm import ask", "from svc.llm import ask, talk")
    assert _surfaces(scan_app(tmp_path, files, cache=False)) == [("app.py", 5, "web-route")]


def test_a_route_in_the_file_that_returns_the_answer_text_is_a_chat(tmp_path):
    app = SAME_FILE_VERDICT.replace("return json.loads(reply.choices[0].message.content)", "return reply.choices[0].message.content")
    app = app.replace('jsonify(condition=verdict["condition"], urgency=verdict["urgency"])', "jsonify(answer=verdict)")
    assert _surfaces(scan_app(tmp_path, {"app.py": app}, cache=False)) == [("app.py", 12, "web-route")]


# JS/TS: an Express route registered in one module with a handler another module exports.
EXPRESS_ROUTES = {
    "commonjs": (
        'const express = require("express");\nconst router = express.Router();\n'
        'const chatController = require("../controllers/chat");\nrouter.post("/", chatController.chat);\nmodule.exports = router;\n'
    ),
    "destructured": (
        'const express = require("express");\nconst router = express.Router();\n'
        'const { chat } = require("../controllers/chat");\nrouter.post("/", chat);\nmodule.exports = router;\n'
    ),
    "esm": (
        'import express from "express";\nimport * as chatController from "../controllers/chat.js";\n'
        'const router = express.Router();\nrouter.post("/", chatController.chat);\nexport default router;\n'
    ),
}
EXPRESS_CONTROLLERS = {
    "exports.x": (
        'const { OpenAI } = require("openai");\nconst openai = new OpenAI();\n'
        "exports.chat = async (req, res) => {\n"
        '  const r = await openai.chat.completions.create({ model: "m", messages: [{ role: "user", content: req.body.message }] });\n'
        "  res.json({ reply: r.choices[0].message.content });\n};\n"
    ),
    "module.exports": (
        'const { OpenAI } = require("openai");\nconst openai = new OpenAI();\n'
        "async function chat(req, res) {\n"
        '  const r = await openai.chat.completions.create({ model: "m", messages: [{ role: "user", content: req.body.message }] });\n'
        "  res.json({ reply: r.choices[0].message.content });\n}\nmodule.exports = { chat };\n"
    ),
    "export function": (
        'import OpenAI from "openai";\nconst openai = new OpenAI();\n'
        "export async function chat(req, res) {\n"
        '  const r = await openai.chat.completions.create({ model: "m", messages: [{ role: "user", content: req.body.message }] });\n'
        "  res.json({ reply: r.choices[0].message.content });\n}\n"
    ),
}


@pytest.mark.parametrize(
    "routes, controller",
    [(r, c) for r in ("commonjs", "destructured") for c in ("exports.x", "module.exports")] + [("esm", "export function")],
)
def test_an_express_route_whose_handler_another_module_exports_is_a_chat_endpoint(tmp_path, routes, controller):
    files = {"server/routes/chat.js": EXPRESS_ROUTES[routes], "server/controllers/chat.js": EXPRESS_CONTROLLERS[controller]}
    files["public/index.html"] = PAGE
    result = scan_app(tmp_path, files, cache=False)
    assert _surfaces(result) == [("server/routes/chat.js", 4, "web-route")]
    assert [f.location.path for f in result.findings if f.code == "CL201"] == ["server/routes/chat.js"]


def test_an_express_route_whose_handler_asks_no_model_is_no_chat(tmp_path):
    files = {
        "server/routes/chat.js": EXPRESS_ROUTES["commonjs"].replace("chatController.chat", "chatController.save"),
        "server/controllers/chat.js": EXPRESS_CONTROLLERS["exports.x"] + "exports.save = async (req, res) => { res.json({ ok: true }); };\n",
    }
    assert _surfaces(scan_app(tmp_path, files, cache=False)) == []
    files["server/routes/chat.js"] = EXPRESS_ROUTES["commonjs"].replace('require("../controllers/chat")', 'require("chat-controller")')
    assert _surfaces(scan_app(tmp_path / "b", files, cache=False)) == []


# Automated eligibility across modules: the model's verdict is asked for in one module, the
# decision on it made in another that calls it.
SCORING = """\
from openai import OpenAI

client = OpenAI()
PROMPT = "You screen candidates. Rate how well the resume matches the job on a scale from 0 to 100. Reply with the number only."

def match_score(resume):
    reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "system", "content": PROMPT}, {"role": "user", "content": resume}])
    return float(reply.choices[0].message.content)

def verdict(application):
    prompt = "Review this loan application. Reply with exactly one word: APPROVE or REJECT."
    reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "system", "content": prompt}, {"role": "user", "content": application}])
    return reply.choices[0].message.content.strip()
"""

SCREEN_PAGE = """\
import streamlit as st
from screening.scoring import match_score, verdict

resume = st.text_area("Resume")
if st.button("Screen"):
    score = match_score(resume)
    if {test}:
        st.success("Shortlisted")
    else:
        st.error("Rejected")
"""


def _eligibility(result):
    return [(f.location.path, f.location.line) for f in result.findings if f.code == "CL106"]


@pytest.mark.parametrize("prefilter", [True, False])
@pytest.mark.parametrize("test", ["score >= 70", "70 < score", 'verdict(resume).strip() == "REJECT"'])
def test_a_decision_on_the_models_verdict_in_another_module_is_automated_eligibility(tmp_path, test, prefilter):
    files = {"app.py": SCREEN_PAGE.format(test=test), "screening/__init__.py": "", "screening/scoring.py": SCORING}
    assert _eligibility(scan_app(tmp_path, files, cache=False, prefilter=prefilter)) == [("app.py", 7)]


@pytest.mark.parametrize(
    "scoring",
    [
        # what the function returns is no answer of the model; the prompt asks for no score
        SCORING.replace("return float(reply.choices[0].message.content)", "return len(resume)"),
        SCORING.replace("Rate how well the resume matches the job on a scale from 0 to 100. Reply with the number only.",
                        "Summarise the resume for the recruiter."),
    ],
    ids=["no answer returned", "a summary for a person"],
)
def test_a_test_of_what_another_module_returns_is_no_decision_unless_it_is_the_models_verdict(tmp_path, scoring):
    files = {"app.py": SCREEN_PAGE.format(test="score >= 70"), "screening/__init__.py": "", "screening/scoring.py": scoring}
    assert _eligibility(scan_app(tmp_path, files, cache=False)) == []
