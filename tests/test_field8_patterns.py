"""Patterns found on the eighth field test's development half (benchmarks/field8_expectations.yaml),
each captured in a fixture of our own, with the negatives that must stay quiet."""

from __future__ import annotations

from helpers import scan_app
# Modules whose ask()/answer() asks the model, in Python and in JavaScript.
from test_field7_patterns import AI_JS as ANSWER_JS, LINE_HELPER as ASK_PY


def found(root, files, select, **overrides):
    return sorted({f.code for f in scan_app(root, files, select=select, **overrides).findings})


# ---- a chat platform's send API reached over plain HTTP, from a module of its own

PAGE_WEBHOOK_PY = """\
from flask import Flask, request

from ask import ask
from outbox import deliver

app = Flask(__name__)


@app.post("/hook")
def hook():
    for entry in request.json["entry"]:
        for event in entry["messaging"]:
            deliver(event["sender"]["id"], ask(event["message"]["text"]))
    return "ok"
"""

PAGE_OUTBOX_PY = """\
import requests

GRAPH = "https://graph.facebook.com/v19.0/me/messages"


def deliver(person, words):
    requests.post(GRAPH, params={{"access_token": "t"}}, json={{"recipient": {{"id": person}}, "message": {{"text": {said}}}}})
"""


def test_a_page_bot_answering_through_the_send_api_over_http_is_a_messaging_bot(tmp_path):
    app = {"ask.py": ASK_PY, "hook.py": PAGE_WEBHOOK_PY, "outbox.py": PAGE_OUTBOX_PY.format(said="words")}
    assert found(tmp_path, app, ("CL201",)) == ["CL201"]
    assert found(tmp_path, app, ("CL201",), prefilter=False) == ["CL201"]


def test_a_page_bot_whose_sends_say_it_is_an_ai_is_quiet(tmp_path):
    app = {"ask.py": ASK_PY, "hook.py": PAGE_WEBHOOK_PY, "outbox.py": PAGE_OUTBOX_PY.format(said='"(AI assistant) " + words')}
    assert found(tmp_path, app, ("CL201",)) == []


def test_a_post_to_a_page_feed_is_no_bot(tmp_path):
    outbox = PAGE_OUTBOX_PY.format(said="words").replace("me/messages", "me/feed")
    app = {"ask.py": ASK_PY, "hook.py": PAGE_WEBHOOK_PY, "outbox.py": outbox}
    assert found(tmp_path, app, ("CL201",)) == []


TELEGRAM_HTTP_PY = """\
import requests

from ask import ask

BASE = "https://api.telegram.org"


class Courier:
    def __init__(self, token):
        self.url = f"{{BASE}}/bot{{token}}"

    def {inbound}(self):
        return requests.get(f"{{self.url}}/{method}").json()

    def post(self, chat, words):
        requests.post(f"{{self.url}}/sendMessage", json={{"chat_id": chat, "text": words}})


courier = Courier("t")
for update in courier.{inbound}():
    courier.post(update["message"]["chat"]["id"], ask(update["message"]["text"]))
"""


def test_a_telegram_bot_polling_and_answering_over_http_is_a_messaging_bot(tmp_path):
    app = {"ask.py": ASK_PY, "bot.py": TELEGRAM_HTTP_PY.format(inbound="updates", method="getUpdates")}
    assert found(tmp_path, app, ("CL201",)) == ["CL201"]


def test_posting_to_a_telegram_channel_that_takes_no_messages_is_no_conversation(tmp_path):
    # A digest posted to a channel: the Bot API's sendMessage, but nothing reads what users write.
    app = {"ask.py": ASK_PY, "bot.py": TELEGRAM_HTTP_PY.format(inbound="me", method="getMe")}
    assert found(tmp_path, app, ("CL201",)) == []


LINE_FETCH_JS = """\
const express = require('express')
const OpenAI = require('openai')

const openai = new OpenAI()
const app = express()
const REPLY = 'https://api.line.me/v2/bot/message/reply'

app.post('/webhook', async (req, res) => {
  for (const event of req.body.events) {
    const answer = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: event.message.text }] })
    await fetch(REPLY, {
      method: 'POST',
      headers: { Authorization: 'Bearer t' },
      body: JSON.stringify({ replyToken: event.replyToken, messages: [{ type: 'text', text: %s }] }),
    })
  }
  res.sendStatus(200)
})
"""


def test_a_line_bot_replying_with_fetch_is_a_messaging_bot(tmp_path):
    app = {"index.js": LINE_FETCH_JS % "answer.choices[0].message.content"}
    assert found(tmp_path, app, ("CL201",)) == ["CL201"]


def test_a_line_bot_replying_with_fetch_that_says_it_is_an_ai_is_quiet(tmp_path):
    app = {"index.js": LINE_FETCH_JS % "'🤖 AI: ' + answer.choices[0].message.content"}
    assert found(tmp_path, app, ("CL201",)) == []


MESSENGER_AXIOS_JS = """\
const axios = require('axios')
const { answer } = require('./answer')

const SEND = 'https://graph.facebook.com/v21.0/me/messages'

async function onEvent(event) {
  const reply = await answer(event.message.text)
  await axios.post(SEND, { recipient: { id: event.sender.id }, message: { text: reply } })
}

module.exports = { onEvent }
"""



def test_a_messenger_bot_sending_with_axios_from_another_module_is_a_messaging_bot(tmp_path):
    app = {"bot.js": MESSENGER_AXIOS_JS, "answer.js": ANSWER_JS}
    assert found(tmp_path, app, ("CL201",)) == ["CL201"]
    assert found(tmp_path, app, ("CL201",), prefilter=False) == ["CL201"]


# ---- a route whose handler is another module's function that calls a third module's

ROUTES_JS = """\
const express = require('express')
const { ask } = require('../controllers/help')

const router = express.Router()
router.post('/ask', ask)
module.exports = router
"""
CONTROLLER_JS = """\
const { {helper} } = require('../services/llm')

async function ask(req, res) {
  const text = await {helper}(req.body.question)
  res.json({ text })
}

module.exports = { ask }
"""
SERVICE_JS = ANSWER_JS.replace("module.exports = { answer }", """\
function shout(question) {
  return question.toUpperCase()
}
module.exports = { answer, shout }""")
PAGE_HTML = """\
<!doctype html>
<html><body><h1>Helpdesk</h1><p>Questions about your order are welcome.</p><script src="/app.js"></script></body></html>
"""


def _layered(helper):
    return {
        "routes/help.js": ROUTES_JS,
        "controllers/help.js": CONTROLLER_JS.replace("{helper}", helper),
        "services/llm.js": SERVICE_JS,
        "public/index.html": PAGE_HTML,
    }


def test_a_route_reaching_a_model_through_a_controller_and_a_service_is_a_chat_endpoint(tmp_path):
    assert found(tmp_path, _layered("answer"), ("CL201",)) == ["CL201"]


def test_a_route_whose_controller_calls_a_service_that_asks_no_model_is_no_chat(tmp_path):
    assert found(tmp_path, _layered("shout"), ("CL201",)) == []


# ---- pages rendered from EJS views (Express's usual view engine)

EJS_VIEW = """\
<%- include('partials/header') %>
<h1><%= title %></h1>
<%# the person picked on the previous page %>
<form id="talk" action="/talk" method="post">
  <input name="message" placeholder="Write to <%= person.name %>...">
  <button type="submit">Send</button>
</form>
<% if (notice) { %><p class="notice"><%= notice %></p><% } %>
<footer>FOOTER</footer>
"""
EJS_SERVER_JS = """\
const express = require('express')
const OpenAI = require('openai')

const openai = new OpenAI()
const app = express()
app.set('view engine', 'ejs')
app.get('/', (req, res) => res.render('talk', { title: 'Talk', notice: '' }))
app.post('/talk', async (req, res) => {
  const r = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: req.body.message }] })
  res.render('talk', { title: 'Talk', notice: r.choices[0].message.content })
})
"""


def test_a_chat_form_in_an_ejs_view_is_a_chat_ui(tmp_path):
    app = {"views/talk.ejs": EJS_VIEW.replace("FOOTER", "Made with care"), "server.js": EJS_SERVER_JS}
    assert found(tmp_path, app, ("CL201",)) == ["CL201"]


def test_an_ejs_view_that_says_answers_come_from_an_ai_is_quiet(tmp_path):
    app = {"views/talk.ejs": EJS_VIEW.replace("FOOTER", "Answers are written by an AI model."), "server.js": EJS_SERVER_JS}
    assert found(tmp_path, app, ("CL201",)) == []


def test_ejs_code_and_comments_show_nothing(tmp_path):
    from complint.extract.markup import extract_markup

    view = '<%# an AI wrote this template %><p><% const label = "AI" %>Hello</p><p><%= name %> joined</p>'
    texts = [t.text for t in extract_markup(view, "views/x.ejs").user_texts]
    assert texts == ["Hello", "{…} joined"]


# ---- an agent framework's prompts kept in YAML (crewai's config/agents.yaml and tasks.yaml)

CREW_PY = """\
from crewai import Agent, Crew, Task
from crewai.project import CrewBase, agent, crew, task


@CrewBase
class Advice:
    agents_config = "config/agents.yaml"
    tasks_config = "config/tasks.yaml"

    @agent
    def mentor(self) -> Agent:
        return Agent(config=self.agents_config["mentor"])

    @task
    def answer(self) -> Task:
        return Task(config=self.tasks_config["answer"])

    @crew
    def crew(self) -> Crew:
        return Crew(agents=self.agents, tasks=self.tasks)
"""
AGENTS_YAML = """\
mentor:
  role: Investing mentor
  goal: Answer the user's questions about long-term investing in plain words
  {third}: >
    You are Warren Buffett. Speak as him, with his folksy humour, and never break character.
"""
TASKS_YAML = """\
answer:
  description: >
    Answer the question {question} in three short paragraphs for a beginner.
  expected_output: Three short paragraphs of plain advice.
  agent: mentor
"""


def test_a_crewai_agent_kept_in_yaml_is_read_as_a_prompt(tmp_path):
    from complint.extract.configs import extract_yaml

    facts = extract_yaml(AGENTS_YAML.format(third="backstory"), "config/agents.yaml")
    assert [p.role for p in facts.prompts] == ["system", "system"]  # the role's three words are a label
    tasks = extract_yaml(TASKS_YAML, "config/tasks.yaml")
    assert [p.role for p in tasks.prompts] == ["user", "user"]


def test_a_persona_in_a_crewai_agents_yaml_is_a_simulated_person(tmp_path):
    app = {"crew.py": CREW_PY, "config/agents.yaml": AGENTS_YAML.format(third="backstory"), "config/tasks.yaml": TASKS_YAML}
    assert found(tmp_path, app, ("CL401",)) == ["CL401"]


def test_yaml_with_some_of_an_agents_fields_is_no_prompt(tmp_path):
    # role and goal without a backstory: a deployment's or a game's settings, not an agent
    from complint.extract.configs import extract_yaml

    assert extract_yaml(AGENTS_YAML.format(third="notes"), "config/team.yaml").prompts == ()
