"""A walk of a libcst tree that calls a visitor's `visit_<Node>` and `leave_<Node>`
methods in the order `node.visit(visitor)` does, without its cost.

libcst's own traversal rebuilds every node it passes (each parent is made anew from its
visited children, and each new node validates its fields), and calls two attribute hooks
for every field of every node: three quarters of an extractor's visit went there. This
walk reads the children where they are. The order of a node's fields is libcst's own
(the order its `_visit_and_replace_children` visits them, which is the order they stand in
the code), learnt once per kind of node; a field it did not name comes after them.
Visitors here only look: they return nothing, or False to skip a node's children.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any, Callable, Dict, List, Optional, Tuple

import libcst as cst

# Each kind of node: the names of its fields, in the order libcst visits them.
_ORDER: Dict[type, Tuple[str, ...]] = {}
# Each type met as a field's value: is it a node (a `cst.CSTNode`)?
_IS_NODE: Dict[type, bool] = {}


class _FieldNames(cst.CSTVisitor):
    """Records the fields libcst visits, without going into any of them."""

    def __init__(self) -> None:
        super().__init__()
        self.names: List[str] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        return False

    def on_leave(self, original_node: cst.CSTNode) -> None:
        return None

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        self.names.append(attribute)

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        return None


def _order(node: cst.CSTNode) -> Tuple[str, ...]:
    kind = type(node)
    names = _ORDER.get(kind)
    if names is None:
        recorder = _FieldNames()
        node._visit_and_replace_children(recorder)  # one level: the recorder enters no child
        visited = tuple(dict.fromkeys(recorder.names))
        names = _ORDER[kind] = visited + tuple(f.name for f in fields(node) if f.name not in visited)
    return names


def _is_node(value: Any) -> bool:
    kind = type(value)
    known = _IS_NODE.get(kind)
    if known is None:
        known = _IS_NODE[kind] = issubclass(kind, cst.CSTNode)
    return known


def children(node: cst.CSTNode) -> List[cst.CSTNode]:
    """The node's children in the order they stand in the code (`node.children`, without
    rebuilding the node)."""
    out: List[cst.CSTNode] = []
    for name in _order(node):
        value = getattr(node, name)
        if _is_node(value):
            out.append(value)
        elif type(value) is tuple or type(value) is list:
            out.extend(item for item in value if _is_node(item))
    return out


Events = List[Tuple[cst.CSTNode, int]]


def events(node: cst.CSTNode) -> Events:
    """The tree as the walk meets it, to replay for several visitors: each node once as it
    is entered, with the index of its leaving (which follows its children's), and once as
    it is left, with -1."""
    out: Events = []
    stack: List[Tuple[cst.CSTNode, int]] = [(node, -1)]
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


def walk(node: cst.CSTNode, visitor: cst.CSTVisitor, met: Optional[Events] = None) -> None:
    """`node.visit(visitor)` for a visitor that only looks; `met`: `events(node)`, if known."""
    met = events(node) if met is None else met
    methods: Dict[type, Tuple[Optional[Callable[[Any], Any]], Optional[Callable[[Any], Any]]]] = {}
    at, end = 0, len(met)
    while at < end:
        current, leaving_at = met[at]
        kind = type(current)
        found = methods.get(kind)
        if found is None:
            found = methods[kind] = (_own(visitor, f"visit_{kind.__name__}"), _own(visitor, f"leave_{kind.__name__}"))
        if leaving_at < 0:
            if found[1] is not None:
                found[1](current)
            at += 1
        elif found[0] is not None and found[0](current) is False:
            at = leaving_at  # its children are skipped; it is still left
        else:
            at += 1


def _own(visitor: cst.CSTVisitor, name: str) -> Optional[Callable[[Any], Any]]:
    """The visitor's method `name`, unless it is `cst.CSTVisitor`'s, which does nothing."""
    method = getattr(type(visitor), name, None)
    if method is None or method is getattr(cst.CSTVisitor, name, None):
        return None
    return getattr(visitor, name)
