"""complint pays only for the parsers it uses: `--version` and a small scan stay light."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import write_app

REPO = Path(__file__).resolve().parent.parent
HEAVY = ("yaml", "pathspec", "tree_sitter")

_PROBE = """\
import sys
sys.argv = ["complint"] + sys.argv[1:]
from complint.cli import main
try:
    main()
except SystemExit:
    pass
names = sorted(sys.modules)
import json
print(json.dumps(names), file=sys.stderr)
"""


def loaded(*args: str, cwd: Path = REPO, top_level: bool = True, bytecode: bool = False) -> set:
    """The (top-level) modules a fresh `complint ARGS` process has imported when it ends;
    `bytecode`: where Python writes bytecode, as an installed complint does (the stores
    beside it are read)."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    names = json.loads(done.stderr.strip().splitlines()[-1])
    return {name.split(".")[0] for name in names} if top_level else set(names)


def test_version_imports_no_parser_and_no_loader():
    modules = loaded("--version")
    assert not modules & set(HEAVY), modules & set(HEAVY)
    # Nor the configuration, the policy pack or the facts: only the command line itself.
    assert not {"complint.config", "complint.policy", "complint.facts", "complint.engine"} & loaded("--version", top_level=False)


def test_a_scan_without_python_to_parse_does_not_import_the_extractor(tmp_path):
    write_app(tmp_path, {"util.py": "def add(a, b):\n    return a + b\n", "README.md": "# Tools\n"})
    modules = loaded("scan", str(tmp_path), "--no-cache", cwd=tmp_path, top_level=False)
    assert "complint.extract.python" not in modules and "tree_sitter" not in modules


def test_python_is_parsed_with_the_standard_library_and_a_warm_scan_parses_nothing(tmp_path):
    write_app(tmp_path, {"app.py": "from openai import OpenAI\nOpenAI().chat.completions.create(model='m', messages=[])\n"})
    cold = loaded("scan", str(tmp_path), cwd=tmp_path, top_level=False)
    assert "complint.extract.python" in cold  # cold: it parses app.py
    assert not {m for m in cold if m.split(".")[0] == "libcst"}  # with `ast`, not libcst
    warm = loaded("scan", str(tmp_path), cwd=tmp_path, top_level=False)
    assert "complint.extract.python" not in warm  # warm: the cache knows it
    assert "yaml" not in {m.split(".")[0] for m in warm}  # nor the pack's YAML: the cache keeps it parsed


def test_a_readme_without_front_matter_needs_no_yaml_parser():
    probe = ("import sys\nfrom complint.extract.manifests import _readme\n"
             "_readme('# Tools\\nA bot.\\n', 'README.md')\nprint('yaml' in sys.modules)\n"
             "_readme('---\\ntitle: Bot\\nsdk: gradio\\n---\\n# Bot\\n', 'README.md')\nprint('yaml' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["False", "True"], done.stderr


# What neither a scan of an empty folder nor a cold scan of a small Python app needs: the
# other languages' parsers and extractors, JSON (no cache, no JSON file) and HTML.
NOT_FOR_PYTHON = {
    "tree_sitter", "libcst", "pathspec", "json", "html", "complint.extract.javascript",
    "complint.extract.markup", "complint.extract.configs",
}


@pytest.mark.parametrize("files", [{}, {
    "app.py": "from openai import OpenAI\nfrom helpers import ask\nprint(ask(OpenAI(), input()))\n",
    "helpers.py": "def ask(client, text):\n    return client.chat.completions.create(model='m', messages=[text])\n",
    "requirements.txt": "openai\n", "README.md": "# Tools\nA bot.\n",
}], ids=["empty folder", "small Python app"])
def test_a_cold_scan_imports_only_what_its_files_need(tmp_path, files):
    write_app(tmp_path, files)
    loaded("scan", str(tmp_path), "--no-cache", cwd=tmp_path, bytecode=True)  # the stores are written
    modules = loaded("scan", str(tmp_path), "--no-cache", cwd=tmp_path, top_level=False, bytecode=True)
    assert not NOT_FOR_PYTHON & modules, NOT_FOR_PYTHON & modules
    assert ("complint.extract.python" in modules) == bool(files)
