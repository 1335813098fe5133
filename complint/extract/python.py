"""Python extractor: turns one Python file into facts, using libcst.

Import aliases, clients kept in variables or attributes, factory functions and string
constants are resolved here, by hand: libcst's QualifiedNameProvider costs several times
the parse itself. Scopes are flattened per file, which is what apps of this kind need.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Set, Tuple

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from ..facts import (
    AnswerCheck,
    ChatSurface,
    FileFacts,
    FileProblem,
    LibraryCall,
    Location,
    ModelCall,
    ModelImport,
    Prompt,
    ShownFile,
    UserFacingText,
)
from . import vocabulary as V
from .callgraph import reaching_model
from .nesting import nesting_problem

PLACEHOLDER = "{…}"
_MAX_DEPTH = 8
_MAX_CHOICES = 50  # literals tried per interpolated value of a prompt
_MAX_CHOICE_CHARS = 2000
_STRING_TESTS = frozenset({"startswith", "endswith", "__contains__"})


# libcst and the walks over its tree read about 50 KB a second: a larger file is data or
# generated code, and would hold a scan for a minute.
MAX_PARSED_CHARS = 512 * 1024


def extract_python(source: str, path: str) -> FileFacts:
    """Facts of one Python file; a file that does not parse gives a problem, not a crash."""
    if not source.strip():
        return FileFacts(path=path, language="python")
    skipped = _unparsable(source)
    if skipped:
        return FileFacts(path=path, language="python", problems=(FileProblem(path, skipped),))
    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError as exc:
        problem = _python_syntax_problem(source, path) or _syntax_problem(path, exc)
        return FileFacts(path=path, language="python", problems=(problem,))
    except RecursionError:
        problem = FileProblem(path, "too deeply nested to parse")
        return FileFacts(path=path, language="python", problems=(problem,))
    return _Extraction(module, path).run()


def _unparsable(source: str) -> Optional[str]:
    """Why libcst must not be given this file (it would take minutes, or overflow its stack)."""
    if len(source) > MAX_PARSED_CHARS:
        return f"skipped: too large to analyse ({len(source) // 1024:,} KB of Python, over the {MAX_PARSED_CHARS // 1024} KB limit)"
    return nesting_problem(source, "python")


_ERROR_AT = re.compile(r"^(?:parser error: )?error at (\d+):(\d+): (.*)$", re.DOTALL)


def _python_syntax_problem(source: str, path: str) -> Optional[FileProblem]:
    """CPython's own message and position, which are more precise than libcst's."""
    try:
        compile(source, path, "exec", dont_inherit=True)
    except SyntaxError as exc:
        return FileProblem(path, f"syntax error: {exc.msg}", max(exc.lineno or 1, 1), max(exc.offset or 1, 1))
    except (ValueError, RecursionError, MemoryError):
        return None
    return None  # valid for this interpreter: libcst's report stands


def _syntax_problem(path: str, exc: "cst.ParserSyntaxError") -> FileProblem:
    line, column, text = exc.raw_line, exc.raw_column + 1, exc.message.strip()
    match = _ERROR_AT.match(text)
    if match:
        line, column, text = int(match.group(1)), int(match.group(2)) + 1, match.group(3)
    if text.startswith("expected one of") and text.count(",") > 4:
        text = "invalid syntax"
    text = text.splitlines()[0] if text else "invalid syntax"
    return FileProblem(path, f"syntax error: {text}", max(line, 1), max(column, 1))


# --------------------------------------------------------------------------- pre-pass


class _Bindings(cst.CSTVisitor):
    """Collects imports, assignments and function returns, so names can be resolved."""

    def __init__(self) -> None:
        self.imports: Dict[str, str] = {}
        self.import_nodes: List[Tuple[cst.CSTNode, str, str]] = []  # (node, local, module)
        self.assigned: Dict[str, List[cst.BaseExpression]] = {}
        self.returns: Dict[str, List[cst.BaseExpression]] = {}
        self.iterated: Dict[str, List[cst.BaseExpression]] = {}  # loop variable -> what it loops over
        self._functions: List[str] = []

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            dotted = _dotted(alias.name)
            if not dotted:
                continue
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                local = alias.asname.name.value
                self.imports[local] = dotted
            else:
                local = dotted.split(".")[0]
                self.imports.setdefault(local, local)
            self.import_nodes.append((alias, local, dotted))

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if node.relative or node.module is None or isinstance(node.names, cst.ImportStar):
            return
        module = _dotted(node.module)
        for alias in node.names:
            name = _dotted(alias.name)
            local = name
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                local = alias.asname.name.value
            self.imports[local] = f"{module}.{name}"
            # `from google import genai` imports the SDK google.genai, not "google".
            shown = module if V.sdk_provider(module) else f"{module}.{name}"
            self.import_nodes.append((alias, local, shown))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._functions.append(node.name.value)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._functions.pop()

    def visit_Return(self, node: cst.Return) -> None:
        if self._functions and node.value is not None:
            self.returns.setdefault(self._functions[-1], []).append(node.value)

    def _bind(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        name = _dotted(target)
        if name:
            self.assigned.setdefault(name, []).append(value)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._bind(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._bind(node.target, node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._bind(node.target, node.value)  # a second binding: no longer a constant

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind(node.target, node.value)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._bind(node.asname.name, node.item)

    def visit_For(self, node: cst.For) -> None:
        name = _dotted(node.target)
        if name:
            self.iterated.setdefault(name, []).append(node.iter)


def _dotted(node: Optional[cst.CSTNode]) -> str:
    """`a.b.c` for Name/Attribute chains, "" for anything else."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr.value}" if base else ""
    return ""


# --------------------------------------------------------------------------- main pass


@dataclass
class _Function:
    name: str
    node: cst.FunctionDef
    model_calls: int = 0
    calls: Set[str] = field(default_factory=set)
    reads_request: bool = False
    routes: List[Tuple[cst.CSTNode, str]] = field(default_factory=list)  # (decorator, framework)
    returns: List[cst.BaseExpression] = field(default_factory=list)


@dataclass
class _Loop:
    node: cst.While
    reads_input: bool = False
    model_calls: int = 0
    calls: Set[str] = field(default_factory=set)


class _Extraction(cst.CSTVisitor):
    def __init__(self, module: cst.Module, path: str) -> None:
        self.module = module
        self.path = path
        self.b = _Bindings()
        module.visit(self.b)
        roots = {m.split(".")[0] for m in self.b.imports.values()}
        self.messaging_frameworks = {V.MESSAGING_MODULES[r] for r in roots if r in V.MESSAGING_MODULES}
        self.messaging = bool(self.messaging_frameworks)
        self.web = next((V.WEB_FRAMEWORKS[r] for r in sorted(roots) if r in V.WEB_FRAMEWORKS), "")
        self._qualified: Dict[int, Tuple[str, ...]] = {}
        self._resolving: Set[int] = set()
        # Facts waiting for positions: (kind, node, payload).
        self.pending: List[Tuple[str, cst.CSTNode, tuple]] = []
        self.functions: Dict[str, _Function] = {}
        self._fn_stack: List[_Function] = []
        self._loops: List[_Loop] = []
        self.loops: List[_Loop] = []
        self.answer_names: Set[str] = set()
        self._seen_texts: Set[int] = set()
        self._fills: Dict[int, str] = {}  # expression -> the literal it stands for, while making variants
        self._answer_tests: List[Tuple[cst.CSTNode, List[cst.BaseExpression]]] = []
        self._answer_memo: Dict[int, bool] = {}

    # ---- resolution

    def qualify(self, node: cst.BaseExpression, depth: int = 0) -> Tuple[str, ...]:
        """Dotted names an expression may stand for, "()" marking an instance."""
        key = id(node)
        if key in self._qualified:
            return self._qualified[key]
        if depth > _MAX_DEPTH or key in self._resolving:
            return ()
        self._resolving.add(key)
        try:
            result = self._qualify(node, depth)
        finally:
            self._resolving.discard(key)
        self._qualified[key] = result
        return result

    def _qualify(self, node: cst.BaseExpression, depth: int) -> Tuple[str, ...]:
        if isinstance(node, (cst.Name, cst.Attribute)):
            dotted = _dotted(node)
            if dotted and dotted in self.b.imports:
                return (self.b.imports[dotted],)
            if dotted and dotted in self.b.assigned:
                found = self._union(self.b.assigned[dotted], depth)
                if found:
                    return found
            if isinstance(node, cst.Name):
                return (node.value,)  # a builtin, a parameter, or something unknown
            return tuple(f"{b}.{node.attr.value}" for b in self.qualify(node.value, depth + 1))
        if isinstance(node, cst.Call):
            func = node.func
            if isinstance(func, cst.Name) and func.value in self.b.returns and func.value not in self.b.imports:
                found = self._union(self.b.returns[func.value], depth)
                if found:
                    return found
            return tuple(f"{q}()" for q in self.qualify(func, depth + 1))
        if isinstance(node, cst.Await):
            return self.qualify(node.expression, depth + 1)
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.BitOr):
            return self._union([node.left, node.right], depth)
        return ()

    def _union(self, values: Sequence[cst.BaseExpression], depth: int) -> Tuple[str, ...]:
        out: List[str] = []
        for value in values:
            for q in self.qualify(value, depth + 1):
                if q not in out:
                    out.append(q)
        return tuple(out[:6])

    def string_value(self, node: Optional[cst.BaseExpression], depth: int = 0) -> Optional[str]:
        """The text a string expression shows, with interpolations as placeholders."""
        if node is None or depth > _MAX_DEPTH:
            return None
        if self._fills and id(node) in self._fills:
            return self._fills[id(node)]
        if isinstance(node, cst.SimpleString):
            value = node.evaluated_value
            return value if isinstance(value, str) else None
        if isinstance(node, cst.ConcatenatedString):
            parts = [self.string_value(node.left, depth + 1), self.string_value(node.right, depth + 1)]
            return "".join(p or "" for p in parts) if any(p is not None for p in parts) else None
        if isinstance(node, cst.FormattedString):
            out = []
            for part in node.parts:
                if isinstance(part, cst.FormattedStringText):
                    out.append(part.value if "r" in node.prefix.lower() else _unescape(part.value))
                else:
                    inner = self.string_value(part.expression, depth + 1)
                    out.append(inner if inner is not None else PLACEHOLDER)
            return "".join(out)
        if isinstance(node, cst.BinaryOperation):
            if isinstance(node.operator, cst.Add):
                left = self.string_value(node.left, depth + 1)
                right = self.string_value(node.right, depth + 1)
                if left is None and right is None:
                    return None
                return (left if left is not None else PLACEHOLDER) + (
                    right if right is not None else PLACEHOLDER
                )
            if isinstance(node.operator, cst.Modulo):
                return self.string_value(node.left, depth + 1)
            return None
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            if node.func.attr.value == "format":
                return self.string_value(node.func.value, depth + 1)
            return None
        if isinstance(node, (cst.Name, cst.Attribute)):
            values = self.b.assigned.get(_dotted(node))
            if values and len(values) == 1 and values[0] is not node:
                return self.string_value(values[0], depth + 1)
        return None

    def strings_in(self, node: Optional[cst.BaseExpression]) -> List[Tuple[cst.CSTNode, str]]:
        """Every text inside a value, looking into lists, tuples, dicts and sets."""
        if node is None:
            return []
        text = self.string_value(node)
        if text is not None:
            return [(node, text)]
        out: List[Tuple[cst.CSTNode, str]] = []
        if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
            for el in node.elements:
                out.extend(self.strings_in(el.value))
        elif isinstance(node, cst.Dict):
            for el in node.elements:
                if isinstance(el, cst.DictElement):
                    out.extend(self.strings_in(el.value))
        elif isinstance(node, (cst.Name, cst.Attribute)):
            values = self.b.assigned.get(_dotted(node))
            if values and len(values) == 1 and isinstance(values[0], (cst.List, cst.Tuple, cst.Dict)):
                out.extend(self.strings_in(values[0]))
        return out

    # ---- fact recording

    def _text(self, node: cst.CSTNode, text: str, channel: str) -> None:
        if not text.replace(PLACEHOLDER, "").strip():
            return
        if id(node) in self._seen_texts:
            return
        self._seen_texts.add(id(node))
        self.pending.append(("text", node, (text, channel)))

    def _prompt(self, node: cst.CSTNode, text: Optional[str], role: str) -> None:
        if text is None and isinstance(node, cst.Subscript):  # PERSONAS[choice]: one of a dict's prompts
            variants = tuple(dict.fromkeys(self._choices(node)))
            if variants:
                self.pending.append(("prompt", node, (PLACEHOLDER, role, variants)))
            return
        if text and text.replace(PLACEHOLDER, "").strip():
            # "{" also stands for `"You are {}".format(person)`, whose text keeps its fields.
            variants = self._variants(node) if "{" in text and isinstance(node, cst.BaseExpression) else ()
            self.pending.append(("prompt", node, (text, role, variants)))

    # ---- prompts filled from a list of literals: f"You are {celebrity}"

    def _variants(self, node: cst.BaseExpression) -> Tuple[str, ...]:
        """The prompt's text with one interpolated value filled in, for each literal it can take."""
        template = node
        for _ in range(_MAX_DEPTH):
            if not isinstance(template, (cst.Name, cst.Attribute)):
                break
            values = self.b.assigned.get(_dotted(template)) or []
            if len(values) != 1:
                return ()
            template = values[0]
        if isinstance(template, cst.Call) and isinstance(template.func, cst.Attribute):
            if template.func.attr.value == "format":
                return self._format_variants(template)
        out: List[str] = []
        for expression in self._interpolated(template):
            for choice in self._choices(expression)[:_MAX_CHOICES]:
                self._fills[id(expression)] = choice
                try:
                    text = self.string_value(template)
                finally:
                    del self._fills[id(expression)]
                if text and text not in out:
                    out.append(text)
        return tuple(out[: 2 * _MAX_CHOICES])

    def _format_variants(self, call: cst.Call) -> Tuple[str, ...]:
        """`"You are {}".format(person)`: the template with one argument filled in per literal it can take."""
        assert isinstance(call.func, cst.Attribute)
        template = self.string_value(call.func.value)
        if not template:
            return ()
        try:
            fields = list(string.Formatter().parse(template))
        except ValueError:
            return ()
        arguments = {str(i): a.value for i, a in enumerate(a for a in call.args if a.keyword is None and not a.star)}
        arguments.update({a.keyword.value: a.value for a in call.args if a.keyword is not None})
        out: List[str] = []
        for slot, value in arguments.items():
            for choice in self._choices(value)[:_MAX_CHOICES]:
                text, automatic = [], 0
                for literal, name, _, _ in fields:
                    text.append(literal)
                    if name is None:
                        continue
                    if name == "":
                        name, automatic = str(automatic), automatic + 1
                    text.append(choice if name == slot else PLACEHOLDER)
                if "".join(text) not in out:
                    out.append("".join(text))
        return tuple(out[: 2 * _MAX_CHOICES])

    def _interpolated(self, node: cst.BaseExpression, depth: int = 0) -> List[cst.BaseExpression]:
        """The values an f-string or a `+` concatenation puts into the text."""
        if depth > _MAX_DEPTH:
            return []
        if isinstance(node, cst.FormattedString):
            return [p.expression for p in node.parts if isinstance(p, cst.FormattedStringExpression)]
        if isinstance(node, cst.ConcatenatedString):
            return self._interpolated(node.left, depth + 1) + self._interpolated(node.right, depth + 1)
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
            out: List[cst.BaseExpression] = []
            for side in (node.left, node.right):
                if isinstance(side, (cst.Name, cst.Attribute, cst.Subscript, cst.Call)):
                    out.append(side)
                else:
                    out.extend(self._interpolated(side, depth + 1))
            return out
        return []

    def _choices(self, node: cst.BaseExpression, depth: int = 0) -> List[str]:
        """The literals a value is picked from: a selectbox's options, `random.choice`, a loop, an index."""
        if depth > _MAX_DEPTH:
            return []
        if isinstance(node, (cst.Name, cst.Attribute)):
            name = _dotted(node)
            assigned = self.b.assigned.get(name) or []
            if len(assigned) == 1:
                return self._choices(assigned[0], depth + 1)
            looped = self.b.iterated.get(name) or []
            return self._literals(looped[0], depth + 1) if len(looped) == 1 and not assigned else []
        if isinstance(node, cst.Subscript):
            return self._literals(node.value, depth + 1, part="values")
        if isinstance(node, cst.Call):
            for callee in self.qualify(node.func):
                parts = callee.replace("()", "").split(".")
                spec = V.CHOICE_CALLS.get(f"{parts[0]}.{parts[-1]}")
                if spec is None:
                    continue
                position, keyword = spec
                positional = [a for a in node.args if a.keyword is None and not a.star]
                options = next((a.value for a in node.args if a.keyword is not None and a.keyword.value == keyword), None)
                if options is None and len(positional) > position:
                    options = positional[position].value
                return self._literals(options, depth + 1) if options is not None else []
        return []

    def _literals(self, node: cst.BaseExpression, depth: int = 0, part: str = "keys") -> List[str]:
        """The texts of a list, tuple or set of literals (a dict's keys, or its values)."""
        if depth > _MAX_DEPTH:
            return []
        if isinstance(node, (cst.Name, cst.Attribute)):
            values = self.b.assigned.get(_dotted(node)) or []
            return self._literals(values[0], depth + 1, part) if len(values) == 1 else []
        if isinstance(node, cst.Call):
            func = node.func
            if isinstance(func, cst.Name) and func.value in ("list", "sorted", "tuple") and node.args:
                return self._literals(node.args[0].value, depth + 1, part)
            if isinstance(func, cst.Attribute) and func.attr.value in ("keys", "values"):
                return self._literals(func.value, depth + 1, func.attr.value)
            return []
        if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
            items = [el.value for el in node.elements]
        elif isinstance(node, cst.Dict):
            elements = [el for el in node.elements if isinstance(el, cst.DictElement)]
            items = [el.key if part == "keys" else el.value for el in elements]
        else:
            return []
        texts = (self.string_value(item, depth + 1) for item in items)
        return [t for t in texts if t and PLACEHOLDER not in t and len(t) <= _MAX_CHOICE_CHARS]

    def _surface(self, node: cst.CSTNode, framework: str, kind: str, detail: str) -> None:
        self.pending.append(("surface", node, (framework, kind, detail)))

    # ---- visiting

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        fn = _Function(node.name.value, node)
        self.functions.setdefault(fn.name, fn)
        self._fn_stack.append(fn)
        for decorator in node.decorators:
            self._decorator(decorator, fn)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._fn_stack.pop()

    def visit_While(self, node: cst.While) -> None:
        loop = _Loop(node)
        self._loops.append(loop)
        self.loops.append(loop)

    def leave_While(self, original_node: cst.While) -> None:
        self._loops.pop()

    def visit_Return(self, node: cst.Return) -> None:
        if self._fn_stack and node.value is not None:
            self._fn_stack[-1].returns.append(node.value)
            name = self._fn_stack[-1].name
            if V.PROMPT_NAME.search(name):  # def get_report_prompt(language): return f"You are ..."
                role = "system" if re.search(r"(?i)system|persona|instruction|preamble", name) else "unknown"
                self._prompt(node.value, self.string_value(node.value), role)

    def visit_Name(self, node: cst.Name) -> None:
        if node.value in ("request", "websocket") and self._fn_stack:
            origin = self.b.imports.get(node.value, "")
            if origin.split(".")[0] in V.WEB_FRAMEWORKS:
                self._fn_stack[-1].reads_request = True

    def visit_Assign(self, node: cst.Assign) -> None:
        if self._contains_model_answer(node.value):
            for target in node.targets:
                name = _dotted(target.target)
                if name:
                    self.answer_names.add(name)
        for target in node.targets:
            name = _dotted(target.target)
            if name and V.PROMPT_NAME.search(name.split(".")[-1]):
                role = "system" if re.search(r"(?i)system|persona|instruction|preamble", name) else "unknown"
                if isinstance(node.value, (cst.Dict, cst.List, cst.Tuple)):
                    # PERSONAS = {"omega": "You are ..."}: each entry is a prompt of its own.
                    for string_node, text in self.strings_in(node.value):
                        self._prompt(string_node, text, role)
                else:
                    self._prompt(node.value, self.string_value(node.value), role)

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        # f"🤖 AI answer: {answer}": text wrapped around the model's answer reaches the user.
        if any(
            isinstance(part, cst.FormattedStringExpression) and self._contains_model_answer(part.expression)
            for part in node.parts
        ):
            self._text(node, self.string_value(node) or "", "model answer")

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if isinstance(node.operator, cst.Add) and (
            self._contains_model_answer(node.left) or self._contains_model_answer(node.right)
        ):
            self._text(node, self.string_value(node) or "", "model answer")

    def visit_Dict(self, node: cst.Dict) -> None:
        role = content = None
        keys = set()
        for el in node.elements:
            if not isinstance(el, cst.DictElement):
                continue
            key = self.string_value(el.key)
            keys.add(key)
            if key == "role":
                role = self.string_value(el.value)
            elif key in ("content", "text", "parts"):
                content = el.value
        if {"name", "description"} <= keys and keys & V.TOOL_SCHEMA_KEYS:
            # A tool's schema (OpenAI `parameters`, Anthropic `input_schema`), wherever it is
            # defined: the model reads its descriptions, which say what the app is for.
            self._prompt(node, " ".join(self._descriptions(node)), "tool")
        if role is None or content is None:
            return
        role = role.lower()
        if role in V.ASSISTANT_ROLES:
            for string_node, text in self.strings_in(content):
                self._text(string_node, text, "assistant message")
        elif role in V.SYSTEM_ROLES:
            self._prompt(content, self.string_value(content), "system")
        elif role in V.USER_ROLES:
            self._prompt(content, self.string_value(content), "user")

    def visit_Tuple(self, node: cst.Tuple) -> None:
        # ("system", "You are ...") in a langchain ChatPromptTemplate.
        if len(node.elements) != 2:
            return
        role = self.string_value(node.elements[0].value)
        if role in V.SYSTEM_ROLES or role in V.USER_ROLES:
            value = node.elements[1].value
            self._prompt(value, self.string_value(value), "system" if role in V.SYSTEM_ROLES else "user")

    def visit_Call(self, node: cst.Call) -> None:
        callees = self.qualify(node.func)
        fn = self._fn_stack[-1] if self._fn_stack else None
        if isinstance(node.func, cst.Name):
            name = node.func.value
        elif isinstance(node.func, cst.Attribute) and _dotted(node.func.value) == "self":
            name = node.func.attr.value
        else:
            name = ""
        if name:
            if fn is not None:
                fn.calls.add(name)
            for loop in self._loops:
                loop.calls.add(name)
        if any(c in V.CONSOLE_INPUT_CALLEES for c in callees):
            for loop in self._loops:
                loop.reads_input = True
        model = self._model_call(node, callees)
        if model is not None:
            self.pending.append(("call", node, model))
            if fn is not None:
                fn.model_calls += 1
            for loop in self._loops:
                loop.model_calls += 1
            self._model_prompts(node)
        self._surfaces_of_call(node, callees)
        self._texts_of_call(node, callees)
        self._prompt_kwargs(node, callees)
        self._library_call(node, callees)
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in _STRING_TESTS:
            self._answer_tests.append((node, [node.func.value] + [a.value for a in node.args]))

    def visit_Comparison(self, node: cst.Comparison) -> None:
        self._answer_tests.append((node, [node.left] + [c.comparator for c in node.comparisons]))

    # ---- library calls and code acting on the model's answer

    def _library_call(self, node: cst.Call, callees: Tuple[str, ...]) -> None:
        callee = next((c for c in callees if c.split(".")[0] in V.LIBRARY_CALL_MODULES), None)
        if callee is not None:
            strings = tuple(t for a in node.args for _, t in self.strings_in(a.value))
            self.pending.append(("library", node, (callee.replace("()", ""), strings)))

    def _answer_checks(self) -> None:
        """`if "REJECT" in answer`: conditions comparing the model's answer with literal text."""
        for node, sides in self._answer_tests:
            if not any(self._from_answer(side) for side in sides):
                continue
            strings = tuple(
                t for side in sides if not self._from_answer(side) for _, t in self.strings_in(side) if t.strip()
            )
            if strings:
                self.pending.append(("answer-check", node, (strings,)))

    def _from_answer(self, node: cst.BaseExpression, depth: int = 0) -> bool:
        """Is this value the model's answer, or computed from it (`json.loads(answer)["decision"]`)?"""
        key = id(node)
        if key not in self._answer_memo:
            self._answer_memo[key] = False  # a value assigned from itself is not an answer
            self._answer_memo[key] = self._computed_from_answer(node, depth)
        return self._answer_memo[key]

    def _computed_from_answer(self, node: cst.BaseExpression, depth: int) -> bool:
        if depth > _MAX_DEPTH:
            return False
        if self._contains_model_answer(node):
            return True
        if isinstance(node, (cst.Attribute, cst.Subscript)):
            return self._from_answer(node.value, depth + 1)
        if isinstance(node, cst.Await):
            return self._from_answer(node.expression, depth + 1)
        if isinstance(node, cst.Name):
            return any(self._from_answer(v, depth + 1) for v in self.b.assigned.get(node.value, ()) if v is not node)
        if isinstance(node, cst.Call):
            func = node.func
            name = func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) and _dotted(func.value) == "self" else ""
            if name in self.functions and any(self._from_answer(r, depth + 1) for r in self.functions[name].returns):
                return True
            if isinstance(func, cst.Attribute) and self._from_answer(func.value, depth + 1):
                return True
            return any(self._from_answer(a.value, depth + 1) for a in node.args)
        return False

    # ---- model calls

    def _model_call(self, node: cst.Call, callees: Tuple[str, ...]) -> Optional[Tuple[str, str]]:
        for callee in callees:
            for provider, pattern in V.MODEL_CALL_PATTERNS:
                if pattern.match(callee):
                    if provider == "transformers" and callee == "transformers.pipeline()":
                        continue
                    return provider, _short_api(callee)
            if callee == "transformers.pipeline" and self._pipeline_task(node) in V.GENERATIVE_PIPELINE_TASKS:
                return "transformers", f"pipeline({self._pipeline_task(node)!r})"
            if V.HTTP_POST_CALLEES.match(callee):
                endpoint = self._model_endpoint(node)
                if endpoint:
                    return "http", endpoint
        for callee in callees:
            if V.sdk_provider(callee) or callee.split(".")[0] in V.MESSAGING_MODULES:
                continue
            for provider, pattern in V.UNRESOLVED_CALL_PATTERNS:
                if pattern.search(callee):
                    return provider, _short_api(callee)
            if V.MESSAGES_CREATE.search(callee):
                kwargs = {a.keyword.value for a in node.args if a.keyword is not None}
                if {"model", "messages"} <= kwargs:
                    return "anthropic-compatible", _short_api(callee)
        return None

    def _pipeline_task(self, node: cst.Call) -> str:
        for arg in node.args:
            if arg.keyword is None or arg.keyword.value == "task":
                return self.string_value(arg.value) or ""
        return ""

    def _model_endpoint(self, node: cst.Call) -> str:
        url_node = None
        payload_has_model = False
        for index, arg in enumerate(node.args):
            if (arg.keyword is None and index == 0) or (arg.keyword and arg.keyword.value == "url"):
                url_node = arg.value
            if arg.keyword and arg.keyword.value in ("json", "data"):
                payload_has_model = self._dict_has_key(arg.value, "model")
        url = self.string_value(url_node) or ""
        for label, pattern in V.MODEL_ENDPOINTS:
            if pattern.search(url):
                return f"POST {label} endpoint"
        if V.OLLAMA_PATHS.search(url) and (V.OLLAMA_HINT.search(url) or payload_has_model):
            return "POST ollama endpoint"
        return ""

    def _dict_has_key(self, node: cst.BaseExpression, key: str) -> bool:
        if isinstance(node, (cst.Name, cst.Attribute)):
            values = self.b.assigned.get(_dotted(node)) or []
            node = values[0] if len(values) == 1 else node
        if isinstance(node, cst.Dict):
            return any(
                isinstance(el, cst.DictElement) and self.string_value(el.key) == key
                for el in node.elements
            )
        return False

    def _contains_model_answer(self, node: cst.BaseExpression) -> bool:
        """Is this value a model call, or read from one (`resp.choices[0].message.content`)?"""
        while True:
            if isinstance(node, cst.Await):
                node = node.expression
            elif isinstance(node, cst.Attribute):
                node = node.value
            elif isinstance(node, cst.Subscript):
                node = node.value
            elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and self._model_call(
                node, self.qualify(node.func)
            ) is None:
                node = node.func.value
            else:
                break
        if isinstance(node, cst.Call):
            return self._model_call(node, self.qualify(node.func)) is not None
        return isinstance(node, cst.Name) and node.value in self.answer_names

    def _model_prompts(self, node: cst.Call) -> None:
        for index, arg in enumerate(node.args):
            if (arg.keyword is None and index == 0) or (
                arg.keyword is not None and arg.keyword.value in ("prompt", "input", "contents", "message")
            ):
                self._prompt(arg.value, self.string_value(arg.value), "user")

    def _descriptions(self, node: Optional[cst.BaseExpression], depth: int = 0) -> List[str]:
        """The `description` texts of a tool schema (lists and dicts, followed through names)."""
        if node is None or depth > _MAX_DEPTH:
            return []
        if isinstance(node, (cst.Name, cst.Attribute)):
            values = self.b.assigned.get(_dotted(node)) or []
            return self._descriptions(values[0], depth + 1) if len(values) == 1 else []
        out: List[str] = []
        if isinstance(node, (cst.List, cst.Tuple)):
            for element in node.elements:
                out += self._descriptions(element.value, depth + 1)
        elif isinstance(node, cst.Dict):
            for element in node.elements:
                if not isinstance(element, cst.DictElement):
                    continue
                if self.string_value(element.key) == "description":
                    text = self.string_value(element.value)
                    if text:
                        out.append(text)
                else:
                    out += self._descriptions(element.value, depth + 1)
        return out

    def _prompt_kwargs(self, node: cst.Call, callees: Tuple[str, ...]) -> None:
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value in V.SYSTEM_PROMPT_KWARGS:
                self._prompt(arg.value, self.string_value(arg.value), "system")
        for callee in callees:
            last = callee.rstrip("()").split(".")[-1]
            if not V.sdk_provider(callee):
                continue
            role = {"SystemMessage": "system", "HumanMessage": "user", "from_template": "unknown"}.get(last)
            if "SystemMessagePromptTemplate" in callee:
                role = "system"
            if role and node.args:
                first = next((a for a in node.args if a.keyword is None or a.keyword.value in ("content", "template")), None)
                if first is not None:
                    self._prompt(first.value, self.string_value(first.value), role)
            return

    # ---- chat surfaces

    def _surfaces_of_call(self, node: cst.Call, callees: Tuple[str, ...]) -> None:
        for callee in callees:
            if callee in V.STREAMLIT_CHAT:
                self._surface(node, "streamlit", "chat-ui", "st." + callee.split(".")[-1])
            elif callee in V.GRADIO_CHAT:
                self._surface(node, "gradio", "chat-ui", "gr." + callee.split(".")[-1])
            elif V.TELEGRAM_HANDLERS.match(callee):
                self._surface(node, "telegram", "messaging-bot", callee.split(".")[-1])
            elif V.TWILIO_RESPONSES.match(callee):
                self._surface(node, "twilio", "messaging-bot", callee.split(".")[-1])
            else:
                continue
            return

    def _decorator(self, decorator: cst.Decorator, fn: _Function) -> None:
        expr = decorator.decorator
        target = expr.func if isinstance(expr, cst.Call) else expr
        for callee in self.qualify(target):
            for framework, kind, pattern in V.HANDLER_DECORATORS:
                if pattern.match(callee):
                    self._surface(decorator, framework, kind, f"@{_dotted(target) or callee} {fn.name}")
                    return
            if V.DISCORD_EVENT.match(callee) and fn.name == "on_message":
                self._surface(decorator, "discord", "messaging-bot", f"@{_dotted(target)} on_message")
                return
            if self._unresolved_handler(decorator, target, fn):
                return
            method = callee.split(".")[-1]
            root = callee.split(".")[0]
            framework = V.WEB_FRAMEWORKS.get(root) or (self.web if "." in callee else "")
            if method in V.ROUTE_METHODS and framework:
                fn.routes.append((decorator, framework))
                return

    def _unresolved_handler(self, decorator: cst.Decorator, target: cst.BaseExpression, fn: _Function) -> bool:
        """`@discordClient.tree.command(...)` on a client made in another module of the app."""
        text = _dotted(target)
        for framework in sorted(self.messaging_frameworks):
            pattern = V.UNRESOLVED_HANDLER_DECORATORS.get(framework)
            event = framework == "discord" and text.endswith(".event") and fn.name == "on_message"
            if event or (pattern is not None and text and pattern.search(text)):
                self._surface(decorator, framework, "messaging-bot", f"@{text} {fn.name}")
                if isinstance(decorator.decorator, cst.Call):
                    # Slash-command descriptions are shown to users in the chat app's UI.
                    self._call_texts(decorator.decorator, "bot command", positional=0, kwargs=frozenset({"description"}))
                return True
        return False

    # ---- user-facing text

    def _texts_of_call(self, node: cst.Call, callees: Tuple[str, ...]) -> None:
        for callee in callees:
            parts = callee.replace("()", "").split(".")
            root, last = parts[0], parts[-1]
            if root == "streamlit" and last in V.STREAMLIT_TEXT_METHODS:
                self._call_texts(node, f"st.{last}", positional=1, kwargs=V.STREAMLIT_TEXT_KWARGS)
            elif root == "gradio" and last in V.GRADIO_TEXT_CALLS:
                self._call_texts(node, f"gr.{last}", positional=1 if last not in ("ChatInterface", "Interface", "Chatbot", "Blocks") else 0, kwargs=V.GRADIO_TEXT_KWARGS)
            elif root == "chainlit" and last in V.CHAINLIT_TEXT_CALLS:
                self._call_texts(node, f"cl.{last}", positional=1, kwargs=frozenset({"content"}))
            elif callee in ("print", "input") or callee in V.CONSOLE_INPUT_CALLEES:
                self._call_texts(node, "console", positional=99, kwargs=frozenset({"prompt"}))
            elif self.messaging and last in V.MESSAGING_SEND_METHODS:
                self._call_texts(node, "bot reply", positional=2, kwargs=V.MESSAGING_TEXT_KWARGS)
            else:
                continue
            return

    def _call_texts(self, node: cst.Call, channel: str, positional: int, kwargs: frozenset) -> None:
        index = 0
        for arg in node.args:
            if arg.keyword is None:
                index += 1
                if index > positional or arg.star:
                    continue
            elif arg.keyword.value not in kwargs:
                continue
            for string_node, text in self.strings_in(arg.value):
                self._text(arg.value if isinstance(arg.value, cst.Name) else string_node, text, channel)
            target = self._file_read(arg.value)
            if target:
                self.pending.append(("shown", arg.value, (target,)))

    def _file_read(self, node: cst.BaseExpression, depth: int = 0) -> Optional[str]:
        """The path of the file whose text this value is: `open("ui/about.md").read()`."""
        if depth > _MAX_DEPTH:
            return None
        if isinstance(node, (cst.Name, cst.Attribute)):
            values = self.b.assigned.get(_dotted(node))
            if values and len(values) == 1 and values[0] is not node:
                return self._file_read(values[0], depth + 1)
            return None
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in V.READS:
            return self._opened_path(node.func.value, depth + 1)
        return None

    def _opened_path(self, node: cst.BaseExpression, depth: int) -> Optional[str]:
        if isinstance(node, (cst.Name, cst.Attribute)):
            values = self.b.assigned.get(_dotted(node))
            return self._opened_path(values[0], depth + 1) if values and len(values) == 1 and depth < _MAX_DEPTH else None
        if isinstance(node, cst.Call) and node.args and any(c in V.OPENERS for c in self.qualify(node.func)):
            path = self.string_value(node.args[0].value)
            return path if path and PLACEHOLDER not in path else None
        return None

    # ---- after the walk

    def run(self) -> FileFacts:
        self.module.visit(self)
        self._derived_surfaces()
        self._answer_checks()
        modules = tuple(sorted(set(self.b.imports.values())))
        imports = [
            (node, local, module, V.sdk_provider(module))
            for node, local, module in self.b.import_nodes
        ]
        imports = [i for i in imports if i[3]]
        if not self.pending and not imports:
            return FileFacts(path=self.path, language="python", imports=modules)
        positions = MetadataWrapper(self.module, unsafe_skip_copy=True).resolve(PositionProvider)

        def loc(node: cst.CSTNode) -> Location:
            pos = positions[node]
            return Location(self.path, pos.start.line, pos.start.column + 1, pos.end.line, pos.end.column + 1)

        calls, surfaces, texts, prompts, shown = [], [], [], [], []
        library_calls, answer_checks = [], []
        for kind, node, payload in self.pending:
            if kind == "call":
                calls.append(ModelCall(loc(node), payload[0], payload[1]))
            elif kind == "library":
                library_calls.append(LibraryCall(loc(node), *payload))
            elif kind == "answer-check":
                answer_checks.append(AnswerCheck(loc(node), *payload))
            elif kind == "surface":
                surfaces.append(ChatSurface(loc(node), *payload))
            elif kind == "text":
                texts.append(UserFacingText(loc(node), *payload))
            elif kind == "shown":
                shown.append(ShownFile(loc(node), *payload))
            else:
                prompts.append(Prompt(loc(node), *payload))
        model_imports = [ModelImport(loc(node), provider, module) for node, _, module, provider in imports]
        order = lambda f: (f.location.line, f.location.column)  # noqa: E731
        return FileFacts(
            path=self.path,
            language="python",
            model_calls=tuple(sorted(calls, key=order)),
            model_imports=tuple(sorted(model_imports, key=order)),
            chat_surfaces=tuple(sorted(surfaces, key=order)),
            user_texts=tuple(sorted(texts, key=order)),
            prompts=tuple(sorted(prompts, key=order)),
            imports=modules,
            shown_files=tuple(shown),
            library_calls=tuple(sorted(library_calls, key=order)),
            answer_checks=tuple(sorted(answer_checks, key=order)),
        )

    def _derived_surfaces(self) -> None:
        reach = reaching_model(self.functions)
        for fn in self.functions.values():
            if not fn.routes or fn.name not in reach:
                continue
            takes_input = fn.reads_request or any(
                p.name.value not in ("self", "request") or p.annotation is not None
                for p in fn.node.params.params
            )
            if not takes_input:
                continue
            decorator, framework = fn.routes[0]
            self._surface(decorator, framework, "web-route", f"{_decorator_text(self.module, decorator)} {fn.name}")
            for value in fn.returns:
                for string_node, text in self.strings_in(value):
                    self._text(string_node, text, "http response")
        for loop in self.loops:
            if loop.reads_input and (loop.model_calls or loop.calls & reach):
                self._surface(loop.node, "console", "console-loop", "input() loop")


def _decorator_text(module: cst.Module, decorator: cst.Decorator) -> str:
    text = module.code_for_node(decorator.decorator)
    return "@" + (text if len(text) <= 60 else text[:57] + "...")


_ESCAPE = re.compile(r"\\([\\'\"nrt])|\{\{|\}\}")
_ESCAPED = {"n": "\n", "r": "\r", "t": "\t"}


def _unescape(text: str) -> str:
    """An f-string's literal text as it prints: libcst keeps `\\n` and `{{` as written."""
    return _ESCAPE.sub(lambda m: _ESCAPED.get(m.group(1), m.group(1)) if m.group(1) else m.group(0)[0], text)


def _short_api(callee: str) -> str:
    """`openai.OpenAI().chat.completions.create` -> `OpenAI().chat.completions.create`."""
    parts = callee.split(".")
    for i, part in enumerate(parts):
        if part.endswith("()") and i > 0:
            return ".".join(parts[i:])
    return callee

