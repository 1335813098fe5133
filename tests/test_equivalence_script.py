"""benchmarks/equivalence.py: the prefilter, the cache and the replay, compared on real apps."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from helpers import load_benchmark

E = load_benchmark("equivalence.py", "equivalence_benchmark")

APP = (
    "import streamlit as st\nfrom openai import OpenAI\n\n"
    "q = st.chat_input('Ask')\n"
    "st.write(OpenAI().chat.completions.create(model='m', messages=[{'role': 'user', 'content': q}]))\n"
)


def test_the_script_scans_each_clone_five_ways_and_finds_them_the_same(tmp_path, capsys):
    clone = tmp_path / "field" / "streamlit+llm-examples"  # a repository of the first field test
    (clone / ".git").mkdir(parents=True)
    (clone / "app.py").write_text(APP)
    (clone / "notes.py").write_text("def broken(:\n")  # a syntax error only --no-prefilter sees
    out = tmp_path / "result.json"
    code = E.main(["--field-dir", str(tmp_path / "field"), "--json", str(out),
                   "--complint", str(Path(sys.executable).parent / "complint")])
    result = json.loads(out.read_text())["streamlit+llm-examples"]
    assert code == 0 and result["differences"] == {} and result["findings"] >= 1
    assert "1 repositories: 1 the same in all five runs" in capsys.readouterr().out


def test_a_difference_in_findings_exit_code_or_problems_is_reported():
    finding = {"code": "CL201", "path": "app.py", "line": 4}
    reference = (1, {"findings": [finding], "errors": [{"path": "x.py", "message": "syntax error"}]}, False)
    assert E.differences(reference, (1, {"findings": [finding], "errors": []}, True)) == []
    assert E.differences(reference, (0, {"findings": [finding], "errors": []}, True)) == ["exit code 0, reference 1"]
    found = E.differences(reference, (1, {"findings": [], "errors": []}, False))
    assert found and found[0].startswith("missing finding")
    found = E.differences(reference, (1, {"findings": [finding], "errors": [{"path": "y.py", "message": "odd"}]}, False))
    assert found and found[0].startswith("problem not in the reference")
    assert E.differences(reference, (2, "complint: internal error", False)) == ["no JSON report"]
