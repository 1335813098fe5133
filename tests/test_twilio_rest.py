"""Twilio's Messages API posted to over plain HTTP, without the SDK: a route that answers a
text message with the model, replying by a POST of Twilio's form (To, From, Body), talks to
people on SMS or WhatsApp, whatever module builds the URL."""

from __future__ import annotations

import pytest
from helpers import scan_app

# Python: a Flask SMS homework tutor; the reply posted to Twilio's REST API with requests.
FLASK_APP = '''\
import os
import requests
from flask import Flask, request
from openai import OpenAI

app = Flask(__name__)
client = OpenAI()
SID = os.environ["TWILIO_SID"]
URL = f"https://api.twilio.com/2010-04-01/Accounts/{SID}/Messages.json"


def tutor(question):
    r = client.chat.completions.create(model="m", messages=[{"role": "user", "content": question}])
    return r.choices[0].message.content


@app.post("/sms")
def sms():
    answer = tutor(request.form["Body"])
    requests.post(URL, data={"To": request.form["From"], "From": os.environ["NUMBER"], "Body": answer}, auth=(SID, "t"))
    return "", 204
'''

# JS: an Express route, a controller asking the model, a sender module whose URL is a
# function of a config module.
JS_FILES = {
    "routes/sms.js": (
        'const express = require("express");\nconst router = express.Router();\n'
        'const tutor = require("../controllers/tutor");\nrouter.post("/sms", tutor.incoming);\nmodule.exports = router;\n'
    ),
    "controllers/tutor.js": (
        'const { OpenAI } = require("openai");\nconst { send } = require("../services/sender");\n'
        "const client = new OpenAI();\n"
        "exports.incoming = async (req, res) => {\n"
        '  const r = await client.chat.completions.create({ model: "m", messages: [{ role: "user", content: req.body.Body }] });\n'
        "  await send(req.body.From, r.choices[0].message.content);\n"
        "  res.sendStatus(204);\n};\n"
    ),
    "services/sender.js": (
        'const axios = require("axios");\nconst settings = require("../settings");\n'
        "async function send(to, text) {\n"
        "  await axios.post(settings.messagesUrl(settings.sid), new URLSearchParams({ To: to, From: settings.number, Body: text }));\n"
        "}\nmodule.exports = { send };\n"
    ),
    "settings.js": (
        "module.exports = {\n  sid: process.env.SID,\n  number: process.env.NUMBER,\n"
        "  messagesUrl: (sid) => `https://api.twilio.com/2010-04-01/Accounts/${sid}/Messages.json`,\n};\n"
    ),
}


def _cl201(result):
    return [f.location.path for f in result.findings if f.code == "CL201"]


@pytest.mark.parametrize("prefilter", [True, False])
def test_a_flask_route_replying_through_twilios_rest_api_is_a_conversation(tmp_path, prefilter):
    result = scan_app(tmp_path, {"app.py": FLASK_APP}, cache=False, prefilter=prefilter)
    assert _cl201(result) == ["app.py"]


@pytest.mark.parametrize("prefilter", [True, False])
def test_an_express_app_replying_through_twilios_rest_api_from_another_module_is_a_conversation(tmp_path, prefilter):
    result = scan_app(tmp_path, JS_FILES, cache=False, prefilter=prefilter)
    assert _cl201(result) == ["routes/sms.js"]


def test_the_reply_sent_as_body_is_what_people_read(tmp_path):
    app = FLASK_APP.replace('"Body": answer}', '"Body": "AI tutor (automated): " + answer}')
    assert _cl201(scan_app(tmp_path / "py", {"app.py": app}, cache=False)) == []
    files = dict(JS_FILES)
    files["services/sender.js"] = files["services/sender.js"].replace("Body: text", "Body: `AI tutor (automated): ${text}`")
    assert _cl201(scan_app(tmp_path / "js", files, cache=False)) == []


def test_without_twilios_send_the_route_answers_another_program(tmp_path):
    app = FLASK_APP.replace('    requests.post(URL, data={"To": request.form["From"], "From": os.environ["NUMBER"], "Body": answer}, auth=(SID, "t"))\n', "")
    assert _cl201(scan_app(tmp_path, {"app.py": app}, cache=False)) == []


def test_a_form_without_twilios_three_fields_is_no_message(tmp_path):
    # a CRM's note API takes a Body and a To, but no From: not Twilio's form
    app = FLASK_APP.replace('"From": os.environ["NUMBER"], ', "")
    assert _cl201(scan_app(tmp_path / "py", {"app.py": app}, cache=False)) == []
    files = dict(JS_FILES)
    files["services/sender.js"] = files["services/sender.js"].replace("From: settings.number, ", "")
    assert _cl201(scan_app(tmp_path / "js", files, cache=False)) == []


def test_the_inbound_form_posted_to_the_apps_own_url_is_no_send(tmp_path):
    # a script that tests the webhook posts Twilio's inbound form to the app: not a reply
    files = {k: v for k, v in JS_FILES.items() if k != "services/sender.js"}
    files["controllers/tutor.js"] = files["controllers/tutor.js"].replace(
        'const { send } = require("../services/sender");\n', ""
    ).replace("  await send(req.body.From, r.choices[0].message.content);\n", "")
    files["scripts/try-webhook.js"] = (
        'const axios = require("axios");\n'
        'axios.post("http://localhost:3000/sms", { To: "+15550001", From: "+15550002", Body: "Are you a bot?" });\n'
    )
    result = scan_app(tmp_path, files, cache=False)
    assert [c for f in result.project.files for c in f.library_calls] == []
    assert _cl201(result) == []
