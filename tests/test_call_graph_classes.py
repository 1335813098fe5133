"""JS/TS call graph across modules, through a file's own helpers and the methods of another
module's class: a route whose handler calls a local helper, which makes an instance of a
service class another module exports and calls its method, which asks the model."""

from __future__ import annotations

import pytest
from helpers import scan_app

ROUTES = (
    'const express = require("express");\nconst router = express.Router();\n'
    'const concierge = require("../controllers/concierge");\n'
    'router.post("/ask", concierge.handle);\nmodule.exports = router;\n'
)
PAGE = '<form id="ask"><input name="q" placeholder="Ask about your stay"><button>Send</button></form>\n'

# The controller: an exported handler that calls a helper of its own file, which uses the class.
CONTROLLERS = {
    "commonjs class": (
        'const Helper = require("../services/helper");\n'
        "async function answerGuest(question) {\n"
        "  const helper = new Helper();\n"
        "  return await helper.reply(question);\n"
        "}\n"
        "async function handle(req, res) {\n"
        "  const text = await answerGuest(req.body.q);\n"
        "  res.json({ text });\n"
        "}\n"
        "module.exports = { handle };\n"
    ),
    "commonjs singleton": (
        'const helper = require("../services/helper");\n'
        "async function answerGuest(question) {\n"
        "  return await helper.reply(question);\n"
        "}\n"
        "exports.handle = async (req, res) => {\n"
        "  res.json({ text: await answerGuest(req.body.q) });\n"
        "};\n"
    ),
    "esm named class": (
        'import { Helper } from "../services/helper.js";\n'
        "async function answerGuest(question) {\n"
        "  const helper = new Helper();\n"
        "  return helper.reply(question);\n"
        "}\n"
        "export async function handle(req, res) {\n"
        "  res.json({ text: await answerGuest(req.body.q) });\n"
        "}\n"
    ),
}
# The service: a class whose method asks the model through another of its methods.
_CLASS = (
    "class Helper {\n"
    "  constructor() { this.model = \"m\"; }\n"
    "  async reply(question) {\n"
    "    return this.complete([{ role: \"user\", content: question }]);\n"
    "  }\n"
    "  async complete(messages) {\n"
    "    return askModel(messages, this.model);\n"
    "  }\n"
    "}\n"
)
SERVICES = {
    "commonjs class": 'const { askModel } = require("./llm");\n' + _CLASS + "module.exports = Helper;\n",
    "commonjs singleton": 'const { askModel } = require("./llm");\n' + _CLASS + "module.exports = new Helper();\n",
    "esm named class": 'import { askModel } from "./llm.js";\nexport ' + _CLASS,
}
LLM = {
    "commonjs": (
        'const { OpenAI } = require("openai");\nconst client = new OpenAI();\n'
        "async function askModel(messages, model) {\n"
        "  const r = await client.chat.completions.create({ model, messages });\n"
        "  return r.choices[0].message.content;\n"
        "}\nmodule.exports = { askModel };\n"
    ),
    "esm": (
        'import OpenAI from "openai";\nconst client = new OpenAI();\n'
        "export async function askModel(messages, model) {\n"
        "  const r = await client.chat.completions.create({ model, messages });\n"
        "  return r.choices[0].message.content;\n"
        "}\n"
    ),
}


def _app(kind: str, **changes: str) -> dict:
    files = {
        "server/routes/concierge.js": ROUTES,
        "server/controllers/concierge.js": CONTROLLERS[kind],
        "server/services/helper.js": SERVICES[kind],
        "server/services/llm.js": LLM["esm" if kind.startswith("esm") else "commonjs"],
        "public/index.html": PAGE,
    }
    files.update(changes)
    return files


def _surfaces(result):
    return [(s.location.path, s.kind) for s in result.project.chat_surfaces]


@pytest.mark.parametrize("prefilter", [True, False])
@pytest.mark.parametrize("kind", sorted(CONTROLLERS))
def test_a_route_reaching_the_model_through_a_helper_and_another_modules_class_is_a_chat(tmp_path, kind, prefilter):
    result = scan_app(tmp_path, _app(kind), cache=False, prefilter=prefilter)
    assert _surfaces(result) == [("server/routes/concierge.js", "web-route")]
    assert [f.location.path for f in result.findings if f.code == "CL201"] == ["server/routes/concierge.js"]


def test_a_class_method_that_reaches_no_model_makes_no_chat(tmp_path):
    # the same shape, but the method the controller calls only stores the question
    service = SERVICES["commonjs class"].replace(
        "    return this.complete([{ role: \"user\", content: question }]);", "    return question.trim();"
    )
    result = scan_app(tmp_path, _app("commonjs class", **{"server/services/helper.js": service}), cache=False)
    assert _surfaces(result) == []


def test_a_helper_the_handler_never_calls_makes_no_chat(tmp_path):
    controller = CONTROLLERS["commonjs class"].replace(
        "  const text = await answerGuest(req.body.q);", "  const text = String(req.body.q).length;"
    )
    result = scan_app(tmp_path, _app("commonjs class", **{"server/controllers/concierge.js": controller}), cache=False)
    assert _surfaces(result) == []


def test_an_instance_bound_more_than_once_or_of_a_package_class_is_not_followed(tmp_path):
    # `helper` is also bound to a package's client: which `reply` runs cannot be told
    rebound = CONTROLLERS["commonjs class"].replace(
        "  return await helper.reply(question);", '  helper = require("guest-cache").client;\n  return await helper.reply(question);'
    ).replace("  const helper = new Helper();", "  let helper = new Helper();")
    result = scan_app(tmp_path / "a", _app("commonjs class", **{"server/controllers/concierge.js": rebound}), cache=False)
    assert _surfaces(result) == []
    package = CONTROLLERS["commonjs class"].replace('require("../services/helper")', 'require("guest-helper")')
    result = scan_app(tmp_path / "b", _app("commonjs class", **{"server/controllers/concierge.js": package}), cache=False)
    assert _surfaces(result) == []


def test_a_method_of_a_class_the_module_does_not_export_is_not_reached(tmp_path):
    # the module exports a function; the class it declares is its own
    service = SERVICES["commonjs class"].replace("module.exports = Helper;", "module.exports = { make: () => 1 };")
    result = scan_app(tmp_path, _app("commonjs class", **{"server/services/helper.js": service}), cache=False)
    assert _surfaces(result) == []


# Python: the same concierge, a Flask route, a helper of its own file and a service class.
PY_FILES = {
    "concierge/__init__.py": "",
    "concierge/routes.py": (
        "from flask import Flask, request, jsonify\n"
        "from concierge.helper import Helper\n\n"
        "app = Flask(__name__)\n\n\n"
        "def answer_guest(question):\n"
        "    helper = Helper()\n"
        "    return helper.reply(question)\n\n\n"
        '@app.post("/ask")\n'
        "def ask():\n"
        '    return jsonify(text=answer_guest(request.json["q"]))\n'
    ),
    "concierge/helper.py": (
        "from concierge.llm import ask_model\n\n\n"
        "class Helper:\n"
        "    def reply(self, question):\n"
        '        return self.complete([{"role": "user", "content": question}])\n\n'
        "    def complete(self, messages):\n"
        "        return ask_model(messages)\n"
    ),
    "concierge/llm.py": (
        "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
        "def ask_model(messages):\n"
        '    r = client.chat.completions.create(model="m", messages=messages)\n'
        "    return r.choices[0].message.content\n"
    ),
    "templates/index.html": PAGE,
}


@pytest.mark.parametrize("prefilter", [True, False])
@pytest.mark.parametrize("call", ["helper = Helper()\n    return helper.reply(question)", "return Helper().reply(question)"])
def test_python_a_route_reaching_the_model_through_another_modules_class_is_a_chat(tmp_path, call, prefilter):
    files = dict(PY_FILES)
    files["concierge/routes.py"] = files["concierge/routes.py"].replace(
        "helper = Helper()\n    return helper.reply(question)", call
    )
    result = scan_app(tmp_path, files, cache=False, prefilter=prefilter)
    assert _surfaces(result) == [("concierge/routes.py", "web-route")]
    assert [f.location.path for f in result.findings if f.code == "CL201"] == ["concierge/routes.py"]


def test_python_a_method_that_reaches_no_model_or_an_instance_bound_twice_is_not_followed(tmp_path):
    files = dict(PY_FILES)
    files["concierge/helper.py"] = files["concierge/helper.py"].replace(
        '        return self.complete([{"role": "user", "content": question}])', "        return question.strip()"
    )
    assert _surfaces(scan_app(tmp_path / "a", files, cache=False)) == []
    files = dict(PY_FILES)
    files["concierge/routes.py"] = files["concierge/routes.py"].replace(
        "    helper = Helper()\n", "    helper = Helper()\n    if not question:\n        helper = Cache()\n"
    )
    assert _surfaces(scan_app(tmp_path / "b", files, cache=False)) == []


def test_python_a_method_name_two_classes_share_is_not_followed(tmp_path):
    # `reply` is defined twice in the module: which one the name means cannot be told
    files = dict(PY_FILES)
    files["concierge/helper.py"] = (
        "class Echo:\n    def reply(self, question):\n        return question\n\n\n" + files["concierge/helper.py"]
    )
    assert _surfaces(scan_app(tmp_path, files, cache=False)) == []


DESK = (
    "from flask import Flask, request, jsonify\n"
    "from concierge.helper import Helper\n\n"
    "app = Flask(__name__)\n\n\n"
    "class Desk:\n"
    "    def __init__(self):\n"
    "        self.helper = Helper()\n\n"
    "    def answer_guest(self, question):\n"
    "        return self.helper.reply(question)\n\n\n"
    "desk = Desk()\n\n\n"
    '@app.post("/ask")\n'
    "def ask():\n"
    '    return jsonify(text=desk.answer_guest(request.json["q"]))\n'
)


@pytest.mark.parametrize("prefilter", [True, False])
def test_python_an_instance_of_the_files_own_class_keeping_another_modules_service_is_followed(tmp_path, prefilter):
    # desk.answer_guest(): a class of this file; self.helper: bound once, in __init__, to Helper()
    files = dict(PY_FILES, **{"concierge/routes.py": DESK})
    result = scan_app(tmp_path, files, cache=False, prefilter=prefilter)
    assert _surfaces(result) == [("concierge/routes.py", "web-route")]


def test_python_an_attribute_bound_twice_or_an_object_of_unknown_class_is_not_followed(tmp_path):
    twice = DESK.replace("        self.helper = Helper()\n", "        self.helper = Helper()\n\n    def reset(self):\n        self.helper = None\n")
    files = dict(PY_FILES, **{"concierge/routes.py": twice})
    assert _surfaces(scan_app(tmp_path / "a", files, cache=False)) == []
    unknown = DESK.replace("desk = Desk()", "desk = make_desk()")
    files = dict(PY_FILES, **{"concierge/routes.py": unknown})
    assert _surfaces(scan_app(tmp_path / "b", files, cache=False)) == []


JS_DESK = (
    'const Helper = require("../services/helper");\n'
    "class Desk {\n"
    "  constructor() { this.helper = new Helper(); }\n"
    "  async answerGuest(question) { return this.helper.reply(question); }\n"
    "}\n"
    "const desk = new Desk();\n"
    "async function handle(req, res) {\n"
    "  res.json({ text: await desk.answerGuest(req.body.q) });\n"
    "}\n"
    "module.exports = { handle };\n"
)


def test_a_service_kept_in_this_by_the_constructor_is_followed(tmp_path):
    # desk.answerGuest is this file's; this.helper is bound once, to new Helper() of another module
    files = _app("commonjs class", **{"server/controllers/concierge.js": JS_DESK})
    assert _surfaces(scan_app(tmp_path / "a", files, cache=False)) == [("server/routes/concierge.js", "web-route")]
    twice = JS_DESK.replace("  async answerGuest", "  reset() { this.helper = null; }\n  async answerGuest")
    files = _app("commonjs class", **{"server/controllers/concierge.js": twice})
    assert _surfaces(scan_app(tmp_path / "b", files, cache=False)) == []
