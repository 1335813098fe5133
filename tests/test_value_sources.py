"""Values with a known set reaching a prompt: widget defaults and options, data files, user input."""

from __future__ import annotations

from textwrap import dedent

import pytest
from helpers import scan_app

from complint.extract.python import extract_python


def variants(src: str):
    return {p.location.line: p.variants for p in extract_python(dedent(src), "app.py").prompts}


def test_a_text_box_default_fills_the_prompt():
    src = """\
    import streamlit as st
    who = st.text_input("Who do you want to talk to?", value="Elon Musk")
    SYSTEM_PROMPT = f"You are {who}. Answer as they would."
    """
    assert variants(src) == {3: ("You are Elon Musk. Answer as they would.",)}


def test_a_text_box_without_a_default_fills_nothing():
    src = """\
    import streamlit as st
    who = st.text_input("Who do you want to talk to?")
    SYSTEM_PROMPT = f"You are {who}. Answer as they would."
    """
    assert variants(src) == {3: ()}


GRADIO = """\
import gradio as gr

def respond(message, history, persona):
    messages = [{{"role": "system", "content": f"You are {{persona}}. Stay in character."}}]
    return messages

{wiring}
"""


@pytest.mark.parametrize(
    "wiring",
    [
        pytest.param('gr.ChatInterface(respond, additional_inputs=[gr.Dropdown(["Taylor Swift", "Barack Obama"])])', id="chat interface"),
        pytest.param('persona = gr.Radio(choices=["Taylor Swift", "Barack Obama"])\ngr.ChatInterface(respond, additional_inputs=[persona])', id="through a name"),
        pytest.param(
            'with gr.Blocks():\n    box = gr.Textbox()\n    chat = gr.Chatbot()\n    who = gr.Dropdown(["Taylor Swift", "Barack Obama"])\n'
            '    box.submit(respond, inputs=[box, chat, who], outputs=chat)',
            id="an event's inputs",
        ),
    ],
)
def test_a_component_feeding_a_handler_fills_its_prompt(wiring):
    assert variants(GRADIO.format(wiring=wiring)) == {4: ("You are Taylor Swift. Stay in character.", "You are Barack Obama. Stay in character.")}


def test_a_parameter_two_components_feed_is_unknown():
    wiring = (
        'gr.ChatInterface(respond, additional_inputs=[gr.Dropdown(["Taylor Swift"])])\n'
        'gr.ChatInterface(respond, additional_inputs=[gr.Dropdown(["Barack Obama"])])'
    )
    assert variants(GRADIO.format(wiring=wiring)) == {4: ()}


def test_persona_picked_in_a_gradio_dropdown_is_a_simulated_person(tmp_path):
    wiring = 'gr.ChatInterface(respond, additional_inputs=[gr.Dropdown(["Taylor Swift", "Barack Obama"])])'
    app = GRADIO.format(wiring=wiring).replace("return messages", "return OpenAI().chat.completions.create(model='m', messages=messages)")
    result = scan_app(tmp_path, {"app.py": "from openai import OpenAI\n" + app}, cache=False)
    assert [f.location.line for f in result.findings if f.code == "CL401"] == [5]
