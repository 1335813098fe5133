"""Patterns found on the ninth field test's development half (benchmarks/field9_expectations.yaml),
each captured in a fixture of our own, with the negatives that must stay quiet."""

from __future__ import annotations

from helpers import scan_app


def found(root, files, select, **overrides):
    return sorted({f.code for f in scan_app(root, files, select=select, **overrides).findings})


# ---- an Express router whose inline handler asks the model through a service module

GARDEN_ROUTE_JS = """\
import express from 'express';
import { {helper} } from '../services/gardener.js';

const router = express.Router();

router.post('/', async (req, res) => {
  const reply = await {helper}(req.body.question);
  res.json({ reply });
});

export default router;
"""

GARDEN_SERVICE_JS = """\
import axios from 'axios';

const URL = `https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent?key=${process.env.KEY}`;

export async function askGardener(question) {
  const res = await axios.post(URL, {
    contents: [{ role: 'user', parts: [{ text: `Answer this question about house plants: ${question}` }] }],
  });
  return res.data.candidates[0].content.parts[0].text;
}

export function tidy(question) {
  return question.trim();
}
"""

GARDEN_SERVER_JS = """\
import express from 'express';
import plants from './routes/plants.js';

const app = express();
app.use(express.json());
app.use('/api/plants', plants);
app.listen(3000);
"""

GARDEN_PAGE_HTML = """\
<!doctype html>
<html><body><h1>Plant helper</h1><p>{words}</p><script src="/main.js"></script></body></html>
"""


def _garden(helper, words="Ask anything about your house plants."):
    return {
        "server/routes/plants.js": GARDEN_ROUTE_JS.replace("{helper}", helper),
        "server/services/gardener.js": GARDEN_SERVICE_JS,
        "server/index.js": GARDEN_SERVER_JS,
        "public/index.html": GARDEN_PAGE_HTML.replace("{words}", words),
    }


def test_an_inline_route_handler_asking_a_service_modules_model_is_a_chat_endpoint(tmp_path):
    assert found(tmp_path, _garden("askGardener"), ("CL201",)) == ["CL201"]
    assert found(tmp_path, _garden("askGardener"), ("CL201",), prefilter=False) == ["CL201"]


def test_an_inline_route_handler_calling_a_service_that_asks_no_model_is_no_chat(tmp_path):
    assert found(tmp_path, _garden("tidy"), ("CL201",)) == []


def test_an_inline_route_handler_whose_page_says_answers_come_from_an_ai_is_quiet(tmp_path):
    app = _garden("askGardener", words="Answers are written by an AI assistant and can be wrong.")
    assert found(tmp_path, app, ("CL201",)) == []


def test_a_route_with_no_handler_taking_a_request_is_no_chat(tmp_path):
    app = _garden("askGardener")
    app["server/routes/plants.js"] = app["server/routes/plants.js"].replace(
        "async (req, res) => {\n  const reply = await askGardener(req.body.question);",
        "async () => {\n  const reply = await askGardener('ficus');",
    )
    assert found(tmp_path, app, ("CL201",)) == []


# ---- a prompt built whole by another module: an object of texts ({ system, user })

BUILDER_JS = """\
export function buildRequest(notes) {
  const system = `You help visitors of a community clinic's website. {system}`;
  const user = `Visitor's notes: "${notes}". {user}`;
  return { system, user };
}
"""

ASK_JS = """\
import axios from 'axios';

export async function callModel(pkg) {
  const res = await axios.post('https://api.openai.com/v1/chat/completions', {
    model: 'gpt-4o-mini',
    messages: [{ role: 'system', content: pkg.system }, { role: 'user', content: pkg.user }],
  }, { headers: { Authorization: `Bearer ${process.env.KEY}` } });
  return res.data.choices[0].message.content;
}
"""

CLINIC_ROUTE_JS = """\
import express from 'express';
import { buildRequest } from '../prompts/request.js';
import { callModel } from '../lib/ask.js';

const router = express.Router();

router.post('/', async (req, res) => {
  const prompt = buildRequest(req.body.notes);
  const answer = await callModel(prompt);
  res.json({ answer });
});

export default router;
"""


def _clinic(system, user):
    return {
        "api/prompts/request.js": BUILDER_JS.replace("{system}", system).replace("{user}", user),
        "api/lib/ask.js": ASK_JS,
        "api/routes/notes.js": CLINIC_ROUTE_JS,
    }


def test_a_diagnosis_asked_in_a_prompt_object_another_module_builds_is_read(tmp_path):
    app = _clinic(
        "Read the symptoms the visitor describes.",
        "From these symptoms, tell the visitor which condition they most likely have and how to treat it.",
    )
    assert found(tmp_path, app, ("CL113",)) == ["CL113"]
    assert found(tmp_path, app, ("CL113",), prefilter=False) == ["CL113"]


def test_general_health_information_in_a_prompt_object_is_no_diagnosis(tmp_path):
    app = _clinic(
        "Give general health information only. Never diagnose and never suggest treatments.",
        "Explain in plain words what the clinic's opening hours and services are.",
    )
    assert found(tmp_path, app, ("CL113",)) == []

