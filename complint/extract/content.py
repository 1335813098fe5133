"""Content files: message catalogues and Markdown shown in the UI, turned into user-facing texts.

A file is content by where it lives, not by its suffix alone: `locales/en.json` is a
message catalogue, `package.json` is not; `chainlit.md` is chainlit's welcome screen,
`README.md` is for developers. `claims` decides, from the project-relative path.

Catalogues (JSON, YAML, gettext .po): every string value is a text, at the line of the
value. JSON positions come from one scan over the string tokens (json.loads keeps none),
YAML positions from the composed node tree. Markdown: each paragraph, heading or list
item is a text, without code blocks, HTML comments or front matter.
"""

from __future__ import annotations

import bisect
import re
from pathlib import PurePosixPath
from typing import List, Optional, Tuple

from ..facts import DOCUMENT_CHANNEL, FileFacts, FileProblem, Location, UserFacingText
from ..patterns import compile as compile_pattern

# Never prefiltered: any catalogue entry or paragraph may be the app's AI disclosure, and
# the disclosure phrases are configurable, so no fixed word list can tell which.
PREFILTER_WORDS = None

PLACEHOLDER = "{…}"

# (line, column, text), 1-based, relative to the text that was read.
Found = Tuple[int, int, str]

# ----------------------------------------------------------------------------- which files

_CATALOGUE_DIRS = frozenset(
    {"locales", "locale", "i18n", "l10n", "lang", "langs", "languages", "translations", "messages"}
)
_CATALOGUE_SUFFIXES = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}
_SUFFIXES = (".json", ".yaml", ".yml", ".po", ".md", ".markdown")
# Bare two-letter names that are also ordinary words or config names (my.json, id.json,
# no.yaml) are left out: those files are claimed only inside a catalogue folder.
_LANGUAGE_CODES = frozenset(
    "af ar bg bn bs ca cs cy da de el en eo es et fa fi fil fr ga gl gu he hi hr hu hy ja ka kk "
    "km kn ko lo lt lv mk ml mn mr ms mt nb ne nl nn pa pl pt ro ru si sk sl sq sr sv sw ta te "
    "th tl tr uk ur uz vi zh zu".split()
)
# en.json, en-US.yml, pt_BR.json, zh-Hant-TW.json, messages.en.json, strings.de-DE.yaml
_LOCALE_FILE = compile_pattern(
    r"^(?:[\w-]+\.)?(?P<language>[a-z]{2,3})(?:[-_](?:[A-Za-z]{4}|[A-Za-z]{2}|\d{3})){0,2}\.(?:json|ya?ml)$"
)
# Manifests and tool configuration, read by other extractors or by nobody: never content,
# whatever folder they are in.
_NOT_CONTENT = frozenset(
    {
        "package.json", "package-lock.json", "manifest.json", "composer.json", "jsconfig.json",
        "complint.yaml", "complint.yml", ".complint.yaml", ".complint.yml", "pubspec.yaml",
    }
)
# Markdown for developers, wherever it is.
_DEVELOPER_DOCS = compile_pattern(
    r"^(?:readme|changelog|changes|history|license|licence|contributing|code_of_conduct|security|"
    r"authors|notice|todo)(?:\.[\w-]+)?\.(?:md|markdown)$",
    re.IGNORECASE,
)
_DOCS_DIRS = frozenset({"docs", "doc", "documentation", ".github"})
# chainlit.md is the welcome screen; chainlit_<language>.md its translations.
_CHAINLIT_MD = compile_pattern(r"^chainlit(?:_[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,4})*)?\.md$", re.IGNORECASE)
# Markdown an app loads into its UI (st.markdown(Path("content/about.md").read_text())).
_UI_MARKDOWN_DIRS = frozenset({"pages", "content"})
# A catalogue named for what it holds, wherever it is: translations.json, strings.yaml.
_CATALOGUE_NAME = compile_pattern(r"^(?:translations?|i18n|locales?)\.(?:json|ya?ml)$", re.IGNORECASE)


def claims(rel: str) -> Optional[str]:
    """The content kind of a project-relative posix path, or None if it is no content file.

    Kinds: "json" and "yaml" (message catalogues), "gettext" (.po), "chainlit.md" and
    "markdown" (Markdown shown in the UI), "document" (other Markdown, shown only if code
    shows it).
    """
    if not rel.lower().endswith(_SUFFIXES):
        return None  # most files: decided without building a path
    path = PurePosixPath(rel)
    name = path.name
    lower = name.lower()
    if lower in _NOT_CONTENT or lower.startswith("tsconfig") or lower.endswith(".schema.json"):
        return None
    suffix = path.suffix.lower()
    folders = [part.lower() for part in path.parts[:-1]]
    if suffix in _CATALOGUE_SUFFIXES:
        if _CATALOGUE_DIRS.intersection(folders):
            return _CATALOGUE_SUFFIXES[suffix]
        match = _LOCALE_FILE.match(name)
        if match and match.group("language") in _LANGUAGE_CODES:
            return _CATALOGUE_SUFFIXES[suffix]
        if _CATALOGUE_NAME.match(name):
            return _CATALOGUE_SUFFIXES[suffix]
        return None
    if suffix == ".po":
        return "gettext"
    if suffix not in (".md", ".markdown") or _DEVELOPER_DOCS.match(name) or _DOCS_DIRS.intersection(folders):
        return None
    if _CHAINLIT_MD.match(name):
        return "chainlit.md"
    if _UI_MARKDOWN_DIRS.intersection(folders):
        return "markdown"
    # Any other Markdown may be loaded into the UI by code (`st.markdown(open(p).read())`):
    # its texts count only where the project shows the file (see Project.user_texts).
    return "document"


def extract_document(source: str, path: str) -> FileFacts:
    """A text file the app reads and shows (found through the code, whatever its name)."""
    texts = tuple(
        UserFacingText(Location(path, line, column), text, DOCUMENT_CHANNEL)
        for line, column, text in markdown_texts(source, chainlit=False)
    )
    return FileFacts(path=path, language="text", user_texts=texts)


def extract_content(source: str, path: str) -> FileFacts:
    """User-facing texts of one content file; a file that does not parse gives a problem."""
    kind = claims(path) or _kind_by_suffix(path)
    if kind in ("json", "yaml"):
        found, problem = catalogue_strings(source, kind)
        language, channel = kind, "i18n"
    elif kind == "gettext":
        found, problem = gettext_strings(source), None
        language, channel = "gettext", "i18n"
    elif kind in ("chainlit.md", "markdown", "document"):
        found, problem = markdown_texts(source, chainlit=kind == "chainlit.md"), None
        language = "markdown"
        channel = {"chainlit.md": "chainlit.md", "markdown": "markdown page"}.get(kind, DOCUMENT_CHANNEL)
    else:
        return FileFacts(path=path, language="content")
    texts = tuple(UserFacingText(Location(path, line, column), text, channel) for line, column, text in found)
    problems: Tuple[FileProblem, ...] = ()
    if problem is not None:
        problems = (FileProblem(path, problem[2], problem[0], problem[1]),)
    return FileFacts(path=path, language=language, user_texts=texts, problems=problems)


def _kind_by_suffix(path: str) -> Optional[str]:
    suffix = PurePosixPath(path).suffix.lower()
    if suffix == ".po":
        return "gettext"
    if suffix in (".md", ".markdown"):
        return "markdown"
    return _CATALOGUE_SUFFIXES.get(suffix)


# ----------------------------------------------------------------------------- catalogues

# Interpolations of the common i18n libraries: i18next {{name}}, ICU/vue-i18n {name},
# Rails %{name}, Python %(name)s and %s, JS ${name}. ICU plural/select bodies stay as text.
_INTERPOLATION = compile_pattern(
    r"\{\{-?\s*[\w.$-]+(?:\s*,[^{}]*)?\s*\}\}|%?\{\s*[\w.$-]+\s*\}|\$\{\s*[\w.$]+\s*\}|%\(\w+\)[sdifr]|%[sdif@]"
)


def _shown(value: str) -> Optional[str]:
    """The value as a text with placeholders, or None if it has nothing to read."""
    text = _INTERPOLATION.sub(PLACEHOLDER, value)
    return text if _has_words(text) else None


def _has_words(text: str) -> bool:
    return bool(re.search(r"\w", text.replace(PLACEHOLDER, "")))


def catalogue_strings(text: str, fmt: str) -> Tuple[List[Found], Optional[Found]]:
    """Every string value of a JSON or YAML catalogue; keys are not texts.

    Returns the texts and, for a file that does not parse, (line, column, message).
    """
    if fmt == "json":
        return _json_strings(text)
    return _yaml_strings(text)


# A JSON string token; the group says whether a colon follows (a key, not a value).
_JSON_STRING = compile_pattern(r'"(?:[^"\\\n]|\\.)*"(\s*:)?')


def _json_strings(text: str) -> Tuple[List[Found], Optional[Found]]:
    import json  # here: every scan imports this module for `claims`, few read JSON

    try:
        json.loads(text)
    except ValueError as exc:
        line, column = getattr(exc, "lineno", 1), getattr(exc, "colno", 1)
        message = getattr(exc, "msg", str(exc))
        return [], (line, column, f"invalid JSON: {message}")
    lines = _LineIndex(text)
    found: List[Found] = []
    for match in _JSON_STRING.finditer(text):
        if match.group(1):
            continue
        token = match.group(0)
        value = json.loads(token) if "\\" in token else token[1:-1]
        shown = _shown(value)
        if shown is not None:
            found.append(lines.position(match.start()) + (shown,))
    return found, None


def _yaml_strings(text: str) -> Tuple[List[Found], Optional[Found]]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        documents = list(yaml.compose_all(text, Loader=loader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return [], (line, column, f"invalid YAML: {reason}")
    found: List[Found] = []
    seen = set()  # aliases share nodes: each is read once, so `&a [*a, *a]` cannot explode
    stack = [node for node in reversed(documents) if node is not None]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(value for _, value in reversed(node.value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif node.tag == "tag:yaml.org,2002:str":
            shown = _shown(node.value)
            if shown is not None:
                found.append((node.start_mark.line + 1, node.start_mark.column + 1, shown))
    return found, None


_PO_LINE = compile_pattern(r'^(?P<keyword>msgid|msgid_plural|msgstr(?:\[\d+\])?|msgctxt)\s+(?P<string>".*")\s*$')
_PO_CONTINUATION = compile_pattern(r'^(?P<string>".*")\s*$')


def gettext_strings(text: str) -> List[Found]:
    """msgid (the text shown before it is translated) and msgstr values of a .po file."""
    found: List[Found] = []
    entry: List[Tuple[str, int, int, List[str]]] = []  # (keyword, line, column, parts)

    def close() -> None:
        msgid = "".join("".join(parts) for keyword, _, _, parts in entry if keyword == "msgid")
        if msgid:  # the header entry (msgid "") is metadata
            for keyword, line, column, parts in entry:
                shown = _shown("".join(parts)) if keyword != "msgctxt" else None
                if shown is not None:
                    found.append((line, column, shown))
        entry.clear()

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        match = _PO_LINE.match(line)
        if match:
            if match.group("keyword") in ("msgid", "msgctxt") and any(e[0].startswith("msgstr") for e in entry):
                close()
            column = raw.index(match.group("string")) + 1
            entry.append((match.group("keyword"), number, column, [_po_unquote(match.group("string"))]))
            continue
        match = _PO_CONTINUATION.match(line)
        if match and entry:
            entry[-1][3].append(_po_unquote(match.group("string")))
        elif not line and entry:
            close()
    close()
    return found


def _po_unquote(token: str) -> str:
    import json

    try:
        value = json.loads(token)  # gettext's escapes are C's, which JSON's cover in practice
    except ValueError:
        return token[1:-1]
    return value if isinstance(value, str) else token[1:-1]


# ----------------------------------------------------------------------------- Markdown

_FRONT_MATTER = compile_pattern(r"\A(?:---|\+\+\+)[ \t]*\n[\s\S]*?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\n|\Z)")
_HTML_COMMENT = compile_pattern(r"<!--[\s\S]*?(?:-->|\Z)")
_FENCE = compile_pattern(r"^[ ]{0,3}(?P<fence>`{3,}|~{3,})")
_HEADING = compile_pattern(r"^[ ]{0,3}#{1,6}(?:[ \t]+|$)")
_SETEXT = compile_pattern(r"^[ ]{0,3}(?:=+|-+)[ \t]*$")
_THEMATIC_BREAK = compile_pattern(r"^[ ]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_LIST_ITEM = compile_pattern(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+\[[ xX]\])?(?:[ \t]+|$)")
_QUOTE = compile_pattern(r"^[ ]{0,3}(?:>[ ]?)+")
_TABLE_DELIMITER = compile_pattern(r"^[ \t]*(?:\|[ \t]*)?:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*(?:\|[ \t]*)?$")
# Inline markup: images keep their alt text, links their text, tags and markers go.
# The innermost brackets only: a run of `[` or `(` never closed is read once, not once
# for each of its characters.
_IMAGE = compile_pattern(r"!\[([^\[\]]*)\]\([^()]*\)")
_LINK = compile_pattern(r"\[([^\[\]]*)\](?:\([^()]*\)|\[[^\[\]]*\])")
_TABLE_PIPE = compile_pattern(r"(?<!\s)\s*\|\s*")
_TAG = compile_pattern(r"</?[A-Za-z][^<>]*>")
_EMPHASIS = compile_pattern(r"\*+|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])|`+|~~")
# chainlit writes this welcome screen for developers when a project has none; it is
# boilerplate about chainlit, not the app speaking to its users.
_CHAINLIT_BOILERPLATE = (
    "Hi there, Developer!",
    "To modify the welcome screen, edit the",
    "Get started with our comprehensive",
    "Join our friendly",
    "We can't wait to see what you create with Chainlit!",
)


def markdown_texts(text: str, chainlit: bool = False) -> List[Found]:
    """Each paragraph, heading, list item and table of a Markdown document, as shown."""
    reader = _MarkdownReader(chainlit)
    for number, raw in enumerate(_blank(_FRONT_MATTER, _blank(_HTML_COMMENT, text)).splitlines(), 1):
        reader.line(number, raw)
    reader.flush()
    return reader.found


class _MarkdownReader:
    """Block structure, line by line: code (fenced or indented) is skipped, the rest gathered."""

    def __init__(self, chainlit: bool) -> None:
        self.chainlit = chainlit
        self.found: List[Found] = []
        self.paragraph: List[str] = []
        self.start = (0, 0)
        self.fence = ""
        self.previous_blank = True
        self.quoted = False

    def line(self, number: int, raw: str) -> None:
        if self.fence:
            if raw.strip().startswith(self.fence) and not raw.strip().strip(self.fence[0]):
                self.fence = ""
            return
        fence = _FENCE.match(raw)
        if fence:
            self.flush()
            self.fence = fence.group("fence")
            return
        quote = _QUOTE.match(raw)
        offset = quote.end() if quote else 0
        if self.quoted != bool(quote):
            self.flush()  # a block quote starts or ends
            self.quoted = bool(quote)
        if not raw[offset:].strip():
            self.flush()
            self.previous_blank = True
            return
        if raw.startswith(("    ", "\t")) and self.previous_blank and not self.paragraph and not _LIST_ITEM.match(raw):
            return  # an indented code block
        self.previous_blank = False
        self.content(number, raw, offset)

    def content(self, number: int, raw: str, offset: int) -> None:
        line = raw[offset:]
        if _TABLE_DELIMITER.match(line) and "|" in line or _THEMATIC_BREAK.match(line):
            self.flush()
            return
        if self.paragraph and _SETEXT.match(line):
            self.flush()  # the underline of a heading
            return
        heading = _HEADING.match(line)
        marker = heading or _LIST_ITEM.match(line)
        if marker:
            self.flush()
            offset += marker.end()
        content = raw[offset:]
        if heading:
            content = re.sub(r"(?<![ \t])[ \t]+#+[ \t]*$", "", content)
        content = content.rstrip().rstrip("|").rstrip()
        stripped = content.lstrip().lstrip("|").lstrip()
        if not stripped:
            return
        if not self.paragraph:
            self.start = (number, offset + len(content) - len(stripped) + 1)
        self.paragraph.append(stripped)
        if heading:
            self.flush()

    def flush(self) -> None:
        if not self.paragraph:
            return
        shown = _inline(" ".join(self.paragraph))
        self.paragraph.clear()
        if not _has_words(shown) or (self.chainlit and any(b in shown for b in _CHAINLIT_BOILERPLATE)):
            return
        self.found.append((self.start[0], self.start[1], shown))


def _inline(text: str) -> str:
    import html

    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>~])", r"\1", text)
    text = _TABLE_PIPE.sub(" | ", text)
    return " ".join(html.unescape(text).split())


def _blank(pattern: "re.Pattern[str]", text: str) -> str:
    """Replaces each match by spaces, keeping its newlines, so lines stay where they were."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


# ----------------------------------------------------------------------------- positions


class _LineIndex:
    """Offset -> (line, column), both 1-based, for a text read once."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> Tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1


__all__ = ["catalogue_strings", "claims", "extract_content", "gettext_strings", "markdown_texts"]
