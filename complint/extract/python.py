"""Python extractor: turns one Python file into facts, using the standard library's `ast`.

Import aliases, clients kept in variables or attributes, factory functions and string
constants are resolved here, by hand. Scopes are flattened per file, which is what apps of
this kind need.
"""

from __future__ import annotations

import ast
import re
import string
import sys
import warnings
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, List, NamedTuple, Optional, Sequence, Set, Tuple, Union

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
from .rebinding import MAX_VALUES, Flow, innermost_scopes, union
from .walk import events, walk

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
_THRESHOLDS = {ast.Gt: ">", ast.GtE: ">=", ast.Lt: "<", ast.LtE: "<="}
_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)
_DEF_NAME = compile_pattern(r"(?:async(?:\s|\\)+)?def(?:\s|\\)+(\w+)")


# A larger file is data or generated code, never an app's own: parsing and walking it would
# cost more than the rest of a small app's scan.
MAX_PARSED_CHARS = 512 * 1024


def extract_python(source: str, path: str) -> FileFacts:
    """Facts of one Python file; a file that does not parse gives a problem, not a crash."""
    if not source.strip():
        return FileFacts(path=path, language="python")
    skipped = _unparsable(source)
    if skipped:
        return FileFacts(path=path, language="python", problems=(FileProblem(path, skipped),))
    module = _parse(source, path)
    if isinstance(module, FileProblem):
        return FileFacts(path=path, language="python", problems=(module,))
    return _Extraction(module, path, source).run()


def _parse(source: str, path: str) -> Union[ast.Module, FileProblem]:
    """The module's tree, or why this Python cannot give it."""
    try:
        with warnings.catch_warnings():
            # Python 3.12 warns at parse time of `"\d"` (an invalid escape): not ours to say.
            warnings.simplefilter("ignore")
            return ast.parse(source, path, type_comments=False)
    except SyntaxError as exc:
        line, column = max(exc.lineno or 1, 1), max(exc.offset or 1, 1)
        message = f"syntax error: {exc.msg}"
        newer = _newer_syntax(source, line, exc.msg)
        if newer:
            message = f"{message} ({newer})"
        return FileProblem(path, message, line, column)
    except (RecursionError, MemoryError):
        return FileProblem(path, "too deeply nested to parse")
    except ValueError as exc:  # a NUL character, on Pythons before 3.12
        return FileProblem(path, f"syntax error: {exc}")


# Syntax a newer Python reads and an older one does not: (the version that reads it, what it
# is, a pattern the line the parser stopped at matches, one its message matches).
_ANY = compile_pattern(r"")
_NEWER_SYNTAX = (
    ((3, 10), "a match statement", compile_pattern(r"^\s*(?:match|case)\b.*:\s*(?:#.*)?$"), _ANY),
    ((3, 10), "parenthesised context managers", compile_pattern(r"^\s*(?:async\s+)?with\s*\("), _ANY),
    ((3, 11), "an except* clause", compile_pattern(r"^\s*except\s*\*"), _ANY),
    ((3, 12), "a type statement", compile_pattern(r"^\s*type\s+\w+\s*(?:\[.*\])?\s*="), _ANY),
    ((3, 12), "type parameters", compile_pattern(r"^\s*(?:async\s+)?(?:def|class)\s+\w+\s*\["), _ANY),
    # Quotes, backslashes, comments and line breaks inside an f-string's braces.
    ((3, 12), "an f-string of Python 3.12 (PEP 701)", compile_pattern(r"""(?<![\w'"])(?:[fF][rR]?|[rR][fF])['"]"""),
     compile_pattern(r"^(?:f-string(?!: empty expression)|unterminated string literal)")),
    ((3, 14), "a template string", compile_pattern(r"""(?<![\w'"])(?:[tT][rR]?|[rR][tT])['"]"""), _ANY),
    ((3, 14), "an except clause without parentheses", compile_pattern(r"^\s*except\s+[^(\s:][^:]*,"), _ANY),
)


def _newer_syntax(source: str, line: int, message: str) -> str:
    """Why a syntax error may be this Python's, not the file's: the line the parser stopped
    at is written in the syntax of a newer Python. "" when it is not."""
    lines = source.splitlines()
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    for version, what, pattern, said in _NEWER_SYNTAX:
        if sys.version_info < version and pattern.search(text) and said.search(message):
            wanted, running = "%d.%d" % version, "%d.%d" % sys.version_info[:2]
            return f"maybe {what}, which Python {running} cannot parse: run complint with Python {wanted} or newer"
    return ""


def _unparsable(source: str) -> Optional[str]:
    """Why the file must not be parsed (it would hold the scan, or overflow the parser)."""
    if len(source) > MAX_PARSED_CHARS:
        return f"skipped: too large to analyse ({len(source) // 1024:,} KB of Python, over the {MAX_PARSED_CHARS // 1024} KB limit)"
    return nesting_problem(source, "python")


_NEWLINE = compile_pattern(r"\r\n?|\n")


class _Lines:
    """Positions as complint reports them: `ast` counts columns in UTF-8 bytes, users and
    editors in characters (one per code point)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._starts: Optional[List[int]] = None  # where each line starts in `source`
        self._texts: Dict[int, Optional[bytes]] = {}  # per line: its bytes, None when ASCII

    @property
    def starts(self) -> List[int]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in _NEWLINE.finditer(self.source)]
        return self._starts

    def line_text(self, line: int) -> str:
        starts = self.starts
        if not 0 < line <= len(starts):
            return ""
        end = starts[line] if line < len(starts) else len(self.source)
        return self.source[starts[line - 1] : end]

    def column(self, line: int, byte: int) -> int:
        """The character column (from 0) of a byte column of a line."""
        if line not in self._texts:
            text = self.line_text(line)
            self._texts[line] = None if text.isascii() else text.encode("utf-8")
        data = self._texts[line]
        return byte if data is None else len(data[:byte].decode("utf-8", "replace"))

    def offset(self, line: int, column: int) -> int:
        """Where a (line, character column) stands in the source."""
        return self.starts[line - 1] + column if 0 < line <= len(self.starts) else len(self.source)

    def position(self, offset: int) -> Tuple[int, int]:
        """(line, character column) of an offset in the source."""
        from bisect import bisect_right

        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1]

    def span(self, node: ast.AST) -> Tuple[int, int, int, int]:
        """(line, column, end line, end column) of a node, columns in characters from 0."""
        line, end_line = node.lineno, node.end_lineno  # type: ignore[attr-defined]
        return line, self.column(line, node.col_offset), end_line, self.column(end_line, node.end_col_offset)  # type: ignore[attr-defined]

    def segment(self, node: ast.AST) -> str:
        """The code of a node, as it stands in the file."""
        line, column, end_line, end_column = self.span(node)
        return self.source[self.offset(line, column) : self.offset(end_line, end_column)]


# --------------------------------------------------------------------------- pre-pass


class _Bindings:
    """Collects imports, assignments and function returns, so names can be resolved."""

    def __init__(self) -> None:
        self.imports: Dict[str, str] = {}
        # Names imported from a module named relative to the file: local -> ".texts.DISCLAIMER".
        self.relative: Dict[str, str] = {}
        self.import_nodes: List[Tuple[ast.AST, str, str]] = []  # (node, local, module)
        self.assigned: Dict[str, List[ast.expr]] = {}
        self.returns: Dict[str, List[ast.expr]] = {}
        self.iterated: Dict[str, List[ast.expr]] = {}  # loop variable -> what it loops over
        # Parameter -> the UI components whose values a UI call hands it (gradio `inputs=`).
        self.fed: Dict[str, List[ast.expr]] = {}
        self._parameters: Dict[str, List[str]] = {}
        self._feeds: List[Tuple[str, int, ast.expr]] = []  # (function, skipped, components)
        # Per class, `self.x = ...` in its methods: attribute -> values.
        self.self_assigned: Dict[str, Dict[str, List[ast.expr]]] = {}
        self._classes: List[str] = []
        self._functions: List[str] = []
        # Per name, its bindings in order: (the function they are in, "=" or "+=", the value).
        self._bindings: Dict[str, List[Tuple[int, str, ast.expr]]] = {}
        self.filled: Dict[str, List[ast.expr]] = {}  # `scores.append(x)`: what a container holds
        self.calls_to: Dict[str, List[ast.Call]] = {}  # the file's calls of a function, by its name
        self._taking: Optional[Dict[str, List[str]]] = None
        self._scopes: List[int] = [0]
        self.globals: Dict[int, Set[str]] = {}  # function -> the names it declares `global`
        # Where each name is bound (assigned, unpacked into, looped over, imported, defined,
        # caught, deleted): (line, column), for rebinding.py.
        self._places: Dict[str, List[Tuple[int, int]]] = {}
        self.scope_nodes: Dict[int, ast.FunctionDef] = {}
        self._looping: List[int] = []  # the scopes of the loops being walked, innermost last
        self._appended_in_loop: Set[str] = set()  # names a loop appends to with `+=`
        self.class_nodes: List[ast.ClassDef] = []
        self.defined: Dict[str, int] = {}  # function name -> how many `def`s the file has for it

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._place(alias.asname or alias.name.split(".")[0], node)
            dotted = alias.name
            if alias.asname is not None:
                local = alias.asname
                self.imports[local] = dotted
            else:
                local = dotted.split(".")[0]
                self.imports.setdefault(local, local)
            self.import_nodes.append((alias, local, dotted))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            self._place(alias.asname or alias.name, node)
        if node.names[0].name == "*":
            return
        if node.level:
            package = "." * node.level + (node.module + "." if node.module is not None else "")
            for alias in node.names:
                self.relative[alias.asname or alias.name] = package + alias.name
            return
        if node.module is None:
            return
        module = node.module
        for alias in node.names:
            name = alias.name
            local = alias.asname or name
            self.imports[local] = f"{module}.{name}"
            # `from google import genai` imports the SDK google.genai, not "google".
            shown = module if V.sdk_provider(module) else f"{module}.{name}"
            self.import_nodes.append((alias, local, shown))

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._functions.append(node.name)
        self._place(node.name, node)
        self._scopes.append(id(node))
        self.scope_nodes[id(node)] = node
        self.defined[node.name] = self.defined.get(node.name, 0) + 1
        self._parameters.setdefault(node.name, [p.arg for p in node.args.args])

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        args = _args(node)
        if isinstance(func, ast.Attribute) and func.attr in _FILLS and args and _dotted(func.value):
            self.filled.setdefault(_dotted(func.value), []).append(args[-1].value)
        callee = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) and _dotted(func.value) == "self" else ""
        if callee:
            self.calls_to.setdefault(callee, []).append(node)
        # gr.ChatInterface(respond, additional_inputs=[persona]), button.click(fn, inputs=[a, b])
        handler = next((a.value for a in args if a.keyword is None or a.keyword == "fn"), None)
        if not isinstance(handler, ast.Name):
            return
        for arg in args:
            if arg.keyword is not None and arg.keyword in V.COMPONENT_INPUTS:
                self._feeds.append((handler.id, V.COMPONENT_INPUTS[arg.keyword], arg.value))

    def leave_Module(self, node: ast.Module) -> None:
        for function, skipped, components in self._feeds:
            if isinstance(components, ast.Name) and len(self.assigned.get(components.id) or []) == 1:
                components = self.assigned[components.id][0]
            if not isinstance(components, (ast.List, ast.Tuple)):
                continue
            parameters = self._parameters.get(function, [])
            parameters = parameters[1:] if parameters[:1] == ["self"] else parameters
            for parameter, element in zip(parameters[skipped:], _elements(components)):
                self.fed.setdefault(parameter, []).append(element)

    def leave_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._functions.pop()
        self._scopes.pop()

    def bound_in(self, name: str, scope: int) -> List[ast.expr]:
        """What `name = ...` binds inside one function (its node's id; 0: the module)."""
        return [value for where, op, value in self._bindings.get(name) or () if where == scope and op == "="]

    def arguments_for(self, parameter: str) -> List[ast.expr]:
        """What the file's calls pass for a parameter of its functions (by position or name)."""
        if self._taking is None:  # parameter -> the functions that take it, indexed once
            self._taking = {}
            for function, parameters in self._parameters.items():
                for name in set(parameters):
                    self._taking.setdefault(name, []).append(function)
        out: List[ast.expr] = []
        for function in self._taking.get(parameter, ()):
            parameters = self._parameters[function]
            position = parameters.index(parameter) - (1 if parameters[:1] == ["self"] else 0)
            for call in self.calls_to.get(function, ()):
                value = _argument(call, position, parameter) if position >= 0 else None
                if value is not None:
                    out.append(value)
        return out

    def accumulated(self, name: str) -> List[ast.expr]:
        """`prompt = "..."` then `prompt += "..."`, in one function and nowhere else: the
        pieces the text is made of, in order (the appended ones whether or not a condition
        guards them: the text may hold each). Empty for a name bound any other way."""
        bindings = self._bindings.get(name) or []
        if len(bindings) < 2 or bindings[0][1] != "=" or name in self._appended_in_loop:
            return []  # appended to in a loop: rebinding.py's set of texts, or unknown
        if any(op != "+=" or scope != bindings[0][0] for scope, op, _ in bindings[1:]):
            return []
        return [value for _, _, value in bindings]

    def _place(self, name: str, node: ast.AST) -> None:
        self._places.setdefault(name, []).append((node.lineno, node.col_offset))  # type: ignore[attr-defined]

    def _place_targets(self, target: ast.expr) -> None:
        for element in ast.walk(target) if isinstance(target, (ast.Tuple, ast.List, ast.Starred)) else (target,):
            if isinstance(element, ast.Name):
                self._place(element.id, element)

    def places_of(self, name: str) -> List[Tuple[int, int]]:
        return sorted(self._places.get(name) or ())

    def visit_Delete(self, node: ast.Delete) -> None:
        for target in node.targets:
            self._place_targets(target)

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            self._place(node.name, node)

    def visit_Global(self, node: ast.Global) -> None:
        self.globals.setdefault(self._scopes[-1], set()).update(node.names)

    def bound_more_than_once(self, name: str) -> bool:
        """Bound in more than one place (a loop's variable counts, but is never resolved)."""
        return len(self._places.get(name) or ()) > 1

    def followed_rebinding(self, name: str) -> bool:
        """Bound in more than one place, none of them a loop over values: rebinding.py follows it."""
        return self.bound_more_than_once(name) and name not in self.iterated

    def bindings_of(self, name: str) -> List[Tuple[int, str, ast.expr]]:
        """A name's bindings in order: (the function they are in, "=", "+=" or "op=", the value)."""
        return self._bindings.get(name) or []

    def binds_in(self, name: str, scope: int) -> bool:
        return any(where == scope for where, _, _ in self._bindings.get(name) or ())

    def visit_Return(self, node: ast.Return) -> None:
        if self._functions and node.value is not None:
            self.returns.setdefault(self._functions[-1], []).append(node.value)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._place(node.name, node)
        self._classes.append(node.name)
        self.class_nodes.append(node)

    def leave_ClassDef(self, node: ast.ClassDef) -> None:
        self._classes.pop()

    def _bind(self, target: ast.expr, value: ast.expr, op: str = "=") -> None:
        self._place_targets(target)
        name = _dotted(target)
        if name:
            self.assigned.setdefault(name, []).append(value)
            self._bindings.setdefault(name, []).append((self._scopes[-1], op, value))
            if op != "=" and self._looping and self._looping[-1] == self._scopes[-1]:
                self._appended_in_loop.add(name)
            if self._classes and self._functions and name.startswith("self.") and name.count(".") == 1:
                self.self_assigned.setdefault(self._classes[-1], {}).setdefault(name[5:], []).append(value)

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self._bind(target, node.value)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self._bind(node.target, node.value)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        # A second binding: no longer a constant, but `+=` appends to a text (`accumulated`).
        self._bind(node.target, node.value, "+=" if isinstance(node.op, ast.Add) else "op=")

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self._bind(node.target, node.value)

    def visit_withitem(self, node: ast.withitem) -> None:
        if node.optional_vars is not None:
            self._bind(node.optional_vars, node.context_expr)

    def visit_For(self, node: ast.For) -> None:
        self._place_targets(node.target)
        name = _dotted(node.target)
        if name:
            self.iterated.setdefault(name, []).append(node.iter)
        self._looping.append(self._scopes[-1])

    def leave_For(self, node: ast.For) -> None:
        self._looping.pop()

    def visit_While(self, node: ast.While) -> None:
        self._looping.append(self._scopes[-1])

    def leave_While(self, node: ast.While) -> None:
        self._looping.pop()


def _operands(node: ast.BinOp) -> List[ast.expr]:
    """The operands of `a + b + c + d` (one chain of binary operations), left to right: a
    chain is one step, however long, for the depth a value is followed to."""
    out: List[ast.expr] = []
    pending: List[ast.expr] = [node.right, node.left]
    while pending:
        current = pending.pop()
        if isinstance(current, ast.BinOp):
            pending.extend((current.right, current.left))
        else:
            out.append(current)
    return out


def _dotted(node: Optional[ast.AST]) -> str:
    """`a.b.c` for Name/Attribute chains, "" for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else ""
    return ""


# --------------------------------------------------------------------------- main pass


@dataclass
class _Function:
    name: str
    node: ast.FunctionDef
    model_calls: int = 0
    calls: Set[str] = field(default_factory=set)
    reads_request: bool = False
    request_parts: Set[str] = field(default_factory=set)  # `request.files`, `request.form`: what it reads
    scores: bool = False  # scores what it was sent with a predictive model (V.SCORING_METHODS)
    parses_answer: bool = False  # reads the model's answer as data: `json.loads(answer)`
    routes: List[Tuple[ast.AST, str]] = field(default_factory=list)  # (decorator, framework)
    returns: List[ast.expr] = field(default_factory=list)
    imported_calls: Set[str] = field(default_factory=set)  # functions of other modules, as references


@dataclass
class _Loop:
    node: ast.While
    reads_input: bool = False
    model_calls: int = 0
    calls: Set[str] = field(default_factory=set)


class _Extraction:
    def __init__(self, module: ast.Module, path: str, source: str) -> None:
        self.module = module
        self.path = path
        self.lines = _Lines(source)
        self.b = _Bindings()
        self.events = events(module)  # walked twice: by the bindings, then by this
        walk(module, self.b, self.events)
        roots = {m.split(".")[0] for m in self.b.imports.values()}
        self.messaging_frameworks = {V.MESSAGING_MODULES[r] for r in roots if r in V.MESSAGING_MODULES}
        self.messaging = bool(self.messaging_frameworks)
        self.twilio_rest_send = False  # a message posted to Twilio's REST API (_twilio_send)
        self._own_classes = {s.name for s in module.body if isinstance(s, ast.ClassDef)}
        self.web = next((V.WEB_FRAMEWORKS[r] for r in sorted(roots) if r in V.WEB_FRAMEWORKS), "")
        self._qualified: Dict[int, Tuple[str, ...]] = {}
        self._resolving: Set[int] = set()
        # Facts waiting for positions: (kind, node, payload).
        self.pending: List[Tuple[str, _Where, tuple]] = []
        self.functions: Dict[str, _Function] = {}
        self._fn_stack: List[_Function] = []
        self._loops: List[_Loop] = []
        self.loops: List[_Loop] = []
        self._qa_boxes: List[ast.Call] = []  # question boxes, for a Q&A form (see _qa_form)
        self._qa_button = ""
        self._gradio_qa: List[Tuple[ast.Call, str]] = []  # gradio Q&A forms: (call, detail)
        # `f.write(...)`, `path.write_text(...)`: maybe a publication; with the function it is in.
        self._writes: List[Tuple[ast.Call, int]] = []
        self._top_imported_calls: Set[str] = set()  # functions of other modules the module's own code calls
        self._model_called = False
        self.answer_names: Set[str] = set()
        self._seen_texts: Set[int] = set()
        self._shown: Set[Tuple[int, str]] = set()
        self._fills: Dict[int, str] = {}  # expression -> the literal it stands for, while making variants
        self._answer_tests: List[Tuple[ast.AST, List[ast.expr]]] = []
        # Messages written with the standard library's `email`: facts only in a module that
        # sends mail (`V.EMAIL_SENDS`), for most modules that write one only parse or relay it.
        self._email_writes: List[Tuple[ast.Call, Tuple[str, Tuple[str, ...]]]] = []
        self._sends_mail = False
        self._answer_memo: Dict[int, bool] = {}
        # While set, a name imported from another module reads as a reference to it (flow.py).
        self._references = False
        self._from_modules: Set[Tuple[int, str]] = set()
        self._joining: Set[str] = set()  # names whose appended pieces are being read
        self._asked_parameters: Dict[str, Optional[str]] = {}
        self._joined: Dict[Tuple[str, bool], Optional[str]] = {}
        self._imports_of: Optional[Dict[int, ast.stmt]] = None  # alias -> its import statement (Python 3.9)
        self._rebound: Dict[Tuple[int, bool], Optional[Tuple[str, ...]]] = {}
        self._rebinding: Set[int] = set()
        self._following: Set[Tuple[str, str]] = set()  # functions and attributes being read (value_set)
        self._bound_elsewhere: Optional[Set[str]] = None
        self._stores: Dict[int, List[str]] = {}  # class -> the `self` attributes it stores to

    # ---- resolution

    def qualify(self, node: ast.expr, depth: int = 0) -> Tuple[str, ...]:
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

    def _qualify(self, node: ast.expr, depth: int) -> Tuple[str, ...]:
        if isinstance(node, (ast.Name, ast.Attribute)):
            dotted = _dotted(node)
            if dotted and dotted in self.b.imports:
                return (self.b.imports[dotted],)
            if dotted and dotted in self.b.assigned:
                found = self._union(self.b.assigned[dotted], depth)
                if found:
                    return found
            if isinstance(node, ast.Name):
                return (node.id,)  # a builtin, a parameter, or something unknown
            return tuple(f"{b}.{node.attr}" for b in self.qualify(node.value, depth + 1))
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in self.b.returns and func.id not in self.b.imports:
                found = self._union(self.b.returns[func.id], depth)
                if found:
                    return found
            return tuple(f"{q}()" for q in self.qualify(func, depth + 1))
        if isinstance(node, ast.Await):
            return self.qualify(node.value, depth + 1)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            return self._union([node.left, node.right], depth)
        return ()

    def _union(self, values: Sequence[ast.expr], depth: int) -> Tuple[str, ...]:
        out: List[str] = []
        for value in values:
            for q in self.qualify(value, depth + 1):
                if q not in out:
                    out.append(q)
        return tuple(out[:6])

    def string_value(self, node: Optional[ast.expr], depth: int = 0) -> Optional[str]:
        """The text a string expression shows, with interpolations as placeholders."""
        if node is None or depth > _MAX_DEPTH:
            return None
        if self._fills and id(node) in self._fills:
            return self._fills[id(node)]
        if isinstance(node, ast.Constant):
            return node.value if isinstance(node.value, str) else None
        if isinstance(node, ast.JoinedStr):
            out = []
            for part in node.values:
                if isinstance(part, ast.FormattedValue):
                    inner = self.string_value(part.value, depth + 1)
                    out.append(inner if inner is not None else PLACEHOLDER)
                elif isinstance(part, ast.Constant):
                    out.append(part.value)
            return "".join(out)
        if isinstance(node, ast.BinOp):
            if isinstance(node.op, ast.Add):
                left = self.string_value(node.left, depth + 1)
                right = self.string_value(node.right, depth + 1)
                if left is None and right is None:
                    return None
                return (left if left is not None else PLACEHOLDER) + (
                    right if right is not None else PLACEHOLDER
                )
            if isinstance(node.op, ast.Mod):
                return self.string_value(node.left, depth + 1)
            return None
        if isinstance(node, ast.Call):
            return self._call_value(node, depth)
        if isinstance(node, (ast.Name, ast.Attribute)):
            values = self.b.assigned.get(_dotted(node))
            if values and len(values) == 1 and values[0] is not node and not self.b.bound_more_than_once(_dotted(node)):
                return self.string_value(values[0], depth + 1)
            if self.b.accumulated(_dotted(node)):
                return self._accumulated_text(_dotted(node), depth)
            several = self.value_set(node, depth)
            if several:
                return several[0]  # one of its texts; the others are the prompt's variants
            return self._reference_text(node)
        return None

    def value_set(self, node: ast.expr, depth: int = 0) -> Optional[Tuple[str, ...]]:
        """The texts a value that can hold several may hold: a name bound more than once
        (rebinding.py), a call of the file's function with several `return`s, `self.x`
        bound in its class's methods; None for a value with one text, or unknown."""
        if isinstance(node, ast.Name):
            return self.rebound(node, depth)
        if isinstance(node, ast.Call):
            return self.returned(node, depth)
        if isinstance(node, ast.Attribute):
            return self.attribute_texts(node, depth)
        return None

    def _texts_of(self, values: Sequence[ast.expr], depth: int) -> Optional[Tuple[str, ...]]:
        """The union of the texts each value may hold; None when one is unknown, or too many."""
        out: Optional[Tuple[str, ...]] = ()
        for value in values:
            several = self.value_set(value, depth + 1)
            text = self.string_value(value, depth + 1) if several is None else None
            if several is None and (text is None or REFERENCE_OPEN in text):
                return None
            out = union(out, several if several is not None else (text,))  # type: ignore[arg-type]
            if out is None:
                return None
        return out or None

    def returned(self, node: ast.Call, depth: int = 0) -> Optional[Tuple[str, ...]]:
        """`system_for(mode)`, a function the file defines once with several `return`s of
        text: the set of the texts it returns (bounded; one it cannot read makes it unknown)."""
        func = node.func
        if not isinstance(func, ast.Name) or depth > _MAX_DEPTH or func.id in self.b.imports or func.id in self.b.relative:
            return None
        returns = self.b.returns.get(func.id) or []
        if len(returns) < 2 or self.b.defined.get(func.id) != 1:
            return None
        return self._texts_once(("call", func.id), returns, depth)  # once: a function that calls itself

    def _texts_once(self, key: Tuple[str, str], values: Sequence[ast.expr], depth: int) -> Optional[Tuple[str, ...]]:
        """`_texts_of` the values, unknown when `key` (a function, an attribute) is being read
        already: reading it again would go round in circles."""
        if key in self._following:
            return None
        self._following.add(key)
        try:
            return self._texts_of(values, depth)
        finally:
            self._following.discard(key)

    def attribute_texts(self, node: ast.Attribute, depth: int = 0) -> Optional[Tuple[str, ...]]:
        """`self.system` read in a method, bound as `self.system = ...` in its class's methods
        (`__init__`, a setter) or in its body: the set of the texts they bind. Unknown when the
        file binds the attribute on another object, or a class deriving from it binds it too."""
        if not (isinstance(node.value, ast.Name) and node.value.id == "self") or depth > _MAX_DEPTH:
            return None
        line, attribute = node.lineno, node.attr
        around = [c for c in self.b.class_nodes if c.lineno <= line <= (c.end_lineno or c.lineno)]
        if not around:
            return None
        owner = max(around, key=lambda c: c.lineno)
        values = list(self.b.self_assigned.get(owner.name, {}).get(attribute) or [])
        values += [s.value for s in owner.body if isinstance(s, ast.Assign) and any(isinstance(t, ast.Name) and t.id == attribute for t in s.targets)]
        if not values:
            return None
        if self._bound_elsewhere is None:  # attributes the file binds on objects other than `self`
            self._bound_elsewhere = {k.rsplit(".", 1)[1] for k in self.b.assigned if "." in k and not (k.startswith("self.") and k.count(".") == 1)}
        elsewhere = attribute in self._bound_elsewhere
        derived = [
            c for c in self.b.class_nodes
            if c is not owner and attribute in self.b.self_assigned.get(c.name, {}) and any(_dotted(b).split(".")[-1] == owner.name for b in c.bases)
        ]
        if elsewhere or derived or sum(c.name == owner.name for c in self.b.class_nodes) > 1:
            return None
        if self._stores.get(id(owner)) is None:  # every `self.<attribute>` the class stores to, however
            self._stores[id(owner)] = [
                n.attr for n in ast.walk(owner)
                if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store) and isinstance(n.value, ast.Name) and n.value.id == "self"
            ]
        in_methods = self.b.self_assigned.get(owner.name, {}).get(attribute) or []
        plain = {id(v) for _, op, v in self.b.bindings_of("self." + attribute) if op == "="}
        if self._stores[id(owner)].count(attribute) != len(in_methods) or any(id(v) not in plain for v in in_methods):
            return None  # unpacked into (`self.a, self.b = ...`), looped over, appended to, `with ... as`
        return self._texts_once(("attribute", attribute), values, depth)

    def rebound(self, node: ast.expr, depth: int = 0) -> Optional[Tuple[str, ...]]:
        """The texts a name bound more than once can hold where it is read (rebinding.py),
        in the order its bindings give them; None when bound once, or unknown."""
        if not isinstance(node, ast.Name) or depth > _MAX_DEPTH or not self.b.followed_rebinding(node.id):
            return None
        key = (id(node), self._references)
        if key in self._rebound and not self._fills:
            return self._rebound[key]
        if id(node) in self._rebinding:
            return None
        self._rebinding.add(id(node))
        try:
            values = self._rebound_values(node, depth)
        finally:
            self._rebinding.discard(id(node))
        if not self._fills:
            self._rebound[key] = values
        return values

    def _rebound_values(self, node: ast.Name, depth: int) -> Optional[Tuple[str, ...]]:
        name = node.id

        def evaluate(value: ast.expr, before: Tuple[str, ...], op: str) -> Optional[Tuple[str, ...]]:
            return self._binding_texts(name, value, before, op, depth)

        flow = Flow(name, evaluate, self.b.places_of(name))
        scopes = innermost_scopes(self.module, node.lineno)
        for index, scope in enumerate(scopes):
            if name in self.b.globals.get(id(scope), ()):
                break  # the module's name
            if self.b.binds_in(name, id(scope)):  # local to it (or, further out, a closure's)
                state, _ = flow.run(scope.body, (), node.lineno if index == 0 else None)
                return state or None
        state, _ = flow.run(self.module.body, (), None if scopes else node.lineno)
        for scope, names in self.b.globals.items():  # `global PROMPT` then `PROMPT = ...` in a function
            if name in names and state and scope in self.b.scope_nodes:
                after, _ = flow.run(self.b.scope_nodes[scope].body, state, None)
                state = union(state, after)
        return state or None

    def _binding_texts(self, name: str, value: ast.expr, before: Tuple[str, ...], op: str, depth: int) -> Optional[Tuple[str, ...]]:
        """The texts one binding gives, from the texts the name held before it (`x = "a" + x`
        reads each of them; `x += "a"` appends to each)."""
        if op == "+=":
            text = self.string_value(value, depth + 1)
            texts = tuple(old + (text if text is not None else PLACEHOLDER) for old in before)
            return tuple(dict.fromkeys(texts)) or None
        own = [n for n in ast.walk(value) if isinstance(n, ast.Name) and n.id == name]
        if own and not before:
            return None
        several = None if own else self.value_set(value, depth + 1)
        if several:  # `system = system_for(mode)`, a helper with several returns
            return several
        out: List[str] = []
        for old in before if own else ("",):
            for n in own:
                self._fills[id(n)] = old
            try:
                text = self.string_value(value, depth + 1)
            finally:
                for n in own:
                    self._fills.pop(id(n), None)
            if text is None or REFERENCE_OPEN in text:
                return None
            out.append(text)
        out = list(dict.fromkeys(out))
        return tuple(out) if len(out) <= MAX_VALUES else None

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

    def _call_value(self, node: ast.Call, depth: int) -> Optional[str]:
        """`"...".format(...)`, `sep.join([...])`, what a function of the file returns when
        it has one `return`, or a function another module defines (as a reference)."""
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "format":
            return self.string_value(func.value, depth + 1)
        args = _args(node)
        if isinstance(func, ast.Attribute) and func.attr in V.TEXT_KEEPING_METHODS and not args:
            return self.string_value(func.value, depth + 1)  # "...".strip()
        if len(args) == 1 and args[0].keyword is None and set(self.qualify(func)) & V.TEXT_KEEPING_FUNCTIONS:
            return self.string_value(args[0].value, depth + 1)  # textwrap.dedent(f"""...""")
        if isinstance(func, ast.Attribute) and func.attr == "join" and len(args) == 1:
            separator = self.string_value(func.value, depth + 1)
            items = self._sequence(args[0].value, depth + 1)
            if separator is None or items is None:
                return None
            texts = [self.string_value(item, depth + 1) for item in items]
            return separator.join(t if t is not None else PLACEHOLDER for t in texts) if any(t is not None for t in texts) else None
        if isinstance(func, ast.Name) and func.id not in self.b.imports and func.id not in self.b.relative:
            returns = self.b.returns.get(func.id) or []
            if len(returns) == 1:
                return self.string_value(returns[0], depth + 1)
            several = self.returned(node, depth)
            return several[0] if several else None  # one of its texts; the others are variants
        return self._reference_text(node)

    def _sequence(self, node: ast.expr, depth: int) -> Optional[List[ast.expr]]:
        """The items of a list or tuple written out, followed through a name bound once."""
        for _ in range(_MAX_DEPTH - depth):
            if not isinstance(node, (ast.Name, ast.Attribute)):
                break
            values = self.b.assigned.get(_dotted(node)) or []
            if len(values) != 1:
                return None
            node = values[0]
        if isinstance(node, (ast.List, ast.Tuple)) and not any(isinstance(e, ast.Starred) for e in node.elts):
            return list(node.elts)
        return None

    # ---- values other modules of the project define (resolved by flow.py)

    def _reference(self, node: ast.expr) -> Optional[str]:
        """What an imported name stands for, as module and name: `.texts.DISCLAIMER` for
        DISCLAIMER after `from .texts import DISCLAIMER`; a call adds `()`."""
        call = isinstance(node, ast.Call)
        dotted = _dotted(node.func if isinstance(node, ast.Call) else node)
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

    def _own_instance(self, value: ast.expr) -> bool:
        """`Desk()`, or a name only ever bound to it, with `Desk` a class this module defines."""
        if isinstance(value, ast.Name):
            values = self.b.assigned.get(value.id) or []
            value = values[0] if len(values) == 1 and value.id not in self.b.iterated else None
        return isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in self._own_classes

    def _instance_method(self, func: ast.expr) -> Optional[str]:
        """`helper.reply(q)` where `helper` is only ever `Helper()`, or `Helper().reply(q)`, and
        `Helper` a class another module of the app defines: the method, as that module's
        `_module_functions` names it (`app.services.helper.Helper.reply`)."""
        if not isinstance(func, ast.Attribute):
            return None
        made: Optional[ast.expr] = func.value
        if isinstance(made, (ast.Name, ast.Attribute)):  # `helper`, or `self.helper` bound in __init__
            name = _dotted(made)
            values = (self.b.assigned.get(name) or []) if name else []
            made = values[0] if len(values) == 1 and name not in self.b.iterated else None
        if not isinstance(made, ast.Call) or not isinstance(made.func, (ast.Name, ast.Attribute)):
            return None
        dotted = _dotted(made.func)
        if not dotted or not dotted.split(".")[-1][:1].isupper():
            return None
        parts = dotted.split(".")
        for k in range(len(parts), 0, -1):
            head = ".".join(parts[:k])
            if head in self.b.assigned:
                return None
            origin = self.b.relative.get(head) or self.b.imports.get(head)
            if origin:
                if V.sdk_provider(origin) or origin.split(".")[0] in V.STDLIB_MODULES:
                    return None
                return ".".join([origin] + parts[k:] + [func.attr])
        return None

    def _reference_text(self, node: ast.expr) -> Optional[str]:
        if not self._references:
            return None
        reference = self._reference(node)
        return f"{REFERENCE_OPEN}{reference}{REFERENCE_CLOSE}" if reference else None

    def template(self, node: ast.AST) -> Optional[str]:
        """The text of a value with what other modules define as references, when it holds any."""
        return template_of(self, node) if isinstance(node, ast.expr) else None

    def _text_from_modules(self, node: ast.AST, sink: str, kind: str) -> None:
        """Record a text or prompt that holds names other modules define, for flow.py."""
        if (id(node), sink) in self._from_modules:
            return
        template = self.template(node)
        if template is not None:
            self._from_modules.add((id(node), sink))
            self.pending.append(("from-modules", node, (sink, kind, template)))

    def _sink_strings(self, node: ast.expr, channel: str) -> List[Tuple[ast.AST, str]]:
        """`strings_in`, and a value that is only a name another module defines goes to flow.py."""
        found = self.strings_in(node)
        if not found:
            self._text_from_modules(node, "text", channel)
        return found

    def strings_in(self, node: Optional[ast.expr]) -> List[Tuple[ast.AST, str]]:
        """Every text inside a value, looking into lists, tuples, dicts and sets."""
        if node is None:
            return []
        text = self.string_value(node)
        if text is not None:
            return [(node, t) for t in self.value_set(node) or (text,)]
        out: List[Tuple[ast.AST, str]] = []
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            for element in _elements(node):
                out.extend(self.strings_in(element))
        elif isinstance(node, ast.Dict):
            for _, value in _items(node):
                out.extend(self.strings_in(value))
        elif isinstance(node, (ast.Name, ast.Attribute)):
            values = self.b.assigned.get(_dotted(node))
            if values and len(values) == 1 and isinstance(values[0], (ast.List, ast.Tuple, ast.Dict)):
                out.extend(self.strings_in(values[0]))
        return out

    # ---- fact recording

    def _text(self, node: ast.AST, text: str, channel: str) -> None:
        if PLACEHOLDER in text:
            self._text_from_modules(node, "text", channel)
        if not text.replace(PLACEHOLDER, "").strip():
            return
        if (id(node), text) in self._shown:  # once per place; a name bound more than once, once per text
            return
        self._shown.add((id(node), text))
        self._seen_texts.add(id(node))
        self.pending.append(("text", node, (text, channel)))

    def _prompt(self, node: ast.AST, text: Optional[str], role: str) -> None:
        if text is None or PLACEHOLDER in text:
            self._text_from_modules(node, "prompt", role)
            if isinstance(node, ast.expr):
                self._typed_into_module(node)
        if text is None and isinstance(node, ast.Subscript):  # PERSONAS[choice]: one of a dict's prompts
            variants = self._known_variants(node, role, tuple(dict.fromkeys(self._choices(node))))
            if variants:
                self.pending.append(("prompt", node, (PLACEHOLDER, role, variants)))
            return
        if text and text.replace(PLACEHOLDER, "").strip():
            # "{" also stands for `"You are {}".format(person)`, whose text keeps its fields.
            variants = self._variants(node) if isinstance(node, ast.expr) and ("{" in text or self._holds_rebound(node)) else ()
            variants = tuple(v for v in variants if v != text)
            self.pending.append(("prompt", node, (text, role, self._known_variants(node, role, variants))))
            if PLACEHOLDER in text and isinstance(node, ast.expr):
                self._filled_by_user(node, text)

    def _filled_by_user(self, node: ast.expr, text: str) -> None:
        """A prompt with a value users type in a text box or at input() filled in."""
        template = node
        for _ in range(_MAX_DEPTH):
            values = self.b.assigned.get(_dotted(template)) or [] if isinstance(template, (ast.Name, ast.Attribute)) else []
            if isinstance(template, ast.Call) and isinstance(template.func, ast.Name) and template.func.id in self.functions:
                values = self.functions[template.func.id].returns  # what the file's function makes
            if len(values) != 1:
                break
            template = values[0]
        for expression in self._interpolated(template):
            asked = self._asked(expression)
            if asked is not None:
                self.pending.append(("user-filled", node, (text, asked)))
                return

    def _typed_into_module(self, node: ast.expr) -> None:
        """`persona_prompt(who)`, a function of another module, with `who` typed by users:
        the prompt it returns is filled by them (flow.py reads the prompt there)."""
        for _ in range(_MAX_DEPTH):
            values = self.b.assigned.get(_dotted(node)) or [] if isinstance(node, (ast.Name, ast.Attribute)) else []
            if len(values) != 1:
                break
            node = values[0]
        node = node.value if isinstance(node, ast.Await) else node
        if not isinstance(node, ast.Call) or self._reference(node) is None:
            return
        asked = next((a for a in (self._asked(arg.value) for arg in _args(node)) if a is not None), None)
        template = self.template(node) if asked is not None else None
        if template is not None and (id(node), "typed") not in self._from_modules:
            self._from_modules.add((id(node), "typed"))
            self.pending.append(("from-modules", node, (TYPED_PROMPT, asked, template)))

    def _asked(self, node: ast.expr, depth: int = 0) -> Optional[str]:
        """What users are asked for the value they type here, or None: not typed by users."""
        if depth > _MAX_DEPTH:
            return None
        if isinstance(node, (ast.Name, ast.Attribute)):
            name = _dotted(node)
            values = self.b.assigned.get(name) or self.b.fed.get(name, []) if name not in self.b.iterated else []
            if not values and name not in self.b.iterated and isinstance(node, ast.Name):
                return self._asked_parameter(name, depth)
            return self._asked(values[0], depth + 1) if len(values) == 1 else None
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Attribute) and node.func.attr in ("strip", "title", "lower", "capitalize"):
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

    def _known_variants(self, node: ast.AST, role: str, variants: Tuple[str, ...]) -> Tuple[str, ...]:
        """The variants known here; those filled from a data file go to flow.py."""
        for variant in variants:
            if REFERENCE_OPEN in variant:
                self.pending.append(("from-modules", node, ("prompt variants", role, variant)))
        return tuple(v for v in variants if REFERENCE_OPEN not in v)

    # ---- prompts filled from a list of literals: f"You are {celebrity}"

    def _variants(self, node: ast.expr) -> Tuple[str, ...]:
        """The prompt's text with one interpolated value filled in, for each literal it can take."""
        template = node
        for _ in range(_MAX_DEPTH):
            several = self.value_set(template) if isinstance(template, (ast.Attribute, ast.Call)) else None
            if several:  # a helper's several returns, `self.x` bound in several methods
                main = self.string_value(template)
                return tuple(v for v in several if v != main)
            if not isinstance(template, (ast.Name, ast.Attribute)):
                break
            values = self.b.assigned.get(_dotted(template)) or []
            if len(values) != 1:  # bound more than once: the other texts it can hold
                rebound = self.rebound(template)
                return tuple(v for v in rebound if v != self.string_value(template)) if rebound else ()
            template = values[0]
        if isinstance(template, ast.Call) and isinstance(template.func, ast.Attribute):
            if template.func.attr == "format":
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

    def _holds_rebound(self, node: ast.expr, interpolated: bool = True) -> bool:
        """Whether a prompt is, or interpolates, a value with several texts (`value_set`)."""
        for _ in range(_MAX_DEPTH):
            if isinstance(node, ast.Name) and self.b.followed_rebinding(node.id):
                return True
            if isinstance(node, (ast.Attribute, ast.Call)) and len(self.value_set(node) or ()) > 1:
                return True
            values = self.b.assigned.get(_dotted(node)) or [] if isinstance(node, (ast.Name, ast.Attribute)) else []
            if len(values) != 1:
                break
            node = values[0]
        return interpolated and any(self._holds_rebound(e, False) for e in self._interpolated(node))

    def _format_variants(self, call: ast.Call) -> Tuple[str, ...]:
        """`"You are {}".format(person)`: the template with one argument filled in per literal it can take."""
        assert isinstance(call.func, ast.Attribute)
        template = self.string_value(call.func.value)
        if not template:
            return ()
        try:
            fields = list(string.Formatter().parse(template))
        except ValueError:
            return ()
        arguments = {str(i): a.value for i, a in enumerate(a for a in _args(call) if a.keyword is None and not a.star)}
        arguments.update({a.keyword: a.value for a in _args(call) if a.keyword is not None})
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

    def _interpolated(self, node: ast.expr, depth: int = 0) -> List[ast.expr]:
        """The values an f-string or a `+` concatenation puts into the text."""
        if depth > _MAX_DEPTH:
            return []
        if isinstance(node, ast.JoinedStr):
            return [p.value for p in node.values if isinstance(p, ast.FormattedValue)]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            out: List[ast.expr] = []
            for side in (node.left, node.right):
                if isinstance(side, (ast.Name, ast.Attribute, ast.Subscript, ast.Call)):
                    out.append(side)
                else:
                    out.extend(self._interpolated(side, depth + 1))
            return out
        return []

    def _choices(self, node: ast.expr, depth: int = 0) -> List[str]:
        """The literals a value is picked from: a selectbox's options, `random.choice`, a loop, an index."""
        if depth > _MAX_DEPTH:
            return []
        if isinstance(node, (ast.Name, ast.Attribute)):
            name = _dotted(node)
            assigned = self.b.assigned.get(name) or []
            if len(assigned) == 1:
                return self._choices(assigned[0], depth + 1)
            rebound = self.value_set(node, depth + 1)
            if rebound:  # the texts a name bound more than once, or `self.x`, can hold
                return list(rebound)
            looped = self.b.iterated.get(name) or []
            fed = self.b.fed.get(name) or []
            if len(fed) == 1 and not assigned and not looped:  # a handler's parameter a component feeds
                return self._choices(fed[0], depth + 1)
            return self._literals(looped[0], depth + 1) if len(looped) == 1 and not assigned else []
        if isinstance(node, ast.Subscript):
            key = self.string_value(node.slice)
            if key and not isinstance(node.value, ast.Subscript):  # persona["name"], persona picked from a data file
                picked = [c for c in self._choices(node.value, depth + 1) if c.startswith(f"{REFERENCE_OPEN}data:")]
                if picked:
                    return [c[: c.rindex("#")] + f"#field:{key}{REFERENCE_CLOSE}" for c in picked]
            return self._literals(node.value, depth + 1, part="values")
        if isinstance(node, ast.Call):
            returned = self.returned(node, depth + 1)
            if returned:  # a helper's several returns
                return list(returned)
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
                positional = [a for a in _args(node) if a.keyword is None and not a.star]
                options = next((a.value for a in _args(node) if a.keyword is not None and a.keyword == keyword), None)
                if options is None and len(positional) > position:
                    options = positional[position].value
                return self._literals(options, depth + 1) if options is not None else []
        return []

    def _literals(self, node: ast.expr, depth: int = 0, part: str = "keys") -> List[str]:
        """The texts of a list, tuple or set of literals (a dict's keys, or its values)."""
        if depth > _MAX_DEPTH:
            return []
        if isinstance(node, (ast.Name, ast.Attribute)):
            values = self.b.assigned.get(_dotted(node)) or []
            return self._literals(values[0], depth + 1, part) if len(values) == 1 else []
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in ("list", "sorted", "tuple", "set") and _args(node):
                return self._literals(_args(node)[0].value, depth + 1, part)
            data = self._data_file(node)
            if data is not None:  # its texts are read by flow.py, in the project
                return [f"{REFERENCE_OPEN}data:{data}#{part}{REFERENCE_CLOSE}"]
            if isinstance(func, ast.Attribute) and func.attr in ("keys", "values"):
                return self._literals(func.value, depth + 1, func.attr)
            if isinstance(func, ast.Attribute) and func.attr in ("tolist", "unique", "dropna", "to_list"):
                return self._literals(func.value, depth + 1, part)  # df["name"].tolist()
            return []
        if isinstance(node, ast.Subscript):
            key = self.string_value(node.slice)  # df["name"]: one column of a table
            picked = [t for t in self._literals(node.value, depth + 1, part) if t.startswith(f"{REFERENCE_OPEN}data:")] if key else []
            return [t[: t.rindex("#")] + f"#field:{key}{REFERENCE_CLOSE}" for t in picked]
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            items = _elements(node)
        elif isinstance(node, ast.Dict):
            items = [key if part == "keys" else value for key, value in _items(node)]
        else:
            return []
        texts = (self.string_value(item, depth + 1) for item in items)
        return [t for t in texts if t and PLACEHOLDER not in t and len(t) <= _MAX_CHOICE_CHARS]

    def _data_file(self, node: ast.Call) -> Optional[str]:
        """`json.load(open("personas.json"))`: the data file's path, as the code names it."""
        loaders = {c.replace("()", "") for c in self.qualify(node.func)}
        if not _args(node) or not loaders & V.DATA_LOADERS:
            return None
        source = _args(node)[0].value
        if loaders & V.PATH_LOADERS:  # pd.read_csv("personas.csv")
            path = self.string_value(source)
            if path and PLACEHOLDER not in path:
                return path
        return self._opened_path(source, 0) or self._file_read(source) or self._beside_module(source)

    def _beside_module(self, node: ast.expr, depth: int = 0) -> Optional[str]:
        """A file named from the module's own folder (`open(Path(__file__).parent / "x.json")`,
        `os.path.join(os.path.dirname(__file__), "x.json")`), as `@file/x.json`."""
        if depth > _MAX_DEPTH:
            return None
        if isinstance(node, (ast.Name, ast.Attribute)):
            values = self.b.assigned.get(_dotted(node)) or []
            return self._beside_module(values[0], depth + 1) if len(values) == 1 and values[0] is not node else None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in V.READS | {"open"}:
            return self._beside_module(node.func.value, depth + 1)  # (HERE / "x.json").read_text()
        if isinstance(node, ast.Call) and _args(node) and any(c in V.OPENERS for c in self.qualify(node.func)):
            return self._beside_module(_args(node)[0].value, depth + 1)  # open(...)
        parts: List[ast.expr] = []
        while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            parts.insert(0, node.right)
            node = node.left
        if not parts and isinstance(node, ast.Call) and _args(node) and "os.path.join" in self.qualify(node.func):
            parts = [a.value for a in _args(node)[1:]]
            node = _args(node)[0].value
        if isinstance(node, ast.Name):
            values = self.b.assigned.get(node.id) or []
            node = values[0] if len(values) == 1 else node
        if not parts or self.lines.segment(node).replace(" ", "") not in V.MODULE_FOLDERS:
            return None
        texts = [self.string_value(part) for part in parts]
        if any(t is None or PLACEHOLDER in t for t in texts):
            return None
        return "/".join(["@file"] + texts)  # type: ignore[list-item]

    def _surface(self, node: ast.AST, framework: str, kind: str, detail: str) -> None:
        self.pending.append(("surface", node, (framework, kind, detail)))

    # ---- visiting

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        fn = _Function(node.name, node)
        self.functions.setdefault(fn.name, fn)
        self._fn_stack.append(fn)
        for decorator in node.decorator_list:
            self._decorator(_Decorator(decorator), fn)
        self._name_read(node.name)

    def leave_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._fn_stack.pop()

    def visit_While(self, node: ast.While) -> None:
        loop = _Loop(node)
        self._loops.append(loop)
        self.loops.append(loop)

    def leave_While(self, node: ast.While) -> None:
        self._loops.pop()

    def visit_Return(self, node: ast.Return) -> None:
        if self._fn_stack and node.value is not None:
            self._fn_stack[-1].returns.append(node.value)
            name = self._fn_stack[-1].name
            if V.PROMPT_NAME.search(name):  # def get_report_prompt(language): return f"You are ..."
                role = V.prompt_role(name)
                self._prompt(node.value, self.string_value(node.value), role)

    def _name_read(self, name: Optional[str]) -> None:
        """A function that names the request object of a web framework reads what it was sent."""
        if name in ("request", "websocket") and self._fn_stack:
            origin = self.b.imports.get(name, "")
            if origin.split(".")[0] in V.WEB_FRAMEWORKS:
                self._fn_stack[-1].reads_request = True

    # Every identifier counts, wherever it stands: `request.json`, `self.request`, a
    # parameter or a keyword named `request`.
    def visit_Name(self, node: ast.Name) -> None:
        self._name_read(node.id)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        self._name_read(node.attr)
        if self._fn_stack and isinstance(node.value, ast.Name) and node.value.id == "request":
            self._fn_stack[-1].request_parts.add(node.attr)

    def visit_arg(self, node: ast.arg) -> None:
        self._name_read(node.arg)

    def visit_keyword(self, node: ast.keyword) -> None:
        self._name_read(node.arg)

    def visit_alias(self, node: ast.alias) -> None:
        for name in node.name.split(".") + [node.asname or ""]:
            self._name_read(name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for name in (node.module or "").split("."):
            self._name_read(name)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._name_read(node.name)

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        self._name_read(node.name)

    def visit_Global(self, node: ast.Global) -> None:
        for name in node.names:
            self._name_read(name)

    visit_Nonlocal = visit_Global

    def visit_Assign(self, node: ast.Assign) -> None:
        if self._contains_model_answer(node.value):
            for target in node.targets:
                name = _dotted(target)
                if name:
                    self.answer_names.add(name)
        for target in node.targets:
            name = _dotted(target)
            if name and V.PROMPT_NAME.search(name.split(".")[-1]):
                role = V.prompt_role(name)
                if isinstance(node.value, (ast.Dict, ast.List, ast.Tuple)):
                    # PERSONAS = {"omega": "You are ..."}: each entry is a prompt of its own.
                    for string_node, text in self.strings_in(node.value):
                        self._prompt(string_node, text, role)
                else:
                    pieces = self.b.accumulated(name)
                    text = self._accumulated_text(name, 0) if pieces and pieces[0] is node.value else self.string_value(node.value)
                    self._prompt(node.value, text, role)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        # f"🤖 AI answer: {answer}": text wrapped around the model's answer reaches the user.
        if any(isinstance(part, ast.FormattedValue) and self._contains_model_answer(part.value) for part in node.values):
            self._text(node, self.string_value(node) or "", "model answer")

    def visit_BinOp(self, node: ast.BinOp) -> None:
        if isinstance(node.op, ast.Add) and (
            self._contains_model_answer(node.left) or self._contains_model_answer(node.right)
        ):
            self._text(node, self.string_value(node) or "", "model answer")

    def visit_Dict(self, node: ast.Dict) -> None:
        role = content = None
        keys = set()
        for key_node, value in _items(node):
            key = self.string_value(key_node)
            keys.add(key)
            literal = isinstance(value, ast.JoinedStr) or isinstance(value, ast.Constant) and isinstance(value.value, (str, bytes))
            if key and literal and V.PROMPT_NAME.search(key) and not self._request_payload(node):
                # A row of a persona table: {"name": "...", "prompt": "You are ..."}, wherever
                # the table is (a presets module, a seed script); a short text is a label, and
                # a name stands for a prompt bound (and read) where it is defined.
                text = self.string_value(value)
                if text and len(text.split()) >= _MIN_PROMPT_WORDS:
                    role = V.prompt_role(key)
                    self._prompt(value, text, role)
            if key == "role":
                role = self.string_value(value)
            elif key in ("content", "text", "parts"):
                content = value
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

    def _request_payload(self, node: ast.Dict) -> bool:
        """{"model": ..., "prompt": ...}: what a request to a model endpoint sends, whose
        prompt the request's call reads (`_model_prompts`)."""
        return any(self.string_value(key) == "model" for key, _ in _items(node))

    def visit_Tuple(self, node: ast.Tuple) -> None:
        # ("system", "You are ...") in a langchain ChatPromptTemplate.
        elements = _elements(node)
        if len(elements) != 2:
            return
        role = self.string_value(elements[0])
        if role in V.SYSTEM_ROLES or role in V.USER_ROLES:
            value = elements[1]
            self._prompt(value, self.string_value(value), "system" if role in V.SYSTEM_ROLES else "user")

    def visit_Call(self, node: ast.Call) -> None:
        callees = self.qualify(node.func)
        fn = self._fn_stack[-1] if self._fn_stack else None
        if isinstance(node.func, ast.Name):
            name = node.func.id
        elif isinstance(node.func, ast.Attribute) and (_dotted(node.func.value) == "self" or self._own_instance(node.func.value)):
            name = node.func.attr  # self.ask(q); desk.ask(q) with desk only ever Desk(), a class of this file
        else:
            name = ""
        if name:
            if fn is not None:
                fn.calls.add(name)
            for loop in self._loops:
                loop.calls.add(name)
        if not (isinstance(node.func, ast.Name) and node.func.id in self.functions):
            reference = self._reference(node)  # `from .llm import ask` then ask(q), or llm.ask(q)
            reference = reference[:-2] if reference else self._instance_method(node.func)
            if reference:
                (fn.imported_calls if fn is not None else self._top_imported_calls).add(reference)
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
            if model[1].endswith(V.VOICE_ENDPOINT_SUFFIX):
                self._voice_call(node, model[1])
        elif fn is not None and isinstance(node.func, ast.Attribute) and node.func.attr in V.SCORING_METHODS:
            fn.scores = True
        elif fn is not None and (
            V.ANSWER_PARSERS.intersection(callees)
            or (isinstance(node.func, ast.Attribute) and node.func.attr in V.ANSWER_PARSER_METHODS)
        ) and any(self._contains_model_answer(a.value) for a in _args(node)):
            fn.parses_answer = True
        self._surfaces_of_call(node, callees)
        if isinstance(node.func, ast.Call) and self._registered_handler(node):
            callees = ()  # its argument is the handler, not a text
        if not callees and isinstance(node.func, ast.Attribute):
            # `self.channels[0].send(...)`: an object no name reaches, called by its method's name.
            self._texts_of_call(node, (f"<value>.{node.func.attr}",))
        else:
            self._texts_of_call(node, callees)
        self._prompt_kwargs(node, callees)
        self._library_call(node, callees)
        if isinstance(node.func, ast.Attribute) and node.func.attr in _STRING_TESTS:
            self._answer_tests.append((node, [node.func.value] + [a.value for a in _args(node)]))
        if isinstance(node.func, ast.Attribute) and node.func.attr in V.WRITES and _args(node):
            self._writes.append((node, id(self._fn_stack[-1].node) if self._fn_stack else 0))

    def visit_Compare(self, node: ast.Compare) -> None:
        self._answer_tests.append((node, [node.left] + node.comparators))

    # ---- library calls and code acting on the model's answer

    def _library_call(self, node: ast.Call, callees: Tuple[str, ...]) -> None:
        if isinstance(node.func, (ast.Attribute, ast.Name)):
            last = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
            self._sends_mail = self._sends_mail or last in V.EMAIL_SENDS
        callee = next((c for c in callees if V.is_library_call(c)), None)
        if callee is not None:
            strings = tuple(t for a in _args(node) for _, t in self.strings_in(a.value))
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
            elif isinstance(node, ast.Compare):
                threshold = self._threshold(node)
                if threshold:
                    self.pending.append(("answer-check", node, ((), threshold)))

    def _answer_check_elsewhere(self, node: ast.AST, sides: List[ast.expr]) -> None:
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
        if not strings and isinstance(node, ast.Compare) and len(node.ops) == 1:
            operator = _THRESHOLDS.get(type(node.ops[0]))
            left, right = node.left, node.comparators[0]
            number = _number(right, self.lines) if left is tested else _number(left, self.lines) if right is tested else None
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

    def _imported_result(self, node: ast.expr, depth: int = 0) -> str:
        """The function of another module whose result this value is (`score`, after
        `score = float(rate(resume))` with rate imported), as a reference; else ""."""
        if depth > _MAX_DEPTH:
            return ""
        if isinstance(node, ast.Await):
            return self._imported_result(node.value, depth + 1)
        if isinstance(node, (ast.Attribute, ast.Subscript)):  # result["decision"], result.score
            return self._imported_result(node.value, depth + 1)
        if isinstance(node, ast.Name):
            values = self.b.assigned.get(node.id) or []
            return self._imported_result(values[0], depth + 1) if len(values) == 1 and values[0] is not node else ""
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name) and node.func.id in ("int", "float", "str") and _args(node):
                return self._imported_result(_args(node)[0].value, depth + 1)
            if isinstance(node.func, ast.Attribute) and node.func.attr in ("strip", "lower", "upper", "get"):
                return self._imported_result(node.func.value, depth + 1)
            reference = self._reference(node)
            return reference[:-2] if reference and reference.endswith("()") else ""
        return ""

    def _written_from_elsewhere(self, node: ast.expr, seen: Set[int], depth: int = 0) -> str:
        """The function of another module whose result a written value holds (in a `+` chain,
        an f-string, through names and the file's calls of a parameter), as a reference; else
        "". flow.py decides whether that function returns the model's answer."""
        if depth > _MAX_DEPTH or id(node) in seen:
            return ""
        seen.add(id(node))
        parts: List[ast.expr] = []
        if isinstance(node, ast.BinOp):
            parts = _operands(node)
        elif isinstance(node, ast.JoinedStr):
            parts = list(self._interpolated(node))
        elif isinstance(node, ast.IfExp):
            parts = [node.body, node.orelse]
        elif isinstance(node, ast.Name):
            parts = list(self.b.assigned.get(node.id, ())) or self.b.arguments_for(node.id)
        elif isinstance(node, ast.Call):
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
            assert isinstance(node.func, ast.Attribute)
            value = _args(node)[0].value
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

    def _publishes(self, node: ast.expr, depth: int = 0, scope: Optional[int] = None) -> bool:
        """Is this a Markdown or HTML file opened for writing, or a path to one? `scope`: the
        function the write is in, whose own binding of a name bound in several is the one."""
        if depth > _MAX_DEPTH:
            return False
        if isinstance(node, (ast.Name, ast.Attribute)):
            values = self.b.assigned.get(_dotted(node)) or []
            if len(values) > 1 and scope is not None:
                values = self.b.bound_in(_dotted(node), scope)
            return len(values) == 1 and values[0] is not node and self._publishes(values[0], depth + 1)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            return self._publishes(node.right, depth + 1)  # Path("site") / "digest.md"
        if isinstance(node, ast.Call):
            opener = any(c in V.OPENERS for c in self.qualify(node.func))
            if not opener or not _args(node):
                return False
            mode = _argument(node, 1, "mode")
            if "pathlib" not in "".join(self.qualify(node.func)):
                written = self.string_value(mode) if mode is not None else None
                if not written or not set(written) & set("wax"):
                    return False
            return self._publishes(_args(node)[0].value, depth + 1)
        path = self.string_value(node)
        return bool(path) and path.strip().lower().endswith(V.PUBLISHED_SUFFIXES)

    def _threshold(self, node: ast.Compare) -> str:
        """`score >= 7`, `0.5 < avg`: the comparison and the number, when the other side is the
        model's answer or computed from it (not its length, a count of characters)."""
        if len(node.ops) != 1 or type(node.ops[0]) not in _THRESHOLDS:
            return ""
        left, right = node.left, node.comparators[0]
        operator = _THRESHOLDS[type(node.ops[0])]
        number = _number(right, self.lines)
        if number is None:
            number, left = _number(left, self.lines), right
            operator = {">": "<", ">=": "<=", "<": ">", "<=": ">="}[operator]
        if number is None or _counts(left) or not self._from_answer(left):
            return ""
        return f"{operator} {number}"

    def _from_answer(self, node: ast.expr, depth: int = 0) -> bool:
        """Is this value the model's answer, or computed from it (`json.loads(answer)["decision"]`)?"""
        key = id(node)
        if key not in self._answer_memo:
            self._answer_memo[key] = False  # a value assigned from itself is not an answer
            self._answer_memo[key] = self._computed_from_answer(node, depth)
        return self._answer_memo[key]

    def _computed_from_answer(self, node: ast.expr, depth: int) -> bool:
        if depth > _MAX_DEPTH:
            return False
        if self._contains_model_answer(node):
            return True
        if isinstance(node, (ast.Attribute, ast.Subscript)):
            return self._from_answer(node.value, depth + 1)
        if isinstance(node, ast.Await):
            return self._from_answer(node.value, depth + 1)
        if isinstance(node, ast.Name):
            values = list(self.b.assigned.get(node.id, ())) + self.b.filled.get(node.id, [])
            if not values:  # a parameter: what the file's calls pass for it (`save(summary)`)
                values = self.b.arguments_for(node.id)
            return any(self._from_answer(v, depth + 1) for v in values if v is not node)
        if isinstance(node, ast.BinOp):  # sum(scores) / len(scores), "# Digest\n" + summary
            return any(self._from_answer(operand, depth + 1) for operand in _operands(node))
        if isinstance(node, ast.JoinedStr):  # f"# Digest\n{summary}"
            return any(self._from_answer(e, depth + 1) for e in self._interpolated(node))
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) and _dotted(func.value) == "self" else ""
            if name in self.functions and any(self._from_answer(r, depth + 1) for r in self.functions[name].returns):
                return True
            if isinstance(func, ast.Attribute) and self._from_answer(func.value, depth + 1):
                return True
            return any(self._from_answer(a.value, depth + 1) for a in _args(node))
        return False

    # ---- model calls

    def _model_call(self, node: ast.Call, callees: Tuple[str, ...]) -> Optional[Tuple[str, str]]:
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
                kwargs = {a.keyword for a in _args(node) if a.keyword is not None}
                if {"model", "messages"} <= kwargs:
                    return "anthropic-compatible", _short_api(callee)
        return None

    def _pipeline_task(self, node: ast.Call) -> str:
        for arg in _args(node):
            if arg.keyword is None or arg.keyword == "task":
                return self.string_value(arg.value) or ""
        return ""

    def _model_endpoint(self, node: ast.Call, callee: str) -> str:
        url_node = None
        payload: FrozenSet[str] = frozenset()
        # `requests.request("POST", url)`, `httpx.stream("POST", url)`: the method comes first.
        url_at = 1 if callee.rsplit(".", 1)[-1] in ("request", "stream") else 0
        if url_at:
            method = self.string_value(_args(node)[0].value) if _args(node) and _args(node)[0].keyword is None else None
            if method is None or method.upper() != "POST":
                return ""
        for index, arg in enumerate(_args(node)):
            if (arg.keyword is None and index == url_at) or (arg.keyword and arg.keyword == "url"):
                url_node = arg.value
            if arg.keyword and arg.keyword in ("json", "data"):
                payload = self._dict_keys(arg.value)
        url = self.string_value(url_node) or ""
        for label, pattern in V.VOICE_ENDPOINTS:
            if pattern.search(url):
                return f"POST {label}{V.VOICE_ENDPOINT_SUFFIX}"
        for label, pattern in V.MODEL_ENDPOINTS:
            if pattern.search(url):
                return f"POST {label} endpoint"
        if V.OLLAMA_PATHS.search(url) and (V.OLLAMA_HINT.search(url) or "model" in payload):
            return "POST ollama endpoint"
        if V.CHAT_PAYLOAD_KEYS <= payload:  # the URL is another module's constant, or the environment's
            return "POST of a chat request (model and messages)"
        return ""

    def _voice_call(self, node: ast.Call, api: str) -> None:
        """A POST to a voice-agent platform: a call (or the agent of calls) a model speaks in
        with a person. Its first message is what that person hears first; its system messages
        and prompt keys are the model's instructions."""
        self._surface(node, api.split()[1], "voice-call", api)
        payload = next((a.value for a in _args(node) if a.keyword in ("json", "data")), None)
        if payload is not None:
            self._voice_body(payload, 0)

    def _voice_body(self, node: ast.expr, depth: int) -> None:
        if depth > _MAX_DEPTH:
            return
        if isinstance(node, (ast.Name, ast.Attribute)):
            values = self.b.assigned.get(_dotted(node)) or []
            if len(values) == 1 and isinstance(values[0], (ast.Dict, ast.List)):
                self._voice_body(values[0], depth + 1)
            return
        if isinstance(node, ast.List):
            for element in node.elts:
                self._voice_body(element, depth + 1)
            return
        if not isinstance(node, ast.Dict):
            return
        pairs = {self.string_value(k): v for k, v in _items(node) if k is not None}
        role = self.string_value(pairs["role"]) if "role" in pairs else None
        for key, value in pairs.items():
            field = V.voice_field(key, role)
            if field == "first":
                self._text(value, self.string_value(value) or PLACEHOLDER, V.VOICE_CHANNEL)
            elif field == "prompt":
                self._prompt(value, self.string_value(value), "system")
            else:
                self._voice_body(value, depth + 1)

    def _dict_keys(self, node: ast.expr) -> FrozenSet[str]:
        """The literal keys of a dict, written here or bound to the name once (the file's only
        call passes it, for a parameter: `post(url, json=payload)` in `def send(payload)`)."""
        if isinstance(node, (ast.Name, ast.Attribute)):
            values = self.b.assigned.get(_dotted(node)) or []
            if not values and isinstance(node, ast.Name):
                values = self.b.arguments_for(node.id)
            node = values[0] if len(values) == 1 else node
        if isinstance(node, ast.Dict):
            return frozenset(key for key in (self.string_value(k) for k, _ in _items(node)) if key)
        return frozenset()

    def _contains_model_answer(self, node: ast.expr) -> bool:
        """Is this value a model call, or read from one (`resp.choices[0].message.content`)?"""
        while True:
            if isinstance(node, ast.Await):
                node = node.value
            elif isinstance(node, ast.Attribute):
                node = node.value
            elif isinstance(node, ast.Subscript):
                node = node.value
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and self._model_call(
                node, self.qualify(node.func)
            ) is None:
                node = node.func.value
            else:
                break
        if isinstance(node, ast.Call):
            return self._model_call(node, self.qualify(node.func)) is not None
        return isinstance(node, ast.Name) and node.id in self.answer_names

    def _model_prompts(self, node: ast.Call, http: bool = False) -> None:
        if http:  # requests.post(url, json={"prompt": ...}): the payload's prompt, not the URL
            payload = next((a.value for a in _args(node) if a.keyword is not None and a.keyword in ("json", "data")), None)
            values = self.b.assigned.get(_dotted(payload)) or [] if isinstance(payload, (ast.Name, ast.Attribute)) else [payload]
            if len(values) == 1 and isinstance(values[0], ast.Dict):
                for key_node, value in _items(values[0]):
                    key = self.string_value(key_node)
                    if key in V.HTTP_PROMPT_KEYS:
                        self._prompt(value, self.string_value(value), "system" if key == "system" else "user")
            return
        for index, arg in enumerate(_args(node)):
            if (arg.keyword is None and index == 0) or (
                arg.keyword is not None and arg.keyword in ("prompt", "input", "contents", "message")
            ):
                self._prompt(arg.value, self.string_value(arg.value), "user")

    def _descriptions(self, node: Optional[ast.expr], depth: int = 0) -> List[str]:
        """The `description` texts of a tool schema (lists and dicts, followed through names)."""
        if node is None or depth > _MAX_DEPTH:
            return []
        if isinstance(node, (ast.Name, ast.Attribute)):
            values = self.b.assigned.get(_dotted(node)) or []
            return self._descriptions(values[0], depth + 1) if len(values) == 1 else []
        out: List[str] = []
        if isinstance(node, (ast.List, ast.Tuple)):
            for element in _elements(node):
                out += self._descriptions(element, depth + 1)
        elif isinstance(node, ast.Dict):
            for key, value in _items(node):
                if self.string_value(key) == "description":
                    text = self.string_value(value)
                    if text:
                        out.append(text)
                else:
                    out += self._descriptions(value, depth + 1)
        return out

    def _prompt_kwargs(self, node: ast.Call, callees: Tuple[str, ...]) -> None:
        for arg in _args(node):
            if arg.keyword is not None and arg.keyword in V.SYSTEM_PROMPT_KWARGS:
                self._prompt(arg.value, self.string_value(arg.value), "system")
        for callee in callees:
            last = callee.rstrip("()").split(".")[-1]
            if not V.sdk_provider(callee):
                continue
            fields = (
                (V.AGENT_PROMPT_KWARGS, "system") if V.AGENT_CLASS.search(last)
                else (V.TASK_PROMPT_KWARGS, "user") if V.TASK_CLASS.search(last) else None
            )
            if fields is not None:
                for arg in _args(node):
                    if arg.keyword in fields[0]:
                        self._prompt(arg.value, self.string_value(arg.value), fields[1])
                return
            role = {"SystemMessage": "system", "HumanMessage": "user", "from_template": "unknown"}.get(last)
            if "SystemMessagePromptTemplate" in callee:
                role = "system"
            if role and _args(node):
                first = next((a for a in _args(node) if a.keyword is None or a.keyword in ("content", "template")), None)
                if first is not None:
                    self._prompt(first.value, self.string_value(first.value), role)
            return

    # ---- chat surfaces

    def _surfaces_of_call(self, node: ast.Call, callees: Tuple[str, ...]) -> None:
        self._gradio_question(node, callees)
        button = next((c for c in callees if c in V.QA_BUTTONS), None)
        if button is not None and not self._qa_button:
            self._qa_button = "st." + button.split(".")[-1]
        if any(c in V.QA_BOXES for c in callees):
            kind = _argument(node, 99, "type")
            if kind is None or self.string_value(kind) != "password":
                self._qa_boxes.append(node)
        for callee in callees:
            if V.HTTP_POST_CALLEES.match(callee) and (self._platform_send(node, callee) or self._twilio_send(node, callee)):
                return
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

    def _platform_send(self, node: ast.Call, callee: str) -> bool:
        """`requests.post(f"{API}/bot{token}/sendMessage", json={"chat_id": chat, "text": answer})`:
        a chat platform's send API reached over HTTP is a messaging bot (V.PLATFORM_SEND_ENDPOINTS),
        and the texts its body sends are the bot's replies."""
        url_at = 1 if callee.rsplit(".", 1)[-1] in ("request", "stream") else 0
        if url_at:
            method = self.string_value(_argument(node, 0, "method"))
            if method is None or method.upper() != "POST":
                return False
        url = self.string_value(_argument(node, url_at, "url"))
        if not url:
            return False
        for platform, pattern, replies in V.PLATFORM_SEND_ENDPOINTS:
            match = pattern.search(url)
            if match is None or not (replies or V.TELEGRAM_INBOUND.search(self.lines.source)):
                continue
            self._surface(node, platform, "messaging-bot", f"POST to {platform}'s send API (…{match.group(0)})")
            payload = _argument(node, 99, "json") or _argument(node, 99, "data")
            for value in self._keyed_values(payload, V.PLATFORM_TEXT_KEYS):
                for string_node, text in self._sink_strings(value, "bot reply"):
                    self._text(value if isinstance(value, ast.Name) else string_node, text, "bot reply")
            return True
        return False

    def _twilio_send(self, node: ast.Call, callee: str) -> bool:
        """`requests.post(url, data={"To": to, "From": sender, "Body": reply}, auth=...)`: a message
        posted to Twilio's Messages API over HTTP (V.TWILIO_MESSAGE_KEYS), whatever builds its URL."""
        payload = _argument(node, 99, "data") or _argument(node, 99, "json")
        for _ in range(_MAX_DEPTH):  # a dict bound once to a name
            if not isinstance(payload, ast.Name):
                break
            values = self.b.assigned.get(payload.id) or []
            payload = values[0] if len(values) == 1 else None
        if not isinstance(payload, ast.Dict):
            return False
        pairs = {self.string_value(key): value for key, value in _items(payload) if key is not None}
        url_at = 1 if callee.rsplit(".", 1)[-1] in ("request", "stream") else 0
        url = self.string_value(_argument(node, url_at, "url"))
        if not V.TWILIO_MESSAGE_KEYS <= set(pairs) or (url and not V.TWILIO_API.search(url)):
            return False  # a URL it can read that is not Twilio's: the inbound webhook's form, posted to test the app
        self.pending.append(("library", node, (V.TWILIO_REST_SEND, ())))
        self.twilio_rest_send = True
        value = pairs["Body"]
        for string_node, text in self._sink_strings(value, "bot reply"):
            self._text(value if isinstance(value, ast.Name) else string_node, text, "bot reply")
        return True

    def _keyed_values(self, node: Optional[ast.expr], keys: FrozenSet[str], depth: int = 0) -> List[ast.expr]:
        """The values a dict literal (or the one a name is bound to once) holds under these keys,
        looking into the dicts and lists it holds."""
        if node is None or depth > _MAX_DEPTH:
            return []
        if isinstance(node, (ast.Name, ast.Attribute)):
            values = self.b.assigned.get(_dotted(node)) or []
            return self._keyed_values(values[0], keys, depth + 1) if len(values) == 1 and values[0] is not node else []
        if isinstance(node, (ast.List, ast.Tuple)):
            return [v for e in _elements(node) for v in self._keyed_values(e, keys, depth + 1)]
        if not isinstance(node, ast.Dict):
            return []
        out: List[ast.expr] = []
        for key, value in _items(node):
            if self.string_value(key) in keys:
                out.append(value)
            elif isinstance(value, (ast.Dict, ast.List, ast.Tuple)):
                out.extend(self._keyed_values(value, keys, depth + 1))
        return out

    def _gradio_question(self, node: ast.Call, callees: Tuple[str, ...]) -> None:
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

    def _gradio_component(self, node: ast.expr, depth: int = 0) -> Tuple[str, Optional[ast.Call]]:
        """What a gradio input or output is ("gradio.Textbox", or a shortcut such as "text"),
        with the call that makes it; a list of one stands for its item."""
        if depth > _MAX_DEPTH:
            return "", None
        if isinstance(node, (ast.List, ast.Tuple)) and len(node.elts) == 1:
            return self._gradio_component(_elements(node)[0], depth + 1)
        if isinstance(node, (ast.Name, ast.Attribute)):
            values = self.b.assigned.get(_dotted(node)) or []
            return self._gradio_component(values[0], depth + 1) if len(values) == 1 else ("", None)
        if isinstance(node, ast.Call):
            name = next((c.replace("()", "") for c in self.qualify(node.func) if c.startswith("gradio.")), "")
            return ("gradio." + name.split(".")[-1] if name else ""), node
        return (self.string_value(node) or "").lower(), None

    def _gradio_box(self, node: ast.expr) -> bool:
        kind, call = self._gradio_component(node)
        if kind not in V.GRADIO_QA_BOXES:
            return False
        lines = _argument(call, 99, "lines") if call is not None else None
        secret = _argument(call, 99, "type") if call is not None else None
        if isinstance(lines, ast.Constant) and type(lines.value) is int and lines.value > 2:
            return False  # a document to process
        return secret is None or self.string_value(secret) != "password"

    def _gradio_answer(self, node: ast.expr) -> bool:
        return self._gradio_component(node)[0] in V.GRADIO_QA_ANSWERS

    def _decorator(self, decorator: _Decorator, fn: _Function) -> None:
        expr = decorator.decorator
        target = expr.func if isinstance(expr, ast.Call) else expr
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

    def _registered_handler(self, node: ast.Call) -> bool:
        """`app.message()(on_message)`: a handler decorator applied as a call, as apps that
        register their listeners from another module do (`def register(app): ...`)."""
        factory = node.func
        assert isinstance(factory, ast.Call)
        handler = next((a.value for a in _args(node) if a.keyword is None and not a.star), None)
        if handler is None or len(_args(node)) != 1 or not _dotted(handler):
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

    def _unresolved_handler(self, decorator: _Decorator, target: ast.expr, fn: _Function) -> bool:
        """`@discordClient.tree.command(...)` on a client made in another module of the app."""
        text = _dotted(target)
        for framework in sorted(self.messaging_frameworks):
            pattern = V.UNRESOLVED_HANDLER_DECORATORS.get(framework)
            event = framework == "discord" and text.endswith(".event") and fn.name == "on_message"
            if event or (pattern is not None and text and pattern.search(text)):
                self._surface(decorator, framework, "messaging-bot", f"@{text} {fn.name}")
                if isinstance(decorator.decorator, ast.Call):
                    # Slash-command descriptions are shown to users in the chat app's UI.
                    self._call_texts(decorator.decorator, "bot command", positional=0, kwargs=frozenset({"description"}))
                return True
        return False

    # ---- user-facing text

    def _texts_of_call(self, node: ast.Call, callees: Tuple[str, ...]) -> None:
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
            elif self.messaging and last in V.MESSAGING_MESSAGES.get(root, ()):
                self._call_texts(node, "bot reply", positional=1, kwargs=frozenset({"text"}))
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

    def _call_texts(self, node: ast.Call, channel: str, positional: int, kwargs: frozenset) -> None:
        index = 0
        for arg in _args(node):
            if arg.keyword is None:
                index += 1
                if index > positional or arg.star:
                    continue
            elif arg.keyword not in kwargs:
                continue
            for string_node, text in self._sink_strings(arg.value, channel):
                self._text(arg.value if isinstance(arg.value, ast.Name) else string_node, text, channel)
            target = self._file_read(arg.value)
            if target:
                self.pending.append(("shown", arg.value, (target,)))

    def _file_read(self, node: ast.expr, depth: int = 0) -> Optional[str]:
        """The path of the file whose text this value is: `open("ui/about.md").read()`."""
        if depth > _MAX_DEPTH:
            return None
        if isinstance(node, (ast.Name, ast.Attribute)):
            values = self.b.assigned.get(_dotted(node))
            if values and len(values) == 1 and values[0] is not node:
                return self._file_read(values[0], depth + 1)
            return None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in V.READS:
            return self._opened_path(node.func.value, depth + 1)
        return None

    def _opened_path(self, node: ast.expr, depth: int) -> Optional[str]:
        if isinstance(node, (ast.Name, ast.Attribute)):
            values = self.b.assigned.get(_dotted(node))
            return self._opened_path(values[0], depth + 1) if values and len(values) == 1 and depth < _MAX_DEPTH else None
        if isinstance(node, ast.Call) and _args(node) and any(c in V.OPENERS for c in self.qualify(node.func)):
            path = self.string_value(_args(node)[0].value)
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

        def loc(node: _Where) -> Location:
            line, column, end_line, end_column = self._span(node)
            return Location(self.path, line, column + 1, end_line, end_column + 1)

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

    # ---- positions

    def _span(self, node: _Where) -> Tuple[int, int, int, int]:
        """(line, column, end line, end column), columns in characters from 0."""
        if isinstance(node, _Decorator):
            _, _, end_line, end_column = self.lines.span(node.decorator)
            return (*self._at_sign(node.decorator), end_line, end_column)
        if isinstance(node, _DefName):
            return self._def_name(node.node)
        if isinstance(node, ast.alias) and not hasattr(node, "lineno"):
            return self._alias_span(node)  # Python 3.9
        return self.lines.span(node)

    def _at_sign(self, expression: ast.expr) -> Tuple[int, int]:
        """Where the `@` of a decorator stands: before its expression, past blanks,
        line continuations and opening brackets (`@ (app.route)`)."""
        line, column, _, _ = self.lines.span(expression)
        at = self.lines.offset(line, column)
        source = self.lines.source
        while at > 0 and source[at - 1] != "@":
            at -= 1
        return self.lines.position(at - 1) if at > 0 else (line, column)

    def _def_name(self, node: Union[ast.FunctionDef, ast.AsyncFunctionDef]) -> Tuple[int, int, int, int]:
        line, column, _, _ = self.lines.span(node)
        found = _DEF_NAME.match(self.lines.source, self.lines.offset(line, column))
        if found is None:  # not met: the whole definition's first line
            return line, column, line, column
        start = self.lines.position(found.start(1))
        return (*start, start[0], start[1] + len(found.group(1)))

    def _alias_span(self, node: ast.alias) -> Tuple[int, int, int, int]:
        """Where an import's alias stands, on a Python (3.9) whose `ast` does not say: the
        first place after its statement's start that reads `name` or `name as other`."""
        if self._imports_of is None:
            found = (s for s in ast.walk(self.module) if isinstance(s, (ast.Import, ast.ImportFrom)))
            self._imports_of = {id(alias): statement for statement in found for alias in statement.names}
        statement = self._imports_of[id(node)]
        line, column, end_line, end_column = self.lines.span(statement)
        start, end = self.lines.offset(line, column), self.lines.offset(end_line, end_column)
        parts = [re.escape(p) for p in node.name.split(".")]
        written = r"\s*\.\s*".join(parts) + (rf"\s+as\s+{re.escape(node.asname)}" if node.asname else "")
        found = re.compile(rf"(?<![\w.]){written}(?!\w)").search(self.lines.source, start + len("import"), end)
        if found is None:
            return line, column, end_line, end_column
        return (*self.lines.position(found.start()), *self.lines.position(found.end()))

    def _decorator_text(self, decorator: _Decorator) -> str:
        text = self.lines.segment(decorator.decorator)
        return "@" + (text if len(text) <= 60 else text[:57] + "...")

    def _on_header_line(self, statement: ast.stmt) -> bool:
        """Does the statement stand on its block's header line (`class A: x = 1`)?"""
        line, column, _, _ = self.lines.span(statement)
        return bool(self.lines.line_text(line)[:column].strip())

    # ---- what other modules may import

    def _module_texts(self) -> None:
        """The texts this module binds at its top level, under the names other modules use:
        constants, class attributes, attributes of objects made from this module's classes,
        what functions return, and (in a package's `__init__.py`) names it imports."""
        classes: Dict[str, List[Tuple[str, ast.expr]]] = {}
        for statement in self.module.body:
            if isinstance(statement, ast.ClassDef):
                classes[statement.name] = self._class_texts(statement)
        for statement in self.module.body:
            if isinstance(statement, ast.ClassDef):
                for attribute, value in classes[statement.name]:
                    self._export(f"{statement.name}.{attribute}", value)
            elif isinstance(statement, _DEFS):
                fn = self.functions.get(statement.name)
                if fn is not None and fn.node is statement and len(fn.returns) == 1:
                    self._export(f"{fn.name}()", fn.returns[0])
            else:
                self._exported_statement(statement, classes)

    def _exported_statement(self, small: ast.stmt, classes: Dict[str, List[Tuple[str, ast.expr]]]) -> None:
        if isinstance(small, (ast.Assign, ast.AnnAssign)) and small.value is not None:
            targets = small.targets if isinstance(small, ast.Assign) else [small.target]
            for target in targets:
                name = _dotted(target)
                if not name or len(self.b.assigned.get(name) or []) != 1:
                    continue  # bound twice: its value is unknown
                made = small.value.func if isinstance(small.value, ast.Call) else None
                if isinstance(made, ast.Name) and made.id in classes:
                    for attribute, value in classes[made.id]:  # texts = Texts()
                        self._export(f"{name}.{attribute}", value)
                else:
                    self._export(name, small.value)
        elif isinstance(small, ast.ImportFrom) and self.path.endswith("__init__.py") and small.names[0].name != "*":
            for alias in small.names:  # a package re-exports what its modules define
                local = alias.asname or alias.name
                origin = self.b.relative.get(local) or self.b.imports.get(local)
                if origin and not V.sdk_provider(origin):
                    self.pending.append(("module-text", alias, (local, f"{REFERENCE_OPEN}{origin}{REFERENCE_CLOSE}")))

    def _class_texts(self, node: ast.ClassDef) -> List[Tuple[str, ast.expr]]:
        """A class's attributes bound once, in its body or as `self.x = ...` in its methods."""
        found: Dict[str, List[ast.expr]] = {}
        # A body written on the class's own line (`class A: x = 1`) holds no texts.
        body = node.body if not self._on_header_line(node.body[0]) else []
        for small in body:
            if isinstance(small, ast.Assign) and len(small.targets) == 1 and isinstance(small.targets[0], ast.Name):
                found.setdefault(small.targets[0].id, []).append(small.value)
            elif isinstance(small, ast.AnnAssign) and small.value is not None and isinstance(small.target, ast.Name):
                found.setdefault(small.target.id, []).append(small.value)
        for name, values in self.b.self_assigned.get(node.name, {}).items():
            found.setdefault(name, []).extend(values)
        return [(name, values[0]) for name, values in found.items() if len(values) == 1]

    def _export(self, name: str, value: ast.expr) -> None:
        text = text_with_references(self, value)
        if exportable(text, PLACEHOLDER):
            self.pending.append(("module-text", value, (name, text)))

    def _page_texts(self, node: ast.AST, html: Optional[str]) -> bool:
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
        """The call graph's steps other modules need: functions that reach a model or call out,
        and the methods of the module's classes, as `Class.method` (`Helper().reply(q)` in
        another module calls `Helper.reply`)."""
        defined = [(statement, statement.name) for statement in self.module.body if isinstance(statement, _DEFS)]
        for cls in (s for s in self.module.body if isinstance(s, ast.ClassDef)):
            defined += [(m, f"{cls.name}.{m.name}") for m in cls.body if isinstance(m, _DEFS) and not m.name.startswith("__")]
        for statement, exported in defined:
            fn = self.functions.get(statement.name)
            if fn is None or fn.node is not statement:
                continue  # another definition holds the name: what it calls cannot be told apart
            if fn.name in reach or imported[fn.name]:
                calls = tuple(sorted(imported[fn.name]))[:_MAX_CALLS]
                parsed = fn.name in reach and answers_parsed(self.functions, fn.name)
                returned = fn.name in reach and any(self._from_answer(r) for r in fn.returns)
                self.pending.append(("function", _DefName(statement), (exported, fn.name in reach, calls, parsed, returned)))

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
            parameters = [p for p in fn.node.args.args if p.arg not in ("self", "request") or p.annotation is not None]
            if not fn.reads_request and not parameters:
                continue
            sent = fn.request_parts - V.REQUEST_CIRCUMSTANCES
            if not parameters and sent and sent <= V.REQUEST_UPLOADS:
                continue  # sent uploaded files only (a CV to assess): a document processed, no message
            decorator, framework = fn.routes[0]
            if self._form_of_a_text_to_process(fn, decorator, parameters, sent):
                continue
            detail = f"{self._decorator_text(decorator)} {fn.name}"
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

    def _form_of_a_text_to_process(self, fn: "_Function", decorator: ast.AST, parameters: List[ast.arg], sent: Set[str]) -> bool:
        """A route a form posts a text to (FastAPI `Form(...)` fields, or Flask's `request.form`
        read by its fields' names), whose path, name and fields ask nothing in words (a
        contract to summarise at `/analyze/`, not a question at `/ask`): a text processed, as
        a gradio box for a text to process is, no conversation. Fields it cannot name keep it
        a chat endpoint, and so does a messaging library (Twilio posts a message's `Body` as a
        form, and its REST API takes the reply just as well)."""
        if self.messaging_frameworks or self.twilio_rest_send:
            return False
        if parameters:
            if sent or not all(self._form_parameter(fn.node, p) for p in parameters):
                return False
            fields = [p.arg for p in parameters]
        else:
            if not sent or not sent <= {"form"} | V.REQUEST_UPLOADS:
                return False
            found = _form_fields(fn.node)
            if not found:
                return False
            fields = found
        path = _argument(decorator, 0, "path") if isinstance(decorator, ast.Call) else None
        said = [self.string_value(path) or "" if path is not None else "", fn.name] + fields
        return not any("?" in t or set(re.split(r"[^a-z]+", t.lower())) & V.QA_WORDS for t in said)

    def _form_parameter(self, node: ast.FunctionDef, parameter: ast.arg) -> bool:
        """A FastAPI parameter a form fills: `text: str = Form(...)`, or an uploaded file."""
        args = node.args
        defaults = dict(zip([a.arg for a in args.args][len(args.args) - len(args.defaults) :], args.defaults))
        defaults.update({a.arg: d for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None})
        default = defaults.get(parameter.arg)
        names = self.qualify(default.func) if isinstance(default, ast.Call) else ()
        if parameter.annotation is not None:
            names += self.qualify(parameter.annotation)
        return any(n.split(".")[0] in ("fastapi", "starlette") and n.split(".")[-1] in ("Form", "File", "UploadFile") for n in names)

    def _qa_form(self, imported: Dict[str, Set[str]]) -> None:
        """A question box and a button on a page that asks a model: users converse with it,
        one question at a time, as in a chat box. When the page asks no model itself but
        calls functions of other modules, flow.py decides whether one of them reaches one."""
        forms: List[Tuple[ast.Call, str, str]] = [(node, "gradio", detail) for node, detail in self._gradio_qa]
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


def _counts(node: ast.expr) -> bool:
    """`len(answer)`, `response.usage.total_tokens`: a count, not what the model answered."""
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Subscript):
            node = node.value
        elif isinstance(node, (ast.Attribute, ast.Name)):
            name = node.attr if isinstance(node, ast.Attribute) else node.id
            if name in _COUNTS or name.endswith(("tokens", "count")):
                return True
            if isinstance(node, ast.Name):
                return False
            node = node.value
        else:
            return False


def _number(node: ast.expr, lines: _Lines) -> Optional[str]:
    """The number a literal writes (`7`, `0.5`, `-1`), as it is written, or None."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _number(node.operand, lines)
        return f"-{inner}" if inner is not None else None
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return lines.segment(node)
    return None


def _form_fields(function: ast.AST) -> List[str]:
    """The names of the fields a Flask view reads of `request.form` (`request.form["text"]`,
    `request.form.get("text")`); none when it reads the form otherwise (`to_dict()`, the
    whole form passed on), since then what it is sent is not known."""
    parents = {child: node for node in ast.walk(function) for child in ast.iter_child_nodes(node)}
    fields: List[str] = []
    for node in ast.walk(function):
        if not (isinstance(node, ast.Attribute) and node.attr == "form" and isinstance(node.value, ast.Name) and node.value.id == "request"):
            continue
        parent = parents.get(node)
        key: Optional[ast.expr] = None
        if isinstance(parent, ast.Subscript) and parent.value is node:
            key = parent.slice if not isinstance(parent.slice, ast.Index) else parent.slice.value  # type: ignore[attr-defined]
        elif isinstance(parent, ast.Attribute) and parent.attr in ("get", "getlist"):
            call = parents.get(parent)
            if isinstance(call, ast.Call) and call.func is parent and call.args:
                key = call.args[0]
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            return []
        fields.append(key.value)
    return fields


def _argument(node: ast.Call, position: int, keyword: str) -> Optional[ast.expr]:
    """The argument of a call at this position or by this keyword."""
    for arg in _args(node):
        if arg.keyword is not None and arg.keyword == keyword:
            return arg.value
    plain = [a.value for a in _args(node) if a.keyword is None and not a.star]
    return plain[position] if len(plain) > position else None


def _arguments(node: ast.Call, positional: int, kwargs: frozenset) -> List[ast.expr]:
    """The first `positional` positional arguments of a call and those of these keywords."""
    plain = [a.value for a in _args(node) if a.keyword is None and not a.star][:positional]
    return plain + [a.value for a in _args(node) if a.keyword is not None and a.keyword in kwargs]


class _Arg(NamedTuple):
    """One argument of a call, as the code writes it."""

    keyword: Optional[str]  # None for a positional argument, `*args` and `**kwargs`
    star: str  # "", "*" or "**"
    value: ast.expr  # for `*args`, `args`


def _args(node: ast.Call) -> List[_Arg]:
    """A call's arguments in the order they are written: `ast` keeps the positional ones
    (with `*args`) apart from the keywords (with `**kwargs`)."""
    out = [_Arg(None, "*", a.value) if isinstance(a, ast.Starred) else _Arg(None, "", a) for a in node.args]
    if node.keywords:
        keywords = [_Arg(k.arg, "" if k.arg is not None else "**", k.value) for k in node.keywords]
        if out and (node.keywords[0].lineno, node.keywords[0].col_offset) < (node.args[-1].lineno, node.args[-1].col_offset):
            # f(a, key=1, *rest): in the order they stand.
            where = {id(a.value): (a.value.lineno, a.value.col_offset) for a in out + keywords}
            return sorted(out + keywords, key=lambda a: where[id(a.value)])
        out += keywords
    return out


def _elements(node: Union[ast.List, ast.Tuple, ast.Set]) -> List[ast.expr]:
    """The items of a list, tuple or set; for `*rest`, `rest`."""
    return [e.value if isinstance(e, ast.Starred) else e for e in node.elts]


def _items(node: ast.Dict) -> List[Tuple[ast.expr, ast.expr]]:
    """The (key, value) pairs a dict literal writes out (`**other` left out)."""
    return [(key, value) for key, value in zip(node.keys, node.values) if key is not None]


@dataclass(frozen=True)
class _Decorator:
    """A decorator, reported from its `@` (`ast` keeps only the expression after it)."""

    decorator: ast.expr


@dataclass(frozen=True)
class _DefName:
    """The name of a function definition (`ast` gives it no position of its own)."""

    node: Union[ast.FunctionDef, ast.AsyncFunctionDef]


# What a fact stands on: a node, or one of the places `ast` keeps no node for.
_Where = Union[ast.AST, _Decorator, _DefName]


def _short_api(callee: str) -> str:
    """`openai.OpenAI().chat.completions.create` -> `OpenAI().chat.completions.create`."""
    parts = callee.split(".")
    for i, part in enumerate(parts):
        if part.endswith("()") and i > 0:
            return ".".join(parts[i:])
    return callee

