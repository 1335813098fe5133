"""Per-file extraction: read one file safely, pick its extractor, and never raise."""

from __future__ import annotations

import codecs
import errno
import importlib
import io
import os
from dataclasses import replace
from pathlib import Path
from typing import Callable, Dict, Optional, Tuple

from ..facts import FileFacts, FileProblem

# Files larger than this are reported and not parsed: they are bundles or data, not apps.
MAX_FILE_BYTES = 5 * 1024 * 1024

# suffix -> (language, module, function); modules load only when a file needs them.
EXTRACTORS: Dict[str, Tuple[str, str, str]] = {
    ".py": ("python", "complint.extract.python", "extract_python"),
    ".pyw": ("python", "complint.extract.python", "extract_python"),
    ".html": ("html", "complint.extract.markup", "extract_markup"),
    ".htm": ("html", "complint.extract.markup", "extract_markup"),
    ".jinja": ("html", "complint.extract.markup", "extract_markup"),
    ".jinja2": ("html", "complint.extract.markup", "extract_markup"),
    ".j2": ("html", "complint.extract.markup", "extract_markup"),
    ".djhtml": ("html", "complint.extract.markup", "extract_markup"),
    ".ejs": ("html", "complint.extract.markup", "extract_markup"),
    ".vue": ("vue", "complint.extract.markup", "extract_markup"),
    ".svelte": ("svelte", "complint.extract.markup", "extract_markup"),
    ".js": ("javascript", "complint.extract.javascript", "extract_javascript"),
    ".mjs": ("javascript", "complint.extract.javascript", "extract_javascript"),
    ".cjs": ("javascript", "complint.extract.javascript", "extract_javascript"),
    ".jsx": ("javascript", "complint.extract.javascript", "extract_javascript"),
    ".ts": ("typescript", "complint.extract.javascript", "extract_javascript"),
    ".mts": ("typescript", "complint.extract.javascript", "extract_javascript"),
    ".cts": ("typescript", "complint.extract.javascript", "extract_javascript"),
    ".tsx": ("typescript", "complint.extract.javascript", "extract_javascript"),
    ".yml": ("yaml", "complint.extract.configs", "extract_yaml"),
    ".yaml": ("yaml", "complint.extract.configs", "extract_yaml"),
}

# Extractors that claim files by their path rather than their suffix (manifests, message
# catalogues, ...), tried in order before EXTRACTORS: (language, module, claims, extract).
# `claims(rel_path)` returns a truthy value for the files the module reads.
PATH_EXTRACTORS: Tuple[Tuple[str, str, str, str], ...] = (
    ("manifest", "complint.extract.manifests", "claims", "extract_manifest"),
    ("content", "complint.extract.content", "claims", "extract_content"),
)

Extractor = Callable[[str, str], FileFacts]
_loaded: Dict[str, Callable[..., object]] = {}


def _function(module_name: str, function: str) -> Callable[..., object]:
    key = f"{module_name}:{function}"
    if key not in _loaded:
        _loaded[key] = getattr(importlib.import_module(module_name), function)
    return _loaded[key]


def extractor_for(rel: str) -> Optional[Tuple[str, str, str]]:
    """(language, module, function) of the extractor that reads this project-relative path."""
    for language, module_name, claims, function in PATH_EXTRACTORS:
        if _function(module_name, claims)(rel):
            return language, module_name, function
    return EXTRACTORS.get(os.path.splitext(rel)[1].lower())


def language_of(rel: str) -> Optional[str]:
    entry = extractor_for(rel)
    return entry[0] if entry else None


def read_source(path: Path, language: str) -> Tuple[Optional[str], Optional[str]]:
    """The file's text, or why it cannot be had (as a one-line message)."""
    data, problem = read_file(path)
    if data is None:
        return None, problem
    return decode(data, language)


def read_file(path: Path) -> Tuple[Optional[bytes], Optional[str]]:
    """The file's bytes, or why they cannot be had (as a one-line message)."""
    from ..files import NotRegularFile, TooLarge, read_regular

    try:
        return read_regular(path, MAX_FILE_BYTES), None
    except TooLarge as exc:
        return None, f"skipped: {exc.size / 1048576:.1f} MB is over the {MAX_FILE_BYTES // 1048576} MB limit for source files"
    except NotRegularFile as exc:
        return None, f"skipped: {exc}"
    except OSError as exc:
        return None, _os_error(exc, path)


def _os_error(exc: OSError, path: Path) -> str:
    if exc.errno == errno.ELOOP:
        return "cannot read: symbolic link loop"
    if exc.errno == errno.ENOENT and path.is_symlink():
        return f"cannot read: broken symbolic link to {os.readlink(path)}"
    return f"cannot read: {exc.strerror or exc}"


def decode(data: bytes, language: str) -> Tuple[Optional[str], Optional[str]]:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8")
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE 00 00
        return _strict(data, "utf-32")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16")
    head = data[:8192]
    if b"\0" in head:
        # UTF-32 puts three NULs beside every ASCII character.
        if len(data) % 4 == 0 and all(head[i::4].count(0) > len(head) // 6 for i in (1, 2)):
            return _strict(data, "utf-32-le" if head[3::4].count(0) > len(head) // 6 else "utf-32-be")
        # UTF-16 without a byte order mark puts a NUL beside every ASCII character.
        if head[1::2].count(0) > len(head) // 4 and len(data) % 2 == 0:
            return _strict(data, "utf-16-le")
        if head[0::2].count(0) > len(head) // 4 and len(data) % 2 == 0:
            return _strict(data, "utf-16-be")
        return None, f"skipped: binary content (NUL bytes), not {language} source text"
    encoding = "utf-8"
    if language == "python":
        try:
            import tokenize  # only for files that declare an encoding

            encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        except SyntaxError as exc:
            message = str(exc.msg if hasattr(exc, "msg") else exc)
            if message.startswith("unknown encoding"):
                return None, f"cannot decode: {message}"
            encoding = "utf-8"  # no usable cookie: say which byte is not UTF-8
    return _strict(data, encoding)


def _strict(data: bytes, encoding: str) -> Tuple[Optional[str], Optional[str]]:
    try:
        return data.decode(encoding), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        bad = data[exc.start : exc.start + 1].hex()
        return None, f"cannot decode as {encoding}: invalid byte 0x{bad} on line {line}"
    except UnicodeError as exc:  # a codec that fails its own way (`# coding: punycode`)
        return None, f"cannot decode as {encoding}: {str(exc).splitlines()[0][:120]}"
    except LookupError:
        return None, f"cannot decode: unknown encoding {encoding!r}"


def extract_file(path: Path, rel: str) -> FileFacts:
    """Facts of one file; every failure becomes a FileProblem so the scan can go on."""
    entry = extractor_for(rel)
    if entry is None:
        return FileFacts(path=rel, language="unknown")
    text, problem = read_source(path, entry[0])
    return extract_text(rel, entry, text, problem)


def extract_text(rel: str, entry: Tuple[str, str, str], text: Optional[str], problem: Optional[str] = None) -> FileFacts:
    """Facts of a file already read (`text`), or of one that could not be (`problem`)."""
    language, module_name, function = entry
    if text is None:
        return FileFacts(path=rel, language=language, problems=(FileProblem(rel, problem or "unreadable"),))
    try:
        facts = _function(module_name, function)(text, rel)
        return _with_suppressions(facts, text)  # type: ignore[arg-type]
    except RecursionError:
        message = "skipped: too deeply nested to analyse"
    except Exception as exc:  # a bug in complint must not end the scan of everything else
        message = f"internal error while analysing ({type(exc).__name__}: {exc}); please report this"
    return FileFacts(path=rel, language=language, problems=(FileProblem(rel, message),))


def _with_suppressions(facts: FileFacts, text: str) -> FileFacts:
    """Every file kind's facts carry its `complint: ignore` comments, found in one place."""
    from ..suppress import scan_suppressions

    found, problems = scan_suppressions(text, facts.path)
    if not found and not problems:
        return facts
    return replace(facts, suppressions=found, problems=facts.problems + problems)


# Text files code shows users (`gr.Markdown(open("about/intro.txt").read())`) are read even
# when no extractor claims them; these suffixes are text for sure.
DOCUMENT_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".rst"})


def extract_shown_document(path: Path, rel: str) -> FileFacts:
    """Facts of a document the project's code reads and shows; problems as for any file."""
    text, problem = read_source(path, "text")
    if text is None:
        return FileFacts(path=rel, language="text", problems=(FileProblem(rel, problem or "unreadable"),))
    facts = _function("complint.extract.content", "extract_document")(text, rel)
    return _with_suppressions(facts, text)  # type: ignore[arg-type]
