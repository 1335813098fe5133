"""The extractor's walk of an `ast` tree meets every node once, in the order the code is written."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from complint.extract.walk import children, events, walk

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

    def f(a, /, b=2, *, c=lambda x: x + 1, d, **rest):
        global G
        nonlocal_value = [y for y in range(3) if y] + list({k: v for k, v in items()}) + [*a]
        x = y if z else (w := 3)
        call(first, key=1, *more, **kw)
        table = {"a": 1, **other, "b": g()}
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


def _sources():
    yield "sample", SAMPLE
    for path in sorted((ROOT / "examples").rglob("*.py")):
        yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")


def _where(node: ast.AST):
    """Where a node starts: a definition at its first decorator."""
    first = (getattr(node, "decorator_list", None) or [node])[0]
    return (first.lineno, first.col_offset) if hasattr(first, "lineno") else None


@pytest.mark.parametrize("name,source", list(_sources()), ids=lambda v: v if isinstance(v, str) and "\n" not in v else "")
def test_the_walk_meets_every_node_once_in_the_order_of_the_code(name, source):
    tree = ast.parse(source)
    met = [node for node, leaving in events(tree) if leaving >= 0]
    silent = (ast.expr_context, ast.operator, ast.cmpop, ast.unaryop, ast.boolop)
    format_specs = {id(n.format_spec) for n in ast.walk(tree) if isinstance(n, ast.FormattedValue) and n.format_spec}
    expected = [n for n in ast.walk(tree) if not isinstance(n, silent) and id(n) not in format_specs]
    assert sorted(map(id, met)) == sorted(map(id, expected))
    # Inside an f-string, Pythons before 3.12 give the parts the f-string's own position.
    in_fstrings = {id(n) for f in ast.walk(tree) if isinstance(f, ast.JoinedStr) for n in ast.walk(f) if n is not f}
    positions = [_where(node) for node in met if _where(node) is not None and id(node) not in in_fstrings]
    assert positions == sorted(positions)  # entered as they stand: a parent before its children


def test_a_definition_is_entered_before_its_decorators_and_they_before_its_body():
    tree = ast.parse("@route('/')\ndef f(a=default()):\n    body()\n")
    names = [n.id for n, leaving in events(tree) if leaving >= 0 and isinstance(n, ast.Name)]
    assert names == ["route", "default", "body"]


def test_children_of_a_dict_are_each_key_then_its_value():
    tree = ast.parse("{'a': 1, **rest, 'b': 2}", mode="eval")
    assert [ast.dump(c) for c in children(tree.body)] == [
        ast.dump(ast.Constant("a")), ast.dump(ast.Constant(1)),
        ast.dump(ast.Name("rest", ast.Load())), ast.dump(ast.Constant("b")), ast.dump(ast.Constant(2)),
    ]


def test_async_definitions_and_loops_are_visited_as_plain_ones():
    class Recorder:
        def __init__(self):
            self.seen = []

        def visit_FunctionDef(self, node):
            self.seen.append(("def", node.name))

        def leave_FunctionDef(self, node):
            self.seen.append(("end", node.name))

        def visit_For(self, node):
            self.seen.append(("for", node.target.id))

    recorder = Recorder()
    walk(ast.parse("async def f():\n    async for x in y:\n        pass\ndef g():\n    for z in w:\n        pass\n"), recorder)
    assert recorder.seen == [("def", "f"), ("for", "x"), ("end", "f"), ("def", "g"), ("for", "z"), ("end", "g")]


def test_a_format_spec_is_no_fstring_of_its_own():
    class Recorder:
        def __init__(self):
            self.fstrings = 0
            self.names = []

        def visit_JoinedStr(self, node):
            self.fstrings += 1

        def visit_Name(self, node):
            self.names.append(node.id)

    recorder = Recorder()
    walk(ast.parse('f"{value:>{width}}"'), recorder)
    assert recorder.fstrings == 1 and recorder.names == ["value", "width"]


def test_a_visit_that_returns_false_skips_the_children_but_still_leaves():
    class Outer:
        def __init__(self):
            self.names, self.left = [], 0

        def visit_FunctionDef(self, node):
            return False

        def leave_FunctionDef(self, node):
            self.left += 1

        def visit_Name(self, node):
            self.names.append(node.id)

    visitor = Outer()
    walk(ast.parse("def f(inner): return inner\nouter = 1\n"), visitor)
    assert visitor.names == ["outer"] and visitor.left == 1
