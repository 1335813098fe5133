"""Python extractor: turns one Python file into facts, using libcst.

Import aliases, clients kept in variables or attributes, factory functions and string
constants are resolved here, by hand: libcst's QualifiedNameProvider costs several times
the parse itself. Scopes are flattened per file, which is what apps of this kind need.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from typing import Dict, List, Mapping, Optional, Sequence, Set, Tuple

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from ..facts import (
    PUBLISHED_ANSWER,
    PUBLISHED_CHANNEL,
    TYPED_PROMPT,
    REFERENCE_CLOSE,
    REFERENCE_OPEN,
    AnswerCheck,
    ChatSurface,
    FileFacts,
    FileProblem,
    LibraryCall,
    Location,
    ModelCall,
    ModelImport,
    ModuleFunction,
    ModuleText,
    Prompt,
    PromptFilledByUser,
    RouteToModules,
    ShownFile,
    TextFromModules,
    UserFacingText,
)
from ..patterns import compile as compile_pattern
from . import vocabulary as V
from .callgraph import answers_parsed, reaching_model
from .exports import exportable, template_of, text_with_references
from .nesting import nesting_problem
from .walk import Events, events, walk

PLACEHOLDER = "{…}"
_MAX_DEPTH = 8
_MAX_CHOICES = 50  # literals tried per interpolated value of a prompt
_MAX_CHOICE_CHARS = 2000
_MAX_CALLS = 20  # functions of other modules kept per function
_MAX_JOINED = 20000  # characters of a text read from its `+=` pieces (names appended to each other)
_MIN_PROMPT_WORDS = 5  # a prompt-named entry of a dict shorter than this is a label ({"prompt": "Ask me"})
_STRING_TESTS = frozenset({"startswith", "endswith", "__contains__"})
_FILLS = frozenset({"append", "extend", "insert", "add"})  # methods that put a value in a container
# Comparisons that set a number against a threshold, as a condition writes them.
_THRESHOLDS = {cst.GreaterThan: ">", cst.GreaterThanEqual: ">=", cst.LessThan: "<", cst.LessThanEqual: "<="}


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
    return _Extraction(module, path, source).run()


def _positions(
    module: cst.Module, wanted: Sequence[cst.CSTNode] = (), source: Optional[str] = None, met: Optional[Events] = None
) -> Mapping[cst.CSTNode, CodeRange]:
    """Where the nodes of `module` stand: at least the `wanted` ones.

    Positions come from generating the code again while counting lines and columns, node
    by node, which costs more than parsing did. With the module's text (`source`) and its
    walk (`met`), only the top-level statements that hold a wanted node are generated,
    each from the line it starts on (`_statement_lines`); each must give back exactly the
    text that stands there, else the whole module is generated. libcst's wrapper would
    also walk the whole tree for metadata computed in batches, of which positions are
    none: the provider is asked alone (on a libcst whose provider works otherwise, the
    wrapper)."""
    provider = PositionProvider()
    try:
        if source is not None and met is not None and _some_statements(module, wanted, source, met, provider):
            return provider._computed
        provider = PositionProvider()
        provider._gen_impl(module)
        return provider._computed
    except (AttributeError, ImportError, TypeError):
        return MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)


def _some_statements(module: cst.Module, wanted: Sequence[cst.CSTNode], source: str, met: Events, provider: PositionProvider) -> bool:
    """Positions of the top-level statements holding a `wanted` node into `provider`;
    False when they cannot be had that way."""
    from libcst.metadata.position_provider import PositionProvidingCodegenState

    body = module.body
    index = {id(statement): i for i, statement in enumerate(body)}
    wanted_ids = {id(node) for node in wanted}
    needed: Set[int] = set()
    current = -1
    for node, leaving_at in met:
        if leaving_at < 0:
            continue
        current = index.get(id(node), current)
        if id(node) in wanted_ids:
            if current < 0 or node is module:
                return False
            needed.add(current)
    if len(needed) == len(body):
        return False  # all of it: the whole module in one go
    lines = _statement_lines(module, source)
    if lines is None:
        return False
    offsets = [0] + [m.end() for m in _NEWLINE.finditer(source)]  # where each line starts
    for i in sorted(needed):
        line = lines[i]
        if not 1 <= line <= len(offsets):
            return False
        state = PositionProvidingCodegenState(
            default_indent=module.default_indent, default_newline=module.default_newline, provider=provider, line=line,
        )
        body[i]._codegen(state)
        code, at = "".join(state.tokens), offsets[line - 1]
        if not source.startswith(code, at):
            # The last statement of a module without a final newline: libcst's module drops it.
            last = i == len(body) - 1 and not module.has_trailing_newline and code.startswith(source[at:])
            if not last:
                return False
    return True


_NEWLINE = compile_pattern(r"\r\n?|\n")


def _statement_lines(module: cst.Module, source: str) -> Optional[List[int]]:
    """The line each top-level statement's code starts on (its leading blank and comment
    lines included), from Python's own parser, which is quick; None if it cannot say."""
    import ast

    try:
        statements = ast.parse(source).body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None  # a syntax libcst reads and this Python does not
    lines: List[int] = []
    k = 0
    for statement in module.body:
        if k >= len(statements):
            return None
        first = statements[k]
        decorators = getattr(first, "decorator_list", None) or []
        line = min([first.lineno] + [d.lineno for d in decorators])
        lead = len(statement.leading_lines)
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)) and statement.decorators:
            lead += len(statement.decorators[0].leading_lines)
        lines.append(line - lead)
        k += len(statement.body) if isinstance(statement, cst.SimpleStatementLine) else 1
    return lines if k == len(statements) else None


def _unparsable(source: str) -> Optional[str]:
    """Why libcst must not be given this file (it would take minutes, or overflow its stack)."""
    if len(source) > MAX_PARSED_CHARS:
        return f"skipped: too large to analyse ({len(source) // 1024:,} KB of Python, over the {MAX_PARSED_CHARS // 1024} KB limit)"
    return nesting_problem(source, "python")


_ERROR_AT = compile_pattern(r"^(?:parser error: )?error at (\d+):(\d+): (.*)$", re.DOTALL)


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
        # Names imported from a module named relative to the file: local -> ".texts.DISCLAIMER".
        self.relative: Dict[str, str] = {}
        self.import_nodes: List[Tuple[cst.CSTNode, str, str]] = []  # (node, local, module)
        self.assigned: Dict[str, List[cst.BaseExpression]] = {}
        self.returns: Dict[str, List[cst.BaseExpression]] = {}
        self.iterated: Dict[str, List[cst.BaseExpression]] = {}  # loop variable -> what it loops over
        # Parameter -> the UI components whose values a UI call hands it (gradio `inputs=`).
        self.fed: Dict[str, List[cst.BaseExpression]] = {}
        self._parameters: Dict[str, List[str]] = {}
        self._feeds: List[Tuple[str, int, cst.BaseExpression]] = []  # (function, skipped, components)
        # Per class, `self.x = ...` in its methods: attribute -> values.
        self.self_assigned: Dict[str, Dict[str, List[cst.BaseExpression]]] = {}
        self._classes: List[str] = []
        self._functions: List[str] = []
        # Per name, its bindings in order: (the function they are in, "=" or "+=", the value).
        self._bindings: Dict[str, List[Tuple[int, str, cst.BaseExpression]]] = {}
        self.filled: Dict[str, List[cst.BaseExpression]] = {}  # `scores.append(x)`: what a container holds
        self.calls_to: Dict[str, List[cst.Call]] = {}  # the file's calls of a function, by its name
        self._taking: Optional[Dict[str, List[str]]] = None
        self._scopes: List[int] = [0]

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
        if isinstance(node.names, cst.ImportStar):
            return
        if node.relative:
            package = "." * len(node.relative) + (_dotted(node.module) + "." if node.module is not None else "")
            for alias in node.names:
                local = _dotted(alias.asname.name) if alias.asname is not None else _dotted(alias.name)
                self.relative[local] = package + _dotted(alias.name)
            return
        if node.module is None:
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
        self._scopes.append(id(node))
        self._parameters.setdefault(node.name.value, [p.name.value for p in node.params.params])

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in _FILLS and node.args and _dotted(func.value):
            self.filled.setdefault(_dotted(func.value), []).append(node.args[-1].value)
        callee = func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) and _dotted(func.value) == "self" else ""
        if callee:
            self.calls_to.setdefault(callee, []).append(node)
        # gr.ChatInterface(respond, additional_inputs=[persona]), button.click(fn, inputs=[a, b])
        handler = next((a.value for a in node.args if a.keyword is None or a.keyword.value == "fn"), None)
        if not isinstance(handler, cst.Name):
            return
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value in V.COMPONENT_INPUTS:
                self._feeds.append((handler.value, V.COMPONENT_INPUTS[arg.keyword.value], arg.value))

    def leave_Module(self, original_node: cst.Module) -> None:
        for function, skipped, components in self._feeds:
            if isinstance(components, cst.Name) and len(self.assigned.get(components.value) or []) == 1:
                components = self.assigned[components.value][0]
            if not isinstance(components, (cst.List, cst.Tuple)):
                continue
            parameters = self._parameters.get(function, [])
            parameters = parameters[1:] if parameters[:1] == ["self"] else parameters
            for parameter, element in zip(parameters[skipped:], components.elements):
                self.fed.setdefault(parameter, []).append(element.value)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._functions.pop()
        self._scopes.pop()

    def bound_in(self, name: str, scope: int) -> List[cst.BaseExpression]:
        """What `name = ...` binds inside one function (its node's id; 0: the module)."""
        return [value for where, op, value in self._bindings.get(name) or () if where == scope and op == "="]

    def arguments_for(self, parameter: str) -> List[cst.BaseExpression]:
        """What the file's calls pass for a parameter of its functions (by position or name)."""
        if self._taking is None:  # parameter -> the functions that take it, indexed once
            self._taking = {}
            for function, parameters in self._parameters.items():
                for name in set(parameters):
                    self._taking.setdefault(name, []).append(function)
        out: List[cst.BaseExpression] = []
        for function in self._taking.get(parameter, ()):
            parameters = self._parameters[function]
            position = parameters.index(parameter) - (1 if parameters[:1] == ["self"] else 0)
            for call in self.calls_to.get(function, ()):
                value = _argument(call, position, parameter) if position >= 0 else None
                if value is not None:
                    out.append(value)
        return out

    def accumulated(self, name: str) -> List[cst.BaseExpression]:
        """`prompt = "..."` then `prompt += "..."`, in one function and nowhere else: the
        pieces the text is made of, in order (the appended ones whether or not a condition
        guards them: the text may hold each). Empty for a name bound any other way."""
        bindings = self._bindings.get(name) or []
        if len(bindings) < 2 or bindings[0][1] != "=":
            return []
        if any(op != "+=" or scope != bindings[0][0] for scope, op, _ in bindings[1:]):
            return []
        return [value for _, _, value in bindings]

    def visit_Return(self, node: cst.Return) -> None:
        if self._functions and node.value is not None:
            self.returns.setdefault(self._functions[-1], []).append(node.value)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._classes.append(node.name.value)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._classes.pop()

    def _bind(self, target: cst.BaseExpression, value: cst.BaseExpression, op: str = "=") -> None:
        name = _dotted(target)
        if name:
            self.assigned.setdefault(name, []).append(value)
            self._bindings.setdefault(name, []).append((self._scopes[-1], op, value))
            if self._classes and self._functions and name.startswith("self.") and name.count(".") == 1:
                self.self_assigned.setdefault(self._classes[-1], {}).setdefault(name[5:], []).append(value)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._bind(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._bind(node.target, node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        # A second binding: no longer a constant, but `+=` appends to a text (`accumulated`).
        self._bind(node.target, node.value, "+=" if isinstance(node.operator, cst.AddAssign) else "op=")

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind(node.target, node.value)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._bind(node.asname.name, node.item)

    def visit_For(self, node: cst.For) -> None:
        name = _dotted(node.target)
        if name:
            self.iterated.setdefault(name, []).append(node.iter)


def _operands(node: cst.BinaryOperation) -> List[cst.BaseExpression]:
    """The operands of `a + b + c + d` (one chain of binary operations), left to right: a
    chain is one step, however long, for the depth a value is followed to."""
    out: List[cst.BaseExpression] = []
    pending: List[cst.BaseExpression] = [node.right, node.left]
    while pending:
        current = pending.pop()
        if isinstance(current, cst.BinaryOperation) and not current.lpar:
            pending.extend((current.right, current.left))
        else:
            out.append(current)
    return out


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
    request_parts: Set[str] = field(default_factory=set)  # `request.files`, `request.form`: what it reads
    scores: bool = False  # scores what it was sent with a predictive model (V.SCORING_METHODS)
    parses_answer: bool = False  # reads the model's answer as data: `json.loads(answer)`
    routes: List[Tuple[cst.CSTNode, str]] = field(default_factory=list)  # (decorator, framework)
    returns: List[cst.BaseExpression] = field(default_factory=list)
    imported_calls: Set[str] = field(default_factory=set)  # functions of other modules, as references


@dataclass
class _Loop:
    node: cst.While
    reads_input: bool = False
    model_calls: int = 0
    calls: Set[str] = field(default_factory=set)


class _Extraction(cst.CSTVisitor):
    def __init__(self, module: cst.Module, path: str, source: Optional[str] = None) -> None:
        self.module = module
        self.path = path
        self.source = source  # the module's text, when known: positions come cheaper
        self.b = _Bindings()
        self.events = events(module)  # walked twice: by the bindings, then by this
        walk(module, self.b, self.events)
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
        self._qa_boxes: List[cst.Call] = []  # question boxes, for a Q&A form (see _qa_form)
        self._qa_button = ""
        self._gradio_qa: List[Tuple[cst.Call, str]] = []  # gradio Q&A forms: (call, detail)
        # `f.write(...)`, `path.write_text(...)`: maybe a publication; with the function it is in.
        self._writes: List[Tuple[cst.Call, int]] = []
        self._top_imported_calls: Set[str] = set()  # functions of other modules the module's own code calls
        self._model_called = False
        self.answer_names: Set[str] = set()
        self._seen_texts: Set[int] = set()
        self._fills: Dict[int, str] = {}  # expression -> the literal it stands for, while making variants
        self._answer_tests: List[Tuple[cst.CSTNode, List[cst.BaseExpression]]] = []
        # Messages written with the standard library's `email`: facts only in a module that
        # sends mail (`V.EMAIL_SENDS`), for most modules that write one only parse or relay it.
        self._email_writes: List[Tuple[cst.Call, Tuple[str, Tuple[str, ...]]]] = []
        self._sends_mail = False
        self._answer_memo: Dict[int, bool] = {}
        # While set, a name imported from another module reads as a reference to it (flow.py).
        self._references = False
        self._from_modules: Set[Tuple[int, str]] = set()
        self._joining: Set[str] = set()  # names whose appended pieces are being read
        self._asked_parameters: Dict[str, Optional[str]] = {}
        self._joined: Dict[Tuple[str, bool], Optional[str]] = {}

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
        if isinstance(node, cst.Call):
            return self._call_value(node, depth)
        if isinstance(node, (cst.Name, cst.Attribute)):
            values = self.b.assigned.get(_dotted(node))
            if values and len(values) == 1 and values[0] is not node:
                return self.string_value(values[0], depth + 1)
            if self.b.accumulated(_dotted(node)):
                return self._accumulated_text(_dotted(node), depth)
            return self._reference_text(node)
        return None

    def _accumulated_text(self, name: str, depth: int) -> Optional[str]:
        """The text `prompt = "..."` and its `prompt += "..."` make, one piece after the other
        (unknown pieces as placeholders)."""
        key = (name, self._references)
        if key in self._joined and not self._fills:
            return self._joined[key]  # once per name: names appended to each other stay linear
        if name in self._joining:  # `prompt += f"{prompt}"` reads nothing new
            return None
        self._joining.add(name)
        try:
            texts = [self.string_value(piece, depth + 1) for piece in self.b.accumulated(name)]
        finally:
            self._joining.discard(name)
        text = None if all(t is None for t in texts) else "".join(t if t is not None else PLACEHOLDER for t in texts)
        if text is not None and len(text) > _MAX_JOINED:
            text = text[:_MAX_JOINED] + PLACEHOLDER
        if not self._fills:
            self._joined[key] = text
        return text

    def _call_value(self, node: cst.Call, depth: int) -> Optional[str]:
        """`"...".format(...)`, `sep.join([...])`, what a function of the file returns when
        it has one `return`, or a function another module defines (as a reference)."""
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value == "format":
            return self.string_value(func.value, depth + 1)
        if isinstance(func, cst.Attribute) and func.attr.value in V.TEXT_KEEPING_METHODS and not node.args:
            return self.string_value(func.value, depth + 1)  # "...".strip()
        if len(node.args) == 1 and not node.args[0].keyword and set(self.qualify(func)) & V.TEXT_KEEPING_FUNCTIONS:
            return self.string_value(node.args[0].value, depth + 1)  # textwrap.dedent(f"""...""")
        if isinstance(func, cst.Attribute) and func.attr.value == "join" and len(node.args) == 1:
            separator = self.string_value(func.value, depth + 1)
            items = self._sequence(node.args[0].value, depth + 1)
            if separator is None or items is None:
                return None
            texts = [self.string_value(item, depth + 1) for item in items]
            return separator.join(t if t is not None else PLACEHOLDER for t in texts) if any(t is not None for t in texts) else None
        if isinstance(func, cst.Name) and func.value not in self.b.imports and func.value not in self.b.relative:
            returns = self.b.returns.get(func.value) or []
            return self.string_value(returns[0], depth + 1) if len(returns) == 1 else None
        return self._reference_text(node)

    def _sequence(self, node: cst.BaseExpression, depth: int) -> Optional[List[cst.BaseExpression]]:
        """The items of a list or tuple written out, followed through a name bound once."""
        for _ in range(_MAX_DEPTH - depth):
            if not isinstance(node, (cst.Name, cst.Attribute)):
                break
            values = self.b.assigned.get(_dotted(node)) or []
            if len(values) != 1:
                return None
            node = values[0]
        if isinstance(node, (cst.List, cst.Tuple)) and not any(isinstance(e, cst.StarredElement) for e in node.elements):
            return [e.value for e in node.elements]
        return None

    # ---- values other modules of the project define (resolved by flow.py)

    def _reference(self, node: cst.BaseExpression) -> Optional[str]:
        """What an imported name stands for, as module and name: `.texts.DISCLAIMER` for
        DISCLAIMER after `from .texts import DISCLAIMER`; a call adds `()`."""
        call = isinstance(node, cst.Call)
        dotted = _dotted(node.func if isinstance(node, cst.Call) else node)
        if not dotted:
            return None
        parts = dotted.split(".")
        for k in range(len(parts), 0, -1):
            head = ".".join(parts[:k])
            if head in self.b.assigned:
                return None  # bound in this file: its value is this file's, or unknown
            origin = self.b.relative.get(head) or self.b.imports.get(head)
            if origin:
                if V.sdk_provider(origin) or (call and parts[-1][:1].isupper()) or origin.split(".")[0] in V.STDLIB_MODULES:
                    return None  # an SDK's or the standard library's value, or an object a class makes
                return ".".join([origin] + parts[k:]) + ("()" if call else "")
        return None

    def _reference_text(self, node: cst.BaseExpression) -> Optional[str]:
        if not self._references:
            return None
        reference = self._reference(node)
        return f"{REFERENCE_OPEN}{reference}{REFERENCE_CLOSE}" if reference else None

    def template(self, node: cst.CSTNode) -> Optional[str]:
        """The text of a value with what other modules define as references, when it holds any."""
        return template_of(self, node) if isinstance(node, cst.BaseExpression) else None

    def _text_from_modules(self, node: cst.CSTNode, sink: str, kind: str) -> None:
        """Record a text or prompt that holds names other modules define, for flow.py."""
        if (id(node), sink) in self._from_modules:
            return
        template = self.template(node)
        if template is not None:
            self._from_modules.add((id(node), sink))
            self.pending.append(("from-modules", node, (sink, kind, template)))

    def _sink_strings(self, node: cst.BaseExpression, channel: str) -> List[Tuple[cst.CSTNode, str]]:
        """`strings_in`, and a value that is only a name another module defines goes to flow.py."""
        found = self.strings_in(node)
        if not found:
            self._text_from_modules(node, "text", channel)
        return found

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
        if PLACEHOLDER in text:
            self._text_from_modules(node, "text", channel)
        if not text.replace(PLACEHOLDER, "").strip():
            return
        if id(node) in self._seen_texts:
            return
        self._seen_texts.add(id(node))
        self.pending.append(("text", node, (text, channel)))

    def _prompt(self, node: cst.CSTNode, text: Optional[str], role: str) -> None:
        if text is None or PLACEHOLDER in text:
            self._text_from_modules(node, "prompt", role)
            if isinstance(node, cst.BaseExpression):
                self._typed_into_module(node)
        if text is None and isinstance(node, cst.Subscript):  # PERSONAS[choice]: one of a dict's prompts
            variants = self._known_variants(node, role, tuple(dict.fromkeys(self._choices(node))))
            if variants:
                self.pending.append(("prompt", node, (PLACEHOLDER, role, variants)))
            return
        if text and text.replace(PLACEHOLDER, "").strip():
            # "{" also stands for `"You are {}".format(person)`, whose text keeps its fields.
            variants = self._variants(node) if "{" in text and isinstance(node, cst.BaseExpression) else ()
            self.pending.append(("prompt", node, (text, role, self._known_variants(node, role, variants))))
            if PLACEHOLDER in text and isinstance(node, cst.BaseExpression):
                self._filled_by_user(node, text)

    def _filled_by_user(self, node: cst.BaseExpression, text: str) -> None:
        """A prompt with a value users type in a text box or at input() filled in."""
        template = node
        for _ in range(_MAX_DEPTH):
            values = self.b.assigned.get(_dotted(template)) or [] if isinstance(template, (cst.Name, cst.Attribute)) else []
            if isinstance(template, cst.Call) and isinstance(template.func, cst.Name) and template.func.value in self.functions:
                values = self.functions[template.func.value].returns  # what the file's function makes
            if len(values) != 1:
                break
            template = values[0]
        for expression in self._interpolated(template):
            asked = self._asked(expression)
            if asked is not None:
                self.pending.append(("user-filled", node, (text, asked)))
                return

    def _typed_into_module(self, node: cst.BaseExpression) -> None:
        """`persona_prompt(who)`, a function of another module, with `who` typed by users:
        the prompt it returns is filled by them (flow.py reads the prompt there)."""
        for _ in range(_MAX_DEPTH):
            values = self.b.assigned.get(_dotted(node)) or [] if isinstance(node, (cst.Name, cst.Attribute)) else []
            if len(values) != 1:
                break
            node = values[0]
        node = node.expression if isinstance(node, cst.Await) else node
        if not isinstance(node, cst.Call) or self._reference(node) is None:
            return
        asked = next((a for a in (self._asked(arg.value) for arg in node.args) if a is not None), None)
        template = self.template(node) if asked is not None else None
        if template is not None and (id(node), "typed") not in self._from_modules:
            self._from_modules.add((id(node), "typed"))
            self.pending.append(("from-modules", node, (TYPED_PROMPT, asked, template)))

    def _asked(self, node: cst.BaseExpression, depth: int = 0) -> Optional[str]:
        """What users are asked for the value they type here, or None: not typed by users."""
        if depth > _MAX_DEPTH:
            return None
        if isinstance(node, (cst.Name, cst.Attribute)):
            name = _dotted(node)
            values = self.b.assigned.get(name) or self.b.fed.get(name, []) if name not in self.b.iterated else []
            if not values and name not in self.b.iterated and isinstance(node, cst.Name):
                return self._asked_parameter(name, depth)
            return self._asked(values[0], depth + 1) if len(values) == 1 else None
        if isinstance(node, cst.Call):
            if isinstance(node.func, cst.Attribute) and node.func.attr.value in ("strip", "title", "lower", "capitalize"):
                return self._asked(node.func.value, depth + 1)
            for callee in self.qualify(node.func):
                parts = callee.replace("()", "").split(".")
                spec = V.TYPED_VALUE_CALLS.get(f"{parts[0]}.{parts[-1]}")
                if spec is not None:
                    label = _argument(node, *spec)
                    return (self.string_value(label) or "") if label is not None else ""
        return None

    def _asked_parameter(self, name: str, depth: int) -> Optional[str]:
        """A parameter: what users are asked for the value the file's calls of its function
        pass (`build_prompt(who)`). Once per name: parameters passed on under the same name
        (`def a(x): b(x)`) are followed once, not once per path."""
        if name not in self._asked_parameters:
            self._asked_parameters[name] = None  # while it is followed: a call passing it on says nothing new
            found = (self._asked(a, depth + 1) for a in self.b.arguments_for(name))
            self._asked_parameters[name] = next((a for a in found if a is not None), None)
        return self._asked_parameters[name]

    def _known_variants(self, node: cst.CSTNode, role: str, variants: Tuple[str, ...]) -> Tuple[str, ...]:
        """The variants known here; those filled from a data file go to flow.py."""
        for variant in variants:
            if REFERENCE_OPEN in variant:
                self.pending.append(("from-modules", node, ("prompt variants", role, variant)))
        return tuple(v for v in variants if REFERENCE_OPEN not in v)

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
            fed = self.b.fed.get(name) or []
            if len(fed) == 1 and not assigned and not looped:  # a handler's parameter a component feeds
                return self._choices(fed[0], depth + 1)
            return self._literals(looped[0], depth + 1) if len(looped) == 1 and not assigned else []
        if isinstance(node, cst.Subscript):
            key = self.string_value(node.slice[0].slice.value) if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index) else None
            if key and not isinstance(node.value, cst.Subscript):  # persona["name"], persona picked from a data file
                picked = [c for c in self._choices(node.value, depth + 1) if c.startswith(f"{REFERENCE_OPEN}data:")]
                if picked:
                    return [c[: c.rindex("#")] + f"#field:{key}{REFERENCE_CLOSE}" for c in picked]
            return self._literals(node.value, depth + 1, part="values")
        if isinstance(node, cst.Call):
            for callee in self.qualify(node.func):
                parts = callee.replace("()", "").split(".")
                spec = V.CHOICE_CALLS.get(f"{parts[0]}.{parts[-1]}")
                default = V.DEFAULT_CALLS.get(f"{parts[0]}.{parts[-1]}")
                if default is not None:  # st.text_input("Talk to", value="..."): the default
                    value = _argument(node, *default)
                    text = self.string_value(value) if value is not None else None
                    return [text] if text and PLACEHOLDER not in text and len(text) <= _MAX_CHOICE_CHARS else []
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
            if isinstance(func, cst.Name) and func.value in ("list", "sorted", "tuple", "set") and node.args:
                return self._literals(node.args[0].value, depth + 1, part)
            data = self._data_file(node)
            if data is not None:  # its texts are read by flow.py, in the project
                return [f"{REFERENCE_OPEN}data:{data}#{part}{REFERENCE_CLOSE}"]
            if isinstance(func, cst.Attribute) and func.attr.value in ("keys", "values"):
                return self._literals(func.value, depth + 1, func.attr.value)
            if isinstance(func, cst.Attribute) and func.attr.value in ("tolist", "unique", "dropna", "to_list"):
                return self._literals(func.value, depth + 1, part)  # df["name"].tolist()
            return []
        if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
            key = self.string_value(node.slice[0].slice.value)  # df["name"]: one column of a table
            picked = [t for t in self._literals(node.value, depth + 1, part) if t.startswith(f"{REFERENCE_OPEN}data:")] if key else []
            return [t[: t.rindex("#")] + f"#field:{key}{REFERENCE_CLOSE}" for t in picked]
        if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
            items = [el.value for el in node.elements]
        elif isinstance(node, cst.Dict):
            elements = [el for el in node.elements if isinstance(el, cst.DictElement)]
            items = [el.key if part == "keys" else el.value for el in elements]
        else:
            return []
        texts = (self.string_value(item, depth + 1) for item in items)
        return [t for t in texts if t and PLACEHOLDER not in t and len(t) <= _MAX_CHOICE_CHARS]

    def _data_file(self, node: cst.Call) -> Optional[str]:
        """`json.load(open("personas.json"))`: the data file's path, as the code names it."""
        loaders = {c.replace("()", "") for c in self.qualify(node.func)}
        if not node.args or not loaders & V.DATA_LOADERS:
            return None
        source = node.args[0].value
        if loaders & V.PATH_LOADERS:  # pd.read_csv("personas.csv")
            path = self.string_value(source)
            if path and PLACEHOLDER not in path:
                return path
        return self._opened_path(source, 0) or self._file_read(source) or self._beside_module(source)

    def _beside_module(self, node: cst.BaseExpression, depth: int = 0) -> Optional[str]:
        """A file named from the module's own folder (`open(Path(__file__).parent / "x.json")`,
        `os.path.join(os.path.dirname(__file__), "x.json")`), as `@file/x.json`."""
        if depth > _MAX_DEPTH:
            return None
        if isinstance(node, (cst.Name, cst.Attribute)):
            values = self.b.assigned.get(_dotted(node)) or []
            return self._beside_module(values[0], depth + 1) if len(values) == 1 and values[0] is not node else None
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in V.READS | {"open"}:
            return self._beside_module(node.func.value, depth + 1)  # (HERE / "x.json").read_text()
        if isinstance(node, cst.Call) and node.args and any(c in V.OPENERS for c in self.qualify(node.func)):
            return self._beside_module(node.args[0].value, depth + 1)  # open(...)
        parts: List[cst.BaseExpression] = []
        while isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Divide):
            parts.insert(0, node.right)
            node = node.left
        if not parts and isinstance(node, cst.Call) and node.args and "os.path.join" in self.qualify(node.func):
            parts = [a.value for a in node.args[1:]]
            node = node.args[0].value
        if isinstance(node, cst.Name):
            values = self.b.assigned.get(node.value) or []
            node = values[0] if len(values) == 1 else node
        if not parts or self.module.code_for_node(node).replace(" ", "") not in V.MODULE_FOLDERS:
            return None
        texts = [self.string_value(part) for part in parts]
        if any(t is None or PLACEHOLDER in t for t in texts):
            return None
        return "/".join(["@file"] + texts)  # type: ignore[list-item]

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
                role = V.prompt_role(name)
                self._prompt(node.value, self.string_value(node.value), role)

    def visit_Name(self, node: cst.Name) -> None:
        if node.value in ("request", "websocket") and self._fn_stack:
            origin = self.b.imports.get(node.value, "")
            if origin.split(".")[0] in V.WEB_FRAMEWORKS:
                self._fn_stack[-1].reads_request = True

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if self._fn_stack and isinstance(node.value, cst.Name) and node.value.value == "request":
            self._fn_stack[-1].request_parts.add(node.attr.value)

    def visit_Assign(self, node: cst.Assign) -> None:
        if self._contains_model_answer(node.value):
            for target in node.targets:
                name = _dotted(target.target)
                if name:
                    self.answer_names.add(name)
        for target in node.targets:
            name = _dotted(target.target)
            if name and V.PROMPT_NAME.search(name.split(".")[-1]):
                role = V.prompt_role(name)
                if isinstance(node.value, (cst.Dict, cst.List, cst.Tuple)):
                    # PERSONAS = {"omega": "You are ..."}: each entry is a prompt of its own.
                    for string_node, text in self.strings_in(node.value):
                        self._prompt(string_node, text, role)
                else:
                    pieces = self.b.accumulated(name)
                    text = self._accumulated_text(name, 0) if pieces and pieces[0] is node.value else self.string_value(node.value)
                    self._prompt(node.value, text, role)

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
            literal = isinstance(el.value, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString))
            if key and literal and V.PROMPT_NAME.search(key) and not self._request_payload(node):
                # A row of a persona table: {"name": "...", "prompt": "You are ..."}, wherever
                # the table is (a presets module, a seed script); a short text is a label, and
                # a name stands for a prompt bound (and read) where it is defined.
                text = self.string_value(el.value)
                if text and len(text.split()) >= _MIN_PROMPT_WORDS:
                    role = V.prompt_role(key)
                    self._prompt(el.value, text, role)
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
            for string_node, text in self._sink_strings(content, "assistant message"):
                self._text(string_node, text, "assistant message")
        elif role in V.SYSTEM_ROLES:
            self._prompt(content, self.string_value(content), "system")
        elif role in V.USER_ROLES:
            self._prompt(content, self.string_value(content), "user")

    def _request_payload(self, node: cst.Dict) -> bool:
        """{"model": ..., "prompt": ...}: what a request to a model endpoint sends, whose
        prompt the request's call reads (`_model_prompts`)."""
        return any(isinstance(el, cst.DictElement) and self.string_value(el.key) == "model" for el in node.elements)

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
        if not (isinstance(node.func, cst.Name) and node.func.value in self.functions):
            reference = self._reference(node)  # `from .llm import ask` then ask(q), or llm.ask(q)
            if reference:
                (fn.imported_calls if fn is not None else self._top_imported_calls).add(reference[:-2])
        if any(c in V.CONSOLE_INPUT_CALLEES for c in callees):
            for loop in self._loops:
                loop.reads_input = True
        model = self._model_call(node, callees)
        if model is not None:
            self.pending.append(("call", node, model))
            self._model_called = True
            if fn is not None:
                fn.model_calls += 1
            for loop in self._loops:
                loop.model_calls += 1
            self._model_prompts(node, model[0] == "http")
        elif fn is not None and isinstance(node.func, cst.Attribute) and node.func.attr.value in V.SCORING_METHODS:
            fn.scores = True
        elif fn is not None and (
            V.ANSWER_PARSERS.intersection(callees)
            or (isinstance(node.func, cst.Attribute) and node.func.attr.value in V.ANSWER_PARSER_METHODS)
        ) and any(self._contains_model_answer(a.value) for a in node.args):
            fn.parses_answer = True
        self._surfaces_of_call(node, callees)
        if isinstance(node.func, cst.Call) and self._registered_handler(node):
            callees = ()  # its argument is the handler, not a text
        if not callees and isinstance(node.func, cst.Attribute):
            # `self.channels[0].send(...)`: an object no name reaches, called by its method's name.
            self._texts_of_call(node, (f"<value>.{node.func.attr.value}",))
        else:
            self._texts_of_call(node, callees)
        self._prompt_kwargs(node, callees)
        self._library_call(node, callees)
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in _STRING_TESTS:
            self._answer_tests.append((node, [node.func.value] + [a.value for a in node.args]))
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in V.WRITES and node.args:
            self._writes.append((node, id(self._fn_stack[-1].node) if self._fn_stack else 0))

    def visit_Comparison(self, node: cst.Comparison) -> None:
        self._answer_tests.append((node, [node.left] + [c.comparator for c in node.comparisons]))

    # ---- library calls and code acting on the model's answer

    def _library_call(self, node: cst.Call, callees: Tuple[str, ...]) -> None:
        if isinstance(node.func, (cst.Attribute, cst.Name)):
            last = node.func.attr.value if isinstance(node.func, cst.Attribute) else node.func.value
            self._sends_mail = self._sends_mail or last in V.EMAIL_SENDS
        callee = next((c for c in callees if V.is_library_call(c)), None)
        if callee is not None:
            strings = tuple(t for a in node.args for _, t in self.strings_in(a.value))
            found = (callee.replace("()", ""), strings)
            if callee.split(".")[0] == "email":
                self._email_writes.append((node, found))
            else:
                self.pending.append(("library", node, found))

    def _answer_checks(self) -> None:
        """`if "REJECT" in answer`: conditions comparing the model's answer with literal text;
        `if int(score) >= 7`: a number the model answered set against a threshold."""
        for node, sides in self._answer_tests:
            if not any(self._from_answer(side) for side in sides):
                self._answer_check_elsewhere(node, sides)
                continue
            strings = tuple(
                t for side in sides if not self._from_answer(side) for _, t in self.strings_in(side) if t.strip()
            )
            if strings:
                self.pending.append(("answer-check", node, (strings,)))
            elif isinstance(node, cst.Comparison):
                threshold = self._threshold(node)
                if threshold:
                    self.pending.append(("answer-check", node, ((), threshold)))

    def _answer_check_elsewhere(self, node: cst.CSTNode, sides: List[cst.BaseExpression]) -> None:
        """`match_score(resume) >= 70` with match_score a function of another module: a check
        of the model's answer if that function returns one (flow.py decides)."""
        if not self._always_parsed:
            return  # the prefilter may spare such a file: the check must not depend on it
        found = [(side, r) for side in sides for r in [self._imported_result(side)] if r]
        if not found:
            return
        tested, source = found[0]
        strings = tuple(t for side in sides if side is not tested for _, t in self.strings_in(side) if t.strip())
        threshold = ""
        if not strings and isinstance(node, cst.Comparison) and len(node.comparisons) == 1:
            operator = _THRESHOLDS.get(type(node.comparisons[0].operator))
            left, right = node.left, node.comparisons[0].comparator
            number = _number(right) if left is tested else _number(left) if right is tested else None
            if operator and number is not None and not _counts(tested):
                flipped = {">": "<", ">=": "<=", "<": ">", "<=": ">="}
                threshold = f"{operator if left is tested else flipped[operator]} {number}"
        if strings or threshold:
            self.pending.append(("answer-check", node, (strings, threshold, source)))

    @property
    def _always_parsed(self) -> bool:
        """Does the file import what the prefilter always parses a file for: a model SDK, a
        messaging library, a UI framework (streamlit, gradio, chainlit)?"""
        origins = self.b.imports.values()
        return self.messaging or any(V.sdk_provider(o) or o.split(".")[0] in V.PAGE_UI_MODULES for o in origins)

    def _imported_result(self, node: cst.BaseExpression, depth: int = 0) -> str:
        """The function of another module whose result this value is (`score`, after
        `score = float(rate(resume))` with rate imported), as a reference; else ""."""
        if depth > _MAX_DEPTH:
            return ""
        if isinstance(node, cst.Await):
            return self._imported_result(node.expression, depth + 1)
        if isinstance(node, (cst.Attribute, cst.Subscript)):  # result["decision"], result.score
            return self._imported_result(node.value, depth + 1)
        if isinstance(node, cst.Name):
            values = self.b.assigned.get(node.value) or []
            return self._imported_result(values[0], depth + 1) if len(values) == 1 and values[0] is not node else ""
        if isinstance(node, cst.Call):
            if isinstance(node.func, cst.Name) and node.func.value in ("int", "float", "str") and node.args:
                return self._imported_result(node.args[0].value, depth + 1)
            if isinstance(node.func, cst.Attribute) and node.func.attr.value in ("strip", "lower", "upper", "get"):
                return self._imported_result(node.func.value, depth + 1)
            reference = self._reference(node)
            return reference[:-2] if reference and reference.endswith("()") else ""
        return ""

    def _written_from_elsewhere(self, node: cst.BaseExpression, seen: Set[int], depth: int = 0) -> str:
        """The function of another module whose result a written value holds (in a `+` chain,
        an f-string, through names and the file's calls of a parameter), as a reference; else
        "". flow.py decides whether that function returns the model's answer."""
        if depth > _MAX_DEPTH or id(node) in seen:
            return ""
        seen.add(id(node))
        parts: List[cst.BaseExpression] = []
        if isinstance(node, cst.BinaryOperation):
            parts = _operands(node)
        elif isinstance(node, cst.FormattedString):
            parts = list(self._interpolated(node))
        elif isinstance(node, cst.IfExp):
            parts = [node.body, node.orelse]
        elif isinstance(node, cst.Name):
            parts = list(self.b.assigned.get(node.value, ())) or self.b.arguments_for(node.value)
        elif isinstance(node, cst.Call):
            found = self._imported_result(node)
            if found:
                return found
        for part in parts:
            found = self._written_from_elsewhere(part, seen, depth + 1)
            if found:
                return found
        return ""

    def _published(self) -> None:
        """`open("digest.md", "w").write(summary)`, `Path("news.md").write_text(...)` with the
        model's answer in it: the file is published, and what is written around the answer
        is text its readers see (a publication even when nothing is)."""
        for node, scope in self._writes:
            assert isinstance(node.func, cst.Attribute)
            value = node.args[0].value
            if not self._publishes(node.func.value, scope=scope):
                continue
            if not self._from_answer(value):
                source = self._written_from_elsewhere(value, set())
                if source:  # `page.write_text(header + summarize(items))`, summarize imported
                    template = f"{REFERENCE_OPEN}{source}{REFERENCE_CLOSE}"
                    self.pending.append(("from-modules", value, (PUBLISHED_ANSWER, PUBLISHED_CHANNEL, template)))
                continue
            text = self.string_value(value) or PLACEHOLDER
            if id(value) not in self._seen_texts:
                self._seen_texts.add(id(value))
                self.pending.append(("text", value, (text, PUBLISHED_CHANNEL)))

    def _publishes(self, node: cst.BaseExpression, depth: int = 0, scope: Optional[int] = None) -> bool:
        """Is this a Markdown or HTML file opened for writing, or a path to one? `scope`: the
        function the write is in, whose own binding of a name bound in several is the one."""
        if depth > _MAX_DEPTH:
            return False
        if isinstance(node, (cst.Name, cst.Attribute)):
            values = self.b.assigned.get(_dotted(node)) or []
            if len(values) > 1 and scope is not None:
                values = self.b.bound_in(_dotted(node), scope)
            return len(values) == 1 and values[0] is not node and self._publishes(values[0], depth + 1)
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Divide):
            return self._publishes(node.right, depth + 1)  # Path("site") / "digest.md"
        if isinstance(node, cst.Call):
            opener = any(c in V.OPENERS for c in self.qualify(node.func))
            if not opener or not node.args:
                return False
            mode = _argument(node, 1, "mode")
            if "pathlib" not in "".join(self.qualify(node.func)):
                written = self.string_value(mode) if mode is not None else None
                if not written or not set(written) & set("wax"):
                    return False
            return self._publishes(node.args[0].value, depth + 1)
        path = self.string_value(node)
        return bool(path) and path.strip().lower().endswith(V.PUBLISHED_SUFFIXES)

    def _threshold(self, node: cst.Comparison) -> str:
        """`score >= 7`, `0.5 < avg`: the comparison and the number, when the other side is the
        model's answer or computed from it (not its length, a count of characters)."""
        if len(node.comparisons) != 1 or type(node.comparisons[0].operator) not in _THRESHOLDS:
            return ""
        left, right = node.left, node.comparisons[0].comparator
        operator = _THRESHOLDS[type(node.comparisons[0].operator)]
        number = _number(right)
        if number is None:
            number, left = _number(left), right
            operator = {">": "<", ">=": "<=", "<": ">", "<=": ">="}[operator]
        if number is None or _counts(left) or not self._from_answer(left):
            return ""
        return f"{operator} {number}"

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
            values = list(self.b.assigned.get(node.value, ())) + self.b.filled.get(node.value, [])
            if not values:  # a parameter: what the file's calls pass for it (`save(summary)`)
                values = self.b.arguments_for(node.value)
            return any(self._from_answer(v, depth + 1) for v in values if v is not node)
        if isinstance(node, cst.BinaryOperation):  # sum(scores) / len(scores), "# Digest\n" + summary
            return any(self._from_answer(operand, depth + 1) for operand in _operands(node))
        if isinstance(node, cst.FormattedString):  # f"# Digest\n{summary}"
            return any(self._from_answer(e, depth + 1) for e in self._interpolated(node))
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
                endpoint = self._model_endpoint(node, callee)
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

    def _model_endpoint(self, node: cst.Call, callee: str) -> str:
        url_node = None
        payload_has_model = False
        # `requests.request("POST", url)`, `httpx.stream("POST", url)`: the method comes first.
        url_at = 1 if callee.rsplit(".", 1)[-1] in ("request", "stream") else 0
        if url_at:
            method = self.string_value(node.args[0].value) if node.args and node.args[0].keyword is None else None
            if method is None or method.upper() != "POST":
                return ""
        for index, arg in enumerate(node.args):
            if (arg.keyword is None and index == url_at) or (arg.keyword and arg.keyword.value == "url"):
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

    def _model_prompts(self, node: cst.Call, http: bool = False) -> None:
        if http:  # requests.post(url, json={"prompt": ...}): the payload's prompt, not the URL
            payload = next((a.value for a in node.args if a.keyword is not None and a.keyword.value in ("json", "data")), None)
            values = self.b.assigned.get(_dotted(payload)) or [] if isinstance(payload, (cst.Name, cst.Attribute)) else [payload]
            if len(values) == 1 and isinstance(values[0], cst.Dict):
                for el in values[0].elements:
                    key = self.string_value(el.key) if isinstance(el, cst.DictElement) else None
                    if key in V.HTTP_PROMPT_KEYS:
                        self._prompt(el.value, self.string_value(el.value), "system" if key == "system" else "user")
            return
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
        self._gradio_question(node, callees)
        button = next((c for c in callees if c in V.QA_BUTTONS), None)
        if button is not None and not self._qa_button:
            self._qa_button = "st." + button.split(".")[-1]
        if any(c in V.QA_BOXES for c in callees):
            kind = _argument(node, 99, "type")
            if kind is None or self.string_value(kind) != "password":
                self._qa_boxes.append(node)
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

    def _gradio_question(self, node: cst.Call, callees: Tuple[str, ...]) -> None:
        """`gr.Interface(fn, inputs=gr.Textbox(), outputs="text")`, `button.click(fn,
        inputs=question, outputs=answer)`: one question box in, text out (a Q&A form)."""
        parts = [c.replace("()", "").split(".") for c in callees]
        interface = any(p[0] == "gradio" and p[-1] == "Interface" for p in parts)
        event = any(p[0] == "gradio" and p[-1] in V.GRADIO_QA_EVENTS for p in parts)
        if not (interface or event):
            return
        inputs, outputs = _argument(node, 1, "inputs"), _argument(node, 2, "outputs")
        if inputs is None or outputs is None or not self._gradio_box(inputs) or not self._gradio_answer(outputs):
            return
        handler = _argument(node, 0, "fn")
        _, box = self._gradio_component(inputs)
        said = [_argument(box, 0, "label"), _argument(box, 99, "placeholder")] if box is not None else []
        said += [_argument(node, 99, "title"), _argument(node, 99, "description")] if interface else []
        texts = [self.string_value(t) or "" for t in said if t is not None] + [_dotted(handler) if handler is not None else ""]
        if not any("?" in t or set(re.split(r"[^a-z]+", t.lower())) & V.QA_WORDS for t in texts):
            return  # a box for a text to process: an article to summarise, a text to translate
        what = "gr.Interface" if interface else f"{_dotted(node.func) or 'event'}"
        self._gradio_qa.append((node, f"Q&A form: {what}(text box -> text)"))
        reference = self._reference(handler) if handler is not None else None
        if reference:  # fn=ask.answer: a function of another module answers
            self._top_imported_calls.add(reference)

    def _gradio_component(self, node: cst.BaseExpression, depth: int = 0) -> Tuple[str, Optional[cst.Call]]:
        """What a gradio input or output is ("gradio.Textbox", or a shortcut such as "text"),
        with the call that makes it; a list of one stands for its item."""
        if depth > _MAX_DEPTH:
            return "", None
        if isinstance(node, (cst.List, cst.Tuple)) and len(node.elements) == 1:
            return self._gradio_component(node.elements[0].value, depth + 1)
        if isinstance(node, (cst.Name, cst.Attribute)):
            values = self.b.assigned.get(_dotted(node)) or []
            return self._gradio_component(values[0], depth + 1) if len(values) == 1 else ("", None)
        if isinstance(node, cst.Call):
            name = next((c.replace("()", "") for c in self.qualify(node.func) if c.startswith("gradio.")), "")
            return ("gradio." + name.split(".")[-1] if name else ""), node
        return (self.string_value(node) or "").lower(), None

    def _gradio_box(self, node: cst.BaseExpression) -> bool:
        kind, call = self._gradio_component(node)
        if kind not in V.GRADIO_QA_BOXES:
            return False
        lines = _argument(call, 99, "lines") if call is not None else None
        secret = _argument(call, 99, "type") if call is not None else None
        if isinstance(lines, cst.Integer) and int(lines.value) > 2:
            return False  # a document to process
        return secret is None or self.string_value(secret) != "password"

    def _gradio_answer(self, node: cst.BaseExpression) -> bool:
        return self._gradio_component(node)[0] in V.GRADIO_QA_ANSWERS

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

    def _registered_handler(self, node: cst.Call) -> bool:
        """`app.message()(on_message)`: a handler decorator applied as a call, as apps that
        register their listeners from another module do (`def register(app): ...`)."""
        factory = node.func
        assert isinstance(factory, cst.Call)
        handler = next((a.value for a in node.args if a.keyword is None and not a.star), None)
        if handler is None or len(node.args) != 1 or not _dotted(handler):
            return False
        text = _dotted(factory.func)
        for callee in self.qualify(factory.func):
            framework = next((f for f, kind, pattern in V.HANDLER_DECORATORS if kind == "messaging-bot" and pattern.match(callee)), "")
            if framework:
                break
        else:
            framework = next(
                (f for f in sorted(self.messaging_frameworks) if f in V.UNRESOLVED_HANDLER_DECORATORS and text
                 and V.UNRESOLVED_HANDLER_DECORATORS[f].search(text)),
                "",
            )
        if framework:
            self._surface(node, framework, "messaging-bot", f"{text or 'handler'}(...)({_dotted(handler)})")
        return bool(framework)

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
            elif self.messaging and ".".join(parts[-2:]) in V.MESSAGING_SEND_CALLS:
                positional, kwargs = V.MESSAGING_SEND_CALLS[".".join(parts[-2:])]
                self._call_texts(node, "bot reply", positional=positional, kwargs=kwargs)
            elif root in V.EMAIL_MODULES and last in V.EMAIL_TEXT_CALLS:
                positional, kwargs = V.EMAIL_TEXT_CALLS[last]
                self._call_texts(node, "e-mail", positional=positional, kwargs=kwargs)
            elif root in V.WEB_FRAMEWORKS and last in V.HTML_RESPONSE_CALLS:
                positional, kwargs = V.HTML_RESPONSE_CALLS[last]
                for value in _arguments(node, positional, kwargs):
                    self._page_texts(value, self.string_value(value))
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
            for string_node, text in self._sink_strings(arg.value, channel):
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
        walk(self.module, self, self.events)
        self._derived_surfaces()
        self._answer_checks()
        self._published()
        if self._sends_mail:
            self.pending.extend(("library", node, found) for node, found in self._email_writes)
        self._module_texts()
        modules = tuple(sorted(set(self.b.imports.values())))
        imports = [
            (node, local, module, V.sdk_provider(module))
            for node, local, module in self.b.import_nodes
        ]
        imports = [i for i in imports if i[3]]
        if not self.pending and not imports:
            return FileFacts(path=self.path, language="python", imports=modules)
        wanted = [node for _, node, _ in self.pending] + [node for node, _, _, _ in imports]
        positions = _positions(self.module, wanted, self.source, self.events)

        def loc(node: cst.CSTNode) -> Location:
            pos = positions[node]
            return Location(self.path, pos.start.line, pos.start.column + 1, pos.end.line, pos.end.column + 1)

        found: Dict[str, List[object]] = {name: [] for name, _ in _PENDING.values()}
        for kind, node, payload in self.pending:
            name, fact = _PENDING[kind]
            found[name].append(fact(loc(node), *payload))
        model_imports = [ModelImport(loc(node), provider, module) for node, _, module, provider in imports]
        order = lambda f: (f.location.line, f.location.column)  # noqa: E731
        facts = {name: tuple(items if name == "shown_files" else sorted(items, key=order)) for name, items in found.items()}
        return FileFacts(
            path=self.path,
            language="python",
            model_imports=tuple(sorted(model_imports, key=order)),
            imports=modules,
            **facts,  # type: ignore[arg-type]
        )

    # ---- what other modules may import

    def _module_texts(self) -> None:
        """The texts this module binds at its top level, under the names other modules use:
        constants, class attributes, attributes of objects made from this module's classes,
        what functions return, and (in a package's `__init__.py`) names it imports."""
        classes: Dict[str, List[Tuple[str, cst.BaseExpression]]] = {}
        for statement in self.module.body:
            if isinstance(statement, cst.ClassDef):
                classes[statement.name.value] = self._class_texts(statement)
        for statement in self.module.body:
            if isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    self._exported_statement(small, classes)
            elif isinstance(statement, cst.ClassDef):
                for attribute, value in classes[statement.name.value]:
                    self._export(f"{statement.name.value}.{attribute}", value)
            elif isinstance(statement, cst.FunctionDef):
                fn = self.functions.get(statement.name.value)
                if fn is not None and fn.node is statement and len(fn.returns) == 1:
                    self._export(f"{fn.name}()", fn.returns[0])

    def _exported_statement(self, small: cst.BaseSmallStatement, classes: Dict[str, List[Tuple[str, cst.BaseExpression]]]) -> None:
        if isinstance(small, (cst.Assign, cst.AnnAssign)) and small.value is not None:
            targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else [small.target]
            for target in targets:
                name = _dotted(target)
                if not name or len(self.b.assigned.get(name) or []) != 1:
                    continue  # bound twice: its value is unknown
                made = small.value.func if isinstance(small.value, cst.Call) else None
                if isinstance(made, cst.Name) and made.value in classes:
                    for attribute, value in classes[made.value]:  # texts = Texts()
                        self._export(f"{name}.{attribute}", value)
                else:
                    self._export(name, small.value)
        elif isinstance(small, cst.ImportFrom) and self.path.endswith("__init__.py") and not isinstance(small.names, cst.ImportStar):
            for alias in small.names:  # a package re-exports what its modules define
                local = _dotted(alias.asname.name) if alias.asname is not None else _dotted(alias.name)
                origin = self.b.relative.get(local) or self.b.imports.get(local)
                if origin and not V.sdk_provider(origin):
                    self.pending.append(("module-text", alias, (local, f"{REFERENCE_OPEN}{origin}{REFERENCE_CLOSE}")))

    def _class_texts(self, node: cst.ClassDef) -> List[Tuple[str, cst.BaseExpression]]:
        """A class's attributes bound once, in its body or as `self.x = ...` in its methods."""
        found: Dict[str, List[cst.BaseExpression]] = {}
        body = node.body.body if isinstance(node.body, cst.IndentedBlock) else ()
        for statement in body:
            if isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
                        found.setdefault(small.targets[0].target.value, []).append(small.value)
                    elif isinstance(small, cst.AnnAssign) and small.value is not None and isinstance(small.target, cst.Name):
                        found.setdefault(small.target.value, []).append(small.value)
        for name, values in self.b.self_assigned.get(node.name.value, {}).items():
            found.setdefault(name, []).extend(values)
        return [(name, values[0]) for name, values in found.items() if len(values) == 1]

    def _export(self, name: str, value: cst.BaseExpression) -> None:
        text = text_with_references(self, value)
        if exportable(text, PLACEHOLDER):
            self.pending.append(("module-text", value, (name, text)))

    def _page_texts(self, node: cst.CSTNode, html: Optional[str]) -> bool:
        """The texts of an HTML page a route returns or renders, as users read them."""
        from .markup import html_texts

        texts = html_texts(html) if html else None
        if texts is None:
            return False
        for text, channel in texts:
            self.pending.append(("text", node, (text, channel)))
        return True

    def _imported_calls(self) -> Dict[str, Set[str]]:
        """Per function, the functions of other modules it calls, itself or through this file's."""
        out = {name: set(fn.imported_calls) for name, fn in self.functions.items()}
        changed = True
        while changed:
            changed = False
            for name, fn in self.functions.items():
                for callee in fn.calls & out.keys():
                    if not out[callee] <= out[name]:
                        out[name] |= out[callee]
                        changed = True
        return out

    def _module_functions(self, reach: Set[str], imported: Dict[str, Set[str]]) -> None:
        """The call graph's steps other modules need: functions that reach a model or call out."""
        for statement in self.module.body:
            fn = self.functions.get(statement.name.value) if isinstance(statement, cst.FunctionDef) else None
            if fn is None or fn.node is not statement:
                continue
            if fn.name in reach or imported[fn.name]:
                calls = tuple(sorted(imported[fn.name]))[:_MAX_CALLS]
                parsed = fn.name in reach and answers_parsed(self.functions, fn.name)
                returned = fn.name in reach and any(self._from_answer(r) for r in fn.returns)
                self.pending.append(("function", statement.name, (fn.name, fn.name in reach, calls, parsed, returned)))

    def _derived_surfaces(self) -> None:
        reach = reaching_model(self.functions)
        imported = self._imported_calls()
        self._module_functions(reach, imported)
        for fn in self.functions.values():
            if fn.routes and fn.name not in reach:  # a page: what it returns, users read
                for value in fn.returns:
                    self._page_texts(value, self.string_value(value))
            if not fn.routes or not (fn.name in reach or imported[fn.name]) or fn.scores:
                continue  # a route that scores a submitted application is no conversation
            parsed = fn.name in reach and answers_parsed(self.functions, fn.name)
            parameters = [p for p in fn.node.params.params if p.name.value not in ("self", "request") or p.annotation is not None]
            if not fn.reads_request and not parameters:
                continue
            sent = fn.request_parts - V.REQUEST_CIRCUMSTANCES
            if not parameters and sent and sent <= V.REQUEST_UPLOADS:
                continue  # sent uploaded files only (a CV to assess): a document processed, no message
            decorator, framework = fn.routes[0]
            detail = f"{_decorator_text(self.module, decorator)} {fn.name}"
            # The model may be asked in another module; one asked here for a verdict's fields
            # (`json.loads(answer)`, returned to another program) makes no conversation.
            if fn.name not in reach or parsed:
                calls = tuple(sorted(imported[fn.name]))[:_MAX_CALLS]
                self.pending.append(("route-to-modules", decorator, (framework, detail, calls)))
                continue
            self._surface(decorator, framework, "web-route", detail)
            for value in fn.returns:
                if not self._page_texts(value, self.string_value(value)):
                    for string_node, text in self._sink_strings(value, "http response"):
                        self._text(string_node, text, "http response")
        for loop in self.loops:
            if loop.reads_input and (loop.model_calls or loop.calls & reach):
                self._surface(loop.node, "console", "console-loop", "input() loop")
        self._qa_form(imported)

    def _qa_form(self, imported: Dict[str, Set[str]]) -> None:
        """A question box and a button on a page that asks a model: users converse with it,
        one question at a time, as in a chat box. When the page asks no model itself but
        calls functions of other modules, flow.py decides whether one of them reaches one."""
        forms: List[Tuple[cst.Call, str, str]] = [(node, "gradio", detail) for node, detail in self._gradio_qa]
        if self._qa_boxes and self._qa_button:
            box = self._qa_boxes[0]
            forms.insert(0, (box, "streamlit", f"Q&A form: st.{_dotted(box.func).split('.')[-1]} + {self._qa_button}"))
        if not forms:
            return
        node, framework, detail = forms[0]
        if self._model_called:
            self._surface(node, framework, "chat-ui", detail)
            return
        known = {"streamlit", "gradio", "chainlit"} | set(V.WEB_FRAMEWORKS) | set(V.MESSAGING_MODULES)
        calls = {c for c in set(self._top_imported_calls).union(*imported.values()) if c.split(".")[0] not in known}
        if calls:
            self.pending.append(("route-to-modules", node, (framework, detail, tuple(sorted(calls))[:_MAX_CALLS], "chat-ui")))


# What each kind of pending fact becomes: FileFacts' field, and the fact type.
_PENDING = {
    "call": ("model_calls", ModelCall),
    "library": ("library_calls", LibraryCall),
    "answer-check": ("answer_checks", AnswerCheck),
    "surface": ("chat_surfaces", ChatSurface),
    "text": ("user_texts", UserFacingText),
    "prompt": ("prompts", Prompt),
    "shown": ("shown_files", ShownFile),
    "module-text": ("module_texts", ModuleText),
    "function": ("module_functions", ModuleFunction),
    "route-to-modules": ("routes_to_modules", RouteToModules),
    "user-filled": ("prompts_filled_by_user", PromptFilledByUser),
    "from-modules": ("texts_from_modules", TextFromModules),
}


# Numbers about an answer that are not its content: its length, the tokens it cost, a status.
_COUNTS = frozenset({"len", "usage", "status", "status_code", "elapsed", "created", "latency"})


def _counts(node: cst.BaseExpression) -> bool:
    """`len(answer)`, `response.usage.total_tokens`: a count, not what the model answered."""
    while True:
        if isinstance(node, cst.Call):
            node = node.func
        elif isinstance(node, cst.Subscript):
            node = node.value
        elif isinstance(node, (cst.Attribute, cst.Name)):
            name = node.attr.value if isinstance(node, cst.Attribute) else node.value
            if name in _COUNTS or name.endswith(("tokens", "count")):
                return True
            if isinstance(node, cst.Name):
                return False
            node = node.value
        else:
            return False


def _number(node: cst.BaseExpression) -> Optional[str]:
    """The number a literal writes (`7`, `0.5`, `-1`), or None."""
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        inner = _number(node.expression)
        return f"-{inner}" if inner is not None else None
    return node.value if isinstance(node, (cst.Integer, cst.Float)) else None


def _argument(node: cst.Call, position: int, keyword: str) -> Optional[cst.BaseExpression]:
    """The argument of a call at this position or by this keyword."""
    for arg in node.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            return arg.value
    plain = [a.value for a in node.args if a.keyword is None and not a.star]
    return plain[position] if len(plain) > position else None


def _arguments(node: cst.Call, positional: int, kwargs: frozenset) -> List[cst.BaseExpression]:
    """The first `positional` positional arguments of a call and those of these keywords."""
    plain = [a.value for a in node.args if a.keyword is None and not a.star][:positional]
    return plain + [a.value for a in node.args if a.keyword is not None and a.keyword.value in kwargs]


def _decorator_text(module: cst.Module, decorator: cst.Decorator) -> str:
    text = module.code_for_node(decorator.decorator)
    return "@" + (text if len(text) <= 60 else text[:57] + "...")


_ESCAPE = compile_pattern(r"\\([\\'\"nrt])|\{\{|\}\}")
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

