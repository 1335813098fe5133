"""Baselines: known findings stay known across line moves; new ones, even identical, are reported."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from complint.baseline import (
    Baseline,
    BaselineEntry,
    BaselineError,
    filter_known,
    fingerprint,
    load_baseline,
    message_fingerprint,
    unique_fingerprints,
    write_baseline,
)
from complint.facts import Location
from complint.findings import Evidence, Finding

from helpers import run_cli, scan_app, write_app

ONLY = ("CL201", "CL9")
CHATBOT = """\
import streamlit as st
from openai import OpenAI

client = OpenAI()
st.title("Help desk")
if question := st.chat_input("Ask us anything"):
    answer = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": question}]
    )
    st.chat_message("assistant").write(answer.choices[0].message.content)
"""
UNUSED = "x = 1  # complint: ignore[CL201] reason: left over\n"


def finding(code="CL201", path="app.py", line=6, message="This chat UI has no disclosure", evidence=(),
            construct="chat-ui st.chat_input", category=""):
    return Finding(code, "n", "error", "high", message, Location(path, line, 16), "fix", "clause", "s", evidence,
                   category, construct)


def baseline_of(*findings) -> Baseline:
    return Baseline(Path("b.json"), tuple(BaselineEntry(fingerprint(f), f.code, f.path, f.message) for f in findings))


# --------------------------------------------------------------------------- fingerprints


def test_a_fingerprint_ignores_lines_columns_evidence_and_wording():
    base = finding()
    moved = replace(base, location=Location("app.py", 26, 3))
    more_evidence = replace(base, evidence=(Evidence("llm.py", 3, 1, "model call"),))
    rewrapped = replace(base, message="This  chat UI\nhas no disclosure")
    # What `complint init` does to a message: the reasoning changes, the finding does not.
    reasoned = replace(base, message="This chat UI serves consumers (declared audience) but has no disclosure")
    reformatted = replace(base, construct="chat-ui  st.chat_input\n")
    assert len({fingerprint(f) for f in (base, moved, more_evidence, rewrapped, reasoned, reformatted)}) == 1


def test_a_fingerprint_changes_with_the_rule_the_app_the_file_or_the_construct():
    base = fingerprint(finding())
    assert base != fingerprint(finding(code="CL301"))
    assert base != fingerprint(finding(path="other.py"))
    assert base != fingerprint(finding(construct="messaging-bot @bot.event on_message"))
    assert base != fingerprint(finding(category="medical"))
    assert fingerprint(replace(finding(), app=".")) == base  # the app at the scan root
    in_app = replace(finding(), app="apps/clinic")
    assert fingerprint(in_app) != base
    assert fingerprint(replace(in_app, app="apps/news")) != fingerprint(in_app)
    assert fingerprint(replace(in_app, message="reworded")) == fingerprint(in_app)


def test_a_line_number_quoted_in_a_message_does_not_change_the_fingerprint():
    assert fingerprint(finding(message="no finding on line 6 or 7")) == fingerprint(finding(message="no finding on line 26 or 27"))


def test_unique_fingerprints_tell_identical_findings_apart_stably():
    one, two = finding(line=6), finding(line=9)
    first = unique_fingerprints([one, two])
    assert len(set(first)) == 2 and first[0] == fingerprint(one)
    assert unique_fingerprints([replace(one, location=Location("app.py", 26, 1)), replace(two, location=Location("app.py", 29, 1))]) == first


# --------------------------------------------------------------------------- matching


def test_entries_are_counted_so_a_known_finding_hides_only_one_identical_finding():
    known = finding(line=6)
    new, outcome = filter_known([known, finding(line=30)], baseline_of(known))
    assert [f.location.line for f in new] == [30]
    assert (outcome.known, outcome.stale) == (1, ())


def test_entries_nothing_matches_are_stale():
    gone = finding(path="old.py")
    new, outcome = filter_known([finding()], baseline_of(finding(), gone, gone))
    assert new == ()
    assert outcome.known == 1
    assert [e.path for e in outcome.stale] == ["old.py", "old.py"]


# --------------------------------------------------------------------------- through the command line


def test_the_baseline_survives_inserting_twenty_lines_above_the_finding(tmp_path):
    write_app(tmp_path, {"app.py": CHATBOT})
    written = run_cli(["scan", ".", "--select", ",".join(ONLY), "--write-baseline", "complint-baseline.json"], cwd=tmp_path)
    assert written.exit_code == 0
    assert written.stderr == "complint: wrote 1 finding to baseline complint-baseline.json\n"
    assert written.stdout == ""
    document = json.loads((tmp_path / "complint-baseline.json").read_text())
    assert [(e["rule"], e["path"]) for e in document["findings"]] == [("CL201", "app.py")]
    assert "line" not in document["findings"][0]

    lines = CHATBOT.splitlines(keepends=True)
    padding = "".join(f"HELP_{n} = 'see the help desk wiki'\n" for n in range(20))
    (tmp_path / "app.py").write_text("".join(lines[:4]) + padding + "".join(lines[4:]))
    assert scan_app(tmp_path, select=ONLY).findings[0].location.line == 26  # it did move

    result = run_cli(["scan", ".", "--select", ",".join(ONLY), "--baseline", "complint-baseline.json"], cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stdout == "All clear: no findings in 1 file.\n"
    assert result.stderr == "complint: baseline complint-baseline.json: 1 known finding not shown\n"


def test_the_baseline_catches_a_new_finding_even_an_identical_one(tmp_path):
    write_app(tmp_path, {"app.py": CHATBOT, "util.py": UNUSED})
    assert run_cli(["scan", ".", "--select", ",".join(ONLY), "--write-baseline", "b.json"], cwd=tmp_path).exit_code == 0
    # The same leftover comment once more: same rule, file and message as the known one.
    (tmp_path / "util.py").write_text(UNUSED + "\n\n" + UNUSED)
    result = run_cli(["scan", ".", "--select", ",".join(ONLY), "--baseline", "b.json"], cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stdout.startswith("util.py:4:8: CL901 [warning] Unused suppression")
    assert "Found 1 finding (1 warning) in 2 files." in result.stdout
    assert result.stderr == "complint: baseline b.json: 2 known findings not shown\n"


def test_fixed_findings_make_baseline_entries_stale(tmp_path):
    write_app(tmp_path, {"app.py": CHATBOT, "util.py": UNUSED})
    run_cli(["scan", ".", "--select", ",".join(ONLY), "--write-baseline", "b.json"], cwd=tmp_path)
    (tmp_path / "util.py").write_text("x = 1\n")
    result = run_cli(["scan", ".", "--select", ",".join(ONLY), "--baseline", "b.json"], cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "complint: baseline b.json: 1 known finding not shown",
        "complint: baseline b.json: 1 entry is stale (fixed, or changed): CL901 in util.py; "
        "refresh it with `complint scan --write-baseline b.json`",
    ]


def test_the_baseline_from_configuration_is_relative_to_the_configuration_file(tmp_path):
    write_app(tmp_path, {"app.py": CHATBOT, "complint.toml": 'baseline = "ci/known.json"\nselect = ["CL201", "CL9"]\n'})
    (tmp_path / "ci").mkdir()
    assert run_cli(["scan", ".", "--write-baseline", "ci/known.json"], cwd=tmp_path).exit_code == 0
    result = run_cli(["scan", ".."], cwd=tmp_path / "ci")  # from elsewhere: the same file is found
    assert result.exit_code == 0
    assert result.stderr == "complint: baseline known.json: 1 known finding not shown\n"
    # Scanning part of the project: entries for files not scanned are not called stale.
    (tmp_path / "other.py").write_text("x = 1\n")
    result = run_cli(["scan", "other.py"], cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (0, "")


def test_write_baseline_ignores_the_configured_baseline(tmp_path):
    write_app(tmp_path, {"app.py": CHATBOT, "complint.toml": 'baseline = "missing.json"\nselect = ["CL201"]\n'})
    assert run_cli(["scan", ".", "--write-baseline", "missing.json"], cwd=tmp_path).exit_code == 0
    assert len(load_baseline(tmp_path / "missing.json").entries) == 1


@pytest.mark.parametrize(
    "content,message",
    [
        (None, "--baseline: {path} does not exist; write one with `complint scan --write-baseline {path}`"),
        ('{"findings": [\n', "{path}:2:1: invalid JSON: Expecting value; write one with `complint scan --write-baseline {path}`"),
        ('{"findings": []}', '{path}: not a complint baseline (no "complint-baseline": 2); write one with `complint scan --write-baseline {path}`'),
        ('{"complint-baseline": 1, "findings": {}}', '{path}: "findings": expected a list; write one with `complint scan --write-baseline {path}`'),
        ('{"complint-baseline": 1, "findings": [{"rule": "CL201"}]}',
         '{path}: "findings"[0]: expected fingerprint, rule and path as text; write one with `complint scan --write-baseline {path}`'),
    ],
)
def test_an_unusable_baseline_exits_2_naming_the_file_and_the_fix(tmp_path, content, message):
    write_app(tmp_path, {"app.py": CHATBOT})
    path = tmp_path / "b.json"
    if content is not None:
        path.write_text(content)
    result = run_cli(["scan", ".", "--baseline", "b.json"], cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr == f"complint: error: {message.format(path=path)}\n"


def test_a_missing_configured_baseline_names_the_setting(tmp_path):
    write_app(tmp_path, {"app.py": CHATBOT, "complint.toml": 'baseline = "known.json"\n'})
    result = run_cli(["scan", "."], cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"complint: error: {tmp_path / 'complint.toml'}: baseline: {tmp_path / 'known.json'} does not exist")


def test_write_baseline_to_an_unwritable_place_is_an_error(tmp_path):
    with pytest.raises(BaselineError, match=r"--write-baseline: cannot write .*nowhere/b\.json"):
        write_baseline(tmp_path / "nowhere" / "b.json", [finding()])


def test_unreadable_baselines_name_the_file(tmp_path):
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(BaselineError) as raised:
        load_baseline(tmp_path / "binary.json")
    assert str(raised.value) == (
        f"{tmp_path / 'binary.json'}: not a complint baseline (not UTF-8 text); "
        f"write one with `complint scan --write-baseline {tmp_path / 'binary.json'}`"
    )
    (tmp_path / "folder.json").mkdir()
    with pytest.raises(BaselineError, match=r"^--baseline: cannot read .*folder\.json: Is a directory$"):
        load_baseline(tmp_path / "folder.json")


def test_many_stale_entries_are_counted_and_the_first_five_named(tmp_path):
    write_app(tmp_path, {"app.py": "x = 1\n"})
    entries = [{"fingerprint": f"gone{n}", "rule": "CL201", "path": "app.py", "message": "m"} for n in range(6)]
    (tmp_path / "b.json").write_text(json.dumps({"complint-baseline": 2, "findings": entries}))
    result = run_cli(["scan", ".", "--baseline", "b.json"], cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stderr == (
        "complint: baseline b.json: 6 entries are stale (fixed, or changed): "
        + ", ".join(["CL201 in app.py"] * 5)
        + ", ...; refresh it with `complint scan --write-baseline b.json`\n"
    )


# --------------------------------------------------------------------------- identity that survives


MEDICAL_CHAT = """\
import streamlit as st
from openai import OpenAI

client = OpenAI()
st.title("Symptom helper")
if question := st.chat_input("Describe your symptoms"):
    answer = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "system", "content": "You explain symptoms and medication to patients."},
                  {"role": "user", "content": question}],
    )
    st.chat_message("assistant").write(answer.choices[0].message.content)
"""
# The same app after a formatter and an edit above it: the chat input's call spans lines.
MEDICAL_CHAT_REFORMATTED = MEDICAL_CHAT.replace(
    'st.title("Symptom helper")\n',
    'HELP = "see the wiki"\n\n\nst.title(\n    "Symptom helper"\n)\n',
).replace(
    'if question := st.chat_input("Describe your symptoms"):',
    'if question := st.chat_input(\n    "Describe your symptoms",\n):',
)


def sarif_fingerprints(folder: Path) -> dict:
    document = json.loads(run_cli(["scan", ".", "--format", "sarif"], cwd=folder).stdout)
    return {
        (r["ruleId"], r["partialFingerprints"]["complint/v2"])
        for r in document["runs"][0]["results"]
    }


def test_known_findings_stay_known_after_init_rewrites_their_reasoning(tmp_path):
    """Following complint's own advice must not make known findings new, nor reopen alerts."""
    write_app(tmp_path, {"app.py": MEDICAL_CHAT})
    before = run_cli(["scan", ".", "--format", "json"], cwd=tmp_path)
    codes = [f["rule"] for f in json.loads(before.stdout)["findings"]]
    assert {"CL001", "CL201", "CL301"} <= set(codes)
    fingerprints_before = sarif_fingerprints(tmp_path)
    assert run_cli(["scan", ".", "--write-baseline", "b.json"], cwd=tmp_path).exit_code == 0

    assert run_cli(["init"], cwd=tmp_path).exit_code == 0
    after = json.loads(run_cli(["scan", ".", "--format", "json"], cwd=tmp_path).stdout)["findings"]
    cl301 = next(f for f in after if f["rule"] == "CL301")
    old_cl301 = next(f for f in json.loads(before.stdout)["findings"] if f["rule"] == "CL301")
    assert cl301["message"] != old_cl301["message"]  # the reasoning did change

    result = run_cli(["scan", ".", "--baseline", "b.json", "--format", "json"], cwd=tmp_path)
    assert not {"CL201", "CL301"} & {f["rule"] for f in json.loads(result.stdout)["findings"]}
    assert "1 entry is stale (fixed, or changed): CL001" in result.stderr  # init answered it
    fingerprints_after = sarif_fingerprints(tmp_path)
    assert {fp for fp in fingerprints_before if fp[0] != "CL001"} <= fingerprints_after


def test_known_findings_stay_known_after_reformatting_and_moved_lines(tmp_path):
    write_app(tmp_path, {"app.py": MEDICAL_CHAT})
    fingerprints_before = sarif_fingerprints(tmp_path)
    assert run_cli(["scan", ".", "--write-baseline", "b.json"], cwd=tmp_path).exit_code == 0
    (tmp_path / "app.py").write_text(MEDICAL_CHAT_REFORMATTED)
    moved = json.loads(run_cli(["scan", ".", "--format", "json"], cwd=tmp_path).stdout)["findings"]
    assert next(f for f in moved if f["rule"] == "CL201")["line"] > 6  # it did move
    result = run_cli(["scan", ".", "--baseline", "b.json"], cwd=tmp_path)
    assert (result.exit_code, result.stdout) == (0, "All clear: no findings in 1 file.\n")
    assert sarif_fingerprints(tmp_path) == fingerprints_before


def test_a_new_chat_surface_in_the_same_file_is_a_new_finding(tmp_path):
    """Identity is the construct, not the file alone: a second, different bot is reported."""
    write_app(tmp_path, {"app.py": CHATBOT})
    assert run_cli(["scan", ".", "--select", "CL201", "--write-baseline", "b.json"], cwd=tmp_path).exit_code == 0
    (tmp_path / "app.py").write_text(CHATBOT.replace("st.chat_input", "st.text_input"))
    result = run_cli(["scan", ".", "--select", "CL201", "--baseline", "b.json"], cwd=tmp_path)
    # st.text_input alone is no chat surface: the finding is gone, its entry stale.
    assert "stale" in result.stderr


def test_a_baseline_of_an_older_complint_is_still_read_and_the_user_told_to_refresh_it(tmp_path):
    write_app(tmp_path, {"app.py": CHATBOT})
    findings = scan_app(tmp_path, select=ONLY).findings
    entries = [{"fingerprint": message_fingerprint(f), "rule": f.code, "path": f.path, "message": f.message}
               for f in findings]
    (tmp_path / "b.json").write_text(json.dumps({"complint-baseline": 1, "findings": entries}))
    result = run_cli(["scan", ".", "--select", ",".join(ONLY), "--baseline", "b.json"], cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stdout == "All clear: no findings in 1 file.\n"
    assert result.stderr.splitlines() == [
        "complint: baseline b.json: written by an older complint, whose entries change with a finding's wording "
        "(after `complint init`, say); refresh it with `complint scan --write-baseline b.json`",
        "complint: baseline b.json: 1 known finding not shown",
    ]
    assert run_cli(["scan", ".", "--select", ",".join(ONLY), "--write-baseline", "b.json"], cwd=tmp_path).exit_code == 0
    assert json.loads((tmp_path / "b.json").read_text())["complint-baseline"] == 2


def test_a_baseline_format_from_the_future_is_a_clear_error(tmp_path):
    write_app(tmp_path, {"app.py": CHATBOT})
    (tmp_path / "b.json").write_text('{"complint-baseline": 9, "findings": []}')
    result = run_cli(["scan", ".", "--baseline", "b.json"], cwd=tmp_path)
    assert result.exit_code == 2
    assert '"complint-baseline": 9 is a baseline format this complint cannot read (it reads 1, 2)' in result.stderr
