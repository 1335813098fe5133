"""Given a Python file, the extractor reports these facts (and nothing for the look-alikes)."""

from textwrap import dedent
from typing import List

import pytest

from complint.extract.python import extract_python
from complint.facts import FileFacts

PATH = "app.py"

# A line ending in this comment is where a fact must be reported (semgrep's `# ruleid:` idea):
# the tests pin the line, so a fact reported one line off fails.
MARK = "# <-"


# --------------------------------------------------------------------------- helpers


def extract(src: str, path: str = PATH) -> FileFacts:
    return extract_python(dedent(src), path)


def marked_lines(src: str) -> List[int]:
    return [n for n, line in enumerate(dedent(src).splitlines(), 1) if MARK in line]


def calls(src: str):
    return list(extract(src).model_calls)


def call_sites(src: str):
    """(line, provider) of every model call, in line order."""
    return sorted((c.location.line, c.provider) for c in calls(src))


def assert_calls_exactly(src: str, provider: str) -> None:
    """The marked lines are the model calls, all from `provider`, and there are no others."""
    expected = [(line, provider) for line in marked_lines(src)]
    assert expected, "test source has no marked line"
    assert call_sites(src) == expected


def assert_calls_include(src: str, provider: str) -> None:
    """Every marked line is a model call from `provider`; other calls may exist but share it."""
    found = calls(src)
    assert {c.provider for c in found} == {provider}, found
    lines = {c.location.line for c in found}
    assert set(marked_lines(src)) <= lines, found


def surfaces(src: str):
    return list(extract(src).chat_surfaces)


def surface_kinds(src: str):
    return {(s.framework, s.kind) for s in surfaces(src)}


def texts(src: str) -> List[str]:
    return [t.text for t in extract(src).user_texts]


def shown(src: str, fragment: str) -> bool:
    """Some user-facing text contains `fragment`."""
    return any(fragment in t for t in texts(src))


def prompts(src: str):
    return list(extract(src).prompts)


def has_prompt(src: str, role: str, fragment: str) -> bool:
    return any(p.role == role and fragment in p.text for p in prompts(src))


# =========================================================================== model calls
# ---------------------------------------------------------------- openai (v0 and v1)

OPENAI_CALLS = {
    "v0-chat-completion": """
        import openai
        openai.api_key = "sk-test"

        def ask(q):
            resp = openai.ChatCompletion.create(  # <-
                model="gpt-3.5-turbo",
                messages=[{"role": "user", "content": q}],
            )
            return resp["choices"][0]["message"]["content"]
    """,
    "v0-completion": """
        import openai

        def complete(text):
            return openai.Completion.create(engine="text-davinci-003", prompt=text)  # <-
    """,
    "v1-client-chat": """
        from openai import OpenAI

        client = OpenAI()
        resp = client.chat.completions.create(model="gpt-4o-mini", messages=[])  # <-
        print(resp.choices[0].message.content)
    """,
    "v1-responses": """
        from openai import OpenAI

        client = OpenAI()
        response = client.responses.create(model="gpt-4.1", input="Tell me a joke")  # <-
        print(response.output_text)
    """,
    "v1-module-level-client": """
        import openai

        reply = openai.chat.completions.create(model="gpt-4o", messages=[])  # <-
    """,
    "async-client-awaited": """
        import asyncio
        from openai import AsyncOpenAI

        client = AsyncOpenAI()

        async def main():
            stream = await client.chat.completions.create(  # <-
                model="gpt-4o", messages=[{"role": "user", "content": "hi"}], stream=True
            )
            async for chunk in stream:
                print(chunk.choices[0].delta.content or "", end="")

        asyncio.run(main())
    """,
    "azure-client": """
        import os
        from openai import AzureOpenAI

        client = AzureOpenAI(
            api_key=os.environ["AZURE_OPENAI_KEY"],
            api_version="2024-02-01",
            azure_endpoint="https://acme.openai.azure.com",
        )
        out = client.chat.completions.create(model="gpt-35-turbo", messages=[])  # <-
    """,
    "module-alias-chained": """
        import openai as oa

        reply = oa.OpenAI().chat.completions.create(model="gpt-4o", messages=[])  # <-
    """,
    "class-alias": """
        from openai import OpenAI as O

        c = O(api_key="sk-test")
        out = c.chat.completions.create(model="gpt-4o", messages=[])  # <-
    """,
    "client-on-self": """
        from openai import OpenAI

        class Assistant:
            def __init__(self, model="gpt-4o"):
                self.client = OpenAI()
                self.model = model

            def reply(self, history):
                r = self.client.chat.completions.create(model=self.model, messages=history)  # <-
                return r.choices[0].message.content
    """,
    "async-client-on-self": """
        from openai import AsyncOpenAI

        class Bot:
            def __init__(self):
                self.client = AsyncOpenAI()

            async def answer(self, text):
                r = await self.client.chat.completions.create(model="gpt-4o", messages=[])  # <-
                return r.choices[0].message.content
    """,
    "factory-chained": """
        from openai import OpenAI

        def get_client():
            return OpenAI()

        def ask(q):
            return get_client().chat.completions.create(model="gpt-4o", messages=[])  # <-
    """,
    "factory-into-variable": """
        from openai import OpenAI

        def get_client() -> OpenAI:
            return OpenAI(timeout=30)

        c = get_client()
        res = c.chat.completions.create(model="gpt-4o", messages=[])  # <-
    """,
    "streamlit-cache-resource-factory": """
        import streamlit as st
        from openai import OpenAI

        @st.cache_resource
        def load_client():
            return OpenAI(api_key=st.secrets["OPENAI_API_KEY"])

        client = load_client()
        if prompt := st.chat_input("Ask"):
            stream = client.chat.completions.create(model="gpt-4o", messages=[], stream=True)  # <-
            st.write_stream(stream)
    """,
}


@pytest.mark.parametrize("src", list(OPENAI_CALLS.values()), ids=list(OPENAI_CALLS))
def test_openai_calls_are_found_at_their_line(src):
    assert_calls_exactly(src, "openai")


def test_openai_call_api_names_the_sdk_method():
    (call,) = calls(OPENAI_CALLS["v1-client-chat"])
    assert "create" in call.api
    (call,) = calls(OPENAI_CALLS["v1-responses"])
    assert "responses" in call.api


def test_openai_call_location_carries_the_path():
    facts = extract(OPENAI_CALLS["v1-client-chat"], path="src/bot/app.py")
    assert [c.location.path for c in facts.model_calls] == ["src/bot/app.py"]


def test_two_calls_on_one_client_are_two_facts():
    src = """
        from openai import OpenAI

        client = OpenAI()
        draft = client.chat.completions.create(model="gpt-4o", messages=[])  # <-
        final = client.chat.completions.create(model="gpt-4o", messages=[])  # <-
    """
    assert_calls_exactly(src, "openai")


# ---------------------------------------------------------------- other SDKs

SDK_CALLS = [
    pytest.param(
        "anthropic",
        """
        import anthropic

        message = anthropic.Anthropic().messages.create(  # <-
            model="claude-3-5-sonnet-latest",
            max_tokens=1024,
            messages=[{"role": "user", "content": "Hello"}],
        )
        """,
        id="anthropic-module",
    ),
    pytest.param(
        "anthropic",
        """
        from anthropic import Anthropic as A

        claude = A()

        def ask(q):
            return claude.messages.create(model="claude-3-haiku", max_tokens=256, messages=[])  # <-
        """,
        id="anthropic-class-alias",
    ),
    pytest.param(
        "empsing",
        """
        import empsing

        client = empsing.Empsing()
        resp = client.chat.completions.create(model="emp-1", messages=[])  # <-
        """,
        id="empsing",
    ),
    pytest.param(
        "google-generativeai",
        """
        import google.generativeai as genai

        genai.configure(api_key="key")
        model = genai.GenerativeModel("gemini-pro")
        response = model.generate_content("Write a haiku about autumn")  # <-
        print(response.text)
        """,
        id="gemini-generate-content",
    ),
    pytest.param(
        "google-generativeai",
        """
        import google.generativeai as genai

        model = genai.GenerativeModel("gemini-pro")
        reply = model.start_chat().send_message("Hello there")  # <-
        """,
        id="gemini-start-chat-send-message",
    ),
    pytest.param(
        "google-genai",
        """
        from google import genai

        client = genai.Client()
        response = client.models.generate_content(model="gemini-2.0-flash", contents="Hi")  # <-
        """,
        id="google-genai-client",
    ),
    pytest.param(
        "cohere",
        """
        import cohere

        key = "k"
        resp = cohere.Client(key).chat(message="Hello", model="command-r")  # <-
        """,
        id="cohere-client",
    ),
    pytest.param(
        "cohere",
        """
        import cohere

        resp = cohere.ClientV2().chat(model="command-r-plus", messages=[])  # <-
        """,
        id="cohere-client-v2",
    ),
    pytest.param(
        "mistralai",
        """
        from mistralai import Mistral

        k = "key"
        res = Mistral(api_key=k).chat.complete(model="mistral-small-latest", messages=[])  # <-
        """,
        id="mistral",
    ),
    pytest.param(
        "litellm",
        """
        import litellm

        r = litellm.completion(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])  # <-
        """,
        id="litellm-module",
    ),
    pytest.param(
        "litellm",
        """
        from litellm import completion

        def ask(q):
            return completion(model="claude-3-haiku", messages=[])  # <-
        """,
        id="litellm-imported-function",
    ),
    pytest.param(
        "langchain",
        """
        from langchain_openai import ChatOpenAI

        llm = ChatOpenAI(model="gpt-4o-mini")
        answer = llm.invoke("What is retrieval-augmented generation?")  # <-
        """,
        id="langchain-chat-model-invoke",
    ),
    pytest.param(
        "langchain",
        """
        from langchain_core.output_parsers import StrOutputParser
        from langchain_core.prompts import ChatPromptTemplate
        from langchain_openai import ChatOpenAI

        prompt = ChatPromptTemplate.from_template("Tell me about {topic}")
        llm = ChatOpenAI()
        chain = prompt | llm | StrOutputParser()
        result = chain.invoke({"topic": "bears"})  # <-
        """,
        id="langchain-lcel-chain-invoke",
    ),
    pytest.param(
        "langchain",
        """
        from langchain.chains import LLMChain
        from langchain.prompts import PromptTemplate
        from langchain_openai import OpenAI

        llm = OpenAI(temperature=0)
        p = PromptTemplate.from_template("Summarise: {text}")
        doc = open("notes.txt").read()
        summary = LLMChain(llm=llm, prompt=p).run(text=doc)  # <-
        """,
        id="langchain-llmchain-run-with-langchain-OpenAI",
    ),
    pytest.param(
        "ollama",
        """
        import ollama

        response = ollama.chat(model="llama3", messages=[{"role": "user", "content": "hi"}])  # <-
        """,
        id="ollama-chat",
    ),
    pytest.param(
        "ollama",
        """
        import ollama

        out = ollama.Client().generate(model="llama3", prompt="Why is the sky blue?")  # <-
        """,
        id="ollama-client-generate",
    ),
    pytest.param(
        "groq",
        """
        from groq import Groq

        client = Groq()
        chat = client.chat.completions.create(model="llama3-8b-8192", messages=[])  # <-
        """,
        id="groq",
    ),
    pytest.param(
        "huggingface-hub",
        """
        from huggingface_hub import InferenceClient

        client = InferenceClient(model="HuggingFaceH4/zephyr-7b-beta")
        text = client.text_generation("The answer to life is")  # <-
        """,
        id="huggingface-hub-inference-client",
    ),
]


@pytest.mark.parametrize("provider, src", SDK_CALLS)
def test_sdk_calls_are_found_at_their_line(provider, src):
    assert_calls_exactly(src, provider)


def test_langchain_invoke_api_mentions_invoke():
    src = """
        from langchain_openai import ChatOpenAI

        answer = ChatOpenAI().invoke("hello")
    """
    (call,) = calls(src)
    assert "invoke" in call.api


LLAMA_INDEX_CALLS = {
    "query-engine": """
        from llama_index.core import SimpleDirectoryReader, VectorStoreIndex

        docs = SimpleDirectoryReader("data").load_data()
        index = VectorStoreIndex.from_documents(docs)
        response = index.as_query_engine().query("What did the author do?")  # <-
    """,
    "chat-engine": """
        from llama_index.core import VectorStoreIndex

        def reply(docs, msg):
            index = VectorStoreIndex.from_documents(docs)
            return index.as_chat_engine().chat(msg)  # <-
    """,
}


@pytest.mark.parametrize("src", list(LLAMA_INDEX_CALLS.values()), ids=list(LLAMA_INDEX_CALLS))
def test_llama_index_queries_are_model_calls(src):
    # Building the index embeds documents, so a call there too is acceptable.
    assert_calls_include(src, "llama-index")


@pytest.mark.parametrize(
    "src",
    [
        """
        from transformers import pipeline

        pipe = pipeline("text-generation", model="gpt2")
        out = pipe("Once upon a time", max_new_tokens=20)
        """,
        """
        from transformers import pipeline

        generator = pipeline(task="text-generation", model="gpt2")
        print(generator("Hello, I'm a language model,")[0]["generated_text"])
        """,
    ],
    ids=["positional-task", "task-keyword"],
)
def test_transformers_text_generation_pipeline_is_a_model_call(src):
    assert "transformers" in {c.provider for c in calls(src)}


# ---------------------------------------------------------------- HTTP requests to model endpoints

HTTP_CALLS = {
    "requests-openai-chat-completions": """
        import os
        import requests

        def ask(q):
            r = requests.post(  # <-
                "https://api.openai.com/v1/chat/completions",
                headers={"Authorization": f"Bearer {os.environ['OPENAI_API_KEY']}"},
                json={"model": "gpt-4o", "messages": [{"role": "user", "content": q}]},
            )
            return r.json()["choices"][0]["message"]["content"]
    """,
    "httpx-anthropic-messages-fstring": """
        import httpx

        BASE = "https://api.anthropic.com"

        def ask(q):
            r = httpx.post(f"{BASE}/v1/messages", json={"model": "claude-3-haiku"})  # <-
            return r.json()
    """,
    "aiohttp-azure-openai-constant-url": """
        import aiohttp

        AZURE_URL = "https://acme.openai.azure.com/openai/deployments/gpt4/chat/completions"

        async def ask(q):
            async with aiohttp.ClientSession() as session:
                async with session.post(AZURE_URL, json={"messages": []}) as resp:  # <-
                    return await resp.json()
    """,
    "requests-huggingface-inference": """
        import requests

        headers = {"Authorization": "Bearer hf_xxx"}

        def query(payload):
            r = requests.post(  # <-
                "https://api-inference.huggingface.co/models/gpt2", headers=headers, json=payload
            )
            return r.json()
    """,
    "requests-ollama-generate": """
        import requests

        def generate(p):
            r = requests.post("http://localhost:11434/api/generate", json={"model": "llama3", "prompt": p})  # <-
            return r.json()["response"]
    """,
}


@pytest.mark.parametrize("src", list(HTTP_CALLS.values()), ids=list(HTTP_CALLS))
def test_http_requests_to_model_endpoints_are_model_calls(src):
    assert_calls_exactly(src, "http")


# ---------------------------------------------------------------- clients we cannot resolve


def test_client_passed_as_parameter_is_openai_compatible():
    src = """
        def ask(client, q):
            return client.chat.completions.create(  # <-
                model="x", messages=[{"role": "user", "content": q}]
            )
    """
    assert_calls_exactly(src, "openai-compatible")


def test_client_from_a_project_module_is_openai_compatible():
    src = """
        from .clients import llm

        def ask(q):
            return llm.chat.completions.create(model="local", messages=[])  # <-
    """
    assert_calls_exactly(src, "openai-compatible")


def test_twilio_sms_beside_an_openai_call_is_not_a_model_call():
    src = """
        from openai import OpenAI
        from twilio.rest import Client

        client = OpenAI()
        twilio_client = Client("sid", "token")

        def notify(number, text):
            answer = client.chat.completions.create(model="gpt-4o", messages=[])  # <-
            twilio_client.messages.create(body=answer, to=number, from_="+15550100")
    """
    assert_calls_exactly(src, "openai")


# ---------------------------------------------------------------- look-alikes that are not model calls

NOT_MODEL_CALLS = {
    "comment-mentions-call": """
        import json

        # we call openai.ChatCompletion.create here
        def handler(event):
            return json.dumps(event)
    """,
    "docstring-mentions-call": '''
        def ask(q):
            """Wraps client.chat.completions.create(model=..., messages=...)."""
            return q
    ''',
    "string-mentions-call": """
        HELP = "Call client.chat.completions.create(model='gpt-4o') to get an answer."
        print(HELP)
    """,
    "endpoint-url-never-requested": """
        DOCS_URL = "https://api.openai.com/v1/chat/completions"
        print("See", DOCS_URL)
    """,
    "local-function-named-completion": """
        def completion(prefix, words):
            return [w for w in words if w.startswith(prefix)]

        print(completion("ap", ["apple", "banana"]))
    """,
    "import-openai-alone": """
        import openai
    """,
    "twilio-client-as-parameter": """
        def send_sms(twilio_client, n, m):
            twilio_client.messages.create(body="hi", to=n, from_=m)
    """,
    "twilio-client-resolved": """
        from twilio.rest import Client

        twilio_client = Client("sid", "token")
        twilio_client.messages.create(body="Your code is 1234", to="+15550101", from_="+15550100")
    """,
    "stripe-create": """
        import stripe

        customer = stripe.Customer.create(email="a@example.com")
    """,
    "django-orm-create": """
        from .models import ChatMessage

        def save(conversation, text):
            return ChatMessage.objects.create(conversation=conversation, role="user", content=text)
    """,
    "requests-post-non-model-url": """
        import requests

        requests.post("https://example.com/api/users", json={"name": "Ada"})
    """,
    "requests-get-non-model-url": """
        import requests

        repo = requests.get("https://api.github.com/repos/psf/requests").json()
    """,
    "slack-webhook-post": """
        import requests

        requests.post("https://hooks.slack.com/services/T000/B000/XXX", json={"text": "deployed"})
    """,
    "flask-route-string-not-requested": """
        from flask import Flask, jsonify

        app = Flask(__name__)

        @app.route("/api/chat")
        def chat():
            return jsonify(messages=[])
    """,
    "transformers-sentiment-pipeline": """
        from transformers import pipeline

        classifier = pipeline("sentiment-analysis")
        print(classifier("I love this!"))
    """,
}


@pytest.mark.parametrize("src", list(NOT_MODEL_CALLS.values()), ids=list(NOT_MODEL_CALLS))
def test_look_alikes_are_not_model_calls(src):
    assert calls(src) == []


# =========================================================================== model imports

MODEL_IMPORTS = [
    ("import openai", "openai"),
    ("from anthropic import Anthropic", "anthropic"),
    ("import openai as oa", "openai"),
    ("import empsing", "empsing"),
    ("import google.generativeai as genai", "google-generativeai"),
    ("from google import genai", "google-genai"),
    ("import cohere", "cohere"),
    ("from mistralai import Mistral", "mistralai"),
    ("import litellm", "litellm"),
    ("from langchain_openai import ChatOpenAI", "langchain"),
    ("from llama_index.core import VectorStoreIndex", "llama-index"),
    ("import ollama", "ollama"),
    ("from groq import Groq", "groq"),
]


@pytest.mark.parametrize("line, provider", MODEL_IMPORTS)
def test_model_sdk_import_gives_one_model_import(line, provider):
    facts = extract(line + "\n")
    assert [(i.provider, i.location.line) for i in facts.model_imports] == [(provider, 1)]
    assert facts.model_imports[0].module
    assert list(facts.model_calls) == []


@pytest.mark.parametrize(
    "line",
    ["import streamlit", "import requests", "from google.cloud import storage", "import os, json"],
)
def test_other_imports_are_not_model_imports(line):
    assert list(extract(line + "\n").model_imports) == []


def test_import_inside_a_function_is_still_a_model_import():
    src = """
        def ask(q):
            import anthropic
            return q
    """
    assert [i.provider for i in extract(src).model_imports] == ["anthropic"]


# =========================================================================== chat surfaces

CHAT_SURFACES = {
    "streamlit-chat-input": (
        ("streamlit", "chat-ui"),
        """
        import streamlit as st

        if prompt := st.chat_input("Say something"):
            st.write(prompt)
        """,
    ),
    "streamlit-chat-message-alias": (
        ("streamlit", "chat-ui"),
        """
        import streamlit as s

        for m in s.session_state.get("messages", []):
            with s.chat_message(m["role"]):
                s.markdown(m["content"])
        """,
    ),
    "gradio-chat-interface": (
        ("gradio", "chat-ui"),
        """
        import gradio as gr

        def respond(message, history):
            return "echo: " + message

        gr.ChatInterface(respond).launch()
        """,
    ),
    "gradio-chatbot-in-blocks": (
        ("gradio", "chat-ui"),
        """
        import gradio as gr

        with gr.Blocks() as demo:
            chatbot = gr.Chatbot()
            msg = gr.Textbox()
        demo.launch()
        """,
    ),
    "chainlit-on-message": (
        ("chainlit", "chat-ui"),
        """
        import chainlit as cl

        @cl.on_message
        async def main(message: cl.Message):
            await cl.Message(content=f"Received: {message.content}").send()
        """,
    ),
    "discord-client-on-message": (
        ("discord", "messaging-bot"),
        """
        import discord

        intents = discord.Intents.default()
        intents.message_content = True
        client = discord.Client(intents=intents)

        @client.event
        async def on_message(message):
            if message.author == client.user:
                return
            await message.channel.send("Hello! I'm an AI bot.")

        client.run("token")
        """,
    ),
    "discord-bot-command": (
        ("discord", "messaging-bot"),
        """
        import discord
        from discord.ext import commands

        bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())

        @bot.command()
        async def ask(ctx, *, question: str):
            await ctx.send("Thinking about: " + question)

        bot.run("token")
        """,
    ),
    "telegram-message-handler": (
        ("telegram", "messaging-bot"),
        """
        from telegram import Update
        from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

        async def handle(update: Update, context: ContextTypes.DEFAULT_TYPE):
            await update.message.reply_text("I'm an AI assistant; I got: " + update.message.text)

        app = ApplicationBuilder().token("token").build()
        app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, handle))
        app.run_polling()
        """,
    ),
    "telegram-command-handler": (
        ("telegram", "messaging-bot"),
        """
        from telegram.ext import ApplicationBuilder, CommandHandler

        async def start(update, context):
            await update.message.reply_text("Hi! I'm a bot.")

        app = ApplicationBuilder().token("token").build()
        app.add_handler(CommandHandler("start", start))
        app.run_polling()
        """,
    ),
    "slack-bolt-message": (
        ("slack", "messaging-bot"),
        """
        import os
        from slack_bolt import App

        app = App(token=os.environ["SLACK_BOT_TOKEN"], signing_secret=os.environ["SLACK_SIGNING_SECRET"])

        @app.message("hello")
        def hello(message, say):
            say(f"Hey there <@{message['user']}>! I'm an AI helper.")

        app.start(port=3000)
        """,
    ),
    "slack-bolt-app-mention": (
        ("slack", "messaging-bot"),
        """
        from slack_bolt import App

        app = App(token="xoxb-token")

        @app.event("app_mention")
        def mentioned(event, say):
            say("You rang?")
        """,
    ),
    "slack-bolt-listener-registered-by-call": (
        ("slack", "messaging-bot"),
        """
        from slack_bolt.async_app import AsyncApp
        from .listeners.answer import answer_in_thread

        def register(app: AsyncApp):
            app.message()(answer_in_thread)
        """,
    ),
    "slack-bolt-event-registered-by-call-on-a-resolved-app": (
        ("slack", "messaging-bot"),
        """
        from slack_bolt import App

        app = App(token="xoxb-token")

        def mentioned(event, say):
            say("You rang?")

        app.event("app_mention")(mentioned)
        """,
    ),
    "telegram-handler-registered-by-call": (
        ("telegram", "messaging-bot"),
        """
        from aiogram import Dispatcher
        from handlers import on_text

        def setup(dp: Dispatcher):
            dp.message()(on_text)
        """,
    ),
    "twilio-messaging-response": (
        ("twilio", "messaging-bot"),
        """
        from flask import Flask, request
        from openai import OpenAI
        from twilio.twiml.messaging_response import MessagingResponse

        app = Flask(__name__)
        client = OpenAI()

        @app.route("/sms", methods=["POST"])
        def sms_reply():
            body = request.form["Body"]
            r = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": body}])
            resp = MessagingResponse()
            resp.message(r.choices[0].message.content)
            return str(resp)
        """,
    ),
    "flask-route-calls-model-directly": (
        ("flask", "web-route"),
        """
        from flask import Flask, jsonify, request
        from openai import OpenAI

        app = Flask(__name__)
        client = OpenAI()

        @app.route("/chat", methods=["POST"])
        def chat():
            data = request.json
            r = client.chat.completions.create(
                model="gpt-4o", messages=[{"role": "user", "content": data["message"]}]
            )
            return jsonify(reply=r.choices[0].message.content)
        """,
    ),
    "flask-route-calls-model-through-helper": (
        ("flask", "web-route"),
        """
        import openai
        from flask import Flask, jsonify, request

        app = Flask(__name__)

        def generate_reply(text):
            r = openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[{"role": "user", "content": text}])
            return r["choices"][0]["message"]["content"]

        @app.route("/chat", methods=["POST"])
        def chat():
            data = request.json
            return jsonify(reply=generate_reply(data["message"]))
        """,
    ),
    "fastapi-post-with-pydantic-body": (
        ("fastapi", "web-route"),
        """
        from anthropic import AsyncAnthropic
        from fastapi import FastAPI
        from pydantic import BaseModel

        app = FastAPI()
        client = AsyncAnthropic()

        class ChatRequest(BaseModel):
            message: str

        @app.post("/chat")
        async def chat(req: ChatRequest):
            msg = await client.messages.create(
                model="claude-3-5-sonnet-latest",
                max_tokens=512,
                messages=[{"role": "user", "content": req.message}],
            )
            return {"reply": msg.content[0].text}
        """,
    ),
    "console-input-loop-through-helper": (
        ("console", "console-loop"),
        """
        from openai import OpenAI

        client = OpenAI()

        def ask(q):
            r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": q}])
            return r.choices[0].message.content

        while True:
            q = input("> ")
            print(ask(q))
        """,
    ),
    "console-input-loop-inline-in-main": (
        ("console", "console-loop"),
        """
        import anthropic

        def main():
            client = anthropic.Anthropic()
            history = []
            while True:
                q = input("You: ")
                if q in ("quit", "exit"):
                    break
                history.append({"role": "user", "content": q})
                msg = client.messages.create(model="claude-3-haiku", max_tokens=300, messages=history)
                print("Claude:", msg.content[0].text)

        if __name__ == "__main__":
            main()
        """,
    ),
}


@pytest.mark.parametrize(
    "expected, src", list(CHAT_SURFACES.values()), ids=list(CHAT_SURFACES)
)
def test_chat_surfaces_are_found(expected, src):
    assert expected in surface_kinds(src)


def test_chat_surface_carries_path_line_and_detail():
    src = CHAT_SURFACES["streamlit-chat-input"][1]
    (surface,) = [s for s in surfaces(src) if s.framework == "streamlit"]
    assert surface.location.path == PATH
    assert surface.location.line >= 1
    assert surface.detail


def test_only_the_route_that_reaches_a_model_is_a_web_route():
    src = """
        from flask import Flask, jsonify, request
        from openai import OpenAI

        app = Flask(__name__)
        client = OpenAI()

        @app.route("/health")
        def health():
            return jsonify(status="ok")

        @app.route("/chat", methods=["POST"])
        def chat():
            r = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": request.json["q"]}])
            return jsonify(reply=r.choices[0].message.content)

        @app.route("/users/<int:uid>")
        def user(uid):
            return jsonify(id=uid)
    """
    assert [s.kind for s in surfaces(src) if s.framework == "flask"] == ["web-route"]


def test_only_the_fastapi_endpoint_that_reaches_a_model_is_a_web_route():
    src = """
        from fastapi import FastAPI
        from openai import AsyncOpenAI
        from pydantic import BaseModel

        app = FastAPI()
        client = AsyncOpenAI()

        class Question(BaseModel):
            text: str

        @app.get("/health")
        async def health():
            return {"ok": True}

        @app.post("/ask")
        async def ask(q: Question):
            r = await client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q.text}])
            return {"answer": r.choices[0].message.content}
    """
    assert [s.kind for s in surfaces(src) if s.framework == "fastapi"] == ["web-route"]


NOT_CHAT_SURFACES = {
    "flask-route-without-model": """
        from flask import Flask, jsonify, request

        app = Flask(__name__)

        @app.route("/health")
        def health():
            return jsonify(status="ok")

        @app.route("/echo", methods=["POST"])
        def echo():
            return jsonify(request.json)
    """,
    "cli-menu-loop-without-model": """
        items = []

        while True:
            choice = input("1) add  2) list  3) quit: ")
            if choice == "1":
                items.append(input("Item: "))
            elif choice == "2":
                print("\\n".join(items))
            else:
                break
    """,
    "cli-menu-loop-beside-a-batch-model-call": """
        import sys
        from openai import OpenAI

        client = OpenAI()

        def summarise(text):
            r = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": text}])
            return r.choices[0].message.content

        def batch():
            for path in sys.argv[1:]:
                print(summarise(open(path).read()))

        while True:
            cmd = input("command (batch/quit): ")
            if cmd == "quit":
                break
            print("unknown command", cmd)
    """,
    "gradio-interface-is-not-chat": """
        import gradio as gr
        from openai import OpenAI

        client = OpenAI()

        def summarise(text):
            r = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": text}])
            return r.choices[0].message.content

        gr.Interface(summarise, "text", "text").launch()
    """,
    "chat-input-only-in-string-and-comment": """
        import streamlit as st

        # TODO: switch this to st.chat_input once we upgrade
        HELP = "Newer apps use st.chat_input and st.chat_message"
        question = st.text_input("Question")
        st.write(HELP)
    """,
    "on-message-without-discord": """
        import paho.mqtt.client as mqtt

        def on_message(client, userdata, msg):
            print(msg.topic, msg.payload)

        client = mqtt.Client()
        client.on_message = on_message
        client.connect("broker.local")
        client.loop_forever()
    """,
    "a decorator applied as a call outside a messaging app": """
        import functools
        from events import bus

        def on_message(payload):
            return payload

        bus.message()(on_message)
        functools.lru_cache()(on_message)
    """,
    "a slack message built by a call, not a handler registered": """
        from slack_sdk import WebClient

        client = WebClient(token="xoxb-token")
        client.chat_postMessage(channel="#general", text="Deployed")
    """,
}


@pytest.mark.parametrize("src", list(NOT_CHAT_SURFACES.values()), ids=list(NOT_CHAT_SURFACES))
def test_look_alikes_are_not_chat_surfaces(src):
    assert surfaces(src) == []


# =========================================================================== user-facing text
# ---------------------------------------------------------------- streamlit

STREAMLIT_TEXTS = [
    ('st.title("Acme Support Bot")', "Acme Support Bot"),
    ('st.markdown("**Ask** our assistant anything")', "our assistant anything"),
    ('st.caption("Answers are generated by AI")', "Answers are generated by AI"),
    ('st.write("Welcome to the help desk")', "Welcome to the help desk"),
    ('st.info("This assistant is an AI")', "This assistant is an AI"),
    ('st.sidebar.caption("Powered by a large language model")', "Powered by a large language model"),
    ('prompt = st.chat_input("Ask me anything")', "Ask me anything"),
    ('st.set_page_config(page_title="Acme AI Helper")', "Acme AI Helper"),
]


@pytest.mark.parametrize("call, text", STREAMLIT_TEXTS)
def test_streamlit_ui_strings_are_user_facing(call, text):
    facts = extract(f"import streamlit as st\n{call}\n")
    found = [t for t in facts.user_texts if text in t.text]
    assert found, facts.user_texts
    assert found[0].location.line == 2
    assert found[0].channel


def test_text_inside_assistant_chat_message_is_user_facing():
    src = """
        import streamlit as st

        with st.chat_message("assistant"):
            st.markdown("Hello, I'm a virtual assistant powered by AI.")
    """
    assert shown(src, "Hello, I'm a virtual assistant powered by AI.")


def test_assistant_greeting_in_chat_history_is_user_facing():
    src = """
        import streamlit as st

        if "messages" not in st.session_state:
            st.session_state.messages = [{"role": "assistant", "content": "Hi! I'm an AI assistant."}]
    """
    assert shown(src, "Hi! I'm an AI assistant.")


# ---------------------------------------------------------------- gradio and chainlit


def test_gradio_chat_interface_title_and_description_are_user_facing():
    src = """
        import gradio as gr

        def respond(message, history):
            return message

        demo = gr.ChatInterface(
            respond,
            title="Acme Helper",
            description="You are chatting with an AI model.",
        )
    """
    assert shown(src, "Acme Helper")
    assert shown(src, "You are chatting with an AI model.")


@pytest.mark.parametrize(
    "call, text",
    [
        ('gr.Markdown("# Acme support, answered by AI")', "Acme support, answered by AI"),
        ('gr.Chatbot(placeholder="Ask the AI anything")', "Ask the AI anything"),
    ],
)
def test_gradio_components_show_their_text(call, text):
    src = f"import gradio as gr\n\nwith gr.Blocks() as demo:\n    c = {call}\n"
    assert shown(src, text)


def test_chainlit_message_content_is_user_facing():
    src = """
        import chainlit as cl

        @cl.on_chat_start
        async def start():
            await cl.Message(content="I'm an AI assistant, how can I help?").send()
    """
    assert shown(src, "I'm an AI assistant, how can I help?")


# ---------------------------------------------------------------- bot replies and the console


@pytest.mark.parametrize(
    "surface, text",
    [
        ("discord-client-on-message", "Hello! I'm an AI bot."),
        ("telegram-command-handler", "Hi! I'm a bot."),
        ("slack-bolt-app-mention", "You rang?"),
    ],
)
def test_bot_replies_are_user_facing(surface, text):
    assert shown(CHAT_SURFACES[surface][1], text)


def test_console_chatbot_prints_and_prompts_are_user_facing():
    src = """
        from openai import OpenAI

        client = OpenAI()
        print("Welcome! You are talking to an AI. Type 'quit' to exit.")
        while True:
            q = input("You: ")
            if q == "quit":
                break
            r = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])
            print(r.choices[0].message.content)
    """
    assert shown(src, "You are talking to an AI.")
    assert shown(src, "You:")


# ---------------------------------------------------------------- how the text is assembled


def test_fstring_keeps_its_literal_parts():
    src = """
        import streamlit as st

        name = st.session_state.get("name", "friend")
        st.caption(f"Hi {name}, you are chatting with an AI assistant.")
    """
    joined = [t for t in texts(src) if "you are chatting with an AI assistant." in t]
    assert joined and "Hi " in joined[0]


def test_module_constant_shown_later_is_user_facing():
    src = """
        import streamlit as st

        DISCLOSURE = "Answers are generated by AI and may be inaccurate."

        st.title("Acme helper")
        st.caption(DISCLOSURE)
    """
    assert shown(src, "Answers are generated by AI and may be inaccurate.")


@pytest.mark.parametrize(
    "expr",
    ['"You are talking to " + "an AI"', '"You are talking to " "an AI"'],
    ids=["plus", "implicit"],
)
def test_concatenated_strings_are_joined(expr):
    src = f"import streamlit as st\nst.markdown({expr})\n"
    assert shown(src, "You are talking to an AI")


# ---------------------------------------------------------------- what users never see


@pytest.mark.parametrize(
    "system_message",
    [
        '{"role": "system", "content": "You are an AI assistant for Acme."}',
        '{"role": "system", "content": SYSTEM_PROMPT}',
    ],
    ids=["literal", "constant"],
)
def test_system_prompt_is_not_user_facing(system_message):
    src = f"""
import streamlit as st
from openai import OpenAI

SYSTEM_PROMPT = "You are an AI assistant for Acme."
client = OpenAI()
st.title("Acme")
if q := st.chat_input("Ask"):
    r = client.chat.completions.create(
        model="gpt-4o",
        messages=[{system_message}, {{"role": "user", "content": q}}],
    )
    st.markdown(r.choices[0].message.content)
"""
    assert shown(src, "Acme")
    assert not shown(src, "You are an AI assistant")


def test_comments_and_docstrings_are_not_user_facing():
    src = '''
        """Streamlit front end: an AI assistant for Acme."""
        import streamlit as st

        # Tell users this is an AI assistant somewhere.
        def header():
            """Render the header of the AI assistant."""
            st.title("Acme")

        header()
    '''
    assert shown(src, "Acme")
    assert not shown(src, "AI assistant")


def test_log_messages_are_not_user_facing():
    src = """
        import logging
        import streamlit as st

        logger = logging.getLogger(__name__)
        logger.info("AI ready")
        logging.warning("AI model slow")
        st.title("Acme")
    """
    assert not shown(src, "AI ready")
    assert not shown(src, "AI model slow")


def test_string_only_sent_to_the_model_is_not_user_facing():
    src = """
        from openai import OpenAI

        client = OpenAI()

        def summarise(ticket):
            r = client.chat.completions.create(
                model="gpt-4o",
                messages=[{"role": "user", "content": "Summarise the following ticket: " + ticket}],
            )
            return r.choices[0].message.content
    """
    assert not shown(src, "Summarise the following ticket")
    assert not shown(src, "gpt-4o")


# =========================================================================== prompts

PROMPTS = {
    "system-role-dict": (
        "system",
        "You are a support agent for Acme.",
        """
        from openai import OpenAI

        client = OpenAI()
        r = client.chat.completions.create(
            model="gpt-4o",
            messages=[
                {"role": "system", "content": "You are a support agent for Acme."},  # <-
                {"role": "user", "content": "hello"},
            ],
        )
        """,
    ),
    "anthropic-system-kwarg": (
        "system",
        "You are a concise assistant for Acme support.",
        """
        import anthropic

        client = anthropic.Anthropic()
        msg = client.messages.create(
            model="claude-3-5-sonnet-latest",
            max_tokens=500,
            system="You are a concise assistant for Acme support.",
            messages=[{"role": "user", "content": "hi"}],
        )
        """,
    ),
    "langchain-system-message": (
        "system",
        "You translate English to French.",
        """
        from langchain_core.messages import HumanMessage, SystemMessage
        from langchain_openai import ChatOpenAI

        llm = ChatOpenAI()

        def translate(text):
            msgs = [SystemMessage(content="You translate English to French."), HumanMessage(content=text)]
            return llm.invoke(msgs).content
        """,
    ),
    "gemini-system-instruction": (
        "system",
        "You are a cat. Your name is Neko.",
        """
        import google.generativeai as genai

        model = genai.GenerativeModel("gemini-1.5-flash", system_instruction="You are a cat. Your name is Neko.")
        response = model.generate_content("Good morning! How are you?")
        """,
    ),
    "user-role-dict": (
        "user",
        "Summarise the following release notes",
        """
        from openai import OpenAI

        client = OpenAI()
        notes = open("CHANGELOG.md").read()
        r = client.chat.completions.create(
            model="gpt-4o",
            messages=[{"role": "user", "content": "Summarise the following release notes"}, {"role": "user", "content": notes}],
        )
        """,
    ),
    "user-role-fstring": (
        "user",
        "Summarise this ticket:",
        """
        from openai import OpenAI

        client = OpenAI()

        def summarise(ticket):
            return client.chat.completions.create(
                model="gpt-4o", messages=[{"role": "user", "content": f"Summarise this ticket: {ticket}"}]
            )
        """,
    ),
    "system-prompt-constant": (
        "system",
        "You are a helpful AI",
        """
        from openai import OpenAI

        SYSTEM_PROMPT = "You are a helpful AI that answers questions about Acme products."
        client = OpenAI()

        def ask(q):
            return client.chat.completions.create(
                model="gpt-4o",
                messages=[{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": q}],
            )
        """,
    ),
}


@pytest.mark.parametrize("role, text, src", list(PROMPTS.values()), ids=list(PROMPTS))
def test_prompts_are_found_with_their_role(role, text, src):
    assert has_prompt(src, role, text), prompts(src)


def test_prompt_location_is_in_the_file():
    role, text, src = PROMPTS["system-role-dict"]
    found = [p for p in prompts(src) if text in p.text]
    assert found and found[0].location.path == PATH
    assert found[0].location.line == marked_lines(src)[0]  # where the text is, not the call


def test_ui_text_is_not_a_prompt():
    src = """
        import streamlit as st

        st.title("You are chatting with Acme's assistant")
        st.caption("Ask anything about your order.")
    """
    assert prompts(src) == []


def test_prompt_in_a_comment_is_not_a_prompt():
    src = """
        # messages=[{"role": "system", "content": "You are a pirate"}]
        def noop():
            return None
    """
    assert prompts(src) == []


def test_assistant_greeting_is_not_a_system_prompt():
    src = """
        import streamlit as st

        st.session_state.messages = [{"role": "assistant", "content": "Hi! I'm an AI assistant."}]
    """
    assert not has_prompt(src, "system", "Hi! I'm an AI assistant.")


# =========================================================================== bad and empty input


@pytest.mark.parametrize(
    "source",
    [
        "def f(:\n",
        'print "hello"\n',
        'x = "unterminated\n',
        "def f():\nreturn 1\n",
    ],
    ids=["bad-signature", "python2-print", "unterminated-string", "bad-indent"],
)
def test_syntax_error_becomes_a_file_problem(source):
    facts = extract_python(source, "bad.py")
    assert isinstance(facts, FileFacts)
    assert len(facts.problems) == 1
    problem = facts.problems[0]
    assert problem.path == "bad.py"
    assert "syntax" in problem.message.lower()
    assert problem.line >= 1
    assert not (facts.model_calls or facts.chat_surfaces or facts.user_texts or facts.prompts)


def test_syntax_error_problem_points_at_the_bad_line():
    facts = extract_python("import openai\n\nx = 1\ndef f(:\n    pass\n", "bad.py")
    (problem,) = facts.problems
    assert problem.line == 4


@pytest.mark.parametrize("source", ["", "\n\n", "# just a comment\n"], ids=["empty", "blank", "comment"])
def test_empty_source_gives_no_facts_and_no_problems(source):
    facts = extract_python(source, "empty.py")
    assert facts.path == "empty.py"
    assert facts.language == "python"
    assert not (
        facts.model_calls
        or facts.model_imports
        or facts.chat_surfaces
        or facts.user_texts
        or facts.prompts
        or facts.problems
    )


# =========================================================================== a whole app

STREAMLIT_CHATBOT = """
    import streamlit as st
    from openai import OpenAI

    SYSTEM_PROMPT = "You are Acme's friendly support assistant."

    st.set_page_config(page_title="Acme Support")
    st.title("Acme Support")
    st.caption("You are chatting with an AI. Answers may be inaccurate.")

    client = OpenAI(api_key=st.secrets["OPENAI_API_KEY"])

    if "messages" not in st.session_state:
        st.session_state.messages = [{"role": "assistant", "content": "Hi! How can I help?"}]

    for m in st.session_state.messages:
        with st.chat_message(m["role"]):
            st.markdown(m["content"])

    if prompt := st.chat_input("Type your question"):
        st.session_state.messages.append({"role": "user", "content": prompt})
        response = client.chat.completions.create(  # <-
            model="gpt-4o-mini",
            messages=[{"role": "system", "content": SYSTEM_PROMPT}] + st.session_state.messages,
        )
        answer = response.choices[0].message.content
        st.session_state.messages.append({"role": "assistant", "content": answer})
        with st.chat_message("assistant"):
            st.markdown(answer)
"""


def test_streamlit_chatbot_gives_every_kind_of_fact():
    facts = extract(STREAMLIT_CHATBOT)
    assert call_sites(STREAMLIT_CHATBOT) == [(line, "openai") for line in marked_lines(STREAMLIT_CHATBOT)]
    assert [i.provider for i in facts.model_imports] == ["openai"]
    assert {(s.framework, s.kind) for s in facts.chat_surfaces} == {("streamlit", "chat-ui")}
    assert shown(STREAMLIT_CHATBOT, "You are chatting with an AI.")
    assert shown(STREAMLIT_CHATBOT, "Type your question")
    assert shown(STREAMLIT_CHATBOT, "Hi! How can I help?")
    assert has_prompt(STREAMLIT_CHATBOT, "system", "You are Acme's friendly support assistant.")
    assert not shown(STREAMLIT_CHATBOT, "friendly support assistant")
    assert not facts.problems


def test_facts_survive_the_cache_round_trip():
    # The cache stores facts as JSON: every field must be a tuple so the rebuilt facts are equal.
    facts = extract(STREAMLIT_CHATBOT)
    assert FileFacts.from_dict(facts.to_dict()) == facts


# ---------------------------------------------------------------- prompts appended to with +=


def _prompt_texts(src):
    return [(p.location.line, p.text) for p in extract_python(dedent(src), PATH).prompts]


def test_a_prompt_appended_to_with_plus_equals_holds_every_piece():
    src = """
        def build_prompt(symptoms, age):
            prompt = f"Symptoms: {symptoms}."
            if age:
                prompt += f" Age: {age}."
            prompt += " Give a differential diagnosis."
            return prompt
        """
    whole = "Symptoms: {…}. Age: {…}. Give a differential diagnosis."
    assert _prompt_texts(src) == [(3, whole), (7, whole)]


def test_a_message_appended_to_with_plus_equals_is_read_where_it_is_sent():
    src = """
        from openai import OpenAI

        def ask(q):
            text = "Answer briefly."
            text += " Pretend to be a pirate."
            return OpenAI().chat.completions.create(model="m", messages=[{"role": "system", "content": text}])
        """
    assert "Answer briefly. Pretend to be a pirate." in [t for _, t in _prompt_texts(src)]


@pytest.mark.parametrize(
    "body",
    [
        # bound in two functions: which text reaches the prompt is unknown
        'def a():\n    prompt = "First."\n    prompt += " Second."\ndef b():\n    prompt = "Other."\n    return prompt\n',
        # another operator, or a plain second assignment, is no appending
        'def a(n):\n    prompt = "Say it."\n    prompt *= n\n    return prompt\n',
        'def a():\n    prompt = "First."\n    prompt = prompt.strip()\n    prompt += " Second."\n    return prompt\n',
    ],
    ids=["two functions", "times-equals", "reassigned"],
)
def test_names_bound_otherwise_are_not_read_as_appended_pieces(body):
    assert not any("Second." in t and "First." in t for _, t in _prompt_texts(body))
    assert not any("Say it.Say it." in t for _, t in _prompt_texts(body))


def test_names_appended_to_each_other_stay_small_and_fast():
    lines = ["def build_prompt():"] + [f"    n{i} = 'start {i}'" for i in range(9)]
    for i in range(9):
        lines += [f"    n{i} += n{i + 1}" if i < 8 else f"    n{i} += x"] * 12
    lines += ["    prompt = n0", "    return prompt"]
    import time

    start = time.process_time()
    prompts = extract_python("\n".join(lines) + "\n", PATH).prompts
    assert time.process_time() - start < 2
    assert prompts and all(len(p.text) < 25000 for p in prompts)


# --------------------------------------------------------------------------- positions and parsing (the standard library's `ast`)


def test_columns_count_characters_not_bytes_on_lines_with_non_ascii_text():
    # `ast` counts UTF-8 bytes: "日本語" is 9 bytes and 3 characters, "é" 2 and 1.
    facts = extract('import streamlit as st\nlabel = "日本語"; st.caption("Réponse générée par une IA")\n')
    (text,) = [t for t in facts.user_texts if t.text.startswith("Réponse")]
    line = 'label = "日本語"; st.caption("Réponse générée par une IA")'
    start = line.index('"Réponse')
    assert (text.location.line, text.location.column) == (2, start + 1)
    assert (text.location.end_line, text.location.end_column) == (2, len(line))


def test_a_decorator_is_reported_from_its_at_sign_and_a_function_at_its_name():
    facts = extract(
        """\
        from openai import OpenAI
        from flask import Flask, request
        app = Flask(__name__)

        @app.route("/chat", methods=["POST"])
        async def chat():
            return OpenAI().chat.completions.create(model="m", messages=[{"role": "user", "content": request.json["q"]}])
        """
    )
    (surface,) = facts.chat_surfaces
    assert (surface.location.line, surface.location.column, surface.location.end_column) == (5, 1, 38)
    assert surface.detail == '@app.route("/chat", methods=["POST"]) chat'
    (function,) = facts.module_functions
    assert (function.location.line, function.location.column, function.location.end_column) == (6, 11, 15)


def test_a_one_line_class_body_holds_no_module_texts():
    facts = extract('class Texts: GREETING = "Hello, I am an AI assistant"\nclass More:\n    GREETING = "Hello, I am an AI assistant"\n')
    assert [t.name for t in facts.module_texts] == ["More.GREETING"]


def test_invalid_escape_sequences_do_not_stop_the_parse_even_when_warnings_are_errors():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # `"\d"` warns at parse time (DeprecationWarning, SyntaxWarning in 3.12)
        facts = extract('import re\nPROMPT = "You are a helpful assistant who matches \\d digits"\n')
    assert not facts.problems and facts.module_texts


@pytest.mark.parametrize("error", [RecursionError, MemoryError])
def test_a_parser_that_gives_up_on_nesting_gives_a_note(monkeypatch, error):
    import ast

    from complint.extract import python as P

    def give_up(*args, **kwargs):
        raise error()

    monkeypatch.setattr(ast, "parse", give_up)
    facts = extract("x = 1\n")
    assert [p.message for p in facts.problems] == ["too deeply nested to parse"]
    assert P.extract_python("y = 2\n", "b.py").problems[0].path == "b.py"


def test_a_nul_character_is_a_problem_not_a_crash():
    (problem,) = extract("x = 1\n\0\n").problems
    assert problem.message.startswith("syntax error: ")


NEWER = [
    ((3, 12), 'name = "x"\nprint(f"{name + f"{name}"}")\n', 2, "an f-string of Python 3.12 (PEP 701)"),
    ((3, 12), "type Names = list[str]\n", 1, "a type statement"),
    ((3, 12), "def first[T](items: list[T]) -> T:\n    return items[0]\n", 1, "type parameters"),
]


@pytest.mark.parametrize("version,source,line,what", NEWER)
def test_syntax_of_a_newer_python_is_named_in_the_note(version, source, line, what):
    import sys

    facts = extract(source)
    if sys.version_info >= version:
        assert not facts.problems  # this Python reads it
        return
    (problem,) = facts.problems
    running = "%d.%d" % sys.version_info[:2]
    assert problem.message.startswith("syntax error: ") and problem.line == line
    assert problem.message.endswith(
        f"(maybe {what}, which Python {running} cannot parse: run complint with Python {version[0]}.{version[1]} or newer)"
    )


def test_a_match_statement_on_python_3_9_is_named(monkeypatch):
    from types import SimpleNamespace

    from complint.extract import python as P

    monkeypatch.setattr(P, "sys", SimpleNamespace(version_info=(3, 9, 18)))
    source = "match command:\n    case 'quit':\n        pass\n"
    assert P._newer_syntax(source, 1, "invalid syntax") == (
        "maybe a match statement, which Python 3.9 cannot parse: run complint with Python 3.10 or newer"
    )
    assert P._newer_syntax("def broken(:\n", 1, "invalid syntax") == ""
    assert P._newer_syntax('print(f"{x}"\n', 1, "'(' was never closed") == ""  # an f-string, but not its fault


@pytest.mark.parametrize("source", ["def broken(:\n    pass\n", 'print(f"{name}"\n'])
def test_a_plain_syntax_error_gets_no_note_about_newer_pythons(source):
    (problem,) = extract(source).problems
    assert problem.message.startswith("syntax error: ") and "newer" not in problem.message


def test_imports_are_placed_where_python_3_9_gives_an_alias_no_position(monkeypatch):
    import ast

    from complint.extract import python as P

    source = "import os\nimport openai as oa, anthropic\nfrom google import  genai\nfrom langchain_openai import (\n    ChatOpenAI as Chat,\n)\n"
    where = lambda facts: [(i.module, i.location.line, i.location.column, i.location.end_line, i.location.end_column) for i in facts.model_imports]  # noqa: E731
    expected = where(extract_python(source, PATH))
    parse = P._parse

    def without_alias_positions(text, path):
        tree = parse(text, path)
        for node in ast.walk(tree):
            if isinstance(node, ast.alias):
                for name in ("lineno", "col_offset", "end_lineno", "end_col_offset"):
                    if hasattr(node, name):
                        delattr(node, name)
        return tree

    monkeypatch.setattr(P, "_parse", without_alias_positions)
    assert where(extract_python(source, PATH)) == expected
    assert [e[1:3] for e in expected] == [(2, 8), (2, 22), (3, 21), (5, 5)]


@pytest.mark.parametrize("source,expected", [
    ("a = 1\rb = print('x')\rc = 2\r", [("x", 2, 11, 2, 14)]),  # lone CR line breaks
    ("x = 1\n\x0c\ny = print('z')", [("z", 3, 11, 3, 14)]),  # a form feed line, no final newline
    ("if True:\n\tprint('tab')\n\tif 1:\n\t\tprint('two tabs é')\n", [("tab", 2, 8, 2, 13), ("two tabs é", 4, 9, 4, 21)]),
    ("s = 'é'; print('après é', end='') ; print(f'{s} ü {s}')\n", [("après é", 1, 16, 1, 25), ("é ü é", 1, 43, 1, 55)]),
])
def test_positions_are_those_libcst_gave(source, expected):
    # Figures from the extractor on libcst, before the move to ast: reports keep their columns.
    facts = extract_python(source, PATH)
    where = [(t.text, t.location.line, t.location.column, t.location.end_line, t.location.end_column) for t in facts.user_texts]
    assert where == expected
