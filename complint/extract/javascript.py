"""JavaScript/TypeScript extractor: turns one JS, JSX, TS or TSX file into facts, using tree-sitter.

tree-sitter and its grammars are imported when the first JS/TS file is parsed, and each
parser is made once per process. One cursor walk collects the nodes that matter; names are
then resolved by hand, as in the Python extractor (imports, `require`, clients kept in
variables, `this.x` and class fields, factory functions, string constants), with scopes
flattened per file.

Decisions:
- A cursor walk, not tree-sitter Queries. On 447 files of two Next.js chat apps (1.5 MB,
  parsed in 170 ms), extraction after parsing took 326 ms of CPU with the walk and 323 ms
  with one query capturing the same nodes for the same handlers, but the query costs 20 ms
  to compile in every process and its API changed between tree-sitter 0.23 (the last
  release for Python 3.9) and 0.25; the walk knows the enclosing function for free.
- Syntax errors: tree-sitter always returns a tree, so what the valid parts say stands and
  no problem is reported. Only a file of which nothing could be read and most of which does
  not parse (not JavaScript at all) is reported, as "syntax error: ...".
- Minified bundles are recognised from their name or their first 64 KB, before parsing.
- A relative URL (`fetch("/api/chat")`) reaches the app's own backend: never a model call.
  A component that posts there is a chat UI only if it also renders a text input.
- Names imported from the app's own modules (a relative or `@/` specifier) are written as
  references (`⟦./prompts#SYSTEM_PROMPT⟧`) where they reach a prompt or a text users see,
  and a module records the texts it exports (`ModuleText`): flow.py puts them together.
"""

from __future__ import annotations

import html
import os
import re
import textwrap
import threading
from dataclasses import dataclass, field
from typing import Any, Dict, FrozenSet, Iterator, List, Optional, Set, Tuple

from ..facts import (
    AnswerCheck,
    REFERENCE_CLOSE,
    REFERENCE_OPEN,
    ModuleFunction,
    ModuleText,
    RouteToModules,
    TextFromModules,
    PAGE_DESCRIPTION_CHANNEL,
    ChatSurface,
    FileFacts,
    FileProblem,
    LibraryCall,
    Location,
    ModelCall,
    ModelImport,
    Prompt,
    UserFacingText,
)
from ..patterns import compile as compile_pattern
from . import vocabulary as V
from .callgraph import reaching_model
from .exports import exportable, template_of, text_with_references
from .nesting import nesting_problem
from .rebinding import MAX_VALUES, JsFlow

_MIN_PROMPT_WORDS = 5  # a prompt-like key's text shorter than this is a label (extract/python.py's)

# A file containing none of these (matched case-sensitively, so every case that matters is
# listed) yields no fact, and `imports` lists no SDK, bot or web framework. JSX needs "</" or
# "/>"; SDKs, bots and frameworks are named in imports; model endpoints, prompts and role
# messages have words of their own. Assumed: no word is split across string pieces.
PREFILTER_WORDS: Tuple[str, ...] = (
    # JSX elements: text, props, text inputs, chat UI kits
    "</", "/>",
    # model SDK imports ("ai" as a quoted specifier), and the web frameworks `imports` lists
    '"ai"', "'ai'", "`ai`", '"ai/', "'ai/", "`ai/", "@ai-sdk", "openai", "anthropic", "langchain",
    "@google/gen", "cohere", "mistral", "groq", "ollama", "huggingface", "replicate", "empsing",
    "express", "hono", "fastify", "koa", "elysia", "restify",
    # unresolved SDK-shaped calls and model endpoints
    "completions", "messages", "/v1/", "generativelanguage", "openrouter", "11434",
    "/api/chat", "/api/generate",
    # bots and their replies
    "discord", "telegraf", "grammy", "telegram", "@slack/", "twilio", "whatsapp", "tmi.js", "@line/",
    # chat platforms' send APIs over HTTP (V.PLATFORM_SEND_ENDPOINTS; Graph's end in "messages")
    "api.line.me", "/send", "/editMessageText",
    # Twilio's Messages API over HTTP (V.TWILIO_MESSAGE_KEYS)
    "Body",
    # prompts and role messages
    "role", "system", "System", "SYSTEM", "rompt", "ROMPT", "nstruction", "NSTRUCTION",
    "ersona", "ERSONA", "reamble", "REAMBLE",
    # notifications and page metadata
    "alert", "toast", "metadata",
)

PLACEHOLDER = "{…}"
_MAX_DEPTH = 8
_MAX_CHOICES = 50  # literals tried per interpolated value of a prompt, as in the Python extractor
_MAX_CHOICE_CHARS = 2000
# Tests code may make of a model's answer: comparisons, string tests, thresholds on a number.
_COMPARISONS = frozenset({"===", "==", "!==", "!=", "<", "<=", ">", ">="})
_STRING_TESTS = frozenset({"includes", "startsWith", "endsWith"})
_THRESHOLDS = frozenset({"<", "<=", ">", ">="})
# Numbers about an answer that are not its content: its length, the tokens it cost, a status.
_COUNTS = frozenset({"length", "usage", "status", "elapsed", "latency"})


def _counts(text: str) -> bool:
    """`answer.length`, `usage.total_tokens`: a count, not what the model answered."""
    return any(w in _COUNTS or w.lower().endswith(("tokens", "count")) for w in re.findall(r"\w+", text))
# React's state hooks (and Vue's ref): their argument is the value a component starts with.
_STATE_HOOKS = frozenset({"useState", "React.useState", "ref", "useRef"})
# Resolving a name costs a hop and a hop counts _HOP steps: method chains of builders and
# langchain pipes run long, name-to-value hops must stay few.
_HOP = 8
_MAX_STEPS = 8 * _HOP
_HEAD_CHARS = 64 * 1024

_GRAMMARS = {".ts": "typescript", ".mts": "typescript", ".cts": "typescript", ".tsx": "tsx"}


def extract_javascript(source: str, path: str) -> FileFacts:
    """Facts of one JS/TS file; tree-sitter reads every file, so problems are rare."""
    grammar = _GRAMMARS.get(os.path.splitext(path)[1].lower(), "javascript")
    language = "javascript" if grammar == "javascript" else "typescript"
    if not source.strip():
        return FileFacts(path=path, language=language)
    reason = minified_reason(source, path)
    if reason:
        problem = FileProblem(path, f"skipped: minified bundle ({reason})")
        return FileFacts(path=path, language=language, problems=(problem,))
    too_deep = nesting_problem(source, "javascript")
    if too_deep:
        return FileFacts(path=path, language=language, problems=(FileProblem(path, too_deep),))
    try:
        parser = _parser(grammar)
    except _Unavailable as exc:
        return FileFacts(path=path, language=language, problems=(FileProblem(path, str(exc)),))
    data = source.encode("utf-8", "replace")
    with _parse_lock:  # a Parser is not safe to share between threads
        tree = parser.parse(data)
    return _Extraction(data, source.isascii(), path, language).run(tree.root_node)


_MINIFIED_NAME = compile_pattern(r"[.-]min\.[cm]?js$", re.IGNORECASE)


def minified_reason(source: str, path: str) -> str:
    """Why this file looks like a minified bundle, or "" if it does not. Reads 64 KB at most."""
    if _MINIFIED_NAME.search(path):
        return "named *.min.js"
    head = source[:_HEAD_CHARS]
    lines = head.split("\n")
    average = len(head) / len(lines)
    if average > 500:
        return f"lines average {average:,.0f} characters"
    longest = max(len(line) for line in lines)
    # One long line of inline data in a normal file is not enough: most of the text must be long lines.
    if longest > 5000 and sum(len(line) for line in lines if len(line) > 1000) * 2 > len(head):
        return f"a line of {longest:,} characters"
    return ""


# --------------------------------------------------------------------------- parsers


class _Unavailable(Exception):
    """tree-sitter or a grammar cannot be loaded; the message says what to install."""


_parsers: Dict[str, Any] = {}
_unavailable: Dict[str, str] = {}
_parse_lock = threading.Lock()


def _parser(grammar: str) -> Any:
    if grammar in _unavailable:
        raise _Unavailable(_unavailable[grammar])
    parser = _parsers.get(grammar)
    if parser is None:
        try:
            parser = _parsers[grammar] = _make_parser(grammar)
        except _Unavailable as exc:
            _unavailable[grammar] = str(exc)
            raise
    return parser


def _make_parser(grammar: str) -> Any:
    try:
        import tree_sitter

        if grammar == "javascript":
            import tree_sitter_javascript as grammars

            pointer = grammars.language()
        else:
            import tree_sitter_typescript as grammars

            pointer = grammars.language_tsx() if grammar == "tsx" else grammars.language_typescript()
        return tree_sitter.Parser(tree_sitter.Language(pointer))
    except ImportError as exc:
        raise _Unavailable(
            f"cannot parse: {exc.name or 'tree-sitter'} is not installed "
            "(pip install tree-sitter tree-sitter-javascript tree-sitter-typescript)"
        ) from None
    except (ValueError, TypeError) as exc:
        raise _Unavailable(
            f"cannot parse: tree-sitter cannot load the {grammar} grammar ({exc}); upgrade tree-sitter"
        ) from None


# --------------------------------------------------------------------------- the walk

_FUNCTIONS = frozenset(
    {
        "function_declaration", "generator_function_declaration", "function_expression",
        "generator_function", "arrow_function", "method_definition",
    }
)
# Subtrees that hold nothing the walk needs (strings are read on demand).
_NO_DESCENT = frozenset(
    {
        "comment", "string", "regex", "number", "import_statement", "type_annotation", "type_arguments",
        "type_parameters", "interface_declaration", "type_alias_declaration", "jsx_text",
        "html_character_reference",
    }
)
_WRAPPERS = frozenset({"parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression"})

# JSX: props whose string value users see, on any element / on components only.
_TEXT_PROPS = frozenset(
    {
        "title", "placeholder", "alt", "aria-label", "aria-description", "aria-placeholder", "label",
        "description", "caption", "subtitle", "heading", "header", "footer", "helperText", "hint",
        "tooltip", "message", "text", "notice", "disclaimer", "greeting", "welcomeMessage",
        "emptyMessage", "emptyText", "buttonText", "submitText", "summary", "tagline",
    }
)
_COMPONENT_TEXT_PROPS = frozenset({"content", "children", "initialMessage", "welcome", "intro", "headline"})
_OBJECT_TEXT_PROPS = frozenset({"labels"})  # CopilotKit and others: labels={{ title, initial }}
# Inline elements flow into their parent's text: "You are chatting with <b>an AI</b>" is one text.
_INLINE_TAGS = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark",
        "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "del",
        "ins", "Link",
    }
)
_DEDENT_TAGS = compile_pattern(r"(^|\.)(dedent|outdent|stripIndent)$")
_SILENT_TAGS = frozenset({"script", "style"})
_TEXT_AREAS = compile_pattern(r"(^textarea$|(Textarea|TextArea|TextField|ChatInput|PromptInput|MessageInput|Composer)$)")
_TEXT_INPUTS = compile_pattern(r"(^|\.)(input|Input)$")
_NOTIFY_CALLEES = compile_pattern(r"^((window\.)?alert|toast(\.\w+)?)$")
_TOAST_METHODS = frozenset({"alert", "toast", "success", "error", "info", "warning", "message", "loading"})
_HTTP_CALLEES = compile_pattern("|".join(p.pattern for p in (V.JS_FETCH_CALLEES, V.JS_POST_CALLEES, V.JS_CONFIG_CALLEES)))
_LOG_CALLEES = compile_pattern(r"^(console|logger|log|logging)\.|\.(debug|trace)$|Error$")
_RESPONSE_METHODS = frozenset({"json", "send", "text", "end", "write"})
_BOT_TEXT_KEYS = V.MESSAGING_TEXT_KWARGS | {"embeds", "blocks", "elements", "fields"}
_CONTENT_KEYS = frozenset({"text", "content"})

_NEXT_APP_ROUTE = compile_pattern(r"(?:^|/)app(/.*)?/route\.[cm]?[jt]sx?$")
_NEXT_PAGES_API = compile_pattern(r"(?:^|/)pages(/api(?:/.*?)?)(?:/index)?\.[cm]?[jt]sx?$")
_SVELTEKIT_SERVER = compile_pattern(r"(?:^|/)routes(/.*)?/\+server\.[cm]?[jt]s$")


@dataclass(frozen=True)
class _Member:
    """`name` read from a value: `const { OpenAI } = require("openai")`."""

    base: Any
    name: str


@dataclass(eq=False)
class _Fn:
    node: Any
    name: str
    parent: Optional["_Fn"]
    params: int
    model_calls: int = 0
    calls: Set[str] = field(default_factory=set)
    returns: List[Any] = field(default_factory=list)
    call_nodes: List[Any] = field(default_factory=list)
    parses_answer: bool = False  # (callgraph.CallingFunction)
    chat_requests: int = 0  # POSTs to the app's own chat API (`fetch("/api/chat", ...)`)

    def chain(self) -> Iterator["_Fn"]:
        fn: Optional[_Fn] = self
        while fn is not None:
            yield fn
            fn = fn.parent


class _Extraction:
    def __init__(self, src: bytes, ascii_only: bool, path: str, language: str) -> None:
        self.src = src
        self.ascii_only = ascii_only
        self.path = path
        self.language = language
        self.imports: Dict[str, str] = {}  # local name -> resolved name ("openai", "ai.generateText")
        # Names imported from the app's own modules: local name -> (specifier, exported name,
        # "default" or "*" for the whole module), for flow.py to look up there.
        self.local_imports: Dict[str, Tuple[str, str]] = {}
        self._references = False  # while set, such a name reads as a reference (flow.py)
        self._from_modules: Set[Tuple[int, str]] = set()
        self.import_sites: List[Tuple[Any, str]] = []  # (node, specifier)
        self.modules: Set[str] = set()
        self.assigned: Dict[str, List[Any]] = {}
        self.fn_by_node: Dict[int, _Fn] = {}
        self.fn_by_name: Dict[str, _Fn] = {}
        self.calls: List[Tuple[Any, Optional[_Fn]]] = []
        self.news: List[Tuple[Any, Optional[_Fn]]] = []
        self.declarators: List[Any] = []
        self.assignments: List[Any] = []
        self.classes: Dict[str, Optional[Any]] = {}  # class declarations by name (None: declared twice)
        self.jsx: List[Any] = []
        self.objects: List[Any] = []
        self.arrays: List[Any] = []
        self.templates: List[Any] = []
        self._chain_links: Set[int] = set()  # `+` expressions inside a chain of `+`
        self.exports: List[Any] = []
        self.error_bytes = 0
        self._error_end = -1
        self.first_error: Optional[Any] = None
        self.has_sdk = self.langchain = self.messaging = self.prompt_context = False
        self._payloads: Dict[int, Optional[Any]] = {}  # what each HTTP request found sends
        self.web = ""
        self._qualified: Dict[int, Tuple[str, ...]] = {}
        self._resolving: Set[int] = set()
        self._model_memo: Dict[int, Optional[Tuple[str, str]]] = {}
        self._module_memo: Dict[str, str] = {}
        self._provider_memo: Dict[str, Optional[str]] = {}
        self.pending: List[Tuple[str, Any, tuple]] = []
        self._seen_texts: Set[Tuple[int, str]] = set()
        self._rebound: Dict[Tuple[int, bool], Optional[Tuple[str, ...]]] = {}
        self._rebinding: Set[int] = set()
        self._fills: Dict[int, str] = {}  # expression -> the literal it stands for, while making variants
        self.answer_names: Set[str] = set()
        self.model_call_count = 0
        self.chat_hook = False
        self.text_entry: Optional[Tuple[Any, str]] = None
        self.chat_requests: List[str] = []
        self.first_model_api = ""
        self.routes: List[Tuple[Any, str, str, List[_Fn]]] = []  # (node, framework, detail, handlers)
        self.comparisons: List[Any] = []  # `a === b`, `score >= 7`: tests code may make of an answer
        self._answer_memo: Dict[int, bool] = {}
        self._handlers = {
            "import_statement": self._on_import,
            "export_statement": self._on_export,
            "call_expression": self._on_call,
            "new_expression": self._on_new,
            "class_declaration": self._on_class,
            "variable_declarator": self._on_declarator,
            "assignment_expression": self._on_assignment,
            "augmented_assignment_expression": self._on_assignment,
            "public_field_definition": self._on_field,
            "field_definition": self._on_field,
            "return_statement": self._on_return,
            "jsx_element": self._on_jsx,
            "jsx_self_closing_element": self._on_jsx,
            "object": self._on_object,
            "array": self._on_array,
            "template_string": self._on_template,
            "binary_expression": self._on_binary,
            "ERROR": self._on_error,
        }
        for kind in _FUNCTIONS:
            self._handlers[kind] = self._function

    # ---- small readers

    def text(self, node: Any) -> str:
        return self.src[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def _args(self, call: Any) -> List[Any]:
        args = call.child_by_field_name("arguments")
        if args is None or args.type != "arguments":
            return []
        return [a for a in args.named_children if a.type != "comment"]

    def _key(self, node: Any) -> Optional[str]:
        if node.type in ("property_identifier", "identifier", "shorthand_property_identifier", "number"):
            return self.text(node)
        if node.type == "string":
            return _unescape(self.text(node)[1:-1])
        return None

    def _pairs(self, obj: Any) -> Dict[str, Any]:
        """key -> value node of an object literal (shorthand `{ content }` maps to the name)."""
        out: Dict[str, Any] = {}
        for child in obj.named_children:
            if child.type == "pair":
                key_node = child.child_by_field_name("key")
                key = self._key(key_node) if key_node is not None else None
                value = child.child_by_field_name("value")
                if key is not None and value is not None:
                    out.setdefault(key, value)
            elif child.type == "shorthand_property_identifier":
                out.setdefault(self.text(child), child)
            elif child.type == "method_definition":  # { async execute(message) { ... } }
                name = child.child_by_field_name("name")
                if name is not None:
                    out.setdefault(self.text(name), child)
        return out

    def _single_value(self, name: Any) -> Optional[Any]:
        """The one value a name is ever given (a constant), or None."""
        values = self.assigned.get(self.text(name))
        if values and len(values) == 1 and not isinstance(values[0], _Member):
            return values[0]
        return None

    def _object(self, node: Optional[Any], depth: int = 0) -> Optional[Any]:
        """The object literal a value is, directly or through a constant."""
        while node is not None and node.type in _WRAPPERS:
            node = node.named_children[0] if node.named_children else None
        if node is None or depth > _MAX_DEPTH:
            return None
        if node.type == "object":
            return node
        if node.type in ("identifier", "shorthand_property_identifier"):
            value = self._single_value(node)
            return self._object(value, depth + 1) if value is not None else None
        return None

    # ---- the walk

    def run(self, root: Any) -> FileFacts:
        self._walk(root)
        self.has_sdk = any(self.provider_of(m) for m in self.modules)
        self.langchain = any(self.provider_of(m) == "langchain" for m in self.modules)
        self.messaging = any(m in V.JS_MESSAGING_MODULES for m in self.modules)
        self.web = next((V.JS_WEB_FRAMEWORKS[m] for m in sorted(self.modules) if m in V.JS_WEB_FRAMEWORKS), "")
        for node, fn in self.calls:
            self._process_call(node, fn)
        for node, _ in self.news:
            self._process_new(node)
        self.prompt_context = self.has_sdk or self.model_call_count > 0
        self._process_bindings()
        for obj in self.objects:
            self._process_object(obj)
        if self.prompt_context:
            for array in self.arrays:
                self._process_array(array)
        for element in self.jsx:
            self._process_jsx(element)
        if self.model_call_count or self.answer_names:
            for node in self.templates:
                self._process_template(node)
        self._derive_surfaces()
        self._module_texts()
        if self.model_call_count:
            self._answer_checks()
        return self._facts(root)

    # ---- code acting on the model's answer

    def _answer_checks(self) -> None:
        """`if (answer.includes("REJECT"))`, `verdict === "NO"`: tests of the model's answer
        against literal text; `if (score >= 7)`: a number it answered against a threshold."""
        tests: List[Tuple[Any, List[Any], str]] = []
        for node in self.comparisons:
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is not None and right is not None:
                tests.append((node, [left, right], _operator(node)))
        for node, _ in self.calls:
            func = node.child_by_field_name("function")
            if func is not None and func.type == "member_expression":
                method = self.text(func.child_by_field_name("property") or func)
                receiver = func.child_by_field_name("object")
                if method in _STRING_TESTS and receiver is not None:
                    tests.append((node, [receiver] + self._args(node)[:1], method))
        for node, sides, operator in tests:
            answered = [side for side in sides if self._from_answer(side)]
            if not answered:
                continue
            others = [side for side in sides if side not in answered]
            strings = tuple(t for side in others for _, t in self.strings_in(side) if t.strip())
            if strings:
                self.pending.append(("answer-check", node, (strings, "")))
            elif operator in _THRESHOLDS and len(answered) == 1 and len(others) == 1 and others[0].type == "number":
                if not _counts(self.text(answered[0])):
                    flip = sides[0] is others[0]
                    shown = {">": "<", ">=": "<=", "<": ">", "<=": ">="}[operator] if flip else operator
                    self.pending.append(("answer-check", node, ((), f"{shown} {self.text(others[0])}")))

    def _from_answer(self, node: Any, depth: int = 0) -> bool:
        """Is this value the model's answer, or computed from it (`JSON.parse(text).decision`)?"""
        if node.id in self._answer_memo:
            return self._answer_memo[node.id]
        self._answer_memo[node.id] = False  # a value bound to itself is no answer
        found = depth <= _MAX_DEPTH and self._computed_from_answer(node, depth)
        self._answer_memo[node.id] = found
        return found

    def _computed_from_answer(self, node: Any, depth: int) -> bool:
        if self._contains_model_answer(node):
            return True
        kind = node.type
        if kind in _WRAPPERS or kind == "await_expression":
            return bool(node.named_children) and self._from_answer(node.named_children[0], depth + 1)
        if kind in ("member_expression", "subscript_expression"):
            base = node.child_by_field_name("object")
            return base is not None and self._from_answer(base, depth + 1)
        if kind == "identifier":
            return any(not isinstance(v, _Member) and v.id != node.id and self._from_answer(v, depth + 1) for v in self.assigned.get(self.text(node), ()))
        if kind == "binary_expression":
            return any(self._from_answer(c, depth + 1) for c in (node.child_by_field_name("left"), node.child_by_field_name("right")) if c is not None)
        if kind == "call_expression":
            func = node.child_by_field_name("function")
            if func is not None and func.type == "identifier" and self.text(func) in self.fn_by_name:
                if any(self._from_answer(r, depth + 1) for r in self.fn_by_name[self.text(func)].returns):
                    return True
            if func is not None and func.type == "member_expression":
                base = func.child_by_field_name("object")
                if base is not None and self._from_answer(base, depth + 1):
                    return True
            return any(self._from_answer(a, depth + 1) for a in self._args(node))
        return False

    def _walk(self, root: Any) -> None:
        cursor = root.walk()
        first_child, next_sibling, up = cursor.goto_first_child, cursor.goto_next_sibling, cursor.goto_parent
        handlers = self._handlers
        stack: List[Tuple[int, Optional[_Fn]]] = [(-1, None)]  # (depth, function) of enclosing functions
        top, fn = stack[-1]
        depth = 0
        while True:
            node = cursor.node
            kind = node.type
            if depth <= top:  # left the innermost function
                while stack[-1][0] >= depth:
                    stack.pop()
                top, fn = stack[-1]
            handler = handlers.get(kind)
            if handler is not None:
                inner = handler(node, fn)
                if inner is not None:
                    top, fn = depth, inner
                    stack.append((top, fn))
            if kind not in _NO_DESCENT and first_child():
                depth += 1
                continue
            while not next_sibling():
                if not up():
                    return
                depth -= 1

    def _function(self, node: Any, parent: Optional[_Fn]) -> _Fn:
        params = node.child_by_field_name("parameters")
        if params is not None:
            count = sum(1 for p in params.named_children if p.type != "comment")
        else:
            count = 1 if node.child_by_field_name("parameter") is not None else 0
        fn = _Fn(node, self._function_name(node), parent, count)
        self.fn_by_node[node.id] = fn
        if fn.name:
            self.fn_by_name.setdefault(fn.name, fn)
        body = node.child_by_field_name("body")
        if node.type == "arrow_function" and body is not None and body.type != "statement_block":
            fn.returns.append(body)
        return fn

    def _function_name(self, node: Any) -> str:
        name = node.child_by_field_name("name")
        if name is not None:
            return self.text(name)
        parent = node.parent
        if parent is None:
            return ""
        if parent.type == "variable_declarator":
            target = parent.child_by_field_name("name")
            return self.text(target) if target is not None and target.type == "identifier" else ""
        if parent.type == "pair":
            key = parent.child_by_field_name("key")
            return (self._key(key) or "") if key is not None else ""
        if parent.type in ("assignment_expression", "public_field_definition", "field_definition"):
            target = next((t for t in map(parent.child_by_field_name, ("left", "name", "property")) if t), None)
            return _dotted_text(self, target).split(".")[-1]
        return ""

    # ---- walk handlers: record, resolve later

    def _on_import(self, node: Any, fn: Optional[_Fn]) -> None:
        source = node.child_by_field_name("source")
        if source is None or source.type != "string":
            return
        module = _unescape(self.text(source)[1:-1])
        self._import_site(node, module)
        clause = next((c for c in node.named_children if c.type == "import_clause"), None)
        if clause is None:
            return
        local = _is_local(module)
        for child in clause.named_children:
            if child.type == "identifier":  # default import: the module's default export
                self.imports[self.text(child)] = module
                if local:
                    self.local_imports[self.text(child)] = (module, "default")
            elif child.type == "namespace_import":
                for name in child.named_children:
                    if name.type == "identifier":
                        self.imports[self.text(name)] = module
                        if local:
                            self.local_imports[self.text(name)] = (module, "*")
            elif child.type == "named_imports":
                for spec in child.named_children:
                    if spec.type != "import_specifier":
                        continue
                    name = spec.child_by_field_name("name")
                    alias = spec.child_by_field_name("alias")
                    if name is not None:
                        exported = self._key(name) or self.text(name)
                        self.imports[self.text(alias or name)] = _join(module, exported)
                        if local:
                            self.local_imports[self.text(alias or name)] = (module, exported)

    def _import_site(self, node: Any, module: str) -> None:
        if module:
            self.import_sites.append((node, module))
            self.modules.add(module)

    def _on_export(self, node: Any, fn: Optional[_Fn]) -> None:
        source = node.child_by_field_name("source")
        if source is not None and source.type == "string":  # export ... from "module"
            self._import_site(node, _unescape(self.text(source)[1:-1]))
        elif fn is None:
            self.exports.append(node)

    def _on_call(self, node: Any, fn: Optional[_Fn]) -> None:
        self.calls.append((node, fn))
        func = node.child_by_field_name("function")
        if func is None:
            return
        if func.type == "import" or (func.type == "identifier" and self.text(func) == "require"):
            args = self._args(node)
            if args and args[0].type == "string":
                self._import_site(node, _unescape(self.text(args[0])[1:-1]))
        if fn is None:
            return
        name = ""
        if func.type == "identifier":
            name = self.text(func)
        elif func.type == "member_expression":
            obj = func.child_by_field_name("object")
            prop = func.child_by_field_name("property")
            if obj is not None and obj.type == "this" and prop is not None:
                name = self.text(prop)
        for outer in fn.chain():
            outer.call_nodes.append(node)
            if name:
                outer.calls.add(name)

    def _on_new(self, node: Any, fn: Optional[_Fn]) -> None:
        self.news.append((node, fn))
        if fn is not None:
            for outer in fn.chain():
                outer.call_nodes.append(node)

    def _on_class(self, node: Any, fn: Optional[_Fn]) -> None:
        name = node.child_by_field_name("name")
        if name is not None:
            key = self.text(name)
            self.classes[key] = None if key in self.classes else node

    def _bind(self, name: str, value: Any) -> None:
        if name:
            self.assigned.setdefault(name, []).append(value)

    def _on_declarator(self, node: Any, fn: Optional[_Fn]) -> None:
        self.declarators.append(node)
        target = node.child_by_field_name("name")
        value = node.child_by_field_name("value")
        if target is None or value is None:
            return
        required = self._required_module(value)
        if target.type == "identifier":
            self._bind(self.text(target), value)
            if required:  # const chat = require("./controllers/chat"): its module.exports
                self.local_imports[self.text(target)] = (required, "*")
        elif target.type == "object_pattern":
            self._destructure(target, value)
            if required:  # const { chat } = require("./controllers/chat")
                for child in target.named_children:
                    if child.type == "shorthand_property_identifier_pattern":
                        self.local_imports[self.text(child)] = (required, self.text(child))
        elif target.type == "array_pattern" and value.type == "call_expression":
            # const [who, setWho] = useState("Elon Musk"): the state's first value
            first = next((c for c in target.named_children if c.type != "comment"), None)
            func = value.child_by_field_name("function")
            if first is not None and first.type == "identifier" and func is not None and self.text(func) in _STATE_HOOKS:
                self._bind(self.text(first), value)

    def _required_module(self, value: Any) -> str:
        """The app's own module a `require("./x")` names, else ""."""
        func = value.child_by_field_name("function") if value.type == "call_expression" else None
        if func is None or func.type != "identifier" or self.text(func) != "require":
            return ""
        args = self._args(value)
        module = _unescape(self.text(args[0])[1:-1]) if args and args[0].type == "string" else ""
        return module if _is_local(module) else ""

    def _destructure(self, pattern: Any, value: Any) -> None:
        for child in pattern.named_children:
            if child.type == "shorthand_property_identifier_pattern":
                name = self.text(child)
                self._bind(name, _Member(value, name))
            elif child.type == "object_assignment_pattern":
                left = child.child_by_field_name("left")
                if left is not None:
                    name = self.text(left)
                    self._bind(name, _Member(value, name))
            elif child.type == "pair_pattern":
                key = child.child_by_field_name("key")
                target = child.child_by_field_name("value")
                if target is not None and target.type == "assignment_pattern":
                    target = target.child_by_field_name("left")
                key_text = self._key(key) if key is not None else None
                if key_text and target is not None and target.type == "identifier":
                    self._bind(self.text(target), _Member(value, key_text))

    def _on_assignment(self, node: Any, fn: Optional[_Fn]) -> None:
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if left is not None and right is not None:
            self._bind(_dotted_text(self, left), right)
            self.assignments.append(node)

    def _on_field(self, node: Any, fn: Optional[_Fn]) -> None:
        name = node.child_by_field_name("name") or node.child_by_field_name("property")
        value = node.child_by_field_name("value")
        if name is not None and value is not None:
            self._bind("this." + self.text(name), value)

    def _on_return(self, node: Any, fn: Optional[_Fn]) -> None:
        value = next((c for c in node.named_children if c.type != "comment"), None)
        if fn is not None and value is not None:
            fn.returns.append(value)

    def _on_jsx(self, node: Any, fn: Optional[_Fn]) -> None:
        self.jsx.append(node)

    def _on_object(self, node: Any, fn: Optional[_Fn]) -> None:
        self.objects.append(node)

    def _on_array(self, node: Any, fn: Optional[_Fn]) -> None:
        self.arrays.append(node)

    def _on_template(self, node: Any, fn: Optional[_Fn]) -> None:
        self.templates.append(node)

    def _on_binary(self, node: Any, fn: Optional[_Fn]) -> None:
        if _operator(node) in _COMPARISONS:
            self.comparisons.append(node)
        if _operator(node) != "+" or node.id in self._chain_links:
            return
        # The top of a chain of `+`, met before its links as the walk goes down: the links
        # are marked here, as asking each for its `parent` costs a descent from the root.
        self.templates.append(node)
        pending = [node]
        while pending:
            link = pending.pop()
            for side in ("left", "right"):
                child = link.child_by_field_name(side)
                if child is not None and child.type == "binary_expression" and _operator(child) == "+":
                    self._chain_links.add(child.id)
                    pending.append(child)

    def _on_error(self, node: Any, fn: Optional[_Fn]) -> None:
        if node.start_byte >= self._error_end:
            self.error_bytes += node.end_byte - node.start_byte
            self._error_end = node.end_byte
            self.first_error = self.first_error or node

    # ---- resolution

    def qualify(self, node: Optional[Any], depth: int = 0) -> Tuple[str, ...]:
        """Resolved names an expression may stand for, "()" marking an instance or a result."""
        if node is None or depth > _MAX_STEPS:
            return ()
        key = node.id
        if key in self._qualified:
            return self._qualified[key]
        if key in self._resolving:
            return ()
        self._resolving.add(key)
        try:
            result = self._qualify(node, depth)
        finally:
            self._resolving.discard(key)
        self._qualified[key] = result
        return result

    def _qualify(self, node: Any, depth: int) -> Tuple[str, ...]:
        kind = node.type
        if kind in ("identifier", "this", "member_expression", "shorthand_property_identifier"):
            return self._qualify_name(node, depth)
        if kind == "subscript_expression":  # x["name"]; x[key] is written x[]
            index = node.child_by_field_name("index")
            prop = self.string_value(index) if index is not None else None
            bases = self.qualify(node.child_by_field_name("object"), depth + 1)
            return tuple(_join(q, prop) if prop is not None else f"{q}[]" for q in bases)
        if kind == "call_expression":
            return self._qualify_call(node, depth)
        if kind == "new_expression":
            return tuple(_instance(q) for q in self.qualify(node.child_by_field_name("constructor"), depth + 1))
        if kind in _WRAPPERS or kind == "await_expression":
            return self.qualify(node.named_children[0] if node.named_children else None, depth + 1)
        if kind == "binary_expression" and _operator(node) in ("??", "||"):
            return self._union([node.child_by_field_name("left"), node.child_by_field_name("right")], depth)
        if kind == "ternary_expression":
            branches = [node.child_by_field_name("consequence"), node.child_by_field_name("alternative")]
            return self._union(branches, depth)
        if kind == "assignment_expression":
            return self.qualify(node.child_by_field_name("right"), depth + 1)
        return ()

    def _qualify_name(self, node: Any, depth: int) -> Tuple[str, ...]:
        dotted = _dotted_text(self, node)
        if dotted in self.imports:
            return (self.imports[dotted],)
        if dotted in self.assigned:
            found = self._union(self.assigned[dotted], depth + _HOP)
            if found:
                return found
        if node.type != "member_expression":
            return (dotted,) if dotted else ()
        prop = node.child_by_field_name("property")
        if prop is None:
            return ()
        return tuple(_join(q, self.text(prop)) for q in self.qualify(node.child_by_field_name("object"), depth + 1))

    def _qualify_call(self, node: Any, depth: int) -> Tuple[str, ...]:
        func = node.child_by_field_name("function")
        if func is None:
            return ()
        required = func.type == "identifier" and self.text(func) == "require" and "require" not in self.assigned
        if func.type == "import" or required:
            args = self._args(node)
            return (_unescape(self.text(args[0])[1:-1]),) if args and args[0].type == "string" else ()
        if func.type == "identifier":
            local = self.fn_by_name.get(self.text(func))
            if local is not None and local.returns and self.text(func) not in self.imports:
                found = self._union(local.returns, depth + _HOP)
                if found:
                    return found
        return tuple(f"{q}()" for q in self.qualify(func, depth + 1))

    def _union(self, values: List[Any], depth: int) -> Tuple[str, ...]:
        out: List[str] = []
        for value in values:
            if isinstance(value, _Member):
                found = tuple(_join(q, value.name) for q in self.qualify(value.base, depth + 1))
            else:
                found = self.qualify(value, depth + 1)
            for q in found:
                if q not in out:
                    out.append(q)
        return tuple(out[:6])

    def module_of(self, name: str) -> str:
        """The imported module a resolved name starts with, or ""."""
        best = self._module_memo.get(name)
        if best is None:
            best = ""
            for module in self.modules:
                if _is_local(module):
                    continue  # the app's own modules: what they export is not known here
                follows = name[len(module) : len(module) + 1]
                if len(module) > len(best) and name.startswith(module) and follows in ("", ".", "("):
                    best = module
            self._module_memo[name] = best
        return best

    def provider_of(self, name: str) -> Optional[str]:
        """The model SDK a resolved name comes from, if any."""
        module = self.module_of(name)
        if module not in self._provider_memo:
            self._provider_memo[module] = V.js_sdk_provider(module) if module else None
        return self._provider_memo[module]

    def string_value(self, node: Optional[Any], depth: int = 0) -> Optional[str]:
        """The text a string expression shows, with interpolations as placeholders."""
        if node is None or depth > _MAX_DEPTH:
            return None
        if self._fills and node.id in self._fills:
            return self._fills[node.id]
        kind = node.type
        if kind == "string":
            return _unescape(self.text(node)[1:-1])
        if kind == "template_string":
            return self._template_value(node, depth)
        if kind == "binary_expression":
            return self._concat_value(node, depth) if _operator(node) == "+" else None
        if kind in _WRAPPERS:
            return self.string_value(node.named_children[0] if node.named_children else None, depth + 1)
        if kind in ("identifier", "shorthand_property_identifier", "member_expression"):
            return self._constant_value(node, depth)
        if kind == "call_expression":
            return self._call_value(node, depth)
        return None

    def _template_value(self, node: Any, depth: int) -> str:
        out: List[str] = []
        pos = node.start_byte + 1
        for child in node.named_children:
            if child.type != "template_substitution":
                continue
            out.append(_unescape(self.src[pos : child.start_byte].decode("utf-8", "replace")))
            inner = next((c for c in child.named_children if c.type != "comment"), None)
            value = self.string_value(inner, depth + 1)
            out.append(value if value is not None else PLACEHOLDER)
            pos = child.end_byte
        out.append(_unescape(self.src[pos : max(pos, node.end_byte - 1)].decode("utf-8", "replace")))
        return "".join(out)

    def _concat_value(self, node: Any, depth: int) -> Optional[str]:
        operands: List[Any] = []
        stack = [node]
        while stack:  # long "a" + "b" + ... chains nest deeply: flatten without recursion
            current = stack.pop()
            if current.type == "binary_expression" and _operator(current) == "+":
                stack.append(current.child_by_field_name("right"))
                stack.append(current.child_by_field_name("left"))
            elif current is not None:
                operands.append(current)
        values = [self.string_value(op, depth + 1) for op in operands]
        if all(v is None for v in values):
            return None
        return "".join(v if v is not None else PLACEHOLDER for v in values)

    def _constant_value(self, node: Any, depth: int) -> Optional[str]:
        values = self.assigned.get(_dotted_text(self, node))
        if values and len(values) == 1:
            value = values[0]
            if isinstance(value, _Member):
                obj = self._object(value.base, depth + 1)
                inner = self._pairs(obj).get(value.name) if obj is not None else None
                return self.string_value(inner, depth + 1) if inner is not None and inner.id != node.id else None
            if value.id != node.id:
                return self.string_value(value, depth + 1)
        rebound = self.rebound(node, depth) if values and len(values) > 1 else None
        if rebound:
            return rebound[0]  # one of its texts; the others are the prompt's variants
        if node.type == "member_expression":  # COPY.disclaimer, with COPY an object literal
            obj = self._object(node.child_by_field_name("object"), depth + 1)
            prop = node.child_by_field_name("property")
            if obj is not None and prop is not None:
                return self.string_value(self._pairs(obj).get(self.text(prop)), depth + 1)
        return self._reference_text(node) if not values else None

    def rebound(self, node: Any, depth: int = 0) -> Optional[Tuple[str, ...]]:
        """The texts a `let`/`var` bound more than once can hold where it is read
        (rebinding.py), in the order its bindings give them; None when unknown."""
        if node.type != "identifier" or depth > _MAX_DEPTH:
            return None
        name = self.text(node)
        values = self.assigned.get(name) or []
        if len(values) < 2 or any(isinstance(v, _Member) for v in values):
            return None
        key = (node.id, self._references)
        if key in self._rebound and not self._fills:
            return self._rebound[key]
        if node.id in self._rebinding:
            return None
        self._rebinding.add(node.id)
        try:
            found = self._rebound_values(node, name, depth)
        finally:
            self._rebinding.discard(node.id)
        if not self._fills:
            self._rebound[key] = found
        return found

    def _rebound_values(self, node: Any, name: str, depth: int) -> Optional[Tuple[str, ...]]:
        innermost, scope = None, node.parent
        while scope is not None:  # the function (or module) whose own statements declare it
            if scope.type in _FUNCTIONS or scope.type == "program":
                innermost = innermost or scope
                body = scope if scope.type == "program" else scope.child_by_field_name("body")
                if body is not None and body.type in ("statement_block", "program") and self._declares(body, name):
                    break
            scope = scope.parent
        if scope is None or innermost is None:
            return None

        def evaluate(value: Any, before: Tuple[str, ...], op: str) -> Optional[Tuple[str, ...]]:
            if op == "+=":
                text = self.string_value(value, depth + 1)
                return tuple(dict.fromkeys(old + (text if text is not None else PLACEHOLDER) for old in before)) or None
            own, stack = [], [value]
            while stack:
                current = stack.pop()
                if current.type == "identifier" and self.text(current) == name:
                    own.append(current)
                stack.extend(current.named_children)
            if own and not before:
                return None
            out: List[str] = []
            for old in before if own else ("",):
                for n in own:
                    self._fills[n.id] = old
                try:
                    text = self.string_value(value, depth + 1)
                finally:
                    for n in own:
                        self._fills.pop(n.id, None)
                if text is None or REFERENCE_OPEN in text:
                    return None
                out.append(text)
            out = list(dict.fromkeys(out))
            return tuple(out) if len(out) <= MAX_VALUES else None

        flow = JsFlow(name, self.text, evaluate)
        statements = [c for c in body.named_children if c.type != "comment"]
        state, _ = flow.run(statements, (), node.start_byte if innermost.id == scope.id else None)
        return state or None

    def _declares(self, body: Any, name: str) -> bool:
        for statement in body.named_children:
            if statement.type == "export_statement":
                statement = next((c for c in statement.named_children if c.type.endswith("declaration")), statement)
            if statement.type in ("lexical_declaration", "variable_declaration"):
                for declarator in statement.named_children:
                    target = declarator.child_by_field_name("name") if declarator.type == "variable_declarator" else None
                    if target is not None and self.text(target) == name:
                        return True
        return False

    # ---- values other modules of the app define (resolved by flow.py)

    def _reference(self, node: Any, call: bool = False) -> Optional[str]:
        """What a name imported from the app's own modules stands for, as `specifier#name`
        (`./prompts#SYSTEM_PROMPT`; `#name()` for what a function returns)."""
        if node.type == "identifier" and self.text(node) in self.local_imports:
            module, name = self.local_imports[self.text(node)]
        elif node.type == "member_expression":  # prompts.SYSTEM_PROMPT, `import * as prompts`
            base, path = node, []
            while base is not None and base.type == "member_expression" and len(path) < 3:
                prop = base.child_by_field_name("property")
                if prop is None:
                    return None
                path.insert(0, self.text(prop))
                base = base.child_by_field_name("object")
            if base is None or base.type != "identifier" or self.text(base) not in self.local_imports:
                return None
            module, whole = self.local_imports[self.text(base)]
            # `prompts.SYSTEM` (a namespace import), or `config.system.text`: a property of
            # an object the module exports (`export const config = { system: { text } }`)
            name = ".".join(path if whole == "*" else [whole] + path)
        else:
            return None
        root = self.text(node).split(".")[0]
        if name == "*" or any(not self._required_module(v.base if isinstance(v, _Member) else v) for v in self.assigned.get(root, ())):
            return None  # a name the file binds itself, not the module it requires
        return f"{module}#{name}" + ("()" if call else "")

    def _reference_text(self, node: Any, call: bool = False) -> Optional[str]:
        if not self._references:
            return None
        reference = self._reference(node, call)
        return f"{REFERENCE_OPEN}{reference}{REFERENCE_CLOSE}" if reference else None

    def template(self, node: Any) -> Optional[str]:
        """The text of a value with what the app's other modules define as references, when it holds any."""
        return template_of(self, node)

    def _text_from_modules(self, node: Any, sink: str, kind: str, template: Optional[str] = None) -> None:
        """Record a text or prompt that holds names other modules define, for flow.py."""
        if (node.id, sink) in self._from_modules or not self.local_imports:
            return
        template = template if template is not None else self.template(node)
        if template is not None:
            self._from_modules.add((node.id, sink))
            self.pending.append(("from-modules", node, (sink, kind, template)))

    def _call_value(self, node: Any, depth: int) -> Optional[str]:
        args = node.child_by_field_name("arguments")
        func = node.child_by_field_name("function")
        if self._references and func is not None and func.type in ("identifier", "member_expression"):
            reference = self._reference_text(func, call=True)  # buildPrompt(topic), from ./prompts
            if reference is not None:
                return reference
        if args is not None and args.type == "template_string":  # dedent`...`, a tagged template
            value = self._template_value(args, depth + 1)
            if func is not None and _DEDENT_TAGS.search(self.text(func)):
                value = textwrap.dedent(value).strip("\n")
            return value
        if func is None or func.type != "member_expression":
            return None
        method = self.text(func.child_by_field_name("property") or func)
        receiver = func.child_by_field_name("object")
        if method in ("trim", "trimStart", "trimEnd", "toString"):
            value = self.string_value(receiver, depth + 1)
            return value.strip() if value is not None and method == "trim" else value
        if method == "join":
            return self._join_value(receiver, self._args(node), depth)
        return None

    def _join_value(self, receiver: Any, args: List[Any], depth: int) -> Optional[str]:
        array = receiver
        if array is not None and array.type == "identifier":
            array = self._single_value(array)
        if array is None or array.type != "array":
            return None
        separator = self.string_value(args[0], depth + 1) if args else ","
        items = [self.string_value(el, depth + 1) for el in array.named_children if el.type != "comment"]
        if not items or all(i is None for i in items):
            return None
        return (separator if separator is not None else "").join(i if i is not None else PLACEHOLDER for i in items)

    def strings_in(
        self, node: Optional[Any], keys: Optional[FrozenSet[str]] = None, depth: int = 0
    ) -> List[Tuple[Any, str]]:
        """Every text inside a value, looking into arrays, objects (only `keys`, if given) and branches."""
        if node is None or depth > _MAX_DEPTH:
            return []
        text = self.string_value(node)
        if text is not None:
            return [(node, t) for t in self.rebound(node) or (text,)]
        kind = node.type
        parts: List[Any] = []
        if kind == "array":
            parts = list(node.named_children)
        elif kind == "object":
            parts = [v for k, v in self._pairs(node).items() if keys is None or k in keys]
        elif kind == "ternary_expression":
            parts = [node.child_by_field_name("consequence"), node.child_by_field_name("alternative")]
        elif kind == "binary_expression" and _operator(node) in ("&&", "||", "??"):
            parts = [node.child_by_field_name("right")]
            if _operator(node) != "&&":
                parts.append(node.child_by_field_name("left"))
        elif kind in _WRAPPERS:
            parts = node.named_children[:1]
        elif kind == "identifier":
            value = self._single_value(node)
            if value is not None and value.type in ("array", "object"):
                parts = [value]
        out: List[Tuple[Any, str]] = []
        for part in parts:
            out.extend(self.strings_in(part, keys, depth + 1))
        return out

    # ---- fact recording

    def _text(self, node: Any, text: str, channel: str) -> None:
        if PLACEHOLDER in text and not isinstance(node, _Span):
            self._text_from_modules(node, "text", channel)
        if not text.replace(PLACEHOLDER, "").strip() or (node.id, text) in self._seen_texts:
            return  # once per place; a name bound more than once, once per text
        self._seen_texts.add((node.id, text))
        self.pending.append(("text", node, (text, channel)))

    def _prompt(self, node: Any, text: Optional[str], role: str) -> None:
        if text is None or PLACEHOLDER in text:
            self._text_from_modules(node, "prompt", role)
        if text and text.replace(PLACEHOLDER, "").strip():
            variants = self._variants(node) if PLACEHOLDER in text or self._holds_rebound(node) else ()
            variants = tuple(v for v in variants if v != text)
            self.pending.append(("prompt", node, (text, role, variants)))

    def _holds_rebound(self, node: Any) -> bool:
        """Whether a prompt is, or interpolates, a name bound more than once."""
        for _ in range(_MAX_DEPTH):
            if node is None or node.type != "identifier":
                break
            if len(self.assigned.get(self.text(node)) or ()) > 1:
                return True
            node = self._single_value(node)
        if node is None:
            return False
        return any(e.type == "identifier" and len(self.assigned.get(self.text(e)) or ()) > 1 for e in self._interpolated(node))

    # ---- prompts filled from a list of literals: `You are ${celebrity}`

    def _variants(self, node: Any) -> Tuple[str, ...]:
        """The prompt's text with one interpolated value filled in, for each literal it can take."""
        template = node
        for _ in range(_MAX_DEPTH):
            if template is None or template.type not in ("identifier", *_WRAPPERS):
                break
            if template.type == "identifier" and self._single_value(template) is None:
                rebound = self.rebound(template)  # bound more than once: the other texts it can hold
                return tuple(v for v in rebound if v != self.string_value(template)) if rebound else ()
            template = self._single_value(template) if template.type == "identifier" else template.named_children[0]
        if template is None:
            return ()
        out: List[str] = []
        for expression in self._interpolated(template):
            for choice in self._choices(expression)[:_MAX_CHOICES]:
                self._fills[expression.id] = choice
                try:
                    text = self.string_value(template)
                finally:
                    del self._fills[expression.id]
                if text and text not in out:
                    out.append(text)
        return tuple(out[: 2 * _MAX_CHOICES])

    def _interpolated(self, node: Any) -> List[Any]:
        """The values a template literal or a `+` concatenation puts into the text."""
        if node.type == "template_string":
            subs = [c for c in node.named_children if c.type == "template_substitution"]
            return [e for s in subs for e in s.named_children[:1] if e.type != "comment"]
        if node.type == "binary_expression" and _operator(node) == "+":
            out: List[Any] = []
            for side in (node.child_by_field_name("left"), node.child_by_field_name("right")):
                if side is not None and side.type in ("identifier", "subscript_expression", "member_expression"):
                    out.append(side)
                elif side is not None:
                    out.extend(self._interpolated(side))
            return out
        return []

    def _choices(self, node: Any, depth: int = 0) -> List[str]:
        """The literals a value is picked from: `PEOPLE[i]` (an array's items, an object's values)."""
        if node is None or depth > _MAX_DEPTH:
            return []
        if node.type == "identifier":
            value = self._single_value(node)
            return self._choices(value, depth + 1) if value is not None else list(self.rebound(node, depth + 1) or ())
        if node.type == "call_expression":  # useState("Elon Musk"): the value users start from
            func = node.child_by_field_name("function")
            args = self._args(node)
            if func is None or self.text(func) not in _STATE_HOOKS or not args or args[0].type != "string":
                return []
            text = self.string_value(args[0])
            return [text] if text and len(text) <= _MAX_CHOICE_CHARS else []
        if node.type != "subscript_expression":
            return []
        picked = node.child_by_field_name("object")
        while picked is not None and picked.type == "identifier":
            picked = self._single_value(picked)
        if picked is None or picked.type not in ("array", "object"):
            return []
        items = list(self._pairs(picked).values()) if picked.type == "object" else [c for c in picked.named_children if c.type != "comment"]
        texts = (self.string_value(item, depth + 1) for item in items)
        return [t for t in texts if t and PLACEHOLDER not in t and len(t) <= _MAX_CHOICE_CHARS]

    def _surface(self, node: Any, framework: str, kind: str, detail: str) -> None:
        self.pending.append(("surface", node, (framework, kind, detail)))

    # ---- calls

    def _process_call(self, node: Any, fn: Optional[_Fn]) -> None:
        func = node.child_by_field_name("function")
        if func is None or func.type == "import":
            return
        callees = self.qualify(func)
        model = self.model_call(node)
        if model is not None:
            self.pending.append(("call", node, model))
            self.model_call_count += 1
            self.first_model_api = self.first_model_api or model[1]
            for outer in fn.chain() if fn is not None else ():
                outer.model_calls += 1
            self._model_prompts(node, model[0] == "http")
            if model[1].endswith(V.VOICE_ENDPOINT_SUFFIX):
                self._voice_call(node, model[1])
        elif self._chat_request(node, callees):
            for outer in fn.chain() if fn is not None else ():
                outer.chat_requests += 1
        if self._platform_send(node, callees) or self._twilio_send(node, callees):
            return  # its texts are read: the body's, as the bot's replies
        if self._surface_of_call(node, func, callees):
            return  # a handler registration: its arguments are patterns, not replies
        self._texts_of_call(node, func, callees)
        self._langchain_prompts(node, callees)
        self._route_candidate(node, func)

    def _process_new(self, node: Any) -> None:
        callees = self.qualify(node)
        for callee in callees:
            if V.JS_TWILIO_RESPONSES.match(callee):
                self._surface(node, "twilio", "messaging-bot", callee.split(".")[-1].rstrip("()"))
                break
        self._langchain_prompts(node, tuple(c[:-2] for c in callees if c.endswith("()")))

    def model_call(self, node: Any) -> Optional[Tuple[str, str]]:
        """(provider, api) if this call sends something to a model, else None."""
        key = node.id
        if key not in self._model_memo:
            self._model_memo[key] = None  # a call inside its own arguments is not itself
            func = node.child_by_field_name("function")
            self._model_memo[key] = self._classify_call(node, self.qualify(func)) if func is not None else None
        return self._model_memo[key]

    def _classify_call(self, node: Any, callees: Tuple[str, ...]) -> Optional[Tuple[str, str]]:
        for callee in callees:
            if self.provider_of(callee):
                for provider, pattern in V.JS_MODEL_CALL_PATTERNS:
                    if pattern.match(callee):
                        return provider, _short_api(callee)
            request = self._http_request(node, callee)
            if request is not None:
                endpoint = _endpoint(*request)
                if endpoint:
                    return "http", endpoint
            elif self._posts_chat_body(node, callee):
                return "http", "POST of a chat request (model and messages)"
        for callee in callees:
            if "completions." not in callee and "messages.create" not in callee:
                continue
            if self.provider_of(callee) or self.module_of(callee) in V.JS_MESSAGING_MODULES:
                continue
            for provider, pattern in V.UNRESOLVED_CALL_PATTERNS:
                if pattern.search(callee):
                    return provider, _short_api(callee)
            if V.MESSAGES_CREATE.search(callee):
                args = self._args(node)
                obj = self._object(args[0]) if args else None
                if obj is not None and {"model", "messages"} <= set(self._pairs(obj)):
                    return "anthropic-compatible", _short_api(callee)
        return None

    def _post(self, node: Any, callee: str) -> Optional[Tuple[Optional[Any], Optional[Any], str]]:
        """(url node, payload node, axios baseURL) of a POST request, else None."""
        if not _HTTP_CALLEES.match(callee):
            return None
        args = self._args(node)
        if not args:
            return None
        if V.JS_FETCH_CALLEES.match(callee):
            init = self._object(args[1]) if len(args) > 1 else None
            if init is None:
                return None
            pairs = self._pairs(init)
            method = (self.string_value(pairs.get("method")) or "").upper()
            if method != "POST" and not (not method and "body" in pairs):
                return None
            return args[0], pairs.get("body"), ""
        if V.JS_POST_CALLEES.match(callee):
            return args[0], args[1] if len(args) > 1 else None, self._axios_base(node)
        if V.JS_CONFIG_CALLEES.match(callee):
            config = self._object(args[0])
            if config is None:
                return None
            pairs = self._pairs(config)
            if (self.string_value(pairs.get("method")) or "").upper() != "POST":
                return None
            return pairs.get("url"), pairs.get("data"), ""
        return None

    def _posts_chat_body(self, node: Any, callee: str) -> bool:
        """A POST to a URL this file cannot read (another module's constant, the environment)
        whose body names a model and carries messages: a chat request, as in extract/python.py."""
        post = self._post(node, callee)
        if post is None or self.string_value(post[0]) is not None:
            return False
        obj = self._payload_object(post[1])
        return obj is not None and V.CHAT_PAYLOAD_KEYS <= set(self._pairs(obj))

    def _http_request(self, node: Any, callee: str) -> Optional[Tuple[str, str, bool]]:
        """(url text, url source, payload names a model) of a POST request, else None."""
        post = self._post(node, callee)
        if post is None:
            return None
        url_node, payload, base = post
        url = self.string_value(url_node)
        if url is None:
            return None
        if base and not re.match(r"^[a-z]+:|^//", url):
            url = base.rstrip("/") + "/" + url.lstrip("/")
        self._payloads[node.id] = payload
        return url, self.text(url_node) if url_node is not None else "", self._names_model(payload)

    def _axios_base(self, node: Any) -> str:
        """The baseURL of `axios.create({ baseURL })` a request is made through, if known."""
        func = node.child_by_field_name("function")
        receiver = func.child_by_field_name("object") if func is not None and func.type == "member_expression" else None
        made = self._single_value(receiver) if receiver is not None and receiver.type == "identifier" else None
        if made is None or made.type != "call_expression":
            return ""
        args = self._args(made)
        config = self._object(args[0]) if args else None
        return (self.string_value(self._pairs(config).get("baseURL")) or "") if config is not None else ""

    def _names_model(self, payload: Optional[Any]) -> bool:
        obj = self._payload_object(payload)
        return obj is not None and "model" in self._pairs(obj)

    def _payload_object(self, payload: Optional[Any]) -> Optional[Any]:
        """The object a request sends: `{...}`, or `JSON.stringify({...})`."""
        if payload is not None and payload.type == "call_expression":  # JSON.stringify({...})
            args = self._args(payload)
            payload = args[0] if args else None
        return self._object(payload)

    def _chat_request(self, node: Any, callees: Tuple[str, ...]) -> bool:
        """A POST to what looks like the app's own chat API: "/api/chat", `${API}/ask`."""
        for callee in callees:
            request = self._http_request(node, callee)
            if request is None:
                continue
            path = re.sub(r"^[a-z]+://[^/]*", "", request[0])
            sent = self._payload_object(self._payloads.get(node.id))
            own = path == request[0]  # the app's own API, not a service's URL
            if V.JS_CHAT_ROUTE.search(path.split("?")[0]) or (
                own and sent is not None and V.JS_CHAT_PAYLOAD_KEYS & set(self._pairs(sent))
            ):
                self.chat_requests.append(request[1] if PLACEHOLDER in request[0] else request[0])
                return True
        return False

    def _model_prompts(self, node: Any, http: bool = False) -> None:
        args = self._args(node)
        if not args:
            return
        if http:  # fetch(url, { body: JSON.stringify({ prompt }) }): the payload's, not the URL
            obj = self._payload_object(self._payloads.get(node.id))
            keys: Any = V.HTTP_PROMPT_KEYS
        else:
            text = self.string_value(args[0])
            if text is not None:
                self._prompt(args[0], text, "user")
                return
            obj, keys = self._object(args[0]), ("prompt", "input", "contents", "message")
        if obj is None:
            return
        pairs = self._pairs(obj)
        for key in sorted(keys):
            if key in pairs:
                self._prompt(pairs[key], self.string_value(pairs[key]), "system" if key == "system" else "user")

    def _voice_call(self, node: Any, api: str) -> None:
        """A POST to a voice-agent platform, as in extract/python.py: the call's first message
        is what the person called hears; its system messages and prompt keys instruct the model."""
        self._surface(node, api.split()[1], "voice-call", api)
        self._voice_body(self._payload_object(self._payloads.get(node.id)), 0)

    def _voice_body(self, node: Optional[Any], depth: int) -> None:
        if node is None or depth > _MAX_DEPTH:
            return
        if node.type == "array":
            for element in node.named_children:
                self._voice_body(self._object(element) if element.type != "array" else element, depth + 1)
            return
        obj = self._object(node)
        if obj is None:
            return
        pairs = self._pairs(obj)
        role = self.string_value(pairs["role"]) if "role" in pairs else None
        for key, value in pairs.items():
            field = V.voice_field(key, role)
            if field == "first":
                self._text(value, self.string_value(value) or PLACEHOLDER, V.VOICE_CHANNEL)
            elif field == "prompt":
                self._prompt(value, self.string_value(value), "system")
            elif value.type == "array":
                self._voice_body(value, depth + 1)
            else:
                self._voice_body(self._object(value), depth + 1)

    def _langchain_prompts(self, node: Any, callees: Tuple[str, ...]) -> None:
        if not self.langchain:
            return
        for callee in callees:
            if self.provider_of(callee) != "langchain":
                continue
            last = callee.split(".")[-1]
            role = {"SystemMessage": "system", "HumanMessage": "user", "fromTemplate": "unknown"}.get(last)
            if "SystemMessagePromptTemplate" in callee:
                role = "system"
            elif "HumanMessagePromptTemplate" in callee:
                role = "user"
            args = self._args(node)
            if role is None or not args:
                return
            value = args[0]
            obj = self._object(value)
            if obj is not None:
                pairs = self._pairs(obj)
                value = pairs.get("content") or pairs.get("template")
            self._prompt(value, self.string_value(value), role)
            return

    # ---- chat surfaces and user-facing text of calls

    def _surface_of_call(self, node: Any, func: Any, callees: Tuple[str, ...]) -> bool:
        for callee in callees:
            if V.JS_CHAT_HOOKS.match(callee):
                self.chat_hook = True
                self._surface(node, "vercel-ai", "chat-ui", callee.split(".")[-1])
                return False
        if func.type != "member_expression" or not self.messaging:
            return False
        method = self.text(func.child_by_field_name("property") or func)
        candidates = list(callees)
        receiver = self.qualify(func.child_by_field_name("object"))
        if not any(self.module_of(q) for q in receiver):  # a bot passed in or kept elsewhere
            candidates += [f"{instance}.{method}" for m, instance in V.JS_BOT_INSTANCES.items() if m in self.modules]
        for framework, pattern, event in V.JS_BOT_HANDLERS:
            if any(pattern.match(c) for c in candidates) and (event is None or self._event_matches(node, event)):
                self._surface(node, framework, "messaging-bot", self._call_detail(node, func))
                return True
        return False

    def _twilio_send(self, node: Any, callees: Tuple[str, ...]) -> bool:
        """`axios.post(url, new URLSearchParams({ To, From, Body: reply }))`: a message posted to
        Twilio's Messages API over HTTP (V.TWILIO_MESSAGE_KEYS), whatever module builds its URL."""
        for callee in callees:
            post = self._post(node, callee)
            payload = post[1] if post is not None else None
            if payload is not None and payload.type == "new_expression":  # new URLSearchParams({...})
                constructor = payload.child_by_field_name("constructor")
                args = self._args(payload)
                payload = args[0] if constructor is not None and self.text(constructor) == "URLSearchParams" and args else None
            sent = self._payload_object(payload)
            pairs = self._pairs(sent) if sent is not None else {}
            url = self.string_value(post[0]) if post is not None and post[0] is not None else None
            if not V.TWILIO_MESSAGE_KEYS <= set(pairs) or (url and not V.TWILIO_API.search(url)):
                continue  # a URL it can read that is not Twilio's: the inbound webhook's form, posted to test the app
            self.pending.append(("library", node, (V.TWILIO_REST_SEND, ())))
            self._bot_reply(pairs["Body"])
            return True
        return False

    def _bot_reply(self, value: Any) -> None:
        """The texts a platform's send carries are the bot's replies: the strings the value
        can hold, or, when it holds none this file can read, what another module's function
        returns for it."""
        found = self.strings_in(value)
        for string_node, text in found:
            self._text(value if value.type == "identifier" else string_node, text, "bot reply")
        if not found:
            self._text_from_modules(value, "text", "bot reply")

    def _platform_send(self, node: Any, callees: Tuple[str, ...]) -> bool:
        """`axios.post("https://graph.facebook.com/v21.0/me/messages", { recipient, message: { text } })`:
        a chat platform's send API reached over HTTP is a messaging bot (V.PLATFORM_SEND_ENDPOINTS),
        and the texts its body sends are the bot's replies, as in extract/python.py."""
        for callee in callees:
            post = self._post(node, callee)
            url = self.string_value(post[0]) if post is not None else None
            if post is None or not url:
                continue
            for platform, pattern, replies in V.PLATFORM_SEND_ENDPOINTS:
                match = pattern.search(url)
                if match is None or not (replies or V.TELEGRAM_INBOUND.search(self.src.decode("utf-8", "replace"))):
                    continue
                self._surface(node, platform, "messaging-bot", f"POST to {platform}'s send API (…{match.group(0)})")
                for value in self._keyed_values(self._payload_object(post[1]), V.PLATFORM_TEXT_KEYS):
                    self._bot_reply(value)
                return True
        return False

    def _keyed_values(self, node: Optional[Any], keys: FrozenSet[str], depth: int = 0) -> List[Any]:
        """The values an object (or an array of them) holds under these keys, looking into the
        objects and arrays it holds."""
        if node is None or depth > _MAX_DEPTH:
            return []
        if node.type == "identifier":
            value = self._single_value(node)
            return self._keyed_values(value, keys, depth + 1) if value is not None else []
        if node.type == "array":
            return [v for child in node.named_children for v in self._keyed_values(child, keys, depth + 1)]
        if node.type != "object":
            return []
        out: List[Any] = []
        for key, value in self._pairs(node).items():
            if key in keys:
                out.append(value)
            elif value is not None and value.type in ("object", "array", "identifier"):
                out.extend(self._keyed_values(value, keys, depth + 1))
        return out

    def _event_matches(self, node: Any, event: "re.Pattern[str]") -> bool:
        args = self._args(node)
        if not args:
            return False
        names = [self.string_value(args[0]) or ""] + list(self.qualify(args[0]))
        return any(event.search(n) for n in names if n)

    def _call_detail(self, node: Any, func: Any) -> str:
        args = self._args(node)
        first = self.text(args[0]) if args and args[0].type == "string" else ("…" if args else "")
        return _short(f"{self.text(func)}({first})")

    def _texts_of_call(self, node: Any, func: Any, callees: Tuple[str, ...]) -> None:
        if func.type == "member_expression":
            method = self.text(func.child_by_field_name("property") or func)
        else:
            method = self.text(func)
        if self.messaging and method in V.JS_SEND_METHODS:
            self._call_texts(node, "bot reply", 2, _BOT_TEXT_KEYS)
        elif method in _TOAST_METHODS and _NOTIFY_CALLEES.match(_dotted_text(self, func)):
            self._call_texts(node, "notification", 1, frozenset({"title", "description", "message"}))

    def _call_texts(self, node: Any, channel: str, positional: int, keys: Optional[FrozenSet[str]]) -> None:
        for arg in self._args(node)[:positional]:
            found = self.strings_in(arg, keys)
            for string_node, text in found:
                self._text(arg if arg.type == "identifier" else string_node, text, channel)
            if not found:  # reply(DISCLAIMER), DISCLAIMER from the app's own module
                self._text_from_modules(arg, "text", channel)

    def _route_candidate(self, node: Any, func: Any) -> None:
        """`app.post("/chat", handler)`: a web route, if its handler reaches a model."""
        if func.type != "member_expression":
            return
        method = self.text(func.child_by_field_name("property") or func)
        args = self._args(node)
        if method not in V.JS_ROUTE_METHODS or len(args) < 2:
            return
        path = self.string_value(args[0])
        if path is None or not path.startswith("/"):
            return
        receiver = func.child_by_field_name("object")
        framework = ""
        resolved = False
        for q in self.qualify(receiver):
            module = self.module_of(q)
            resolved = resolved or bool(module)
            framework = framework or V.JS_WEB_FRAMEWORKS.get(module, "")
        framework = framework or ("" if resolved else self.web)
        handlers = [h for h in (self._handler_fn(a) for a in args[1:]) if h is not None]
        detail = _short(f'{self.text(receiver)}.{method}("{path}")')
        if framework and handlers:
            self.routes.append((node, framework, detail, handlers))
        elif framework:  # router.post("/", chatController.chat): flow.py follows the handler
            references = tuple(r for r in (self._reference(a) for a in args[1:] if a.type in ("identifier", "member_expression")) if r)
            if references:
                self.pending.append(("route-to-modules", node, (framework, detail, references)))

    def _handler_fn(self, node: Any, depth: int = 0) -> Optional[_Fn]:
        if node is None or depth > 2:
            return None
        if node.type in _FUNCTIONS:
            return self.fn_by_node.get(node.id)
        if node.type == "identifier":
            return self.fn_by_name.get(self.text(node))
        if node.type == "member_expression":
            prop = node.child_by_field_name("property")
            return self.fn_by_name.get(self.text(prop)) if prop is not None else None
        if node.type == "call_expression":  # asyncHandler(async (req, res) => ...)
            return next((h for h in (self._handler_fn(a, depth + 1) for a in self._args(node)) if h), None)
        return None

    # ---- bindings, objects, arrays, templates

    def _process_bindings(self) -> None:
        for node in self.declarators:
            target = node.child_by_field_name("name")
            value = node.child_by_field_name("value")
            if target is None or value is None or target.type != "identifier":
                continue
            name = self.text(target)
            if self.model_call_count and self._contains_model_answer(value):
                self.answer_names.add(name)
            self._prompt_name(name, value)
            if name == "metadata" and value.type == "object":  # Next.js page metadata
                for string_node, text in self.strings_in(value, frozenset({"title", "default"})):
                    self._text(string_node, text, "page title")
                for string_node, text in self.strings_in(value, frozenset({"description"})):
                    self._text(string_node, text, PAGE_DESCRIPTION_CHANNEL)
        for node in self.assignments:
            left = node.child_by_field_name("left")
            self._prompt_name(_dotted_text(self, left).split(".")[-1], node.child_by_field_name("right"))

    def _prompt_name(self, name: str, value: Any) -> None:
        if name and V.PROMPT_NAME.search(_snake(name)):
            role = V.prompt_role(name)
            self._prompt(value, self.string_value(value), role)

    def _process_object(self, obj: Any) -> None:
        pairs = self._pairs(obj)
        if self.messaging and not {"execute", "run", "handler"}.isdisjoint(pairs):
            self._exported_bot_handler(obj, pairs)
        if "role" in pairs:
            role = (self.string_value(pairs["role"]) or "").lower()
            content = pairs.get("content") or pairs.get("text") or pairs.get("parts")
            if content is not None:
                self._role_message(role, content)
        if self.prompt_context:
            for key in V.JS_SYSTEM_PROMPT_KEYS.intersection(pairs):
                self._prompt(pairs[key], self.string_value(pairs[key]), "system")
        if "model" not in pairs:  # a request's payload names its model: the call reads its prompt
            for key, value in pairs.items():
                if self.prompt_context and key in V.JS_SYSTEM_PROMPT_KEYS:
                    continue
                # A row of a persona table, as in Python: { name: "...", prompt: "You are ..." }.
                if value.type in ("string", "template_string") and V.PROMPT_NAME_HINT.search(key) and V.PROMPT_NAME.search(_snake(key)):
                    text = self.string_value(value)
                    if text and len(text.split()) >= _MIN_PROMPT_WORDS:
                        self._prompt(value, text, V.prompt_role(key))

    def _exported_bot_handler(self, obj: Any, pairs: Dict[str, Any]) -> None:
        """discord.js handler modules: `{ name: Events.MessageCreate, execute(message) {} }`."""
        for key in ("name", "data", "builder"):
            target = pairs.get(key)
            if target is None:
                continue
            names = self.qualify(target) + tuple(t for t in [self.string_value(target)] if t)
            for name in names:
                if V.JS_EXPORTED_BOT_HANDLER.match(name):
                    shown = name.replace("discord.js.", "").split("()")[0]
                    self._surface(obj, "discord", "messaging-bot", f"{key}: {shown}")
                    return

    def _role_message(self, role: str, content: Any) -> None:
        if role in V.ASSISTANT_ROLES:
            for string_node, text in self.strings_in(content, _CONTENT_KEYS):
                self._text(string_node, text, "assistant message")
        elif role in V.SYSTEM_ROLES:
            self._prompt(content, self.string_value(content), "system")
        elif role in V.USER_ROLES:
            self._prompt(content, self.string_value(content), "user")

    def _process_array(self, array: Any) -> None:
        # ["system", "You are ..."] in a langchain ChatPromptTemplate.fromMessages([...]).
        items = [c for c in array.named_children if c.type != "comment"]
        if len(items) != 2:
            return
        role = self.string_value(items[0]) if items[0].type == "string" else None
        if role in V.SYSTEM_ROLES or role in V.USER_ROLES:
            self._prompt(items[1], self.string_value(items[1]), "system" if role in V.SYSTEM_ROLES else "user")

    def _process_template(self, node: Any) -> None:
        # `🤖 AI: ${answer}`: text wrapped around the model's answer reaches the user.
        if node.type == "template_string":
            substitutions = [c for c in node.named_children if c.type == "template_substitution"]
            parts = [c.named_children[0] for c in substitutions if c.named_children]
        else:
            parts = [node.child_by_field_name("left"), node.child_by_field_name("right")]
        if any(p is not None and self._contains_model_answer(p) for p in parts) and not self._logged(node):
            self._text(node, self.string_value(node) or "", "model answer")

    def _logged(self, node: Any) -> bool:
        """Is this value written to a log or put in an error (the operator's, not the user's)?"""
        parent = node.parent
        while parent is not None and parent.type in ("arguments", "parenthesized_expression", "binary_expression"):
            parent = parent.parent
        if parent is None or parent.type not in ("call_expression", "new_expression"):
            return False
        callee = parent.child_by_field_name("function" if parent.type == "call_expression" else "constructor")
        return callee is not None and _LOG_CALLEES.search(_dotted_text(self, callee)) is not None

    def _contains_model_answer(self, node: Any) -> bool:
        """Is this value a model call, or read from one (`completion.choices[0].message.content`)?"""
        for _ in range(32):
            kind = node.type
            if kind in _WRAPPERS or kind == "await_expression":
                if not node.named_children:
                    return False
                node = node.named_children[0]
            elif kind in ("member_expression", "subscript_expression"):
                node = node.child_by_field_name("object")
            elif kind == "call_expression":
                if self.model_call(node) is not None:
                    return True
                func = node.child_by_field_name("function")
                if func is None or func.type != "member_expression":
                    return False
                node = func.child_by_field_name("object")
            else:
                break
            if node is None:
                return False
        return node.type == "identifier" and self.text(node) in self.answer_names

    # ---- JSX

    def _process_jsx(self, node: Any) -> None:
        opening = node if node.type == "jsx_self_closing_element" else node.child_by_field_name("open_tag")
        name_node = opening.child_by_field_name("name") if opening is not None else None
        tag = self.text(name_node) if name_node is not None else ""
        attrs = self._jsx_attributes(opening) if opening is not None else {}
        self._jsx_props(tag, attrs)
        self._text_entry(node, tag, attrs)
        if name_node is not None and tag[:1].isupper():
            self._chat_component(node, name_node, tag)
        if node.type == "jsx_element" and tag not in _SILENT_TAGS and not self._inlined(node, tag):
            self._jsx_children_text(node, tag)

    def _jsx_attributes(self, opening: Any) -> Dict[str, Optional[Any]]:
        attrs: Dict[str, Optional[Any]] = {}
        for child in opening.named_children:
            if child.type != "jsx_attribute" or not child.named_children:
                continue
            parts = child.named_children
            value = parts[1] if len(parts) > 1 else None
            if value is not None and value.type == "jsx_expression":
                value = next((c for c in value.named_children if c.type != "comment"), None)
            attrs[self.text(parts[0])] = value
        return attrs

    def _jsx_props(self, tag: str, attrs: Dict[str, Optional[Any]]) -> None:
        component = tag[:1].isupper() or "." in tag
        for name, value in attrs.items():
            if value is None:
                continue
            if name in _TEXT_PROPS or (component and name in _COMPONENT_TEXT_PROPS):
                text = self.string_value(value)
                if text is not None:
                    self._text(value, text, f"<{tag} {name}>")
                elif value.type in ("ternary_expression", "binary_expression"):
                    for string_node, branch in self.strings_in(value):
                        self._text(string_node, branch, f"<{tag} {name}>")
            elif name in _OBJECT_TEXT_PROPS:
                for string_node, text in self.strings_in(value):
                    self._text(string_node, text, f"<{tag} {name}>")

    def _text_entry(self, node: Any, tag: str, attrs: Dict[str, Optional[Any]]) -> None:
        if self.text_entry is not None:
            return
        if _TEXT_AREAS.search(tag):
            self.text_entry = (node, tag)
        elif _TEXT_INPUTS.search(tag):
            kind = attrs.get("type")
            if kind is None or (self.string_value(kind) or "").lower() in ("text", "search"):
                self.text_entry = (node, tag)

    def _chat_component(self, node: Any, name_node: Any, tag: str) -> None:
        for name in self.qualify(name_node):
            for framework, pattern in V.JS_CHAT_COMPONENTS:
                if pattern.match(name):
                    self._surface(node, framework, "chat-ui", f"<{tag}>")
                    return

    def _inlined(self, node: Any, tag: str) -> bool:
        parent = node.parent
        return tag in _INLINE_TAGS and parent is not None and parent.type == "jsx_element"

    def _jsx_children_text(self, node: Any, tag: str) -> None:
        parts: List[str] = []
        shown: List[Any] = []  # the children that show something, for the text's span
        self._jsx_pieces(node, tag, parts, shown)
        text = " ".join("".join(parts).split())
        if shown:
            span = _Span(self.src, _trimmed_start(self.src, shown[0]), _trimmed_end(self.src, shown[-1]), shown[0].id)
            self._text(span, text, f"<{tag}>" if tag else "<>")
            if PLACEHOLDER in text and self.local_imports:  # <p>{DISCLAIMER}</p>, from the app's own module
                self._references = True
                try:
                    pieces: List[str] = []
                    self._jsx_pieces(node, tag, pieces, [])
                finally:
                    self._references = False
                template = " ".join("".join(pieces).split())
                if REFERENCE_OPEN in template:
                    self._text_from_modules(span, "text", f"<{tag}>" if tag else "<>", template)

    def _jsx_pieces(self, node: Any, tag: str, parts: List[str], shown: List[Any], depth: int = 0) -> None:
        for child in node.named_children:
            kind = child.type
            if kind in ("jsx_text", "html_character_reference"):
                piece = html.unescape(self.text(child))
            elif kind == "jsx_expression":
                piece = self._jsx_expression_text(child, tag)
            elif kind in ("jsx_element", "jsx_self_closing_element") and depth < _MAX_DEPTH:
                if self._inline_tag(child) in _INLINE_TAGS:
                    self._jsx_pieces(child, tag, parts, shown, depth + 1)
                    piece = " " if kind == "jsx_self_closing_element" else ""
                else:
                    piece = " "  # a block of its own: it reports its own text
            else:
                continue
            if piece.strip() and kind != "jsx_element":
                shown.append(child)
            parts.append(piece)

    def _inline_tag(self, element: Any) -> str:
        opening = element if element.type == "jsx_self_closing_element" else element.child_by_field_name("open_tag")
        name = opening.child_by_field_name("name") if opening is not None else None
        return self.text(name) if name is not None else ""

    def _jsx_expression_text(self, node: Any, tag: str) -> str:
        inner = next((c for c in node.named_children if c.type != "comment"), None)
        if inner is None:
            return ""
        value = self.string_value(inner)
        if value is not None:
            return value
        if inner.type in ("ternary_expression", "binary_expression"):  # {isBot ? "AI assistant" : name}
            for string_node, text in self.strings_in(inner):
                self._text(string_node, text, f"<{tag}>" if tag else "<>")
        return PLACEHOLDER

    # ---- surfaces found from the whole file

    def _derive_surfaces(self) -> None:
        reach = reaching_model(self.fn_by_name)

        def answers(fn: _Fn) -> bool:
            return fn.params > 0 and (fn.model_calls > 0 or bool(fn.calls & reach))

        for node, framework, detail, handlers in self.routes:
            serving = [fn for fn in handlers if answers(fn)]
            if serving:
                self._surface(node, framework, "web-route", detail)
                self._response_texts(serving[0])
            elif self.local_imports:
                # router.post("/", async (req, res) => { ... callGemini(prompt) ... }) with
                # callGemini from a service module: flow.py follows the calls to the model
                called = tuple(dict.fromkeys(r for fn in handlers if fn.params > 0 for r in self._imported_calls(fn)))
                if called:
                    self.pending.append(("route-to-modules", node, (framework, detail, called[:20])))
        for node, framework, detail, fn in self._exported_routes():
            if answers(fn):
                self._surface(node, framework, "web-route", detail)
                self._response_texts(fn)
        for name, node, fn in list(self._exported_handlers()) + self._exported_methods():
            # a handler other modules register as a route; a helper a page calls to post
            # its question to the app's chat API (`ask()` in lib/api.ts) asks the model too
            if (self.model_call_count or self.chat_requests) and (answers(fn) or (fn.params > 0 and fn.chat_requests)):
                self.pending.append(("function", node, (name, True, ())))
            elif self.local_imports and fn.params > 0:
                # a step of the project's call graph: a controller that calls a service
                # module's function, which flow.py follows to the model (or not)
                called = self._imported_calls(fn)
                if called:
                    self.pending.append(("function", node, (name, False, called)))
        self._chat_component_of_file()

    def _imported_calls(self, fn: _Fn) -> Tuple[str, ...]:
        """The functions of the app's other modules a function calls, itself or through this
        file's functions (`handle` calls its helper `ask`, which calls the service), as
        references; a method of an instance of another module's class (`new Service().ask()`)
        among them."""
        out: Dict[str, None] = {}
        seen, todo = {id(fn)}, [fn]
        while todo:
            current = todo.pop()
            for call in current.call_nodes:
                func = call.child_by_field_name("function") if call.type == "call_expression" else None
                if func is not None and func.type in ("identifier", "member_expression"):
                    reference = self._reference(func) or self._instance_method(func)
                    if reference:
                        out[reference] = None
            locals_ = [self.fn_by_name.get(name) for name in sorted(current.calls)]
            locals_ += [self._own_method(c) for c in current.call_nodes if c.type == "call_expression"]
            for local in locals_:
                if local is not None and id(local) not in seen:
                    seen.add(id(local))
                    todo.append(local)
        return tuple(out)[:20]

    def _own_method(self, call: Any) -> Optional[_Fn]:
        """`desk.answer(q)` with `desk` only ever `new Desk()`, `Desk` a class of this file: the method."""
        func = call.child_by_field_name("function")
        base = func.child_by_field_name("object") if func is not None and func.type == "member_expression" else None
        prop = func.child_by_field_name("property") if base is not None else None
        made = self._single_value(base) if base is not None and base.type == "identifier" else None
        made = self._unwrapped(made) if made is not None else None
        constructor = made.child_by_field_name("constructor") if made is not None and made.type == "new_expression" else None
        declaration = self.classes.get(self.text(constructor)) if constructor is not None and constructor.type == "identifier" else None
        body = declaration.child_by_field_name("body") if declaration is not None else None
        for member in body.named_children if body is not None and prop is not None else ():
            name = member.child_by_field_name("name") if member.type == "method_definition" else None
            if name is not None and self.text(name) == self.text(prop):
                return self.fn_by_node.get(member.id)
        return None

    def _instance_method(self, func: Any) -> Optional[str]:
        """`service.ask` where `service` is only ever `new Service(...)` and `Service` a class
        another module of the app exports: a reference to the method, named as that module's
        `_exported_methods` names it (`./service#ask` for `module.exports = Service`,
        `./service#Service.ask` for `export class Service`)."""
        if func.type != "member_expression":
            return None
        base, prop = func.child_by_field_name("object"), func.child_by_field_name("property")
        if base is None or prop is None:
            return None
        if base.type == "member_expression":  # this.helper, bound in the constructor
            owner = base.child_by_field_name("object")
            if owner is None or owner.type != "this":
                return None
        elif base.type != "identifier":
            return None
        made = self._single_value(base)
        made = self._unwrapped(made) if made is not None else None
        if made is None or made.type != "new_expression":
            return None
        constructor = made.child_by_field_name("constructor")
        if constructor is None or constructor.type != "identifier" or self.text(constructor) not in self.local_imports:
            return None
        if any(self.text(constructor) == self.text(v) for v in self.assigned.get(self.text(constructor), ()) if not isinstance(v, _Member)):
            return None
        module, whole = self.local_imports[self.text(constructor)]
        method = self.text(prop)
        return f"{module}#{method}" if whole == "*" else f"{module}#{whole}.{method}"

    def _exported_methods(self) -> List[Tuple[str, Any, _Fn]]:
        """The methods of a class the module exports, by the name importers reach them with:
        `module.exports = Service` or `= new Service()` (`service.ask`, `new Service().ask`:
        "ask"), `export class Service` ("Service.ask"), `export default class` or
        `export default new Service()` ("default.ask")."""
        found: List[Tuple[str, Any, Any]] = []  # (prefix, node, class declaration)
        for node in self.assignments:
            if _dotted_text(self, node.child_by_field_name("left")) == "module.exports":
                found.append(("", node, self._class_of(node.child_by_field_name("right"))))
        for export in self.exports:
            default = any(c.type == "default" for c in export.children)
            declaration = export.child_by_field_name("declaration")
            value = export.child_by_field_name("value")
            if declaration is not None and declaration.type == "class_declaration":
                name = declaration.child_by_field_name("name")
                prefix = "default." if default else (self.text(name) + "." if name is not None else "")
                found.append((prefix, export, declaration if prefix else None))
            elif value is not None and default:
                found.append(("default.", export, self._class_of(value)))
        out: List[Tuple[str, Any, _Fn]] = []
        for prefix, node, declaration in found:
            body = declaration.child_by_field_name("body") if declaration is not None else None
            for member in body.named_children if body is not None else ():
                name = member.child_by_field_name("name") if member.type == "method_definition" else None
                fn = self.fn_by_node.get(member.id)
                if name is not None and fn is not None and self.text(name) != "constructor":
                    out.append((prefix + self.text(name), node, fn))
        return out

    @staticmethod
    def _unwrapped(node: Any) -> Optional[Any]:
        while node is not None and (node.type in _WRAPPERS or node.type == "await_expression"):
            node = node.named_children[0] if node.named_children else None
        return node

    def _class_of(self, value: Optional[Any]) -> Optional[Any]:
        """The class declaration of this file a value names (`Service`) or makes (`new Service()`)."""
        value = self._unwrapped(value) if value is not None else None
        if value is not None and value.type in ("class", "class_declaration"):
            return value
        if value is not None and value.type == "new_expression":
            value = value.child_by_field_name("constructor")
        if value is None or value.type != "identifier":
            return None
        return self.classes.get(self.text(value))

    def _exported_handlers(self) -> Iterator[Tuple[str, Any, _Fn]]:
        """Functions the module exports, by the name importers use: `export function chat`,
        `exports.chat = ...`, `module.exports = { chat }`, `module.exports.chat = ...`."""
        for export in self.exports:
            for name, fn in self._exported_functions(export):
                yield name, export, fn
        for node in self.assignments:
            target = _dotted_text(self, node.child_by_field_name("left"))
            right = node.child_by_field_name("right")
            if target.startswith(("exports.", "module.exports.")) and target.count(".") == target.startswith("module.") + 1:
                fn = self._handler_fn(right)
                if fn is not None:
                    yield target.rsplit(".", 1)[1], node, fn
            elif target == "module.exports" and right is not None and right.type == "object":
                for key, value in self._pairs(right).items():
                    fn = self._handler_fn(value) if value is not None else None
                    if fn is None and value is not None and value.type == "shorthand_property_identifier":
                        fn = self.fn_by_name.get(self.text(value))
                    if fn is not None:
                        yield key, node, fn

    def _exported_routes(self) -> List[Tuple[Any, str, str, _Fn]]:
        """Next.js and SvelteKit route handlers: `export async function POST(req)`."""
        app = _NEXT_APP_ROUTE.search(self.path)
        pages = _NEXT_PAGES_API.search(self.path)
        svelte = _SVELTEKIT_SERVER.search(self.path)
        match = app or pages or svelte
        if match is None:
            return []
        framework = "sveltekit" if svelte else "nextjs"
        route = re.sub(r"/\([^/]*\)", "", match.group(1) or "") or "/"
        out = []
        for export in self.exports:
            for name, fn in self._exported_functions(export):
                if (name == "default") == bool(pages) and (pages or name in V.JS_ROUTE_EXPORTS):
                    out.append((export, framework, f"{'handler' if pages else name} {route}", fn))
        return out

    def _exported_functions(self, export: Any) -> List[Tuple[str, _Fn]]:
        default = any(c.type == "default" for c in export.children)
        found: List[Tuple[str, Optional[_Fn]]] = []
        declaration = export.child_by_field_name("declaration")
        value = export.child_by_field_name("value")
        if declaration is not None and declaration.type in _FUNCTIONS:
            name = "default" if default else self._function_name(declaration)
            found.append((name, self.fn_by_node.get(declaration.id)))
        elif declaration is not None and declaration.type in ("lexical_declaration", "variable_declaration"):
            for declarator in declaration.named_children:
                name = declarator.child_by_field_name("name")
                if name is not None and declarator.type == "variable_declarator":
                    found.append((self.text(name), self._handler_fn(declarator.child_by_field_name("value"))))
        elif value is not None and default:
            found.append(("default", self._handler_fn(value)))
        for clause in (c for c in export.named_children if c.type == "export_clause"):
            for spec in clause.named_children:
                name, alias = spec.child_by_field_name("name"), spec.child_by_field_name("alias")
                if name is not None:
                    found.append((self.text(alias or name), self.fn_by_name.get(self.text(name))))
        return [(name, fn) for name, fn in found if fn is not None]

    def _module_texts(self) -> None:
        """The texts this module exports, under the names other modules import: constants
        (`export const DISCLAIMER = "..."`), what a function returns (`buildPrompt()`), the
        default export, and names listed in `export { ... }`."""
        for export in self.exports:
            default = any(c.type == "default" for c in export.children)
            declaration = export.child_by_field_name("declaration")
            value = export.child_by_field_name("value")
            if declaration is not None and declaration.type in ("lexical_declaration", "variable_declaration"):
                for declarator in declaration.named_children:
                    name = declarator.child_by_field_name("name") if declarator.type == "variable_declarator" else None
                    if name is not None and name.type == "identifier":
                        self._export(self.text(name), declarator.child_by_field_name("value"))
            elif declaration is not None and declaration.type in _FUNCTIONS:
                self._export_function("default" if default else self._function_name(declaration), declaration)
            elif value is not None and default:
                if value.type in _FUNCTIONS:
                    self._export_function("default", value)
                else:
                    self._export("default", value)
            for clause in (c for c in export.named_children if c.type == "export_clause"):
                for spec in clause.named_children:
                    name, alias = spec.child_by_field_name("name"), spec.child_by_field_name("alias")
                    if name is not None and len(self.assigned.get(self.text(name)) or []) == 1:
                        self._export(self.text(alias or name), self.assigned[self.text(name)][0])

    def _export_function(self, name: str, node: Any) -> None:
        fn = self.fn_by_node.get(node.id)
        body = node.child_by_field_name("body")
        if body is not None and body.type != "statement_block":  # (topic) => `...`
            self._export(f"{name}()", body)
        elif fn is not None and len(fn.returns) == 1:
            self._export(f"{name}()", fn.returns[0])

    def _export(self, name: str, value: Optional[Any], depth: int = 0) -> None:
        if value is None or isinstance(value, _Member):
            return
        if value.type in _FUNCTIONS:
            self._export_function(name, value)
            return
        if value.type == "object" and depth < 2:  # export const config = { system: "..." }
            for key, item in self._pairs(value).items():
                if item is not None and item.type not in _FUNCTIONS:
                    self._export(f"{name}.{key}", item, depth + 1)
            return
        text = text_with_references(self, value)
        if exportable(text, PLACEHOLDER):
            self.pending.append(("module-text", value, (name, text)))

    def _response_texts(self, fn: _Fn) -> None:
        for value in fn.returns:
            for string_node, text in self.strings_in(value):
                self._text(string_node, text, "http response")
        for call in fn.call_nodes:
            func = call.child_by_field_name("function" if call.type == "call_expression" else "constructor")
            if func is None:
                continue
            name = self.text(func.child_by_field_name("property") or func if func.type == "member_expression" else func)
            if name in _RESPONSE_METHODS or name in ("Response", "NextResponse"):
                self._call_texts(call, "http response", 1, None)

    def _chat_component_of_file(self) -> None:
        """A component with a text input that posts to a chat API or calls a model: a chat UI."""
        if self.chat_hook or self.text_entry is None:
            return
        node, tag = self.text_entry
        if self.chat_requests:
            self._surface(node, "react", "chat-ui", f"<{tag}> posting to {self.chat_requests[0]}")
        elif self.first_model_api:
            self._surface(node, "react", "chat-ui", f"<{tag}> calling {self.first_model_api}")
        else:  # a helper of another module that may post to the chat API: flow.py follows it
            called = dict.fromkeys(
                r for r in (self._reference(c.child_by_field_name("function")) for c, _ in self.calls if c.child_by_field_name("function") is not None and c.child_by_field_name("function").type == "identifier") if r
            )
            if called:
                first = next(iter(called)).rsplit("#", 1)[-1]
                self.pending.append(("route-to-modules", node, ("react", f"<{tag}> calling {first}()", tuple(called)[:20], "chat-ui")))

    # ---- facts

    def _location(self, node: Any) -> Location:
        (line, column), (end_line, end_column) = node.start_point, node.end_point
        if not self.ascii_only:  # tree-sitter columns count bytes; editors count characters
            column = len(self.src[node.start_byte - column : node.start_byte].decode("utf-8", "replace"))
            end_column = len(self.src[node.end_byte - end_column : node.end_byte].decode("utf-8", "replace"))
        return Location(self.path, line + 1, column + 1, end_line + 1, end_column + 1)

    def _facts(self, root: Any) -> FileFacts:
        calls, surfaces, texts, prompts = [], [], [], []
        module_texts: List[ModuleText] = []
        answer_checks: List[AnswerCheck] = []
        from_modules: List[TextFromModules] = []
        functions: List[ModuleFunction] = []
        routes: List[RouteToModules] = []
        library_calls: List[LibraryCall] = []
        for kind, node, payload in self.pending:
            if kind == "function":
                functions.append(ModuleFunction(self._location(node), *payload))
            elif kind == "route-to-modules":
                routes.append(RouteToModules(self._location(node), *payload))
            elif kind == "call":
                calls.append(ModelCall(self._location(node), payload[0], payload[1]))
            elif kind == "surface":
                surfaces.append(ChatSurface(self._location(node), *payload))
            elif kind == "text":
                texts.append(UserFacingText(self._location(node), *payload))
            elif kind == "module-text":
                module_texts.append(ModuleText(self._location(node), *payload))
            elif kind == "from-modules":
                from_modules.append(TextFromModules(self._location(node), *payload))
            elif kind == "answer-check":
                answer_checks.append(AnswerCheck(self._location(node), *payload))
            elif kind == "library":
                library_calls.append(LibraryCall(self._location(node), *payload))
            else:
                prompts.append(Prompt(self._location(node), *payload))
        model_imports = [
            ModelImport(self._location(node), provider, module)
            for node, module in self.import_sites
            for provider in [V.js_sdk_provider(module)]
            if provider
        ]
        modules = tuple(sorted(m for m in self.modules if not _is_local(m)))
        problems: Tuple[FileProblem, ...] = ()
        if root.has_error and not self.pending and not model_imports and self.error_bytes * 2 > len(self.src):
            problems = (self._syntax_problem(),)
        order = lambda f: (f.location.line, f.location.column)  # noqa: E731
        return FileFacts(
            path=self.path,
            language=self.language,
            model_calls=tuple(sorted(calls, key=order)),
            model_imports=tuple(sorted(model_imports, key=order)),
            chat_surfaces=tuple(sorted(surfaces, key=order)),
            user_texts=tuple(sorted(texts, key=order)),
            prompts=tuple(sorted(prompts, key=order)),
            imports=modules,
            module_texts=tuple(sorted(module_texts, key=order)),
            answer_checks=tuple(sorted(answer_checks, key=order)),
            texts_from_modules=tuple(sorted(from_modules, key=order)),
            module_functions=tuple(sorted(functions, key=order)),
            routes_to_modules=tuple(sorted(routes, key=order)),
            library_calls=tuple(sorted(library_calls, key=order)),
            problems=problems,
        )

    def _syntax_problem(self) -> FileProblem:
        where = self._location(self.first_error) if self.first_error is not None else Location(self.path, 1)
        name = "TypeScript" if self.language == "typescript" else "JavaScript"
        return FileProblem(self.path, f"syntax error: most of the file is not valid {name}", where.line, where.column)


# --------------------------------------------------------------------------- helpers


def _snake(name: str) -> str:
    """`systemPrompt` -> `system_Prompt`: camelCase words apart, as PROMPT_NAME reads them."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name)


class _Span:
    """A stretch of the file that is not one node (a JSX text without its indentation)."""

    def __init__(self, src: bytes, start: int, end: int, node_id: int) -> None:
        self.start_byte, self.end_byte, self.id = start, max(start, end), node_id
        self.start_point = _point(src, self.start_byte)
        self.end_point = _point(src, self.end_byte)


def _point(src: bytes, offset: int) -> Tuple[int, int]:
    return src.count(b"\n", 0, offset), offset - (src.rfind(b"\n", 0, offset) + 1)


def _trimmed_start(src: bytes, node: Any) -> int:
    raw = src[node.start_byte : node.end_byte]
    return node.start_byte + len(raw) - len(raw.lstrip())


def _trimmed_end(src: bytes, node: Any) -> int:
    raw = src[node.start_byte : node.end_byte]
    return node.start_byte + len(raw.rstrip())


def _dotted_text(extraction: _Extraction, node: Optional[Any]) -> str:
    """`a.b.c` / `this.client` for name chains, "" for anything else."""
    if node is None:
        return ""
    kind = node.type
    if kind in ("identifier", "this", "shorthand_property_identifier", "property_identifier"):
        return extraction.text(node)
    if kind == "member_expression":
        base = _dotted_text(extraction, node.child_by_field_name("object"))
        prop = node.child_by_field_name("property")
        return f"{base}.{extraction.text(prop)}" if base and prop is not None else ""
    return ""


def _short(detail: str) -> str:
    """One line of at most 60 characters, for a surface's detail."""
    detail = " ".join(detail.split())
    return detail if len(detail) <= 60 else detail[:57] + "..."


def _is_local(module: str) -> bool:
    """A path into the app itself ("./db", "@/lib/ai"), not a package."""
    return module.startswith((".", "/", "@/", "~/", "#"))


def _operator(node: Any) -> str:
    op = node.child_by_field_name("operator")
    return op.type if op is not None else ""


def _join(base: str, name: str) -> str:
    return base if name == "default" else f"{base}.{name}"


def _instance(name: str) -> str:
    """What `new X()` makes: a package's default class is named after it ("openai.OpenAI()")."""
    default = V.JS_DEFAULT_EXPORTS.get(name)
    return f"{name}.{default}()" if default else f"{name}()"


def _short_api(callee: str) -> str:
    """`openai.OpenAI().chat.completions.create` -> `OpenAI().chat.completions.create`."""
    parts = callee.split(".")
    for i, part in enumerate(parts):
        if part.endswith("()") and i > 0:
            return ".".join(parts[i:])
    return callee


def _endpoint(url: str, source: str, payload_names_model: bool) -> str:
    """The model endpoint a POST goes to, or "": relative URLs are the app's own backend."""
    absolute = url.startswith(PLACEHOLDER) or re.match(r"^(https?:)?//", url, re.IGNORECASE) is not None
    if not absolute:
        return ""
    for label, pattern in V.VOICE_ENDPOINTS:
        if pattern.search(url):
            return f"POST {label}{V.VOICE_ENDPOINT_SUFFIX}"
    for label, pattern in V.MODEL_ENDPOINTS:
        if pattern.search(url):
            return f"POST {label} endpoint"
    if V.OLLAMA_PATHS.search(url):
        hinted = V.OLLAMA_HINT.search(url) or V.OLLAMA_HINT.search(source)
        if hinted or (payload_names_model and not url.startswith(PLACEHOLDER)):
            return "POST ollama endpoint"
    return ""


_ESCAPE = compile_pattern(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])")
_SIMPLE_ESCAPES = {
    "n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0",
    "\n": "", "\r\n": "", "\r": "",  # a backslash before a line break continues the line
}


def _unescape(raw: str) -> str:
    if "\\" not in raw:
        return raw

    def one(match: "re.Match[str]") -> str:
        body = match.group(1)
        if body[0] in "ux" and len(body) > 1:
            try:
                return chr(int(body.strip("u{}x") if body[0] == "u" else body[1:], 16))
            except ValueError:
                return body
        return _SIMPLE_ESCAPES.get(body, body)

    return _ESCAPE.sub(one, raw)
