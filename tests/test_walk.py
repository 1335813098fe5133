"""The extractor's walk of a libcst tree visits what `node.visit` visits, in its order."""

from __future__ import annotations

import textwrap
from pathlib import Path

import libcst as cst
import pytest

from complint.extract.walk import children, walk

ROOT = Path(__file__).resolve().parent.parent

SAMPLE = textwrap.dedent(
    '''\
    """Module docstring."""
    from __future__ import annotations
    import os, sys as system
    from .texts import (A, B as C)

    @decorator(arg=1)
    @other
    class Bot(Base, metaclass=Meta):
        greeting: str = "Hi, I am an AI"

        async def answer(self, q: str = "x", *args, key=None, **kw) -> "str":
            async with session() as s, other():
                async for item in s:
                    yield f"{item!r:>{width}} {q}"
            return await self.client.chat(messages=[{"role": "system", "content": PROMPT}])

    def f(a, /, b, *, c=lambda x: x + 1):
        global G
        nonlocal_value = [y for y in range(3) if y] + list({k: v for k, v in items()}) + [*a]
        x = y if z else (w := 3)
        del x[1:2, ::3]
        try:
            raise ValueError("no") from None
        except (ValueError, TypeError) as e:
            pass
        finally:
            assert a, "message"
        while True:
            break
        else:
            pass
        match command.split():
            case [action, obj] if obj:
                print("a")
            case {"key": value, **rest}:
                pass
            case Point(x=0) | None:
                pass
            case _:
                pass
        return not a and b or c @ d ** -e
    '''
)


def _recorder_class():
    """A visitor with its own visit_<Node> and leave_<Node> for every kind of node: each
    records the call."""

    def method(name):
        return lambda self, node: self.events.append((name, id(node)))

    names = [n for n in dir(cst.CSTVisitor) if n.startswith(("visit_", "leave_")) and n.count("_") == 1]
    return type("Recorder", (cst.CSTVisitor,), {name: method(name) for name in names})


_Recorder = _recorder_class()


def _events(module: cst.Module, ours: bool):
    recorder = _Recorder()
    recorder.events = []
    if ours:
        walk(module, recorder)
    else:
        module.visit(recorder)
    return recorder.events


def _sources():
    yield "sample", SAMPLE
    for path in sorted((ROOT / "examples").rglob("*.py")):
        yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name,source", list(_sources()), ids=lambda v: v if isinstance(v, str) and "\n" not in v else "")
def test_the_walk_visits_what_libcst_visits_in_its_order(name, source):
    module = cst.parse_module(source)
    theirs = _events(module, ours=False)
    assert len(theirs) > 20
    assert _events(module, ours=True) == theirs


def test_children_are_libcsts_children():
    module = cst.parse_module(SAMPLE)
    pending = [module]
    while pending:
        node = pending.pop()
        mine = children(node)
        assert [id(c) for c in mine] == [id(c) for c in node.children], type(node).__name__
        pending.extend(mine)


def test_a_visit_that_returns_false_skips_the_children_but_still_leaves():
    class Outer(cst.CSTVisitor):
        def __init__(self):
            super().__init__()
            self.names, self.left = [], 0

        def visit_FunctionDef(self, node):
            return False

        def leave_FunctionDef(self, node):
            self.left += 1

        def visit_Name(self, node):
            self.names.append(node.value)

    visitor = Outer()
    walk(cst.parse_module("def f(inner): return inner\nouter = 1\n"), visitor)
    assert visitor.names == ["outer"] and visitor.left == 1


# --------------------------------------------------------------------------- positions

POSITIONS = [
    "import os\n\n\n# a comment\n@decorator\n# between\n@other(1)\ndef f():\n    return call('x')\n\nx = 1; y = g('y')\n",
    "import os\r\nfrom openai import OpenAI\r\n\r\nclient = OpenAI()\r\nreply = client.chat('hi')\r\n",
    "a = 1\rb = call('x')\rc = 2\r",
    "x = 1\n\x0c\ny = call('z')",  # a form feed line, no newline at the end
    "def f():\n    pass\n\n\n\nclass C(Base):\n    '''doc'''\n    value = call('in a class')\n",
    "if True:\n    a = call('one')\nelse:\n    b = call('two')\nz = call('three')  # trailing\n",
    "x = (\n    call('spans'\n         'lines')\n)\n\n\n# end comment\n",
]


@pytest.mark.parametrize("source", POSITIONS)
def test_positions_of_some_statements_are_those_of_the_whole_module(source):
    from libcst.metadata import PositionProvider

    from complint.extract import python as P
    from complint.extract.walk import events

    module = cst.parse_module(source)
    met = events(module)
    calls = [node for node, leaving in met if leaving >= 0 and isinstance(node, (cst.Call, cst.Import, cst.ImportFrom))]
    assert calls
    whole = PositionProvider()
    whole._gen_impl(module)
    for wanted in ([calls[-1]], calls[:1], calls):
        positions = P._positions(module, wanted, source, met)
        assert [positions[n] for n in wanted] == [whole._computed[n] for n in wanted]


def test_positions_fall_back_to_the_whole_module_when_pythons_parser_disagrees(monkeypatch):
    from complint.extract import python as P
    from complint.extract.walk import events

    source = "x = 1\ny = call('x')\n"
    module = cst.parse_module(source)
    monkeypatch.setattr(P, "_statement_lines", lambda module, source: [1, 1])  # wrong lines: the text check fails
    call = next(n for n, leaving in events(module) if isinstance(n, cst.Call))
    positions = P._positions(module, [call], source, events(module))
    assert positions[call].start.line == 2
