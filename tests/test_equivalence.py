"""The prefilter and the cache never change a report: every example, every fixture app of
the value-flow tests and a mixed corpus, scanned with and without each."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Dict

import pytest
import test_call_graph as call_graph
import test_flow as flow
import test_prefilter as prefilter
import test_user_sinks as sinks
import test_value_sources as sources
from helpers import scan_app, write_app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _fixture_apps() -> Dict[str, Dict[str, str]]:
    apps: Dict[str, Dict[str, str]] = {}
    for layout, files in flow.LAYOUTS.items():
        for notice_name, notice in (("notice", flow.AI_NOTICE), ("no notice", flow.NO_NOTICE)):
            apps[f"flow: {layout}, {notice_name}"] = {p: t.replace("{notice}", notice) for p, t in files.items()}
    apps["flow: prompt from a module"] = {"app.py": flow.PROMPT_USER, "roles.py": flow.MEDICAL_PROMPT}
    apps["call graph: through two modules"] = call_graph._app(call_graph.CLIENT)
    apps["call graph: no model"] = call_graph._app(call_graph.NO_MODEL)
    apps["sinks: flask page"] = {"app.py": sinks.FLASK_CHAT.format(notice="Answers come from an AI model.")}
    apps["sources: data file"] = {
        "app.py": sources.DATA_APP.format(path="people.yaml", pick="random.choice(PEOPLE)['name']"),
        "people.yaml": "- name: Taylor Swift\n",
    }
    mixed = {"app.py": prefilter.STREAMLIT_CHAT}
    for number, (_, extra) in enumerate(prefilter.EDGES.values()):
        mixed.update({f"edge{number}/{rel}": text for rel, text in extra.items()})
    apps["mixed corpus"] = mixed
    return apps


FIXTURES = _fixture_apps()


def _report(result):
    return [f.sort_key() for f in result.findings], result.findings, [(p.path, p.line, p.message) for p in result.problems]


def _all_the_same(root: Path) -> None:
    plain = _report(scan_app(root, cache=False, jobs=1, prefilter=False))
    assert _report(scan_app(root, cache=True, jobs=1)) == plain  # cold: the cache is written
    assert _report(scan_app(root, cache=True, jobs=1)) == plain  # warm: read from it
    assert _report(scan_app(root, cache=True, jobs=1, prefilter=False)) == plain


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir()))
def test_every_example_reports_the_same_with_and_without_prefilter_and_cache(tmp_path, example):
    shutil.copytree(EXAMPLES / example, tmp_path / example)
    _all_the_same(tmp_path / example)


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_every_fixture_app_reports_the_same_with_and_without_prefilter_and_cache(tmp_path, name):
    write_app(tmp_path, FIXTURES[name])
    _all_the_same(tmp_path)
