"""A walk of an `ast` tree, in the order the code is written, that calls a visitor's
`visit_<Node>` and `leave_<Node>` methods; walked once, replayed for several visitors.

`ast.NodeVisitor` goes through a node's fields in the order `ast` declares them, which is
not always the code's: a function's decorators come after its body, a dict's keys all
before its values, `a if b else c` starts with `b`. The extractor decides some things by
what it met first (the first text a node gives, the first definition of a name), so the
walk takes each node's children in the order they stand. `async def` and `async for` are
visited as `def` and `for` (`visit_FunctionDef`, `visit_For`). Operators and the
load/store markers carry nothing and are not visited. Visitors only look: they return
nothing, or False to skip a node's children.
"""

from __future__ import annotations

import ast
from typing import Any, Callable, Dict, List, Optional, Tuple

# Fields that hold nodes saying nothing of their own: `+`, `==`, `not`, a name's load or store.
_SILENT = frozenset({"ctx", "op", "ops"})
# Node kinds visited under another kind's name.
_VISITED_AS = {"AsyncFunctionDef": "FunctionDef", "AsyncFor": "For"}
# Each kind of node: the fields that may hold nodes to visit, in `ast`'s order.
_FIELDS: Dict[type, Tuple[str, ...]] = {}


def _fields(node: ast.AST) -> List[ast.AST]:
    names = _FIELDS.get(type(node))
    if names is None:
        names = _FIELDS[type(node)] = tuple(n for n in node._fields if n not in _SILENT)
    out: List[ast.AST] = []
    for name in names:
        value = getattr(node, name, None)
        if isinstance(value, ast.AST):
            out.append(value)
        elif isinstance(value, list):
            out.extend(item for item in value if isinstance(item, ast.AST))
    return out


def _definition(node: Any) -> List[ast.AST]:
    """`@decorator def name(params) -> returns: body`; a class's bases and keywords."""
    heading = [node.args, node.returns] if not isinstance(node, ast.ClassDef) else [*node.bases, *node.keywords]
    return [n for n in (*node.decorator_list, *getattr(node, "type_params", ()), *heading, *node.body) if n is not None]


def _parameters(node: ast.arguments) -> List[ast.AST]:
    """Each parameter followed by its default."""
    positional = [*node.posonlyargs, *node.args]
    defaults: List[Optional[ast.AST]] = [None] * (len(positional) - len(node.defaults)) + list(node.defaults)
    out: List[Optional[ast.AST]] = []
    for parameter, default in zip(positional, defaults):
        out += [parameter, default]
    out.append(node.vararg)
    for parameter, default in zip(node.kwonlyargs, node.kw_defaults):
        out += [parameter, default]
    out.append(node.kwarg)
    return [n for n in out if n is not None]


def _call(node: ast.Call) -> List[ast.AST]:
    """The function, then its arguments as written (`ast` keeps keywords apart)."""
    arguments = [*node.args, *node.keywords]
    if node.args and node.keywords:
        arguments.sort(key=lambda a: (a.lineno, a.col_offset))
    return [node.func, *arguments]


def _dict(node: ast.Dict) -> List[ast.AST]:
    out: List[ast.AST] = []
    for key, value in zip(node.keys, node.values):
        if key is not None:
            out.append(key)
        out.append(value)
    return out


def _formatted_value(node: ast.FormattedValue) -> List[ast.AST]:
    """The value, then the parts of its format spec (`{x:{width}}`), which is no f-string of
    its own."""
    return [node.value, *(node.format_spec.values if node.format_spec is not None else ())]


_IN_ORDER: Dict[type, Callable[[Any], List[ast.AST]]] = {
    ast.FunctionDef: _definition,
    ast.AsyncFunctionDef: _definition,
    ast.ClassDef: _definition,
    ast.arguments: _parameters,
    ast.Call: _call,
    ast.Dict: _dict,
    ast.IfExp: lambda node: [node.body, node.test, node.orelse],
    ast.FormattedValue: _formatted_value,
}


def children(node: ast.AST) -> List[ast.AST]:
    """The node's children in the order they stand in the code."""
    found = _IN_ORDER.get(type(node))
    return found(node) if found is not None else _fields(node)


Events = List[Tuple[ast.AST, int]]


def events(node: ast.AST) -> Events:
    """The tree as the walk meets it, to replay for several visitors: each node once as it
    is entered, with the index of its leaving (which follows its children's), and once as
    it is left, with -1."""
    out: Events = []
    stack: List[Tuple[ast.AST, int]] = [(node, -1)]
    while stack:
        current, entered = stack.pop()
        if entered >= 0:  # all its children are done
            out[entered] = (current, len(out))
            out.append((current, -1))
            continue
        stack.append((current, len(out)))
        out.append((current, 0))  # its leaving's index, once known
        stack.extend((child, -1) for child in reversed(children(current)))
    return out


def walk(node: ast.AST, visitor: object, met: Optional[Events] = None) -> None:
    """Call the visitor's methods for every node; `met`: `events(node)`, if known."""
    met = events(node) if met is None else met
    methods: Dict[type, Tuple[Optional[Callable[[Any], Any]], Optional[Callable[[Any], Any]]]] = {}
    at, end = 0, len(met)
    while at < end:
        current, leaving_at = met[at]
        kind = type(current)
        found = methods.get(kind)
        if found is None:
            name = _VISITED_AS.get(kind.__name__, kind.__name__)
            found = methods[kind] = (getattr(visitor, f"visit_{name}", None), getattr(visitor, f"leave_{name}", None))
        if leaving_at < 0:
            if found[1] is not None:
                found[1](current)
            at += 1
        elif found[0] is not None and found[0](current) is False:
            at = leaving_at  # its children are skipped; it is still left
        else:
            at += 1
