"""Which files are the application: .gitignore, default excludes, configured excludes."""

from __future__ import annotations

import sys

import pytest

from complint.config import load_config, with_overrides
from complint.discovery import discover

from helpers import write_app


def found(root, **overrides):
    config = with_overrides(load_config(root), **overrides)
    return [f.rel for f in discover([root], config).files]


def test_tests_fixtures_vendored_and_generated_code_are_not_the_app(tmp_path):
    write_app(tmp_path, {
        "app.py": "", "src/chat.py": "",
        "tests/test_chat.py": "", "test_app.py": "", "app_test.py": "", "conftest.py": "",
        "src/fixtures/sample.py": "", "node_modules/x/index.py": "", "vendor/lib.py": "",
        ".venv/lib/site.py": "", "env/pyvenv.cfg": "", "env/lib/x.py": "", "build/lib/app.py": "",
        "dist/x.py": "", "__pycache__/app.py": "", "pkg.egg-info/x.py": "",
        "lib/python3.11/site-packages/openai/x.py": "",
    })
    assert found(tmp_path) == ["app.py", "src/chat.py"]


def test_gitignore_files_are_honoured_nested_too(tmp_path):
    write_app(tmp_path, {
        ".git/HEAD": "ref: refs/heads/main\n",
        ".gitignore": "generated/\n*.local.py\n",
        "app.py": "", "generated/x.py": "", "config.local.py": "",
        "sub/.gitignore": "secret.py\n!keep.local.py\n", "sub/secret.py": "", "sub/keep.py": "",
    })
    assert found(tmp_path) == ["app.py", "sub/keep.py"]


def test_gitignore_above_the_scanned_folder_applies_inside_a_repository(tmp_path):
    write_app(tmp_path, {".git/HEAD": "", ".gitignore": "*.gen.py\n", "apps/bot/app.py": "", "apps/bot/x.gen.py": ""})
    assert found(tmp_path / "apps" / "bot") == ["app.py"]


def test_respect_gitignore_false(tmp_path):
    write_app(tmp_path, {".gitignore": "x.py\n", "x.py": ""})
    assert found(tmp_path, respect_gitignore=False) == ["x.py"]


def test_exclude_replaces_and_extend_exclude_adds(tmp_path):
    write_app(tmp_path, {"app.py": "", "tests/test_x.py": "", "legacy/old.py": ""})
    assert found(tmp_path, extend_exclude=("legacy/",)) == ["app.py"]
    assert found(tmp_path, exclude=("legacy/",)) == ["app.py", "tests/test_x.py"]


def test_exclude_from_configuration_file(tmp_path):
    write_app(tmp_path, {"complint.toml": 'extend-exclude = ["scripts/"]\n', "app.py": "", "scripts/x.py": ""})
    assert found(tmp_path) == ["app.py"]


def test_a_file_named_explicitly_is_scanned_even_if_excluded(tmp_path):
    write_app(tmp_path, {"tests/test_x.py": ""})
    config = load_config(tmp_path)
    assert [f.rel for f in discover([tmp_path / "tests" / "test_x.py"], config).files] == ["tests/test_x.py"]


# The default excludes, a user's .gitignore lines, and paths each may or may not match.
_PATTERNS = ["*.log", "/build", "docs/**/*.md", "a/b/", "[Tt]emp*", "**/gen/", "x?y.py", "\\#hash", "foo\\ bar", "# a comment", ""]
_PATHS = [
    "a.py", "tests/x.py", "src/tests/", "src/test_a.py", "test_a.py", "build/x", "build/", "b/build/", "docs/a/b.md",
    "docs/x.md", "a/b/", "a/b/c.py", "Temp1/", "temp.py", "x/gen/", "gen/", "xzy.py", "#hash", "foo bar",
    "node_modules/", "pkg.egg-info/", "a.test.ts", "conftest.py", "src/conftest.py", "venv/", ".venv/", "a/venv/",
    "a.log", "x/a.log/", "keep.log", "sub/keep.log", "src/app.py", "notes.txt",
]


def test_excludes_matched_as_one_expression_agree_with_pathspec(tmp_path):
    from complint.discovery import _Spec

    import pathspec

    lines = list(load_config(tmp_path).exclude) + _PATTERNS
    spec = _Spec(lines)
    assert spec.regex is not None and spec.spec is None  # no negation: one expression, not pathspec's
    matched = [p for p in _PATHS if spec.match_file(p)]
    assert matched == [p for p in _PATHS if pathspec.GitIgnoreSpec.from_lines(lines).match_file(p)]
    assert {"tests/x.py", "build/", "docs/a/b.md", "Temp1/", "x/gen/", "a.log"} <= set(matched)
    assert not {"a.py", "src/app.py", "notes.txt"} & set(matched)


def test_a_negated_pattern_leaves_the_order_to_pathspec(tmp_path):
    from complint.discovery import _Spec

    spec = _Spec(_PATTERNS + ["!keep.log"])
    assert spec.regex is None
    assert spec.match_file("a.log") and not spec.match_file("keep.log") and not spec.match_file("sub/keep.log")
    write_app(tmp_path, {".git/HEAD": "", ".gitignore": "*.py\n!app.py\n", "app.py": "x = 1\n", "other.py": "y = 2\n"})
    assert [f.rel for f in discover([tmp_path], load_config(tmp_path)).files] == ["app.py"]


# ------------------------------------------------- gitignore expressions kept between runs

TRICKY_LINES = ["# comment", "", "*.pyc", "build/", "/top.txt", "docs/**/*.md", "a?b", "[ab]c", "\\#lit",
                "**/logs", "trailing\\ ", "dir/*/x", "*.log", "!keep.log"]


def _fresh_translations(monkeypatch, folder):
    from complint import discovery, patterns

    patterns.use(folder)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(discovery, "_TRANSLATIONS", discovery._Translations())
    return discovery


def test_kept_gitignore_expressions_match_what_pathspec_writes(tmp_path, monkeypatch):
    from complint import patterns

    try:
        discovery = _fresh_translations(monkeypatch, tmp_path)
        lines = [line for line in TRICKY_LINES if not line.startswith("!")]
        first = discovery._joined(lines)  # translated by pathspec, then kept
        assert (tmp_path / discovery._Translations.NAME).is_file()
        discovery = _fresh_translations(monkeypatch, tmp_path)
        monkeypatch.setitem(sys.modules, "pathspec", None)  # importing it now fails
        again = discovery._joined(lines)
        assert first is not None and again is not None and again.pattern == first.pattern
        for path in ("x.pyc", "build/", "top.txt", "sub/top.txt", "docs/a/b.md", "axb", "ac", "#lit", "q/logs", "dir/a/x"):
            assert bool(first.search(path)) == bool(again.search(path)), path
        # A line it has not seen needs pathspec; a `!` line leaves the order to it.
        with pytest.raises(ImportError):
            discovery._joined(lines + ["new-line/"])
    finally:
        patterns.use(patterns.DEFAULT_FOLDER)


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", "other-pathspec"])
def test_a_damaged_or_foreign_store_is_translated_again(tmp_path, monkeypatch, damage):
    import marshal

    from complint import patterns

    try:
        discovery = _fresh_translations(monkeypatch, tmp_path)
        expected = discovery._joined(["*.pyc", "build/"]).pattern
        store = tmp_path / discovery._Translations.NAME
        if damage == "other-pathspec":  # another version installed since: its own expressions
            store.write_bytes(marshal.dumps(("elsewhere:1:2", {"*.pyc": ("WRONG", True), "build/": ("WRONG", True)})))
        else:
            store.write_bytes(damage)
        discovery = _fresh_translations(monkeypatch, tmp_path)
        assert discovery._joined(["*.pyc", "build/"]).pattern == expected
    finally:
        patterns.use(patterns.DEFAULT_FOLDER)
