"""Markup extractor: what users see in HTML, Jinja/Django templates, Vue and Svelte components.

Template syntax is masked first, one character for one, so the stdlib HTMLParser reads
plain HTML and every position it reports is the position in the original file:

- comments (`{# #}`, `{% comment %}…{% endcomment %}`) become characters that show nothing;
- expressions and tags (`{{ x }}`, `{% if %}`, Svelte `{x}`) become value characters,
  which a text shows as the placeholder `{…}`;
- a translated or quoted literal (`{{ _("…") }}`, `{% trans "…" %}`, `{{ "…" }}`) keeps
  its characters, since users see exactly it; the syntax around it shows nothing.

Text nodes are joined into one text per block: inline elements (`<b>`, `<a>`, `<span>`,
`<br>`, …) and comments do not end a text, anything else does, so
`<p>Answers are <b>generated</b> by AI</p>` is one text, as a reader sees it.

Vue and Svelte `<script>` blocks are the component's code: they go to the JS/TS extractor,
in place. Inline scripts of HTML pages and templates are not read: they are glue, often
with template syntax inside, and the app's logic lives in its .js/.py files.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import PurePosixPath
from typing import Dict, List, Optional, Sequence, Tuple

from ..facts import (
    PAGE_DESCRIPTION_CHANNEL,
    ChatSurface,
    FileFacts,
    FileProblem,
    Location,
    Prompt,
    UserFacingText,
)
from ..patterns import compile as compile_pattern

# Never prefiltered: every template may carry the app's AI disclosure, and the phrases
# that count as one are configurable.
PREFILTER_WORDS = None

PLACEHOLDER = "{…}"
_VALUE = "\ue000"  # part of an expression users see the value of, which complint cannot
_NOTHING = "\ue001"  # template syntax that shows nothing (comments, the `{{ _(` of a literal)
# Characters of a kept literal that would end an attribute or open a tag in the masked
# text wear a private-use disguise, and take their own shape again in the texts.
_DISGUISE = {" ": "\ue010", "\t": "\ue011", '"': "\ue012", "'": "\ue013", "<": "\ue014",
             ">": "\ue015", "=": "\ue016", "`": "\ue017", "&": "\ue018", "/": "\ue019"}
_HIDE = str.maketrans(_DISGUISE)
_SHOW = str.maketrans({**{v: k for k, v in _DISGUISE.items()}, _NOTHING: None})
_VALUES = compile_pattern(_VALUE + r"(?:\s*" + _VALUE + ")*")
_MASKED = compile_pattern("[\ue000-\ue019]")

_LANGUAGES = {".vue": "vue", ".svelte": "svelte"}

# Elements inside a run of text: they do not end it. Anything else (p, div, li, button,
# td, custom components, ...) does.
_INLINE = frozenset(
    "a abbr b bdi bdo big br cite code data del dfn em font i img ins kbd mark nobr q rp rt "
    "ruby s samp small span strike strong sub sup time tt u var wbr router-link routerlink "
    "nuxt-link nuxtlink".split()
)
_VOID = frozenset("area base br col embed hr img input keygen link meta param source track wbr".split())
# Attributes users read (tooltips, placeholders, alternative text, labels).
_SHOWN_ATTRIBUTES = frozenset(
    {"title", "placeholder", "alt", "aria-label", "aria-description", "aria-placeholder", "label"}
)
_BUTTON_INPUTS = frozenset({"submit", "button", "reset"})
_DESCRIPTION_META = frozenset({"description", "og:description", "twitter:description"})


def extract_markup(source: str, path: str) -> FileFacts:
    """Facts of one markup file; markup too broken to read gives a problem, not a crash."""
    language = _LANGUAGES.get(PurePosixPath(path).suffix.lower(), "html")
    if PurePosixPath(path).suffix.lower() in _EJS_SUFFIXES:
        source = _as_jinja(source)
    if not source.strip():
        return FileFacts(path=path, language=language)
    if PurePosixPath(path).suffix.lower() in _TEXT_TEMPLATE_SUFFIXES and not _HTML_TAG.search(source):
        return _prompt_template(source, path)
    parser = _Markup(source, mask(source, language), path, language)
    problems: Tuple[FileProblem, ...] = ()
    try:
        parser.feed(parser.masked)
        parser.close()
    except Exception as exc:  # HTMLParser is tolerant, but older versions assert on odd `<!`
        line, column = parser.getpos()
        problems = (FileProblem(path, f"cannot parse markup: {exc}", line, column + 1),)
    parser.finish()
    scripts = _script_facts(source, path, language, parser.scripts)
    order = lambda f: (f.location.line, f.location.column)  # noqa: E731
    return FileFacts(
        path=path,
        language=language,
        model_calls=scripts.model_calls,
        model_imports=scripts.model_imports,
        chat_surfaces=tuple(sorted(parser.surfaces + list(scripts.chat_surfaces), key=order)),
        user_texts=tuple(sorted(parser.texts + list(scripts.user_texts), key=order)),
        prompts=scripts.prompts,
        imports=scripts.imports,
        problems=problems + scripts.problems,
    )


# Embedded JavaScript templates (Express's usual view engine): `<%= value %>` and `<%- html %>`
# show a value, `<% code %>` and `<%# comment %>` show nothing. Read as the Jinja value and
# comment that do the same, each of the same length, so every position stays where it was.
_EJS_SUFFIXES = frozenset({".ejs"})
_EJS_TAG = compile_pattern(r"<%([#=_-]?)((?:(?!%>)[\s\S]){0,5000}?)%>")


def _as_jinja(source: str) -> str:
    def swap(match: "re.Match[str]") -> str:
        kind, inner = match.group(1), match.group(2)
        if kind in ("=", "-"):
            return "{{ " + inner + "}}"
        return "{#" + " " * len(kind) + re.sub(r"[^\n]", " ", inner) + "#}"  # code: it shows nothing

    return _EJS_TAG.sub(swap, source)


def html_texts(source: str) -> Optional[List[Tuple[str, str]]]:
    """The texts users read in an HTML page kept in code (a string a route returns), with
    their channels; None when the text is no HTML page."""
    if not _HTML_TAG.search(source):
        return None
    page = extract_markup(source, "page.html")
    return [(t.text, t.channel) for t in page.user_texts]


# ----------------------------------------------------------------------------- text templates

# A Jinja file with no HTML in it renders text, not a page: LLM apps keep their prompts in
# such files (prompts/system.j2), and a prompt is what the model reads, not the user.
_TEXT_TEMPLATE_SUFFIXES = frozenset({".jinja", ".jinja2", ".j2"})
# Real HTML elements, not the <think> or <context> tags prompts use; a template that
# extends or fills a layout is a page even when it holds no tag itself.
_HTML_TAG = compile_pattern(
    r"</?(?:html|head|body|div|p|span|a|h[1-6]|ul|ol|li|form|input|button|textarea|table|tr|td|th|"
    r"section|main|nav|header|footer|article|aside|img|br|hr|label|select|option|strong|em|b|i|"
    r"small|pre|code|script|style|link|meta|title|iframe|svg|canvas|video|audio|template|slot)\b[^<>]*>"
    r"|\{%-?\s*(?:extends|block|include|import|from)\b",
    re.IGNORECASE,
)
_JINJA_CODE = compile_pattern(r"\{#(?:(?!\{#).)*?#\}|\{%(?:(?!\{%).)*?%\}|\{\{(?:(?!\{\{).)*?\}\}", re.DOTALL)


def _prompt_template(source: str, path: str) -> FileFacts:
    text = _JINJA_CODE.sub(lambda m: "" if m.group(0).startswith(("{#", "{%")) else "{…}", source)
    text = " ".join(text.split())
    if not text.replace("{…}", "").strip():
        return FileFacts(path=path, language="jinja")
    first = next((i for i, line in enumerate(source.splitlines(), start=1) if line.strip()), 1)
    return FileFacts(path=path, language="jinja", prompts=(Prompt(Location(path, first, 1), text, "unknown"),))


# ----------------------------------------------------------------------------- component scripts

_SCRIPT_TYPES = frozenset({"", "module", "text/javascript", "application/javascript", "text/typescript", "ts"})
_SCRIPT_SUFFIXES = (("tsx", ".tsx"), ("ts", ".ts"), ("typescript", ".ts"), ("jsx", ".jsx"))


def _is_script_block(attrs: Dict[str, str]) -> bool:
    return "src" not in attrs and attrs.get("type", "").lower() in _SCRIPT_TYPES


def _script_facts(source: str, path: str, language: str, blocks: Sequence[Tuple[int, int, str]]) -> FileFacts:
    """What a Vue or Svelte component's <script> blocks say, read by the JS/TS extractor.

    The blocks are handed over in place, everything around them turned to spaces with the
    newlines kept, so every position the extractor reports is already the component's own.
    """
    if not blocks:
        return FileFacts(path=path, language=language)
    from .javascript import extract_javascript

    parts: List[str] = []
    done = 0
    for start, end, _ in blocks:
        parts.append(_blank(source[done:start], " "))
        parts.append(source[start:end])
        done = end
    langs = {lang for _, _, lang in blocks}
    suffix = next((suffix for lang, suffix in _SCRIPT_SUFFIXES if lang in langs), ".js")
    try:
        facts = extract_javascript("".join(parts), path + suffix)
    except Exception as exc:  # the markup's own facts must survive a bug in the script's extractor
        message = f"internal error while analysing its <script> ({type(exc).__name__}: {exc}); please report this"
        return FileFacts(path=path, language=language, problems=(FileProblem(path, message),))
    return _moved(facts, path)


def _moved(facts: FileFacts, path: str) -> FileFacts:
    """The facts with every location in `path` (the component, not the name given for its script)."""

    def here(items: Sequence) -> tuple:
        return tuple(replace(item, location=replace(item.location, path=path)) for item in items)

    return replace(
        facts,
        path=path,
        model_calls=here(facts.model_calls),
        model_imports=here(facts.model_imports),
        chat_surfaces=here(facts.chat_surfaces),
        user_texts=here(facts.user_texts),
        prompts=here(facts.prompts),
        problems=tuple(replace(problem, path=path) for problem in facts.problems),
    )


# ----------------------------------------------------------------------------- masking

# Left as they are: HTML comments (HTMLParser drops them) and script and style bodies
# (never text, and full of braces). An unclosed comment hides the rest of the file.
# A body is read a run of characters that are no `<` (or `-`) at a time: a lazy `[\s\S]*?`
# tried the end at every character (the same ends: tests/test_extract_markup.py compares them).
_KEEP = (
    r"(?P<keep><!--[^-]*(?:-(?!->)[^-]*)*-->"
    r"|<(?P<raw>script|style)\b[^<]*(?:<(?!/(?P=raw)\s*>)[^<]*)*(?:</(?P=raw)\s*>)?)"
    r"|(?P<unclosed><!--[\s\S]*)"
)
# A tag or an expression ends before the next one opens: an unclosed run of `{{` is read
# once, not 5,000 characters on from each of its braces.
_EXPRESSION = r"|(?P<expr>\{\{(?:(?!\{\{)[\s\S]){0,5000}?\}\})"
_TEMPLATE_SYNTAX = compile_pattern(
    _KEEP
    + r"|(?P<comment>\{%-?\s*comment\b(?:(?!\{%-?\s*comment\b)[\s\S])*?\{%-?\s*endcomment\s*-?%\}"
    + r"|\{#(?:(?!\{#)[\s\S])*?#\})"
    + r"|(?P<tag>\{%(?:(?!\{%)[\s\S]){0,5000}?%\})"
    + _EXPRESSION,
    re.IGNORECASE,
)
_VUE_SYNTAX = compile_pattern(_KEEP + _EXPRESSION, re.IGNORECASE)
_SVELTE_SYNTAX = compile_pattern(_KEEP + r"|(?P<brace>\{)", re.IGNORECASE)
_KEEP_ONLY = compile_pattern(_KEEP, re.IGNORECASE)  # Svelte once its braces' budget is spent
# Where each syntax's matches can start (what each alternative begins with): the syntax is
# tried only there, as a search would try it at every character.
_KEEP_START = r"<!--|<(?:script|style)\b"
_STARTS = {
    _TEMPLATE_SYNTAX: compile_pattern(_KEEP_START + r"|\{[{%#]", re.IGNORECASE),
    _VUE_SYNTAX: compile_pattern(_KEEP_START + r"|\{\{", re.IGNORECASE),
    _SVELTE_SYNTAX: compile_pattern(_KEEP_START + r"|\{", re.IGNORECASE),
    _KEEP_ONLY: compile_pattern(_KEEP_START, re.IGNORECASE),
}
_MAX_EXPRESSION = 20000  # a `{` without its `}` this far on is text, not an expression


def mask(source: str, language: str) -> str:
    """The source with template syntax masked, the same length, its newlines in place."""
    syntax = {"vue": _VUE_SYNTAX, "svelte": _SVELTE_SYNTAX}.get(language, _TEMPLATE_SYNTAX)
    out: List[str] = []
    done = pos = 0
    # What Svelte's braces may cost, in characters read: each `{` is followed to its `}`,
    # and a run of `{` never closed would read 20,000 characters on from each of them.
    budget = [4 * len(source) + _MAX_EXPRESSION]
    while True:
        match = _search(syntax, source, pos)
        if match is None:
            break
        kind, start, end = match.lastgroup, match.start(), match.end()  # "keep", not its inner "raw"
        if kind == "brace":
            close = _brace_end(source, start, budget)
            if close is None:
                pos = end
                if budget[0] <= 0:  # the rest of the braces are text: not one call each
                    syntax = _KEEP_ONLY
                continue
            end, kind = close, "expr"
        pos = end
        if kind == "keep":
            continue
        out.append(source[done:start])
        text = source[start:end]
        if kind in ("comment", "unclosed"):
            out.append(_blank(text, _NOTHING))
        elif kind == "tag":
            out.append(_masked_expression(text, 2, 2, tag=True))
        else:
            opening = 1 if language == "svelte" else 2
            out.append(_masked_expression(text, opening, opening))
        done = end
    out.append(source[done:])
    return "".join(out)


def _search(syntax: "re.Pattern[str]", source: str, pos: int) -> Optional["re.Match[str]"]:
    """`syntax.search(source, pos)`, trying the syntax only where one of its matches can start."""
    starts = _STARTS[syntax]
    while True:
        start = starts.search(source, pos)
        if start is None:
            return None
        match = syntax.match(source, start.start())
        if match is not None:
            return match
        pos = start.start() + 1


def _blank(text: str, char: str) -> str:
    return "\n".join(char * len(part) for part in text.split("\n"))


_STRING_OR_BRACE = compile_pattern(r"\{+|\}+|['\"`]")  # a run of braces at once: one step, not one per brace


def _brace_end(source: str, start: int, budget: List[int]) -> Optional[int]:
    """The end of the Svelte expression opening at `start`, across nested braces and
    strings; None when there is none within reach. What it reads is taken from `budget`."""
    limit = min(len(source), start + _MAX_EXPRESSION, start + max(budget[0], 0))
    end = _brace_scan(source, start, limit)
    budget[0] -= (end or limit) - start
    return end


def _brace_scan(source: str, start: int, limit: int) -> Optional[int]:
    depth, pos = 0, start
    while True:
        match = _STRING_OR_BRACE.search(source, pos, limit)
        if match is None:
            return None
        run, pos = match.group(0), match.end()
        if run[0] == "{":
            depth += len(run)
        elif run[0] == "}":
            if depth <= len(run):  # the brace that closes the expression is in this run
                return match.start() + depth
            depth -= len(run)
        else:
            closing = _string_end(source, match.start(), limit)
            if closing is None:
                return None
            pos = closing


def _string_end(source: str, start: int, limit: int) -> Optional[int]:
    quote, pos = source[start], start + 1
    while pos < limit:
        char = source[pos]
        if char == "\\":
            pos += 2
            continue
        if char == quote:
            return pos + 1
        if char == "\n" and quote != "`":
            return None
        pos += 1
    return None


# Translation calls whose first argument is the text users see.
_TRANSLATE_CALL = compile_pattern(
    r"\A[-+~]?\s*(?:_|__|gettext|ugettext|ngettext|t|\$t|\$tc|i18n\.t|\$i18n\.t|translate|trans)\s*\(\s*(?=['\"`])"
)
_TRANS_TAG = compile_pattern(r"\A[-+]?\s*(?:trans|translate)\s+(?=['\"])")  # Django {% trans "..." %}
_LITERAL_START = compile_pattern(r"\A[-+~]?\s*(?=['\"`])")
_AFTER_LITERAL = compile_pattern(r"\A\s*(?:\|[\s\S]*)?[-+~]?\s*\Z")  # nothing, or filters: "x" | safe
_ASSIGNED = compile_pattern(r"\A\s+as\s+\w")  # {% trans "x" as greeting %} shows nothing here
# A message key rather than a message: chat.greeting, errors:notFound
_MESSAGE_KEY = compile_pattern(r"\A[\w-]+(?:[.:][\w-]+)+\Z")
_TEMPLATE_INTERPOLATION = compile_pattern(r"\$\{(?:[^$}]|\$(?!\{))*\}")


def literal_span(expression: str, tag: bool = False) -> Optional[Tuple[int, int]]:
    """Where the text users see lies in a template expression, if it is a literal.

    `expression` is the inside of `{{ }}`, `{% %}` or a binding; the span excludes quotes.
    """
    opening = (_TRANS_TAG if tag else _TRANSLATE_CALL).match(expression)
    call = opening is not None
    if opening is None and not tag:
        opening = _LITERAL_START.match(expression)
    if opening is None:
        return None
    start = opening.end()
    end = _string_end(expression, start, len(expression))
    if end is None:
        return None
    rest = expression[end:]
    if (not call and not _AFTER_LITERAL.match(rest)) or (tag and _ASSIGNED.match(rest)):
        return None
    if _MESSAGE_KEY.match(expression[start + 1 : end - 1]):
        return None
    return start + 1, end - 1


def literal_text(expression: str) -> Optional[str]:
    """The text a bound attribute value shows (`:title="'Chat'"`), or None if it is not literal."""
    span = literal_span(expression)
    if span is None:
        return None
    return _TEMPLATE_INTERPOLATION.sub(PLACEHOLDER, expression[span[0] : span[1]])


def _masked_expression(text: str, opening: int, closing: int, tag: bool = False) -> str:
    inner = text[opening : len(text) - closing]
    span = literal_span(inner, tag=tag)
    if span is None:
        return _blank(text, _VALUE)
    start, end = opening + span[0], opening + span[1]
    literal = text[start:end]
    if "\\" in literal:
        literal = literal.replace("\\'", "'").replace('\\"', '"')
        literal += " " * (end - start - len(literal))
    literal = _TEMPLATE_INTERPOLATION.sub(lambda m: _blank(m.group(0), _VALUE), literal)
    return _blank(text[:start], _NOTHING) + literal.translate(_HIDE) + _blank(text[end:], _NOTHING)


def clean(text: str) -> str:
    """A masked text as users read it: placeholders for values, white space collapsed."""
    if _MASKED.search(text):
        text = _VALUES.sub(PLACEHOLDER, text.translate(_SHOW))
    return " ".join(text.split())


_WORD_CHARACTER = compile_pattern(r"\w")


def _has_words(text: str) -> bool:
    return _WORD_CHARACTER.search(text) is not None  # the placeholder `{…}` holds none


# ----------------------------------------------------------------------------- chat markup

_WORD = compile_pattern(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_CHAT_WORDS = frozenset({"chat", "chatbot", "chatbox"})
_MESSAGE_WORDS = frozenset(
    {"input", "message", "msg", "prompt", "box", "text", "textarea", "field", "composer",
     "compose", "entry", "query", "question"}
)
# A field of a chat form that takes the user's message.
_FIELD_WORDS = frozenset({"message", "msg", "prompt", "question", "query", "input", "chat"})
_NAMING_ATTRIBUTES = ("id", "name", "class", "v-model", "ref")


def _words(value: str) -> frozenset:
    return frozenset(w.lower() for w in _WORD.findall(value))


def _is_text_control(tag: str, attrs: Dict[str, str]) -> bool:
    if tag == "textarea" or "contenteditable" in attrs:
        return True
    return tag == "input" and attrs.get("type", "text").lower() in ("", "text", "search")


def _chat_field(tag: str, attrs: Dict[str, str], in_chat_form: bool) -> Optional[str]:
    """The attribute that makes a text control a chat message box, as `name="value"`."""
    if not _is_text_control(tag, attrs):
        return None
    for key in _NAMING_ATTRIBUTES:
        value = attrs.get(key) or ""
        words = _words(value)
        if words & _CHAT_WORDS and (words & _MESSAGE_WORDS or tag == "textarea"):
            return f'{key}="{value}"'
        if in_chat_form and key in ("id", "name") and words & _FIELD_WORDS:
            return f'{key}="{value}"'
    return None


def _chat_form(attrs: Dict[str, str]) -> str:
    """The attribute that names a form as a chat (`id="chat-form"`, `action="/chat"`), or ""."""
    for key in ("id", "name", "action", "class"):
        value = attrs.get(key) or ""
        if _words(value) & _CHAT_WORDS:
            return f'{key}="{value}"'
    return ""


# ----------------------------------------------------------------------------- the parser


class _Markup(HTMLParser):
    """Walks the masked document: runs of text, shown attributes, chat boxes, Vue blocks."""

    def __init__(self, source: str, masked: str, path: str, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.masked = masked
        self.path = path
        self.language = language
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", masked)]
        self.texts: List[UserFacingText] = []
        self.surfaces: List[ChatSurface] = []
        self.run: List[List] = []  # [start offset, end offset (-1: open), data] of one block
        self.depth = 0
        self.hidden_at: Optional[int] = None  # depth at which a hidden element was opened
        self.block: Optional[Tuple[str, int, Dict[str, str]]] = None  # a block read later: tag, start, attrs
        self.scripts: List[Tuple[int, int, str]] = []  # component <script> blocks: start, end, lang
        self.forms: List[str] = []  # each open <form>: the attribute naming it a chat, or ""

    # ---- positions

    def _here(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _position(self, offset: int) -> Tuple[int, int]:
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def _location(self, start: int, end: int = -1) -> Location:
        line, column = self._position(start)
        if end < 0:
            return Location(self.path, line, column)
        end_line, end_column = self._position(end)
        return Location(self.path, line, column, end_line, end_column)

    # ---- events

    def handle_starttag(self, tag: str, attrs: List[Tuple[str, Optional[str]]]) -> None:
        self._open(tag, attrs, closes=False)

    def handle_startendtag(self, tag: str, attrs: List[Tuple[str, Optional[str]]]) -> None:
        self._open(tag, attrs, closes=True)

    def handle_endtag(self, tag: str) -> None:
        offset = self._here()
        self._end_data(offset)
        if tag not in _VOID:
            self.depth -= 1
        if self.hidden_at is not None:
            if self.depth <= self.hidden_at:
                self.hidden_at = None
                self._close_block(offset)
            return
        if tag == "form" and self.forms:
            self.forms.pop()
        if tag not in _INLINE:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.hidden_at is None:
            self.run.append([self._here(), -1, data])

    def handle_comment(self, data: str) -> None:
        self._end_data(self._here())  # a comment is invisible: the text around it goes on

    def handle_decl(self, decl: str) -> None:
        self._end_data(self._here())

    def handle_pi(self, data: str) -> None:
        self._end_data(self._here())

    def unknown_decl(self, data: str) -> None:
        self._end_data(self._here())

    def finish(self) -> None:
        self._end_data(len(self.masked))
        self._flush()

    # ---- elements

    def _open(self, tag: str, pairs: List[Tuple[str, Optional[str]]], closes: bool) -> None:
        offset = self._here()
        self._end_data(offset)
        opens = not closes and tag not in _VOID
        if self.hidden_at is not None:
            self.depth += opens
            return
        attrs = {name: value or "" for name, value in reversed(pairs)}  # the first one wins
        if tag not in _INLINE:
            self._flush()
        elif tag == "br":
            self.run.append([offset, offset, " "])
        if opens and self._hides(tag, attrs, offset):
            self.hidden_at = self.depth
        self.depth += opens
        if self.hidden_at is not None:
            return
        if tag == "form" and opens:
            self.forms.append(_chat_form(attrs))
        self._attribute_texts(tag, pairs, attrs, offset)
        form = next((f for f in reversed(self.forms) if f), "")
        field = _chat_field(tag, attrs, bool(form))
        if field is not None:
            detail = f"<{tag} {field}>" + (f" in <form {form}>" if form and form not in field else "")
            self.surfaces.append(ChatSurface(self._location(offset), self.language, "chat-ui", detail))

    def _hides(self, tag: str, attrs: Dict[str, str], offset: int) -> bool:
        """Script and style bodies are never text; of a Vue component, only <template> is markup."""
        if tag in ("script", "style"):
            if tag == "script" and self.language in ("vue", "svelte") and _is_script_block(attrs):
                self.block = (tag, offset + len(self.get_starttag_text() or ""), attrs)
            return True
        if self.language != "vue" or self.depth != 0:
            return False
        if tag == "template" and attrs.get("lang", "html").lower() in ("html", ""):
            return False
        if tag == "i18n":  # vue-i18n messages: a catalogue inside the component
            self.block = (tag, offset + len(self.get_starttag_text() or ""), attrs)
        return True  # a custom block (<docs>), or a template in pug or another language

    def _close_block(self, end: int) -> None:
        block, self.block = self.block, None
        if block is None:
            return
        tag, start, attrs = block
        if tag == "script":
            self.scripts.append((start, end, attrs.get("lang", "").lower()))
            return
        from .content import catalogue_strings

        fmt = "yaml" if attrs.get("lang", "json").lower() in ("yaml", "yml") else "json"
        found, _ = catalogue_strings(self.source[start:end], fmt)
        first_line, first_column = self._position(start)
        for line, column, text in found:
            column = column + first_column - 1 if line == 1 else column
            self.texts.append(UserFacingText(Location(self.path, line + first_line - 1, column), text, "i18n"))

    # ---- texts

    def _end_data(self, offset: int) -> None:
        if self.run and self.run[-1][1] < 0:
            self.run[-1][1] = offset

    def _flush(self) -> None:
        run, self.run = self.run, []
        if not run:
            return
        text = clean("".join(piece[2] for piece in run))
        if not _has_words(text):
            return
        start = next((s for s in (self._first_visible(p[0], p[1]) for p in run) if s is not None), run[0][0])
        end = next((e for e in (self._last_visible(p[0], p[1]) for p in reversed(run)) if e is not None), -1)
        self.texts.append(UserFacingText(self._location(start, end), text, "html text"))

    _INVISIBLE = re.compile(r"(?:[\s\ue001]|&nbsp;|&#160;|&#xa0;)*", re.IGNORECASE)

    def _first_visible(self, start: int, end: int) -> Optional[int]:
        end = len(self.masked) if end < 0 else end
        first = self._INVISIBLE.match(self.masked, start, end).end()
        return first if first < end else None

    def _last_visible(self, start: int, end: int) -> Optional[int]:
        end = len(self.masked) if end < 0 else end
        last = len(self.masked[start:end].rstrip(" \t\r\n\f\v\xa0" + _NOTHING))
        return start + last if last else None

    def _attribute_texts(
        self, tag: str, pairs: Sequence[Tuple[str, Optional[str]]], attrs: Dict[str, str], offset: int
    ) -> None:
        for name, value in pairs:
            if not value or not (name in _SHOWN_ATTRIBUTES or name in ("value", "content") or name[0] in ":[v"):
                continue
            base, bound = _binding(name)
            if not _shown_attribute(tag, base, attrs):
                continue
            text = literal_text(value) if bound else value
            if text is None:
                continue
            text = clean(text)
            if _has_words(text):
                start = self._attribute_offset(name, offset)
                channel = PAGE_DESCRIPTION_CHANNEL if tag == "meta" else "html attribute"
                self.texts.append(UserFacingText(self._location(start), text, channel))

    def _attribute_offset(self, name: str, tag_offset: int) -> int:
        raw = self.get_starttag_text() or ""
        match = re.search(r"(?:^|[\s\"'/])" + re.escape(name) + r"\s*=\s*[\"']?", raw, re.IGNORECASE)
        if match is None:
            return tag_offset
        start = tag_offset + match.end()
        visible = self._INVISIBLE.match(self.masked, start).end()
        return visible if visible < tag_offset + len(raw) else start


def _binding(name: str) -> Tuple[str, bool]:
    """The attribute a Vue (`:x`, `v-bind:x`) or Angular (`[x]`) binding sets, and whether it binds."""
    if name.startswith(":"):
        return name[1:].split(".")[0], True
    if name.startswith("v-bind:"):
        return name[7:].split(".")[0], True
    if name.startswith("[") and name.endswith("]"):
        return name[1:-1], True
    return name, False


def _shown_attribute(tag: str, name: str, attrs: Dict[str, str]) -> bool:
    if name in _SHOWN_ATTRIBUTES:
        return True
    if name == "value":
        return tag == "input" and attrs.get("type", "").lower() in _BUTTON_INPUTS
    if name == "content" and tag == "meta":
        kind = (attrs.get("name") or attrs.get("property") or "").lower()
        return kind in _DESCRIPTION_META
    return False


__all__ = ["clean", "extract_markup", "literal_span", "literal_text", "mask"]
