"""Registry-wide checks: every rule is documented, cited, exemplified and implemented."""

from __future__ import annotations

import re

import pytest

from complint.explain import is_flagged_example, render_explanation
from complint.policy import NAME_RE, PolicyError, load_pack
from complint.rules import REGISTRY, load_rules

from helpers import PACK

SPECS = list(PACK.checks.values())


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.code)
def test_every_check_is_complete(spec):
    assert re.fullmatch(r"CL\d{3}", spec.code)
    assert NAME_RE.match(spec.name)
    assert spec.summary and spec.rationale and spec.fix
    assert " ".join(spec.clause.split()) in " ".join(PACK.policy_text.split())
    flagged = [e for e in spec.examples if any(is_flagged_example(spec, c) for _, c in e.files)]
    clean = [e for e in spec.examples if e not in flagged]
    assert flagged, f"{spec.code} has no example that must be flagged"
    assert clean, f"{spec.code} has no example that must stay clean"


@pytest.mark.parametrize("spec", [s for s in SPECS if s.kind == "policy"], ids=lambda s: s.code)
def test_every_policy_check_names_its_obligation_for_complint_check(spec):
    assert spec.obligation and spec.obligation[0].isupper() and not spec.obligation.endswith(".")


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.code)
def test_every_message_renders(spec):
    # The message template's placeholders are filled by the rule; a typo must fail here.
    placeholders = set(re.findall(r"{(\w+)}", spec.message))
    rendered = spec.message.format(**{p: "X" for p in placeholders})
    assert "{" not in rendered


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.code)
def test_explain_page_has_every_part(spec):
    page = render_explanation(spec, PACK)
    for heading in ("## What it does", "## Policy clause", "## Example", "## Use instead", "## Fix"):
        assert heading in page
    assert spec.clause in page
    assert "ruleid:" not in page  # test markers are not documentation


def test_every_check_has_an_implementation_and_vice_versa():
    rules = load_rules(PACK)
    assert set(rules) == set(PACK.checks)
    assert set(REGISTRY) <= set(PACK.checks)


def write_pack(tmp_path, section):
    (tmp_path / "pack.yaml").write_text(
        "name: test\nversion: '1'\npolicy:\n  title: P\n  text: policy.txt\n", encoding="utf-8"
    )
    (tmp_path / "policy.txt").write_text("Automated systems must disclose.\n", encoding="utf-8")
    (tmp_path / "s.yaml").write_text(section, encoding="utf-8")
    return tmp_path


CHECK = """\
section: s
title: S
checks:
  - code: {code}
    name: {name}
    severity: {severity}
    summary: x
    clause: {clause}
    message: m
    rationale: r
    fix: f
"""


@pytest.mark.parametrize(
    "values,error",
    [
        ({"code": "CX1"}, "is not of the form CL000"),
        ({"name": "Missing_AI"}, "must be lower-case words joined by -"),
        ({"severity": "fatal"}, "'fatal' is not one of info, warning, error"),
        ({"clause": "Automated systems must never disclose."}, "not found verbatim in the policy text"),
    ],
)
def test_broken_pack_is_an_error_naming_the_key(tmp_path, values, error):
    fields = {"code": "CL201", "name": "missing-ai-disclosure", "severity": "error",
              "clause": "Automated systems must disclose."}
    fields.update(values)
    directory = write_pack(tmp_path, CHECK.format(**fields))
    with pytest.raises(PolicyError, match=re.escape(error)):
        load_pack(directory)


def test_duplicate_code_is_an_error(tmp_path):
    one = CHECK.format(code="CL201", name="a", severity="error", clause="Automated systems must disclose.")
    again = "\n".join(one.splitlines()[3:]).replace("name: a", "name: b")
    directory = write_pack(tmp_path, one + again + "\n")
    with pytest.raises(PolicyError, match="CL201 is defined twice"):
        load_pack(directory)


def test_yaml_boolean_in_a_lexicon_is_an_error(tmp_path):
    section = "section: s\ntitle: S\nlexicons:\n  words:\n    phrases: [AI]\n    negations: [no]\n"
    with pytest.raises(PolicyError, match="put it in quotes"):
        load_pack(write_pack(tmp_path, section))


def test_invalid_yaml_names_the_line(tmp_path):
    with pytest.raises(PolicyError, match=r"s\.yaml:2: invalid YAML"):
        load_pack(write_pack(tmp_path, "section: s\ntitle: a: b\n"))


@pytest.mark.parametrize("files", [1, 80])  # one process, or several (the rules load meanwhile)
def test_a_pack_check_without_an_implementation_stops_the_scan(tmp_path, files):
    from dataclasses import replace

    from complint.config import load_config
    from complint.engine import scan
    from helpers import write_app

    spec = replace(PACK.check("CL901"), code="CL999", name="not-implemented")
    pack = replace(PACK, checks={**PACK.checks, "CL999": spec})
    write_app(tmp_path, {f"m{n}.py": f"x = {n}\n" for n in range(files)})
    with pytest.raises(PolicyError, match="CL999, which this version of complint does not implement"):
        scan([tmp_path], load_config(tmp_path), pack)


@pytest.mark.parametrize(
    "lexicon,error",
    [
        ("  names:\n    phrases: [Ada]\n    qualifies: yes-please\n", "lexicons.names.qualifies: expected true or false"),
        ("  names:\n    phrases: [Ada]\n    qualify: true\n", "lexicons.names: unknown key 'qualify'"),
    ],
)
def test_a_lexicon_key_that_is_not_known_is_an_error(tmp_path, lexicon, error):
    directory = write_pack(tmp_path, "section: s\ntitle: S\nlexicons:\n" + lexicon)
    with pytest.raises(PolicyError, match=re.escape(error)):
        load_pack(directory)


def test_a_lexicon_qualifies_only_when_the_pack_says_so(tmp_path):
    directory = write_pack(tmp_path, "section: s\ntitle: S\nlexicons:\n  given-names:\n    phrases: [Ada]\n"
                                     "  titles:\n    qualifies: true\n    phrases: [Dr]\n")
    pack = load_pack(directory)
    # A pack's own "given-names" counts alone unless marked: the name decides nothing.
    assert not pack.lexicons["given-names"].qualifies and pack.lexicons["titles"].qualifies


def test_a_pack_file_that_cannot_be_read_is_an_error_naming_it(tmp_path):
    directory = write_pack(tmp_path, "section: s\ntitle: S\n")
    (directory / "broken.yaml").mkdir()  # what glob finds but nobody can read
    with pytest.raises(PolicyError, match=r"broken\.yaml: cannot read: Is a directory"):
        load_pack(directory)


CHECK_WITH_FIX_EXAMPLES = CHECK.format(
    code="CL201", name="missing-ai-disclosure", severity="error", clause="Automated systems must disclose."
).replace("    fix: f\n", "    fix: {fix}\n    fix-examples:\n{examples}")


@pytest.mark.parametrize(
    "fix,examples,error",
    [
        ("Say it, e.g. {example}.", "      html: '<p>AI</p>'\n", "fix-examples: needs a `default` example"),
        ("Say it.", "      default: 'a text'\n", "fix: write {example} where fix-examples' text goes"),
        ("Say it, e.g. {example}.", "      - a\n", "fix-examples: expected a mapping of kind of app to text"),
    ],
)
def test_broken_fix_examples_are_an_error_naming_the_key(tmp_path, fix, examples, error):
    directory = write_pack(tmp_path, CHECK_WITH_FIX_EXAMPLES.format(fix=fix, examples=examples))
    with pytest.raises(PolicyError, match=re.escape(error)):
        load_pack(directory)


def test_fix_examples_fill_the_fix_for_each_kind_of_app_and_the_default_elsewhere(tmp_path):
    examples = "      default: 'a text users see'\n      html: '`<p>AI</p>`'\n"
    pack = load_pack(write_pack(tmp_path, CHECK_WITH_FIX_EXAMPLES.format(fix="Say it, e.g. {example}.", examples=examples)))
    spec = pack.check("CL201")
    assert spec.fix == spec.fix_for("gradio") == "Say it, e.g. a text users see."
    assert spec.fix_for("html") == "Say it, e.g. `<p>AI</p>`."


@pytest.mark.parametrize("code", [c for c, s in PACK.checks.items() if s.fix_examples])
def test_every_fix_example_is_on_the_explain_page(code):
    page = render_explanation(PACK.check(code), PACK)
    for kind, text in PACK.check(code).fix_examples:
        assert text in " ".join(page.split()), kind
