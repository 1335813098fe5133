"""Patterns found on the fifth field test's development half (benchmarks/field5_expectations.yaml),
each captured in a fixture of our own, with the negatives that must stay quiet."""

from __future__ import annotations

import pytest

from helpers import scan_app
from test_extract_javascript import BACKEND

AI_MODULE_JS = """\
import OpenAI from "openai";
const openai = new OpenAI();
export async function ask(question) {
  const r = await openai.chat.completions.create({ model: "m", messages: [{ role: "user", content: question }] });
  return r.choices[0].message.content;
}
"""

TWITCH_ESM = """\
import tmi from "tmi.js";
import { ask } from "./ai";
const client = new tmi.Client({ channels: ["somechannel"] });
client.connect();
client.on("{event}", async (channel, tags, message, self) => {
  if (self) return;
  const answer = await ask(message);
  await client.say(channel, `${tags.username}, ${answer}`);
});
"""

TWITCH_COMMONJS = """\
const tmi = require("tmi.js");
const { ask } = require("./ai");
const client = new tmi.client({ channels: ["somechannel"] });
client.connect();
client.on("message", onMessage);
async function onMessage(channel, tags, message, self) {
  if (self) return;
  client.say(channel, await ask(message));
}
"""


def cl201(root, files):
    return [f.code for f in scan_app(root, files, select=("CL201",)).findings]


@pytest.mark.parametrize(
    "bot",
    [TWITCH_ESM.replace("{event}", "message"), TWITCH_ESM.replace("{event}", "chat"), TWITCH_COMMONJS],
    ids=["tmi.js, ESM", "tmi.js chat event", "tmi.js, CommonJS, named handler"],
)
def test_a_twitch_chat_bot_in_javascript_is_a_messaging_bot(tmp_path, bot):
    assert cl201(tmp_path, {"bot.js": bot, "ai.js": AI_MODULE_JS}) == ["CL201"]


def test_a_twitch_bot_that_says_it_is_an_ai_is_disclosed(tmp_path):
    bot = TWITCH_ESM.replace("{event}", "message").replace(
        "client.connect();", 'client.connect();\nclient.say("somechannel", "Hi! I am an AI bot, ask me anything with !ask");'
    )
    assert cl201(tmp_path, {"bot.js": bot, "ai.js": AI_MODULE_JS}) == []


def test_a_twitch_event_that_is_no_message_makes_no_bot(tmp_path):
    bot = TWITCH_ESM.replace("{event}", "raided")
    assert cl201(tmp_path, {"bot.js": bot, "ai.js": AI_MODULE_JS}) == []


def test_an_error_saying_the_ai_is_offline_is_no_disclosure(tmp_path):
    bot = TWITCH_ESM.replace("{event}", "message").replace(
        "await client.say(channel, `${tags.username}, ${answer}`);",
        'try { await client.say(channel, `${tags.username}, ${answer}`); } catch (e) { await client.say(channel, "AI Offline"); }',
    )
    assert cl201(tmp_path, {"bot.js": bot, "ai.js": AI_MODULE_JS}) == ["CL201"]


TWITCHIO_COG = """\
from twitchio.ext import commands
from openai import OpenAI

client = OpenAI()


class Ask(commands.Cog):
    def __init__(self, bot):
        self.bot = bot

    @commands.command(name="ask")
    async def ask(self, ctx: commands.Context, *, question: str):
        answer = client.chat.completions.create(model="m", messages=[{"role": "user", "content": question}])
        await ctx.send(f"@{ctx.author.name}, {answer.choices[0].message.content}")
"""


def test_a_twitch_command_in_python_is_a_messaging_bot(tmp_path):
    assert cl201(tmp_path, {"cogs/ask.py": TWITCHIO_COG}) == ["CL201"]


def test_a_twitch_routine_is_no_chat(tmp_path):
    ads = """\
from twitchio.ext import routines
from openai import OpenAI

client = OpenAI()


@routines.routine(minutes=5)
async def advert(channel):
    text = client.chat.completions.create(model="m", messages=[{"role": "user", "content": "an advert"}])
    await channel.send(text.choices[0].message.content)
"""
    assert cl201(tmp_path, {"ads.py": ads}) == []


def test_a_bot_reporting_how_it_operates_has_disclosed_nothing(tmp_path):
    cog = TWITCHIO_COG + '\n\nSTATUS = "Bot is currently operating with reduced functionality due to API issues."\n'
    cog = cog.replace('await ctx.send(f"@', 'await ctx.send(STATUS)\n        await ctx.send(f"@')
    assert cl201(tmp_path, {"cogs/ask.py": cog}) == ["CL201"]


# A repository holding a package's own files at its root: its modules import each other by
# the package's name (`from app.llm import ask`), which is no folder of the repository.
PACKAGE_ROUTE = """\
from fastapi import FastAPI, Form
from twilio.rest import Client
from {package}.llm import ask
from {package}.prompts import SYSTEM_PROMPT

app = FastAPI()


@app.post("/whatsapp")
async def whatsapp(From: str = Form(...), Body: str = Form(...)):
    answer = ask(SYSTEM_PROMPT, Body)
    Client("sid", "token").messages.create(body=answer, from_="whatsapp:+1", to=From)
"""
PACKAGE_LLM = """\
from litellm import completion


def ask(system, text):
    r = completion(model="groq/llama3", messages=[{"role": "system", "content": system}, {"role": "user", "content": text}])
    return r.choices[0].message.content
"""
PACKAGE_PROMPTS = 'SYSTEM_PROMPT = "You are a brainstorming assistant. Answer in two sentences."\n'


def test_modules_imported_by_the_name_of_the_package_the_repository_holds(tmp_path):
    files = {"main.py": PACKAGE_ROUTE.replace("{package}", "app"), "llm.py": PACKAGE_LLM, "prompts.py": PACKAGE_PROMPTS}
    assert cl201(tmp_path, files) == ["CL201"]


def test_a_package_that_is_a_folder_of_the_repository_is_read_from_it_only(tmp_path):
    # `app/` exists: `app.llm` is app/llm.py, and a root llm.py (another model) is not it.
    files = {
        "main.py": PACKAGE_ROUTE.replace("{package}", "app"),
        "app/__init__.py": "",
        "app/prompts.py": PACKAGE_PROMPTS,
        "llm.py": PACKAGE_LLM,
    }
    assert cl201(tmp_path, files) == []


# A form posting a text to process (a contract to summarise) to a route: no conversation, as
# a gradio box for a text to process is none; a form posting a question still is one.
FORM_ROUTE_FASTAPI = """\
from fastapi import FastAPI, Form
import requests

app = FastAPI()


def ask(prompt):
    r = requests.post("http://localhost:11434/api/generate", json={"model": "llama2", "prompt": prompt, "stream": False})
    return r.json()["response"]


@app.post("{path}")
def {handler}({field}: str = Form(...)):
    return {"summary": ask(f"Summarize this legal document:\\n\\n{{{field}}}")}
"""
FORM_ROUTE_FLASK = """\
from flask import Flask, request, render_template
from openai import OpenAI

app = Flask(__name__)
client = OpenAI()


@app.route("{path}", methods=["GET", "POST"])
def {handler}():
    result = None
    if request.method == "POST":
        text = request.form{read}
        r = client.chat.completions.create(model="m", messages=[{"role": "user", "content": "Summarize: " + text}])
        result = r.choices[0].message.content
    return render_template("index.html", result=result)
"""
FORM_PAGE = '<html><body><form method="post"><textarea name="text"></textarea><button>Go</button></form>{{ result }}</body></html>\n'


def _form_route(source, path, handler, field="text", read='["text"]'):
    return source.replace("{path}", path).replace("{handler}", handler).replace("{field}", field).replace("{read}", read)


@pytest.mark.parametrize(
    "path, handler, field",
    [("/analyze/", "analyze_legal", "text"), ("/summarize", "summarize", "document")],
)
def test_a_form_posting_a_text_to_process_is_no_conversation(tmp_path, path, handler, field):
    files = {"main.py": _form_route(FORM_ROUTE_FASTAPI, path, handler, field), "templates/index.html": FORM_PAGE}
    assert cl201(tmp_path, files) == []


@pytest.mark.parametrize(
    "path, handler, field",
    [("/ask", "answer", "text"), ("/", "index", "question"), ("/api", "chat_reply", "text"), ("/run", "run", "message")],
)
def test_a_form_posting_a_question_is_still_a_chat_endpoint(tmp_path, path, handler, field):
    files = {"main.py": _form_route(FORM_ROUTE_FASTAPI, path, handler, field), "templates/index.html": FORM_PAGE}
    assert cl201(tmp_path, files) == ["CL201"]


@pytest.mark.parametrize(
    "path, handler, read, chat",
    [
        ("/summarize", "summarize", '["text"]', False),
        ("/summarize", "summarize", '.get("article", "")', False),
        ("/", "index", '["question"]', True),
        ("/", "index", '["text"]', False),
        ("/summarize", "summarize", ".to_dict()", True),  # fields not known: still a chat endpoint
    ],
)
def test_a_flask_form_is_read_by_the_fields_it_posts(tmp_path, path, handler, read, chat):
    files = {"app.py": _form_route(FORM_ROUTE_FLASK, path, handler, read=read), "templates/index.html": FORM_PAGE}
    assert cl201(tmp_path, files) == (["CL201"] if chat else [])


# A back end that shows people nothing itself (no page, template, JSX, UI, bot or messaging
# library): its routes answer another program, whose page users read. Unless declared.
EXPRESS_PROXY = """\
import express from "express";
import axios from "axios";
const app = express();
app.use(express.json());
app.post("/api/openai", async (req, res) => {
  const { prompt } = req.body;
  const response = await axios.post("https://api.openai.com/v1/completions", { prompt, max_tokens: 150 }, { headers: { Authorization: "Bearer x" } });
  res.json(response.data);
});
app.listen(2000);
"""
FASTAPI_CHAT = BACKEND  # a FastAPI chat route sent JSON, alone


@pytest.mark.parametrize("files", [{"src/server.ts": EXPRESS_PROXY}, {"main.py": FASTAPI_CHAT}], ids=["express", "fastapi"])
def test_a_back_end_that_shows_people_nothing_is_an_api(tmp_path, files):
    assert cl201(tmp_path, files) == []


@pytest.mark.parametrize(
    "page",
    [
        {"public/index.html": "<form><input name='q'><button>Send</button></form>\n"},
        {"client/Chat.jsx": "export default function Chat() { return <div><input placeholder='Say something' /></div>; }\n"},
        {"ui.py": "import streamlit as st\nimport requests\nq = st.chat_input('Say something')\n"},
        {"complint.yaml": "audience: consumer\ninterfaces: [chat]\n"},
    ],
    ids=["a page", "a JSX component", "a streamlit front end", "a declared chat interface"],
)
def test_a_back_end_with_a_page_or_declared_chat_is_a_chat_endpoint(tmp_path, page):
    files = {"main.py": FASTAPI_CHAT, **page}
    assert cl201(tmp_path, files) == ["CL201"]


# ---- a page that reaches its chat route through a helper of another module

HELPER_POSTING = """\
export async function ask(question: string): Promise<string> {
  const res = await fetch("/api/chat", { method: "POST", body: JSON.stringify({ message: question }) });
  return (await res.json()).reply;
}
export function shout(text: string): string {
  return text.toUpperCase();
}
"""

PAGE_CALLING = """\
import {{ useState }} from "react";
import {{ {helper} }} from "./lib/api";
export default function Page() {{
  const [q, setQ] = useState("");
  const [a, setA] = useState("");
  return (
    <div>
      <textarea value={{q}} onChange={{(e) => setQ(e.target.value)}} />
      <button onClick={{async () => setA(await {helper}(q))}}>Send</button>
      <p>{{a}}</p>
    </div>
  );
}}
"""

EXPRESS_CHAT = """\
const express = require("express");
const OpenAI = require("openai");
const app = express();
const openai = new OpenAI();
app.post("/api/chat", async (req, res) => {
  const r = await openai.chat.completions.create({ model: "m", messages: [{ role: "user", content: req.body.message }] });
  res.json({ reply: r.choices[0].message.content });
});
"""


def _cl201(result):
    return [(f.location.path, f.location.line) for f in result.findings if f.code == "CL201"]


def test_a_page_posting_through_an_imported_helper_is_where_cl201_points(tmp_path):
    files = {"src/lib/api.ts": HELPER_POSTING, "src/page.tsx": PAGE_CALLING.format(helper="ask"), "server/index.js": EXPRESS_CHAT}
    assert _cl201(scan_app(tmp_path, files)) == [("src/page.tsx", 8)]
    assert _cl201(scan_app(tmp_path, prefilter=False, cache=False)) == [("src/page.tsx", 8)]  # the prefilter spares neither file


def test_a_page_calling_a_helper_that_posts_nothing_is_no_chat_ui(tmp_path):
    files = {"src/lib/api.ts": HELPER_POSTING, "src/page.tsx": PAGE_CALLING.format(helper="shout"), "server/index.js": EXPRESS_CHAT}
    assert _cl201(scan_app(tmp_path, files)) == [("server/index.js", 5)]
