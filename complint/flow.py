"""Values across modules: texts and prompts built from names other modules of the project define
(Python modules, and JS/TS modules that import what another exports).

Extraction stays per file (and cacheable): a file records the texts it binds at its top
level (`ModuleText`) and, where a user-facing text or a prompt holds a name imported from
another module, the text with a reference in its place (`TextFromModules`). This step,
run once over every file's facts, looks each reference up in the module it names and
gives the importing file the text or prompt it builds, at the place it is used.

Bounded and sound: a reference to a module outside the project, to a name the module does
not bind to one text, or deeper than `_MAX_DEPTH` modules stays unknown ("{…}"), never
guessed. A module the prefilter left unparsed is parsed here, for its module texts only,
when a reference names it: so the prefilter cannot change what a reference resolves to.
"""

from __future__ import annotations

import dataclasses
import posixpath
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Set, Tuple

from . import replay
from .facts import (
    PUBLISHED_ANSWER,
    REFERENCE_CLOSE,
    REFERENCE_OPEN,
    TYPED_PROMPT,
    AnswerCheck,
    ChatSurface,
    FileFacts,
    ModuleFunction,
    Prompt,
    PromptFilledByUser,
    TextFromModules,
    UserFacingText,
)

PLACEHOLDER = "{…}"  # as extract/python.py writes a value it cannot resolve
_MAX_DEPTH = 8
_DATA = "data:"
_MAX_DATA_BYTES = 1_000_000
_MAX_CHOICES = 50  # texts of a data file tried per prompt, as the extractor's variants
_MAX_CHOICE_CHARS = 2000


_JS_LANGUAGES = ("javascript", "typescript")
# How a JS/TS import names a file of the app: the specifier as written, or with one of these.
_JS_SUFFIXES = ("", ".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts")


class _Modules:
    """The project's Python and JS/TS modules, by path, and the texts each binds at its top
    level (Python) or exports (JS/TS)."""

    def __init__(self, facts: Sequence[FileFacts], root: Path) -> None:
        self.root = root
        self.facts = {f.path: f for f in facts if f.language == "python" or f.language in _JS_LANGUAGES}
        self._texts: Dict[str, Dict[str, str]] = {}
        self._top_names: Optional[Set[str]] = None

    def texts(self, path: str) -> Dict[str, str]:
        if path not in self._texts:
            self._texts[path] = {t.name: t.text for t in self._parsed(path).module_texts}
        return self._texts[path]

    def functions(self, path: str) -> Dict[str, ModuleFunction]:
        return {f.name: f for f in self._parsed(path).module_functions}

    def _parsed(self, path: str) -> FileFacts:
        """The file's facts; for a file the prefilter left alone (it looks for what matters
        in the file itself, not for what other modules take from it), parsed now."""
        facts = self.facts[path]
        if not _skipped(facts):
            return facts
        try:
            source = (self.root / path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            source = ""
        if facts.language in _JS_LANGUAGES:
            from .extract.javascript import extract_javascript

            self.facts[path] = extract_javascript(source, path)
        else:
            from .extract.python import extract_python

            self.facts[path] = extract_python(source, path)
        return self.facts[path]

    def definition(self, reference: str, importer: str) -> Optional[Tuple[str, str]]:
        """(file, name) of what a reference names: the longest module name that is a file
        of the project, then the name in it; for JS/TS (`./prompts#SYSTEM_PROMPT`), the file
        the specifier names."""
        if "#" in reference:
            specifier, _, name = reference.rpartition("#")
            target = self.js_module_file(specifier, importer)
            return (target, name) if target is not None else None
        level = len(reference) - len(reference.lstrip("."))
        parts = reference[level:].split(".")
        for k in range(len(parts) - 1, -1 if level else 0, -1):
            target = self.module_file("." * level + ".".join(parts[:k]), importer)
            if target is not None:
                return target, ".".join(parts[k:])
        return None

    def js_module_file(self, specifier: str, importer: str) -> Optional[str]:
        """The file a JS/TS import names: relative to the importer (`./prompts`, `../lib/ai`),
        or from the root or src/ for the usual aliases (`@/lib/ai`, `~/lib/ai`); with the
        extensions imports leave out, or the folder's index file."""
        if specifier.startswith("."):
            bases = [posixpath.normpath(posixpath.join(posixpath.dirname(importer), specifier))]
        elif specifier.startswith(("@/", "~/")):
            bases = [specifier[2:], posixpath.join("src", specifier[2:])]
        else:
            return None
        for base in bases:
            if base.startswith("../"):
                continue
            for candidate in [base + suffix for suffix in _JS_SUFFIXES] + [posixpath.join(base, "index" + suffix) for suffix in _JS_SUFFIXES[1:]]:
                if candidate in self.facts and self.facts[candidate].language in _JS_LANGUAGES:
                    return candidate
        return None

    def module_file(self, module: str, importer: str) -> Optional[str]:
        """The file of a module as a file of the project imports it: relative to its package
        (leading dots), else from the importing file's folder, the folders above it, or src/."""
        level = len(module) - len(module.lstrip("."))
        parts = [p for p in module.lstrip(".").split(".") if p]
        if level:
            base = posixpath.dirname(importer)
            for _ in range(level - 1):
                if not base:
                    return None
                base = posixpath.dirname(base)
            bases = [base]
        else:
            bases, folder = [], posixpath.dirname(importer)
            while True:
                bases.append(folder)
                if not folder:
                    break
                folder = posixpath.dirname(folder)
            bases.append("src")
        for base in bases:
            found = self._python_file(posixpath.join(base, *parts), bool(parts))
            if found is not None:
                return found
        if not level and len(parts) > 1 and not self._names_a_folder_or_module(parts[0]):
            # The repository holds a package's own files at its root, and they import each
            # other by the package's name (`from app.llm import ask`, no app/ anywhere).
            return self._python_file(posixpath.join(*parts[1:]), True)
        return None

    def _python_file(self, stem: str, named: bool) -> Optional[str]:
        candidates = (stem + ".py", posixpath.join(stem, "__init__.py")) if named else (posixpath.join(stem, "__init__.py"),)
        return next((c for c in candidates if c in self.facts), None)

    def _names_a_folder_or_module(self, name: str) -> bool:
        """Whether some file of the project is module `name` or lies in a folder so named."""
        if self._top_names is None:
            self._top_names = set()
            for path in self.facts:
                for part in path.split("/"):
                    self._top_names.add(part[:-3] if part.endswith(".py") else part)
        return name in self._top_names


def _read_data(file: Path) -> Optional[object]:
    """JSON, YAML, TOML or CSV data (a CSV file's rows); None for a file that is not there or
    not readable as such."""
    replay.note(file)  # present or not, it decides what the app's code holds
    try:
        if not file.is_file() or file.stat().st_size > _MAX_DATA_BYTES:
            return None
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    suffix = file.suffix.lower()
    try:
        if suffix == ".csv":  # a table: its rows, by the names in its first line
            import csv
            import io

            return list(csv.DictReader(io.StringIO(text)))
        if suffix == ".json":
            import json

            return json.loads(text)
        if suffix in (".yaml", ".yml"):
            import yaml

            return yaml.safe_load(text)
        if suffix == ".toml":
            try:
                import tomllib  # type: ignore[import-not-found]
            except ImportError:  # pragma: no cover - Python < 3.11
                import tomli as tomllib  # type: ignore[no-redef]
            return tomllib.loads(text)
    except Exception:  # a data file that does not parse gives no texts; the scan goes on
        return None
    return None


def _texts_of(data: object, part: str) -> List[str]:
    """The texts of a data file's content a value is picked from: a dict's keys or values,
    a list's items, or one field of each of its records (`field:name`)."""
    if isinstance(data, dict):
        items = list(data.keys()) if part == "keys" else list(data.values())
    elif isinstance(data, list):
        items = list(data)
    else:
        return []
    if part.startswith("field:"):
        key = part[len("field:") :]
        items = [item.get(key) for item in items if isinstance(item, dict)]
    return [i for i in items if isinstance(i, str) and i.strip() and len(i) <= _MAX_CHOICE_CHARS]


def _skipped(facts: FileFacts) -> bool:
    from .cache import SKIPPED_NOTE

    return facts.note == SKIPPED_NOTE


class _Resolver:
    def __init__(self, modules: _Modules) -> None:
        self.modules = modules
        self._data: Dict[str, Optional[object]] = {}
        self._visiting: Set[Tuple[str, str]] = set()

    def variants(self, template: str, path: str) -> List[str]:
        """The template once for each text of the data file its reference names."""
        start = template.find(REFERENCE_OPEN + _DATA)
        end = template.find(REFERENCE_CLOSE, start)
        if start < 0 or end < 0:
            return []
        reference = template[start + 1 : end]
        target, _, part = reference[len(_DATA) :].rpartition("#")
        out: List[str] = []
        for choice in _texts_of(self._load(target, path), part)[:_MAX_CHOICES]:
            text = self.text(template[:start] + choice + template[end + 1 :], path)
            if text not in out:
                out.append(text)
        return out

    def _load(self, target: str, path: str) -> Optional[object]:
        """A data file's content, from the project root (where apps run) or the code's folder
        (only the code's folder for `@file/...`, a path the code makes from `__file__`)."""
        beside = target.startswith("@file/")
        candidates = [posixpath.join(posixpath.dirname(path), target[len("@file/") :])] if beside else [
            target, posixpath.join(posixpath.dirname(path), target)
        ]
        for rel in candidates:
            rel = posixpath.normpath(rel.replace("\\", "/"))
            if rel.startswith("../") or posixpath.isabs(rel):
                continue
            if rel not in self._data:
                self._data[rel] = _read_data(self.modules.root / rel)
            if self._data[rel] is not None:
                return self._data[rel]
        return None

    def text(self, template: str, path: str, depth: int = 0, members: bool = False) -> str:
        """The template with every reference it holds replaced by its text, or "{…}"."""
        return _substitute(template, lambda reference: self.value(reference, path, depth, members))

    def value(self, reference: str, path: str, depth: int, members: bool = False) -> Optional[str]:
        """The text `module.name` stands for, seen from the file at `path`; with `members`,
        an object of texts stands for its texts, in the order the module writes them (a
        prompt built whole by another module: `buildPrompt(x)` returning `{ system, user }`)."""
        if depth >= _MAX_DEPTH or reference.startswith(_DATA):
            return None
        found = self.modules.definition(reference, path)
        if found is None:
            return None
        texts = self.modules.texts(found[0])
        text = texts.get(found[1])
        if text is None and members:
            parts = [t for name, t in texts.items() if name.startswith(found[1] + ".")]
            text = "\n\n".join(parts) if parts else None
        return self.text(text, found[0], depth + 1) if text is not None else None

    def returns_answer(self, reference: str, path: str) -> bool:
        """Does the function `module.name` return the model's answer (or what it computes from it)?"""
        found = self.modules.definition(reference, path)
        function = self.modules.functions(found[0]).get(found[1]) if found else None
        return function is not None and function.returns_answer

    def answers(self, reference: str, path: str, depth: int = 0) -> Set[str]:
        """How the model answers the function `module.name` reaches, itself or through other
        modules' functions: "text" (passed on), "data" (read as a verdict's fields); empty
        when it reaches no model."""
        found = self.modules.definition(reference, path) if depth < _MAX_DEPTH else None
        if found is None or found in self._visiting:
            return set()
        function = self.modules.functions(found[0]).get(found[1])
        if function is None:
            return set()
        if function.calls_model:
            return {"data" if function.parses_answer else "text"}
        self._visiting.add(found)
        try:
            return set().union(*(self.answers(call, found[0], depth + 1) for call in function.calls))
        finally:
            self._visiting.discard(found)


def resolve_module_texts(facts: Sequence[FileFacts], root: Path) -> List[FileFacts]:
    """Every file's facts, with what it takes from other modules resolved: the texts and
    prompts it builds from their names, and its routes that reach a model through them."""
    elsewhere = any(c.source for f in facts for c in f.answer_checks)
    if not elsewhere and not any(f.texts_from_modules or f.routes_to_modules for f in facts):
        return list(facts)
    resolver = _Resolver(_Modules(facts, root))
    out: List[FileFacts] = []
    for file_facts in facts:
        if file_facts.texts_from_modules:
            file_facts = _with_resolved(file_facts, resolver)
        if file_facts.routes_to_modules:
            file_facts = _with_routes(file_facts, resolver)
        out.append(file_facts)
    return _with_checks_elsewhere(out, resolver) if elsewhere else out


def _with_checks_elsewhere(facts: List[FileFacts], resolver: _Resolver) -> List[FileFacts]:
    """A test of what another module's function returns (`match_score(r) >= 70`) is a test of
    the model's answer when that function returns one: it joins the facts of the module that
    asks the model, beside the prompt it acts on (rules/disallowed.py reads them together).
    A test of anything else is dropped."""
    moved: Dict[str, List[AnswerCheck]] = {}
    kept: List[FileFacts] = []
    for file_facts in facts:
        checks = [c for c in file_facts.answer_checks if not c.source]
        for check in file_facts.answer_checks:
            found = resolver.modules.definition(check.source, file_facts.path) if check.source else None
            function = resolver.modules.functions(found[0]).get(found[1]) if found else None
            if found is not None and function is not None and function.returns_answer:
                moved.setdefault(found[0], []).append(dataclasses.replace(check, source=""))
        if len(checks) != len(file_facts.answer_checks):
            file_facts = dataclasses.replace(file_facts, answer_checks=tuple(checks))
        kept.append(file_facts)
    return [
        dataclasses.replace(f, answer_checks=f.answer_checks + tuple(moved[f.path])) if f.path in moved else f
        for f in kept
    ]


def _with_routes(facts: FileFacts, resolver: _Resolver) -> FileFacts:
    """Routes whose call reaches a model in another module are chat endpoints too, unless
    every model they reach answers with data (a verdict's fields for another program)."""
    surfaces = [
        ChatSurface(route.location, route.framework, route.kind, route.detail)
        for route in facts.routes_to_modules
        if "text" in set().union(*(resolver.answers(call, facts.path) for call in route.calls))
    ]
    if not surfaces:
        return facts
    order = lambda f: (f.location.line, f.location.column)  # noqa: E731
    return dataclasses.replace(facts, chat_surfaces=tuple(sorted(facts.chat_surfaces + tuple(surfaces), key=order)))


def _with_resolved(facts: FileFacts, resolver: _Resolver) -> FileFacts:
    texts: List[UserFacingText] = list(facts.user_texts)
    prompts: List[Prompt] = list(facts.prompts)
    filled: List[PromptFilledByUser] = list(facts.prompts_filled_by_user)
    for use in facts.texts_from_modules:
        if use.sink == PUBLISHED_ANSWER:  # published when the function returns the model's answer
            if resolver.returns_answer(use.template[1:-1], facts.path):
                texts.append(UserFacingText(use.location, PLACEHOLDER, use.kind))
            continue
        if use.sink == "prompt variants":
            prompts = _with_variants(prompts, use, resolver.variants(use.template, facts.path))
            continue
        text = resolver.text(use.template, facts.path, members=use.sink == "prompt")
        if text == _substitute(use.template, lambda _: None) or not text.replace(PLACEHOLDER, "").strip():
            continue  # nothing learnt: what the file itself says stands
        if use.sink == TYPED_PROMPT:
            if PLACEHOLDER in text:  # the typed value, where the other module's prompt takes it
                filled.append(PromptFilledByUser(use.location, text, use.kind))
        elif use.sink == "prompt":
            prompts = [p for p in prompts if p.location != use.location]
            prompts.append(Prompt(use.location, text, use.kind))
        else:
            texts = [t for t in texts if t.location != use.location]
            texts.append(UserFacingText(use.location, text, use.kind))
    order = lambda f: (f.location.line, f.location.column)  # noqa: E731
    return dataclasses.replace(
        facts,
        user_texts=tuple(sorted(texts, key=order)),
        prompts=tuple(sorted(prompts, key=order)),
        prompts_filled_by_user=tuple(sorted(filled, key=order)),
    )


def _with_variants(prompts: List[Prompt], use: TextFromModules, variants: List[str]) -> List[Prompt]:
    """The prompt at the place of `use`, with these variants too."""
    if not variants:
        return prompts
    at = next((p for p in prompts if p.location == use.location), None)
    if at is None:
        at = Prompt(use.location, _substitute(use.template, lambda _: None), use.kind)
    else:
        prompts = [p for p in prompts if p is not at]
    known = tuple(dict.fromkeys(at.variants + tuple(variants)))
    return prompts + [dataclasses.replace(at, variants=known)]


def _substitute(template: str, value: Callable[[str], Optional[str]]) -> str:
    out: List[str] = []
    rest = template
    while REFERENCE_OPEN in rest:
        before, _, after = rest.partition(REFERENCE_OPEN)
        reference, closed, rest = after.partition(REFERENCE_CLOSE)
        found = value(reference) if closed else None
        out.append(before + (found if found is not None else PLACEHOLDER))
    out.append(rest)
    return "".join(out)


__all__ = ["resolve_module_texts"]
