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


DATA_APP = """\
import json, random
import streamlit as st
from openai import OpenAI

client = OpenAI()
with open("{path}") as fh:
    PEOPLE = json.load(fh)
who = {pick}
messages = [{{"role": "system", "content": f"You are {{who}}. Stay in character."}}]
if q := st.chat_input("Say"):
    st.chat_message("assistant").write(client.chat.completions.create(model="m", messages=messages).choices[0].message.content)
"""


def _persona_lines(result):
    return [(f.location.path, f.location.line) for f in result.findings if f.code == "CL401"]


@pytest.mark.parametrize(
    "data_path, content, pick",
    [
        pytest.param("people.json", '["Elon Musk", "Ada the robot"]', "random.choice(PEOPLE)", id="a list"),
        pytest.param("people.json", '{"elon": "Elon Musk"}', "PEOPLE[st.selectbox('Who', list(PEOPLE))]", id="a dict's values"),
        pytest.param("people.yaml", "- name: Taylor Swift\n  style: upbeat\n", "random.choice(PEOPLE)['name']", id="a field of YAML records"),
    ],
)
@pytest.mark.parametrize("prefilter", [True, False])
def test_a_persona_picked_from_a_data_file_the_code_loads(tmp_path, data_path, content, pick, prefilter):
    files = {"app.py": DATA_APP.format(path=data_path, pick=pick), data_path: content}
    result = scan_app(tmp_path, files, cache=False, prefilter=prefilter)
    assert _persona_lines(result) == [("app.py", 9)]


CSV_APP = """\
import csv, random
import pandas as pd
import streamlit as st
from openai import OpenAI

client = OpenAI()
{load}
who = {pick}
messages = [{{"role": "system", "content": f"You are {{who}}. Stay in character."}}]
if q := st.chat_input("Say"):
    st.chat_message("assistant").write(client.chat.completions.create(model="m", messages=messages).choices[0].message.content)
"""
PEOPLE_CSV = "name,style\nElon Musk,brash\nAda the robot,calm\n"


@pytest.mark.parametrize(
    "load, pick",
    [
        pytest.param('TABLE = pd.read_csv("people.csv")', "st.selectbox('Who', TABLE['name'].tolist())", id="pandas column"),
        pytest.param('ROWS = list(csv.DictReader(open("people.csv")))', "random.choice(ROWS)['name']", id="csv rows"),
    ],
)
@pytest.mark.parametrize("prefilter", [True, False])
def test_a_persona_picked_from_a_csv_table_the_code_reads(tmp_path, load, pick, prefilter):
    files = {"app.py": CSV_APP.format(load=load, pick=pick), "people.csv": PEOPLE_CSV}
    assert _persona_lines(scan_app(tmp_path, files, cache=False, prefilter=prefilter)) == [("app.py", 9)]


@pytest.mark.parametrize(
    "load, pick, files",
    [
        pytest.param('TABLE = pd.read_csv("people.csv")', "st.selectbox('Who', TABLE['style'].tolist())", {"people.csv": PEOPLE_CSV}, id="another column"),
        pytest.param('TABLE = pd.read_csv("people.csv")', "st.selectbox('Who', TABLE['name'].tolist())", {}, id="no such file"),
        pytest.param('TABLE = pd.read_csv(PATH)', "st.selectbox('Who', TABLE['name'].tolist())", {"people.csv": PEOPLE_CSV}, id="a path it cannot know"),
    ],
)
def test_a_csv_table_that_gives_no_real_person(tmp_path, load, pick, files):
    files = {"app.py": CSV_APP.format(load=load, pick=pick), **files}
    assert _persona_lines(scan_app(tmp_path, files, cache=False)) == []


def test_a_data_file_beside_the_module_is_found(tmp_path):
    files = {"bot/app.py": DATA_APP.format(path="people.json", pick="random.choice(PEOPLE)"), "bot/people.json": '["Elon Musk"]'}
    assert _persona_lines(scan_app(tmp_path, files, cache=False)) == [("bot/app.py", 9)]


@pytest.mark.parametrize(
    "files",
    [
        pytest.param({}, id="no such file"),
        pytest.param({"people.json": "[not json"}, id="a file that does not parse"),
        pytest.param({"people.json": '["Ada the robot"]'}, id="no real person in it"),
    ],
)
def test_a_data_file_that_gives_no_real_person(tmp_path, files):
    files = {"app.py": DATA_APP.format(path="people.json", pick="random.choice(PEOPLE)"), **files}
    assert _persona_lines(scan_app(tmp_path, files, cache=False)) == []


def filled_by_user(src: str):
    return [(p.location.line, p.text, p.asked) for p in extract_python(dedent(src), "app.py").prompts_filled_by_user]


def test_a_prompt_filled_with_what_users_type_is_an_open_value():
    src = """\
    import streamlit as st
    import gradio as gr
    who = st.text_input("Who do you want to talk to?")
    SYSTEM_PROMPT = f"You are {who}. Answer as they would."
    name = input("Name a celebrity: ").strip()
    messages = [{"role": "system", "content": "Pretend to be " + name}]
    def respond(message, history, persona):
        return [{"role": "system", "content": f"You are {persona}."}]
    gr.ChatInterface(respond, additional_inputs=[gr.Textbox(label="Persona")])
    """
    assert filled_by_user(src) == [
        (4, "You are {…}. Answer as they would.", "Who do you want to talk to?"),
        (6, "Pretend to be {…}", "Name a celebrity: "),
        (8, "You are {…}.", "Persona"),
    ]


def test_a_chat_message_or_a_picked_value_is_no_open_value():
    src = """\
    import streamlit as st
    q = st.chat_input("Ask")
    messages = [{"role": "user", "content": f"Question: {q}"}]
    who = st.selectbox("Who", ["Ada", "Grace"])
    SYSTEM_PROMPT = f"You are {who}."
    for person in ["Ada", "Grace"]:
        PERSONA_PROMPT = f"You are {person}."
    """
    assert filled_by_user(src) == []


@pytest.mark.parametrize(
    "opening",
    [
        'open(os.path.join(os.path.dirname(__file__), "data", "people.json"))',
        'open(Path(__file__).parent / "data" / "people.json")',
        '(HERE / "data" / "people.json").open()',
    ],
)
def test_a_data_file_named_from_the_module_folder(tmp_path, opening):
    app = DATA_APP.replace('with open("{path}") as fh:', f"HERE = Path(__file__).resolve().parent\nwith {opening} as fh:")
    app = "import os\nfrom pathlib import Path\n" + app.format(path="", pick="random.choice(PEOPLE)")
    files = {"bot/app.py": app, "bot/data/people.json": '["Elon Musk"]', "data/people.json": '["Ada the robot"]'}
    assert _persona_lines(scan_app(tmp_path, files, cache=False)) == [("bot/app.py", 12)]


JS_PERSONAS = """\
import OpenAI from "openai";
const client = new OpenAI();
const PEOPLE = ["Elon Musk", "Taylor Swift"];
const person = PEOPLE[Math.floor(Math.random() * PEOPLE.length)];
const STYLES = { calm: "Barack Obama" };
export async function ask(q, style, name) {
  const system = `You are ${person}. Stay in character.`;
  return client.chat.completions.create({ model: "m", messages: [
    { role: "system", content: system },
    { role: "system", content: "Speak as " + STYLES[style] + "." },
    { role: "system", content: `You are ${name}.` },
    { role: "user", content: q },
  ] });
}
"""


def test_javascript_prompts_are_filled_with_every_literal_their_value_takes():
    from complint.extract.javascript import extract_javascript

    found = {p.location.line: p.variants for p in extract_javascript(JS_PERSONAS, "bot.ts").prompts}
    assert found == {
        9: ("You are Elon Musk. Stay in character.", "You are Taylor Swift. Stay in character."),
        10: ("Speak as Barack Obama.",),
        11: (),  # a parameter: unknown
    }


def test_a_javascript_persona_picked_from_a_list_is_a_simulated_person(tmp_path):
    result = scan_app(tmp_path, {"bot.ts": JS_PERSONAS, "package.json": '{"name": "bot"}'}, cache=False)
    assert [f.location.line for f in result.findings if f.code == "CL401"] == [9, 10]


REACT_CHAT = """\
import {{ useState }} from "react";
import OpenAI from "openai";

const client = new OpenAI({{ dangerouslyAllowBrowser: true }});

export default function Chat() {{
  const [celebrity, setCelebrity] = {state};
  async function send(input) {{
    const r = await client.chat.completions.create({{
      model: "gpt-4o",
      messages: [{{ role: "system", content: `You are ${{celebrity}}. Answer as they would.` }}, {{ role: "user", content: input }}],
    }});
    return r.choices[0].message.content;
  }}
  return <input value={{celebrity}} onChange={{(e) => setCelebrity(e.target.value)}} />;
}}
"""


@pytest.mark.parametrize(
    "state, variants",
    [
        ('useState("Elon Musk")', ("You are Elon Musk. Answer as they would.",)),
        ('React.useState("Ada the robot")', ("You are Ada the robot. Answer as they would.",)),
        ("useState(props.name)", ()),  # a value complint cannot know
        ('useMemo(() => "Elon Musk")', ()),  # no state hook
    ],
    ids=["useState", "React.useState", "unknown", "other hook"],
)
def test_a_react_state_initialiser_fills_the_prompt(state, variants):
    from complint.extract.javascript import extract_javascript

    (prompt,) = [p for p in extract_javascript(REACT_CHAT.format(state=state), "Chat.tsx").prompts if p.role == "system"]
    assert prompt.text == "You are {…}. Answer as they would."
    assert prompt.variants == variants


def test_a_celebrity_a_react_chat_starts_with_is_a_simulated_person(tmp_path):
    result = scan_app(tmp_path, {"Chat.tsx": REACT_CHAT.format(state='useState("Elon Musk")')}, cache=False)
    assert [f.location.line for f in result.findings if f.code == "CL401"] == [11]
