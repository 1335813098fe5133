"""A name bound more than once holds the set of its values (complint/extract/rebinding.py):
each text a prompt or a shown text can be is read; a value it cannot resolve stays unknown."""

from __future__ import annotations

from textwrap import dedent

import pytest
from helpers import scan_app

from complint.extract.python import extract_python

CALL = 'client.chat.completions.create(model="m", messages=[{{"role": "system", "content": {name}}}])'


def prompts(src: str):
    """The prompts at the line of the model call (the last line): text and variants, as a set."""
    src = dedent(src)
    last = len(src.splitlines())
    out = set()
    for p in extract_python(src, "app.py").prompts:
        if p.location.line == last:
            out |= {p.text, *p.variants}
    return out


HEAD = "from openai import OpenAI\nclient = OpenAI()\n"


def test_a_prefix_added_under_a_condition_gives_both_texts():
    src = HEAD + dedent("""\
    def ask(rural):
        base = "You help with first aid."
        if rural:
            base = "You serve villages. " + base
    """) + "    " + CALL.format(name="base") + "\n"
    assert prompts(src) == {"You help with first aid.", "You serve villages. You help with first aid."}


def test_both_branches_of_an_if_else_and_not_the_value_before():
    src = HEAD + dedent("""\
    def ask(mode):
        system = "placeholder"
        if mode == "law":
            system = "You draft contracts."
        else:
            system = "You give investment advice."
    """) + "    " + CALL.format(name="system") + "\n"
    assert prompts(src) == {"You draft contracts.", "You give investment advice."}


def test_appending_with_plus_equals_under_conditions():
    src = HEAD + dedent("""\
    def ask(kind):
        if kind:
            text = "You are a triage nurse."
        else:
            text = "You are a pharmacist."
        text += " Be brief."
    """) + "    " + CALL.format(name="text") + "\n"
    assert prompts(src) == {"You are a triage nurse. Be brief.", "You are a pharmacist. Be brief."}


def test_a_module_default_overridden_by_a_global_in_a_function():
    src = HEAD + dedent("""\
    INSTRUCTIONS = "You are a helpful assistant."
    def configure(flag):
        global INSTRUCTIONS
        if flag:
            INSTRUCTIONS = "You are a tax advisor."
    def ask():
    """) + "    " + CALL.format(name="INSTRUCTIONS") + "\n"
    assert prompts(src) == {"You are a helpful assistant.", "You are a tax advisor."}


def test_a_local_of_another_function_does_not_reach_a_module_name():
    src = HEAD + dedent("""\
    INSTRUCTIONS = "You are a helpful assistant."
    def other():
        INSTRUCTIONS = "You are a tax advisor."
        return INSTRUCTIONS
    def ask():
    """) + "    " + CALL.format(name="INSTRUCTIONS") + "\n"
    assert prompts(src) == {"You are a helpful assistant."}


def test_a_read_between_two_bindings_sees_the_first():
    src = HEAD + dedent("""\
    def ask():
        system = "You are a dietitian."
        first = client.chat.completions.create(model="m", messages=[{"role": "system", "content": system}])
        system = "You are a chef."
    """)
    lines = {p.location.line: p.text for p in extract_python(src, "app.py").prompts}
    assert lines == {5: "You are a dietitian."}


@pytest.mark.parametrize(
    "rebinding",
    [
        pytest.param('system = input("Who? ")', id="input()"),
        pytest.param('system = request.json["system"]', id="a request's field"),
        pytest.param("system = load_remote_prompt()", id="an unknown call"),
        pytest.param("system = other_module.PROMPT", id="an attribute of something unknown"),
        pytest.param("system, tone = load_pair()", id="unpacked into"),
    ],
)
def test_a_text_replaced_by_an_unknown_value_is_unknown_not_the_old_text(rebinding):
    src = HEAD + "from flask import request\nimport other_module\n" + dedent(f"""\
    def ask():
        system = "You are a cardiologist."
        {rebinding}
    """) + "    " + CALL.format(name="system") + "\n"
    assert prompts(src) == set()


@pytest.mark.parametrize(
    "loop",
    [
        pytest.param("for part in parts:\n        system = system + part", id="for"),
        pytest.param("while len(system) < 100:\n        system = system + ' more'", id="while"),
        pytest.param("for system in ['You are a lawyer.', 'You are a doctor.']:\n        pass", id="the loop's variable"),
        pytest.param("for part in parts:\n        system += part\n        system = system.strip()", id="appended and rebound"),
        pytest.param("for system in parts:\n        system += ' more'", id="appended to the loop's variable"),
    ],
)
def test_a_name_rebound_in_a_loop_is_unknown(loop):
    src = HEAD + dedent("""\
    def ask(parts):
        system = "You are a cardiologist."
        {loop}
    """).format(loop=loop) + "    " + CALL.format(name="system") + "\n"
    assert prompts(src) == set()


def test_a_with_block_is_followed_and_its_as_name_rebinds():
    src = HEAD + dedent("""\
    def ask(path):
        system = "You are a cardiologist."
        with open(path) as handle:
            system = "You are a surgeon. " + system
    """) + "    " + CALL.format(name="system") + "\n"
    assert prompts(src) == {"You are a surgeon. You are a cardiologist."}
    assert prompts(src.replace("as handle", "as system")) == set()


def test_a_binding_inside_try_is_unknown():
    src = HEAD + dedent("""\
    def ask():
        system = "You are a cardiologist."
        try:
            system = "You are a surgeon."
        except Exception:
            pass
    """) + "    " + CALL.format(name="system") + "\n"
    assert prompts(src) == set()


def test_more_texts_than_the_cap_are_unknown():
    branches = "".join(f"    if k == {i}:\n        system = system + ' variant {i}.'\n" for i in range(4))
    src = HEAD + "def ask(k):\n    system = 'You are a cardiologist.'\n" + branches + "    " + CALL.format(name="system") + "\n"
    assert prompts(src) == set()  # 2 ** 4 = 16 texts, above the cap of 8


def test_each_shown_text_of_a_name_bound_twice_is_read():
    src = dedent("""\
    import streamlit as st
    note = "Answers come from a model."
    if st.session_state.get("short"):
        note = "This assistant is an AI."
    st.caption(note)
    """)
    shown = {t.text for t in extract_python(src, "app.py").user_texts if t.location.line == 5}
    assert shown == {"Answers come from a model.", "This assistant is an AI."}


MEDICAL_HELPER = """\
import os
from openai import OpenAI
client = OpenAI()

def reply(symptoms):
    base = "You are a hospital's assistant for symptom analysis and first aid."
    if os.environ.get("RURAL"):
        base = "Serve remote villages. " + base
    out = client.chat.completions.create(model="m", messages=[{"role": "system", "content": base}, {"role": "user", "content": symptoms}])
    return out.choices[0].message.content

def ask(symptoms):
    return reply(symptoms)
"""

BRANCHED_HELPER = """\
import os
from openai import OpenAI
client = OpenAI()

def reply(question):
    if os.environ.get("MODE") == "kids":
        system = "You are a friendly storyteller."
    else:
        system = "You are a medical assistant who suggests treatments for symptoms."
    out = client.chat.completions.create(model="m", messages=[{"role": "system", "content": system}, {"role": "user", "content": question}])
    return out.choices[0].message.content
"""

PAGE = """\
import streamlit as st
from helper import reply
q = st.chat_input("Ask")
if q:
    st.chat_message("assistant").write(reply(q))
"""


@pytest.mark.parametrize("helper", [MEDICAL_HELPER, BRANCHED_HELPER], ids=["prefix under a condition", "if/else"])
def test_a_medical_prompt_bound_twice_is_a_medical_use(tmp_path, helper):
    result = scan_app(tmp_path, {"helper.py": helper, "app.py": PAGE})
    assert "CL301" in {f.code for f in result.findings}


def test_a_medical_prompt_replaced_by_an_unknown_value_is_no_medical_use(tmp_path):
    helper = MEDICAL_HELPER.replace('        base = "Serve remote villages. " + base', "        base = os.environ['PROMPT']")
    result = scan_app(tmp_path, {"helper.py": helper, "app.py": PAGE})
    assert "CL301" not in {f.code for f in result.findings}


# ---- JavaScript and TypeScript: a `let` rebound in branches

JS_HEAD = 'import OpenAI from "openai";\nconst openai = new OpenAI();\n'
JS_CALL = 'await openai.chat.completions.create({{ model: "m", messages: [{{ role: "system", content: {name} }}] }});'


def js_prompts(src: str):
    from complint.extract.javascript import extract_javascript

    last = len(src.splitlines())
    out = set()
    for p in extract_javascript(src, "app.ts").prompts:
        if p.location.line == last - 1:
            out |= {p.text, *p.variants}
    return out


def js_function(body: str, name: str = "system") -> str:
    return JS_HEAD + "export async function ask(mode: string, parts: string[], req: any) {\n" + body + "  " + JS_CALL.format(name=name) + "\n}\n"


def test_js_a_let_rebound_in_branches_holds_each_text():
    body = """\
  let system = "You are a storyteller.";
  if (mode === "med") {
    system = "You are a medical assistant.";
  } else if (mode === "law") {
    system = "You draft contracts. " + system;
  }
"""
    assert js_prompts(js_function(body)) == {
        "You are a storyteller.", "You are a medical assistant.", "You draft contracts. You are a storyteller."
    }


def test_js_plus_equals_under_a_condition():
    body = '  let system = "You are a nurse.";\n  if (mode) system += " Be brief.";\n'
    assert js_prompts(js_function(body)) == {"You are a nurse.", "You are a nurse. Be brief."}


@pytest.mark.parametrize(
    "rebinding",
    [
        pytest.param("for (const p of parts) { system = system + p; }", id="a loop"),
        pytest.param("system = req.body.prompt;", id="a request's field"),
        pytest.param("system = await fetchPrompt();", id="an unknown call"),
        pytest.param("const reset = () => { system = req.query.p; };", id="a closure"),
        pytest.param('for (const p of parts) { system += p; system = system.trim(); }', id="a loop that appends and rebinds"),
        pytest.param('for (system of parts) { system += " more"; }', id="a loop over it that appends"),
        pytest.param('for (const p of parts) { system -= 1; system += " more"; }', id="a loop with another operator"),
    ],
)
def test_js_a_let_rebound_to_an_unknown_value_is_unknown(rebinding):
    body = f'  let system = "You are a doctor.";\n  {rebinding}\n'
    assert js_prompts(js_function(body)) == set()


# ---- appending in a loop, a helper's several returns, `self.x` bound in its class's methods


@pytest.mark.parametrize(
    "loop, indent, expected",
    [
        pytest.param("for rule in rules:\n        system += ' Diagnose.'", "", {"You are a doctor.", "You are a doctor. Diagnose.{…}"}, id="for"),
        pytest.param(
            "while rules:\n        rule = rules.pop()\n        if rule:\n            system += ' Diagnose.'", "",
            {"You are a doctor.", "You are a doctor. Diagnose.{…}"}, id="while, under a condition",
        ),
        pytest.param("for rule in rules:\n        system += input()", "", {"You are a doctor.", "You are a doctor.{…}"}, id="an unknown piece"),
        pytest.param("for rule in rules:\n        system += ' Diagnose.'", "    ", set(), id="read inside the loop"),
    ],
)
def test_appending_in_a_loop_gives_the_text_before_and_one_turn_then_unknown_text(loop, indent, expected):
    # no turn, or one turn and more text it cannot know: never "exactly one turn"
    src = HEAD + dedent("""\
    def ask(rules):
        system = "You are a doctor."
        {loop}
    """).format(loop=loop) + "    " + indent + CALL.format(name="system") + "\n"
    assert prompts(src) == expected


def test_a_prompt_named_name_appended_to_in_a_loop_is_not_one_joined_text():
    src = dedent("""\
    def build(rules):
        prompt = "You are a helper."
        for rule in rules:
            prompt += " Diagnose the patient."
        return prompt
    """)
    texts = {p.text for p in extract_python(src, "app.py").prompts}
    assert "You are a helper. Diagnose the patient." not in texts


SYSTEM_FOR = """\
def system_for(mode):
    if mode == "law":
        return "You draft contracts."
    elif mode == "money":
        return "You give investment advice."
    return "You are a friendly storyteller."
"""


def test_a_helper_with_several_returns_gives_each_of_its_texts():
    src = HEAD + SYSTEM_FOR + "def ask(mode):\n    " + CALL.format(name="system_for(mode)") + "\n"
    assert prompts(src) == {"You draft contracts.", "You give investment advice.", "You are a friendly storyteller."}


def test_a_helper_with_several_returns_bound_to_a_name_and_interpolated():
    src = HEAD + SYSTEM_FOR + "def ask(mode):\n    role = system_for(mode)\n    system = f'{role} Be brief.'\n    " + CALL.format(name="system") + "\n"
    assert prompts(src) == {"You draft contracts. Be brief.", "You give investment advice. Be brief.", "You are a friendly storyteller. Be brief."}


@pytest.mark.parametrize(
    "helper",
    [
        pytest.param(SYSTEM_FOR.replace('return "You draft contracts."', "return load_prompt()"), id="a return it cannot read"),
        pytest.param(SYSTEM_FOR + "def system_for(mode):\n    return 'You are a chef.'\n", id="defined twice"),
        pytest.param(SYSTEM_FOR.replace("def system_for", "def system_for_old") + "from prompts import system_for\n", id="imported"),
        pytest.param(SYSTEM_FOR.replace('return "You draft contracts."', "return system_for(mode)"), id="calls itself"),
    ],
)
def test_a_helper_whose_returns_are_not_all_known_is_unknown(helper):
    src = HEAD + helper + "def ask(mode):\n    " + CALL.format(name="system_for(mode)") + "\n"
    assert not prompts(src) & {"You give investment advice.", "You are a friendly storyteller."}


BOT_CLASS = """\
class Other:
    def __init__(self):
        self.system = "You are a tax advisor."

class Bot:
    def __init__(self):
        self.system = "You are a cardiologist."

    def brief(self):
        self.system = "You are a cardiologist. Be brief."

    def ask(self, q):
"""


def test_self_attribute_bound_in_its_class_methods_gives_their_texts_not_another_class():
    src = HEAD + BOT_CLASS + "        " + CALL.format(name="self.system") + "\n"
    assert prompts(src) == {"You are a cardiologist.", "You are a cardiologist. Be brief."}


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param("bot = Bot()\nbot.system = 'You are Elon Musk.'\n", id="bound on an object"),
        pytest.param("class Kid(Bot):\n    def __init__(self):\n        self.system = 'You are Elon Musk.'\n", id="a derived class binds it"),
        pytest.param("", id="unpacked into"),
    ],
)
def test_self_attribute_bound_elsewhere_is_unknown(extra):
    src = HEAD + extra + BOT_CLASS + "        " + CALL.format(name="self.system") + "\n"
    if not extra:  # `self.system, self.tone = ...` in another method of the class
        src = src.replace("    def ask(self, q):", "    def load(self):\n        self.system, self.tone = pick()\n\n    def ask(self, q):")
    assert prompts(src) == set()


@pytest.mark.parametrize(
    "binding",
    ["def __init__(self, system):\n        self.system = system", "def __init__(self):\n        self.system += ' Be brief.'"],
    ids=["a parameter", "appended to"],
)
def test_self_attribute_from_a_parameter_or_appended_to_is_unknown(binding):
    src = HEAD + BOT_CLASS.replace("def __init__(self):\n        self.system = \"You are a cardiologist.\"", binding) + "        " + CALL.format(name="self.system") + "\n"
    assert prompts(src) == set()


SEVERAL_RETURNS_HELPER = """\
from openai import OpenAI
client = OpenAI()

def system_for(mode):
    if mode == "kids":
        return "You are a friendly storyteller."
    return "You are a medical assistant who suggests treatments for symptoms."

def reply(question, mode):
    out = client.chat.completions.create(model="m", messages=[{"role": "system", "content": system_for(mode)}, {"role": "user", "content": question}])
    return out.choices[0].message.content
"""


def test_a_medical_prompt_a_helper_returns_among_others_is_a_medical_use(tmp_path):
    page = PAGE.replace("reply(q)", 'reply(q, "adult")')
    result = scan_app(tmp_path, {"helper.py": SEVERAL_RETURNS_HELPER, "app.py": page})
    assert "CL301" in {f.code for f in result.findings}
    quiet = SEVERAL_RETURNS_HELPER.replace('return "You are a medical assistant who suggests treatments for symptoms."', "return load()")
    result = scan_app(tmp_path / "quiet", {"helper.py": quiet, "app.py": page})
    assert "CL301" not in {f.code for f in result.findings}


def test_js_appending_in_a_loop_gives_the_text_before_and_one_turn_then_unknown_text():
    body = '  let system = "You summarize news.";\n  for (const p of parts) { system += " Headline:"; }\n'
    assert js_prompts(js_function(body)) == {"You summarize news.", "You summarize news. Headline:{…}"}
    body = '  let system = "You summarize news.";\n  while (parts.length) { if (mode) system += " Headline:"; parts.pop(); }\n'
    assert js_prompts(js_function(body)) == {"You summarize news.", "You summarize news. Headline:{…}"}
