"""Patterns found in real apps during the field test (docs/field-test.md), as small fixtures."""

from __future__ import annotations

import textwrap

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
