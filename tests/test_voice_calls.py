"""CL201 for voice agents: a call placed (or answered) through a voice-agent platform, in
which a model speaks with a person. That person hears the call's first message, never the
app's pages, so the disclosure must be in what the call says first."""

from __future__ import annotations

import pytest

from helpers import scan_app

VAPI_PY = """\
import os
import requests

def call_clinic(clinic_number, patient):
    data = {{
        "assistant": {{
            "firstMessage": {first!r},
            "model": {{
                "provider": "openai",
                "model": "gpt-4o-mini",
                "messages": [{{"role": "system", "content": "You book a dental check-up for " + patient + "."}}],
            }},
        }},
        "customer": {{"number": clinic_number}},
    }}
    headers = {{"Authorization": "Bearer " + os.environ["VAPI_KEY"]}}
    return requests.post("https://api.vapi.ai/call/phone", headers=headers, json=data)
"""

BLAND_PY = """\
import requests

def remind(number):
    payload = {{"phone_number": number, "task": "Remind the patient of tomorrow's dentist appointment.",
               "first_sentence": {first!r}}}
    return requests.post("https://api.bland.ai/v1/calls", json=payload, headers={{"authorization": "key"}})
"""

VAPI_JS = """\
const axios = require("axios");
async function book(name) {{
  const body = {{
    assistant: {{
      firstMessage: {first},
      model: {{ provider: "openai", model: "gpt-4o", messages: [{{ role: "system", content: "You book tables by phone." }}] }},
    }},
    customer: {{ number: process.env.NUMBER }},
  }};
  return axios.post("https://api.vapi.ai/call/phone", body);
}}
module.exports = {{ book }};
"""

STREAMLIT = """\
import streamlit as st
from openai import OpenAI

st.caption({caption!r})
if q := st.chat_input("Ask"):
    st.write(OpenAI().chat.completions.create(model="gpt-4o", messages=[{{"role": "user", "content": q}}]))
"""

SILENT = "Good morning! I'd like to book a check-up for Sam next week."
TOLD = "Good morning! I'm an AI assistant booking a check-up for Sam next week."


def cl201(root, files, prefilter=True):
    return [(f.path, f.location.line, f.message) for f in scan_app(root, files, select=("CL201",), prefilter=prefilter).findings]


def test_a_voice_call_whose_first_message_says_nothing_of_ai_is_reported_there(tmp_path):
    found = cl201(tmp_path, {"calls.py": VAPI_PY.format(first=SILENT)})
    assert [(path, line) for path, line, _ in found] == [("calls.py", 7)]
    assert "nothing the person called hears first (the call's first message)" in found[0][2]
    assert "vapi voice call" in found[0][2]


def test_a_first_message_that_says_ai_discloses_it(tmp_path):
    assert cl201(tmp_path, {"calls.py": VAPI_PY.format(first=TOLD)}) == []


@pytest.mark.parametrize("first,expected", [(SILENT, 1), (TOLD, 0)])
def test_bland_calls_and_their_task_are_read(tmp_path, first, expected):
    result = scan_app(tmp_path, {"remind.py": BLAND_PY.format(first=first)})
    assert len([f for f in result.findings if f.code == "CL201"]) == expected
    assert any("dentist appointment" in p.text for p in result.project.prompts)


@pytest.mark.parametrize("first,expected", [(repr(SILENT), [("call.js", 5)]), (repr(TOLD), [])])
def test_a_voice_call_in_js_is_read_the_same_way(tmp_path, first, expected):
    assert [(path, line) for path, line, _ in cl201(tmp_path, {"call.js": VAPI_JS.format(first=first)})] == expected


def test_a_disclosure_on_the_apps_page_does_not_reach_the_person_called(tmp_path):
    files = {"calls.py": VAPI_PY.format(first=SILENT), "app.py": STREAMLIT.format(caption="You are chatting with an AI.")}
    assert [(path, line) for path, line, _ in cl201(tmp_path, files)] == [("calls.py", 7)]


def test_a_calls_first_message_does_not_disclose_the_apps_chat(tmp_path):
    files = {"calls.py": VAPI_PY.format(first=TOLD), "app.py": STREAMLIT.format(caption="Ask anything.")}
    assert [(path, line) for path, line, _ in cl201(tmp_path, files)] == [("app.py", 5)]


def test_both_missing_are_two_findings(tmp_path):
    files = {"calls.py": VAPI_PY.format(first=SILENT), "app.py": STREAMLIT.format(caption="Ask anything.")}
    assert sorted((path, line) for path, line, _ in cl201(tmp_path, files)) == [("app.py", 5), ("calls.py", 7)]


def test_a_call_whose_first_message_complint_cannot_find_is_judged_with_the_rest(tmp_path):
    source = VAPI_PY.format(first=SILENT).replace('"firstMessage": ', '"voicemailMessage": ')
    files = {"calls.py": source, "app.py": STREAMLIT.format(caption="You are chatting with an AI.")}
    assert cl201(tmp_path, files) == []


@pytest.mark.parametrize(
    "source",
    [
        # a greeting under the same key, posted to the app's own webhook, not a voice platform
        'import requests\nrequests.post("https://hooks.example.com/greet", json={"firstMessage": "Hi there"})\n',
        # the platform's documentation fetched, not a call placed
        'import requests\nrequests.get("https://api.vapi.ai/call/phone")\n',
        # the platform named in a text
        'NOTE = "We place calls with api.vapi.ai/call and a first message."\n',
    ],
)
def test_what_is_no_voice_call(tmp_path, source):
    result = scan_app(tmp_path, {"links.py": source})
    assert not result.project.chat_surfaces and not result.findings


@pytest.mark.parametrize("source", [VAPI_PY.format(first=SILENT), BLAND_PY.format(first=TOLD)])
def test_the_prefilter_spares_no_voice_call(tmp_path, source):
    assert cl201(tmp_path / "a", {"calls.py": source}) == cl201(tmp_path / "b", {"calls.py": source}, prefilter=False)
