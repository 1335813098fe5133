"""The texts a Python name bound more than once can hold where it is read.

`prompt = "..."` then `if flag: prompt = "Note: " + prompt`; `if a: x = "..." else: x = "..."`;
`text = "..."` then `text += "..."`: the statements of the name's scope are followed in the
order they run, up to the statement that reads it, and the texts it can hold there are the
set the bindings on every path give. A loop whose only bindings of the name append to it
(`prompt += f"- {rule}"`) leaves each text one turn makes followed by a placeholder (the
turns after it, unknown), then the texts before it (no turn). Bounded and sound: a binding whose
value is no text the extractor can read (a call it cannot follow, `input()`, a request's
field), any other binding in a loop, a read inside a loop that binds it, a binding in a
`try`, a `match` or a `with ... as`, or more than `MAX_VALUES` texts make the value unknown
(None), never one of the texts it held before.
"""

from __future__ import annotations

import ast
from bisect import bisect_left, bisect_right
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

MAX_VALUES = 8
PLACEHOLDER = "{…}"  # as extract/python.py writes a value it cannot resolve

Values = Optional[Tuple[str, ...]]  # None: unknown; (): not bound yet
# Evaluates a binding's value, given the texts the name holds before it (for `x = "a" + x`).
Evaluate = Callable[[ast.expr, Tuple[str, ...], str], Values]

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def union(a: Values, b: Values) -> Values:
    if a is None or b is None:
        return None
    out = tuple(dict.fromkeys(a + b))
    return out if len(out) <= MAX_VALUES else None


class Flow:
    """Follows one scope's statements for one name."""

    def __init__(self, name: str, evaluate: Evaluate, places: List[Tuple[int, int]]) -> None:
        self.name = name
        self.evaluate = evaluate
        self.places = places  # where the file binds the name (`binding_places`)

    def binds(self, node: ast.AST) -> bool:
        """Whether a statement binds the name anywhere inside (nested scopes included: a
        doubt makes the value unknown, never wrong)."""
        start = (node.lineno, node.col_offset)  # type: ignore[attr-defined]
        end = (node.end_lineno or node.lineno, node.end_col_offset or 0)  # type: ignore[attr-defined]
        at = bisect_left(self.places, start)
        return at < len(self.places) and self.places[at] <= end

    def run(self, body: Sequence[ast.stmt], state: Values, line: Optional[int]) -> Tuple[Values, bool]:
        """The texts after `body`, or where it reaches `line` (then True)."""
        for statement in body:
            if state is None:
                return None, True
            if line is not None and statement.lineno > line:
                return state, True
            inside = line is not None and statement.lineno <= line <= (statement.end_lineno or statement.lineno)
            state, reached = self._statement(statement, state, line if inside else None, inside)
            if reached or inside:
                return state, True
        return state, False

    def _statement(self, node: ast.stmt, state: Tuple[str, ...], line: Optional[int], inside: bool) -> Tuple[Values, bool]:
        name = self.name
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if inside or node.value is None or not any(self.binds(t) for t in targets):
                return state, inside  # read on the right-hand side: the texts before it
            if not all(isinstance(t, ast.Name) or not self.binds(t) for t in targets):
                return None, True  # unpacked into, or an attribute of it rebound
            return self.evaluate(node.value, state, "="), False
        if isinstance(node, ast.AugAssign):
            if inside or not self.binds(node.target):
                return state, inside
            if not isinstance(node.target, ast.Name) or not isinstance(node.op, ast.Add):
                return None, True
            return self.evaluate(node.value, state, "+="), False
        if isinstance(node, ast.If):
            if self.binds(node.test):
                return None, True
            if inside:
                branch = node.body if _holds(node.body, line) else node.orelse
                return self.run(branch, state, line)
            if not self.binds(node):
                return state, False
            body, _ = self.run(node.body, state, None)
            orelse, _ = self.run(node.orelse, state, None)
            return union(orelse, body), False  # without `else`, the texts before it first
        if isinstance(node, (ast.With, ast.AsyncWith)):
            if any(item.optional_vars is not None and self.binds(item.optional_vars) for item in node.items):
                return None, True
            return self.run(node.body, state, line)
        if isinstance(node, _SCOPES):
            if node.name == name:
                return None, True
            return state, inside  # its own bindings are its own scope's
        if not inside and isinstance(node, (ast.For, ast.AsyncFor, ast.While)) and self._appends_only(node):
            after = _after_appending(self.run(node.body, state, None)[0], state)
            if after is not None and node.orelse:
                after, _ = self.run(node.orelse, after, None)
            return after, after is None
        if inside:  # a loop, a `try`, a `match` that reads it
            if isinstance(node, (ast.For, ast.AsyncFor, ast.While)) and not self.binds(node):
                return self.run(node.body if _holds(node.body, line) else node.orelse, state, line)
            return (None if self.binds(node) else state), True
        return (None, True) if self.binds(node) else (state, False)


    def _appends_only(self, loop: ast.stmt) -> bool:
        """Whether every binding of the name inside a loop is `name += ...` (its place is
        the `+=`'s target, so the count of places and of such targets agree)."""
        start = (loop.lineno, loop.col_offset)
        end = (loop.end_lineno or loop.lineno, loop.end_col_offset or 0)
        places = bisect_right(self.places, end) - bisect_left(self.places, start)
        appends = sum(
            1 for n in ast.walk(loop)
            if isinstance(n, ast.AugAssign) and isinstance(n.op, ast.Add) and isinstance(n.target, ast.Name) and n.target.id == self.name
        )
        return places == appends


def _after_appending(turn: Values, before: Values) -> Values:
    """The texts after a loop that only appends to the name, given those one turn of its body
    leaves (`turn`) and those before it: each new text of the turn followed by a placeholder
    (the turns after it add text that cannot be known), then the texts before it (no turn)."""
    if turn is None or before is None:
        return None
    grown = tuple(t if t.endswith(PLACEHOLDER) else t + PLACEHOLDER for t in turn if t not in before)
    return union(grown, before)  # a turn first: the text keeps what it appends


def _holds(body: Sequence[ast.stmt], line: Optional[int]) -> bool:
    return bool(body) and line is not None and body[0].lineno <= line <= (body[-1].end_lineno or body[-1].lineno)


def innermost_scopes(module: ast.Module, line: int) -> List[ast.AST]:
    """The functions around a line, innermost first."""
    out: List[ast.AST] = []
    body: Sequence[ast.stmt] = module.body
    while True:
        found = None
        for statement in body:
            if statement.lineno <= line <= (statement.end_lineno or statement.lineno):
                found = statement
                break
        if found is None:
            return out
        if isinstance(found, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out.insert(0, found)
        body = [c for c in ast.iter_child_nodes(found) if isinstance(c, ast.stmt)] + [
            s for h in getattr(found, "handlers", ()) for s in h.body
        ] + [s for c in getattr(found, "cases", ()) for s in c.body]
        body = sorted(body, key=lambda s: s.lineno)


# ---- JavaScript and TypeScript (tree-sitter nodes): `let x = "..."; if (c) { x = "..." }`

_JS_SCOPES = frozenset(
    {"function_declaration", "function_expression", "function", "arrow_function", "method_definition",
     "generator_function_declaration", "generator_function", "class_declaration", "class"}
)
_JS_LOOPS = frozenset({"for_statement", "for_in_statement", "while_statement", "do_statement"})
JsEvaluate = Callable[[Any, Tuple[str, ...], str], Values]


class JsFlow:
    """Follows one scope's statements for one `let`/`var` name, as `Flow` does in Python."""

    def __init__(self, name: str, text: Callable[[Any], str], evaluate: JsEvaluate) -> None:
        self.name = name
        self.text = text
        self.evaluate = evaluate
        self._binds: Dict[int, bool] = {}

    def binds(self, node: Any) -> bool:
        key = node.id
        if key not in self._binds:
            found, stack = False, [node]
            while stack and not found:
                current = stack.pop()
                kind = current.type
                if kind in ("assignment_expression", "augmented_assignment_expression", "variable_declarator"):
                    target = current.child_by_field_name("left") or current.child_by_field_name("name")
                    found = target is not None and self.text(target) == self.name
                elif kind == "update_expression" or kind in ("for_in_statement",):
                    found = any(c.type == "identifier" and self.text(c) == self.name for c in current.named_children)
                stack.extend(current.named_children)
            self._binds[key] = found
        return self._binds[key]

    def _appends_only(self, loop: Any) -> bool:
        """Whether every binding of the name inside a loop is `name += ...`, as in Python."""
        stack, appends = [loop], 0
        while stack:
            current = stack.pop()
            if current.type in _JS_SCOPES or current.type in ("for_in_statement", "update_expression", "variable_declarator", "assignment_expression"):
                if self.binds(current) and current is not loop:
                    return False
            if current.type == "for_in_statement" and current is loop and any(
                c.type == "identifier" and self.text(c) == self.name for c in current.named_children
            ):
                return False
            if current.type == "augmented_assignment_expression":
                left = current.child_by_field_name("left")
                if left is not None and self.text(left) == self.name:
                    operator = current.child_by_field_name("operator")
                    if operator is None or self.text(operator) != "+=":
                        return False
                    appends += 1
            stack.extend(current.named_children)
        return appends > 0

    def run(self, statements: Sequence[Any], state: Values, read: Optional[int]) -> Tuple[Values, bool]:
        """The texts after the statements, or where they reach the byte `read` (then True)."""
        for statement in statements:
            if state is None:
                return None, True
            if statement.type == "comment":
                continue
            if read is not None and statement.start_byte > read:
                return state, True
            inside = read is not None and statement.start_byte <= read < statement.end_byte
            state, reached = self._statement(statement, state, read if inside else None, inside)
            if reached or inside:
                return state, True
        return state, False

    def _statement(self, node: Any, state: Tuple[str, ...], read: Optional[int], inside: bool) -> Tuple[Values, bool]:
        kind = node.type
        if kind in _JS_SCOPES:  # a function that rebinds it (a closure) makes it unknown
            return (None, True) if self.binds(node) else (state, inside)
        if kind == "export_statement" and not self.binds(node):
            return state, inside
        binds = self.binds(node)
        if not binds and kind not in ("statement_block", "if_statement", "else_clause") and not (inside and kind in _JS_LOOPS):
            return state, inside
        if kind in _JS_LOOPS and binds and not inside and self._appends_only(node):
            after = _after_appending(self.run(_body(node), state, None)[0], state)
            return after, after is None
        if kind in _JS_LOOPS:  # read inside a loop that does not rebind it
            return (self.run(_body(node), state, read) if not binds else (None, True))
        if kind in ("lexical_declaration", "variable_declaration", "expression_statement", "export_statement"):
            if inside:
                return state, True
            parts = [c for c in node.named_children if c.type != "comment"]
            if kind == "export_statement":
                parts = [p for c in parts for p in c.named_children] if parts else []
            for part in parts:
                if part.type == "variable_declarator" and self.text(part.child_by_field_name("name")) == self.name:
                    value = part.child_by_field_name("value")
                    state = self.evaluate(value, state, "=") if value is not None else ()
                elif part.type in ("assignment_expression", "augmented_assignment_expression"):
                    left = part.child_by_field_name("left")
                    if left is None or self.text(left) != self.name:
                        return None, True
                    op = "=" if part.type == "assignment_expression" else self.text(part.child_by_field_name("operator") or part)
                    if op not in ("=", "+="):
                        return None, True
                    state = self.evaluate(part.child_by_field_name("right"), state, op)
                elif self.binds(part):
                    return None, True
                if state is None:
                    return None, True
            return state, False
        if kind == "statement_block":
            return self.run(_body(node), state, read)
        if kind == "if_statement":
            condition = node.child_by_field_name("condition")
            if condition is not None and self.binds(condition):
                return None, True
            consequence = node.child_by_field_name("consequence")
            alternative = node.child_by_field_name("alternative")
            if inside:
                holder = consequence if consequence is not None and consequence.start_byte <= (read or 0) < consequence.end_byte else alternative
                return self.run([holder] if holder is not None else [], state, read)
            if not binds:
                return state, False
            then, _ = self.run([consequence] if consequence is not None else [], state, None)
            other, _ = self.run(_body(alternative) if alternative is not None else [], state, None)
            return union(other, then), False
        if kind == "else_clause":
            return self.run(_body(node), state, read)
        return None, True  # a loop, `try`, `switch` that rebinds it


def _body(node: Any) -> List[Any]:
    if node.type in ("statement_block", "program", "else_clause"):
        return [c for c in node.named_children if c.type != "comment"]
    body = node.child_by_field_name("body")
    if body is not None:
        return _body(body) if body.type == "statement_block" else [body]
    return [node]
