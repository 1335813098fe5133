"""The declaration: schema, CL001 missing, CL002 invalid, CL003 mismatch, and CL201's use of it."""

from __future__ import annotations

import json

import pytest

from complint.declaration import SCHEMA_PATH, schema, validate_value

from helpers import run_cli, scan_app

CHAT = """\
import streamlit as st
from openai import OpenAI
client = OpenAI()
if q := st.chat_input("Ask"):
    st.write(client.chat.completions.create(model="m", messages=[{"role": "user", "content": q}]))
"""
DISCLOSED = CHAT + 'st.caption("You are chatting with an AI.")\n'


def found(result, code=None):
    return [(f.code, f.path, f.location.line) for f in result.findings if code is None or f.code == code]


def test_the_schema_is_valid_json_schema_and_shipped_in_the_package():
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft7Validator.check_schema(schema())
    assert SCHEMA_PATH.parent.parent.name == "complint"


SAMPLES = [
    {"audience": "consumer", "interfaces": ["chat", "web"], "domains": ["medical"]},
    {"audience": "consumers"},
    {"interfaces": "chat"},
    {"interfaces": ["chat", "chat"]},
    {"domains": ["healthcare"]},
    {"use-cases": ["", "x"]},
    {"personas": [{"name": "Jane Roe", "kind": "real", "consent": "docs/consent.pdf"}]},
    {"personas": [{"name": "Jane Roe"}]},
    {"personas": [{"name": "Jane Roe", "kind": "celebrity", "age": 3}]},
    {"publication": ["research", "demo"]},
    {"audiance": "consumer"},
    {"human-review": ["legal"]},
]


@pytest.mark.parametrize("sample", SAMPLES)
def test_our_validator_agrees_with_jsonschema(sample):
    jsonschema = pytest.importorskip("jsonschema")
    ours = validate_value(sample, schema(), "app")
    theirs = list(jsonschema.Draft7Validator(schema()).iter_errors(sample))
    assert bool(ours) == bool(theirs), (ours, [e.message for e in theirs])


def test_missing_declaration_is_a_warning_at_the_manifest(tmp_path):
    result = scan_app(tmp_path, {"app.py": CHAT, "pyproject.toml": "[project]\nname = 'x'\n"})
    assert found(result, "CL001") == [("CL001", "pyproject.toml", 1)]
    finding = next(f for f in result.findings if f.code == "CL001")
    assert finding.severity == "warning" and finding.confidence == "high"
    assert "an AI model API (openai)" in finding.message
    assert any("model call" in e.note for e in finding.evidence)


def test_a_model_sdk_dependency_alone_is_medium_confidence(tmp_path):
    result = scan_app(tmp_path, {"requirements.txt": "flask\nanthropic==0.30\n", "app.py": "import flask\n"})
    assert found(result) == [("CL001", "requirements.txt", 2)]
    assert result.findings[0].confidence == "medium"


def test_a_model_sdk_dependency_in_a_subfolder_manifest_alone(tmp_path):
    # the code that calls the model is ignored (a `lib/` line of the .gitignore): the
    # dependency of backend/pyproject.toml is all that shows the model, below the app's folder
    result = scan_app(tmp_path, {
        ".gitignore": "lib/\n",
        "README.md": "# bot\n",
        "backend/pyproject.toml": "[project]\nname = 'bot'\ndependencies = [\n  'fastapi',\n  'openai',\n]\n",
        "backend/app/lib/service.py": "import openai\n",
        "backend/app/main.py": "import fastapi\n",
    })
    assert found(result, "CL001") == [("CL001", "backend/pyproject.toml", 5)]


def test_no_ai_no_declaration_needed(tmp_path):
    result = scan_app(tmp_path, {"requirements.txt": "flask\n", "app.py": "import flask\n"})
    assert found(result) == []


def test_misspelt_audience_in_pyproject_is_cl002_with_line_and_suggestion(tmp_path):
    pyproject = '[project]\nname = "x"\n\n[tool.complint.app]\naudience = "consumers"\ninterfaces = ["chat"]\n'
    result = scan_app(tmp_path, {"pyproject.toml": pyproject, "app.py": CHAT})
    assert found(result, "CL002") == [("CL002", "pyproject.toml", 5)]
    message = next(f.message for f in result.findings if f.code == "CL002")
    assert message == (
        "The declaration is invalid: audience: 'consumers' is not one of consumer, business, internal; "
        "did you mean 'consumer'?"
    )
    assert "CL201" in [f.code for f in result.findings]  # everything else is still reported
    assert "CL001" not in [f.code for f in result.findings]


def test_broken_complint_yaml_is_cl002_and_the_scan_goes_on(tmp_path):
    result = scan_app(tmp_path, {"complint.yaml": "audience: consumer\ninterfaces: [chat\n", "app.py": CHAT})
    codes = [f.code for f in result.findings]
    assert codes.count("CL002") == 1 and "CL201" in codes
    cl002 = next(f for f in result.findings if f.code == "CL002")
    assert cl002.path == "complint.yaml" and cl002.message.startswith("The declaration is invalid: invalid YAML:")


@pytest.mark.parametrize(
    "yaml_text,message",
    [
        ("audiance: consumer\n", "audiance: unknown key; did you mean 'audience'?"),
        # A configuration setting put in the declaration says where it belongs.
        ("exclude: [legacy/]\n", "exclude: unknown key; 'exclude' is a configuration setting: it belongs in "
         ".complint.yaml (or [tool.complint] in pyproject.toml), not in the app's declaration"),
        ("interfaces: chat\n", 'interfaces: expected a list, e.g. ["chat"]'),
        ("domains: [healthcare]\n", "domains[0]: 'healthcare' is not one of medical, financial, legal, news"),
        ("personas:\n  - name: Jane Roe\n", "personas[0]: missing required key 'kind'"),
        ("personas:\n  - {name: Jo, kind: celeb}\n", "personas[0].kind: 'celeb' is not one of real, historical, fictional, brand"),
        ("publication: [demo, demo]\n", "publication: 'demo' is listed twice"),
        ("use-cases: [\"\"]\n", "use-cases[0]: must not be empty"),
        ("- chat\n", "expected a mapping of keys such as audience and interfaces"),
    ],
)
def test_every_declaration_message(tmp_path, yaml_text, message):
    result = scan_app(tmp_path, {"complint.yaml": yaml_text})
    messages = [f.message for f in result.findings if f.code == "CL002"]
    assert messages == [f"The declaration is invalid: {message}"]


def test_two_declarations_at_the_root(tmp_path):
    files = {"complint.yaml": "audience: consumer\n", "pyproject.toml": "[tool.complint.app]\naudience = 'consumer'\n"}
    result = scan_app(tmp_path, files)
    (finding,) = [f for f in result.findings if f.code == "CL002"]
    assert "a second declaration" in finding.message


def test_a_declared_persona_never_used_is_fine(tmp_path):
    files = {"complint.yaml": "audience: consumer\ninterfaces: [chat]\npersonas:\n  - {name: Ada Lovelace, kind: historical}\n",
             "app.py": DISCLOSED}
    assert found(scan_app(tmp_path, files)) == []


def test_chat_surface_with_batch_interfaces_is_a_mismatch(tmp_path):
    files = {"complint.yaml": "audience: internal\ninterfaces: [batch]\n", "app.py": DISCLOSED}
    result = scan_app(tmp_path, files)
    assert found(result) == [("CL003", "complint.yaml", 2)]
    assert "streamlit chat surface (st.chat_input)" in result.findings[0].message


@pytest.mark.parametrize(
    "prompt,domain",
    [
        ("You are a medical assistant. Ask about the patient's symptoms.", "medical"),
        ("You are a financial adviser giving investment advice.", "financial"),
        ("Answer legal questions like an experienced attorney.", "legal"),
        ("Summarise today's news headlines.", "news"),
    ],
)
def test_domain_in_prompts_missing_from_the_declaration(tmp_path, prompt, domain):
    src = DISCLOSED.replace('[{"role": "user", "content": q}]', f'[{{"role": "system", "content": {prompt!r}}}, {{"role": "user", "content": q}}]')
    result = scan_app(tmp_path, {"complint.yaml": "audience: business\ninterfaces: [chat]\n", "app.py": src})
    assert [f.code for f in result.findings] == ["CL003"]
    assert f"points to a {domain} use" in result.findings[0].message
    assert result.findings[0].location.line == 1  # no domains key: the declaration's start
    declared = scan_app(tmp_path / "ok", {"complint.yaml": f"audience: business\ninterfaces: [chat]\ndomains: [{domain}]\n", "app.py": src})
    assert found(declared) == []


@pytest.mark.parametrize(
    "prompt",
    [
        "Be patient and kind. Fix the build error.",  # "patient" is not "patients"
        "You are a code reviewer. Diagnose failing tests.",
        "Write a newsletter intro about our product.",  # "newsletter" is not "news"
        "This is not medical advice; help plan meals.",  # negated
        "Keep track of stock levels in the warehouse.",  # "stock" is not "stocks"
    ],
)
def test_domain_words_that_are_not_the_domain(tmp_path, prompt):
    src = DISCLOSED.replace('[{"role": "user", "content": q}]', f'[{{"role": "system", "content": {prompt!r}}}, {{"role": "user", "content": q}}]')
    result = scan_app(tmp_path, {"complint.yaml": "audience: business\ninterfaces: [chat]\n", "app.py": src})
    assert found(result) == []


def test_declared_chat_interface_without_a_detected_surface_still_needs_disclosure(tmp_path):
    src = "from openai import OpenAI\nclient = OpenAI()\ndef reply(text):\n    return client.chat.completions.create(model='m', messages=[])\n"
    result = scan_app(tmp_path, {"complint.yaml": "audience: consumer\ninterfaces: [voice]\n", "bot.py": src})
    assert found(result) == [("CL201", "complint.yaml", 2)]
    assert result.findings[0].message.startswith("The declared voice interface lets users converse")


def test_an_endpoint_of_a_declared_api_only_app_needs_no_disclosure(tmp_path):
    src = """\
    from fastapi import FastAPI
    from openai import OpenAI
    app = FastAPI()
    client = OpenAI()
    @app.post("/v1/summarise")
    def summarise(body: dict):
        return client.chat.completions.create(model="m", messages=[{"role": "user", "content": body["text"]}])
    """
    assert found(scan_app(tmp_path / "api", {"complint.yaml": "audience: business\ninterfaces: [api]\n", "main.py": src})) == []
    web = scan_app(tmp_path / "web", {"complint.yaml": "audience: consumer\ninterfaces: [web, api]\n", "main.py": src})
    assert found(web) == [("CL201", "main.py", 5)]


def test_cli_json_reports_the_declaration_findings(tmp_path):
    scan_app(tmp_path, {"complint.yaml": "audience: consumers\n", "app.py": DISCLOSED})
    data = json.loads(run_cli(["scan", str(tmp_path), "--format", "json"]).stdout)
    assert [(f["rule"], f["line"]) for f in data["findings"]] == [("CL002", 1)]
