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
