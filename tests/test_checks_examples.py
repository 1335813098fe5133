"""Every example in checks/ runs as a test, both ways (as semgrep-rules' tests do).

A line after `# ruleid: CODE` must be flagged with CODE; no other line may be. An example
without markers must give no finding of its check's code.
"""

from __future__ import annotations

import re

import pytest

from helpers import PACK, scan_app, write_app

MARKER = re.compile(r"^\s*(?:#|//|<!--|\{#)\s*(ruleid|ok|todoruleid):\s*([A-Z0-9, ]+)")

CASES = [
    pytest.param(spec, example, id=f"{code}-{index}")
    for code, spec in PACK.checks.items()
    for index, example in enumerate(spec.examples)
]


def expected_lines(files, code):
    """(path, line) pairs the markers ask for, and the ones they say must stay clean."""
    flagged, clean = set(), set()
    for path, content in files:
        lines = content.splitlines()
        for number, line in enumerate(lines, start=1):
            match = MARKER.match(line)
            if not match or code not in [c.strip() for c in match.group(2).split(",")]:
                continue
            target = number + 1
            while target <= len(lines) and MARKER.match(lines[target - 1]):
                target += 1
            (flagged if match.group(1) == "ruleid" else clean).add((path, target))
    return flagged, clean


@pytest.mark.parametrize("spec,example", CASES)
def test_example(tmp_path, spec, example):
    write_app(tmp_path, {path: content for path, content in example.files})
    result = scan_app(tmp_path)
    found = {(f.path, f.location.line) for f in result.findings if f.code == spec.code}
    flagged, clean = expected_lines(example.files, spec.code)
    assert not result.problems, result.problems
    assert found - flagged == set(), f"{example.title}: unexpected {spec.code} at {sorted(found - flagged)}"
    assert flagged - found == set(), f"{example.title}: expected {spec.code} at {sorted(flagged - found)}"
    assert not (found & clean)


def test_marker_parsing_is_both_ways():
    files = (("a.py", "x = 1\n# ruleid: CL201\ny = 2\n# ok: CL201\nz = 3\n"),)
    assert expected_lines(files, "CL201") == ({("a.py", 3)}, {("a.py", 5)})
    assert expected_lines(files, "CL999") == (set(), set())
