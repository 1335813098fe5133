"""The project model: every file's facts merged, so checks can reason project-wide."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Set, Tuple

from .declaration import AppDeclaration, DeclarationIssue, read_declaration
from .facts import (
    DOCUMENT_CHANNEL,
    ChatSurface,
    Dependency,
    FileFacts,
    FileProblem,
    ManifestText,
    ModelCall,
    ModelImport,
    Prompt,
    UserFacingText,
)
from .patterns import compile as compile_pattern

# Where users meet a chat first: a chat UI beats a bot, a bot beats a bare endpoint.
_SURFACE_ORDER = {"chat-ui": 0, "messaging-bot": 1, "console-loop": 2, "web-route": 3}
# Where users type: the place a disclosure belongs, rather than where answers are drawn.
_ENTRY_POINTS = frozenset({"st.chat_input", "gr.ChatInterface"})


@dataclass(frozen=True)
class Project:
    root: Path
    files: Tuple[FileFacts, ...]
    problems: Tuple[FileProblem, ...] = ()
    # The app's folder, relative to the root: "" for the app at the scan root, "bots/support"
    # for one app of several kept in one repository (see find_apps).
    prefix: str = ""

    def at_app_root(self, path: str) -> bool:
        """Whether a project-relative path is a file in the app's own folder."""
        return posixpath.dirname(path) == self.prefix

    @property
    def name(self) -> str:
        return self.prefix or "."

    @cached_property
    def model_calls(self) -> Tuple[ModelCall, ...]:
        return tuple(c for f in self.files for c in f.model_calls)

    @cached_property
    def model_imports(self) -> Tuple[ModelImport, ...]:
        return tuple(i for f in self.files for i in f.model_imports)

    @cached_property
    def chat_surfaces(self) -> Tuple[ChatSurface, ...]:
        surfaces = [s for f in self.files for s in f.chat_surfaces]
        surfaces.sort(
            key=lambda s: (
                _SURFACE_ORDER.get(s.kind, 9),
                s.detail not in _ENTRY_POINTS,
                s.location.path,
                s.location.line,
            )
        )
        return tuple(surfaces)

    @cached_property
    def shown_paths(self) -> FrozenSet[str]:
        """Project files whose text code reads and shows users, as project-relative paths."""
        return frozenset(path for f in self.files for path in shown_paths_of(f, self.prefix))

    @cached_property
    def user_texts(self) -> Tuple[UserFacingText, ...]:
        """Text users see; a document's text only where the app shows that document."""
        return tuple(
            t
            for f in self.files
            for t in f.user_texts
            if t.channel != DOCUMENT_CHANNEL or f.path in self.shown_paths
        )

    @cached_property
    def prompts(self) -> Tuple[Prompt, ...]:
        return tuple(p for f in self.files for p in f.prompts)

    @cached_property
    def dependencies(self) -> Tuple[Dependency, ...]:
        return tuple(d for f in self.files for d in f.dependencies)

    @cached_property
    def sdk_dependencies(self) -> Tuple[Dependency, ...]:
        if not self.dependencies:
            return ()
        from .extract.vocabulary import (
            sdk_package_provider,  # its tables cost an import
        )

        return tuple(d for d in self.dependencies if sdk_package_provider(d.name, d.ecosystem))

    @cached_property
    def manifest_texts(self) -> Tuple[ManifestText, ...]:
        return tuple(t for f in self.files for t in f.manifest_texts)

    @property
    def integrates_ai(self) -> bool:
        """Code evidence: a model call or an SDK import (a dependency alone is not enough)."""
        return bool(self.model_calls or self.model_imports)

    @cached_property
    def _declaration(self) -> Tuple[Optional[AppDeclaration], Tuple[DeclarationIssue, ...]]:
        # The app's declaration lives at the project root; nested ones belong to other apps.
        facts = [d for f in self.files if self.at_app_root(f.path) for d in f.declarations]
        if not facts:
            return None, ()
        declaration, issues = read_declaration(facts[0])
        for extra in facts[1:]:
            issues.append(
                DeclarationIssue(
                    extra.location,
                    "",
                    f"a second declaration (the first is {facts[0].location.path}:{facts[0].location.line}); "
                    "keep one, in [tool.complint.app] or complint.yaml",
                )
            )
        return declaration, tuple(issues)

    @property
    def declaration(self) -> Optional[AppDeclaration]:
        return self._declaration[0]

    @property
    def declaration_issues(self) -> Tuple[DeclarationIssue, ...]:
        return self._declaration[1]

    def primary_surface(self) -> Optional[ChatSurface]:
        return self.chat_surfaces[0] if self.chat_surfaces else None


def shown_paths_of(facts: FileFacts, app: str = "") -> Tuple[str, ...]:
    """Where the files a file's code shows may be, relative to the scan root: from the
    scan root and the root of the file's `app` (where apps usually run) and from the
    file's own folder."""
    out = []
    for shown in facts.shown_files:
        target = shown.target.replace("\\", "/")
        for path in (target, posixpath.join(app, target), posixpath.join(posixpath.dirname(facts.path), target)):
            path = posixpath.normpath(path)
            if path not in out and not path.startswith("../") and not posixpath.isabs(path):
                out.append(path)
    return tuple(out)


_CHAINLIT_MD = compile_pattern(r"^chainlit(_[\w-]+)?\.md$", re.IGNORECASE)
_REQUIREMENTS = compile_pattern(r"^requirements([-_.][\w.-]*)?\.(txt|in)$", re.IGNORECASE)
_PROJECT_MANIFESTS = frozenset({"pyproject.toml", "package.json"})
# Frameworks whose entry point, beside its own requirements file, is an app on its own.
_APP_FRAMEWORKS = frozenset({"streamlit", "gradio", "chainlit"})


def find_apps(root: Path, files: Tuple[FileFacts, ...], problems: Tuple[FileProblem, ...] = ()) -> Tuple[Project, ...]:
    """The apps below the scan root, found from declarations and manifests (README: "Several
    apps in one repository").

    1. A folder holding a declaration (complint.yaml, [tool.complint.app]) is an app's root;
       everything below it is that app, except what lies below a deeper declaration.
    2. Outside declared apps, a folder holding a manifest (pyproject.toml, package.json, or
       a requirements file beside a streamlit, gradio or chainlit app) whose files use a model
       API is an app of its own when the app around it has another part that uses one (its
       own files, or another such folder), or nothing else. A part that uses no model (a
       front end, a docs site), or the only part that does (a back end beside its front
       end), belongs to the app around it.
    3. What belongs to no other app belongs to the app at the scan root (".").
    """
    declared = {posixpath.dirname(f.path) for f in files if f.declarations}
    candidates: Set[str] = set()
    if "" not in declared:
        candidates = {m for m in _manifest_folders(files) if m and not _deepest(m, declared, itself=True)}
    in_declared = _Owners(declared)
    undeclared = [f for f in files if in_declared.of(f.path) == ""]
    roots = {""} | declared | set(_split_undeclared(undeclared, candidates))
    owners = _Owners(roots)
    owned: Dict[str, List[FileFacts]] = {}
    for facts in files:
        owned.setdefault(owners.of(facts.path), []).append(facts)
    _welcome_the_chainlit_app(owned, declared)
    trouble: Dict[str, List[FileProblem]] = {}
    for problem in problems:
        trouble.setdefault(owners.of(problem.path), []).append(problem)
    apps = [
        Project(root, tuple(owned.get(prefix, ())), tuple(trouble.get(prefix, ())), prefix=prefix)
        for prefix in sorted(roots)
        if owned.get(prefix)
    ]
    return tuple(apps) or (Project(root, files, problems),)


def _deepest(path: str, folders: Set[str], itself: bool = False) -> str:
    """The deepest of `folders` holding `path` (or equal to it, with `itself`); "" if none."""
    folder = path if itself else path.rpartition("/")[0]
    while folder:
        if folder in folders:
            return folder
        folder = folder.rpartition("/")[0]
    return ""


class _Owners:
    """Which of some folders holds each path, worked out once per folder: a repository's
    files are many, its folders far fewer."""

    def __init__(self, folders: Set[str]) -> None:
        self.folders = folders
        self.known: Dict[str, str] = {}

    def of(self, path: str) -> str:
        folder = path.rpartition("/")[0]
        owner = self.known.get(folder)
        if owner is None:
            owner = self.known[folder] = _deepest(folder, self.folders, itself=True)
        return owner


def _welcome_the_chainlit_app(owned: Dict[str, List[FileFacts]], declared: Set[str]) -> None:
    """chainlit.md is the chainlit app's welcome screen wherever `chainlit run` starts: one
    kept by an undeclared app with no chainlit of its own goes to the only undeclared
    chainlit app."""
    chainlit = [
        prefix for prefix, inside in sorted(owned.items())
        if prefix not in declared and any(s.framework == "chainlit" for f in inside for s in f.chat_surfaces)
    ]
    if len(chainlit) != 1:
        return
    for prefix, inside in owned.items():
        if prefix in declared or prefix == chainlit[0]:
            continue
        moved = [f for f in inside if _CHAINLIT_MD.match(posixpath.basename(f.path))]
        if moved:
            owned[prefix] = [f for f in inside if f not in moved]
            owned[chainlit[0]] = sorted(owned[chainlit[0]] + moved, key=lambda f: f.path)


def _manifest_folders(files: Tuple[FileFacts, ...]) -> Set[str]:
    by_folder: Dict[str, List[Tuple[str, FileFacts]]] = {}
    for f in files:
        folder, _, name = f.path.rpartition("/")
        by_folder.setdefault(folder, []).append((name, f))
    out = set()
    for folder, named in by_folder.items():
        if any(name.lower() in _PROJECT_MANIFESTS for name, _ in named):
            out.add(folder)
            continue
        requirements = [f for name, f in named if _REQUIREMENTS.match(name)]
        if not requirements:
            continue
        listed = {d.name for f in requirements for d in f.dependencies}
        framed = {s.framework for _, f in named for s in f.chat_surfaces}
        if (listed | framed) & _APP_FRAMEWORKS:
            out.add(folder)
    return out


def _uses_ai(facts: FileFacts) -> bool:
    if facts.model_calls or facts.model_imports:
        return True
    if not facts.dependencies:
        return False
    from .extract.vocabulary import sdk_package_provider  # its tables cost an import

    return any(sdk_package_provider(d.name, d.ecosystem) for d in facts.dependencies)


def _split_undeclared(files: List[FileFacts], candidates: Set[str], around: str = "") -> List[str]:
    """The candidate folders below `around` that are apps of their own (rule 2 of find_apps);
    `files`: those below `around` that belong to no declared app."""
    nested = {c for c in candidates if c != around and (not around or c.startswith(around + "/"))}
    if not nested:
        return []
    outermost = {c for c in nested if not _deepest(c, nested)}
    parts_of = _Owners(outermost)  # outermost folders never nest: the deepest is the only one
    groups: Dict[str, List[FileFacts]] = {}
    for facts in files:
        groups.setdefault(parts_of.of(facts.path), []).append(facts)
    parts = sorted(c for c, inside in groups.items() if c and any(_uses_ai(f) for f in inside))
    rest = [f for c, inside in groups.items() if c not in parts for f in inside]  # parts without a model too
    # A lone part that uses a model stays with what surrounds it (its front end, say),
    # unless nothing does.
    if not parts or (rest and len(parts) + any(_uses_ai(f) for f in rest) < 2):
        return []
    chosen = list(parts)
    for part in parts:
        chosen += _split_undeclared(groups[part], nested, part)
    return chosen
