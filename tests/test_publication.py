"""CL501 on whole projects: outputs used in live streams, demos or research."""

from __future__ import annotations

from helpers import run_cli, scan_app as scan_any, write_app

COHOST = """\
import os
from twitchio.ext import commands
from openai import OpenAI

client = OpenAI()

class CoHost(commands.Bot):
    async def event_message(self, message):
        reply = client.chat.completions.create(model="m", messages=[{"role": "user", "content": message.content}])
        await message.channel.send(reply.choices[0].message.content)
"""


def scan_app(root, files=None, **overrides):
    """These tests are about CL501; other checks are not their concern."""
    return scan_any(root, files, select=("CL501",), **overrides)


def found(result):
    return [(f.path, f.location.line, f.category, f.confidence) for f in result.findings]


def test_each_declared_publication_is_one_info_finding_at_the_declaration(tmp_path):
    declaration = "audience: internal\ninterfaces: [batch]\npublication: [research, demo]\n"
    result = scan_app(tmp_path, {"complint.yaml": declaration})
    assert found(result) == [
        ("complint.yaml", 3, "demo", "high"),
        ("complint.yaml", 3, "research", "high"),
    ]
    assert {f.severity for f in result.findings} == {"info"}
    messages = sorted(f.message for f in result.findings)
    assert messages[0] == (
        "Model outputs are used in demonstrations (declared in publication: 'demo'): the provider's "
        "Sharing & Publication Policy applies to them"
    )
    assert all(f.clause.endswith("is subject to our Sharing & Publication Policy.") for f in result.findings)


def test_a_declared_livestream_interface_counts_once_with_the_streaming_import_as_evidence(tmp_path):
    declaration = "audience: consumer\ninterfaces: [livestream, chat]\npublication: [livestream]\n"
    result = scan_app(tmp_path, {"complint.yaml": declaration, "cohost.py": COHOST})
    assert found(result) == [("complint.yaml", 3, "livestream", "high")]
    assert [(e.path, e.line, e.note) for e in result.findings[0].evidence] == [("cohost.py", 1, "imports twitchio")]


def test_an_undeclared_stream_integration_in_an_ai_app_is_reported_at_the_importing_file(tmp_path):
    result = scan_app(tmp_path, {"cohost.py": COHOST})
    assert found(result) == [("cohost.py", 1, "livestream", "medium")]
    finding = result.findings[0]
    assert "the app imports twitchio, a live-streaming integration, and calls a model" in finding.message
    assert any("model call" in e.note for e in finding.evidence)


def test_obs_and_youtube_live_chat_libraries_count(tmp_path):
    code = "import obsws_python as obs\nimport pytchat\nimport anthropic\nanthropic.Anthropic()\n"
    assert [f.category for f in scan_app(tmp_path, {"overlay.py": code}).findings] == ["livestream"]


def test_streaming_without_a_model_or_a_model_without_streaming_is_nothing(tmp_path):
    overlay = "import obsws_python as obs\nobs.ReqClient(host='localhost').set_current_program_scene('Live')\n"
    assert found(scan_app(tmp_path / "overlay", {"overlay.py": overlay})) == []
    chatbot = "from openai import OpenAI\nOpenAI().chat.completions.create(model='m', messages=[])\n"
    assert found(scan_app(tmp_path / "chatbot", {"app.py": chatbot})) == []
    declared_none = "audience: consumer\ninterfaces: [chat]\npublication: []\n"
    assert found(scan_app(tmp_path / "declared", {"complint.yaml": declared_none})) == []


def test_an_info_finding_does_not_fail_the_scan_unless_asked(tmp_path):
    app = write_app(tmp_path, {"complint.yaml": "audience: internal\ninterfaces: [batch]\npublication: [research]\n"})
    result = run_cli(["scan", "."], cwd=app)
    assert result.exit_code == 0
    assert result.stdout.startswith("complint.yaml:3:1: CL501 [info] Model outputs are used in research")
    assert run_cli(["scan", ".", "--fail-on", "info"], cwd=app).exit_code == 1


def test_the_streaming_file_need_not_call_the_model_itself(tmp_path):
    cohost = (
        "from twitchio.ext import commands\nfrom helpers import ask\n\n"
        "class CoHost(commands.Bot):\n    async def event_message(self, message):\n"
        "        await message.channel.send(ask(message.content))\n"
    )
    helpers = (
        "from openai import OpenAI\nclient = OpenAI()\n"
        "def ask(q):\n    return client.chat.completions.create(model='m', messages=[{'role': 'user', 'content': q}])\n"
    )
    result = scan_app(tmp_path, {"cohost.py": cohost, "helpers.py": helpers})
    assert found(result) == [("cohost.py", 1, "livestream", "medium")]
