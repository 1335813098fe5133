"""Prompts the app keeps in its YAML configuration (chat modes, personas, agents' roles)."""

from __future__ import annotations

from textwrap import dedent

from helpers import scan_app

from complint.extract import extract_text, extractor_for
from complint.extract.configs import extract_yaml

CHAT_MODES = """\
default:
  name: Helper
  welcome_message: Hi, how can I help?
  prompt_start: |
    You are a friendly assistant who answers questions about our products.
    Keep answers short.
  parse_mode: html
tutor:
  prompt_start: "You are an English tutor. Correct the user's grammar gently."
"""


def _prompts(text: str, path: str = "config/chat_modes.yml"):
    return [(p.location.line, p.text, p.role) for p in extract_yaml(dedent(text), path).prompts]


def test_values_under_prompt_like_keys_are_prompts_where_they_stand():
    assert _prompts(CHAT_MODES) == [
        (4, "You are a friendly assistant who answers questions about our products.\nKeep answers short.", "unknown"),
        (9, "You are an English tutor. Correct the user's grammar gently.", "unknown"),
    ]


def test_personas_in_a_list_with_a_system_prompt_key():
    text = "personas:\n  - name: Chef\n    system_prompt: You are a cheerful chef who shares quick recipes.\n  - name: Coach\n    persona: You are a running coach for beginners, patient and kind.\n"
    assert [role for _, _, role in _prompts(text, "personas.yaml")] == ["system", "system"]


def test_labels_other_keys_and_files_that_are_no_config_give_nothing():
    assert _prompts("prompt: Ask me anything\nname: Helper\n") == []  # a short label
    assert _prompts("description: You are a friendly assistant who answers questions.\n") == []
    assert _prompts("steps:\n  - run: echo hi\n", ".github/workflows/ci.yml") == []
    assert _prompts("system_prompt: You are a helper who answers questions.\n", ".github/prompts.yml") == []
    broken = extract_yaml("prompt: [unclosed\n  - You are a helper who answers questions.\n", "config.yml")
    assert broken.prompts == () and broken.problems == ()
    looped = "base: &b\n  system_prompt: You are a helper who answers every question.\nother: *b\n"
    assert len(_prompts(looped)) == 1


def test_yaml_files_go_to_this_extractor_unless_another_claims_them():
    assert extractor_for("config/chat_modes.yml")[0] == "yaml"
    assert extractor_for("app/settings.yaml")[0] == "yaml"
    assert extractor_for("complint.yaml")[0] == "manifest"
    facts = extract_text("config/chat_modes.yml", extractor_for("config/chat_modes.yml"), "prompt_start: [oops")
    assert facts.problems == ()


TELEGRAM_BOT = """\
import yaml
from openai import OpenAI
from telegram.ext import ApplicationBuilder, MessageHandler, filters

client = OpenAI()
MODES = yaml.safe_load(open("config/chat_modes.yml"))

async def reply(update, context):
    messages = [{"role": "system", "content": MODES["default"]["prompt_start"]}, {"role": "user", "content": update.message.text}]
    answer = client.chat.completions.create(model="m", messages=messages).choices[0].message.content
    await update.message.reply_text(answer)

app = ApplicationBuilder().token("t").build()
app.add_handler(MessageHandler(filters.TEXT, reply))
"""


def test_a_persona_in_the_chat_modes_file_is_a_simulated_person(tmp_path):
    modes = "default:\n  prompt_start: You are Elon Musk. Answer as Elon would, about rockets and cars.\n"
    result = scan_app(tmp_path, {"bot.py": TELEGRAM_BOT, "config/chat_modes.yml": modes}, cache=False)
    assert [(f.code, f.location.path) for f in result.findings if f.code == "CL401"] == [("CL401", "config/chat_modes.yml")]
    fictional = "default:\n  prompt_start: You are Maya, a friendly librarian who recommends novels.\n"
    result = scan_app(tmp_path / "b", {"bot.py": TELEGRAM_BOT, "config/chat_modes.yml": fictional}, cache=False)
    assert [f for f in result.findings if f.code == "CL401"] == []
