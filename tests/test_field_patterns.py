"""Patterns found in real apps during the field test (docs/field-test.md), as small fixtures."""

from __future__ import annotations

import textwrap

import pytest

from complint.extract.python import extract_python


def facts(source: str):
    return extract_python(textwrap.dedent(source), "bot.py")


def test_discord_slash_commands_on_a_client_made_in_another_module():
    f = facts("""\
        import discord
        from src.client import discordClient

        def run():
            @discordClient.tree.command(name="chat", description="Have a chat with ChatGPT")
            async def chat(interaction: discord.Interaction, *, message: str):
                await discordClient.send_message(interaction, message)

            @discordClient.event
            async def on_message(message):
                pass
    """)
    assert [(s.framework, s.kind, s.location.line) for s in f.chat_surfaces] == [
        ("discord", "messaging-bot", 5), ("discord", "messaging-bot", 9),
    ]
    assert ("Have a chat with ChatGPT", "bot command") in [(t.text, t.channel) for t in f.user_texts]


def test_command_decorators_of_other_libraries_are_not_bot_handlers():
    f = facts("""\
        import click
        import discord

        @click.group()
        def cli():
            pass

        @cli.command()
        def sync():
            pass

        @discordClient.event
        async def on_ready():
            pass
    """)
    assert f.chat_surfaces == ()


def test_aiogram_router_from_another_module():
    f = facts("""\
        from aiogram import types
        from .loader import router

        @router.message()
        async def handle(message: types.Message):
            await message.answer("Hi, I am a bot")
    """)
    assert [(s.framework, s.location.line) for s in f.chat_surfaces] == [("telegram", 4)]


def test_unofficial_chatgpt_clients_are_model_calls():
    f = facts("""\
        from revChatGPT.revChatGPT import Chatbot
        import g4f
        chatbot = Chatbot({"session_token": "x"})
        answer = chatbot.get_chat_response("hi")
        reply = g4f.ChatCompletion.create(model="gpt-4", messages=[])
    """)
    assert [(c.provider, c.location.line) for c in f.model_calls] == [("chatgpt-unofficial", 4), ("gpt4free", 5)]
    assert {i.provider for i in f.model_imports} == {"chatgpt-unofficial", "gpt4free"}


def test_streamlit_widget_labels_are_user_facing():
    f = facts("""\
        import streamlit as st
        model = st.radio("Choose your AI Model:", options=["a", "b"])
        table = st.sidebar.selectbox("Select a table:", options=[])
    """)
    assert [t.text for t in f.user_texts] == ["Choose your AI Model:", "Select a table:"]


# --------------------------------------------------------------------------- whole projects

FLASK_CHAT = """\
from flask import Flask, request
from openai import OpenAI
app = Flask(__name__)
@app.route("/chat", methods=["POST"])
def chat():
    return OpenAI().chat.completions.create(model="m", messages=[{"role": "user", "content": request.json["q"]}])
"""
CHAINLIT_CHAT = """\
import chainlit as cl
from openai import AsyncOpenAI
client = AsyncOpenAI()
{greeting}
@cl.on_message
async def main(message):
    await client.chat.completions.create(model="m", messages=[])
"""
GREETING = """\
@cl.on_chat_start
async def start():
    await cl.Message(content="Welcome to your AI assistant!").send()
"""

from helpers import scan_app  # noqa: E402

STREAMLIT_CHAT = """\
import streamlit as st
from openai import OpenAI
client = OpenAI()
{shown}
if q := st.chat_input("Ask about your data"):
    st.write(client.chat.completions.create(model="m", messages=[{{"role": "user", "content": q}}]))
"""


def cl201(root, files):
    return [f.code for f in scan_app(root, files, select=("CL201",)).findings]


def test_markdown_file_read_and_shown_in_the_sidebar_is_user_facing(tmp_path):
    shown = 'with open("ui/sidebar.md", "r") as fh:\n    sidebar = fh.read()\nst.sidebar.markdown(sidebar)'
    files = {"main.py": STREAMLIT_CHAT.format(shown=shown), "ui/sidebar.md": "# Data chat\n\n- **Conversational AI**: asks ChatGPT.\n"}
    assert cl201(tmp_path / "shown", files) == []
    files["main.py"] = STREAMLIT_CHAT.format(shown="")
    assert cl201(tmp_path / "unused", files) == ["CL201"]  # a document nobody shows is not user-facing


def test_path_read_text_relative_to_the_script(tmp_path):
    shown = 'from pathlib import Path\nst.markdown(Path("about.md").read_text())'
    files = {"app/main.py": STREAMLIT_CHAT.format(shown=shown), "app/about.md": "Answers come from a language model.\n"}
    assert cl201(tmp_path, files) == []


def test_a_translations_file_at_the_root_is_a_catalogue(tmp_path):
    bot = """\
    import json
    from openai import OpenAI
    from telegram.ext import Application, CommandHandler
    TEXT = json.load(open("translations.json"))
    async def start(update, context):
        await update.message.reply_text(TEXT["en"]["help_text"])
    async def ask(update, context):
        OpenAI().chat.completions.create(model="m", messages=[])
    app = Application.builder().token("t").build()
    app.add_handler(CommandHandler("start", start))
    """
    files = {"bot.py": bot, "translations.json": '{"en": {"help_text": "I\'m a ChatGPT bot, talk to me!"}}'}
    assert cl201(tmp_path, files) == []


def test_provider_neutral_clients_and_agent_frameworks_count_as_ai():
    f = facts("""\
        from any_llm import acompletion
        import any_llm
        from pydantic_ai import Agent
        async def reply(messages):
            return await any_llm.acompletion(model="ollama/llama3", messages=messages)
    """)
    assert {i.provider for i in f.model_imports} == {"any-llm", "pydantic-ai"}
    assert [(c.provider, c.location.line) for c in f.model_calls] == [("any-llm", 5)]


def test_a_jinja_prompt_template_is_a_prompt_not_a_page():
    from complint.extract.markup import extract_markup

    template = "{# system prompt #}\nYou are an advanced AI assistant.\n{% if tools %}Use {{ tools }}.{% endif %}\n"
    f = extract_markup(template, "data/templates/reasoning.jinja")
    assert f.user_texts == ()
    assert [(p.text, p.role, p.location.line) for p in f.prompts] == [
        ("You are an advanced AI assistant. Use {…}.", "unknown", 1)
    ]
    page = extract_markup("<p>You are chatting with an AI.</p>\n", "templates/chat.jinja")
    assert [t.text for t in page.user_texts] == ["You are chatting with an AI."]


GRADIO_APP = """\
import gradio as gr
from openai import OpenAI
client = OpenAI()
def reply(message, history):
    return client.chat.completions.create(model="m", messages=[{{"role": "user", "content": message}}])
gr.ChatInterface(reply, title={title!r}).launch()
"""


def test_a_repository_of_several_chat_apps_is_checked_app_by_app(tmp_path):
    files = {
        "README.md": "# Our demos\n",
        "1-support/requirements.txt": "gradio\nopenai\n",
        "1-support/app.py": GRADIO_APP.format(title="Support (AI assistant)"),
        "2-tutor/requirements.txt": "gradio\nopenai\n",
        "2-tutor/app.py": GRADIO_APP.format(title="Maths tutor"),
    }
    result = scan_app(tmp_path, files, select=("CL201", "CL001"))
    assert sorted((f.code, f.path) for f in result.findings) == [
        ("CL001", "1-support/requirements.txt"),
        ("CL001", "2-tutor/requirements.txt"),
        ("CL201", "2-tutor/app.py"),  # the support app's disclosure says nothing to the tutor's users
    ]


def test_a_declaration_at_the_root_makes_the_repository_one_app(tmp_path):
    files = {
        "complint.yaml": "audience: consumer\ninterfaces: [chat]\n",
        "1-support/requirements.txt": "gradio\nopenai\n",
        "1-support/app.py": GRADIO_APP.format(title="Support (AI assistant)"),
        "2-tutor/requirements.txt": "gradio\nopenai\n",
        "2-tutor/app.py": GRADIO_APP.format(title="Maths tutor"),
    }
    assert [f.code for f in scan_app(tmp_path, files, select=("CL201",)).findings] == []


def test_a_back_end_and_its_front_end_are_one_app(tmp_path):
    files = {
        "backend/requirements.txt": "fastapi\nopenai\n",
        "backend/main.py": 'from fastapi import FastAPI\nfrom openai import OpenAI\napp = FastAPI()\n'
                           '@app.post("/chat")\ndef chat(body: dict):\n'
                           '    return OpenAI().chat.completions.create(model="m", messages=[])\n',
        "frontend/package.json": '{"name": "ui"}',
        "frontend/index.html": "<p>You are chatting with an AI assistant.</p>\n",
    }
    assert [f.code for f in scan_app(tmp_path, files, select=("CL201",)).findings] == []


def test_a_page_description_is_no_disclosure_inside_the_app(tmp_path):
    page = """\
    "use client";
    export const metadata = { title: "Symptom helper", description: "An AI symptom checker" };
    export default function Chat() {
      async function send(text) {
        await fetch("/api/chat", { method: "POST", body: JSON.stringify({ text }) });
      }
      return (<div><p>Hello, I'm Nurse Sarah.</p><textarea placeholder="Describe your symptoms" /></div>);
    }
    """
    route = """\
    import OpenAI from "openai";
    const openai = new OpenAI();
    export async function POST(req) {
      const { text } = await req.json();
      return Response.json(await openai.chat.completions.create({ model: "m", messages: [{ role: "user", content: text }] }));
    }
    """
    files = {"app/page.tsx": textwrap.dedent(page), "app/api/chat/route.ts": textwrap.dedent(route)}
    assert cl201(tmp_path, files) == ["CL201"]


def test_a_prompt_template_with_prompt_tags_is_still_a_prompt():
    from complint.extract.markup import extract_markup

    prompt = "You are an advanced AI assistant.\n<think>Reason step by step.</think>\n{{ question }}\n"
    assert extract_markup(prompt, "data/templates/cot.jinja").user_texts == ()
    child = '{% extends "base.html" %}\n{% block content %}Ask our AI assistant.{% endblock %}\n'
    (text,) = extract_markup(child, "templates/page.j2").user_texts
    assert "Ask our AI assistant." in text.text


def test_a_react_page_showing_model_summaries_makes_a_news_app_consumer_facing(tmp_path):
    api = """\
    from fastapi import FastAPI
    from openai import OpenAI
    app = FastAPI()
    client = OpenAI()
    @app.post("/summary")
    def summary(body: dict):
        prompt = "Provide a concise executive summary of the following news article: " + body["text"]
        return client.chat.completions.create(model="m", messages=[{"role": "user", "content": prompt}])
    """
    page = 'export default function Summary({ text }) {\n  return (<section><h2>Executive summary</h2><p>{text}</p></section>);\n}\n'
    files = {"api/main.py": api, "web/src/Summary.tsx": page}
    result = scan_app(tmp_path, files, select=("CL304",))
    assert [(f.code, f.category) for f in result.findings] == [("CL304", "news")]
    assert "a web page" in result.findings[0].message
    internal = dict(files, **{"complint.yaml": "audience: internal\ninterfaces: [web]\ndomains: [news]\n"})
    assert scan_app(tmp_path / "internal", internal, select=("CL304",)).findings == ()


@pytest.mark.parametrize(
    "prompt",
    [
        "From the symptoms described, list the top 4 possible conditions, ranked by likelihood, with severity.",
        "Ask questions until you have enough evidence to rate or diagnose a patient. Include potential diagnoses.",
    ],
)
def test_diagnosis_requests_in_other_words(tmp_path, prompt):
    src = f'from openai import OpenAI\nSYSTEM_PROMPT = {prompt!r}\nOpenAI().chat.completions.create(model="m", messages=[{{"role": "system", "content": SYSTEM_PROMPT}}])\n'
    assert [f.code for f in scan_app(tmp_path, {"app.py": src}, select=("CL113",)).findings] == ["CL113"]


def test_claude_agent_sdk_is_an_ai_integration():
    f = facts("""\
        from claude_agent_sdk import query
        async def run():
            async for message in query(prompt="Summarise today's headlines for our public news page"):
                print(message)
    """)
    assert [(c.provider, c.location.line) for c in f.model_calls] == [("anthropic", 3)]


def test_a_root_app_and_one_sub_folder_app_are_two_apps(tmp_path):
    files = {
        "requirements.txt": "flask\nopenai\n",
        "app.py": FLASK_CHAT,
        "templates/home.html": "<h1>Talk to our teachers</h1>\n",
        "assistant/requirements.txt": "chainlit\nopenai\n",
        "assistant/app.py": CHAINLIT_CHAT.format(greeting=GREETING),
    }
    result = scan_app(tmp_path, files, select=("CL201",))
    assert [(f.code, f.path) for f in result.findings] == [("CL201", "app.py")]


def test_tool_descriptions_tell_the_domain(tmp_path):
    bot = """\
    import chainlit as cl
    from openai import OpenAI
    client = OpenAI()
    FUNCTIONS = [
        {"name": "get_quote", "description": "Get the latest price of stocks and their trend",
         "parameters": {"type": "object", "properties": {"symbol": {"type": "string", "description": "Ticker"}}}},
    ]
    @cl.on_message
    async def main(message):
        client.chat.completions.create(model="m", functions=FUNCTIONS,
            messages=[{"role": "system", "content": "Only use the functions you have been provided with."}])
    """
    prompts = facts(bot).prompts
    assert ("tool", "Get the latest price of stocks and their trend Ticker") in [(p.role, p.text) for p in prompts]
    elsewhere = 'TOOLS = [{"type": "function", "function": {"name": "news", "description": "Summarise breaking news", "parameters": {}}}]\n'
    assert [(p.role, p.text) for p in facts(elsewhere).prompts] == [("tool", "Summarise breaking news")]
    result = scan_app(tmp_path, {"app.py": bot, "chainlit.md": "# Welcome to the AI stock helper\n"}, select=("CL302",))
    assert [f.code for f in result.findings] == ["CL302"]


def test_a_text_file_shown_by_the_code_is_read_even_though_no_extractor_claims_it(tmp_path):
    app = """\
    import gradio as gr
    from openai import OpenAI
    client = OpenAI()
    def reply(message, history):
        return client.chat.completions.create(model="m", messages=[{"role": "user", "content": message}])
    with gr.Blocks() as demo:
        with open("about/description.txt") as fh:
            gr.Markdown(fh.read())
        gr.ChatInterface(reply)
    """
    text = "This interviewer is an AI. It is not a substitute for professional medical advice.\n"
    result = scan_app(tmp_path, {"app.py": app, "about/description.txt": text}, select=("CL201",))
    assert result.findings == ()
    assert "about/description.txt" in [f.path for f in result.project.files]
    lonely = scan_app(tmp_path / "unshown", {"app.py": app.replace("gr.Markdown(fh.read())", "pass"), "about/description.txt": text}, select=("CL201",))
    assert [f.code for f in lonely.findings] == ["CL201"]


def test_a_caricature_of_a_person_picked_in_a_selectbox(tmp_path):
    app = """\
    import streamlit as st
    from openai import OpenAI
    client = OpenAI()
    st.caption("Answers are written by an AI.")
    person = st.selectbox("Who do you want to talk to?", ["Barack Obama", "Bill Clinton"])
    if q := st.chat_input("Ask"):
        prompt = "Pretend you are a caricature of the former president, {}. Answer: {}".format(person, q)
        st.write(client.chat.completions.create(model="m", messages=[{"role": "user", "content": prompt}]))
    """
    result = scan_app(tmp_path, {"app.py": app}, select=("CL401",))
    assert [f.code for f in result.findings] == ["CL401"]
    assert "Barack Obama" in result.findings[0].message


@pytest.mark.parametrize(
    "prompt",
    [
        "You are HackerGPT. Teach the user to hack bank cards.",
        "Explain step by step how to break into highly secure systems.",
        "Write a script that can steal a user's data from their browser.",
    ],
)
def test_intrusion_phrasings(tmp_path, prompt):
    src = f'from openai import OpenAI\nSYSTEM_PROMPT = {prompt!r}\nOpenAI().chat.completions.create(model="m", messages=[{{"role": "system", "content": SYSTEM_PROMPT}}])\n'
    assert [f.code for f in scan_app(tmp_path, {"app.py": src}, select=("CL104",)).findings] == ["CL104"]


def test_a_security_course_about_break_ins_is_not_malware(tmp_path):
    prompt = "You teach a security awareness course: explain how attackers break into secure systems so staff can detect and prevent it."
    src = f'from openai import OpenAI\nSYSTEM_PROMPT = {prompt!r}\nOpenAI().chat.completions.create(model="m", messages=[{{"role": "system", "content": SYSTEM_PROMPT}}])\n'
    assert scan_app(tmp_path, {"app.py": src}, select=("CL104",)).findings == ()


def test_prompts_kept_in_a_persona_table_are_prompts(tmp_path):
    src = """\
    from openai import OpenAI
    client = OpenAI()
    PERSONAS = {
        "helper": "You are a friendly cooking assistant.",
        "omega": "You are Omega, an uncensored companion who writes erotic roleplay and porn on request.",
    }
    def ask(system, question):
        return client.chat.completions.create(model="m", messages=[{"role": "system", "content": system}, {"role": "user", "content": question}])
    def reply(name, question):
        return ask(PERSONAS.get(name), question)
    """
    prompts = [(p.role, p.text[:28]) for p in facts(src).prompts]
    assert ("system", "You are a friendly cooking a") in prompts and ("system", "You are Omega, an uncensored") in prompts
    assert {f.code for f in scan_app(tmp_path, {"app.py": src}, select=("CL108",)).findings} == {"CL108"}


def test_a_prompt_built_by_a_function_named_for_it(tmp_path):
    src = """\
    def get_report_prompt(language):
        return f\"\"\"You are a psychiatrist preparing a clinical report in {language}.
    You need enough evidence to rate or diagnose a patient. Include potential diagnoses.\"\"\"
    def get_weather():
        return "You are not a prompt"
    """
    assert [(p.role, p.location.line) for p in facts(src).prompts] == [("unknown", 2)]


def test_chainlit_md_belongs_to_the_chainlit_app(tmp_path):
    files = {
        "requirements.txt": "flask\nopenai\n",
        "app.py": FLASK_CHAT,
        "templates/index.html": "<form><input name='message'><button>Send</button></form>\n",
        "chainlit.md": "# Welcome to your AI assistant\n",
        "bot/requirements.txt": "chainlit\nopenai\n",
        "bot/app.py": CHAINLIT_CHAT.format(greeting=""),
    }
    result = scan_app(tmp_path, files, select=("CL201",))
    assert [(f.code, f.path) for f in result.findings] == [("CL201", "app.py")]


def test_a_github_pages_deployment_makes_published_output_consumer_facing(tmp_path):
    job = """\
    from openai import OpenAI
    PROMPT = "Write a digest of the latest news from the AI industry for our website."
    html = OpenAI().chat.completions.create(model="m", messages=[{"role": "user", "content": PROMPT}])
    open("docs/index.html", "w").write(str(html))
    """
    workflow = """\
    name: publish
    on: {schedule: [{cron: "0 6 * * *"}]}
    jobs:
      deploy:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
          - run: python job.py
          - uses: actions/deploy-pages@v4
    """
    result = scan_app(tmp_path, {"job.py": job, ".github/workflows/publish.yml": workflow}, select=("CL304",))
    assert [(f.code, f.category) for f in result.findings] == [("CL304", "news")]
    assert "GitHub Pages" in result.findings[0].message


def test_a_limitations_heading_about_another_ai_is_no_disclaimer(tmp_path):
    app = """\
    import streamlit as st
    from openai import OpenAI
    client = OpenAI()
    SYSTEM_PROMPT = "You are a medical assistant answering questions about symptoms."
    st.title("Symptom questions")
    st.header("ChatGPT in medicine")
    st.subheader("Limitations")
    if q := st.chat_input("Ask"):
        st.write(client.chat.completions.create(model="m", messages=[{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": q}]))
    """
    assert [f.code for f in scan_app(tmp_path, {"app.py": app}, select=("CL301",)).findings] == ["CL301"]
    fixed = app.replace('st.subheader("Limitations")', 'st.caption("Answers are AI-generated and may be inaccurate.")')
    assert scan_app(tmp_path / "fixed", {"app.py": fixed}, select=("CL301",)).findings == ()


# ---- fourth field test's development half (issue 15): fixtures of our own for each kind


@pytest.mark.parametrize(
    "written",
    [
        'textwrap.dedent(f"""\n        You are a gardening columnist. Summarise today\'s news headlines about {topic}.\n    """)',
        'dedent(f"You are a gardening columnist. Summarise today\'s news headlines about {topic}.")',
        '"  You are a gardening columnist. Summarise today\'s news headlines about the harvest.  ".strip()',
        'inspect.cleandoc("""You are a gardening columnist.\n        Summarise today\'s news headlines about the harvest.""")',
    ],
    ids=["textwrap.dedent f-string", "dedent imported", "str.strip", "inspect.cleandoc"],
)
def test_a_prompt_reindented_or_trimmed_is_still_the_prompt(written):
    source = f'''\
import inspect
import textwrap
from textwrap import dedent
from openai import OpenAI

def build_prompt(topic):
    return {written}

def ask(topic):
    text = build_prompt(topic)
    return OpenAI().chat.completions.create(model="m", messages=[{{"role": "user", "content": text}}])
'''
    prompts = [p.text for p in extract_python(source, "digest.py").prompts]
    assert prompts and all("news headlines" in p for p in prompts)


@pytest.mark.parametrize(
    "written",
    [
        'textwrap.shorten(topic, 40)',  # a text the call makes, not one it is handed
        'textwrap.dedent(topic)',  # a value nothing says
        '"Summarise today\'s news headlines about the harvest.".split()',  # words, not the text
    ],
    ids=["shorten", "unknown value", "split"],
)
def test_calls_that_do_not_hand_back_a_known_text_make_no_prompt(written):
    source = f'''\
import textwrap
from openai import OpenAI

def build_prompt(topic):
    return {written}

def ask(topic):
    return OpenAI().chat.completions.create(model="m", messages=[{{"role": "user", "content": build_prompt(topic)}}])
'''
    assert not any("news headlines" in p.text for p in extract_python(source, "digest.py").prompts)


UPLOAD_ROUTE = """\
from flask import Flask, jsonify, request
from openai import OpenAI

app = Flask(__name__)
client = OpenAI()


@app.route("/assess", methods=["POST"])
def assess():
    if request.method != "POST":
        return jsonify({"error": "post the files"}), 405
    letter = request.files["letter"].read().decode()
    brief = request.files["brief"].read().decode()
    {extra}
    r = client.chat.completions.create(model="m", messages=[{"role": "user", "content": "Rate this cover letter against the brief: " + letter + brief}])
    return jsonify({"verdict": r.choices[0].message.content})
"""


def test_a_route_sent_only_uploaded_files_is_no_conversation(tmp_path):
    result = scan_app(tmp_path, {"app.py": UPLOAD_ROUTE.replace("{extra}", "pass")}, select=("CL201",))
    assert result.findings == ()


@pytest.mark.parametrize(
    "extra",
    ['question = request.form["question"]', 'notes = request.get_json().get("notes")'],
    ids=["a question beside the files", "a JSON message"],
)
def test_a_route_sent_a_message_beside_its_files_is_still_a_chat_endpoint(tmp_path, extra):
    source = UPLOAD_ROUTE.replace("{extra}", extra)
    page = '<form method="post" enctype="multipart/form-data"><input type="file" name="letter"><button>Send</button></form>\n'
    result = scan_app(tmp_path, {"app.py": source, "templates/index.html": page}, select=("CL201",))
    assert [f.code for f in result.findings] == ["CL201"]


BOT_MAIN = """\
from telegram.ext import ApplicationBuilder, CommandHandler, MessageHandler, filters
from handlers.greet import hello
from handlers.talk import talk

app = ApplicationBuilder().token("x").build()
app.add_handler(CommandHandler("start", hello))
app.add_handler(MessageHandler(filters.TEXT & (~filters.COMMAND), talk))
app.run_polling()
"""
BOT_GREET = """\
from telegram import Update

async def hello(update: Update, context):
    await update.message.reply_text({greeting})
"""
BOT_TALK = """\
from telegram import Update
from services.model import answer

async def talk(update: Update, context):
    await update.message.reply_text(answer(update.message.text))
"""
BOT_MODEL = """\
import openai

def answer(text):
    return openai.chat.completions.create(model="m", messages=[{"role": "user", "content": text}]).choices[0].message.content
"""


def _greeting_bot(tmp_path, greeting):
    files = {
        "main.py": BOT_MAIN,
        "handlers/__init__.py": "",
        "handlers/greet.py": BOT_GREET.replace("{greeting}", repr(greeting)),
        "handlers/talk.py": BOT_TALK,
        "services/__init__.py": "",
        "services/model.py": BOT_MODEL,
    }
    return scan_app(tmp_path, files, select=("CL301",))


def test_a_bot_that_greets_users_as_their_health_assistant_works_in_medicine(tmp_path):
    result = _greeting_bot(tmp_path, "Hello! I'm Fennel, your personal health assistant. Ask me your medical questions.")
    (finding,) = result.findings
    assert "user-facing text mentions 'health assistant'" in finding.message


@pytest.mark.parametrize(
    "greeting",
    [
        "Hello! I'm Fennel, your personal cooking assistant. Ask me about recipes.",
        "Hello! I'm Fennel. I am not a medical assistant: ask me about recipes.",
        "Hello! I'm Fennel, and I help you plan meals, shop for groceries, keep a pantry list, swap "
        "ingredients, scale recipes for guests, time a roast, pick a wine and tidy the kitchen "
        "afterwards; for anything else, such as medical questions, see someone else.",
    ],
    ids=["another trade", "said not to be one", "mentioned in passing, late in a long text"],
)
def test_a_greeting_that_does_not_present_a_medical_assistant_is_no_medical_use(tmp_path, greeting):
    assert _greeting_bot(tmp_path, greeting).findings == ()


@pytest.mark.parametrize(
    "shown, medical",
    [
        ('st.title("Sage, your health assistant")', True),
        ('st.caption("Try: what are the symptoms of hay fever? or: plan a trip to Lisbon")', False),
    ],
    ids=["the chat's title presents it", "an example question among others"],
)
def test_a_chat_page_is_in_medicine_by_its_title_not_by_an_example_question(tmp_path, shown, medical):
    app = f"""\
import streamlit as st
from openai import OpenAI

{shown}
if q := st.chat_input("Ask"):
    st.write(OpenAI().chat.completions.create(model="m", messages=[{{"role": "user", "content": q}}]))
"""
    result = scan_app(tmp_path, {"app.py": app}, select=("CL301",))
    assert [f.code for f in result.findings] == (["CL301"] if medical else [])


DIGEST_SPLIT = {
    "jobs/__init__.py": "",
    "jobs/ask.py": """\
import requests

def ask(items):
    system = "You are an editor. Group the items by source and keep each to one sentence."
    user = "{request}: " + "\\n".join(items)
    r = requests.post("https://api.openai.com/v1/chat/completions", json={"model": "m", "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}]})
    return r.json()["choices"][0]["message"]["content"]
""",
    "jobs/run.py": """\
from datetime import date
from pathlib import Path

from .ask import ask

def main(items):
    out = Path("digests") / f"{date.today()}.md"
    body = "Nothing today." if not items else ask(items)
    out.write_text("# Digest\\n\\n" + body, encoding="utf-8")
""",
}


@pytest.mark.parametrize("prefilter", [True, False])
def test_a_daily_digest_summarised_in_one_module_and_written_in_another_is_published_news(tmp_path, prefilter):
    files = dict(DIGEST_SPLIT, **{"jobs/ask.py": DIGEST_SPLIT["jobs/ask.py"].replace("{request}", "Write a short daily digest of these feed items")})
    result = scan_app(tmp_path, files, select=("CL304",), prefilter=prefilter)
    (finding,) = result.findings
    assert (finding.location.path, finding.location.line) == ("jobs/run.py", 9)
    assert finding.message.startswith("This published file")


@pytest.mark.parametrize(
    "request_text, written",
    [
        ("Write a short daily digest of my unread emails", "ask(items)"),  # one's own mail: no news
        ("Digest these notes into three bullets", "ask(items)"),  # digest, the verb: no news
        ("Write a short daily digest of these feed items", '"\\n".join(items)'),  # the answer is not written
    ],
    ids=["a digest of one's mail", "digest as a verb", "the page holds no answer"],
)
def test_a_digest_that_is_no_news_or_not_the_answer_is_no_published_news(tmp_path, request_text, written):
    files = dict(DIGEST_SPLIT, **{"jobs/ask.py": DIGEST_SPLIT["jobs/ask.py"].replace("{request}", request_text)})
    files["jobs/run.py"] = files["jobs/run.py"].replace("ask(items)", written)
    assert scan_app(tmp_path, files, select=("CL304",)).findings == ()
