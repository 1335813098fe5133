"""Per-file extraction: read one file safely, pick its extractor, and never raise."""

from __future__ import annotations

import codecs
import errno
import importlib
import io
import os
import tokenize
from pathlib import Path
from typing import Callable, Dict, Optional, Tuple

from ..facts import FileFacts, FileProblem

# Files larger than this are reported and not parsed: they are bundles or data, not apps.
MAX_FILE_BYTES = 5 * 1024 * 1024

# suffix -> (language, module, function); modules load only when a file needs them.
EXTRACTORS: Dict[str, Tuple[str, str, str]] = {
    ".py": ("python", "complint.extract.python", "extract_python"),
    ".pyw": ("python", "complint.extract.python", "extract_python"),
}

Extractor = Callable[[str, str], FileFacts]
_loaded: Dict[str, Extractor] = {}


def language_of(path: str) -> Optional[str]:
    entry = EXTRACTORS.get(os.path.splitext(path)[1].lower())
    return entry[0] if entry else None


def _extractor(suffix: str) -> Extractor:
    _, module_name, function = EXTRACTORS[suffix]
    key = f"{module_name}:{function}"
    if key not in _loaded:
        _loaded[key] = getattr(importlib.import_module(module_name), function)
    return _loaded[key]


def read_source(path: Path, language: str) -> Tuple[Optional[str], Optional[str]]:
    """The file's text, or why it cannot be had (as a one-line message)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, f"skipped: {size / 1048576:.1f} MB is over the {MAX_FILE_BYTES // 1048576} MB limit for source files"
        data = path.read_bytes()
    except OSError as exc:
        return None, _os_error(exc, path)
    return decode(data, language)


def _os_error(exc: OSError, path: Path) -> str:
    if exc.errno == errno.ELOOP:
        return "cannot read: symbolic link loop"
    if exc.errno == errno.ENOENT and path.is_symlink():
        return f"cannot read: broken symbolic link to {os.readlink(path)}"
    return f"cannot read: {exc.strerror or exc}"


def decode(data: bytes, language: str) -> Tuple[Optional[str], Optional[str]]:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16")
    head = data[:8192]
    if b"\0" in head:
        # UTF-16 without a byte order mark puts a NUL beside every ASCII character.
        if head[1::2].count(0) > len(head) // 4 and len(data) % 2 == 0:
            return _strict(data, "utf-16-le")
        if head[0::2].count(0) > len(head) // 4 and len(data) % 2 == 0:
            return _strict(data, "utf-16-be")
        return None, f"skipped: binary content (NUL bytes), not {language} source text"
    encoding = "utf-8"
    if language == "python":
        try:
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
    except LookupError:
        return None, f"cannot decode: unknown encoding {encoding!r}"


def extract_file(path: Path, rel: str) -> FileFacts:
    """Facts of one file; every failure becomes a FileProblem so the scan can go on."""
    suffix = os.path.splitext(rel)[1].lower()
    language = EXTRACTORS[suffix][0]
    text, problem = read_source(path, language)
    if text is None:
        return FileFacts(path=rel, language=language, problems=(FileProblem(rel, problem or "unreadable"),))
    try:
        return _extractor(suffix)(text, rel)
    except RecursionError:
        message = "skipped: too deeply nested to analyse"
    except Exception as exc:  # a bug in complint must not end the scan of everything else
        message = f"internal error while analysing ({type(exc).__name__}: {exc}); please report this"
    return FileFacts(path=rel, language=language, problems=(FileProblem(rel, message),))
