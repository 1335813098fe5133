"""A model reached by a plain HTTP POST is a model call, whatever client sends it."""

from __future__ import annotations

from textwrap import dedent

import pytest

from complint.extract.javascript import extract_javascript
from complint.extract.python import extract_python


def python_calls(src: str):
    return [c.api for c in extract_python(dedent(src), "app.py").model_calls]


@pytest.mark.parametrize(
    "call, api",
    [
        ('requests.post(f"{BASE}/v1/chat/completions", json={"model": "m"})', "POST openai-compatible endpoint"),
        ('requests.request("POST", BASE + "/v1/messages", json={})', "POST anthropic endpoint"),
        ('requests.request("post", "https://api-inference.huggingface.co/models/gpt2", json={})', "POST huggingface endpoint"),
        ('httpx.stream("POST", "http://localhost:11434/api/chat", json={"model": "llama3"})', "POST ollama endpoint"),
        ('httpx.Client().stream("POST", URL, json={})', "POST openai-compatible endpoint"),
    ],
)
def test_python_posts_to_model_endpoints(call, api):
    src = f"import os, requests, httpx\nBASE = os.environ['BASE']\nURL = BASE + '/v1/chat/completions'\nr = {call}\n"
    assert python_calls(src) == [api]


@pytest.mark.parametrize(
    "call",
    [
        'requests.request("GET", BASE + "/v1/chat/completions")',  # a GET sends no prompt
        'requests.request(method, BASE + "/v1/chat/completions")',  # a method we cannot know
        'httpx.stream("POST", BASE + "/api/chat")',  # the app's own route: nothing says Ollama
    ],
)
def test_requests_that_are_no_model_call(call):
    src = f"import os, requests, httpx\nBASE = os.environ['BASE']\nr = {call}\n"
    assert python_calls(src) == []


JS = """\
import axios from "axios";
const BASE = process.env.BASE ?? "https://api.openai.com";
const URL = `${BASE}/v1/chat/completions`;
export const a = () => fetch(URL, { method: "POST", body: JSON.stringify({ model: "m" }) });
export const b = (q) => axios.post("https://api-inference.huggingface.co/models/gpt2", { inputs: q });
export const c = (q) => fetch(`http://localhost:11434/api/generate`, { method: "POST", body: JSON.stringify({ model: "l", prompt: q }) });
export const d = () => axios({ method: "post", url: process.env.LLM_URL + "/v1/messages", data: {} });
export const e = (q) => fetch("/api/chat", { method: "POST", body: JSON.stringify({ q }) });
"""


def test_javascript_posts_to_model_endpoints():
    calls = [(c.location.line, c.api) for c in extract_javascript(JS, "app.ts").model_calls]
    assert calls == [
        (4, "POST openai-compatible endpoint"),
        (5, "POST huggingface endpoint"),
        (6, "POST ollama endpoint"),
        (7, "POST anthropic endpoint"),
    ]


# What a POST to a model endpoint sends as its prompt: the payload's text, never the URL.
PY_PAYLOADS = """\
import requests
URL = "https://api.openai.com/v1/completions"
def ask(q):
    body = {"model": "m", "prompt": f"Respond with financial advice: {q}"}
    return requests.post(URL, json=body).json()
def ask_claude(q):
    return requests.post("https://api.anthropic.com/v1/messages", json={"model": "m", "system": "You are a tax adviser.", "messages": [{"role": "user", "content": q}]})
"""

JS_PAYLOADS = """\
export async function POST(request) {
  const { prompt } = await request.json();
  const response = await fetch("https://api.openai.com/v1/completions", {
    method: "POST",
    headers: { Authorization: `Bearer ${process.env.KEY}` },
    body: JSON.stringify({ model: "m", prompt: `Respond with financial advice: ${prompt}` }),
  });
  return Response.json(await response.json());
}
"""


def test_the_prompt_of_a_post_to_a_model_is_its_payloads_not_its_url():
    py = extract_python(PY_PAYLOADS, "app.py").prompts
    assert [(p.text, p.role) for p in py] == [
        ("Respond with financial advice: {…}", "user"), ("You are a tax adviser.", "system"),
    ]
    js = extract_javascript(JS_PAYLOADS, "route.ts").prompts
    assert [(p.text, p.role) for p in js] == [("Respond with financial advice: {…}", "user")]
