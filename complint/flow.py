"""Values across modules: texts and prompts built from names other modules of the project define.

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
from typing import Callable, Dict, List, Optional, Sequence

from .facts import (
    REFERENCE_CLOSE,
    REFERENCE_OPEN,
    FileFacts,
    Prompt,
    UserFacingText,
)

PLACEHOLDER = "{…}"  # as extract/python.py writes a value it cannot resolve
_MAX_DEPTH = 8


class _Modules:
    """The project's Python modules, by path, and the texts each binds at its top level."""

    def __init__(self, facts: Sequence[FileFacts], root: Path) -> None:
        self.root = root
        self.facts = {f.path: f for f in facts if f.language == "python"}
        self._texts: Dict[str, Dict[str, str]] = {}

    def texts(self, path: str) -> Dict[str, str]:
        if path not in self._texts:
            self._texts[path] = {t.name: t.text for t in self._module_texts(path)}
        return self._texts[path]

    def _module_texts(self, path: str):
        facts = self.facts[path]
        if facts.module_texts or facts.language != "python" or not _skipped(facts):
            return facts.module_texts
        # Left alone by the prefilter (which looks for what matters in the file itself).
        from .extract.python import extract_python

        try:
            source = (self.root / path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return ()
        return extract_python(source, path).module_texts

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
            stem = posixpath.join(base, *parts)
            candidates = (stem + ".py", posixpath.join(stem, "__init__.py")) if parts else (posixpath.join(stem, "__init__.py"),)
            found = next((c for c in candidates if c in self.facts), None)
            if found is not None:
                return found
        return None


def _skipped(facts: FileFacts) -> bool:
    from .cache import SKIPPED_NOTE

    return facts.note == SKIPPED_NOTE


class _Resolver:
    def __init__(self, modules: _Modules) -> None:
        self.modules = modules

    def text(self, template: str, path: str, depth: int = 0) -> str:
        """The template with every reference it holds replaced by its text, or "{…}"."""
        return _substitute(template, lambda reference: self.value(reference, path, depth))

    def value(self, reference: str, path: str, depth: int) -> Optional[str]:
        """The text `module.name` stands for, seen from the file at `path`."""
        if depth >= _MAX_DEPTH:
            return None
        level = len(reference) - len(reference.lstrip("."))
        parts = reference[level:].split(".")
        # The longest module name that is a file of the project, then the name in it.
        for k in range(len(parts) - 1, -1 if level else 0, -1):
            module = "." * level + ".".join(parts[:k])
            target = self.modules.module_file(module, path)
            if target is None:
                continue
            name = ".".join(parts[k:])
            text = self.modules.texts(target).get(name)
            return self.text(text, target, depth + 1) if text is not None else None
        return None


def resolve_module_texts(facts: Sequence[FileFacts], root: Path) -> List[FileFacts]:
    """Every file's facts, with the texts and prompts it builds from other modules resolved."""
    if not any(f.texts_from_modules for f in facts):
        return list(facts)
    resolver = _Resolver(_Modules(facts, root))
    out: List[FileFacts] = []
    for file_facts in facts:
        if file_facts.texts_from_modules:
            file_facts = _with_resolved(file_facts, resolver)
        out.append(file_facts)
    return out


def _with_resolved(facts: FileFacts, resolver: _Resolver) -> FileFacts:
    texts: List[UserFacingText] = list(facts.user_texts)
    prompts: List[Prompt] = list(facts.prompts)
    for use in facts.texts_from_modules:
        text = resolver.text(use.template, facts.path)
        if text == _substitute(use.template, lambda _: None) or not text.replace(PLACEHOLDER, "").strip():
            continue  # nothing learnt: what the file itself says stands
        if use.sink == "prompt":
            prompts = [p for p in prompts if p.location != use.location]
            prompts.append(Prompt(use.location, text, use.kind))
        else:
            texts = [t for t in texts if t.location != use.location]
            texts.append(UserFacingText(use.location, text, use.kind))
    order = lambda f: (f.location.line, f.location.column)  # noqa: E731
    return dataclasses.replace(facts, user_texts=tuple(sorted(texts, key=order)), prompts=tuple(sorted(prompts, key=order)))


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
