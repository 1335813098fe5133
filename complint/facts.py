"""The fact types: what one file says about the app, with no judgement attached."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Callable, Dict, Tuple, Type, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Location:
    """A span in a file; lines and columns are 1-based, as editors show them."""

    path: str
    line: int
    column: int = 1
    end_line: int = 0
    end_column: int = 0


@dataclass(frozen=True)
class ModelCall:
    """A call that sends something to a model API (SDK call or HTTP request)."""

    location: Location
    provider: str  # openai, anthropic, http, ...
    api: str  # what was called, in the SDK's own terms: "chat.completions.create"


@dataclass(frozen=True)
class ModelImport:
    """An import of a model SDK: weaker evidence than a call, but evidence."""

    location: Location
    provider: str
    module: str


@dataclass(frozen=True)
class ChatSurface:
    """A place where end users converse with the app."""

    location: Location
    framework: str  # streamlit, gradio, chainlit, discord, telegram, flask, console, ...
    kind: str  # chat-ui | messaging-bot | web-route | console-loop
    detail: str  # the construct that makes it one: "st.chat_input", "@app.post('/chat')"


# The channel of texts that are user-facing only where code shows their file (Markdown docs).
DOCUMENT_CHANNEL = "document"
# A page's meta description: shown in search results and link previews, not in the app.
PAGE_DESCRIPTION_CHANNEL = "page description"
# What the app writes into a Markdown or HTML file with the model's answer: a publication.
PUBLISHED_CHANNEL = "published file"


@dataclass(frozen=True)
class UserFacingText:
    """Text end users can see. Interpolated parts are replaced by a placeholder."""

    location: Location
    text: str
    channel: str  # the construct that shows it: "st.caption", "bot reply", "console"


@dataclass(frozen=True)
class Prompt:
    """Text sent to a model as instructions; users never see it."""

    location: Location
    text: str
    role: str  # system | user | tool (tool descriptions the model reads) | unknown
    # The text again with one interpolated value filled in, once for each literal it can
    # take (`f"You are {celebrity}"`, celebrity picked from a list or a selectbox of names).
    variants: Tuple[str, ...] = ()


@dataclass(frozen=True)
class PromptFilledByUser:
    """A prompt with a value users type in it (`f"You are {name}"`, name from
    `st.text_input("Who do you want to talk to?")`): it becomes whatever they ask for."""

    location: Location
    text: str  # the prompt, with the typed value as "{…}"
    asked: str  # what users are asked: the text box's label or input()'s prompt ("" if none)


@dataclass(frozen=True)
class LibraryCall:
    """A call into a library whose calls say what the app does (face and biometric libraries)."""

    location: Location
    callee: str  # resolved and dotted: "face_recognition.compare_faces", "deepface.DeepFace.find"
    strings: Tuple[str, ...] = ()  # literal texts among its arguments: ("race", "gender")


@dataclass(frozen=True)
class AnswerCheck:
    """A condition that tests a model's answer against literal text (`if "REJECT" in answer`)
    or a number the model answered against a threshold (`if int(score) >= 7`)."""

    location: Location
    strings: Tuple[str, ...]  # the texts the answer is compared with
    threshold: str = ""  # for a number: the comparison and the number (">= 7")
    # What another module's function returns, when that is what is tested (`match_score(r) >= 70`
    # with match_score imported), as a reference: flow.py keeps the check, in the facts of the
    # module that asks the model, only if the function returns the model's answer.
    source: str = ""


@dataclass(frozen=True)
class ShownFile:
    """A file whose text the app reads and shows users: `st.markdown(open("ui/about.md").read())`."""

    location: Location
    target: str  # the path as the code names it, relative to the project root or to the file


# Where a text holds a name another module of the project defines: `⟦.texts.DISCLAIMER⟧`
# (the module as the importing file names it, relative ones with their dots, then the name;
# `()` after a function's name stands for what it returns), or `⟦data:personas.json#keys⟧`.
REFERENCE_OPEN, REFERENCE_CLOSE = "\u27e6", "\u27e7"


# The sink of a TextFromModules that is a prompt users fill: `persona_prompt(who)`.
TYPED_PROMPT = "prompt filled by user"
# The sink of a TextFromModules written to a published page (`page.write_text(summarize(x))`):
# its template is the function of another module whose result is written; a publication when
# that function returns the model's answer.
PUBLISHED_ANSWER = "published answer"


@dataclass(frozen=True)
class ModuleText:
    """A text a module binds to a name other modules may import: `DISCLAIMER = "..."`, a class
    attribute (`Texts.DISCLAIMER`), an object's attribute (`texts.DISCLAIMER`), or what a
    function returns (`system_prompt()`). The text may hold references to other modules."""

    location: Location
    name: str
    text: str


@dataclass(frozen=True)
class TextFromModules:
    """A user-facing text or a prompt built from names other modules define, for the project to
    resolve: `message.reply(answer + DISCLAIMER)` with DISCLAIMER imported from texts.py."""

    location: Location
    # "text" (a UserFacingText) | "prompt" (a Prompt) | "prompt variants" (variants of the
    # prompt at this place, one per text of a data file: `⟦data:personas.json#keys⟧`, the
    # file as the code names it, then which of its texts: keys, values, field:<key>) |
    # TYPED_PROMPT (a PromptFilledByUser: another module's function makes the prompt from a
    # value users type here)
    sink: str
    kind: str  # the text's channel, the prompt's role, or what users are asked (TYPED_PROMPT)
    template: str  # the text, with each such name as a reference and other values as "{…}"


@dataclass(frozen=True)
class ModuleFunction:
    """A function other modules may call, that asks a model itself or calls functions of
    other modules (which may): a step of the project's call graph (flow.py)."""

    location: Location
    name: str
    calls_model: bool
    calls: Tuple[str, ...] = ()  # functions of other modules it calls, as references
    # The model's answer is read as data (its fields: a verdict for another program), not
    # passed on as a text: the function answers no conversation.
    parses_answer: bool = False
    returns_answer: bool = False  # what it returns is the model's answer or computed from it


@dataclass(frozen=True)
class RouteToModules:
    """A web route that takes user input (or a page's question box) and calls functions of
    other modules: a chat surface where one of them reaches a model (flow.py decides)."""

    location: Location
    framework: str
    detail: str
    calls: Tuple[str, ...]  # as references: ".llm.ask", "services.chat.answer"
    kind: str = "web-route"  # the surface it is (a ChatSurface kind): a route, or a Q&A form


@dataclass(frozen=True)
class Suppression:
    """An inline `complint: ignore[...]` comment."""

    location: Location
    codes: Tuple[str, ...]  # empty: every code
    reason: str
    file_level: bool = False


@dataclass(frozen=True)
class Dependency:
    """A package a manifest depends on (requirements.txt, pyproject, package.json)."""

    location: Location
    name: str  # as the ecosystem spells it: "openai", "@anthropic-ai/sdk"
    ecosystem: str  # pypi | npm


@dataclass(frozen=True)
class ManifestText:
    """What a manifest says the app is: description, keywords, classifiers, title."""

    location: Location
    field: str  # description | keywords | classifier | name | title
    text: str


@dataclass(frozen=True)
class DeclaredValue:
    """One key of the app's declaration ([tool.complint.app] or complint.yaml)."""

    key: str  # dotted for nested values: "personas[0].kind"
    value: Any  # JSON-able: str, int, bool, list, dict
    line: int


@dataclass(frozen=True)
class Declaration:
    """The app's own declaration of what it is, with a line for every key."""

    location: Location
    values: Tuple[DeclaredValue, ...]
    error: str = ""  # the file could not be read as a declaration (YAML/TOML syntax)


@dataclass(frozen=True)
class FileProblem:
    """Why a file could not be read or parsed (the scan goes on without it)."""

    path: str
    message: str
    line: int = 0
    column: int = 0


@dataclass(frozen=True)
class FileFacts:
    """Everything one file contributes to the project model."""

    path: str  # posix path relative to the project root
    language: str
    model_calls: Tuple[ModelCall, ...] = ()
    model_imports: Tuple[ModelImport, ...] = ()
    chat_surfaces: Tuple[ChatSurface, ...] = ()
    user_texts: Tuple[UserFacingText, ...] = ()
    prompts: Tuple[Prompt, ...] = ()
    suppressions: Tuple[Suppression, ...] = ()
    imports: Tuple[str, ...] = ()  # every module the file imports, dotted, for library checks
    shown_files: Tuple[ShownFile, ...] = ()
    dependencies: Tuple[Dependency, ...] = ()
    manifest_texts: Tuple[ManifestText, ...] = ()
    declarations: Tuple[Declaration, ...] = ()
    library_calls: Tuple[LibraryCall, ...] = ()
    answer_checks: Tuple[AnswerCheck, ...] = ()
    module_texts: Tuple[ModuleText, ...] = ()
    prompts_filled_by_user: Tuple[PromptFilledByUser, ...] = ()
    module_functions: Tuple[ModuleFunction, ...] = ()
    routes_to_modules: Tuple[RouteToModules, ...] = ()
    texts_from_modules: Tuple[TextFromModules, ...] = ()
    problems: Tuple[FileProblem, ...] = ()
    note: str = ""  # e.g. why a file was read but not parsed

    def to_dict(self) -> Dict[str, Any]:
        """The facts as JSON's types (dicts, lists, strings, numbers, booleans, None)."""
        return plain(self)  # type: ignore[no-any-return]

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "FileFacts":
        """Rebuild from `to_dict` output (the cache stores facts as JSON)."""
        kinds: Dict[str, Type[Any]] = {
            "model_calls": ModelCall,
            "model_imports": ModelImport,
            "chat_surfaces": ChatSurface,
            "user_texts": UserFacingText,
            "prompts": Prompt,
            "suppressions": Suppression,
            "shown_files": ShownFile,
            "dependencies": Dependency,
            "manifest_texts": ManifestText,
            "library_calls": LibraryCall,
            "answer_checks": AnswerCheck,
            "module_texts": ModuleText,
            "prompts_filled_by_user": PromptFilledByUser,
            "module_functions": ModuleFunction,
            "routes_to_modules": RouteToModules,
            "texts_from_modules": TextFromModules,
        }
        values: Dict[str, Any] = {}
        for f in fields(cls):
            raw = data.get(f.name, f.default)
            if f.name in kinds:
                raw = tuple(_build(kinds[f.name], item) for item in raw)
            elif f.name == "problems":
                raw = tuple(FileProblem(**item) for item in raw)
            elif f.name == "declarations":
                raw = tuple(_declaration(item) for item in raw)
            elif isinstance(raw, list):
                raw = tuple(raw)
            values[f.name] = raw
        return cls(**values)


def check_types(value: Any) -> None:
    """Raises TypeError unless every field of the fact `value` (and of the facts it holds)
    has its declared type: facts read back from a cache file may have been damaged."""
    if _valid_of(type(value))(value):  # the common case, by checkers made once per type
        return
    hints = _hints(type(value))
    for name, hint in hints.items():  # the slow way, for the message that says where
        _check(getattr(value, name), hint, f"{type(value).__name__}.{name}")


_VALID: Dict[Any, Callable[[Any], bool]] = {}


def _valid_of(kind: type) -> Callable[[Any], bool]:
    """A function that says whether a `kind` (a fact's class) has every field of its type."""
    found = _VALID.get(kind)
    if found is None:
        _VALID[kind] = lambda value: True  # while its fields' checkers are made (a fact holding its kind)
        checks = tuple((name, _valid_hint(hint)) for name, hint in _hints(kind).items())
        found = _VALID[kind] = lambda value: all(check(getattr(value, name)) for name, check in checks)
    return found


def _valid_hint(hint: Any) -> Callable[[Any], bool]:
    """`_check`, as a function made once, that answers instead of raising."""
    import typing

    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any:
        return lambda value: True
    if origin is typing.Union:
        inner = _valid_hint(next(a for a in args if a is not type(None)))
        if type(None) in args:
            return lambda value: value is None or inner(value)
        return inner
    if origin is tuple:
        item = _valid_hint(args[0])
        return lambda value: isinstance(value, tuple) and all(item(i) for i in value)
    if hasattr(hint, "__dataclass_fields__"):
        return lambda value: isinstance(value, hint) and _valid_of(hint)(value)
    if hint is int:
        return lambda value: isinstance(value, int) and not isinstance(value, bool)
    if isinstance(hint, type):
        return lambda value: isinstance(value, hint)
    return lambda value: True


_HINTS: Dict[type, Dict[str, Any]] = {}


def _hints(kind: type) -> Dict[str, Any]:
    if kind not in _HINTS:
        import typing

        _HINTS[kind] = typing.get_type_hints(kind)
    return _HINTS[kind]


def _check(value: Any, hint: Any, where: str) -> None:
    import typing

    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any:
        return
    if origin is typing.Union:
        if value is None and type(None) in args:
            return
        hint = next(a for a in args if a is not type(None))
        origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple:
        if not isinstance(value, tuple):
            raise TypeError(f"{where}: expected a list, got {type(value).__name__}")
        for item in value:
            _check(item, args[0], where)
    elif hasattr(hint, "__dataclass_fields__"):
        if not isinstance(value, hint):
            raise TypeError(f"{where}: expected {hint.__name__}, got {type(value).__name__}")
        check_types(value)
    elif isinstance(hint, type) and not isinstance(value, hint) or hint is int and isinstance(value, bool):
        raise TypeError(f"{where}: expected {getattr(hint, '__name__', hint)}, got {type(value).__name__}")


_SCALARS = frozenset({str, int, float, bool, type(None)})
_FIELD_NAMES: Dict[type, Tuple[str, ...]] = {}


def plain(value: Any) -> Any:
    """`dataclasses.asdict`, with lists for tuples, and without its deep copies of every
    value: a tenth of the time, which mattered for a repository of a thousand pages."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is tuple or kind is list:
        return [plain(item) for item in value]
    if kind is dict:
        return {key: plain(item) for key, item in value.items()}
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(f.name for f in fields(value))
    return {name: plain(getattr(value, name)) for name in names}


def _declaration(item: Dict[str, Any]) -> Declaration:
    return Declaration(
        location=Location(**item["location"]),
        values=tuple(DeclaredValue(**v) for v in item["values"]),
        error=item.get("error", ""),
    )


def _build(kind: Type[T], item: Dict[str, Any]) -> T:
    item = dict(item)
    item["location"] = Location(**item["location"])
    for f in fields(kind):  # type: ignore[arg-type]
        if isinstance(item.get(f.name), list):
            item[f.name] = tuple(item[f.name])
    return kind(**item)


__all__ = [
    "DOCUMENT_CHANNEL",
    "PAGE_DESCRIPTION_CHANNEL",
    "PUBLISHED_CHANNEL",
    "AnswerCheck",
    "ChatSurface",
    "Declaration",
    "DeclaredValue",
    "Dependency",
    "FileFacts",
    "FileProblem",
    "LibraryCall",
    "Location",
    "ManifestText",
    "ModelCall",
    "ModelImport",
    "ModuleFunction",
    "ModuleText",
    "Prompt",
    "PromptFilledByUser",
    "ShownFile",
    "REFERENCE_CLOSE",
    "REFERENCE_OPEN",
    "RouteToModules",
    "Suppression",
    "TextFromModules",
    "TYPED_PROMPT",
    "PUBLISHED_ANSWER",
    "UserFacingText",
]
