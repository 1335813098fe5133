"""Patterns found on the seventh field test's development half (benchmarks/field7_expectations.yaml),
each captured in a fixture of our own, with the negatives that must stay quiet."""

from __future__ import annotations

import pytest

from helpers import scan_app


def found(root, files, select, **overrides):
    return sorted({f.code for f in scan_app(root, files, select=select, **overrides).findings})


# ---- LINE bots: the Messaging API's SDKs, in Python and in JavaScript

LINE_PY = """\
from flask import Flask, request
from linebot import LineBotApi, WebhookHandler
from linebot.models import MessageEvent, TextMessage, TextSendMessage

from helper import ask

app = Flask(__name__)
api = LineBotApi("token")
handler = WebhookHandler("secret")


@app.route("/callback", methods=["POST"])
def callback():
    handler.handle(request.get_data(as_text=True), request.headers["X-Line-Signature"])
    return "OK"


@handler.add(MessageEvent, message=TextMessage)
def on_text(event):
    api.reply_message(event.reply_token, TextSendMessage(text={reply}))
"""
LINE_HELPER = """\
from openai import OpenAI

client = OpenAI()


def ask(question):
    answer = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": question}])
    return answer.choices[0].message.content
"""

LINE_JS = """\
const express = require('express')
const line = require('@line/bot-sdk')
const OpenAI = require('openai')

const openai = new OpenAI()
const client = new line.Client({ channelAccessToken: 'x', channelSecret: 'y' })
const app = express()

app.post('/callback', line.middleware({ channelSecret: 'y' }), (req, res) => {
  Promise.all(req.body.events.map(handleEvent)).then((r) => res.json(r))
})

async function handleEvent(event) {
  const answer = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: event.message.text }] })
  return client.replyMessage(event.replyToken, [{ type: 'text', text: %s }])
}
"""


def test_a_line_bot_in_python_is_a_messaging_bot(tmp_path):
    app = {"bot.py": LINE_PY.format(reply="ask(event.message.text)"), "helper.py": LINE_HELPER}
    assert found(tmp_path, app, ("CL201",)) == ["CL201"]


def test_a_line_bot_in_python_that_says_it_is_an_ai_is_quiet(tmp_path):
    reply = '"(AI assistant) " + ask(event.message.text)'
    app = {"bot.py": LINE_PY.format(reply=reply), "helper.py": LINE_HELPER}
    assert found(tmp_path, app, ("CL201",)) == []


def test_line_handler_decorators_on_another_library_are_no_bot(tmp_path):
    # `.add(...)` is a common method name: only linebot's handler registers a LINE bot.
    bot = LINE_PY.format(reply="ask(event.message.text)").replace(
        "from linebot import LineBotApi, WebhookHandler\nfrom linebot.models import MessageEvent, TextMessage, TextSendMessage\n",
        "from events import LineBotApi, WebhookHandler, MessageEvent, TextMessage, TextSendMessage\n",
    )
    assert found(tmp_path, {"bot.py": bot, "helper.py": LINE_HELPER}, ("CL201",)) == []


def test_a_line_bot_in_javascript_is_a_messaging_bot(tmp_path):
    app = {"index.js": LINE_JS % "answer.choices[0].message.content", "package.json": '{"dependencies": {"@line/bot-sdk": "^7"}}'}
    assert found(tmp_path, app, ("CL201",)) == ["CL201"]


def test_a_line_bot_in_javascript_whose_replies_say_ai_is_quiet(tmp_path):
    reply = "'🤖 AI answer: ' + answer.choices[0].message.content"
    app = {"index.js": LINE_JS % reply, "package.json": '{"dependencies": {"@line/bot-sdk": "^7"}}'}
    assert found(tmp_path, app, ("CL201",)) == []


# ---- live streams: a Twitch chat client in JavaScript

TMI = """\
const tmi = require('tmi.js')
const { answer } = require('./ai')

const client = new tmi.Client({ channels: ['somestreamer'] })
client.connect()
client.on('message', async (channel, tags, message, self) => {
  if (self) return
  client.say(channel, await answer(message))
})
"""
AI_JS = """\
const OpenAI = require('openai')
const openai = new OpenAI()

async function answer(message) {
  const r = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: message }] })
  return r.choices[0].message.content
}
module.exports = { answer }
"""


def test_a_twitch_chat_bot_in_javascript_publishes_to_a_live_stream(tmp_path):
    assert found(tmp_path, {"bot.js": TMI, "ai.js": AI_JS}, ("CL501",)) == ["CL501"]


def test_a_twitch_chat_bot_without_a_model_publishes_nothing(tmp_path):
    assert found(tmp_path, {"bot.js": TMI.replace("await answer(message)", "'hello ' + tags.username")}, ("CL501",)) == []


def test_a_module_named_like_a_live_stream_library_is_not_one(tmp_path):
    # The module is matched by its whole name: "tmi" alone is some other package.
    bot = TMI.replace("require('tmi.js')", "require('tmi')")
    assert found(tmp_path, {"bot.js": bot, "ai.js": AI_JS}, ("CL501",)) == []


# ---- a chat request posted over plain HTTP to a URL another module keeps

SETTINGS = 'LLM_URL = "https://llm.example.net/v1/chat/completions"\nMODEL = "some-open-model"\n'
PAGE = '<html><body><h1>Clinic helper</h1><input id="q" placeholder="Type your question"><button>Send</button></body></html>'
CLINIC = """\
import requests
from flask import Flask, request

import settings

app = Flask(__name__)


def ask(body):
    answer = requests.post(settings.LLM_URL, json=body, timeout=60)
    return answer.json()["choices"][0]["message"]["content"]


@app.route("/chat", methods=["POST"])
def chat():
    body = {{"model": settings.MODEL, {key}: [{{"role": "user", "content": request.json["message"]}}]}}
    return {{"reply": ask(body)}}
"""


@pytest.mark.parametrize("prefilter", [True, False])
def test_a_post_of_model_and_messages_is_a_model_call_wherever_it_goes(tmp_path, prefilter):
    app = {"app.py": CLINIC.format(key='"messages"'), "settings.py": SETTINGS, "static/index.html": PAGE}
    assert found(tmp_path, app, ("CL001", "CL201"), prefilter=prefilter) == ["CL001", "CL201"]


def test_a_post_without_a_conversation_is_no_model_call(tmp_path):
    # A body naming a model but sending no messages (a job queue, an image service) is not a chat.
    app = {"app.py": CLINIC.format(key='"items"'), "settings.py": SETTINGS, "static/index.html": PAGE}
    assert found(tmp_path, app, ("CL001", "CL201")) == []


SEND_JS = """\
import { LLM_URL } from './settings.js'

export async function ask(question) {
  const r = await fetch(LLM_URL, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'some-open-model', %s: [{ role: 'user', content: question }] }),
  })
  return (await r.json()).choices[0].message.content
}
"""


def test_a_javascript_post_of_model_and_messages_is_a_model_call(tmp_path):
    app = {"ask.js": SEND_JS % "messages", "settings.js": "export const LLM_URL = process.env.LLM_URL\n"}
    assert found(tmp_path, app, ("CL001",)) == ["CL001"]


def test_a_javascript_post_to_the_apps_own_route_stays_a_chat_request(tmp_path):
    # A page posting the conversation to its own back end ("/api/chat") calls no model itself.
    page = (SEND_JS % "messages").replace("fetch(LLM_URL,", "fetch('/api/chat',")
    assert found(tmp_path, {"ask.js": page}, ("CL001",)) == []


def test_a_javascript_post_without_messages_is_no_model_call(tmp_path):
    app = {"ask.js": SEND_JS % "items", "settings.js": "export const LLM_URL = process.env.LLM_URL\n"}
    assert found(tmp_path, app, ("CL001",)) == []
