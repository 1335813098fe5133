"""Every regular expression that reads file content runs in linear time: each one, found
by walking complint's modules (and the policy pack's phrase lists), is run over long runs
of the characters that make a pattern backtrack, within a time budget."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import time
from pathlib import Path
from typing import Dict, Iterator, Optional, Tuple

import pytest

import complint
from helpers import PACK

N = 2000  # characters: a quadratic pattern takes some milliseconds over this many

# Patterns only ever applied at one place (`.match` at a given start, `.fullmatch`), where
# a search would try every start: each is tested the way it is used.
ANCHORED = {
    "complint.prefilter._ALIAS_VALUE": "fullmatch",  # a binding's value, whole
    "complint.prefilter._ASSIGNED_FIRST": "match",  # the code's first statement
    "complint.rules.personas._EMPHASIS": "match",  # right after a name
    "complint.rules.personas._OFFICE_WORD": "match",  # after an office, at most _MAX_OFFICE_WORDS times
}

_SPECIAL = " \t\n[](){}<>!-|:#*_`'\"\\/.,;=+%@&?^$~a0A"
_RUNS = (
    "[", "{{", "{%", "{#", "<!--", "/*", "'''", '"""', "![", "[](", "${", "a ", "A. ", "Aa ", "<a ", "| ",
    "{% comment %}",
)


def hostile_texts(n: int) -> Iterator[str]:
    """Long runs of each character patterns treat specially, alone, spaced or after a
    letter; runs of openers never closed; brackets nested n deep."""
    for char in _SPECIAL:
        yield char * n
        yield (char + " ") * (n // 2)
    for run in _RUNS:
        yield run * (n // len(run))
    yield "[" * (n // 2) + "]" * (n // 2)
    yield "-" * n + "\n" + " " * n
    yield "x\n" + " " * n + "\n"
    yield "@" * n + "."


def _module_patterns() -> Iterator[Tuple[str, "re.Pattern[str]"]]:
    for info in pkgutil.walk_packages(complint.__path__, "complint."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            yield from _within(f"{info.name}.{name}", value, module.__name__, 0)
        yield from _literal_calls(info.name, Path(module.__file__))


def _within(name: str, value: object, module: str, depth: int) -> Iterator[Tuple[str, "re.Pattern[str]"]]:
    if isinstance(value, re.Pattern):
        yield name, value
    elif depth < 2 and isinstance(value, (tuple, list, frozenset, set)):
        for index, item in enumerate(value):
            yield from _within(f"{name}[{index}]", item, module, depth + 1)
    elif depth < 2 and isinstance(value, dict):
        for key, item in value.items():
            yield from _within(f"{name}[{key!r}]", item, module, depth + 1)
    elif depth == 0 and isinstance(value, type) and value.__module__ == module:
        for key, item in vars(value).items():
            yield from _within(f"{name}.{key}", item, module, depth + 1)


def _literal_calls(module: str, path: Path) -> Iterator[Tuple[str, "re.Pattern[str]"]]:
    """`re.sub(r"...", ...)` and its kin, written inline in a function."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
            and node.func.attr in ("sub", "subn", "search", "match", "finditer", "findall", "split", "fullmatch")
            and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
        ):
            yield f"{module}:{node.lineno}", re.compile(node.args[0].value)


def _pack_patterns() -> Iterator[Tuple[str, "re.Pattern[str]"]]:
    """The policy pack's phrase lists are compiled by one function (`phrases_pattern`):
    its largest list stands for them all. (Their negations read 24 characters at most.)"""
    largest = max(PACK.lexicons.values(), key=lambda lexicon: len(lexicon.phrases))
    yield f"lexicon {largest.name}.pattern", largest.pattern


def content_patterns() -> Dict[str, "re.Pattern[str]"]:
    found: Dict[str, "re.Pattern[str]"] = {}
    for name, pattern in list(_module_patterns()) + list(_pack_patterns()):
        if pattern.pattern not in {p.pattern for p in found.values()}:
            found[name] = pattern
    return found


PATTERNS = content_patterns()


def test_the_walk_finds_the_patterns_that_read_content():
    assert len(PATTERNS) > 120, len(PATTERNS)
    for name in ("complint.extract.content._TABLE_DELIMITER", "complint.extract.markup._TEMPLATE_SYNTAX",
                 "complint.suppress._MARKDOWN", "complint.rules.evidence._SENTENCE", *ANCHORED):
        assert name in PATTERNS
    assert any(name.startswith("lexicon ") and name.endswith(".pattern") for name in PATTERNS)


def _seconds(pattern: "re.Pattern[str]", use: Optional[str], text: str, runs: int = 1) -> float:
    subject = text.encode() if isinstance(pattern.pattern, bytes) else text
    best = float("inf")
    for _ in range(runs):  # processor time, the best of several: other processes hardly count
        started = time.process_time()
        if use is not None:
            getattr(pattern, use)(subject)
        else:
            for _ in pattern.finditer(subject):
                pass
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_a_pattern_takes_linear_time_on_hostile_text(name):
    # Four times the text takes four times as long when the pattern is linear, sixteen
    # when it is quadratic; what is too fast to time well is fine either way.
    pattern, use = PATTERNS[name], ANCHORED.get(name)
    for short, long in zip(hostile_texts(N), hostile_texts(4 * N)):
        if _seconds(pattern, use, short) < 0.005:
            continue
        before, after = _seconds(pattern, use, short, 3), _seconds(pattern, use, long, 3)
        assert after < 8 * max(before, 0.01), f"{name}: {before:.3f} s over {short[:12]!r}..., {after:.3f} s over 4 times as much"


def _act_words(lexicon) -> str:
    """The words an act looks for, one spelling of each verb and object, in a sentence
    that never ends: the text where an act has the most to try."""
    from complint.phrases import phrase_spellings

    words = [phrase_spellings(p)[0] for act in lexicon.acts for p in act.verbs[:3] + act.objects[:3]]
    return " ".join(words) + " "


@pytest.mark.parametrize("name", sorted(n for n, lex in PACK.lexicons.items() if lex.acts))
def test_an_act_takes_linear_time_on_its_own_words_repeated(name):
    # Acts read word by word, an object within a few words of its verb, the context
    # within its sentence: a run of their own words, with no sentence end, costs linear time.
    lexicon = PACK.lexicons[name]
    unit = _act_words(lexicon)
    short, long = unit * max(1, N // len(unit)) * 4, unit * max(1, N // len(unit)) * 16

    def seconds(text: str) -> float:
        best = float("inf")
        for _ in range(3):
            started = time.process_time()
            list(lexicon.matches(text))
            best = min(best, time.process_time() - started)
        return best

    before, after = seconds(short), seconds(long)
    assert after < 8 * max(before, 0.01), f"{name}: {before:.3f} s, then {after:.3f} s over 4 times as much"
